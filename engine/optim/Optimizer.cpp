#include "Optimizer.h"

#include "core/Parallel.h"

#include "core/Errors.h"
#include "core/Names.h"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace gs {

namespace {
constexpr const char* kKindNames[] = {"sgd", "adam", "adamw", "rmsprop", "adagrad"};
constexpr const char* kScheduleNames[] = {"constant", "step", "exponential", "cosine"};
static_assert(std::size(kKindNames) == static_cast<std::size_t>(OptimizerKind::Count));
static_assert(std::size(kScheduleNames) == static_cast<std::size_t>(ScheduleKind::Count));

// "0.1", "0.001", "1e-05": four significant digits, no trailing zeros.
std::string formatNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}
} // namespace

const char* optimizerKindName(OptimizerKind kind) {
    return kKindNames[static_cast<int>(kind)];
}

OptimizerConfig OptimizerConfig::defaults(OptimizerKind kind) {
    OptimizerConfig c;
    c.kind = kind;
    switch (kind) {
    case OptimizerKind::SGD:
        c.learningRate = Scalar(0.01);
        break;
    case OptimizerKind::Adam:
        c.learningRate = Scalar(1e-3);
        break;
    case OptimizerKind::AdamW:
        c.learningRate = Scalar(1e-3);
        c.weightDecay = Scalar(1e-2);
        break;
    case OptimizerKind::RMSprop:
        c.learningRate = Scalar(1e-2);
        break;
    case OptimizerKind::Adagrad:
        c.learningRate = Scalar(1e-2);
        c.eps = Scalar(1e-10);
        break;
    case OptimizerKind::Count:
        break;
    }
    return c;
}

std::optional<OptimizerConfig> OptimizerConfig::fromName(const std::string& name) {
    if (name == "momentum" || name == "nesterov") {
        OptimizerConfig c = defaults(OptimizerKind::SGD);
        c.momentum = Scalar(0.9);
        c.nesterov = name == "nesterov";
        return c;
    }
    if (const auto kind = enumFromName<OptimizerKind>(kKindNames, name)) return defaults(*kind);
    return std::nullopt;
}

void OptimizerConfig::validate() const {
    const auto check = [](bool ok, const char* what, Scalar value) {
        if (!ok)
            throw InvalidArgument(std::string("optimizer: ") + what + ", got " +
                                  std::to_string(value));
    };
    check(std::isfinite(learningRate) && learningRate >= 0,
          "the learning rate must be a number ≥ 0", learningRate);
    check(weightDecay >= 0, "weight decay must be ≥ 0", weightDecay);
    check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1)", momentum);
    check(dampening >= 0 && dampening <= 1, "dampening must be in [0, 1]", dampening);
    if (nesterov && kind == OptimizerKind::SGD && (momentum <= 0 || dampening != 0))
        throw InvalidArgument("optimizer: Nesterov momentum needs momentum > 0 and dampening 0");
    check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1)", beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1)", beta2);
    check(eps > 0, "eps must be > 0", eps);
    check(alpha >= 0 && alpha <= 1, "alpha must be in [0, 1]", alpha);
    check(learningRateDecay >= 0, "the learning-rate decay must be ≥ 0", learningRateDecay);
    check(initialAccumulator >= 0, "the initial accumulator must be ≥ 0", initialAccumulator);
}

std::string optimizerLabel(const OptimizerConfig& c) {
    switch (c.kind) {
    case OptimizerKind::SGD:
        if (c.momentum == 0) return "SGD";
        return "SGD (momentum " + std::to_string(c.momentum).substr(0, 4) +
               (c.nesterov ? ", Nesterov)" : ")");
    case OptimizerKind::Adam:
        return "Adam";
    case OptimizerKind::AdamW:
        return "AdamW";
    case OptimizerKind::RMSprop:
        return "RMSprop";
    case OptimizerKind::Adagrad:
        return "Adagrad";
    case OptimizerKind::Count:
        break;
    }
    return "?";
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
        throw InvalidArgument("optimizer state holds " + std::to_string(state.size()) +
                              " parameters, the model has " + std::to_string(m_parameters.size()));
    for (std::size_t i = 0; i < state.size(); ++i)
        for (const auto& [name, tensor] : state[i].buffers)
            if (tensor.shape() != m_parameters[i]->value.shape())
                throw ShapeError("optimizer state '" + name + "' of " + m_parameters[i]->name +
                                 " has shape " + tensor.shape().str() + ", the parameter " +
                                 m_parameters[i]->value.shape().str());
    m_steps = steps;
    m_state = std::move(state);
}

