#include "Optimizer.h"

#include "core/Parallel.h"

#include "core/Errors.h"
#include "core/Gemm.h" // which kernels are in use (AVX2 or not)
#include "core/Names.h"

#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <string_view>
#include <utility>

namespace gs {

namespace {
constexpr const char* kScheduleNames[] = {"constant", "step", "exponential", "cosine"};
static_assert(std::size(kScheduleNames) == static_cast<std::size_t>(ScheduleKind::Count));

// "0.1", "0.001", "1e-05": four significant digits, no trailing zeros.
std::string formatNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

using C = OptimizerConfig;

// Adam's and AdamW's rule after their g.
std::string adamRule(const std::string& g) {
    return g + "m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; m̂ = m / (1 − β1ᵗ); "
               "v̂ = v / (1 − β2ᵗ); w ← w − lr·m̂ / (√v̂ + ε)";
}

// The optimizers, in OptimizerKind's order (the order they were published): everything about each
// but its arithmetic, which is in backend/Kernels.h. A new optimizer is an entry here and its rule
// there (docs/engine.md).
const std::vector<OptimizerInfo>& optimizerTable() {
    static const std::vector<OptimizerInfo> table = {
        {OptimizerKind::SGD,
         "sgd",
         "SGD",
         "SGD",
         "SGD",
         Scalar(0.01),
         0,
         Scalar(1e-8),
         {"momentum", "dampening", "nesterov"},
         [](const C& c) -> std::vector<OptimizerBuffer> {
             if (c.momentum != 0) return {{"momentum_buffer", 0}};
             return {};
         },
         [](const C& c, const std::string& g) {
             if (c.momentum == 0) return g + "w ← w − lr·g";
             return g + "b ← μ·b + (1 − dampening)·g (" + kFirstStepNote + "); " +
                    (c.nesterov ? "w ← w − lr·(g + μ·b)" : "w ← w − lr·b");
         },
         false,
         false},
        {OptimizerKind::Adagrad,
         "adagrad",
         "Adagrad",
         "Adagrad",
         "Adagrad",
         Scalar(1e-2),
         0,
         Scalar(1e-10),
         {"lr_decay", "initial_accumulator", "eps"},
         [](const C& c) -> std::vector<OptimizerBuffer> {
             return {{"sum", c.initialAccumulator}};
         },
         [](const C&, const std::string& g) {
             return g + "lr_t = lr / (1 + (t − 1)·lr_decay); sum ← sum + g²; "
                        "w ← w − lr_t·g / (√sum + ε)";
         },
         true,
         false},
        {OptimizerKind::RMSprop,
         "rmsprop",
         "RMSprop",
         "RMSprop",
         "RMSprop",
         Scalar(1e-2),
         0,
         Scalar(1e-8),
         {"alpha", "eps", "momentum", "centered"},
         [](const C& c) {
             std::vector<OptimizerBuffer> b{{"square_avg", 0}};
             if (c.centered) b.push_back({"grad_avg", 0});
             if (c.momentum > 0) b.push_back({"momentum_buffer", 0});
             return b;
         },
         [](const C& c, const std::string& g) {
             return g + "s ← α·s + (1 − α)·g²; " +
                    (c.centered ? std::string("a ← α·a + (1 − α)·g; d = g / (√(s − a²) + ε); ")
                                : std::string("d = g / (√s + ε); ")) +
                    (c.momentum > 0 ? "b ← μ·b + d; w ← w − lr·b" : "w ← w − lr·d");
         },
         true,
         false},
        {OptimizerKind::Adam,
         "adam",
         "Adam",
         "Adam",
         "Adam",
         Scalar(1e-3),
         0,
         Scalar(1e-8),
         {"beta1", "beta2", "eps"},
         [](const C&) -> std::vector<OptimizerBuffer> {
             return {{"exp_avg", 0}, {"exp_avg_sq", 0}};
         },
         [](const C&, const std::string& g) { return adamRule(g); },
         true,
         true},
        // Keras (2.x, TensorFlow.js) has no AdamW: the export trains with Adam.
        {OptimizerKind::AdamW,
         "adamw",
         "AdamW",
         "AdamW",
         "Adam",
         Scalar(1e-3),
         Scalar(1e-2),
         Scalar(1e-8),
         {"beta1", "beta2", "eps"},
         [](const C&) -> std::vector<OptimizerBuffer> {
             return {{"exp_avg", 0}, {"exp_avg_sq", 0}};
         },
         [](const C&, const std::string& g) { return "w ← w − lr·weight_decay·w; " + adamRule(g); },
         true,
         true},
        {OptimizerKind::Adamax,
         "adamax",
         "Adamax",
         "Adamax",
         "Adamax",
         Scalar(2e-3),
         0,
         Scalar(1e-8),
         {"beta1", "beta2", "eps"},
         [](const C&) -> std::vector<OptimizerBuffer> {
             return {{"exp_avg", 0}, {"exp_inf", 0}};
         },
         [](const C&, const std::string& g) {
             return g + "m ← β1·m + (1 − β1)·g; u ← max(β2·u, |g| + ε); m̂ = m / (1 − β1ᵗ); "
                        "w ← w − lr·m̂ / u";
         },
         true,
         true},
    };
    return table;
}
} // namespace

const OptimizerInfo& optimizerInfo(OptimizerKind kind) {
    const auto& table = optimizerTable();
    const auto index = static_cast<std::size_t>(kind);
    if (index >= table.size() || table[index].kind != kind)
        throw InvalidArgument(Engine::tr("unknown optimizer"));
    return table[index];
}

const std::vector<OptimizerSetting>& optimizerSettings() {
    static const std::vector<OptimizerSetting> settings = {
        {"momentum", "momentum", "momentum", &C::momentum},
        {"dampening", "dampening", nullptr, &C::dampening},
        {"nesterov", "nesterov", "nesterov", nullptr, &C::nesterov},
        {"beta1", "betas", "beta_1", &C::beta1},
        {"beta2", "betas", "beta_2", &C::beta2},
        {"eps", "eps", "epsilon", &C::eps},
        {"alpha", "alpha", "rho", &C::alpha},
        {"centered", "centered", "centered", nullptr, &C::centered},
        {"lr_decay", "lr_decay", nullptr, &C::learningRateDecay},
        {"initial_accumulator", "initial_accumulator_value", "initial_accumulator_value",
         &C::initialAccumulator},
    };
    return settings;
}

const OptimizerSetting& optimizerSetting(std::string_view key) {
    for (const OptimizerSetting& s : optimizerSettings())
        if (key == s.key) return s;
    throw InvalidArgument(Engine::tr("unknown optimizer setting {1}"), std::string(key));
}

const std::vector<OptimizerChoice>& optimizerChoices() {
    static const std::vector<OptimizerChoice> choices = [] {
        std::vector<OptimizerChoice> all;
        for (const OptimizerInfo& o : optimizerTable()) {
            all.push_back({o.name, Message::verbatim(o.label),
                           o.kind != OptimizerKind::AdamW && o.kind != OptimizerKind::Adamax});
            if (o.kind == OptimizerKind::SGD) {
                //: An optimizer: SGD with momentum.
                all.push_back({"momentum", Message(Engine::tr("SGD + momentum")), true});
                all.push_back({"nesterov", Message::verbatim("SGD + Nesterov"), true});
            }
        }
        return all;
    }();
    return choices;
}

std::string optimizerChoiceNames() {
    std::string names;
    for (const OptimizerChoice& c : optimizerChoices())
        names += (names.empty() ? "" : ", ") + std::string(c.name);
    return names;
}

std::string optimizerChoiceOf(const OptimizerConfig& c) {
    if (c.kind != OptimizerKind::SGD || c.momentum == 0) return optimizerKindName(c.kind);
    return c.nesterov ? "nesterov" : "momentum";
}

std::string optimizerArguments(const OptimizerConfig& c, bool pytorch,
                               std::string (*number)(double)) {
    const auto value = [&](const OptimizerSetting& s) {
        return s.flag ? std::string(c.*s.flag ? "True" : "False") : number(double(c.*s.number));
    };
    std::string arguments;
    const std::vector<const char*>& keys = optimizerInfo(c.kind).settings;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const OptimizerSetting& s = optimizerSetting(keys[i]);
        const char* name = pytorch ? s.pytorch : s.keras;
        if (!name) continue;
        arguments += std::string(", ") + name + "=";
        // Two in a row under one PyTorch name (betas) make a tuple.
        if (pytorch && i + 1 < keys.size() &&
            std::string_view(optimizerSetting(keys[i + 1]).pytorch) == name)
            arguments += "(" + value(s) + ", " + value(optimizerSetting(keys[++i])) + ")";
        else
            arguments += value(s);
    }
    return arguments;
}

