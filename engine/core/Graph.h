// Graph: the define-by-run computation graph of one forward pass, owned by its caller.
//
// Every op on values that require gradients records a Node here, in creation order, which is
// already a topological order (a tape, as Stan Math and PyTorch's autograd keep one). There is
// no global tape: a training session owns its graph, and the UI refers to nodes by integer id.
// reset() starts the next forward pass and recycles the nodes and their buffers.
//
// Var is the handle user code holds: a graph, a node id and the pass it belongs to, so a Var
// kept past reset() is caught instead of silently reading a recycled node.
#pragma once

#include "Node.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace gs {

class Graph;
class BackwardRun;

class Var {
public:
    Var() = default;
    Var(Graph* graph, int id, unsigned pass)
        : m_graph(graph)
        , m_id(id)
        , m_pass(pass) {}

    bool valid() const { return m_graph != nullptr; }
    Graph& graph() const;
    int id() const { return m_id; }
    unsigned pass() const { return m_pass; }

    const Node& node() const;
    const Tensor& value() const { return node().output(); }
    const Tensor& grad() const;
    const Shape& shape() const { return value().shape(); }
    bool requiresGrad() const { return node().requiresGrad; }
    std::string name() const;
    // Gives the node a readable name ("h1", "loss") and returns the same Var.
    Var named(std::string name) const;

private:
    Graph* m_graph = nullptr;
    int m_id = -1;
    unsigned m_pass = 0;
};

struct BackwardOptions {
    // Keep the graph usable for another backward() (PyTorch's retain_graph).
    bool retainGraph = false;
    // Parameters whose gradients this run replaces rather than adds to: zero_grad() and
    // backward() in one, without a pass that writes zeros. Those the run does not reach are
    // set to zero.
    const std::vector<Parameter*>* replaceGradients = nullptr;
    // For teaching why the order matters (the lesson "backward-order"): this node is processed
    // as soon as the first of its consumers has been, not after all of them, with the
    // gradients that have arrived so far; what its later consumers send it is lost, and so is
    // their share of every gradient behind it. −1 (the default): the usual order.
    int earlyNode = -1;
};

class Graph {
public:
    explicit Graph(std::uint64_t seed = 0);
    ~Graph();
    Graph(const Graph&) = delete;
    Graph& operator=(const Graph&) = delete;

    // Leaves.
    Var input(const Tensor& value, std::string name = {});
    // An input that refers to `value` instead of copying it: `value` must stay unchanged
    // while this forward pass is in use (the trainer's batch buffer).
    Var inputView(const Tensor& value, std::string name = {});
    Var leaf(const Tensor& value, std::string name = {});
    Var param(Parameter& parameter);

    // Starts a new forward pass: drops every node (Vars from before become invalid) but keeps
    // their buffers for reuse, and clears the released flag.
    void reset();

    int size() const { return m_size; }
    unsigned pass() const { return m_pass; }
    const Node& node(int id) const;
    Node& node(int id);
    const Node& node(const Var& var) const;
    std::string nodeName(int id) const;
    std::vector<Edge> edges() const;

    // Backpropagation from a scalar. backward() is a loop of BackwardRun::step() without the
    // records, so both give the same gradients bit for bit.
    void backward(const Var& root, BackwardOptions options = {});
    BackwardRun beginBackward(const Var& root, BackwardOptions options = {});
    // Zeroes the gradients of leaf tensors and of the parameters in this graph.
    void zeroGrad();

    // Where this graph's backward passes put the gradients of `parameters`: in homes[i] for
    // parameters[i] instead of Parameter::grad. A data-parallel shard of a training step
    // (train/Trainer.h) keeps its share of the gradients apart this way while another thread
    // writes Parameter::grad. Both vectors must outlive the graph's use of them; null, null
    // (the default) sends every gradient to its Parameter.
    void setGradientHomes(const std::vector<Parameter*>* parameters, std::vector<Tensor>* homes);
    // The tensor `parameter`'s gradient accumulates in, in this graph.
    Tensor& gradientOf(Parameter& parameter) const;
    bool released() const { return m_released; }

