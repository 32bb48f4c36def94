#include "Graph.h"

#include "Backward.h"

#include <algorithm>

namespace gs {

Graph& Var::graph() const {
    if (!m_graph) throw GraphError(Engine::tr("this Var holds no value (default-constructed)"));
    return *m_graph;
}

const Node& Var::node() const {
    return graph().node(*this);
}

const Tensor& Var::grad() const {
    const Node& n = node();
    if (n.parameter) return graph().gradientOf(*n.parameter);
    return n.grad;
}

std::string Var::name() const {
    return graph().nodeName(node().id);
}

Var Var::named(std::string name) const {
    graph().node(m_id).name = std::move(name);
    return *this;
}

Graph::Graph(std::uint64_t seed)
    : m_rng(seed) {}

Graph::~Graph() = default;

Node& Graph::appendNode(OpKind op) {
    if (m_size == static_cast<int>(m_nodes.size())) m_nodes.push_back(std::make_unique<Node>());
    Node& n = *m_nodes[static_cast<std::size_t>(m_size)];
    n.id = m_size++;
    n.op = op;
    n.name.clear();
    n.scope = m_scopeStack.empty() ? -1 : m_scopeStack.back();
    n.layer = m_layer;
    n.inputs = {-1, -1, -1};
    n.inputCount = 0;
    n.requiresGrad = false;
    n.parameter = nullptr;
    n.external = nullptr;
    n.hasGrad = false;
    n.edgeHasGrad = {false, false, false};
    n.attrs = OpAttrs{};
    n.custom.reset();
    return n;
}

Var Graph::input(const Tensor& value, std::string name) {
    Node& n = appendNode(OpKind::Input);
    n.value = value;
    n.name = std::move(name);
    return var(n);
}

Var Graph::inputView(const Tensor& value, std::string name) {
    Node& n = appendNode(OpKind::Input);
    n.external = &value;
    n.name = std::move(name);
    return var(n);
}

Var Graph::leaf(const Tensor& value, std::string name) {
    Node& n = appendNode(OpKind::Leaf);
    n.value = value;
    n.name = std::move(name);
    n.requiresGrad = true;
    n.grad = Tensor::zeros(value.shape());
    return var(n);
}

Var Graph::param(Parameter& parameter) {
    // With homes, every parameter must have one: Parameter::grad may be another thread's.
    if (m_homeParameters && std::find(m_homeParameters->begin(), m_homeParameters->end(),
                                      &parameter) == m_homeParameters->end())
        throw GraphError(Engine::tr("internal: the parameter '{1}' has no gradient home here"),
                         parameter.name);
    Tensor& grad = gradientOf(parameter);
    if (grad.shape() != parameter.value.shape()) grad = Tensor::zeros(parameter.value.shape());
    Node& n = appendNode(OpKind::Parameter);
    n.parameter = &parameter;
    n.requiresGrad = true;
    return var(n);
}

void Graph::reset() {
    m_size = 0;
    ++m_pass;
    m_released = false;
    m_scopes.clear();
    m_scopeStack.clear();
    m_layer = -1;
}

const Node& Graph::node(int id) const {
    if (id < 0 || id >= m_size)
        throw GraphError(Engine::tr("no node with id {1} (the graph has {2} nodes)"), id, m_size);
    return *m_nodes[static_cast<std::size_t>(id)];
}

Node& Graph::node(int id) {
    return const_cast<Node&>(static_cast<const Graph*>(this)->node(id));
}

const Node& Graph::node(const Var& var) const {
    if (&var.graph() != this)
        throw GraphError(Engine::tr("this value belongs to a different graph"));
    if (var.pass() != m_pass)
        throw GraphError(Engine::tr("this value belongs to an earlier forward pass: the graph was "
                                    "reset since it was computed; compute it again in the "
                                    "current pass"));
    return node(var.id());
}

std::string Graph::autoName(OpKind op, int id, int scope) const {
    std::string base = opName(op);
    if (scope >= 0) return m_scopes[static_cast<std::size_t>(scope)] + "." + base;
    return base + "_" + std::to_string(id);
}

std::string Graph::nodeName(int id) const {
    const Node& n = node(id);
    if (!n.name.empty()) return n.name;
    if (n.parameter)
        return n.parameter->name.empty() ? autoName(n.op, id, n.scope) : n.parameter->name;
    return autoName(n.op, id, n.scope);
}

std::string Graph::pendingName(OpKind op) const {
    return autoName(op, m_size, m_scopeStack.empty() ? -1 : m_scopeStack.back());
}

std::vector<Edge> Graph::edges() const {
    std::vector<Edge> out;
    for (int id = 0; id < m_size; ++id) {
        const Node& n = *m_nodes[static_cast<std::size_t>(id)];
        for (int slot = 0; slot < n.inputCount; ++slot)
            out.push_back({n.inputs[static_cast<std::size_t>(slot)], id, slot});
    }
    return out;
}

void Graph::pushScope(const std::string& scope) {
    std::string full = m_scopeStack.empty()
                           ? scope
                           : m_scopes[static_cast<std::size_t>(m_scopeStack.back())] + "." + scope;
    m_scopes.push_back(std::move(full));
    m_scopeStack.push_back(static_cast<int>(m_scopes.size()) - 1);
}

void Graph::popScope() {
    if (!m_scopeStack.empty()) m_scopeStack.pop_back();
}

Node& Graph::record(OpKind op, std::initializer_list<Var> inputs) {
    const OpInfo& info = opInfo(op);
    const int count = static_cast<int>(inputs.size());
    if (count < info.minInputs || count > info.maxInputs)
        throw InvalidArgument(Engine::tr("{1} takes {2} to {3} inputs, got {4}"),
                              std::string(info.name), info.minInputs, info.maxInputs, count);
    bool requiresGrad = false;
    for (const Var& in : inputs) {
        const Node& producer = node(in); // validates graph and pass
        requiresGrad = requiresGrad || producer.requiresGrad;
    }
    Node& n = appendNode(op);
    int slot = 0;
    for (const Var& in : inputs)
        n.inputs[static_cast<std::size_t>(slot++)] = in.id();
    n.inputCount = count;
    n.requiresGrad = requiresGrad && m_gradEnabled;
    return n;
}

void Graph::backward(const Var& root, BackwardOptions options) {
    BackwardRun run(*this, root, options);
    run.run();
}

BackwardRun Graph::beginBackward(const Var& root, BackwardOptions options) {
    return BackwardRun(*this, root, options);
}

void Graph::zeroGrad() {
    for (int id = 0; id < m_size; ++id) {
        Node& n = *m_nodes[static_cast<std::size_t>(id)];
        if (n.op == OpKind::Leaf) n.grad.fill(0);
        if (n.parameter) {
            Tensor& grad = gradientOf(*n.parameter);
            grad.resize(n.parameter->value.shape());
            grad.fill(0);
        }
        n.hasGrad = false;
    }
}

void Graph::setGradientHomes(const std::vector<Parameter*>* parameters,
                             std::vector<Tensor>* homes) {
    if ((parameters == nullptr) != (homes == nullptr) ||
        (parameters && parameters->size() != homes->size()))
        throw InvalidArgument(Engine::tr("internal: gradient homes that do not match"));
    m_homeParameters = parameters;
    m_homes = homes;
}

Tensor& Graph::gradientOf(Parameter& parameter) const {
    if (m_homeParameters) {
        const auto at = std::find(m_homeParameters->begin(), m_homeParameters->end(), &parameter);
        if (at != m_homeParameters->end())
            return (*m_homes)[static_cast<std::size_t>(at - m_homeParameters->begin())];
    }
    return parameter.grad;
}

} // namespace gs