const char* optimizerKindName(OptimizerKind kind) {
    return optimizerInfo(kind).name;
}

OptimizerConfig OptimizerConfig::defaults(OptimizerKind kind) {
    const OptimizerInfo& o = optimizerInfo(kind);
    OptimizerConfig c;
    c.kind = kind;
    c.learningRate = o.learningRate;
    c.weightDecay = o.weightDecay;
    c.eps = o.eps;
    return c;
}

std::optional<OptimizerConfig> OptimizerConfig::fromName(const std::string& name) {
    if (name == "momentum" || name == "nesterov") {
        OptimizerConfig c = defaults(OptimizerKind::SGD);
        c.momentum = Scalar(0.9);
        c.nesterov = name == "nesterov";
        return c;
    }
    for (const OptimizerInfo& o : optimizerTable())
        if (name == o.name) return defaults(o.kind);
    return std::nullopt;
}

void OptimizerConfig::validate() const {
    // `problem` has one place, {1}: the value as std::to_string writes it ("0.100000").
    const auto check = [](bool ok, Text problem, Scalar value) {
        if (!ok) throw InvalidArgument(problem, std::to_string(value));
    };
    check(std::isfinite(learningRate) && learningRate >= 0,
          Engine::tr("optimizer: the learning rate must be a number ≥ 0, got {1}"), learningRate);
    check(weightDecay >= 0, Engine::tr("optimizer: weight decay must be ≥ 0, got {1}"),
          weightDecay);
    check(momentum >= 0 && momentum < 1,
          Engine::tr("optimizer: momentum must be in [0, 1), got {1}"), momentum);
    check(dampening >= 0 && dampening <= 1,
          Engine::tr("optimizer: dampening must be in [0, 1], got {1}"), dampening);
    if (nesterov && kind == OptimizerKind::SGD && (momentum <= 0 || dampening != 0))
        throw InvalidArgument(
            Engine::tr("optimizer: Nesterov momentum needs momentum > 0 and dampening 0"));
    check(beta1 >= 0 && beta1 < 1, Engine::tr("optimizer: beta1 must be in [0, 1), got {1}"),
          beta1);
    check(beta2 >= 0 && beta2 < 1, Engine::tr("optimizer: beta2 must be in [0, 1), got {1}"),
          beta2);
    check(eps > 0, Engine::tr("optimizer: eps must be > 0, got {1}"), eps);
    check(alpha >= 0 && alpha <= 1, Engine::tr("optimizer: alpha must be in [0, 1], got {1}"),
          alpha);
    check(learningRateDecay >= 0,
          Engine::tr("optimizer: the learning-rate decay must be ≥ 0, got {1}"), learningRateDecay);
    check(initialAccumulator >= 0,
          Engine::tr("optimizer: the initial accumulator must be ≥ 0, got {1}"),
          initialAccumulator);
}