    // Gradient recording switch (see NoGradGuard) and random numbers for dropout.
    bool gradEnabled() const { return m_gradEnabled; }
    void setGradEnabled(bool enabled) { m_gradEnabled = enabled; }
    std::mt19937_64& rng() { return m_rng; }
    const std::mt19937_64& rng() const { return m_rng; }
    void seed(std::uint64_t seed) { m_rng.seed(seed); }

    // Name scopes (see NameScope): nodes recorded inside get "scope.op" names.
    void pushScope(const std::string& scope);
    void popScope();
    // The layer index given to nodes recorded from now on (see LayerScope); −1 for none.
    int layer() const { return m_layer; }
    void setLayer(int layer) { m_layer = layer; }

    // For op implementations: validates inputs and appends a node whose value the caller fills.
    Node& record(OpKind op, std::initializer_list<Var> inputs);
    // The name the next recorded node of this op would get, for forward-time error messages.
    std::string pendingName(OpKind op) const;
    Var var(const Node& node) { return {this, node.id, m_pass}; }

private:
    friend class BackwardRun;
    Node& appendNode(OpKind op);
    std::string autoName(OpKind op, int id, int scope) const;

    std::vector<std::unique_ptr<Node>> m_nodes; // capacity kept across reset()
    int m_size = 0;
    unsigned m_pass = 1;
    bool m_gradEnabled = true;
    bool m_released = false;
    std::vector<std::string> m_scopes; // every scope opened this pass
    std::vector<int> m_scopeStack;
    int m_layer = -1;
    std::mt19937_64 m_rng;
    // Backward scratch kept across runs: consumer edges of each node.
    std::vector<std::vector<Edge>> m_consumers;
    Tensor m_scratch;                                  // broadcast reductions
    std::vector<int> m_orderScratch, m_pendingScratch; // lent to BackwardRun
    std::vector<char> m_reachedScratch;
    const std::vector<Parameter*>* m_homeParameters = nullptr;
    std::vector<Tensor>* m_homes = nullptr;
};

// Ops recorded while a NoGradGuard lives do not require gradients (torch.no_grad()).
class NoGradGuard {
public:
    explicit NoGradGuard(Graph& graph)
        : m_graph(graph)
        , m_previous(graph.gradEnabled()) {
        graph.setGradEnabled(false);
    }
    ~NoGradGuard() { m_graph.setGradEnabled(m_previous); }
    NoGradGuard(const NoGradGuard&) = delete;
    NoGradGuard& operator=(const NoGradGuard&) = delete;

private:
    Graph& m_graph;
    bool m_previous;
};

// Nodes recorded while a NameScope lives are named "scope.op" ("linear1.matmul").
class NameScope {
public:
    NameScope(Graph& graph, const std::string& scope)
        : m_graph(graph) {
        graph.pushScope(scope);
    }
    ~NameScope() { m_graph.popScope(); }
    NameScope(const NameScope&) = delete;
    NameScope& operator=(const NameScope&) = delete;

private:
    Graph& m_graph;
};

// Nodes recorded while a LayerScope lives belong to that layer of a Sequential: Node::layer
// holds its index, so the views group a layer's ops (its parameters included) by a number
// instead of parsing it back out of the nodes' names.
class LayerScope {
public:
    LayerScope(Graph& graph, int layer)
        : m_graph(graph)
        , m_previous(graph.layer()) {
        graph.setLayer(layer);
    }
    ~LayerScope() { m_graph.setLayer(m_previous); }
    LayerScope(const LayerScope&) = delete;
    LayerScope& operator=(const LayerScope&) = delete;

private:
    Graph& m_graph;
    int m_previous;
};

} // namespace gs
