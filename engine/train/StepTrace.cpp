#include "StepTrace.h"

#include "core/Errors.h"

namespace gs {

namespace {

// sent[e] = Σ_k upstream[up(k)] · factor[fac(k)], k = 0 … count − 1.
template <class Up, class Fac>
void sumOfProducts(EntryGradient& g, const Tensor& upstream, const Tensor& factor, Index count,
                   Up up, Fac fac) {
    g.rule = EntryGradient::Rule::SumOfProducts;
    for (Index k = 0; k < count; ++k)
        g.terms.push_back({k, double(upstream[up(k)]), double(factor[fac(k)]), up(k), fac(k)});
}

} // namespace

Message traceProblem(const StepTrace& t) {
    const int n = int(t.forward.size());
    if (t.nodeNames.size() != t.forward.size())
        return Message(Engine::tr("the trace names {1} nodes but records {2}"), t.nodeNames.size(),
                       n);
    for (int i = 0; i < n; ++i) {
        const ForwardRecord& r = t.forward[std::size_t(i)];
        if (r.node != i)
            return Message(
                Engine::tr("forward record {1} is of node {2} (records must be in node order)"), i,
                r.node);
        if (r.inputIds.size() != r.inputs.size())
            return Message(Engine::tr("node {1} has {2} input ids but {3} input names"), r.name,
                           r.inputIds.size(), r.inputs.size());
        for (int in : r.inputIds)
            if (in < 0 || in >= i)
                return Message(Engine::tr("node {1} reads node {2}, which is not an earlier node"),
                               r.name, in);
    }
    for (const StepRecord& r : t.backward) {
        if (r.node < 0 || r.node >= n)
            return Message(Engine::tr("a backward step is of node {1}, which the forward pass did "
                                      "not record"),
                           r.node);
        for (const Contribution& c : r.contributions)
            if (c.fromNode < 0 || c.fromNode >= n)
                return Message(Engine::tr("node {1} got a gradient from unknown node {2}"),
                               r.nodeName, c.fromNode);
        for (const EdgeStep& e : r.edges)
            if (e.inputNode < 0 || e.inputNode >= n)
                return Message(Engine::tr("node {1} sent a gradient to unknown node {2}"),
                               r.nodeName, e.inputNode);
    }
    return {};
}

int layerOutputNode(const StepTrace& t, int layer) {
    int found = -1;
    for (const ForwardRecord& r : t.forward)
        if (layer >= 0 && r.layer == layer && r.op != OpKind::Parameter) found = r.node;
    return found;
}

EntryGradient entryGradient(const StepTrace& t, const StepRecord& record, const EdgeStep& edge,
                            Index entry) {
    if (entry < 0 || entry >= edge.gradient.numel())
        throw InvalidArgument(Engine::tr("entry {1} is outside the gradient sent to {2} {3}"),
                              entry, t.nodeNames.at(std::size_t(edge.inputNode)),
                              edge.gradient.shape().str());
    EntryGradient g;
    g.sent = edge.gradient[entry];
    const Tensor& up = record.upstream;
    const auto& inputs = t.forward.at(std::size_t(record.node)).inputIds;
    const auto input = [&](int slot) -> const Tensor& {
        return t.forward.at(std::size_t(inputs.at(std::size_t(slot)))).value;
    };
    if (edge.localDerivative && edge.localDerivative->shape() == up.shape() &&
        edge.gradient.shape() == up.shape()) {
        g.rule = EntryGradient::Rule::Elementwise;
        g.terms.push_back(
            {entry, double(up[entry]), double((*edge.localDerivative)[entry]), entry, entry});
    } else if (record.op == OpKind::Linear && up.rank() == 2 && input(0).rank() == 2) {
        // y = x Wᵀ + b with x [B, in], W [out, in], b [out], y [B, out].
        const Index batch = up.rows(), out = up.cols(), in = input(0).cols();
        if (edge.slot == 0) { // dL/dx[b, j] = Σ_i upstream[b, i] · W[i, j]
            const Index b = entry / in, j = entry % in;
            g.over = EntryGradient::Over::Units;
            g.factorNode = inputs[1];
            sumOfProducts(
                g, up, input(1), out, [&](Index i) { return b * out + i; },
                [&](Index i) { return i * in + j; });
        } else if (edge.slot == 1) { // dL/dW[i, j] = Σ_b upstream[b, i] · x[b, j]
            const Index i = entry / in, j = entry % in;
            g.over = EntryGradient::Over::Samples;
            g.factorNode = inputs[0];
            sumOfProducts(
                g, up, input(0), batch, [&](Index b) { return b * out + i; },
                [&](Index b) { return b * in + j; });
        } else { // dL/db[i] = Σ_b upstream[b, i]
            g.rule = EntryGradient::Rule::Sum;
            g.over = EntryGradient::Over::Samples;
            for (Index b = 0; b < batch; ++b)
                g.terms.push_back({b, double(up[b * out + entry]), 1.0, b * out + entry, -1});
        }
    } else if (record.op == OpKind::MatMul && up.rank() == 2 && input(0).rank() == 2 &&
               input(1).rank() == 2) {
        // y = a @ b with a [R, K], b [K, C], y [R, C].
        const Index rows = input(0).rows(), inner = input(0).cols(), cols = input(1).cols();
        if (edge.slot == 0) { // dL/da[r, k] = Σ_c upstream[r, c] · b[k, c]
            const Index r = entry / inner, k = entry % inner;
            g.over = EntryGradient::Over::Units;
            g.factorNode = inputs[1];
            sumOfProducts(
                g, up, input(1), cols, [&](Index c) { return r * cols + c; },
                [&](Index c) { return k * cols + c; });
        } else { // dL/db[k, c] = Σ_r a[r, k] · upstream[r, c]
            const Index k = entry / cols, c = entry % cols;
            g.over = EntryGradient::Over::Samples;
            g.factorNode = inputs[0];
            sumOfProducts(
                g, up, input(0), rows, [&](Index r) { return r * cols + c; },
                [&](Index r) { return r * inner + k; });
        }
    } else if ((record.op == OpKind::Add || record.op == OpKind::Sub) && edge.broadcastReduced &&
               up.rank() == 2 && edge.gradient.numel() == up.cols()) {
        // A row broadcast over the batch (a bias): dL/db[c] = Σ_r upstream[r, c] · (±1).
        g.rule = EntryGradient::Rule::Sum;
        g.over = EntryGradient::Over::Samples;
        const double sign = record.op == OpKind::Sub && edge.slot == 1 ? -1.0 : 1.0;
        for (Index r = 0; r < up.rows(); ++r)
            g.terms.push_back(
                {r, double(up[r * up.cols() + entry]), sign, r * up.cols() + entry, -1});
    }
    for (const EntryTerm& term : g.terms)
        g.sum += term.upstream * term.factor;
    return g;
}

} // namespace gs
