// A static graph: built once, then run many times on new inputs (TensorFlow 1.x's
// build-then-run, against the define-by-run Graph that the model's code records afresh on every
// forward pass, as PyTorch's does).
//
// StaticGraph keeps the structure of one recorded forward pass: each node's op, its input edges
// and its settings (OpAttrs). run() executes those ops again, in the order they were recorded,
// on new values fed to the placeholders, with the parameters' values as they are then; the
// model's code does not run. Each op is computed by the same kernel as when it was recorded,
// so a pass replayed on a batch gives, bit for bit, the numbers a define-by-run pass on that
// batch gives, when both graphs start from the same random state (dropout draws its masks from
// the graph's generator). The lesson "static-graphs" shows both side by side.
//
// The static graph refers to the recorded pass's Parameters, which must outlive it. A Leaf (a
// tensor that wants a gradient) is replayed as a new leaf holding its recorded value: gradients
// of a replay do not reach the caller's tensor.
#pragma once

#include "Graph.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

// What a static graph is fed: a tensor for each named input (placeholder) and, for a
// cross-entropy node, the batch's class labels. An input not fed keeps its recorded value (a
// constant, as a scalar in `loss * 0.5`).
struct StaticFeed {
    std::map<std::string, Tensor> inputs; // by the input's name ("x", "target")
    std::vector<int> labels;              // empty: the recorded labels
};

class StaticGraph {
public:
    // The structure of `graph`'s pass up to node `output` (inclusive). Throws Unsupported for
    // an op that cannot be replayed from what the graph records: a custom op (its code is the
    // user's), and batch normalisation in evaluation mode (it reads running statistics that
    // are not part of the graph).
    StaticGraph(const Graph& graph, const Var& output);

    int size() const { return int(m_nodes.size()); } // nodes, leaves included
    int opCount() const;                             // nodes that compute something
    // The names of the inputs run() may be fed, in the order they were recorded.
    std::vector<std::string> placeholders() const;

    // Executes the recorded ops into `into` (reset first), on `feed`; returns the output's
    // variable there. Throws ShapeError when a fed input's shape does not fit the ops (a static
    // graph's reshapes keep their recorded shapes).
    Var run(Graph& into, const StaticFeed& feed) const;

private:
    struct Recorded {
        OpKind op = OpKind::Input;
        std::string name;
        std::array<int, kMaxInputs> inputs{-1, -1, -1};
        int inputCount = 0;
        OpAttrs attrs;
        Parameter* parameter = nullptr;
        Tensor constant;         // an input's or leaf's recorded value
        Shape shape;             // the recorded output's shape (reshape's target)
        std::vector<int> labels; // cross-entropy's recorded labels
    };
    std::vector<Recorded> m_nodes;
};

} // namespace gs
