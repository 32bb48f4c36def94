#include "Loss.h"

#include "core/Names.h"

#include "ops/Ops.h"

#include <algorithm>

namespace gs {

namespace {
constexpr const char* kNames[] = {"mse", "cross_entropy", "bce_with_logits"};
static_assert(std::size(kNames) == static_cast<std::size_t>(LossKind::Count));
} // namespace

const char* lossKindName(LossKind kind) {
    return kNames[static_cast<int>(kind)];
}

std::optional<LossKind> lossKindFromName(const std::string& name) {
    return enumFromName<LossKind>(kNames, name);
}

TargetEncoding targetEncoding(LossKind loss, const Dataset& data, Index outputs) {
    switch (loss) {
    case LossKind::CrossEntropy:
        if (!data.isClassification())
            throw InvalidArgument(
                Engine::tr("cross-entropy needs class labels, but '{1}' is a regression set: use "
                           "MSE"),
                data.name);
        if (outputs != data.classes)
            throw InvalidArgument(Engine::tr("cross-entropy needs one output per class: '{1}' has "
                                             "{2} classes, the network ends with {3} outputs"),
                                  data.name, data.classes, outputs);
        return TargetEncoding::ClassIndex;
    case LossKind::BCEWithLogits:
        if (data.classes != 2 || outputs != 1)
            throw InvalidArgument(Engine::tr("binary cross-entropy needs two classes and one "
                                             "output; '{1}' has {2} classes, the network {3} "
                                             "outputs"),
                                  data.name, data.classes, outputs);
        return TargetEncoding::ZeroOne;
    case LossKind::MSE:
        if (!data.isClassification()) {
            if (outputs != data.targets.cols())
                throw InvalidArgument(
                    Engine::tr("'{1}' has {2} target values per sample, the network {3} outputs"),
                    data.name, data.targets.cols(), outputs);
            return TargetEncoding::Values;
        }
        if (outputs == 1 && data.classes == 2) return TargetEncoding::PlusMinusOne;
        if (outputs == data.classes) return TargetEncoding::OneHot;
        throw InvalidArgument(Engine::tr("MSE on '{1}' needs 1 output (labels ±1, two classes "
                                         "only) or one output per class ({2}), the network has "
                                         "{3}"),
                              data.name, data.classes, outputs);
    case LossKind::Count:
        break;
    }
    throw InvalidArgument(Engine::tr("unknown loss"));
}

bool fitOutputs(std::vector<LayerSpec>& layers, LossKind& loss, const Dataset& data) {
    const auto last = std::find_if(layers.rbegin(), layers.rend(),
                                   [](const LayerSpec& l) { return l.kind == LayerKind::Linear; });
    if (last == layers.rend() || !std::all_of(layers.rbegin(), last, [](const LayerSpec& l) {
            return isActivation(l.kind) || l.kind == LayerKind::Dropout;
        }))
        return false;
    try {
        targetEncoding(loss, data, last->out);
        return false; // it fits
    } catch (const InvalidArgument&) {
    }
    if (!data.isClassification())
        loss = LossKind::MSE;
    else if (loss != LossKind::BCEWithLogits || data.classes != 2)
        loss = LossKind::CrossEntropy;
    last->out = !data.isClassification()          ? data.targets.cols()
                : loss == LossKind::BCEWithLogits ? 1
                                                  : data.classes;
    layers.erase(last.base(), layers.end());
    return true;
}

void encodeTargets(TargetEncoding encoding, const Batch& batch, const Shape& output, Tensor& out) {
    const Index rows = output[0];
    const Index cols = output.cols();
    out.resize(output);
    out.fill(encoding == TargetEncoding::PlusMinusOne ? -1 : 0);
    for (Index r = 0; r < rows; ++r) {
        const int label = batch.labels[static_cast<std::size_t>(r)];
        if (encoding == TargetEncoding::OneHot)
            out[r * cols + label] = 1;
        else if (label == 1)
            out[r] = 1;
    }
}

Var recordLoss(Graph& graph, LossKind loss, TargetEncoding encoding, const Var& output,
               const Batch& batch, Tensor& scratch) {
    if (encoding == TargetEncoding::ClassIndex)
        return crossEntropy(output, batch.labels).named("loss");
    if (encoding == TargetEncoding::Values) {
        Var target = graph.input(batch.targets, "target");
        return mseLoss(output, target).named("loss");
    }
    encodeTargets(encoding, batch, output.shape(), scratch);
    Var target = graph.input(scratch, "target");
    if (loss == LossKind::BCEWithLogits) return bceWithLogits(output, target).named("loss");
    return mseLoss(output, target).named("loss");
}

Var addRegularization(Graph& graph, const Var& loss, const Sequential& model,
                      const Regularization& r) {
    if (r.l1 == 0 && r.l2 == 0) return loss;
    NameScope scope(graph, "regularization");
    Var total = loss;
    for (std::size_t i = 0; i < model.layers().size(); ++i) {
        // The weights of linear and conv layers: a norm's scale γ is not penalised.
        Parameter* weight = model.weight(static_cast<int>(i));
        if (!weight || isNormalisation(model.layers()[i].kind)) continue;
        Var w = graph.param(*weight);
        if (r.l1 != 0) total = total + sum(abs(w)) * r.l1;
        if (r.l2 != 0) total = total + sum(w * w) * r.l2;
    }
    return total.named("loss+penalty");
}

int predictedClass(const Tensor& output, Index row, TargetEncoding encoding) {
    const Index cols = output.cols();
    const Scalar* p = output.data() + row * cols;
    switch (encoding) {
    case TargetEncoding::ZeroOne:
    case TargetEncoding::PlusMinusOne:
        return p[0] > 0 ? 1 : 0;
    default: {
        Index best = 0;
        for (Index c = 1; c < cols; ++c)
            if (p[c] > p[best]) best = c;
        return static_cast<int>(best);
    }
    }
}

Index countCorrect(const Tensor& output, const std::vector<int>& labels, TargetEncoding encoding) {
    Index correct = 0;
    for (Index r = 0; r < output.rows(); ++r)
        correct += predictedClass(output, r, encoding) == labels[static_cast<std::size_t>(r)];
    return correct;
}

} // namespace gs
