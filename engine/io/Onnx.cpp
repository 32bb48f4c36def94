#include "Onnx.h"

#include "Files.h"
#include "NumberText.h"
#include "PytorchExport.h"
#include "core/Limits.h"
#include "ops/Ops.h"

#ifdef GRADSCOPE_HAVE_ONNX
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

namespace gs {

namespace {
// ONNX files are read whole; a model past the parameter limit is refused anyway.
constexpr Index kMaxOnnxBytes = Index(2) << 30;

[[noreturn]] void noOnnx() {
    throw Unsupported(Engine::tr("this build of Gradscope has no ONNX support: install "
                                 "libonnx-dev and libprotobuf-dev (Debian) and build it again"));
}
} // namespace

#ifndef GRADSCOPE_HAVE_ONNX

bool onnxAvailable() {
    return false;
}
std::string onnxFromModel(const Sequential&, const Shape&, const std::string&) {
    noOnnx();
}
LoadedModel parseOnnx(const std::string&, const std::string&) {
    noOnnx();
}

#else

bool onnxAvailable() {
    return true;
}

namespace {

using onnx::AttributeProto;
using onnx::GraphProto;
using onnx::ModelProto;
using onnx::NodeProto;
using onnx::TensorProto;

void addInts(NodeProto& node, const char* name, std::initializer_list<std::int64_t> values) {
    AttributeProto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(AttributeProto::INTS);
    for (const std::int64_t v : values)
        a->add_ints(v);
}

void addInt(NodeProto& node, const char* name, std::int64_t value) {
    AttributeProto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(AttributeProto::INT);
    a->set_i(value);
}

void addFloat(NodeProto& node, const char* name, float value) {
    AttributeProto* a = node.add_attribute();
    a->set_name(name);
    a->set_type(AttributeProto::FLOAT);
    a->set_f(value);
}

void addInitializer(GraphProto& graph, const std::string& name, const Tensor& t) {
    TensorProto* init = graph.add_initializer();
    init->set_name(name);
    init->set_data_type(TensorProto::FLOAT);
    for (const Index d : t.shape().toVector())
        init->add_dims(d);
    std::string raw; // ONNX's raw_data is little-endian
    appendFloat32(raw, t);
    init->set_raw_data(std::move(raw));
}

void setFloatType(onnx::ValueInfoProto& value, const std::string& name, const Shape& sample) {
    value.set_name(name);
    auto* tensor = value.mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(TensorProto::FLOAT);
    auto* shape = tensor->mutable_shape();
    shape->add_dim()->set_dim_param("batch");
    for (const Index d : sample.toVector())
        shape->add_dim()->set_dim_value(d);
}

// An activation's ONNX form (ActivationInfo::onnx) as a tree: x, a number, or Op(arguments). A
// bare name ("Relu") is that op of x.
struct OnnxExpression {
    std::string op; // empty for x and for numbers
    bool isInput = false;
    double number = 0;
    std::vector<OnnxExpression> arguments;

    static OnnxExpression parse(std::string_view text) {
        if (text.find('(') == std::string_view::npos) {
            OnnxExpression x;
            x.isInput = true;
            return {std::string(text), false, 0, {x}};
        }
        std::size_t at = 0;
        return parse(text, at);
    }

    int opCount() const {
        int count = op.empty() ? 0 : 1;
        for (const OnnxExpression& a : arguments)
            count += a.opCount();
        return count;
    }

private:
    static OnnxExpression parse(std::string_view text, std::size_t& at) {
        const std::size_t start = at;
        while (at < text.size() && text[at] != '(' && text[at] != ',' && text[at] != ')')
            ++at;
        const std::string word(text.substr(start, at - start));
        OnnxExpression e;
        if (at < text.size() && text[at] == '(') {
            e.op = word;
            do {
                ++at; // past '(' or ','
                e.arguments.push_back(parse(text, at));
            } while (at < text.size() && text[at] == ',');
            ++at; // past ')'
        } else if (word == "x") {
            e.isInput = true;
        } else {
            // Not std::stod: its decimal point follows the locale, which Qt sets from the user's.
            e.number = scanNumber(word, NumberSyntax::Json).value;
        }
        return e;
    }
};

// Writes an activation layer as nodes from `in` to `out`: a node per op of its expression,
// innermost first, the numbers as initialisers; the leaky ReLU's slope as its node's alpha.
class ExpressionWriter {
public:
    ExpressionWriter(GraphProto& graph, std::string prefix, std::string in)
        : m_graph(graph)
        , m_prefix(std::move(prefix))
        , m_in(std::move(in)) {}

