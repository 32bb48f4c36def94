#include "Onnx.h"

#include "Files.h"
#include "PytorchExport.h"
#include "core/Limits.h"

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
        const std::string out = i + 1 == layers.size() ? "output" : "x" + std::to_string(i + 1);
        NodeProto& n = *g.add_node();
        n.set_name(std::to_string(i) + ":" + layerKindName(l.kind));
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
        case LayerKind::ReLU:
            n.set_op_type("Relu");
            break;
        case LayerKind::LeakyReLU:
            n.set_op_type("LeakyRelu");
            addFloat(n, "alpha", static_cast<float>(l.slope));
            break;
        case LayerKind::Sigmoid:
            n.set_op_type("Sigmoid");
            break;
        case LayerKind::Tanh:
            n.set_op_type("Tanh");
            break;
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
        default:
            throw Unsupported(Engine::tr("the layer type '{1}' has no ONNX export"),
                              layerKindName(l.kind));
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

// What an import reads from the graph: the layers in order and their weights.
struct Reader {
    const std::string& source;
    const GraphProto& graph;
    std::map<std::string, const TensorProto*> initializers;
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
    Reader r{source, g, {}, {}, {}};
    for (const TensorProto& t : g.initializer())
        r.initializers[t.name()] = &t;

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
        } else if (op == "Relu" || op == "Sigmoid" || op == "Tanh") {
            r.layers.push_back(LayerSpec::of(op == "Relu"      ? LayerKind::ReLU
                                             : op == "Sigmoid" ? LayerKind::Sigmoid
                                                               : LayerKind::Tanh));
        } else if (op == "LeakyRelu") {
            const AttributeProto* alpha = r.attribute(n, "alpha");
            r.layers.push_back(LayerSpec::leakyRelu(alpha ? alpha->f() : 0.01f));
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
            r.refuse(index, n,
                     Engine::tr("'{1}' is not a layer Gradscope has (it reads Gemm, MatMul with "
                                "Add, Conv, MaxPool, Relu, LeakyRelu, Sigmoid, Tanh, Softmax, "
                                "Flatten, Dropout, Identity)"),
                     op);
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
    writeFileAtomic(path, onnxFromModel(model, sampleShape, name));
}

LoadedModel loadOnnx(const std::string& path) {
    if (!onnxAvailable()) noOnnx();
    return withMemoryNote(path, [&] {
        return parseOnnx(readFile(path, Message(Engine::tr("ONNX model")), kMaxOnnxBytes), path);
    });
}

} // namespace gs
