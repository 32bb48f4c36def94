#include "Diagnosis.h"

#include "core/Broadcast.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

constexpr double kExpLimit = 88.72; // exp of more than this is past float32's largest number
const char* const kFloatMax =
    "3.4e38"; // float32's largest number, std::numeric_limits<float>::max()

// The first element of `t` that is NaN or infinite, or −1.
Index firstNonFinite(const Tensor& t) {
    const Scalar* p = t.data();
    for (Index i = 0; i < t.numel(); ++i)
        if (!std::isfinite(p[i])) return i;
    return -1;
}

bool finite(const Tensor& t) {
    return std::isfinite(t.largestMagnitude());
}

// Input `slot` of the elementwise node `n` at the element that gave output element `e` (the
// input may be a scalar, a row or a column stretched to the output's shape).
double operandAt(const Graph& graph, const Node& n, int slot, Index e) {
    const Tensor& in = graph.node(n.inputs[std::size_t(slot)]).output();
    const Shape& out = n.output().shape();
    const auto mode = broadcastMode(in.shape(), out);
    if (!mode || in.numel() == 0) return std::nan("");
    const Index cols = out.cols();
    const Strides s = broadcastStrides(*mode, cols);
    const Index at = (e / cols) * s.row + (e % cols) * s.col;
    return at < in.numel() ? double(in[at]) : std::nan("");
}

double largest(const Graph& graph, const Node& n, int slot) {
    return double(graph.node(n.inputs[std::size_t(slot)]).output().largestMagnitude());
}

Message tooLargeAdvice() {
    return Message(Engine::tr("Lower the learning rate: values this large come from weights that "
                              "grew too fast. Normalised inputs help too."));
}

Message logitsAdvice() {
    return Message(
        Engine::tr("Let the loss take the logits (cross-entropy, BCE with logits), which "
                   "never computes exp of a large number, or lower the learning "
                   "rate."));
}

Message epsilonAdvice() {
    return Message(Engine::tr("Add a small ε where it divides (batch norm adds one to its "
                              "variance), or use the fused losses, which never take log(0)."));
}

Message explodingAdvice() {
    return Message(Engine::tr("Lower the learning rate: this is an exploding gradient. Fewer "
                              "layers, or batch norm, keep the gradient a similar size at every "
                              "layer."));
}