    void write(const LayerSpec& l, const std::string& out) {
        const ActivationInfo& info = activationInfo(l.activation);
        value(OnnxExpression::parse(info.onnx), out);
        if (info.hasSlope)
            addFloat(*m_graph.mutable_node(m_graph.node_size() - 1), "alpha",
                     static_cast<float>(l.slope));
    }

private:
    GraphProto& m_graph;
    std::string m_prefix, m_in;
    int m_made = 0;

    // The name of the tensor holding `e`'s value (`out`, when given, for a computed one).
    std::string value(const OnnxExpression& e, const std::string& out = {}) {
        if (e.isInput) return m_in;
        if (e.op.empty()) {
            const std::string name = m_prefix + "/c" + std::to_string(m_made++);
            addInitializer(m_graph, name, Tensor::scalar(static_cast<Scalar>(e.number)));
            return name;
        }
        std::vector<std::string> inputs;
        for (const OnnxExpression& a : e.arguments)
            inputs.push_back(value(a));
        const std::string id = std::to_string(m_made++);
        NodeProto& n = *m_graph.add_node();
        n.set_name(m_prefix + "/" + id);
        n.set_op_type(e.op);
        for (const std::string& i : inputs)
            n.add_input(i);
        n.add_output(out.empty() ? m_prefix + "/t" + id : out);
        return n.output(0);
    }
};

} // namespace

std::string onnxFromModel(const Sequential& model, const Shape& sampleShape,
                          const std::string& graphName) {
    ModelProto m;
    m.set_ir_version(onnx::IR_VERSION);
    m.set_producer_name("Gradscope");
    m.set_producer_version(GRADSCOPE_VERSION_STRING);
    auto* opset = m.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOnnxOpset);
    GraphProto& g = *m.mutable_graph();
    g.set_name(graphName);
    setFloatType(*g.add_input(), "input", sampleShape);