Message optimizerLabel(const OptimizerConfig& c) {
    if (c.kind != OptimizerKind::SGD || c.momentum == 0)
        return Message::verbatim(optimizerInfo(c.kind).label);
    const std::string momentum = std::to_string(c.momentum).substr(0, 4);
    return c.nesterov ? Message(Engine::tr("SGD (momentum {1}, Nesterov)"), momentum)
                      : Message(Engine::tr("SGD (momentum {1})"), momentum);
}

Optimizer::Optimizer(std::vector<Parameter*> parameters, OptimizerConfig config)
    : m_parameters(std::move(parameters))
    , m_config(config)
    , m_state(m_parameters.size()) {
    m_config.validate();
}

void Optimizer::setConfig(const OptimizerConfig& config) {
    config.validate();
    const bool sameKind = config.kind == m_config.kind;
    m_config = config;
    if (!sameKind) resetState();
}

void Optimizer::setLearningRate(Scalar learningRate) {
    OptimizerConfig c = m_config;
    c.learningRate = learningRate;
    setConfig(c);
}

void Optimizer::resetState() {
    m_steps = 0;
    m_state.assign(m_parameters.size(), OptimizerState{});
}

void Optimizer::setState(long steps, std::vector<OptimizerState> state) {
    if (state.size() != m_parameters.size())
        throw InvalidArgument(Engine::tr("optimizer state holds {1} parameters, the model has {2}"),
                              state.size(), m_parameters.size());
    for (std::size_t i = 0; i < state.size(); ++i)
        for (const auto& [name, tensor] : state[i].buffers)
            if (tensor.shape() != m_parameters[i]->value.shape())
                throw ShapeError(
                    Engine::tr("optimizer state '{1}' of {2} has shape {3}, the parameter {4}"),
                    name, m_parameters[i]->name, tensor.shape().str(),
                    m_parameters[i]->value.shape().str());
    m_steps = steps;
    m_state = std::move(state);
}