// Why the elementwise or other op of `n` made a non-finite `result` at element `e` from finite
// inputs.
void forwardCause(const Graph& graph, const Node& n, Index e, NonFiniteOrigin& o) {
    const auto in = [&](int slot) { return operandAt(graph, n, slot, e); };
    switch (n.op) {
    case OpKind::Input:
    case OpKind::Leaf:
        o.cause = Message(Engine::tr("the data hold a NaN or an infinity at element {1}"), e);
        o.advice = Message(Engine::tr("Check the data file for empty or non-numeric values."));
        return;
    case OpKind::Parameter:
        o.cause = Message(Engine::tr("the weight itself is not finite at element {1}"), e);
        o.advice = Message(Engine::tr("Reset to start again from fresh weights."));
        return;
    case OpKind::Exp:
        if (in(0) > kExpLimit) {
            o.cause = Message(Engine::tr("exp of {1} overflows: float32 ends at {2}, which is "
                                         "exp(88.7)"),
                              in(0), std::string(kFloatMax));
            o.advice = logitsAdvice();
            return;
        }
        break;
    case OpKind::Log:
        if (in(0) == 0) {
            o.cause = Message(Engine::tr("log of 0 is −∞"));
            o.advice = epsilonAdvice();
            return;
        }
        if (in(0) < 0) {
            o.cause = Message(Engine::tr("log of a negative number ({1}) is NaN"), in(0));
            o.advice = epsilonAdvice();
            return;
        }
        break;
    case OpKind::Div:
        if (in(1) == 0) {
            o.cause = in(0) == 0
                          ? Message(Engine::tr("0 / 0 is NaN: a division by 0"))
                          : Message(Engine::tr("{1} / 0 is infinite: a division by 0"), in(0));
            o.advice = epsilonAdvice();
            return;
        }
        break;
    case OpKind::Pow: {
        const double x = in(0), p = double(n.attrs.alpha);
        if (x < 0 && p != std::floor(p)) {
            o.cause = Message(Engine::tr("a negative number ({1}) to the power {2} is NaN"), x, p);
            o.advice = Message(Engine::tr("Keep the base positive: square it first, or take its "
                                          "absolute value."));
            return;
        }
        if (x == 0 && p < 0) {
            o.cause = Message(Engine::tr("0 to the power {1} is infinite: a division by 0"), p);
            o.advice = epsilonAdvice();
            return;
        }
        break;
    }
    case OpKind::Custom:
        o.cause = Message(Engine::tr("the custom op's forward returned {1} from finite inputs"),
                          o.result);
        o.advice = Message(Engine::tr("Check its forward function."));
        return;
    default:
        break;
    }
    // Everything else: the numbers outgrew float32.
    if (n.inputCount >= 2)
        o.cause = Message(Engine::tr("the result is past float32's largest number, {1}: its "
                                     "inputs reach {2} and {3}"),
                          std::string(kFloatMax), largest(graph, n, 0), largest(graph, n, 1));
    else if (n.inputCount == 1)
        o.cause = Message(Engine::tr("the result is past float32's largest number, {1}: its input "
                                     "reaches {2}"),
                          std::string(kFloatMax), largest(graph, n, 0));
    else
        o.cause = Message(Engine::tr("the result is past float32's largest number, {1}"),
                          std::string(kFloatMax));
    o.advice = tooLargeAdvice();
}

// Why the backward rule of `n` sent a non-finite gradient to input `slot` at element `e`
// (of that input) from a finite incoming gradient.
void backwardCause(const Graph& graph, const Node& n, int slot, Index e, NonFiniteOrigin& o) {
    const bool elementwise = opInfo(n.op).elementwise;
    const Tensor& in = graph.node(n.inputs[std::size_t(slot)]).output();
    const double x = elementwise && e < in.numel() && in.shape() == n.output().shape()
                         ? double(in[e])
                         : std::nan("");
    switch (n.op) {
    case OpKind::Pow:
        if (x == 0 && n.attrs.alpha < 1) {
            o.cause = Message(Engine::tr("the slope of x^{1} at x = 0 is infinite"),
                              double(n.attrs.alpha));
            o.advice = Message(Engine::tr("Add a small ε under the power, (x + ε)^p, so that it "
                                          "never sees 0."));
            return;
        }
        break;
    case OpKind::Log:
        if (std::isfinite(x)) {
            o.cause = Message(Engine::tr("the slope of log at x = {1} is 1/x, past float32's "
                                         "largest number"),
                              x);
            o.advice = epsilonAdvice();
            return;
        }
        break;
    case OpKind::Div:
        if (slot == 1) {
            o.cause = Message(Engine::tr("the gradient of a / b with respect to b is −a/b², and b "
                                         "is as small as {1} there"),
                              double(graph.node(n.inputs[1]).output().array().abs().minCoeff()));
            o.advice = epsilonAdvice();
            return;
        }
        break;
    case OpKind::Custom:
        o.cause = Message(Engine::tr("the custom op's backward returned {1} from a finite "
                                     "gradient"),
                          o.result);
        o.advice = Message(Engine::tr("Check its backward function."));
        return;
    default:
        break;
    }
    o.cause = Message(Engine::tr("the gradient passed back grew past float32's largest number, "
                                 "{1}: the gradient arriving there reaches {2}"),
                      std::string(kFloatMax), double(n.grad.largestMagnitude()));
    o.advice = explodingAdvice();
}

} // namespace

