#include "KerasExport.h"

#include "Json.h"
#include "ops/Ops.h"
#include "train/Experiment.h"

#include <optional>

namespace gs {

namespace {

std::string number(double v) {
    return pythonNumber(static_cast<float>(v));
}

// One Keras layer: what model.json says of it, the Python that makes it, and its weights in
// Keras's layout, in Keras's order (kernel, then bias).
struct KerasLayer {
    std::string className;
    std::string name;
    Json config;
    std::string python;
    std::vector<std::pair<std::string, Tensor>> weights; // "kernel", "bias"
    // The layers whose outputs it takes ("input" for the network's): a functional model's
    // wiring, where the network has skip connections.
    std::vector<std::string> inbound;
};

Json shapeJson(const std::vector<Index>& dims) {
    Json a = Json::array();
    a.push(Json());
    for (const Index d : dims)
        a.push(Json(static_cast<long long>(d)));
    return a;
}

// Keras's dense kernel [in, out] from PyTorch's weight [out, in]. After a flatten of
// [channels, height, width] the inputs arrive in Keras as (height, width, channels): row
// (h·W + w)·C + c of the kernel is PyTorch's column (c·H + h)·W + w.
// Where Keras's flattened feature `row` (of an [H, W, C] image) sits in PyTorch's flattening
// of the same image as [C, H, W]; itself when the features were not an image.
Index chwIndex(Index row, const std::optional<std::array<Index, 3>>& chw) {
    if (!chw) return row;
    const auto [c, h, ww] = *chw;
    const Index channel = row % c, x = (row / c) % ww, y = row / (c * ww);
    return (channel * h + y) * ww + x;
}

Tensor denseKernel(const Tensor& w, const std::optional<std::array<Index, 3>>& chw) {
    const Index out = w.shape()[0], in = w.shape()[1];
    Tensor k(Shape{in, out});
    for (Index row = 0; row < in; ++row) {
        const Index column = chwIndex(row, chw);
        for (Index o = 0; o < out; ++o)
            k[row * out + o] = w[o * in + column];
    }
    return k;
}

// A per-feature vector (a norm's γ, β or statistics) in Keras's order of flattened features.
Tensor featureVector(const Tensor& v, const std::optional<std::array<Index, 3>>& chw) {
    Tensor k(v.shape());
    for (Index row = 0; row < v.numel(); ++row)
        k[row] = v[chwIndex(row, chw)];
    return k;
}

// Keras's convolution kernel [kH, kW, in, out] from PyTorch's [out, in, kH, kW].
Tensor convKernel(const Tensor& w) {
    const Index out = w.shape()[0], in = w.shape()[1], kh = w.shape()[2], kw = w.shape()[3];
    Tensor k(Shape{kh, kw, in, out});
    for (Index o = 0; o < out; ++o)
        for (Index i = 0; i < in; ++i)
            for (Index y = 0; y < kh; ++y)
                for (Index x = 0; x < kw; ++x)
                    k[((y * kw + x) * in + i) * out + o] = w[((o * in + i) * kh + y) * kw + x];
    return k;
}

std::vector<KerasLayer> kerasLayers(const LoadedModel& m) {
    std::vector<KerasLayer> out;
    std::vector<Index> shape = m.sampleShape.toVector(); // PyTorch's layout of one sample
    std::optional<std::array<Index, 3>> flattened;       // [C, H, W] before the last flatten
    int counter = 0;
    // The Keras layer whose output is the current tensor, and each Gradscope layer's output.
    std::string current = "input";
    std::vector<std::string> outputName;
    std::vector<std::vector<Index>> outputShape; // PyTorch's layout, without the batch
    std::vector<std::optional<std::array<Index, 3>>> outputFlattened; // each output's image
    const auto add = [&](std::string className, std::string base, Json config,
                         std::string python) -> KerasLayer& {
        KerasLayer l;
        l.className = std::move(className);
        l.name = base + "_" + std::to_string(++counter);
        l.inbound = {current};
        current = l.name;
        config.set("name", l.name);
        config.set("trainable", true);
        config.set("dtype", "float32");
        l.config = std::move(config);
        l.python = std::move(python);
        out.push_back(std::move(l));
        return out.back();
    };
    const auto activation = [&](const char* name) {
        Json c = Json::object();
        c.set("activation", name);
        add("Activation", name, std::move(c), std::string("layers.Activation(\"") + name + "\")");
    };
    const auto& layers = m.model.layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerSpec& l = layers[i];
        const Parameter* weight = m.model.weight(static_cast<int>(i));
        const Parameter* bias = m.model.bias(static_cast<int>(i));
        const std::vector<int> from = layerInputs(layers, i);
        const auto nameOf = [&](int j) {
            return j < 0 ? std::string("input") : outputName[std::size_t(j)];
        };
        current = nameOf(from[0]);
        shape = from[0] < 0 ? m.sampleShape.toVector() : outputShape[std::size_t(from[0])];
        flattened = from[0] < 0 ? std::nullopt : outputFlattened[std::size_t(from[0])];
        switch (l.kind) {
        case LayerKind::Add:
        case LayerKind::Concat: {
            const bool sum = l.kind == LayerKind::Add;
            Json c = Json::object();
            if (!sum) c.set("axis", Json(-1)); // the channels, last in Keras's layout
            KerasLayer& k = add(sum ? "Add" : "Concatenate", sum ? "add" : "concatenate",
                                std::move(c), sum ? "layers.Add()" : "layers.Concatenate()");
            k.inbound.push_back(nameOf(from[1]));
            // Flattened images keep PyTorch's order of features only where both sides share
            // it; a concatenation of them would need its own reordering.
            const auto other = from[1] < 0 ? std::nullopt : outputFlattened[std::size_t(from[1])];
            if ((flattened || other) && (!sum || flattened != other))
                throw Unsupported(Engine::tr("the Keras export cannot join flattened images of "
                                             "different layouts (layer {1}): export it to "
                                             "PyTorch or ONNX"),
                                  i);
            if (!sum)
                shape[0] += from[1] < 0 ? m.sampleShape.toVector()[0]
                                        : outputShape[std::size_t(from[1])][0];
            break;
        }
        case LayerKind::Linear: {
            Json c = Json::object();
            c.set("units", Json(static_cast<long long>(l.out)));
            c.set("activation", "linear");
            c.set("use_bias", l.bias);
            KerasLayer& k = add("Dense", "dense", std::move(c),
                                "layers.Dense(" + std::to_string(l.out) +
                                    (l.bias ? "" : ", use_bias=False") + ")");
            k.weights.push_back({"kernel", denseKernel(weight->value, flattened)});
            if (bias) k.weights.push_back({"bias", bias->value});
            flattened.reset();
            shape = {l.out};
            break;
        }
        case LayerKind::Conv2d: {
            if (l.padding > 0) {
                Json c = Json::object();
                Json pad = Json::array();
                for (int side = 0; side < 2; ++side) {
                    Json pair = Json::array();
                    pair.push(Json(l.padding));
                    pair.push(Json(l.padding));
                    pad.push(std::move(pair));
                }
                c.set("padding", std::move(pad));
                c.set("data_format", "channels_last");
                add("ZeroPadding2D", "zero_padding2d", std::move(c),
                    "layers.ZeroPadding2D(" + std::to_string(l.padding) + ")");
            }
            Json c = Json::object();
            c.set("filters", Json(static_cast<long long>(l.out)));
            Json kernel = Json::array(), strides = Json::array(), dilation = Json::array();
            for (int d = 0; d < 2; ++d) {
                kernel.push(Json(l.kernel));
                strides.push(Json(l.stride));
                dilation.push(Json(1));
            }
            c.set("kernel_size", std::move(kernel));
            c.set("strides", std::move(strides));
            c.set("dilation_rate", std::move(dilation));
            c.set("padding", "valid");
            c.set("data_format", "channels_last");
            c.set("activation", "linear");
            c.set("use_bias", l.bias);
            KerasLayer& k =
                add("Conv2D", "conv2d", std::move(c),
                    "layers.Conv2D(" + std::to_string(l.out) + ", " + std::to_string(l.kernel) +
                        ", strides=" + std::to_string(l.stride) +
                        (l.bias ? "" : ", use_bias=False") + ")");
            k.weights.push_back({"kernel", convKernel(weight->value)});
            if (bias) k.weights.push_back({"bias", bias->value});
            const Index h = (shape[1] + 2 * l.padding - l.kernel) / l.stride + 1;
            const Index w = (shape[2] + 2 * l.padding - l.kernel) / l.stride + 1;
            shape = {l.out, h, w};
            break;
        }
        case LayerKind::MaxPool2d:
        case LayerKind::AvgPool2d: {
            const bool max = l.kind == LayerKind::MaxPool2d;
            const int stride = l.stride ? l.stride : l.kernel;
            Json c = Json::object();
            Json pool = Json::array(), strides = Json::array();
            for (int d = 0; d < 2; ++d) {
                pool.push(Json(l.kernel));
                strides.push(Json(stride));
            }
            c.set("pool_size", std::move(pool));
            c.set("strides", std::move(strides));
            c.set("padding", "valid");
            c.set("data_format", "channels_last");
            const std::string className = max ? "MaxPooling2D" : "AveragePooling2D";
            add(className, max ? "max_pooling2d" : "average_pooling2d", std::move(c),
                "layers." + className + "(" + std::to_string(l.kernel) +
                    ", strides=" + std::to_string(stride) + ")");
            shape = {shape[0], (shape[1] - l.kernel) / stride + 1,
                     (shape[2] - l.kernel) / stride + 1};
            break;
        }
        case LayerKind::GlobalAvgPool2d: {
            Json c = Json::object();
            c.set("data_format", "channels_last");
            add("GlobalAveragePooling2D", "global_average_pooling2d", std::move(c),
                "layers.GlobalAveragePooling2D()");
            shape = {shape[0]};
            break;
        }
        case LayerKind::BatchNorm1d:
        case LayerKind::BatchNorm2d:
        case LayerKind::LayerNorm: {
            // Over the last axis: the features, or the channels of Keras's [H, W, C].
            const bool batch = isBatchNorm(l.kind);
            Json c = Json::object();
            c.set("axis", Json(-1));
            c.set("epsilon", double(kNormEpsilon));
            c.set("center", true);
            c.set("scale", true);
            if (batch) c.set("momentum", 0.9); // Keras keeps 0.9 of the old; PyTorch moves 0.1
            KerasLayer& k = add(batch ? "BatchNormalization" : "LayerNormalization",
                                batch ? "batch_normalization" : "layer_normalization", std::move(c),
                                batch ? "layers.BatchNormalization(momentum=0.9, epsilon=1e-5)"
                                      : "layers.LayerNormalization(epsilon=1e-5)");
            // After a Flatten of an image, in Keras's order of its features (as Dense's kernel).
            const auto features = [&](const Tensor& v) {
                return l.kind == LayerKind::BatchNorm2d ? v : featureVector(v, flattened);
            };
            k.weights.push_back({"gamma", features(weight->value)});
            k.weights.push_back({"beta", features(bias->value)});
            if (batch) {
                const std::string prefix = std::to_string(i);
                k.weights.push_back(
                    {"moving_mean", features(m.model.buffer(prefix + ".running_mean")->value)});
                k.weights.push_back(
                    {"moving_variance", features(m.model.buffer(prefix + ".running_var")->value)});
            }
            break;
        }
        case LayerKind::Softmax:
            activation("softmax");
            break;
        case LayerKind::Activation: {
            const ActivationInfo& a = activationInfo(l.activation);
            if (a.keras) {
                activation(a.keras);
                break;
            }
            // Only the leaky ReLU is a layer of its own in Keras, with its slope.
            Json c = Json::object();
            c.set("alpha", double(l.slope));
            add("LeakyReLU", "leaky_re_lu", std::move(c),
                "layers.LeakyReLU(" + number(l.slope) + ")");
            break;
        }
        case LayerKind::Flatten: {
            Json c = Json::object();
            c.set("data_format", "channels_last");
            add("Flatten", "flatten", std::move(c), "layers.Flatten()");
            if (shape.size() == 3) flattened = std::array<Index, 3>{shape[0], shape[1], shape[2]};
            Index n = 1;
            for (const Index d : shape)
                n *= d;
            shape = {n};
            break;
        }
        case LayerKind::Dropout: {
            Json c = Json::object();
            c.set("rate", double(l.p));
            add("Dropout", "dropout", std::move(c), "layers.Dropout(" + number(l.p) + ")");
            break;
        }
        default:
            throw Unsupported(Engine::tr("the layer type '{1}' has no Keras export"),
                              layerTypeName(l));
        }
        outputName.push_back(current);
        outputShape.push_back(shape);
        outputFlattened.push_back(flattened);
    }
    return out;
}

// Keras's shape of one sample: [C, H, W] becomes [H, W, C].
std::vector<Index> kerasInput(const Shape& sample) {
    std::vector<Index> d = sample.toVector();
    if (d.size() == 3) return {d[1], d[2], d[0]};
    return d;
}

} // namespace

