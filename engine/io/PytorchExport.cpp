#include "PytorchExport.h"

#include "Files.h"
#include "train/Experiment.h"

#include <bit>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <optional>

namespace gs {

namespace {
template <class T> std::string shortestText(T v) {
    char text[32];
    const auto r = std::to_chars(text, text + sizeof text, v);
    std::string s(text, r.ptr);
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
}
} // namespace

std::string pythonNumber(float v) {
    return shortestText(v);
}

std::string pythonNumber(double v) {
    return shortestText(v);
}

void appendFloat32(std::string& bytes, const Tensor& t) {
    for (Index i = 0; i < t.numel(); ++i) {
        const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(t[i]));
        for (int b = 0; b < 4; ++b)
            bytes += static_cast<char>((bits >> (8 * b)) & 0xff);
    }
}

namespace {

std::string pyBool(bool b) {
    return b ? "True" : "False";
}

std::string pyString(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string pyShape(const Shape& shape) {
    std::string s = "[";
    for (int d = 0; d < shape.rank(); ++d)
        s += (d ? ", " : "") + std::to_string(shape[d]);
    return s + "]";
}

// One nn module per Gradscope layer, so that the state_dict names agree.
std::string moduleOf(const LayerSpec& l) {
    const std::string bias = l.bias ? "" : ", bias=False";
    switch (l.kind) {
    case LayerKind::Linear:
        return "nn.Linear(" + std::to_string(l.in) + ", " + std::to_string(l.out) + bias + ")";
    case LayerKind::Conv2d:
        return "nn.Conv2d(" + std::to_string(l.in) + ", " + std::to_string(l.out) +
               ", kernel_size=" + std::to_string(l.kernel) +
               ", stride=" + std::to_string(l.stride) + ", padding=" + std::to_string(l.padding) +
               bias + ")";
    case LayerKind::MaxPool2d:
        return "nn.MaxPool2d(kernel_size=" + std::to_string(l.kernel) +
               ", stride=" + std::to_string(l.stride ? l.stride : l.kernel) + ")";
    case LayerKind::Activation: { // PyTorch's class of the same name
        const ActivationInfo& a = activationInfo(l.activation);
        return std::string("nn.") + a.className + "(" + (a.hasSlope ? pythonNumber(l.slope) : "") +
               ")";
    }
    case LayerKind::Softmax:
        return "nn.Softmax(dim=1)";
    case LayerKind::Flatten:
        return "nn.Flatten()";
    case LayerKind::Dropout:
        return "nn.Dropout(p=" + pythonNumber(l.p) + ")";
    case LayerKind::AvgPool2d:
        return "nn.AvgPool2d(kernel_size=" + std::to_string(l.kernel) +
               ", stride=" + std::to_string(l.stride ? l.stride : l.kernel) + ")";
    case LayerKind::GlobalAvgPool2d: // [N, C, H, W] -> [N, C], as Gradscope's
        return "nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())";
    case LayerKind::BatchNorm1d:
        return "nn.BatchNorm1d(" + std::to_string(l.in) + ")";
    case LayerKind::BatchNorm2d:
        return "nn.BatchNorm2d(" + std::to_string(l.in) + ")";
    case LayerKind::LayerNorm:
        return "nn.LayerNorm(" + std::to_string(l.in) + ")";
    case LayerKind::Add: // the script's own modules (a graph's export defines them)
        return "Add()";
    case LayerKind::Concat:
        return "Concat()";
    default:
        break;
    }
    throw Unsupported(Engine::tr("the layer type '{1}' has no PyTorch export"), layerTypeName(l));
}

// The tensors the script loads, in order: the parameters, batch norm's running statistics,
// then the optimizer's buffers.
struct NamedTensor {
    std::string name;
    const Tensor* tensor;
};

std::vector<NamedTensor> tensorsOf(const LoadedModel& m) {
    std::vector<NamedTensor> out;
    for (const Parameter* p : m.model.parameters())
        out.push_back({p->name, &p->value});
    for (const Sequential::Buffer& b : m.model.buffers())
        out.push_back({b.name, &b.value});
    for (std::size_t i = 0; i < m.optimizerState.size(); ++i)
        for (const auto& [buffer, tensor] : m.optimizerState[i].buffers)
            out.push_back({"optimizer." + m.model.parameters()[i]->name + "." + buffer, &tensor});
    return out;
}

std::string weightsSection(const std::vector<NamedTensor>& tensors, const std::string& file,
                           bool embed) {
    std::string s;
    if (embed) {
        s += "# The trained weights (and the optimizer's buffers): name, shape, values (float32).\n"
             "TENSORS = [\n";
        for (const NamedTensor& t : tensors) {
            s += "    (" + pyString(t.name) + ", " + pyShape(t.tensor->shape()) + ", [";
            for (Index i = 0; i < t.tensor->numel(); ++i)
                s += (i ? ", " : "") + pythonNumber((*t.tensor)[i]);
            s += "]),\n";
        }
        s += "]\n\n\n"
             "def load_tensors():\n"
             "    return {name: torch.tensor(values, dtype=torch.float32).reshape(shape)\n"
             "            for name, shape, values in TENSORS}\n";
        return s;
    }
    s += "# The trained weights (and the optimizer's buffers), one after another in " + file +
         "\n# as little-endian float32: name and shape.\nTENSORS = [\n";
    for (const NamedTensor& t : tensors)
        s += "    (" + pyString(t.name) + ", " + pyShape(t.tensor->shape()) + "),\n";
    s += "]\nWEIGHTS = os.path.join(HERE, " + pyString(file) +
         ")\n\n\n"
         "def load_tensors():\n"
         "    with open(WEIGHTS, \"rb\") as f:\n"
         "        flat = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)\n"
         "    if sys.byteorder != \"little\":\n"
         "        flat = flat.view(torch.int32).byteswap().view(torch.float32)\n"
         "    tensors, at = {}, 0\n"
         "    for name, shape in TENSORS:\n"
         "        count = math.prod(shape)\n"
         "        tensors[name] = flat[at:at + count].reshape(shape).clone()\n"
         "        at += count\n"
         "    return tensors\n";
    return s;
}

std::string weightsBinary(const std::vector<NamedTensor>& tensors) {
    std::string bytes;
    for (const NamedTensor& t : tensors)
        appendFloat32(bytes, *t.tensor);
    return bytes;
}

// A data set as CSV: the inputs flattened, then the label or the targets.
std::string csvOf(const Dataset& d) {
    std::string s;
    const Index width = d.size() ? d.inputs.numel() / d.size() : 0;
    for (Index c = 0; c < width; ++c)
        s += (c ? ",x" : "x") + std::to_string(c + 1);
    if (d.isClassification()) {
        s += ",label\n";
    } else {
        for (Index c = 0; c < d.targets.cols(); ++c)
            s += ",y" + std::to_string(c + 1);
        s += "\n";
    }
    for (Index r = 0; r < d.size(); ++r) {
        for (Index c = 0; c < width; ++c)
            s += (c ? "," : "") + pythonNumber(d.inputs[r * width + c]);
        if (d.isClassification()) {
            s += "," + std::to_string(d.labels[std::size_t(r)]) + "\n";
        } else {
            for (Index c = 0; c < d.targets.cols(); ++c)
                s += "," + pythonNumber(d.targets[r * d.targets.cols() + c]);
            s += "\n";
        }
    }
    return s;
}

struct DataPart {
    std::string code;                // load_data(folder) and what it needs
    std::string defaultFolder;       // the --data default
    std::vector<ExportedFile> files; // CSVs beside the script
};

DataPart idxData(const std::string& folder, const DataSpec& spec, const std::string& what) {
    DataPart d;
    d.defaultFolder = folder;
    d.code = "# " + what +
             " as Gradscope reads it: the IDX files (gzipped or not), pixels scaled to\n"
             "# [0, 1] and standardised with the experiment's mean and standard deviation.\n"
             "MEAN, STD = " +
             pythonNumber(spec.mean) + ", " + pythonNumber(spec.std) +
             "\n"
             "TRAIN_LIMIT = " +
             std::to_string(spec.trainLimit) +
             "  # use only the first N training images (0: all)\n\n\n"
             "def read_idx(path):\n"
             "    opener = gzip.open if not os.path.exists(path) else open\n"
             "    with opener(path if os.path.exists(path) else path + \".gz\", \"rb\") as f:\n"
             "        data = f.read()\n"
             "    dims = data[3]\n"
             "    shape = struct.unpack(\">\" + \"I\" * dims, data[4:4 + 4 * dims])\n"
             "    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), "
             "dtype=torch.uint8).reshape(shape)\n\n\n"
             "def load_data(folder):\n"
             "    def images(name):\n"
             "        x = read_idx(os.path.join(folder, name)).float().unsqueeze(1) / 255\n"
             "        return (x - MEAN) / STD\n\n"
             "    def labels(name):\n"
             "        return read_idx(os.path.join(folder, name)).long()\n\n"
             "    train = (images(\"train-images-idx3-ubyte\"), "
             "labels(\"train-labels-idx1-ubyte\"))\n"
             "    if TRAIN_LIMIT:\n"
             "        train = (train[0][:TRAIN_LIMIT], train[1][:TRAIN_LIMIT])\n"
             "    test = (images(\"t10k-images-idx3-ubyte\"), labels(\"t10k-labels-idx1-ubyte\"))\n"
             "    return train, test\n";
    return d;
}

DataPart csvData(const Split& split, const std::string& name, const std::string& what,
                 const Shape& sampleShape) {
    DataPart d;
    d.defaultFolder = "";
    const bool classes = split.train.isClassification();
    d.code = "# " + what +
             ", exactly as Gradscope made and split them:\n"
             "# " +
             name + ".train.csv and " + name + ".test.csv beside this script (inputs, then the " +
             (classes ? std::string("label") : std::string("targets")) +
             ").\n"
             "SAMPLE_SHAPE = " +
             pyShape(sampleShape) +
             "\n\n\n"
             "def read_csv(path):\n"
             "    with open(path, newline=\"\") as f:\n"
             "        rows = list(csv.reader(f))\n"
             "    header, rows = rows[0], rows[1:]\n"
             "    inputs = sum(1 for column in header if column.startswith(\"x\"))\n"
             "    x = torch.tensor([[float(v) for v in row[:inputs]] for row in rows],\n"
             "                     dtype=torch.float32).reshape([len(rows)] + SAMPLE_SHAPE)\n";
    if (classes)
        d.code += "    y = torch.tensor([int(row[inputs]) for row in rows], dtype=torch.long)\n";
    else
        d.code += "    y = torch.tensor([[float(v) for v in row[inputs:]] for row in rows],\n"
                  "                     dtype=torch.float32)\n";
    d.code += "    return x, y\n\n\n"
              "def load_data(folder):\n"
              "    train = read_csv(os.path.join(folder or HERE, " +
              pyString(name + ".train.csv") + "))\n";
    d.files.push_back({name + ".train.csv", csvOf(split.train)});
    if (split.test.size() > 0) {
        d.code += "    test = read_csv(os.path.join(folder or HERE, " +
                  pyString(name + ".test.csv") + "))\n";
        d.files.push_back({name + ".test.csv", csvOf(split.test)});
    } else {
        d.code += "    test = None  # Gradscope trained on every sample\n";
    }
    d.code += "    return train, test\n";
    return d;
}

DataPart noData(const Shape& sampleShape) {
    DataPart d;
    d.code = "# This model file says nothing of its data. load_data() must return\n"
             "# (train_inputs, train_labels_or_targets), (test_inputs, test_targets) with\n"
             "# inputs shaped [N] + " +
             pyShape(sampleShape) +
             ".\n"
             "def load_data(folder):\n"
             "    sys.exit(\"load_data() in \" + __file__ + \" needs to be written: this model "
             "came without its data\")\n";
    return d;
}

// `penalised`: the parameters the regularisation sums over (the weights of linear and conv
// layers).
std::string lossSection(LossKind loss, TargetEncoding encoding, Index classes,
                        const Regularization& r, const std::vector<std::string>& penalised) {
    std::string s = "# The loss, with the targets as Gradscope encodes them for it.\n";
    switch (encoding) {
    case TargetEncoding::ClassIndex:
        s += "LOSS = nn.CrossEntropyLoss()\n\n\n"
             "def targets(y, dtype=torch.float32):\n"
             "    return y  # class indices (dtype is for the encodings that are numbers)\n";
        break;
    case TargetEncoding::ZeroOne:
        s += "LOSS = nn.BCEWithLogitsLoss()\n\n\n"
             "def targets(y, dtype=torch.float32):\n"
             "    return y.to(dtype).unsqueeze(1)  # 0 or 1, one output\n";
        break;
    case TargetEncoding::PlusMinusOne:
        s += "LOSS = nn.MSELoss()\n\n\n"
             "def targets(y, dtype=torch.float32):\n"
             "    return (2 * y.to(dtype) - 1).unsqueeze(1)  # −1 or +1, one output "
             "(TensorFlow Playground's square loss)\n";
        break;
    case TargetEncoding::OneHot:
        s += "LOSS = nn.MSELoss()\n\n\n"
             "def targets(y, dtype=torch.float32):\n"
             "    return F.one_hot(y, " +
             std::to_string(classes) + ").to(dtype)\n";
        break;
    case TargetEncoding::Values:
        s += "LOSS = nn." +
             std::string(loss == LossKind::BCEWithLogits ? "BCEWithLogitsLoss" : "MSELoss") +
             "()\n\n\n"
             "def targets(y, dtype=torch.float32):\n"
             "    return y.to(dtype)  # the regression targets as they are\n";
        break;
    }
    s += "\n\ndef loss_of(model, output, y):\n"
         "    loss = LOSS(output, targets(y, output.dtype))\n";
    if (r.l1 != 0 || r.l2 != 0) {
        std::string names;
        for (const std::string& name : penalised)
            names += pyString(name) + ", ";
        s += "    # Gradscope's regularisation: l1·Σ|W| + l2·ΣW² over the weights of the linear "
             "and\n    # conv layers, not the biases or the norms' scales.\n"
             "    for name, p in model.named_parameters():\n"
             "        if name in (" +
             names + "):\n";
        if (r.l1 != 0)
            s += "            loss = loss + " + pythonNumber(r.l1) + " * p.abs().sum()\n";
        if (r.l2 != 0)
            s += "            loss = loss + " + pythonNumber(r.l2) + " * (p * p).sum()\n";
    }
    s += "    return loss\n\n\n"
         "def correct(output, y):\n";
    if (encoding == TargetEncoding::Values)
        s += "    return 0  # regression: no classes to count\n";
    else if (encoding == TargetEncoding::ZeroOne || encoding == TargetEncoding::PlusMinusOne)
        s += "    return int(((output[:, 0] > 0).long() == y).sum())\n";
    else
        s += "    return int((output.argmax(1) == y).sum())\n";
    return s;
}

// `baseRate`: the rate the schedule starts from (the model file holds the rate of its last
// step).
std::string optimizerSection(const LoadedModel& m, Scalar baseRate) {
    const OptimizerConfig c = m.optimizer.value_or(OptimizerConfig{});
    const std::string make = std::string("torch.optim.") + optimizerInfo(c.kind).pytorch +
                             "(\n        model.parameters(), lr=" + pythonNumber(baseRate) +
                             ", weight_decay=" + pythonNumber(c.weightDecay) +
                             optimizerArguments(c, true, pythonNumber) + ")";
    std::string s = std::string("# The optimizer: ") + optimizerLabel(c).english() + ".\n" +
                    (m.optimizer ? "" : "# (The model file named none; Gradscope's default.)\n") +
                    "STEPS_TAKEN = " + std::to_string(m.optimizerSteps) +
                    "\n\n\n"
                    "def make_optimizer(model, tensors):\n"
                    "    optimizer = " +
                    make + "\n";
    if (!m.optimizerState.empty() && m.optimizerSteps > 0) {
        s += "    # Its state after Gradscope's steps, under PyTorch's names.\n"
             "    for name, p in model.named_parameters():\n"
             "        state = {}\n";
        if (optimizerInfo(c.kind).pytorchStep)
            s += "        state[\"step\"] = torch.tensor(float(STEPS_TAKEN))\n";
        std::string names;
        for (const OptimizerBuffer& b : optimizerBuffers(c))
            names += (names.empty() ? "" : ", ") + pyString(b.name);
        s += "        for buffer in [" + names +
             "]:\n"
             "            state[buffer] = tensors[\"optimizer.\" + name + \".\" + "
             "buffer].to(p.device)\n"
             "        optimizer.state[p] = state\n";
    }
    s += "    return optimizer\n";
    return s;
}

std::string scheduleSection(const Schedule& schedule, int epochsDone) {
    std::string s =
        "# The learning-rate schedule, stepped once an epoch: " + describeSchedule(schedule) +
        ".\nEPOCHS_DONE = " + std::to_string(epochsDone) + "\n\n\ndef make_scheduler(optimizer):\n";
    switch (schedule.kind) {
    case ScheduleKind::Constant:
        s += "    return None\n";
        return s;
    case ScheduleKind::Step:
        s += "    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=" +
             std::to_string(schedule.stepSize) + ", gamma=" + pythonNumber(schedule.gamma) + ")\n";
        break;
    case ScheduleKind::Exponential:
        s += "    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=" +
             pythonNumber(schedule.gamma) + ")\n";
        break;
    case ScheduleKind::Cosine:
        s += "    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=" +
             std::to_string(schedule.maxEpochs) +
             ", eta_min=" + pythonNumber(schedule.minLearningRate) + ")\n";
        break;
    case ScheduleKind::Count:
        break;
    }
    s += "    with warnings.catch_warnings():  # stepped before any optimizer step, on purpose\n"
         "        warnings.simplefilter(\"ignore\")\n"
         "        for _ in range(EPOCHS_DONE):  # to where Gradscope's schedule was\n"
         "            scheduler.step()\n"
         "    return scheduler\n";
    return s;
}

} // namespace

std::vector<ExportedFile> exportPytorch(const LoadedModel& m, const PytorchExportOptions& o) {
    for (const LayerSpec& l : m.model.layers())
        (void)moduleOf(l); // refuses what has no export before anything is written

    std::optional<Experiment> experiment;
    if (!m.experiment.isNull()) experiment = experimentFromJson(m.experiment, o.name);
    TrainConfig training = experiment ? experiment->train : TrainConfig{};
    if (m.optimizer) training.optimizer = *m.optimizer;
    const LossKind loss = m.loss.value_or(training.loss);

    // The data, and how the loss reads its targets.
    DataPart data;
    Index batchesPerEpoch = 0;
    TargetEncoding encoding =
        loss == LossKind::CrossEntropy ? TargetEncoding::ClassIndex : TargetEncoding::Values;
    Index classes = 0;
    if (experiment) {
        const DataSpec& spec = experiment->data;
        Split split;
        if (spec.source == DataSource::Mnist || spec.source == DataSource::FashionMnist) {
            const bool mnist = spec.source == DataSource::Mnist;
            const std::string folder = mnist ? o.dataDir + "/mnist" : kFashionMnistDir;
            data = idxData(folder, spec, mnist ? "MNIST" : "Fashion-MNIST");
            split = loadData(spec, o.dataDir); // for the encoding and the epoch's length
        } else {
            split = loadData(spec, o.dataDir);
            if (o.features != kRawFeatures) {
                split.train = withFeatures(split.train, o.features);
                split.test = withFeatures(split.test, o.features);
            }
            std::string what = "The data";
            if (spec.source == DataSource::Toy)
                what = std::string("The 2-D points") +
                       (o.features != kRawFeatures ? " (with the session's input features)" : "");
            data = csvData(split, o.name, what, m.sampleShape);
        }
        std::vector<Index> batchOfOne = m.sampleShape.toVector();
        batchOfOne.insert(batchOfOne.begin(), 1);
        const Index outputs = m.model.shapes(Shape::fromVector(batchOfOne)).back().numel();
        encoding = targetEncoding(loss, split.train, outputs);
        classes = split.train.classes;
        const Index n = split.train.size();
        const Index batch = std::max<Index>(1, training.batchSize);
        batchesPerEpoch = training.dropLast ? n / batch : (n + batch - 1) / batch;
    } else {
        data = noData(m.sampleShape);
    }
    const int epochsDone =
        o.scheduleEpoch >= 0
            ? o.scheduleEpoch
            : (batchesPerEpoch > 0 ? static_cast<int>(m.optimizerSteps / batchesPerEpoch) : 0);
    const int epochsLeft = experiment ? std::max(1, experiment->epochs - epochsDone) : 1;

    const std::vector<NamedTensor> tensors = tensorsOf(m);
    Index numbers = 0;
    for (const NamedTensor& t : tensors)
        numbers += t.tensor->numel();
    const bool embed = numbers <= o.embedLimit;
    const std::string weightsFile = o.name + ".weights.bin";

    std::string py;
    py += "#!/usr/bin/env python3\n"
          "\"\"\"" +
          (experiment && !experiment->name.empty() ? experiment->name : o.name) +
          ", exported from Gradscope.\n\n"
          "Rebuilds the network in PyTorch with its trained weights, restores the optimizer with\n"
          "its state and the learning-rate schedule, loads the same data with the same\n"
          "preprocessing, and goes on training with the same loss, batch size and seed.\n\n";
    if (o.distributed)
        py += "Written for torchrun: each process trains on its share of every epoch\n"
              "(DistributedSampler) and DistributedDataParallel averages the gradients, so a\n"
              "step sees BATCH_SIZE samples per process. On GPUs (NCCL) or CPUs (Gloo):\n\n"
              "    torchrun --nproc_per_node=N " +
              o.name + ".py [--epochs N] [--data DIR] [--save FILE.pt]\n";
    else
        py += "    python3 " + o.name + ".py [--epochs N] [--data DIR] [--save FILE.pt]\n";
    py += "\"\"\"\n"
          "import argparse\n"
          "import csv\n"
          "import gzip\n"
          "import math\n"
          "import os\n"
          "import struct\n"
          "import sys\n"
          "import warnings\n\n"
          "import torch\n"
          "import torch.nn.functional as F\n"
          "from torch import nn\n";
    if (o.distributed)
        py += "import torch.distributed as dist\n"
              "from torch.nn.parallel import DistributedDataParallel\n"
              "from torch.utils.data.distributed import DistributedSampler\n";
    py += "from torch.utils.data import DataLoader, TensorDataset\n\n"
          "HERE = os.path.dirname(os.path.abspath(__file__))\n\n"
          "# How Gradscope trained it.\n"
          "BATCH_SIZE = " +
          std::to_string(training.batchSize) + "\nSHUFFLE = " + pyBool(training.shuffle) +
          "\nDROP_LAST = " + pyBool(training.dropLast) +
          "\nSEED = " + std::to_string(training.seed) + "\nEPOCHS = " + std::to_string(epochsLeft) +
          "  # what was left of the run's epochs (at least one)\n"
          "DATA = " +
          pyString(data.defaultFolder) + "\n\n\n";

    const auto& layers = m.model.layers();
    if (isChain(layers)) {
        py += "# The network: Gradscope's layers in order, so the state_dict names (\"1.weight\") "
              "are\n# the model file's.\n"
              "def build_model():\n"
              "    return nn.Sequential(\n";
    } else {
        // A graph: nn.Sequential's modules (so the state_dict names are the model file's) with
        // a forward that feeds each layer the outputs it names.
        std::string inputs;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            std::string list;
            for (const int j : layerInputs(layers, i))
                list += (list.empty() ? "" : ", ") + std::to_string(j);
            inputs += "    [" + list + "],  # " + std::to_string(i) + "\n";
        }
        py += "# The network has skip connections: each layer reads the outputs of the layers "
              "INPUTS\n# names (−1: the network's input).\n"
              "INPUTS = [\n" +
              inputs +
              "]\n\n\n"
              "class Add(nn.Module):\n"
              "    def forward(self, a, b):\n"
              "        return a + b\n\n\n"
              "class Concat(nn.Module):\n"
              "    def forward(self, a, b):\n"
              "        return torch.cat([a, b], dim=1)\n\n\n"
              "class Network(nn.Sequential):\n"
              "    \"\"\"Gradscope's layers in order, so the state_dict names (\"1.weight\") are "
              "the model\n    file's; each layer reads the outputs INPUTS names.\"\"\"\n\n"
              "    def forward(self, x):\n"
              "        outputs = []\n"
              "        for layer, inputs in zip(self, INPUTS):\n"
              "            outputs.append(layer(*(x if i < 0 else outputs[i] for i in inputs)))\n"
              "        return outputs[-1]\n\n\n"
              "def build_model():\n"
              "    return Network(\n";
    }
    for (const LayerSpec& l : layers)
        py += "        " + moduleOf(l) + ",\n";
    py += "    )\n\n\n";
    py += weightsSection(tensors, weightsFile, embed) + "\n\n";
    py += data.code + "\n\n";
    std::vector<std::string> penalised;
    for (std::size_t i = 0; i < m.model.layers().size(); ++i)
        if (const Parameter* w = m.model.weight(static_cast<int>(i));
            w && !isNormalisation(m.model.layers()[i].kind))
            penalised.push_back(w->name);
    py += lossSection(loss, encoding, classes, training.regularization, penalised) + "\n\n";
    const Scalar baseRate = experiment && training.schedule.kind != ScheduleKind::Constant
                                ? experiment->train.optimizer.learningRate
                                : training.optimizer.learningRate;
    py += optimizerSection(m, baseRate) + "\n\n";
    py += scheduleSection(training.schedule, epochsDone) + "\n\n";