std::vector<OptimizerBuffer> optimizerBuffers(const OptimizerConfig& c) {
    switch (c.kind) {
    case OptimizerKind::SGD:
        if (c.momentum != 0) return {{"momentum_buffer", 0}};
        return {};
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
        return {{"exp_avg", 0}, {"exp_avg_sq", 0}};
    case OptimizerKind::RMSprop: {
        std::vector<OptimizerBuffer> b{{"square_avg", 0}};
        if (c.centered) b.push_back({"grad_avg", 0});
        if (c.momentum > 0) b.push_back({"momentum_buffer", 0});
        return b;
    }
    case OptimizerKind::Adagrad:
        return {{"sum", c.initialAccumulator}};
    case OptimizerKind::Count:
        break;
    }
    return {};
}

void Optimizer::zeroGrad() {
    for (Parameter* p : m_parameters)
        p->zeroGrad();
}

Tensor& Optimizer::buffer(std::size_t index, int slot, const char* name, Scalar initial) {
    auto& buffers = m_state[index].buffers;
    if (static_cast<int>(buffers.size()) <= slot) {
        buffers.resize(static_cast<std::size_t>(slot) + 1);
        buffers[static_cast<std::size_t>(slot)] = {
            name, Tensor(m_parameters[index]->value.shape(), initial)};
    }
    return buffers[static_cast<std::size_t>(slot)].second;
}

void Optimizer::step() {
    ++m_steps;
    const OptimizerConfig& c = m_config;
    const Scalar lr = c.learningRate;
    const double t = static_cast<double>(m_steps);
    for (std::size_t i = 0; i < m_parameters.size(); ++i) {
        Parameter& param = *m_parameters[i];
        if (param.grad.shape() != param.value.shape()) param.zeroGrad();
        // The state buffers are made here, before the work is split: each rule below reads them
        // by slot. The first SGD step with momentum copies g into its new buffer.
        const bool first = m_state[i].buffers.empty();
        const auto made = optimizerBuffers(c);
        for (std::size_t slot = 0; slot < made.size(); ++slot)
            buffer(i, static_cast<int>(slot), made[slot].name, made[slot].initial);
        const bool decay = c.weightDecay != 0 && c.kind != OptimizerKind::AdamW;
        if (decay) m_scratch.resize(param.value.shape());
        Tensor& update = m_state[i].lastUpdate;
        update.resize(param.value.shape());
        const Scalar stepSize = static_cast<Scalar>(lr / (1 - std::pow(double(c.beta1), t)));
        const Scalar correction2 = static_cast<Scalar>(std::sqrt(1 - std::pow(double(c.beta2), t)));
        const Scalar adagradRate = static_cast<Scalar>(lr / (1 + (t - 1) * c.learningRateDecay));
        auto& buffers = m_state[i].buffers;

        // Every element on its own: split across the engine's threads for large parameters, the
        // same bits on any number of them (core/Parallel.h).
        forElements(param.value.numel(), [&](Index begin, Index end) {
            const Index count = end - begin;
            const auto slice = [&](Tensor& tensor) { return tensor.array().segment(begin, count); };
            const auto state = [&](int slot) {
                return slice(buffers[static_cast<std::size_t>(slot)].second);
            };
            auto w = slice(param.value);
            auto u = slice(update);
            // g = grad + weight_decay · w (AdamW decays the weight itself instead); without
            // decay g is the gradient itself, not a copy.
            const Scalar* gradient = param.grad.data() + begin;
            if (decay) {
                slice(m_scratch) = slice(param.grad) + c.weightDecay * w;
                gradient = m_scratch.data() + begin;
            }
            const ConstArrayMap g(gradient, count);

            switch (c.kind) {
            case OptimizerKind::SGD:
                // buf = g at the first step, then buf = momentum · buf + (1 − dampening) · g;
                // d = g + momentum · buf (Nesterov) or buf; w ← w − lr · d
                if (c.momentum != 0) {
                    auto buf = state(0);
                    if (first)
                        buf = g;
                    else
                        buf = c.momentum * buf + (1 - c.dampening) * g;
                    if (c.nesterov)
                        u = -lr * (g + c.momentum * buf);
                    else
                        u = -lr * buf;
                } else {
                    u = -lr * g;
                }
                break;
            case OptimizerKind::Adam:
            case OptimizerKind::AdamW: {
                // m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²
                // m̂ = m / (1 − β1^t);  w ← w − lr · m̂ / (√v / √(1 − β2^t) + eps)
                // AdamW first: w ← w · (1 − lr · weight_decay)
                auto m = state(0);
                auto v = state(1);
                m = c.beta1 * m + (1 - c.beta1) * g;
                v = c.beta2 * v + (1 - c.beta2) * g.square();
                u = -stepSize * m / (v.sqrt() / correction2 + c.eps);
                if (c.kind == OptimizerKind::AdamW)
                    u -= lr * c.weightDecay * w; // decoupled weight decay, applied to the old w
                break;
            }
            case OptimizerKind::RMSprop: {
                // s = α·s + (1 − α)·g²;  centred: a = α·a + (1 − α)·g, s' = s − a²
                // d = g / (√s' + eps);  momentum: buf = μ·buf + d, w ← w − lr·buf; else
                // w ← w − lr·d
                auto s = state(0);
                s = c.alpha * s + (1 - c.alpha) * g.square();
                // The denominator is built in the update buffer; each element is read before
                // it is overwritten by the update, so the aliasing is safe.
                auto avg = slice(update);
                if (c.centered) {
                    auto a = state(1);
                    a = c.alpha * a + (1 - c.alpha) * g;
                    avg = (s - a.square()).sqrt() + c.eps;
                } else {
                    avg = s.sqrt() + c.eps;
                }
                if (c.momentum > 0) {
                    auto buf = state(c.centered ? 2 : 1);
                    buf = c.momentum * buf + g / avg;
                    u = -lr * buf;
                } else {
                    u = -lr * g / avg;
                }
                break;
            }
            case OptimizerKind::Adagrad: {
                // lr_t = lr / (1 + (t − 1)·lr_decay);  sum += g²;  w ← w − lr_t · g / (√sum + eps)
                auto sum = state(0);
                sum += g.square();
                u = -adagradRate * g / (sum.sqrt() + c.eps);
                break;
            }
            case OptimizerKind::Count:
                break;
            }
            w += u;
        });
    }
}