    std::string current = "input";
    const auto& layers = model.layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& l = layers[i];
        const int index = static_cast<int>(i);
        const auto outputOf = [&](int j) {
            return j < 0                                 ? std::string("input")
                   : std::size_t(j) + 1 == layers.size() ? std::string("output")
                                                         : "x" + std::to_string(j + 1);
        };
        const std::string out = outputOf(index);
        const std::vector<int> from = layerInputs(layers, i); // a graph's wiring
        current = outputOf(from[0]);
        if (l.kind == LayerKind::Activation) {
            ExpressionWriter(g, std::to_string(i) + ":" + layerTypeName(l), current).write(l, out);
            current = out;
            continue;
        }
        NodeProto& n = *g.add_node();
        n.set_name(std::to_string(i) + ":" + layerTypeName(l));
        n.add_input(current);
        const Parameter* weight = model.weight(index);
        const Parameter* bias = model.bias(index);
        const auto parameters = [&] {
            n.add_input(weight->name);
            addInitializer(g, weight->name, weight->value);
            if (bias) {
                n.add_input(bias->name);
                addInitializer(g, bias->name, bias->value);
            }
        };
        switch (l.kind) {
        case LayerKind::Linear:
            n.set_op_type("Gemm");
            parameters();
            addInt(n, "transB", 1);
            break;
        case LayerKind::Conv2d:
            n.set_op_type("Conv");
            parameters();
            addInts(n, "kernel_shape", {l.kernel, l.kernel});
            addInts(n, "strides", {l.stride, l.stride});
            addInts(n, "pads", {l.padding, l.padding, l.padding, l.padding});
            break;
        case LayerKind::MaxPool2d: {
            const int stride = l.stride ? l.stride : l.kernel;
            n.set_op_type("MaxPool");
            addInts(n, "kernel_shape", {l.kernel, l.kernel});
            addInts(n, "strides", {stride, stride});
            break;
        }
        case LayerKind::Softmax:
            n.set_op_type("Softmax");
            addInt(n, "axis", 1);
            break;
        case LayerKind::Flatten:
            n.set_op_type("Flatten");
            addInt(n, "axis", 1);
            break;
        case LayerKind::Dropout:
            n.set_op_type("Identity"); // what dropout is at inference
            break;
        case LayerKind::Add:
        case LayerKind::Concat:
            n.set_op_type(l.kind == LayerKind::Add ? "Add" : "Concat");
            if (l.kind == LayerKind::Concat) addInt(n, "axis", 1);
            n.add_input(outputOf(from[1]));
            break;
        case LayerKind::AvgPool2d: {
            const int stride = l.stride ? l.stride : l.kernel;
            n.set_op_type("AveragePool");
            addInts(n, "kernel_shape", {l.kernel, l.kernel});
            addInts(n, "strides", {stride, stride});
            break;
        }
        case LayerKind::GlobalAvgPool2d: { // [N, C, 1, 1], then flattened to [N, C]
            n.set_op_type("GlobalAveragePool");
            const std::string pooled = std::to_string(i) + ":pooled";
            n.add_output(pooled);
            NodeProto& flat = *g.add_node();
            flat.set_name(std::to_string(i) + ":flatten");
            flat.set_op_type("Flatten");
            addInt(flat, "axis", 1);
            flat.add_input(pooled);
            flat.add_output(out);
            current = out;
            continue;
        }
        case LayerKind::BatchNorm1d:
        case LayerKind::BatchNorm2d: { // in evaluation: the running statistics
            n.set_op_type("BatchNormalization");
            parameters();
            for (const char* statistic : {".running_mean", ".running_var"}) {
                const Sequential::Buffer* b = model.buffer(std::to_string(i) + statistic);
                n.add_input(b->name);
                addInitializer(g, b->name, b->value);
            }
            addFloat(n, "epsilon", static_cast<float>(kNormEpsilon));
            break;
        }
        case LayerKind::LayerNorm: {
            // Opset 13 has no LayerNormalization: the mean and the variance over the features
            // spelt out. A mean is a MatMul by the averaging matrix (every entry 1/F), which
            // every runtime reads (OpenCV 4.6 cannot broadcast ReduceMean's [N, 1] against
            // [N, F]); above 512 features, where that matrix passes 1 MB, ReduceMean.
            const std::string prefix = std::to_string(i) + ":layer_norm/";
            const bool averaging = l.in <= 512;
            if (averaging) {
                Tensor average({l.in, l.in});
                average.fill(Scalar(1) / Scalar(l.in));
                addInitializer(g, prefix + "average", average);
            }
            const auto node = [&](const char* op, std::initializer_list<std::string> inputs,
                                  const std::string& output) {
                NodeProto& k = *g.add_node();
                k.set_name(prefix + op + std::to_string(g.node_size()));
                k.set_op_type(op);
                for (const std::string& input : inputs)
                    k.add_input(input);
                k.add_output(output);
            };
            const auto mean = [&](const std::string& of, const std::string& output) {
                if (averaging) return node("MatMul", {of, prefix + "average"}, output);
                node("ReduceMean", {of}, output);
                addInts(*g.mutable_node(g.node_size() - 1), "axes", {-1});
            };
            g.mutable_node()->RemoveLast(); // the layer's node: this layer is several
            mean(current, prefix + "mean");
            node("Sub", {current, prefix + "mean"}, prefix + "centred");
            node("Mul", {prefix + "centred", prefix + "centred"}, prefix + "squared");
            mean(prefix + "squared", prefix + "variance");
            addInitializer(g, prefix + "epsilon", Tensor::scalar(kNormEpsilon));
            node("Add", {prefix + "variance", prefix + "epsilon"}, prefix + "shifted");
            node("Sqrt", {prefix + "shifted"}, prefix + "deviation");
            node("Div", {prefix + "centred", prefix + "deviation"}, prefix + "normalised");
            addInitializer(g, weight->name, weight->value);
            addInitializer(g, bias->name, bias->value);
            node("Mul", {prefix + "normalised", weight->name}, prefix + "scaled");
            node("Add", {prefix + "scaled", bias->name}, out);
            current = out;
            continue;
        }
        default:
            throw Unsupported(Engine::tr("the layer type '{1}' has no ONNX export"),
                              layerTypeName(l));
        }
        n.add_output(out);
        current = out;
    }
    std::vector<Index> dims = sampleShape.toVector();
    dims.insert(dims.begin(), 1);
    const Shape output = model.shapes(Shape::fromVector(dims)).back();
    std::vector<Index> outDims = output.toVector();
    outDims.erase(outDims.begin());
    setFloatType(*g.add_output(), "output", Shape::fromVector(outDims));
    try {
        onnx::checker::check_model(m);
    } catch (const std::exception& e) {
        throw Error(Engine::tr("internal: the ONNX model does not pass ONNX's checker: {1}"),
                    e.what());
    }
    std::string bytes;
    if (!m.SerializeToString(&bytes))
        throw Error(Engine::tr("internal: the ONNX model could not be written"));
    return bytes;
}

