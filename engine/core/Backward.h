// BackwardRun: one backward pass that can be walked one node at a time.
//
// The run fixes the execution order when it starts (the nodes that lead to the root and need
// a gradient, in reverse creation order), holds each node's count of consumers still to send
// it a gradient, and processes one node per step(): it sums the gradients that arrived along
// the node's output edges, calls the op's backward rule, reduces broadcast gradients to the
// input shapes, and stores what it sends along every input edge. step() returns a StepRecord
// with the numbers; advance() does the same arithmetic without building one, and
// Graph::backward() is a loop of advance(), so stepping and backward() agree bit for bit.
#pragma once

#include "Graph.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

// A gradient that arrived at a node along one of its output edges.
struct Contribution {
    int fromNode = -1; // the consumer that sent it
    int slot = 0;      // the consumer's input slot it went out of
    Tensor gradient;
};

// What a step sent along one input edge.
struct EdgeStep {
    int slot = 0;
    int inputNode = -1;
    std::string formula; // "dL/dh1 = dL/dz2 @ W2ᵀ"
    // For elementwise ops: d(output)/d(input), elementwise, e.g. relu'(z) as 0s and 1s.
    std::optional<Tensor> localDerivative;
    Tensor gradient;               // what was sent, already reduced to the input's shape
    bool broadcastReduced = false; // the gradient was summed over broadcast rows/columns
    std::string accumulatesInto;   // the parameter name if the input is a parameter leaf
};

struct StepRecord {
    int node = -1;
    OpKind op = OpKind::Input;
    std::string nodeName;
    int index = 0; // position in the execution order
    // dL/d(this node's output): the sum of the contributions (one per output edge), or 1 at
    // the root.
    Tensor upstream;
    std::vector<Contribution> contributions;
    bool isRoot = false;
    std::vector<EdgeStep> edges; // empty for leaves
    std::string parameter;       // set when this node is a parameter leaf: its name
};

class BackwardRun {
public:
    BackwardRun(Graph& graph, const Var& root, BackwardOptions options);
    // The run borrows its buffers from the graph and gives them back, so that a training
    // step allocates nothing here once the graph's size is stable.
    ~BackwardRun();
    BackwardRun(BackwardRun&&) = default;
    BackwardRun& operator=(BackwardRun&&) = delete;

    const std::vector<int>& order() const { return m_order; }
    int position() const { return m_position; }
    bool done() const { return m_position >= static_cast<int>(m_order.size()); }

    // Processes the next node and returns what happened. Throws GraphError when done.
    StepRecord step();
    // Processes the next node without building a record.
    void advance();
    // Processes every remaining node.
    void run();

private:
    void process(StepRecord* record);
    void checkAlive() const;

    Graph& m_graph;
    int m_root;
    unsigned m_pass;
    BackwardOptions m_options;
    std::vector<int> m_order;
    std::vector<int> m_pending; // consumers not yet processed, per node id
    std::vector<char> m_processed; // per node id, only with BackwardOptions::earlyNode
    int m_position = 0;
    // Of options.replaceGradients: those whose gradient this run has not yet written.
    std::vector<Parameter*> m_toReplace;
};

} // namespace gs