std::optional<NonFiniteOrigin> forwardOrigin(const Graph& graph) {
    for (int id = 0; id < graph.size(); ++id) {
        const Node& n = graph.node(id);
        const Index e = firstNonFinite(n.output());
        if (e < 0) continue;
        NonFiniteOrigin o;
        o.node = id;
        o.name = graph.nodeName(id);
        o.op = n.op;
        o.layer = n.layer;
        o.element = e;
        o.result = double(n.output()[e]);
        forwardCause(graph, n, e, o);
        return o;
    }
    return std::nullopt;
}

std::optional<NonFiniteOrigin> backwardOrigin(const Graph& graph) {
    // How many edges read each node: a node read once has its one edge's gradient moved into
    // its own (Backward.cpp), so that is where to look.
    std::vector<int> readers(std::size_t(graph.size()), 0);
    for (const Edge& e : graph.edges())
        ++readers[std::size_t(e.from)];
    // A parameter recorded by more than one node (the L1/L2 penalty reads each weight again):
    // its gradient sums them all. The last of its nodes (the first the backward pass reaches)
    // had its one edge moved into that sum, so its share is unknown; the others' edges keep
    // theirs.
    std::vector<int> nodesOf(std::size_t(graph.size()), 0), lastOf(std::size_t(graph.size()), -1);
    for (int id = 0; id < graph.size(); ++id)
        if (const Parameter* p = graph.node(id).parameter)
            for (int other = 0; other < graph.size(); ++other)
                if (graph.node(other).parameter == p) {
                    ++nodesOf[std::size_t(id)];
                    lastOf[std::size_t(id)] = std::max(lastOf[std::size_t(id)], other);
                }
    const auto sent = [&](const Node& n, int slot) -> const Tensor* {
        if (!n.edgeHasGrad[std::size_t(slot)]) return nullptr;
        const Node& input = graph.node(n.inputs[std::size_t(slot)]);
        const std::size_t at = std::size_t(input.id);
        if (readers[at] == 1) {
            if (input.parameter && nodesOf[at] == 1) return &graph.gradientOf(*input.parameter);
            if (input.parameter && lastOf[at] == input.id) return nullptr;
            if (!input.parameter && input.op != OpKind::Leaf)
                return input.hasGrad ? &input.grad : nullptr;
        }
        return &n.edgeGrads[std::size_t(slot)];
    };

    // Backward runs from the last node to the first: the first non-finite gradient was sent by
    // the last node (in forward order) that received a finite one and sent one that is not.
    for (int id = graph.size() - 1; id >= 0; --id) {
        const Node& n = graph.node(id);
        if (!n.hasGrad || n.inputCount == 0 || !finite(n.grad)) continue;
        for (int slot = 0; slot < n.inputCount; ++slot) {
            const Tensor* g = sent(n, slot);
            if (!g || finite(*g)) continue;
            NonFiniteOrigin o;
            o.backward = true;
            o.node = id;
            o.name = graph.nodeName(id);
            o.op = n.op;
            o.layer = n.layer;
            o.input = graph.nodeName(n.inputs[std::size_t(slot)]);
            o.element = firstNonFinite(*g);
            o.result = double((*g)[o.element]);
            backwardCause(graph, n, slot, o.element, o);
            return o;
        }
    }
    return std::nullopt;
}

Message describe(const NonFiniteOrigin& o) {
    //: {1}: a node's name, {2}: its op ("exp"), {3}: an element's index, {4}: the cause.
    const Message where =
        o.backward ? Message(Engine::tr("It began in the backward pass at node '{1}' ({2}), in the "
                                        "gradient it sent to '{3}' (element {4}): {5}."),
                             o.name, std::string(opName(o.op)), o.input, o.element, o.cause)
                   : Message(Engine::tr("It began at node '{1}' ({2}), element {3}: {4}."), o.name,
                             std::string(opName(o.op)), o.element, o.cause);
    return Message(Engine::tr("{1} {2}"), where, o.advice);
}

} // namespace gs
