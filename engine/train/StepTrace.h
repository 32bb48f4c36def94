// A training step written down as it runs: every forward node's value, the loss, every backward
// step-through record, and the optimizer's update of every parameter. Trainer::step(&trace)
// records one while taking an ordinary step, so the numbers are exactly those of training.
//
// The functions below read a trace for the step-through: whether a view can show it at all,
// where a layer's output is, and how one entry of a gradient sent along an edge was made, term
// by term, from the trace's own tensors (so that a student can follow a single weight of a
// network of any size).
#pragma once

#include "core/Backward.h"
#include "core/Message.h"

#include <string>
#include <utility>
#include <vector>

namespace gs {

struct ForwardRecord {
    int node = -1;
    std::string name;
    OpKind op = OpKind::Input;
    int layer = -1; // the Sequential layer that recorded it (Node::layer), −1 for none
    std::vector<std::string> inputs; // names of the input nodes
    std::vector<int> inputIds;       // their node ids
    Tensor value;
};

struct UpdateRecord {
    std::string parameter;
    Tensor before, gradient, update, after;
    // The optimizer's buffers after the step, under PyTorch's names; for Adam and AdamW also
    // the bias-corrected moments m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ) the rule divides.
    std::vector<std::pair<std::string, Tensor>> state;
};

struct StepTrace {
    long step = 0; // the step this is (1 for the first)
    Index batch = 0;
    Index sample = -1; // a one-sample step: the training sample's row; −1 for a mini-batch
    std::vector<ForwardRecord> forward; // by node id: forward[i].node == i
    double loss = 0;
    std::vector<StepRecord> backward;
    std::vector<std::string> nodeNames; // by node id, for the records' edges
    Message optimizer;                  // optimizerLabel()
    std::string rule;                   // updateRule()
    double learningRate = 0;
    std::vector<UpdateRecord> updates;
};

// What makes a trace impossible to show, in a sentence (translatable); empty when it is
// consistent: forward records in node order, inputs that are earlier nodes, backward records
// and edges of known nodes, a name for every node.
Message traceProblem(const StepTrace& trace);

// The node holding a layer's output: the last node the layer recorded that is not one of its
// parameters. −1 when the layer recorded none.
int layerOutputNode(const StepTrace& trace, int layer);

// One entry of the gradient a backward step sent along one edge, taken apart:
//   Elementwise    sent[e] = upstream[e] · local derivative[e]           (one term)
//   SumOfProducts  sent[e] = Σ_k upstream[…k…] · factor[…k…]             (matmul, linear)
//   Sum            sent[e] = Σ_k upstream[k, e] · (±1)                    (a bias, broadcast)
//   Other          a rule that mixes many entries (softmax, losses, conv): the result only
// For a Linear layer's weight, k runs over the batch's samples: dL/dW[i, j] =
// Σ_b upstream[b, i] · x[b, j]; for its input x it runs over the layer's units.
struct EntryTerm {
    Index k = 0; // the sample (row) or unit the term belongs to
    double upstream = 0;
    double factor = 0;       // the local derivative, the other operand's entry, or ±1
    Index upstreamIndex = 0; // flat, into the record's upstream
    Index factorIndex = -1;  // flat, into factorNode's value (or the local derivative)
};
struct EntryGradient {
    enum class Rule { Elementwise, SumOfProducts, Sum, Other };
    enum class Over { Nothing, Samples, Units };
    Rule rule = Rule::Other;
    Over over = Over::Nothing;
    int factorNode = -1; // whose value the factor is (SumOfProducts), −1 otherwise
    std::vector<EntryTerm> terms;
    double sum = 0;  // Σ of the terms, in double
    double sent = 0; // what the backward pass sent along the edge at this entry
};
// `entry` is a flat index into the edge's gradient (the input's shape). Throws InvalidArgument
// for an entry outside it.
EntryGradient entryGradient(const StepTrace& trace, const StepRecord& record, const EdgeStep& edge,
                            Index entry);

} // namespace gs
