#include "TraceJson.h"

#include "Serialize.h"

namespace gs {

Json stepRecordToJson(const Graph& graph, const StepRecord& r) {
    Json j = Json::object();
    j.set("index", r.index);
    j.set("node", r.node);
    j.set("name", r.nodeName);
    j.set("op", opName(r.op));
    j.set("is_root", r.isRoot);
    j.set("upstream", tensorToJson(r.upstream));
    Json contributions = Json::array();
    for (const Contribution& c : r.contributions) {
        Json cj = Json::object();
        cj.set("from", graph.nodeName(c.fromNode));
        cj.set("slot", c.slot);
        cj.set("gradient", tensorToJson(c.gradient));
        contributions.push(std::move(cj));
    }
    j.set("contributions", std::move(contributions));
    Json edges = Json::array();
    for (const EdgeStep& e : r.edges) {
        Json ej = Json::object();
        ej.set("slot", e.slot);
        ej.set("input", graph.nodeName(e.inputNode));
        ej.set("formula", e.formula);
        if (e.localDerivative) ej.set("local_derivative", tensorToJson(*e.localDerivative));
        ej.set("gradient", tensorToJson(e.gradient));
        if (e.broadcastReduced) ej.set("summed_over_broadcast", true);
        if (!e.accumulatesInto.empty()) ej.set("accumulates_into", e.accumulatesInto);
        edges.push(std::move(ej));
    }
    j.set("edges", std::move(edges));
    if (!r.parameter.empty()) j.set("parameter", r.parameter);
    return j;
}

} // namespace gs
