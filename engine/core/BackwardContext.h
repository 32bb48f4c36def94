// What an op's backward rule sees, and the signatures of the per-op rules in the op table.
//
// A rule fills gradIn[slot] (null when that input needs no gradient) with dL/d(input). For
// broadcasting elementwise ops it may leave the gradient in the output's shape; the shared
// backward loop reduces it to the input's shape (see BackwardRun::process).
#pragma once

#include "Graph.h"

#include <array>

namespace gs {

struct BackwardContext {
    const Graph& graph;
    const Node& node;
    const Tensor& gradOut;
    std::array<Tensor*, kMaxInputs> gradIn{nullptr, nullptr, nullptr};

    const Tensor& input(int slot) const { return graph.node(node.inputs[slot]).output(); }
    const Tensor& output() const { return node.value; }
};

using BackwardFn = void (*)(BackwardContext&);
// Writes d(output)/d(input `slot`) elementwise into `out`; returns false where there is none.
using LocalDerivativeFn = bool (*)(const Graph&, const Node&, int slot, Tensor& out);

BackwardFn backwardRule(OpKind kind);
LocalDerivativeFn localDerivativeRule(OpKind kind);

} // namespace gs