namespace {

// The activation whose ONNX form is the single op `op` (Relu, Elu, …).
std::optional<Activation> activationOfOnnx(std::string_view op) {
    for (int a = 0; a < kActivationCount; ++a)
        if (op == activationInfo(Activation(a)).onnx) return Activation(a);
    return std::nullopt;
}

// An activation written as several ops (GELU, SiLU), found at a node of the chain.
struct CompositeMatch {
    Activation activation;
    int last;        // its last node
    std::string out; // its value
};

// What an import reads from the graph: the layers in order and their weights.
struct Reader {
    const std::string& source;
    const GraphProto& graph;
    std::map<std::string, const TensorProto*> initializers;
    std::map<std::string, const TensorProto*> constants; // Constant nodes' values
    std::vector<LayerSpec> layers;
    std::vector<std::pair<Tensor, std::optional<Tensor>>> weights; // per layer with parameters

    static Message where(int index, const NodeProto& n) {
        if (n.name().empty()) return Message(Engine::tr("node {1} ({2})"), index, n.op_type());
        return Message(Engine::tr("node {1} ({2} '{3}')"), index, n.op_type(), n.name());
    }

    // Refuses node `index`: "model.onnx: node 3 (Conv 'conv1'): groups are not supported".
    [[noreturn]] void refuse(int index, const NodeProto& n, const Message& why) const {
        throw Unsupported(Engine::tr("{1}: {2}: {3}"), source, where(index, n), why);
    }
    template <class... A>
    [[noreturn]] void refuse(int index, const NodeProto& n, Text why, const A&... arguments) const {
        refuse(index, n, Message(why, arguments...));
    }

    const AttributeProto* attribute(const NodeProto& n, const char* name) const {
        for (const AttributeProto& a : n.attribute())
            if (a.name() == name) return &a;
        return nullptr;
    }

    std::int64_t intAttribute(const NodeProto& n, const char* name, std::int64_t fallback) const {
        const AttributeProto* a = attribute(n, name);
        return a ? a->i() : fallback;
    }

    // An attribute of equal ints ([k, k], or [p, p, p, p]): the one value, else a refusal.
    std::int64_t squareAttribute(int index, const NodeProto& n, const char* name, int count,
                                 std::int64_t fallback) const {
        const AttributeProto* a = attribute(n, name);
        if (!a) return fallback;
        if (a->ints_size() != count ||
            !std::all_of(a->ints().begin(), a->ints().end(),
                         [&](std::int64_t v) { return v == a->ints(0); }))
            refuse(index, n,
                   Engine::tr("{1} must be the same in every direction for Gradscope's square "
                              "windows"),
                   name);
        return a->ints(0);
    }

    // A window size, stride or padding as the int a LayerSpec holds, in range.
    int windowValue(int index, const NodeProto& n, const char* name, std::int64_t value,
                    std::int64_t smallest) const {
        if (value < smallest || value > kMaxConvWindow)
            refuse(index, n, Engine::tr("{1} {2} is outside [{3}, {4}]"), name, value, smallest,
                   kMaxConvWindow);
        return static_cast<int>(value);
    }

    Tensor tensor(int index, const NodeProto& n, const std::string& name) const {
        const auto it = initializers.find(name);
        if (it == initializers.end())
            refuse(index, n,
                   Engine::tr("its input '{1}' is not a weight stored in the file (computed "
                              "weights are not supported)"),
                   name);
        const TensorProto& t = *it->second;
        if (t.data_type() != TensorProto::FLOAT)
            refuse(index, n, Engine::tr("the weight '{1}' is not float32"), name);
        std::vector<Index> dims;
        Index count = 1;
        for (const std::int64_t d : t.dims()) {
            const auto next = d >= 0 ? checkedMul(count, d) : std::nullopt;
            if (!next)
                refuse(index, n, Engine::tr("the weight '{1}' has an impossible shape"), name);
            count = *next;
            dims.push_back(d);
        }
        if (dims.empty() || dims.size() > 4)
            refuse(index, n, Engine::tr("the weight '{1}' has rank {2}"), name, dims.size());
        // The values must all be in the file before anything is allocated for them.
        const bool raw = !t.raw_data().empty();
        const Index held = raw ? Index(t.raw_data().size()) / 4 : Index(t.float_data_size());
        if (held != count || (raw && Index(t.raw_data().size()) % 4 != 0))
            refuse(index, n,
                   Engine::tr("the weight '{1}' of shape {2} needs {3} values; the file holds {4}"),
                   name, Shape::fromVector(dims).str(), count, held);
        Tensor out(Shape::fromVector(dims));
        for (Index i = 0; i < count; ++i) {
            if (raw) {
                float v;
                std::memcpy(&v, t.raw_data().data() + 4 * i, 4);
                out[i] = v;
            } else {
                out[i] = t.float_data(static_cast<int>(i));
            }
        }
        for (Index i = 0; i < count; ++i)
            if (!std::isfinite(double(out[i])))
                refuse(index, n, Engine::tr("the weight '{1}' holds a value that is not finite"),
                       name);
        return out;
    }

