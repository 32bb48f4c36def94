#include "BackwardContext.h"
#include "OpKind.h"
#include "ops/Rules.h"

#include <iterator>

namespace gs {

namespace {

struct OpEntry {
    OpInfo info;
    BackwardFn backward;
    LocalDerivativeFn local;
};

using namespace rules;

// clang-format off
constexpr OpEntry kOps[] = {
    {{OpKind::Input, "input", "x", 0, 0, false, "{out}", {}}, nullptr, nullptr},
    {{OpKind::Leaf, "leaf", "x", 0, 0, false, "{out}", {}}, nullptr, nullptr},
    {{OpKind::Parameter, "parameter", "θ", 0, 0, false, "{out}", {}}, nullptr, nullptr},
    {{OpKind::Add, "add", "+", 2, 2, true, "{out} = {0} + {1}",
      {"dL/d{0} = dL/d{out}", "dL/d{1} = dL/d{out}"}}, addBackward, binaryLocal},
    {{OpKind::Sub, "sub", "−", 2, 2, true, "{out} = {0} − {1}",
      {"dL/d{0} = dL/d{out}", "dL/d{1} = −dL/d{out}"}}, subBackward, binaryLocal},
    {{OpKind::Mul, "mul", "×", 2, 2, true, "{out} = {0} ⊙ {1}",
      {"dL/d{0} = dL/d{out} ⊙ {1}", "dL/d{1} = dL/d{out} ⊙ {0}"}}, mulBackward, binaryLocal},
    {{OpKind::Div, "div", "÷", 2, 2, true, "{out} = {0} ⊘ {1}",
      {"dL/d{0} = dL/d{out} ⊘ {1}", "dL/d{1} = −dL/d{out} ⊙ {0} ⊘ {1}²"}},
     divBackward, binaryLocal},
    {{OpKind::Neg, "neg", "−x", 1, 1, true, "{out} = −{0}", {"dL/d{0} = −dL/d{out}"}},
     negBackward, unaryLocal},
    {{OpKind::Abs, "abs", "|x|", 1, 1, true, "{out} = |{0}|",
      {"dL/d{0} = dL/d{out} ⊙ sign({0})"}}, absBackward, unaryLocal},
    {{OpKind::Exp, "exp", "exp", 1, 1, true, "{out} = exp({0})",
      {"dL/d{0} = dL/d{out} ⊙ exp({0})"}}, expBackward, unaryLocal},
    {{OpKind::Log, "log", "log", 1, 1, true, "{out} = log({0})",
      {"dL/d{0} = dL/d{out} ⊘ {0}"}}, logBackward, unaryLocal},
    {{OpKind::Pow, "pow", "xᵖ", 1, 1, true, "{out} = {0}^p",
      {"dL/d{0} = dL/d{out} ⊙ p·{0}^(p−1)"}}, powBackward, unaryLocal},
    {{OpKind::Dropout, "dropout", "drop", 1, 1, true, "{out} = {0} ⊙ mask / (1 − p)",
      {"dL/d{0} = dL/d{out} ⊙ mask / (1 − p)"}}, dropoutBackward, unaryLocal},
    {{OpKind::MatMul, "matmul", "@", 2, 2, false, "{out} = {0} @ {1}",
      {"dL/d{0} = dL/d{out} @ {1}ᵀ", "dL/d{1} = {0}ᵀ @ dL/d{out}"}}, matmulBackward, nullptr},
    {{OpKind::Transpose, "transpose", "ᵀ", 1, 1, false, "{out} = {0}ᵀ",
      {"dL/d{0} = (dL/d{out})ᵀ"}}, transposeBackward, nullptr},
    {{OpKind::Linear, "linear", "Wx+b", 2, 3, false, "{out} = {0} @ {1}ᵀ + {2}",
      {"dL/d{0} = dL/d{out} @ {1}", "dL/d{1} = (dL/d{out})ᵀ @ {0}",
       Engine::tr("dL/d{2} = Σ over the batch of dL/d{out}").source}}, linearBackward, nullptr},
    {{OpKind::Sum, "sum", "Σ", 1, 1, false, "{out} = Σ {0}",
      {Engine::tr("dL/d{0} = dL/d{out} · 1 (copied to every element)").source}}, sumBackward, nullptr},
    {{OpKind::Mean, "mean", "mean", 1, 1, false, "{out} = Σ {0} / n",
      {Engine::tr("dL/d{0} = dL/d{out} / n (copied to every element)").source}}, meanBackward, nullptr},
    {{OpKind::SumAxis, "sum_axis", "Σₖ", 1, 1, false, Engine::tr("{out} = Σ over axis k of {0}").source,
      {Engine::tr("dL/d{0} = dL/d{out} copied along axis k").source}}, sumAxisBackward, nullptr},
    {{OpKind::MeanAxis, "mean_axis", "meanₖ", 1, 1, false, Engine::tr("{out} = mean over axis k of {0}").source,
      {Engine::tr("dL/d{0} = dL/d{out} / n copied along axis k").source}}, meanAxisBackward, nullptr},
    {{OpKind::Softmax, "softmax", "softmax", 1, 1, false, "{out}ᵢ = exp({0}ᵢ) / Σⱼ exp({0}ⱼ)",
      {"dL/d{0} = {out} ⊙ (dL/d{out} − Σⱼ dL/d{out}ⱼ·{out}ⱼ)"}}, softmaxBackward, nullptr},
    {{OpKind::LogSoftmax, "log_softmax", "logsoftmax", 1, 1, false,
      "{out}ᵢ = {0}ᵢ − log Σⱼ exp({0}ⱼ)",
      {"dL/d{0} = dL/d{out} − softmax({0}) · Σⱼ dL/d{out}ⱼ"}}, logSoftmaxBackward, nullptr},
    {{OpKind::Reshape, "reshape", "reshape", 1, 1, false, "{out} = reshape({0})",
      {Engine::tr("dL/d{0} = reshape(dL/d{out}) to the shape of {0}").source}}, reshapeBackward, nullptr},
    {{OpKind::Flatten, "flatten", "flatten", 1, 1, false, "{out} = flatten({0})",
      {Engine::tr("dL/d{0} = reshape(dL/d{out}) to the shape of {0}").source}}, reshapeBackward, nullptr},
    {{OpKind::Concat, "concat", "cat", 2, 2, false, "{out} = [{0}, {1}]",
      {Engine::tr("dL/d{0} = the first part of dL/d{out} along axis 1").source,
       Engine::tr("dL/d{1} = the second part of dL/d{out} along axis 1").source}}, concatBackward, nullptr},
    {{OpKind::MseLoss, "mse_loss", "MSE", 2, 2, false, "{out} = mean(({0} − {1})²)",
      {"dL/d{0} = dL/d{out} · 2({0} − {1}) / n", "dL/d{1} = −dL/d{out} · 2({0} − {1}) / n"}},
     mseLossBackward, nullptr},
    {{OpKind::CrossEntropy, "cross_entropy", "CE", 1, 1, false,
      Engine::tr("{out} = mean over the batch of −log softmax({0})[label]").source,
      {"dL/d{0} = dL/d{out} · (softmax({0}) − onehot(label)) / N"}},
     crossEntropyBackward, nullptr},
    {{OpKind::BceWithLogits, "bce_with_logits", "BCE", 2, 2, false,
      "{out} = mean(−{1}·log σ({0}) − (1 − {1})·log(1 − σ({0})))",
      {"dL/d{0} = dL/d{out} · (σ({0}) − {1}) / n", "dL/d{1} = −dL/d{out} · {0} / n"}},
     bceWithLogitsBackward, nullptr},
    {{OpKind::Conv2d, "conv2d", "conv", 2, 3, false, "{out} = {0} ⋆ {1} + {2}",
      {"dL/d{0} = transposed convolution of dL/d{out} with {1}",
       Engine::tr("dL/d{1} = Σ over the batch of dL/d{out} ⋆ {0}").source,
       Engine::tr("dL/d{2} = Σ over batch and positions of dL/d{out}").source}}, conv2dBackward, nullptr},
    {{OpKind::MaxPool2d, "max_pool2d", "max", 1, 1, false, Engine::tr("{out} = max over each window of {0}").source,
      {Engine::tr("dL/d{0} = dL/d{out} sent to the position of each window's maximum, 0 elsewhere").source}},
     maxPool2dBackward, nullptr},
    {{OpKind::AvgPool2d, "avg_pool2d", "avg", 1, 1, false, Engine::tr("{out} = mean over each window of {0}").source,
      {Engine::tr("dL/d{0} = dL/d{out} shared equally by the k² positions of each window").source}},
     avgPool2dBackward, nullptr},
    {{OpKind::GlobalAvgPool2d, "global_avg_pool2d", "gap", 1, 1, false,
      Engine::tr("{out} = mean of each channel of {0} over all positions").source,
      {Engine::tr("dL/d{0} = dL/d{out} shared equally by the H·W positions of its channel").source}},
     globalAvgPool2dBackward, nullptr},
    {{OpKind::BatchNorm, "batch_norm", "BN", 3, 3, false,
      Engine::tr("{out} = {1} ⊙ x̂ + {2}, x̂ = ({0} − μ) / √(σ² + ε), μ and σ² of each channel over the batch").source,
      {Engine::tr("dL/d{0} = {1} / √(σ² + ε) ⊙ (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)), g = dL/d{out}; means per channel, over the batch").source,
       Engine::tr("dL/d{1} = Σ over batch and positions of dL/d{out} ⊙ x̂").source,
       Engine::tr("dL/d{2} = Σ over batch and positions of dL/d{out}").source}},
     batchNormBackward, nullptr},
    {{OpKind::LayerNorm, "layer_norm", "LN", 3, 3, false,
      Engine::tr("{out} = {1} ⊙ x̂ + {2}, x̂ = ({0} − μ) / √(σ² + ε), μ and σ² of each sample over its features").source,
      {Engine::tr("dL/d{0} = (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂)) / √(σ² + ε), g = {1} ⊙ dL/d{out}; means per sample, over its features").source,
       Engine::tr("dL/d{1} = Σ over the batch of dL/d{out} ⊙ x̂").source,
       Engine::tr("dL/d{2} = Σ over the batch of dL/d{out}").source}},
     layerNormBackward, nullptr},
    {{OpKind::Custom, "custom", "f", 1, 3, false, "{out} = f({0}, {1}, {2})",
      {Engine::tr("dL/d{0} = the op's own backward").source, Engine::tr("dL/d{1} = the op's own backward").source,
       Engine::tr("dL/d{2} = the op's own backward").source}}, customBackward, nullptr},
};
// clang-format on

// The activations' rows, from their definitions (ops/Activations.h): one backward and one local
// derivative for all of them, each calling the activation's derivative.
#define GS_ACTIVATION_ROW(Act)                                                                     \
    {{OpKind::Act,                                                                                 \
      activations::Act::info.name,                                                                 \
      activations::Act::info.symbol,                                                               \
      1,                                                                                           \
      1,                                                                                           \
      true,                                                                                        \
      activations::Act::info.forward,                                                              \
      {activations::Act::info.backward}},                                                          \
     activationBackward,                                                                           \
     unaryLocal},
constexpr OpEntry kActivationOps[] = {GS_ACTIVATIONS(GS_ACTIVATION_ROW)};
#undef GS_ACTIVATION_ROW

static_assert(std::size(kOps) + std::size(kActivationOps) == kOpCount,
              "every OpKind needs exactly one row in kOps or kActivationOps");

constexpr bool tableInOrder() {
    for (int i = 0; i < kOpCount; ++i) {
        const int row = i < kFirstActivationOp                      ? i
                        : i < kFirstActivationOp + kActivationCount ? -1
                                                                    : i - kActivationCount;
        if (row < 0 ? static_cast<int>(kActivationOps[i - kFirstActivationOp].info.kind) != i
                    : static_cast<int>(kOps[row].info.kind) != i)
            return false;
    }
    return true;
}
static_assert(tableInOrder(), "kOps rows must follow the order of OpKind");

const OpEntry& entry(OpKind kind) {
    const int i = static_cast<int>(kind);
    if (i < 0 || i >= kOpCount) throw InvalidArgument(Engine::tr("unknown op kind {1}"), i);
    if (const auto a = activationOf(kind)) return kActivationOps[static_cast<int>(*a)];
    return kOps[i < kFirstActivationOp ? i : i - kActivationCount];
}

} // namespace

const OpInfo& opInfo(OpKind kind) {
    return entry(kind).info;
}

BackwardFn backwardRule(OpKind kind) {
    return entry(kind).backward;
}

LocalDerivativeFn localDerivativeRule(OpKind kind) {
    return entry(kind).local;
}

std::string fillFormula(const char* formula, const std::string& out,
                        const std::array<std::string, kMaxInputs>& inputs) {
    std::string result;
    if (!formula) return result;
    for (const char* p = formula; *p; ++p) {
        if (*p == '{') {
            if (std::string_view(p).starts_with("{out}")) {
                result += out;
                p += 4;
                continue;
            }
            if (p[1] >= '0' && p[1] < '0' + kMaxInputs && p[2] == '}') {
                result += inputs[static_cast<std::size_t>(p[1] - '0')];
                p += 2;
                continue;
            }
        }
        result += *p;
    }
    return result;
}

} // namespace gs