std::vector<OptimizerBuffer> optimizerBuffers(const OptimizerConfig& c) {
    return optimizerInfo(c.kind).buffers(c);
}

void Optimizer::zeroGrad() {
    for (Parameter* p : m_parameters)
        p->zeroGrad();
}

void Optimizer::arrangeBuffers(std::size_t index, const std::vector<OptimizerBuffer>& made) {
    // By name: an option turned on mid-run (RMSprop's `centered`) adds its buffer in its slot,
    // and one turned off keeps its buffer after the others, for when it comes back (as
    // PyTorch keeps it in the optimizer's state).
    auto& buffers = m_state[index].buffers;
    for (std::size_t slot = 0; slot < made.size(); ++slot) {
        const auto at = buffers.begin() + std::ptrdiff_t(slot);
        const auto it = std::find_if(at, buffers.end(),
                                     [&](const auto& b) { return b.first == made[slot].name; });
        if (it == buffers.end())
            buffers.insert(at, {made[slot].name,
                                Tensor(m_parameters[index]->value.shape(), made[slot].initial)});
        else if (it != at)
            std::rotate(at, it, it + 1);
    }
}

void setStepValues(kernels::StepValues<Scalar>& v, const OptimizerConfig& c, long step,
                   bool first) {
    const double t = static_cast<double>(step);
    v.rule = static_cast<kernels::OptimizerRule>(static_cast<int>(c.kind));
    v.first = first ? 1 : 0;
    v.nesterov = c.nesterov ? 1 : 0;
    v.centered = c.centered ? 1 : 0;
    v.learningRate = c.learningRate;
    v.weightDecay = c.weightDecay;
    v.momentum = c.momentum;
    v.dampening = c.dampening;
    v.beta1 = c.beta1;
    v.beta2 = c.beta2;
    v.eps = c.eps;
    v.alpha = c.alpha;
    v.stepSize = static_cast<Scalar>(c.learningRate / (1 - std::pow(double(c.beta1), t)));
    v.correction2 = static_cast<Scalar>(std::sqrt(1 - std::pow(double(c.beta2), t)));
    v.adagradRate = static_cast<Scalar>(c.learningRate / (1 + (t - 1) * c.learningRateDecay));
}

