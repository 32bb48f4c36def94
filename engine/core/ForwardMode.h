// Forward mode: a Jacobian-vector product carried along a recorded forward pass.
//
// Reverse mode (Backward.h) gives the derivative of one output (the loss) with respect to every
// input in one pass backwards. Forward mode gives the derivative of every node with respect to
// one direction of the inputs (a tangent) in one pass forwards: each node's tangent is its
// op's derivative applied to its inputs' tangents, d(a·b) = ȧ·b + a·ḃ and so on, in creation
// order. Seeded with one weight's unit vector, the loss's tangent is that weight's dL/dw: the
// same number backpropagation gives, at the cost of one such pass per weight. The lessons use
// it to show both modes side by side (lesson "forward-reverse").
#pragma once

#include "Graph.h"

#include <utility>
#include <vector>

namespace gs {

// The tangent of every node of `graph`'s current forward pass, by node id, given the tangents
// of some of its leaves (`seeds`: node id and a tensor of its shape); every other leaf's is 0.
// An empty tensor stands for a tangent that is all zero. Covers the ops of multi-layer
// perceptrons: elementwise ops and activations (through their local derivatives), Add, Sub,
// Mul, Linear, MatMul, Flatten, Reshape, Sum, Mean and the three losses. Throws Unsupported
// naming any other op on the path of a non-zero tangent, and ShapeError for a seed of the
// wrong shape.
std::vector<Tensor> forwardTangents(const Graph& graph,
                                    const std::vector<std::pair<int, Tensor>>& seeds);

} // namespace gs