    py +=
        "def evaluate(model, data, device):\n"
        "    \"\"\"The mean loss and the accuracy (None for regression) over a data set.\"\"\"\n"
        "    model.eval()\n"
        "    x, y = data\n"
        "    total, right = 0.0, 0\n"
        "    with torch.no_grad():\n"
        "        for start in range(0, len(x), 1000):\n"
        "            xb, yb = x[start:start + 1000].to(device), y[start:start + 1000].to(device)\n"
        "            output = model(xb)\n"
        "            total += float(LOSS(output, targets(yb, output.dtype))) * len(xb)\n"
        "            right += correct(output, yb)\n"
        "    model.train()\n" +
        std::string(encoding == TargetEncoding::Values
                        ? "    return total / len(x), None\n"
                        : "    return total / len(x), right / len(x)\n") +
        "\n\n";

    // main(): the same loop, plain or distributed.
    py += "def main():\n"
          "    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n"
          "    parser.add_argument(\"--epochs\", type=int, default=EPOCHS)\n"
          "    parser.add_argument(\"--data\", default=DATA, help=\"where the data files are\")\n"
          "    parser.add_argument(\"--save\", default=os.path.join(HERE, " +
          pyString(o.name + ".pt") +
          "),\n"
          "                        help=\"the trained state_dict (torch.save)\")\n"
          "    args = parser.parse_args()\n\n";
    if (o.distributed)
        py += "    dist.init_process_group(\"nccl\" if torch.cuda.is_available() else \"gloo\")\n"
              "    rank = dist.get_rank()\n"
              "    local_rank = int(os.environ.get(\"LOCAL_RANK\", 0))\n"
              "    device = torch.device(f\"cuda:{local_rank}\" if torch.cuda.is_available() "
              "else \"cpu\")\n";
    else
        py += "    rank = 0\n"
              "    device = torch.device(\"cuda\" if torch.cuda.is_available() else \"cpu\")\n";
    py += "    torch.manual_seed(SEED)\n"
          "    model = build_model()\n"
          "    tensors = load_tensors()\n"
          "    model.load_state_dict({name: tensors[name] for name in model.state_dict()})\n"
          "    model.to(device)\n"
          "    optimizer = make_optimizer(model, tensors)\n"
          "    scheduler = make_scheduler(optimizer)\n"
          "    train, test = load_data(args.data)\n";
    if (o.distributed)
        py +=
            "    sampler = DistributedSampler(TensorDataset(*train), shuffle=SHUFFLE, seed=SEED,\n"
            "                                 drop_last=DROP_LAST)\n"
            "    loader = DataLoader(TensorDataset(*train), batch_size=BATCH_SIZE, "
            "sampler=sampler,\n"
            "                        drop_last=DROP_LAST)\n"
            "    net = DistributedDataParallel(model, device_ids=[local_rank] if "
            "torch.cuda.is_available() else None)\n";
    else
        py += "    loader = DataLoader(TensorDataset(*train), batch_size=BATCH_SIZE, "
              "shuffle=SHUFFLE,\n"
              "                        drop_last=DROP_LAST, "
              "generator=torch.Generator().manual_seed(SEED))\n"
              "    net = model\n";
    py += "\n    for epoch in range(args.epochs):\n";
    if (o.distributed) py += "        sampler.set_epoch(EPOCHS_DONE + epoch)\n";
    py += "        total, seen = 0.0, 0\n"
          "        for x, y in loader:\n"
          "            x, y = x.to(device), y.to(device)\n"
          "            optimizer.zero_grad()\n"
          "            loss = loss_of(model, net(x), y)\n"
          "            loss.backward()\n"
          "            optimizer.step()\n"
          "            total += float(loss) * len(x)\n"
          "            seen += len(x)\n"
          "        if scheduler:\n"
          "            scheduler.step()\n"
          "        if rank == 0:\n"
          "            line = f\"epoch {EPOCHS_DONE + epoch + 1}: train loss {total / seen:.4f}\"\n"
          "            if test is not None:\n"
          "                test_loss, accuracy = evaluate(model, test, device)\n"
          "                line += f\", test loss {test_loss:.4f}\"\n"
          "                if accuracy is not None:\n"
          "                    line += f\", accuracy {100 * accuracy:.2f} %\"\n"
          "            print(line, flush=True)\n"
          "    if rank == 0:\n"
          "        torch.save(model.state_dict(), args.save)\n"
          "        print(f\"saved {args.save}\")\n";
    if (o.distributed) py += "    dist.destroy_process_group()\n";
    py += "\n\nif __name__ == \"__main__\":\n"
          "    main()\n";