namespace {
using Bits = std::conditional_t<sizeof(Scalar) == 4, std::uint32_t, std::uint64_t>;

// Weights [begin, end) under rule R with flags F, in one pass that also returns the largest
// magnitude of the new weights as bits (Tensor::largestMagnitude's order: NaN above infinity).
// Inlined into the two versions below, each compiled for its instruction set.
template <kernels::OptimizerRule R, unsigned F>
[[gnu::always_inline]] inline Bits
updateLoop(const kernels::StepValues<Scalar>& v, Scalar* __restrict w, const Scalar* __restrict g,
           Scalar* __restrict s0, Scalar* __restrict s1, Scalar* __restrict s2,
           Scalar* __restrict update, Index count) {
    constexpr Bits kMagnitude = ~Bits(0) >> 1;
    const kernels::StepTensors<Scalar> t{w, g, s0, s1, s2, update};
    Bits largest = 0;
    for (Index i = 0; i < count; ++i) {
        kernels::optimizerRuleElement<R, F>(v, t, i);
        largest = std::max(largest, std::bit_cast<Bits>(w[i]) & kMagnitude);
    }
    return largest;
}

// The loop as the build targets it (plain x86-64 in a portable build), and for AVX2 where the
// processor has it, chosen with the GEMM's kernels (core/Gemm.h): Adam's epoch took 1.37 times
// as long in a portable build as in a native one. The pointers stay __restrict here too: without
// it the inlined loop is not vectorised. Element by element IEEE arithmetic, and no contraction
// into FMA (ISO C++ mode), so both versions give the same bits.
template <kernels::OptimizerRule R, unsigned F>
Bits updateRange(const kernels::StepValues<Scalar>& v, Scalar* __restrict w,
                 const Scalar* __restrict g, Scalar* __restrict s0, Scalar* __restrict s1,
                 Scalar* __restrict s2, Scalar* __restrict update, Index count) {
    return updateLoop<R, F>(v, w, g, s0, s1, s2, update, count);
}
#ifdef GRADSCOPE_OWN_GEMM
template <kernels::OptimizerRule R, unsigned F>
__attribute__((target("avx2"))) Bits
updateRangeAvx2(const kernels::StepValues<Scalar>& v, Scalar* __restrict w,
                const Scalar* __restrict g, Scalar* __restrict s0, Scalar* __restrict s1,
                Scalar* __restrict s2, Scalar* __restrict update, Index count) {
    return updateLoop<R, F>(v, w, g, s0, s1, s2, update, count);
}
#endif

using RangeFunction = Bits (*)(const kernels::StepValues<Scalar>&, Scalar*, const Scalar*, Scalar*,
                               Scalar*, Scalar*, Scalar*, Index);
constexpr unsigned kFlagCombinations = kernels::kReadFlags;

// The loop for rule R and every combination of flags (those R ignores collapse into one).
template <kernels::OptimizerRule R, bool Avx2, unsigned... F>
constexpr std::array<RangeFunction, sizeof...(F)>
rangeTable(std::integer_sequence<unsigned, F...>) {
#ifdef GRADSCOPE_OWN_GEMM
    if constexpr (Avx2) return {&updateRangeAvx2<R, F & kernels::ruleFlags(R)>...};
#endif
    return {&updateRange<R, F & kernels::ruleFlags(R)>...};
}

// Every rule's loops, by rule and flags.
constexpr std::size_t kRules = static_cast<std::size_t>(OptimizerKind::Count);
using RuleTable = std::array<std::array<RangeFunction, kFlagCombinations>, kRules>;
template <bool Avx2> constexpr RuleTable ruleTable() {
    using kernels::OptimizerRule;
    constexpr auto all = std::make_integer_sequence<unsigned, kFlagCombinations>{};
#define GS_OPTIMIZER_RULE_LOOPS(R) rangeTable<OptimizerRule::R, Avx2>(all),
    return {GS_OPTIMIZER_RULES(GS_OPTIMIZER_RULE_LOOPS)};
#undef GS_OPTIMIZER_RULE_LOOPS
}

RangeFunction rangeFunction(const kernels::StepValues<Scalar>& v) {
    static constexpr RuleTable plain = ruleTable<false>(), avx2 = ruleTable<true>();
    const RuleTable& table = gemmKernels() == GemmKernels::Portable ? plain : avx2;
    return table[static_cast<std::size_t>(v.rule)][kernels::stepFlags(v)];
}
} // namespace

void Optimizer::step(Index grain, int parts, std::span<const Index> align) {
    ++m_steps;
    m_largestWeight.assign(m_parameters.size(), 0);
    const bool aligned = align.size() == m_parameters.size(); // else `grain` decides
    kernels::StepValues<Scalar> values;
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        Parameter& param = *m_parameters[i];
        if (param.grad.shape() != param.value.shape()) param.zeroGrad();
        // The state buffers are made here, before the work is split: the rules read them by
        // slot. The first SGD step with momentum copies g into its new buffer.
        const bool first = m_state[i].buffers.empty();
        arrangeBuffers(i, optimizerBuffers(m_config));
        Tensor& update = m_state[i].lastUpdate;
        update.resize(param.value.shape());
        auto& buffers = m_state[i].buffers;
        const auto slot = [&](std::size_t k) {
            return k < buffers.size() ? buffers[k].second.data() : nullptr;
        };
        setStepValues(values, m_config, m_steps, first);
        Scalar* const s[3] = {slot(0), slot(1), slot(2)};

        // The rules of PyTorch's documentation, one weight at a time (backend/Kernels.h, shared
        // with the device backends), in one pass that also finds the largest new weight. Split
        // across the engine's threads for large parameters: the same bits on any number.
        const RangeFunction range = rangeFunction(values);
        std::atomic<Bits> largest{0};
        const Index n = param.value.numel();
        const auto each = [&](Index begin, Index end) {
            const auto at = [begin](Scalar* p) { return p ? p + begin : nullptr; };
            const Bits part =
                range(values, param.value.data() + begin, param.grad.data() + begin, at(s[0]),
                      at(s[1]), at(s[2]), update.data() + begin, end - begin);
            Bits seen = largest.load(std::memory_order_relaxed);
            while (part > seen && !largest.compare_exchange_weak(seen, part)) {
            }
        };
        if (aligned && align[i] > 0)
            parallelRanges(n, parts, align[i], each);
        else if (!aligned && parts > 0 && n >= grain)
            parallelRanges(n, parts, 16, each);
        else
            parallelFor(n, grain, 16, each);
        m_largestWeight[i] = std::bit_cast<Scalar>(largest.load());
    }
}

