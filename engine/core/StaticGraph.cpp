#include "StaticGraph.h"

#include "ops/Ops.h"

namespace gs {

StaticGraph::StaticGraph(const Graph& graph, const Var& output) {
    const int last = graph.node(output).id;
    m_nodes.reserve(std::size_t(last) + 1);
    for (int id = 0; id <= last; ++id) {
        const Node& n = graph.node(id);
        if (n.op == OpKind::Custom)
            throw Unsupported(Engine::tr("a static graph cannot replay the custom op {1}: its "
                                         "code is not part of the graph"),
                              graph.nodeName(id));
        if (n.op == OpKind::BatchNorm && !n.attrs.training)
            throw Unsupported(Engine::tr("a static graph cannot replay {1} in evaluation mode: "
                                         "its running statistics are not part of the graph"),
                              graph.nodeName(id));
        Recorded r;
        r.op = n.op;
        r.name = n.name;
        r.inputs = n.inputs;
        r.inputCount = n.inputCount;
        r.attrs = n.attrs;
        r.parameter = n.parameter;
        if (n.op == OpKind::Input || n.op == OpKind::Leaf) r.constant = n.output();
        r.shape = n.output().shape();
        r.labels = n.labels;
        m_nodes.push_back(std::move(r));
    }
}

int StaticGraph::opCount() const {
    int count = 0;
    for (const Recorded& r : m_nodes)
        count += r.inputCount > 0;
    return count;
}

std::vector<std::string> StaticGraph::placeholders() const {
    std::vector<std::string> names;
    for (const Recorded& r : m_nodes)
        if (r.op == OpKind::Input && !r.name.empty()) names.push_back(r.name);
    return names;
}

Var StaticGraph::run(Graph& into, const StaticFeed& feed) const {
    into.reset();
    std::vector<Var> v;
    v.reserve(m_nodes.size());
    for (const Recorded& r : m_nodes) {
        const auto in = [&](int slot) { return v[std::size_t(r.inputs[std::size_t(slot)])]; };
        const auto arg = [&](int slot) { return slot < r.inputCount ? in(slot) : Var{}; };
        const auto fed = feed.inputs.find(r.name);
        Var out;
        switch (r.op) {
        case OpKind::Input:
            out = into.input(!r.name.empty() && fed != feed.inputs.end() ? fed->second : r.constant,
                             r.name);
            break;
        case OpKind::Leaf:
            out = into.leaf(r.constant, r.name);
            break;
        case OpKind::Parameter:
            out = into.param(*r.parameter);
            break;
        case OpKind::Add:
            out = add(in(0), in(1));
            break;
        case OpKind::Sub:
            out = sub(in(0), in(1));
            break;
        case OpKind::Mul:
            out = mul(in(0), in(1));
            break;
        case OpKind::Div:
            out = div(in(0), in(1));
            break;
        case OpKind::Neg:
            out = neg(in(0));
            break;
        case OpKind::Abs:
            out = abs(in(0));
            break;
        case OpKind::Exp:
            out = exp(in(0));
            break;
        case OpKind::Log:
            out = log(in(0));
            break;
        case OpKind::Pow:
            out = pow(in(0), r.attrs.alpha);
            break;
#define GS_ACTIVATION_OP(name) case OpKind::name:
            GS_ACTIVATIONS(GS_ACTIVATION_OP)
#undef GS_ACTIVATION_OP
            {
                const Activation a = *activationOf(r.op);
                out = activationInfo(a).hasSlope ? activation(in(0), a, r.attrs.alpha)
                                                 : activation(in(0), a);
                break;
            }
        case OpKind::Dropout:
            out = dropout(in(0), r.attrs.alpha, r.attrs.training);
            break;
        case OpKind::MatMul:
            out = matmul(in(0), in(1));
            break;
        case OpKind::Transpose:
            out = transpose(in(0));
            break;
        case OpKind::Linear:
            out = linear(in(0), in(1), arg(2));
            break;
        case OpKind::Sum:
            out = sum(in(0));
            break;
        case OpKind::Mean:
            out = mean(in(0));
            break;
        case OpKind::SumAxis:
            out = sum(in(0), r.attrs.axis, r.attrs.keepDim);
            break;
        case OpKind::MeanAxis:
            out = mean(in(0), r.attrs.axis, r.attrs.keepDim);
            break;
        case OpKind::Softmax:
            out = softmax(in(0));
            break;
        case OpKind::LogSoftmax:
            out = logSoftmax(in(0));
            break;
        case OpKind::Reshape:
            out = reshape(in(0), r.shape);
            break;
        case OpKind::Flatten:
            out = flatten(in(0));
            break;
        case OpKind::Concat:
            out = concat(in(0), in(1));
            break;
        case OpKind::MseLoss:
            out = mseLoss(in(0), in(1));
            break;
        case OpKind::CrossEntropy:
            out = crossEntropy(in(0), feed.labels.empty() ? r.labels : feed.labels);
            break;
        case OpKind::BceWithLogits:
            out = bceWithLogits(in(0), in(1));
            break;
        case OpKind::Conv2d:
            out = conv2d(in(0), in(1), arg(2), r.attrs.stride, r.attrs.padding);
            break;
        case OpKind::MaxPool2d:
            out = maxPool2d(in(0), r.attrs.kernel, r.attrs.stride);
            break;
        case OpKind::AvgPool2d:
            out = avgPool2d(in(0), r.attrs.kernel, r.attrs.stride);
            break;
        case OpKind::GlobalAvgPool2d:
            out = globalAvgPool2d(in(0));
            break;
        case OpKind::BatchNorm:
            out = batchNorm(in(0), arg(1), arg(2), true, nullptr, nullptr, r.attrs.alpha);
            break;
        case OpKind::LayerNorm:
            out = layerNorm(in(0), arg(1), arg(2), r.attrs.alpha);
            break;
        case OpKind::Custom:
        case OpKind::Count:
            throw Unsupported(Engine::tr("a static graph cannot replay this op"));
        }
        if (!r.name.empty() && r.op != OpKind::Input && r.op != OpKind::Leaf)
            out = out.named(r.name);
        v.push_back(out);
    }
    return v.back();
}

} // namespace gs