    void addLinear(int index, const NodeProto& n, Tensor w, std::optional<Tensor> b) {
        if (w.shape().rank() != 2) refuse(index, n, Engine::tr("its weight is not a matrix"));
        if (b && b->numel() != w.shape()[0])
            refuse(index, n, Engine::tr("its bias has {1} values for {2} outputs"), b->numel(),
                   w.shape()[0]);
        LayerSpec l = LayerSpec::linear(w.shape()[1], w.shape()[0]);
        l.bias = b.has_value();
        if (b) b->reshape(Shape{w.shape()[0]});
        layers.push_back(l);
        weights.emplace_back(std::move(w), std::move(b));
    }

    // The value of a one-element float or double initialiser or Constant, if `name` is one.
    std::optional<double> scalar(const std::string& name) const {
        const auto found = [&](const auto& map) {
            const auto it = map.find(name);
            return it == map.end() ? nullptr : it->second;
        };
        const TensorProto* t = found(initializers);
        if (!t) t = found(constants);
        if (!t) return std::nullopt;
        for (const std::int64_t d : t->dims())
            if (d != 1) return std::nullopt;
        if (t->data_type() == TensorProto::FLOAT) return single<float>(*t, t->float_data());
        if (t->data_type() == TensorProto::DOUBLE) return single<double>(*t, t->double_data());
        return std::nullopt;
    }

    // The one value of `t`, stored raw or in its typed field.
    template <class T, class Field>
    static std::optional<double> single(const TensorProto& t, const Field& typed) {
        T v = 0;
        if (t.raw_data().size() == sizeof v)
            std::memcpy(&v, t.raw_data().data(), sizeof v);
        else if (t.raw_data().empty() && typed.size() == 1)
            v = typed[0];
        else
            return std::nullopt;
        return double(v);
    }

    // An activation of several ops whose nodes, Constants aside, are the next ones from node
    // `index`, reading `in`: written by Gradscope, or by PyTorch's exporter (which writes GELU
    // and SiLU in the same ops; Add and Mul are matched in either order).
    std::optional<CompositeMatch> composite(int index, const std::string& in) const {
        for (int a = 0; a < kActivationCount; ++a) {
            const OnnxExpression e = OnnxExpression::parse(activationInfo(Activation(a)).onnx);
            if (e.opCount() < 2) continue;
            std::vector<int> window;
            for (int i = index; i < graph.node_size() && int(window.size()) < e.opCount(); ++i)
                if (graph.node(i).op_type() != "Constant") window.push_back(i);
            if (int(window.size()) < e.opCount()) continue;
            const NodeProto& root = graph.node(window.back());
            if (root.output_size() < 1) continue;
            std::vector<bool> used(window.size(), false);
            if (matches(e, root.output(0), in, window, used))
                return CompositeMatch{Activation(a), window.back(), root.output(0)};
        }
        return std::nullopt;
    }

    bool matches(const OnnxExpression& e, const std::string& value, const std::string& in,
                 const std::vector<int>& window, std::vector<bool>& used) const {
        if (e.isInput) return value == in;
        if (e.op.empty()) {
            const std::optional<double> v = scalar(value);
            return v && std::abs(*v - e.number) <= 1e-6 * std::max(1.0, std::abs(e.number));
        }
        for (std::size_t k = 0; k < window.size(); ++k) {
            const NodeProto& n = graph.node(window[k]);
            if (used[k] || n.output_size() < 1 || n.output(0) != value || n.op_type() != e.op ||
                n.input_size() != int(e.arguments.size()) || n.attribute_size() != 0)
                continue;
            used[k] = true;
            const auto inOrder = [&](std::size_t first) {
                std::vector<bool> tried = used;
                for (std::size_t j = 0; j < e.arguments.size(); ++j)
                    if (!matches(e.arguments[(j + first) % e.arguments.size()], n.input(int(j)), in,
                                 window, tried))
                        return false;
                used = tried;
                return true;
            };
            const bool commutes = (e.op == "Add" || e.op == "Mul") && e.arguments.size() == 2;
            if (inOrder(0) || (commutes && inOrder(1))) return true;
            used[k] = false;
            return false;
        }
        return false;
    }