std::string updateRule(const OptimizerConfig& c) {
    const std::string g = c.weightDecay != 0 && c.kind != OptimizerKind::AdamW
                              ? "g = ∇w + weight_decay·w; "
                              : "g = ∇w; ";
    return optimizerInfo(c.kind).rule(c, g);
}

const char* scheduleKindName(ScheduleKind kind) {
    return kScheduleNames[static_cast<int>(kind)];
}

std::optional<ScheduleKind> Schedule::kindFromName(const std::string& name) {
    return enumFromName<ScheduleKind>(kScheduleNames, name);
}

Scalar Schedule::learningRate(Scalar base, int epoch) const {
    switch (kind) {
    case ScheduleKind::Constant:
        return base;
    case ScheduleKind::Step: // StepLR
        return static_cast<Scalar>(base * std::pow(double(gamma), epoch / std::max(1, stepSize)));
    case ScheduleKind::Exponential: // ExponentialLR
        return static_cast<Scalar>(base * std::pow(double(gamma), epoch));
    case ScheduleKind::Cosine: { // CosineAnnealingLR, closed form
        const double phase = std::numbers::pi * std::min(epoch, maxEpochs) / std::max(1, maxEpochs);
        return static_cast<Scalar>(minLearningRate +
                                   (base - minLearningRate) * (1 + std::cos(phase)) / 2);
    }
    case ScheduleKind::Count:
        break;
    }
    return base;
}

bool Schedule::ended(int epoch) const {
    switch (kind) {
    case ScheduleKind::Cosine:
        return epoch >= maxEpochs;
    case ScheduleKind::Step:
    case ScheduleKind::Exponential: {
        const int decays = kind == ScheduleKind::Step ? epoch / std::max(1, stepSize) : epoch;
        return gamma < 1 && std::pow(double(gamma), decays) < kScheduleEndFraction;
    }
    case ScheduleKind::Constant:
    case ScheduleKind::Count:
        break;
    }
    return false;
}

void Schedule::validate() const {
    if (kind == ScheduleKind::Count) throw InvalidArgument(Engine::tr("unknown schedule"));
    if (stepSize < 1)
        throw InvalidArgument(
            Engine::tr("the step schedule's step size must be at least 1 epoch, not {1}"),
            stepSize);
    if (!(std::isfinite(gamma) && gamma > 0))
        throw InvalidArgument(Engine::tr("the schedule's gamma must be a number > 0, not {1}"),
                              formatNumber(gamma));
    if (maxEpochs < 1)
        throw InvalidArgument(
            Engine::tr("the cosine schedule's T_max must be at least 1 epoch, not {1}"), maxEpochs);
    if (!(std::isfinite(minLearningRate) && minLearningRate >= 0))
        throw InvalidArgument(
            Engine::tr("the cosine schedule's minimum η must be a number ≥ 0, not {1}"),
            formatNumber(minLearningRate));
}

std::string describeSchedule(const Schedule& s) {
    switch (s.kind) {
    case ScheduleKind::Step:
        return "× " + formatNumber(s.gamma) + " every " +
               (s.stepSize == 1 ? std::string("epoch") : std::to_string(s.stepSize) + " epochs");
    case ScheduleKind::Exponential:
        return "× " + formatNumber(s.gamma) + " every epoch";
    case ScheduleKind::Cosine:
        return "cosine to " + formatNumber(s.minLearningRate) + " over " +
               std::to_string(s.maxEpochs) + (s.maxEpochs == 1 ? " epoch" : " epochs");
    case ScheduleKind::Constant:
    case ScheduleKind::Count:
        break;
    }
    return "constant";
}

} // namespace gs