    std::vector<ExportedFile> files{{o.name + ".py", std::move(py)}};
    if (!embed) files.push_back({weightsFile, weightsBinary(tensors)});
    for (ExportedFile& f : data.files)
        files.push_back(std::move(f));
    return files;
}

std::vector<std::string> writeExportFiles(const std::string& path,
                                          const std::vector<ExportedFile>& files) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!folder.empty() && !std::filesystem::is_directory(folder) &&
        !std::filesystem::create_directories(folder, error))
        throw Error(Engine::tr("cannot make the folder {1}: {2}"), folder.string(),
                    error.message());
    std::vector<std::string> written;
    for (const ExportedFile& f : files) {
        const std::filesystem::path target = folder / f.name;
        if (!target.parent_path().empty() && !std::filesystem::is_directory(target.parent_path()) &&
            !std::filesystem::create_directories(target.parent_path(), error))
            throw Error(Engine::tr("cannot make the folder {1}: {2}"),
                        target.parent_path().string(), error.message());
        written.push_back(target.string());
        writeFileAtomic(written.back(), f.contents);
    }
    return written;
}

std::vector<std::string> writeScriptExport(const char* framework, ScriptExporter exporter,
                                           const LoadedModel& model, const std::string& scriptPath,
                                           PytorchExportOptions options) {
    const std::filesystem::path script(scriptPath);
    if (script.extension() != ".py")
        throw InvalidArgument(Engine::tr("a {1} export is a Python script, ending in .py: '{2}'"),
                              framework, scriptPath);
    options.name = script.stem().string();
    return writeExportFiles(scriptPath, exporter(model, options));
}

std::vector<std::string> writePytorchExport(const LoadedModel& model, const std::string& scriptPath,
                                            PytorchExportOptions options) {
    return writeScriptExport("PyTorch", exportPytorch, model, scriptPath, std::move(options));
}

} // namespace gs
