#include "TraceJson.h"

#include "Serialize.h"

namespace gs {

namespace {
template <class Name> Json recordToJson(const Name& nameOf, const StepRecord& r) {
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
        cj.set("from", nameOf(c.fromNode));
        cj.set("slot", c.slot);
        cj.set("gradient", tensorToJson(c.gradient));
        contributions.push(std::move(cj));
    }
    j.set("contributions", std::move(contributions));
    Json edges = Json::array();
    for (const EdgeStep& e : r.edges) {
        Json ej = Json::object();
        ej.set("slot", e.slot);
        ej.set("input", nameOf(e.inputNode));
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
} // namespace

Json stepRecordToJson(const Graph& graph, const StepRecord& r) {
    return recordToJson([&](int id) { return graph.nodeName(id); }, r);
}

Json stepRecordToJson(const std::vector<std::string>& nodeNames, const StepRecord& r) {
    return recordToJson([&](int id) { return nodeNames.at(std::size_t(id)); }, r);
}

Json stepTraceToJson(const StepTrace& t) {
    Json forward = Json::array();
    for (const ForwardRecord& f : t.forward) {
        Json j = Json::object();
        j.set("node", f.node);
        j.set("name", f.name);
        j.set("op", opName(f.op));
        Json inputs = Json::array();
        for (const std::string& in : f.inputs)
            inputs.push(in);
        j.set("inputs", std::move(inputs));
        j.set("value", tensorToJson(f.value));
        forward.push(std::move(j));
    }
    Json backward = Json::array();
    for (const StepRecord& r : t.backward)
        backward.push(stepRecordToJson(t.nodeNames, r));
    Json parameters = Json::array();
    for (const UpdateRecord& u : t.updates) {
        Json j = Json::object();
        j.set("parameter", u.parameter);
        j.set("before", tensorToJson(u.before));
        j.set("gradient", tensorToJson(u.gradient));
        Json state = Json::object();
        for (const auto& [name, tensor] : u.state)
            state.set(name, tensorToJson(tensor));
        j.set("state", std::move(state));
        j.set("update", tensorToJson(u.update));
        j.set("after", tensorToJson(u.after));
        parameters.push(std::move(j));
    }
    Json update = Json::object();
    update.set("optimizer", t.optimizer.english());
    update.set("rule", t.rule);
    update.set("learning_rate", t.learningRate);
    update.set("parameters", std::move(parameters));
    Json j = Json::object();
    j.set("step", t.step);
    j.set("batch", Json(static_cast<long long>(t.batch)));
    j.set("forward", std::move(forward));
    j.set("loss", t.loss);
    j.set("backward", std::move(backward));
    j.set("update", std::move(update));
    return j;
}

} // namespace gs