std::vector<ExportedFile> exportKeras(const LoadedModel& m, const PytorchExportOptions& o) {
    const std::vector<KerasLayer> layers = kerasLayers(m);
    const std::vector<Index> input = kerasInput(m.sampleShape);
    // A chain is a keras.Sequential; a network with skip connections a functional model, whose
    // layers name the layers they take their inputs from.
    const bool functional = !isChain(m.model.layers());

    // The Keras model format of TensorFlow.js: model.json and one file of weights.
    Json layerList = Json::array();
    Json specs = Json::array();
    std::string bytes;
    if (functional) {
        Json config = Json::object();
        config.set("batch_input_shape", shapeJson(input));
        config.set("dtype", "float32");
        config.set("sparse", false);
        config.set("name", "input");
        Json entry = Json::object();
        entry.set("class_name", "InputLayer");
        entry.set("config", std::move(config));
        entry.set("name", "input");
        entry.set("inbound_nodes", Json::array());
        layerList.push(std::move(entry));
    }
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const KerasLayer& l = layers[i];
        Json config = l.config;
        if (i == 0 && !functional) config.set("batch_input_shape", shapeJson(input));
        Json entry = Json::object();
        entry.set("class_name", l.className);
        entry.set("config", std::move(config));
        if (functional) {
            entry.set("name", l.name);
            Json node = Json::array();
            for (const std::string& from : l.inbound) {
                Json edge = Json::array();
                edge.push(Json(from));
                edge.push(Json(0));
                edge.push(Json(0));
                edge.push(Json::object());
                node.push(std::move(edge));
            }
            Json nodes = Json::array();
            nodes.push(std::move(node));
            entry.set("inbound_nodes", std::move(nodes));
        }
        layerList.push(std::move(entry));
        for (const auto& [suffix, t] : l.weights) {
            Json spec = Json::object();
            spec.set("name", l.name + "/" + suffix);
            Json dims = Json::array();
            for (const Index d : t.shape().toVector())
                dims.push(Json(static_cast<long long>(d)));
            spec.set("shape", std::move(dims));
            spec.set("dtype", "float32");
            specs.push(std::move(spec));
            appendFloat32(bytes, t);
        }
    }
    Json sequential = Json::object();
    sequential.set("name", o.name);
    sequential.set("layers", std::move(layerList));
    if (functional) {
        const auto endpoint = [](const std::string& name) {
            Json one = Json::array();
            one.push(Json(name));
            one.push(Json(0));
            one.push(Json(0));
            Json list = Json::array();
            list.push(std::move(one));
            return list;
        };
        sequential.set("input_layers", endpoint("input"));
        sequential.set("output_layers", endpoint(layers.back().name));
    }
    Json topology = Json::object();
    topology.set("class_name", functional ? "Functional" : "Sequential");
    topology.set("config", std::move(sequential));
    topology.set("keras_version", "2.11.0");
    topology.set("backend", "tensorflow");
    Json group = Json::object();
    Json paths = Json::array();
    paths.push("weights.bin");
    group.set("paths", std::move(paths));
    group.set("weights", std::move(specs));
    Json manifest = Json::array();
    manifest.push(std::move(group));
    Json model = Json::object();
    model.set("format", "layers-model");
    model.set("generatedBy", "Gradscope");
    model.set("convertedBy", Json());
    model.set("modelTopology", std::move(topology));
    model.set("weightsManifest", std::move(manifest));
    const std::string folder = o.name + ".tfjs";

    // The Python script: the same layers, the same weights (read from the TensorFlow.js
    // files, so both hold one copy), the same data.
    std::optional<Experiment> experiment;
    if (!m.experiment.isNull()) experiment = experimentFromJson(m.experiment, o.name);
    const TrainConfig training = experiment ? experiment->train : TrainConfig{};
    const LossKind loss = m.loss.value_or(training.loss);
    std::string py =
        "#!/usr/bin/env python3\n\"\"\"" + o.name +
        ", exported from Gradscope for Keras (TensorFlow 2).\n\n"
        "Rebuilds the network (keras.Sequential, or a functional keras.Model where it has skip\n"
        "connections) with its trained weights and goes on training\n"
        "on the same data with the same loss and batch size. Keras works channels-last: images\n"
        "are [height, width, channels], and the weights were rearranged to give the outputs\n"
        "Gradscope gives. The optimizer starts afresh (Keras keeps its state its own way).\n"
        "The same model loads in TensorFlow.js: tf.loadLayersModel(\"" +
        folder +
        "/model.json\").\n\n"
        "    python3 " +
        o.name +
        ".py [--epochs N] [--data DIR]\n\"\"\"\n"
        "import argparse\nimport csv\nimport gzip\nimport json\nimport os\nimport struct\n\n"
        "import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n\n"
        "HERE = os.path.dirname(os.path.abspath(__file__))\n"
        "MODEL = os.path.join(HERE, \"" +
        folder + "\")\n\n\ndef build_model():\n";
    std::string shapeText;
    for (std::size_t i = 0; i < input.size(); ++i)
        shapeText += std::to_string(input[i]) +
                     (input.size() == 1 ? "," : (i + 1 < input.size() ? ", " : ""));
    const auto named = [](const KerasLayer& l) {
        std::string call = l.python;
        call.insert(call.size() - 1,
                    std::string(call.back() == ')' && call[call.size() - 2] == '(' ? "" : ", ") +
                        "name=\"" + l.name + "\"");
        return call;
    };
    if (functional) {
        // Each layer's output under its name; a layer takes the outputs its model.json entry
        // names (a skip connection's Add takes two).
        py += "    t = {\"input\": keras.Input(shape=(" + shapeText + "), name=\"input\")}\n";
        for (const KerasLayer& l : layers) {
            std::string args;
            for (const std::string& from : l.inbound)
                args += (args.empty() ? "" : ", ") + ("t[\"" + from + "\"]");
            py += "    t[\"" + l.name + "\"] = " + named(l) + "(" +
                  (l.inbound.size() > 1 ? "[" + args + "]" : args) + ")\n";
        }
        py += "    return keras.Model(t[\"input\"], t[\"" + layers.back().name + "\"])\n\n\n";
    } else {
        py += "    return keras.Sequential([\n        keras.Input(shape=(" + shapeText + ")),\n";
        for (const KerasLayer& l : layers)
            py += "        " + named(l) + ",\n";
        py += "    ])\n\n\n";
    }
    py += "def load_weights(model):\n"
          "    \"\"\"The trained weights, from the TensorFlow.js files (little-endian "
          "float32).\"\"\"\n"
          "    with open(os.path.join(MODEL, \"model.json\")) as f:\n"
          "        manifest = json.load(f)[\"weightsManifest\"][0]\n"
          "    data = np.fromfile(os.path.join(MODEL, manifest[\"paths\"][0]), dtype=\"<f4\")\n"
          "    weights, at = {}, 0\n"
          "    for spec in manifest[\"weights\"]:\n"
          "        count = int(np.prod(spec[\"shape\"]))\n"
          "        weights[spec[\"name\"]] = data[at:at + count].reshape(spec[\"shape\"])\n"
          "        at += count\n"
          "    for layer in model.layers:\n"
          "        # In the files' order, which is Keras's: kernel, bias; gamma, beta,\n"
          "        # moving_mean, moving_variance.\n"
          "        found = [w for n, w in weights.items() if n.startswith(layer.name + \"/\")]\n"
          "        if found:\n"
          "            layer.set_weights(found)\n\n\n";

    // The data: the CSVs the PyTorch export writes, or MNIST's IDX files.
    std::vector<ExportedFile> files;
    std::string dataCode;
    if (experiment) {
        const DataSpec& spec = experiment->data;
        if (spec.source == DataSource::Mnist || spec.source == DataSource::FashionMnist) {
            const bool mnist = spec.source == DataSource::Mnist;
            dataCode =
                "DATA = \"" + (mnist ? o.dataDir + "/mnist" : std::string(kFashionMnistDir)) +
                "\"\n\n\ndef read_idx(path):\n"
                "    opener = open if os.path.exists(path) else gzip.open\n"
                "    with opener(path if os.path.exists(path) else path + \".gz\", \"rb\") as f:\n"
                "        data = f.read()\n"
                "    dims = data[3]\n"
                "    shape = struct.unpack(\">\" + \"I\" * dims, data[4:4 + 4 * dims])\n"
                "    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * "
                "dims).reshape(shape)\n"
                "\n\ndef load_data(folder):\n"
                "    \"\"\"Images scaled to [0, 1] and standardised as Gradscope did, "
                "channels-last.\"\"\"\n"
                "    def images(name):\n"
                "        x = read_idx(os.path.join(folder, name)).astype(\"float32\") / 255\n"
                "        return ((x - " +
                number(spec.mean) + ") / " + number(spec.std) +
                ")[..., None]\n\n"
                "    def labels(name):\n"
                "        return read_idx(os.path.join(folder, name)).astype(\"int64\")\n\n"
                "    train = (images(\"train-images-idx3-ubyte\"), "
                "labels(\"train-labels-idx1-ubyte\"))\n" +
                (spec.trainLimit > 0
                     ? "    train = (train[0][:" + std::to_string(spec.trainLimit) +
                           "], train[1][:" + std::to_string(spec.trainLimit) + "])\n"
                     : std::string()) +
                "    return train, (images(\"t10k-images-idx3-ubyte\"), "
                "labels(\"t10k-labels-idx1-ubyte\"))\n";
        } else {
            for (ExportedFile& f : exportPytorch(m, o))
                if (f.name.ends_with(".csv")) files.push_back(std::move(f));
            dataCode =
                "DATA = HERE\n\n\ndef read_csv(path):\n"
                "    with open(path, newline=\"\") as f:\n"
                "        rows = list(csv.reader(f))\n"
                "    inputs = sum(1 for column in rows[0] if column.startswith(\"x\"))\n"
                "    values = np.array(rows[1:], dtype=\"float64\")\n"
                "    return values[:, :inputs].astype(\"float32\"), values[:, inputs:]\n\n\n"
                "def load_data(folder):\n"
                "    train = read_csv(os.path.join(folder, \"" +
                o.name + ".train.csv\"))\n    test_file = os.path.join(folder, \"" + o.name +
                ".test.csv\")\n"
                "    return train, read_csv(test_file) if os.path.exists(test_file) else None\n";
        }
    } else {
        dataCode =
            "DATA = HERE\n\n\ndef load_data(folder):\n"
            "    raise SystemExit(\"this model came without its data: write load_data()\")\n";
    }
    py += dataCode + "\n\n";

    const bool classes =
        experiment &&
        (experiment->data.source == DataSource::Mnist ||
         experiment->data.source == DataSource::FashionMnist ||
         experiment->data.source == DataSource::Drawn ||
         (experiment->data.source == DataSource::Toy && !isRegression(experiment->data.toy.kind)));
    const Index outputs = layers.empty() ? 0 : [&] {
        std::vector<Index> d = m.sampleShape.toVector();
        d.insert(d.begin(), 1);
        return m.model.shapes(Shape::fromVector(d)).back().numel();
    }();
    std::string lossCode, targetCode = "    return y\n";
    if (loss == LossKind::CrossEntropy) {
        lossCode = "keras.losses.SparseCategoricalCrossentropy(from_logits=True)";
        targetCode = "    return y.astype(\"int64\").reshape(-1)\n";
    } else if (loss == LossKind::BCEWithLogits) {
        lossCode = "keras.losses.BinaryCrossentropy(from_logits=True)";
        targetCode = "    return y.astype(\"float32\").reshape(-1, 1)\n";
    } else {
        lossCode = "keras.losses.MeanSquaredError()";
        if (classes && outputs == 1)
            targetCode = "    return (2 * y.astype(\"float32\") - 1).reshape(-1, 1)  # −1 or +1\n";
        else if (classes)
            targetCode = "    return np.eye(" + std::to_string(outputs) +
                         ", dtype=\"float32\")[y.astype(\"int64\").reshape(-1)]  # one-hot\n";
    }
    const OptimizerConfig c = training.optimizer;
    const std::string optimizer = std::string("keras.optimizers.") + optimizerInfo(c.kind).keras +
                                  "(learning_rate=" + number(c.learningRate) +
                                  optimizerArguments(c, false, number) + ")";
    py += "def targets(y):\n" + targetCode +
          "\n\ndef main():\n"
          "    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n"
          "    parser.add_argument(\"--epochs\", type=int, default=" +
          std::to_string(experiment ? std::max(1, experiment->epochs) : 1) +
          ")\n"
          "    parser.add_argument(\"--data\", default=DATA)\n"
          "    args = parser.parse_args()\n"
          "    keras.utils.set_random_seed(" +
          std::to_string(training.seed) +
          ")\n"
          "    model = build_model()\n"
          "    load_weights(model)\n"
          "    model.compile(optimizer=" +
          optimizer + ",\n                  loss=" + lossCode +
          (classes && loss != LossKind::MSE ? ",\n                  metrics=[\"accuracy\"]" : "") +
          ")\n"
          "    (x, y), test = load_data(args.data)\n"
          "    validation = (test[0], targets(test[1])) if test is not None else None\n"
          "    model.fit(x, targets(y), batch_size=" +
          std::to_string(training.batchSize) +
          ", epochs=args.epochs,\n"
          "              shuffle=" +
          (training.shuffle ? "True" : "False") +
          ", validation_data=validation)\n"
          "    model.save(os.path.join(HERE, \"" +
          o.name +
          ".keras\"))\n\n\n"
          "if __name__ == \"__main__\":\n"
          "    main()\n";

    std::vector<ExportedFile> result{{o.name + ".py", std::move(py)},
                                     {folder + "/model.json", model.dump()},
                                     {folder + "/weights.bin", std::move(bytes)}};
    for (ExportedFile& f : files)
        result.push_back(std::move(f));
    return result;
}

std::vector<std::string> writeKerasExport(const LoadedModel& model, const std::string& scriptPath,
                                          PytorchExportOptions options) {
    return writeScriptExport("Keras", exportKeras, model, scriptPath, std::move(options));
}

} // namespace gs