    static Tensor transposed(const Tensor& w) {
        Tensor t(Shape{w.shape()[1], w.shape()[0]});
        for (Index r = 0; r < w.shape()[0]; ++r)
            for (Index c = 0; c < w.shape()[1]; ++c)
                t[c * w.shape()[0] + r] = w[r * w.shape()[1] + c];
        return t;
    }
};

} // namespace

LoadedModel parseOnnx(const std::string& bytes, const std::string& source) {
    ModelProto m;
    if (!m.ParseFromString(bytes))
        throw FileError(Engine::tr("{1}: not an ONNX model (the file does not parse as one)"),
                        source);
    const GraphProto& g = m.graph();
    if (g.input_size() < 1 || g.output_size() != 1 || g.node_size() < 1)
        throw FileError(Engine::tr("{1}: an ONNX graph with one input, one output and some nodes "
                                   "is needed; this one has {2} inputs, {3} outputs and {4} nodes"),
                        source, g.input_size(), g.output_size(), g.node_size());
    Reader r{source, g, {}, {}, {}, {}};
    for (const TensorProto& t : g.initializer())
        r.initializers[t.name()] = &t;
    for (const NodeProto& n : g.node())
        if (n.op_type() == "Constant" && n.output_size() == 1 && n.attribute_size() == 1 &&
            n.attribute(0).name() == "value")
            r.constants[n.output(0)] = &n.attribute(0).t();

    // The data input: the graph input that is not a weight; [batch, sample...].
    const onnx::ValueInfoProto* input = nullptr;
    for (const auto& i : g.input())
        if (!r.initializers.count(i.name())) {
            if (input)
                throw Unsupported(Engine::tr("{1}: the graph has two data inputs ('{2}' and "
                                             "'{3}'); Gradscope's networks take one"),
                                  source, input->name(), i.name());
            input = &i;
        }
    if (!input) throw FileError(Engine::tr("{1}: the graph has no data input"), source);
    const auto& dims = input->type().tensor_type().shape().dim();
    if (input->type().tensor_type().elem_type() != TensorProto::FLOAT || dims.size() < 2 ||
        dims.size() > 4)
        throw Unsupported(Engine::tr("{1}: the input '{2}' must be float32 of shape [batch, "
                                     "features] or [batch, channels, height, width]"),
                          source, input->name());
    std::vector<Index> sample;
    for (int d = 1; d < dims.size(); ++d) {
        if (!dims[d].has_dim_value() || dims[d].dim_value() <= 0)
            throw Unsupported(Engine::tr("{1}: the input '{2}' has no fixed size in dimension {3}"),
                              source, input->name(), d);
        sample.push_back(dims[d].dim_value());
    }

    std::string current = input->name();
    for (int index = 0; index < g.node_size(); ++index) {
        const NodeProto& n = g.node(index);
        if (n.op_type() == "Constant" && n.output_size() == 1 && r.constants.count(n.output(0)))
            continue; // a number of the node that reads it
        if (const std::optional<CompositeMatch> c = r.composite(index, current)) {
            r.layers.push_back(LayerSpec::of(c->activation));
            index = c->last;
            current = c->out;
            continue;
        }
        if (n.input_size() < 1 || n.input(0) != current)
            r.refuse(index, n,
                     Engine::tr("Gradscope reads a chain of layers, each taking the one before; "
                                "this node takes '{1}', not '{2}'"),
                     n.input_size() ? n.input(0) : std::string(), current);
        if (n.output_size() < 1) r.refuse(index, n, Engine::tr("it has no output"));
        if (!n.domain().empty() && n.domain() != "ai.onnx")
            r.refuse(index, n, Engine::tr("ops of the domain '{1}' are not supported"), n.domain());
        const std::string& op = n.op_type();
        const auto weightOf = [&](int slot) {
            if (slot >= n.input_size() || n.input(slot).empty())
                r.refuse(index, n, Engine::tr("it has no input {1} (its weight)"), slot);
            return r.tensor(index, n, n.input(slot));
        };
        if (op == "Gemm") {
            if (r.intAttribute(n, "transA", 0) != 0)
                r.refuse(index, n, Engine::tr("transA is not supported"));
            const AttributeProto* alpha = r.attribute(n, "alpha");
            const AttributeProto* beta = r.attribute(n, "beta");
            if ((alpha && alpha->f() != 1.0f) || (beta && beta->f() != 1.0f))
                r.refuse(index, n, Engine::tr("alpha and beta other than 1 are not supported"));
            Tensor w = weightOf(1);
            if (w.shape().rank() != 2) r.refuse(index, n, Engine::tr("its weight is not a matrix"));
            if (r.intAttribute(n, "transB", 0) == 0) w = Reader::transposed(w);
            std::optional<Tensor> b;
            if (n.input_size() > 2 && !n.input(2).empty()) b = weightOf(2);
            r.addLinear(index, n, std::move(w), std::move(b));
        } else if (op == "MatMul") {
            // MatMul by a stored [in, out] matrix, and perhaps an Add of a stored bias next.
            Tensor w = weightOf(1);
            if (w.shape().rank() != 2) r.refuse(index, n, Engine::tr("its weight is not a matrix"));
            std::optional<Tensor> b;
            if (index + 1 < g.node_size() && g.node(index + 1).op_type() == "Add" &&
                g.node(index + 1).input_size() == 2 && g.node(index + 1).output_size() >= 1 &&
                g.node(index + 1).input(0) == n.output(0)) {
                ++index;
                b = r.tensor(index, g.node(index), g.node(index).input(1));
                current = g.node(index).output(0);
                r.addLinear(index, g.node(index), Reader::transposed(w), std::move(b));
                continue;
            }
            r.addLinear(index, n, Reader::transposed(w), std::nullopt);
        } else if (op == "Conv") {
            Tensor w = weightOf(1);
            if (w.shape().rank() != 4)
                r.refuse(index, n, Engine::tr("its weight is not [out, in, kH, kW]"));
            if (r.intAttribute(n, "group", 1) != 1)
                r.refuse(index, n, Engine::tr("groups are not supported"));
            if (r.squareAttribute(index, n, "dilations", 2, 1) != 1)
                r.refuse(index, n, Engine::tr("dilation is not supported"));
            const AttributeProto* autoPad = r.attribute(n, "auto_pad");
            if (autoPad && autoPad->s() != "NOTSET" && autoPad->s() != "VALID")
                r.refuse(index, n, Engine::tr("auto_pad {1} is not supported (use pads)"),
                         autoPad->s());
            const std::int64_t kernel = w.shape()[2];
            if (w.shape()[3] != kernel)
                r.refuse(index, n, Engine::tr("only square kernels are supported"));
            if (r.squareAttribute(index, n, "kernel_shape", 2, kernel) != kernel)
                r.refuse(index, n, Engine::tr("kernel_shape does not match the weight"));
            LayerSpec l = LayerSpec::conv2d(
                w.shape()[1], w.shape()[0], r.windowValue(index, n, "kernel", kernel, 1),
                r.windowValue(index, n, "stride", r.squareAttribute(index, n, "strides", 2, 1), 1),
                r.windowValue(index, n, "padding", r.squareAttribute(index, n, "pads", 4, 0), 0));
            std::optional<Tensor> b;
            if (n.input_size() > 2 && !n.input(2).empty()) {
                b = weightOf(2);
                if (b->numel() != w.shape()[0])
                    r.refuse(index, n,
                             Engine::tr("its bias does not have one value per output channel"));
            }
            l.bias = b.has_value();
            r.layers.push_back(l);
            r.weights.emplace_back(std::move(w), std::move(b));
        } else if (op == "MaxPool") {
            if (r.intAttribute(n, "ceil_mode", 0) != 0)
                r.refuse(index, n, Engine::tr("ceil_mode is not supported"));
            if (r.squareAttribute(index, n, "pads", 4, 0) != 0)
                r.refuse(index, n, Engine::tr("padding is not supported"));
            if (r.squareAttribute(index, n, "dilations", 2, 1) != 1)
                r.refuse(index, n, Engine::tr("dilation is not supported"));
            if (n.output_size() > 1 && !n.output(1).empty())
                r.refuse(index, n, Engine::tr("the indices output is not supported"));
            const AttributeProto* k = r.attribute(n, "kernel_shape");
            if (!k) r.refuse(index, n, Engine::tr("it has no kernel_shape"));
            const std::int64_t kernel = r.squareAttribute(index, n, "kernel_shape", 2, 0);
            r.layers.push_back(LayerSpec::maxPool2d(
                r.windowValue(index, n, "kernel", kernel, 1),
                r.windowValue(index, n, "stride", r.squareAttribute(index, n, "strides", 2, 1),
                              1)));
        } else if (const std::optional<Activation> a = activationOfOnnx(op)) {
            LayerSpec l = LayerSpec::of(*a);
            const AttributeProto* alpha = r.attribute(n, "alpha");
            if (activationInfo(*a).hasSlope)
                l.slope = alpha ? alpha->f() : 0.01f;
            else if (alpha && alpha->f() != 1.0f) // ELU's α: Gradscope's is PyTorch's default
                r.refuse(index, n, Engine::tr("its alpha is {1}; Gradscope's {2} has α = 1 only"),
                         std::to_string(alpha->f()), activationInfo(*a).className);
            for (const AttributeProto& attribute : n.attribute())
                if (!activationInfo(*a).hasSlope && attribute.name() != "alpha")
                    r.refuse(index, n, Engine::tr("its attribute '{1}' is not supported"),
                             attribute.name());
            r.layers.push_back(l);
        } else if (op == "Softmax") {
            const std::int64_t axis = r.intAttribute(n, "axis", -1);
            if (axis != 1 && axis != -1)
                r.refuse(index, n, Engine::tr("only a softmax over axis 1"));
            r.layers.push_back(LayerSpec::of(LayerKind::Softmax));
        } else if (op == "Flatten") {
            if (r.intAttribute(n, "axis", 1) != 1)
                r.refuse(index, n, Engine::tr("only a flatten from axis 1"));
            r.layers.push_back(LayerSpec::of(LayerKind::Flatten));
        } else if (op == "Identity" || op == "Dropout") {
            // Nothing at inference; a dropout's rate is not kept (torch.onnx drops it).
        } else {
            // The ops it reads, and the activations it recognises in the ops PyTorch writes.
            std::string read = "Gemm, MatMul with Add, Conv, MaxPool, ", composites;
            for (int a = 0; a < kActivationCount; ++a) {
                const ActivationInfo& info = activationInfo(Activation(a));
                if (std::string_view(info.onnx).find('(') == std::string_view::npos)
                    read += std::string(info.onnx) + ", "; // one op: Relu, Elu, ...
                else
                    composites += std::string(composites.empty() ? "" : ", ") + info.className;
            }
            r.refuse(index, n,
                     Engine::tr("'{1}' is not a layer Gradscope has (it reads {2}, and {3} as "
                                "PyTorch's exporter writes them)"),
                     op, read + "Softmax, Flatten, Dropout, Identity", composites);
        }
        current = n.output(0);
    }
    if (current != g.output(0).name())
        throw Unsupported(Engine::tr("{1}: the graph's output '{2}' is not the last node's"),
                          source, g.output(0).name());
    if (r.layers.empty()) throw Unsupported(Engine::tr("{1}: the graph has no layers"), source);

    // The network, checked against the input shape, then given the file's weights.
    LoadedModel loaded;
    loaded.sampleShape = Shape::fromVector(sample);
    std::vector<Index> batchOfOne = sample;
    batchOfOne.insert(batchOfOne.begin(), 1);
    try {
        Sequential::shapes(r.layers, Shape::fromVector(batchOfOne));
    } catch (const LayerError& e) {
        throw ShapeError(Engine::tr("{1}: the layers do not fit the input {2}: {3}"), source,
                         loaded.sampleShape.str(), e.message());
    }
    loaded.model = Sequential(r.layers);
    std::size_t next = 0;
    for (int i = 0; i < static_cast<int>(r.layers.size()); ++i) {
        if (!r.layers[std::size_t(i)].hasParameters()) continue;
        auto& [w, b] = r.weights[next++];
        Parameter* weight = loaded.model.weight(i);
        if (weight->value.shape() != w.shape())
            throw ShapeError(Engine::tr("{1}: layer {2}'s weight is {3}, the layer needs {4}"),
                             source, i, w.shape().str(), weight->value.shape().str());
        weight->value = std::move(w);
        if (b) loaded.model.bias(i)->value = std::move(*b);
    }
    return loaded;
}

#endif

void saveOnnx(const std::string& path, const Sequential& model, const Shape& sampleShape) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    // Into a folder made for it if need be, as the PyTorch and Keras exports do.
    writeExportFiles(path, {{name, onnxFromModel(model, sampleShape, name)}});
}

LoadedModel loadOnnx(const std::string& path) {
    if (!onnxAvailable()) noOnnx();
    return withMemoryNote(path, [&] {
        return parseOnnx(readFile(path, Message(Engine::tr("ONNX model")), kMaxOnnxBytes), path);
    });
}

} // namespace gs