std::string updateRule(const OptimizerConfig& c) {
    const std::string g = c.weightDecay != 0 && c.kind != OptimizerKind::AdamW
                              ? "g = ∇w + weight_decay·w; "
                              : "g = ∇w; ";
    switch (c.kind) {
    case OptimizerKind::SGD:
        if (c.momentum == 0) return g + "w ← w − lr·g";
        return g + "b ← μ·b + (1 − dampening)·g (b = g at the first step); " +
               (c.nesterov ? "w ← w − lr·(g + μ·b)" : "w ← w − lr·b");
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
        return (c.kind == OptimizerKind::AdamW ? "w ← w − lr·weight_decay·w; " : "") + g +
               "m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; m̂ = m / (1 − β1ᵗ); "
               "v̂ = v / (1 − β2ᵗ); w ← w − lr·m̂ / (√v̂ + ε)";
    case OptimizerKind::RMSprop:
        return g + "s ← α·s + (1 − α)·g²; " +
               (c.centered ? std::string("a ← α·a + (1 − α)·g; d = g / (√(s − a²) + ε); ")
                           : std::string("d = g / (√s + ε); ")) +
               (c.momentum > 0 ? "b ← μ·b + d; w ← w − lr·b" : "w ← w − lr·d");
    case OptimizerKind::Adagrad:
        return g + "lr_t = lr / (1 + (t − 1)·lr_decay); sum ← sum + g²; "
                   "w ← w − lr_t·g / (√sum + ε)";
    case OptimizerKind::Count:
        break;
    }
    return {};
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
    if (kind == ScheduleKind::Count) throw InvalidArgument("unknown schedule");
    if (stepSize < 1)
        throw InvalidArgument("the step schedule's step size must be at least 1 epoch, not " +
                              std::to_string(stepSize));
    if (!(std::isfinite(gamma) && gamma > 0))
        throw InvalidArgument("the schedule's gamma must be a number > 0, not " +
                              formatNumber(gamma));
    if (maxEpochs < 1)
        throw InvalidArgument("the cosine schedule's T_max must be at least 1 epoch, not " +
                              std::to_string(maxEpochs));
    if (!(std::isfinite(minLearningRate) && minLearningRate >= 0))
        throw InvalidArgument("the cosine schedule's minimum η must be a number ≥ 0, not " +
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
