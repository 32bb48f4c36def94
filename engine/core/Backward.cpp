#include "Backward.h"

#include "BackwardContext.h"
#include "Broadcast.h"
#include "ops/Custom.h"

#include <algorithm>

namespace gs {

BackwardRun::BackwardRun(Graph& graph, const Var& root, BackwardOptions options)
    : m_graph(graph)
    , m_root(graph.node(root).id)
    , m_pass(graph.pass())
    , m_options(options) {
    const Node& r = graph.node(m_root);
    const std::string rootName = graph.nodeName(m_root);
    if (graph.m_released)
        throw GraphError(
            Engine::tr("backward() through the graph a second time: its buffers were released "
                       "after the first backward(). Run the forward pass again, or pass "
                       "retainGraph = true to the first backward()"));
    if (r.output().numel() != 1)
        throw GraphError(Engine::tr("backward() starts from a scalar loss, but '{1}' has shape "
                                    "{2}; reduce it with sum() or mean() first"),
                         rootName, r.output().shape().str());
    if (!r.requiresGrad)
        throw GraphError(
            Engine::tr("'{1}' does not require a gradient: no parameter or leaf tensor leads to "
                       "it, or it was computed under NoGradGuard"),
            rootName);

    // Reachable nodes that need a gradient, and the consumer edges between them. Creation
    // order is topological, so walking ids downwards visits every consumer before its inputs.
    const int size = graph.size();
    auto& consumers = graph.m_consumers;
    if (static_cast<int>(consumers.size()) < size) consumers.resize(static_cast<std::size_t>(size));
    for (int id = 0; id < size; ++id)
        consumers[static_cast<std::size_t>(id)].clear();
    m_order.swap(graph.m_orderScratch);
    m_order.clear();
    m_pending.swap(graph.m_pendingScratch);
    std::vector<char>& reached = graph.m_reachedScratch;
    reached.assign(static_cast<std::size_t>(size), 0);
    reached[static_cast<std::size_t>(m_root)] = 1;
    for (int id = m_root; id >= 0; --id) {
        Node& n = graph.node(id);
        if (!reached[static_cast<std::size_t>(id)] || !n.requiresGrad) continue;
        m_order.push_back(id);
        if (n.op != OpKind::Leaf) n.hasGrad = false;
        n.edgeHasGrad = {false, false, false};
        for (int slot = 0; slot < n.inputCount; ++slot) {
            const int from = n.inputs[static_cast<std::size_t>(slot)];
            if (!graph.node(from).requiresGrad) continue;
            reached[static_cast<std::size_t>(from)] = 1;
            consumers[static_cast<std::size_t>(from)].push_back({from, id, slot});
        }
    }
    m_pending.assign(static_cast<std::size_t>(size), 0);
    for (int id : m_order)
        m_pending[static_cast<std::size_t>(id)] =
            static_cast<int>(consumers[static_cast<std::size_t>(id)].size());

    if (m_options.earlyNode >= 0) {
        // The early node moves up to just after the first of its consumers to be processed.
        const auto at = std::find(m_order.begin(), m_order.end(), m_options.earlyNode);
        if (at == m_order.end())
            throw GraphError(Engine::tr("the node {1} is not in this backward pass"),
                             m_options.earlyNode);
        auto first = m_order.end();
        for (const Edge& e : consumers[static_cast<std::size_t>(m_options.earlyNode)])
            first = std::min(first, std::find(m_order.begin(), m_order.end(), e.to));
        if (first != m_order.end() && first + 1 < at) std::rotate(first + 1, at, at + 1);
        m_processed.assign(static_cast<std::size_t>(size), 0);
    }

    if (m_options.replaceGradients) {
        // Those the run reaches are written when it does; the others are zero now.
        for (Parameter* p : *m_options.replaceGradients) {
            const bool reachedHere = std::any_of(m_order.begin(), m_order.end(), [&](int id) {
                return graph.node(id).parameter == p;
            });
            if (reachedHere) {
                m_toReplace.push_back(p);
            } else {
                Tensor& grad = graph.gradientOf(*p);
                grad.resize(p->value.shape());
                grad.fill(0);
            }
        }
    }
}

BackwardRun::~BackwardRun() {
    if (m_order.capacity() > m_graph.m_orderScratch.capacity())
        m_graph.m_orderScratch.swap(m_order);
    if (m_pending.capacity() > m_graph.m_pendingScratch.capacity())
        m_graph.m_pendingScratch.swap(m_pending);
}

void BackwardRun::checkAlive() const {
    if (m_graph.pass() != m_pass)
        throw GraphError(
            Engine::tr("the graph was reset during this backward run; start a new one"));
}

StepRecord BackwardRun::step() {
    StepRecord record;
    process(&record);
    return record;
}

void BackwardRun::advance() {
    process(nullptr);
}

void BackwardRun::run() {
    while (!done())
        process(nullptr);
}

namespace {
// dst = (or +=) the sum of what arrived along the node's output edges; 1 at the root. With
// `processed`, only the edges from consumers processed so far (BackwardOptions::earlyNode).
void gatherUpstream(const Graph& graph, const std::vector<Edge>& consumers, bool isRoot,
                    const Shape& shape, bool accumulate, Tensor& dst,
                    const std::vector<char>* processed = nullptr) {
    bool first = !accumulate;
    if (isRoot) {
        if (first) {
            dst.resize(shape);
            dst.fill(1);
        } else
            dst.array() += Scalar(1);
        first = false;
    }
    for (const Edge& e : consumers) {
        if (processed && !(*processed)[static_cast<std::size_t>(e.to)]) continue;
        const Tensor& g = graph.node(e.to).edgeGrads[static_cast<std::size_t>(e.slot)];
        if (first)
            dst = g;
        else
            dst.array() += g.array();
        first = false;
    }
    if (first) { // nothing arrived yet (an early node: BackwardOptions::earlyNode)
        dst.resize(shape);
        dst.fill(0);
    }
}
} // namespace

void BackwardRun::process(StepRecord* record) {
    checkAlive();
    if (done())
        throw GraphError(Engine::tr("the backward run is finished: every node has been processed"));
    const int id = m_order[static_cast<std::size_t>(m_position)];
    Node& n = m_graph.node(id);
    const auto& consumers = m_graph.m_consumers[static_cast<std::size_t>(id)];
    const bool isRoot = id == m_root;
    const bool early = id == m_options.earlyNode;
    if (m_pending[static_cast<std::size_t>(id)] != 0 && !early)
        throw GraphError(Engine::tr("internal: node '{1}' was reached before all its consumers"),
                         m_graph.nodeName(id));
    const Shape& shape = n.output().shape();
    const std::vector<char>* processed = m_processed.empty() ? nullptr : &m_processed;

    if (record) {
        record->node = id;
        record->op = n.op;
        record->nodeName = m_graph.nodeName(id);
        record->index = m_position;
        record->isRoot = isRoot;
        for (const Edge& e : consumers)
            if (!processed || (*processed)[static_cast<std::size_t>(e.to)])
                record->contributions.push_back(
                    {e.to, e.slot, m_graph.node(e.to).edgeGrads[static_cast<std::size_t>(e.slot)]});
        gatherUpstream(m_graph, consumers, isRoot, shape, false, record->upstream, processed);
    }

    // Parameters accumulate straight into Parameter::grad (no copy of a large weight
    // gradient); leaf tensors accumulate across runs; every other node starts from this run's
    // sum.
    if (n.parameter) {
        Parameter& p = *n.parameter;
        Tensor& grad = m_graph.gradientOf(p);
        const auto replace = std::find(m_toReplace.begin(), m_toReplace.end(), &p);
        if (replace == m_toReplace.end()) {
            if (grad.shape() != p.value.shape()) grad = Tensor::zeros(p.value.shape());
            gatherUpstream(m_graph, consumers, isRoot, shape, true, grad, processed);
        } else if (!record && !isRoot && consumers.size() == 1 && !m_options.retainGraph &&
                   !processed) {
            // This run's gradient replaces the last: the edge's buffer becomes the parameter's
            // gradient (the weight gradient of a 784-1024 layer is 3 MB a step).
            const Edge& e = consumers.front();
            std::swap(grad, m_graph.node(e.to).edgeGrads[static_cast<std::size_t>(e.slot)]);
            m_toReplace.erase(replace);
        } else {
            gatherUpstream(m_graph, consumers, isRoot, shape, false, grad, processed);
            m_toReplace.erase(replace);
        }
        if (record) record->parameter = p.name;
    } else if (!record && !isRoot && consumers.size() == 1 && n.op != OpKind::Leaf &&
               !m_options.retainGraph && !processed) {
        // One consumer, and a graph that is released after this run: its edge's gradient is
        // this node's whole gradient, moved here rather than copied (several MB a step in a
        // CNN). The edge keeps the buffer this node's gradient had.
        const Edge& e = consumers.front();
        std::swap(n.grad, m_graph.node(e.to).edgeGrads[static_cast<std::size_t>(e.slot)]);
    } else {
        const bool accumulate = n.op == OpKind::Leaf;
        if (accumulate && n.grad.shape() != shape) n.grad = Tensor::zeros(shape);
        gatherUpstream(m_graph, consumers, isRoot, shape, accumulate, n.grad, processed);
    }
    n.hasGrad = true;
    if (processed) m_processed[static_cast<std::size_t>(id)] = 1;

    if (n.inputCount > 0) {
        BackwardContext ctx{m_graph, n, n.grad};
        for (int slot = 0; slot < n.inputCount; ++slot)
            if (m_graph.node(n.inputs[static_cast<std::size_t>(slot)]).requiresGrad)
                ctx.gradIn[static_cast<std::size_t>(slot)] =
                    &n.edgeGrads[static_cast<std::size_t>(slot)];
        BackwardFn rule = backwardRule(n.op);
        if (!rule)
            throw GraphError(Engine::tr("no gradient rule for op '{1}' (node '{2}')"),
                             std::string(opName(n.op)), m_graph.nodeName(id));
        rule(ctx);

        for (int slot = 0; slot < n.inputCount; ++slot) {
            if (!ctx.gradIn[static_cast<std::size_t>(slot)]) continue;
            const int from = n.inputs[static_cast<std::size_t>(slot)];
            const Node& producer = m_graph.node(from);
            const Shape& want = producer.output().shape();
            Tensor& g = n.edgeGrads[static_cast<std::size_t>(slot)];
            bool reduced = false;
            if (g.shape() != want) {
                const auto mode = broadcastMode(want, g.shape());
                if (g.numel() == want.numel()) {
                    g.reshape(want); // [C] against [1, C], or a scalar of another rank
                } else if (mode) {
                    reduceToShape(g, want, *mode, m_graph.m_scratch);
                    std::swap(g, m_graph.m_scratch);
                    reduced = true;
                } else {
                    throw GraphError(Engine::tr("internal: the gradient rule of '{1}' sent shape "
                                                "{2} to input '{3}' of shape {4}"),
                                     m_graph.nodeName(id), g.shape().str(), m_graph.nodeName(from),
                                     want.str());
                }
            }
            n.edgeHasGrad[static_cast<std::size_t>(slot)] = true;
            --m_pending[static_cast<std::size_t>(from)];

            if (record) {
                const OpInfo& info = opInfo(n.op);
                std::array<std::string, kMaxInputs> names;
                for (int k = 0; k < n.inputCount; ++k)
                    names[static_cast<std::size_t>(k)] =
                        m_graph.nodeName(n.inputs[static_cast<std::size_t>(k)]);
                EdgeStep edge;
                edge.slot = slot;
                edge.inputNode = from;
                edge.formula = fillFormula(
                    n.custom ? n.custom->backwardFormula[static_cast<std::size_t>(slot)].c_str()
                             : info.backward[static_cast<std::size_t>(slot)],
                    record->nodeName, names);
                if (info.elementwise) {
                    Tensor local;
                    if (LocalDerivativeFn fn = localDerivativeRule(n.op);
                        fn && fn(m_graph, n, slot, local))
                        edge.localDerivative = std::move(local);
                }
                edge.gradient = g;
                edge.broadcastReduced = reduced;
                if (producer.parameter) edge.accumulatesInto = producer.parameter->name;
                record->edges.push_back(std::move(edge));
            }
        }
    }

    ++m_position;
    if (done() && !m_options.retainGraph) m_graph.m_released = true;
}

} // namespace gs
