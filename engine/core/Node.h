// A node of the computation graph: one op applied to up to three input edges.
//
// Input edge `slot` of a node comes from node `inputs[slot]`. Nodes are recycled by
// Graph::reset() so that their tensors keep their buffers between forward passes: once shapes
// are stable a training step allocates nothing here.
#pragma once

#include "OpKind.h"
#include "Parameter.h"
#include "Tensor.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace gs {

struct CustomFunction; // ops/Custom.h

// Op-specific settings recorded at forward time.
struct OpAttrs {
    Scalar alpha = 0; // leaky-relu slope, pow exponent, dropout probability, norm's ε
    int axis = 0;     // sum/mean over an axis
    bool keepDim = false;
    bool training = true; // dropout, batch norm
    int stride = 1;       // conv2d, maxpool2d
    int padding = 0;      // conv2d
    int kernel = 0;       // pooling window
};

// An edge of the graph: input `slot` of node `to` comes from node `from`.
struct Edge {
    int from = -1;
    int to = -1;
    int slot = 0;
};

struct Node {
    int id = -1;
    OpKind op = OpKind::Input;
    std::string name; // empty: the graph names it (see Graph::nodeName)
    int scope = -1;   // name scope active when recorded, index into the graph's scopes
    int layer = -1;   // the Sequential layer that recorded it (see LayerScope), −1 for none
    std::array<int, kMaxInputs> inputs{-1, -1, -1};
    int inputCount = 0;
    bool requiresGrad = false;

    Tensor value;                     // the output (unused for Parameter leaves: see output())
    Parameter* parameter = nullptr;   // set for OpKind::Parameter
    const Tensor* external = nullptr; // an input viewed, not copied (Graph::inputView)

    // Gradient dL/d(output). Interior nodes: this backward run's. Leaf tensors: accumulated
    // over runs until zeroGrad(), as PyTorch's leaf .grad. Parameter leaves leave it empty:
    // their gradient accumulates in Parameter::grad, and this run's share is the sum of the
    // edgeGrads of their consumers (or StepRecord::upstream when stepping).
    Tensor grad;
    bool hasGrad = false;

    // What flowed along each input edge in the last backward: dL/d(input) as sent by this
    // node, before it is summed with other consumers' contributions. The graph view draws it
    // (from a traced step). Where the input has no other consumer and the backward did not
    // retain the graph, it has been moved into the input's grad instead of copied.
    std::array<Tensor, kMaxInputs> edgeGrads;
    std::array<bool, kMaxInputs> edgeHasGrad{false, false, false};

    OpAttrs attrs;
    Tensor saved;                  // what the backward needs: softmax probs, dropout mask, ...
    Tensor stats;                  // normalisation: the mean, variance, 1/σ of each group
    std::vector<Index> savedIndex; // max-pool argmax positions
    std::vector<int> labels;       // cross-entropy targets
    // Scratch an op's backward may use (conv2d's column gradients); kept so that it is
    // allocated once, not every step. Mutable: backward rules see the node as const.
    mutable std::array<Tensor, 2> workspace;
    std::shared_ptr<const CustomFunction> custom; // OpKind::Custom: its forward and backward

    const Tensor& output() const {
        return parameter ? parameter->value : external ? *external : value;
    }
};

} // namespace gs
