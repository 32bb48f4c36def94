#include "Detectors.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace gs {

namespace {

constexpr double kRatioOrders = 3;        // 1000 times: vanishing or exploding
constexpr int kRatioEpochs = 2;           // for this many epochs in a row
constexpr double kGrowth = 100;           // the gradient's norm grew this much ...
constexpr int kGrowthEpochs = 3;          // ... within this many epochs
constexpr double kDeadShare = 0.5;        // of a ReLU layer's units
constexpr int kDeadAtLeast = 2;           // and at least this many
constexpr int kRiseWindow = 5;            // epochs looked at for rises
constexpr int kRisesAtLeast = 2;          // rises among them
constexpr int kAboveEpochs = 3;           // the loss stays above its best for this many epochs ...
constexpr double kAboveBest = 0.25;       // ... by this much of it ...
constexpr double kAboveBestOfFirst = 0.2; // ... and this share of the first epoch's loss
constexpr int kPlateauEpochs = 20;
constexpr double kPlateauProgress = 0.005;
constexpr double kPlateauShare = 0.8;       // of the first epoch's loss, still
constexpr double kOverfitRise = 1.2;        // test loss over its best ...
constexpr double kOverfitRiseOfFirst = 0.1; // ... and by this share of the first epoch's
constexpr int kOverfitEpochs = 3;           // for this many epochs in a row
constexpr double kOverfitTrainFall = 0.8;
constexpr double kOverfitLearned = 0.5; // the training loss at the test's best, of the first's
constexpr double kSaturationShown = 0.05;
constexpr int kNeverAlive = -2; // m_deadSince: the unit has given 0 to every sample so far
constexpr int kAlive = -1;      // it gave something in the last epoch

std::string percent(double share) {
    return std::to_string(long(std::lround(100 * share))) + " %";
}

// A factor in whole numbers up to a million ("16300 times"), past that as a power of ten.
std::string factor(double v) {
    char text[32];
    std::snprintf(text, sizeof text, v < 1e6 ? "%.0f" : "%.2g", v);
    return text;
}

bool weighted(LayerKind k) {
    return k == LayerKind::Linear || k == LayerKind::Conv2d;
}

// How many units `out` has: columns of [N, F], channels of [N, C, H, W].
Index unitsOf(const Tensor& out) {
    return out.rank() >= 2 ? out.shape()[1] : 0;
}

} // namespace

const char* findingKey(FindingKind kind) {
    switch (kind) {
    case FindingKind::VanishingGradients:
        return "vanishing-gradients";
    case FindingKind::ExplodingGradients:
        return "exploding-gradients";
    case FindingKind::DeadUnits:
        return "dead-units";
    case FindingKind::LearningRateTooHigh:
        return "learning-rate-too-high";
    case FindingKind::Plateau:
        return "plateau";
    case FindingKind::Overfitting:
        return "overfitting";
    }
    return "";
}

RunWatch::RunWatch(const Sequential& model, int classes)
    : m_classes(classes) {
    const auto& layers = model.layers();
    int count = 0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (weighted(layers[i].kind) && model.weight(int(i)))
            m_weighted.push_back({int(i), double(model.weight(int(i))->value.numel())});
        if (weighted(layers[i].kind)) ++count;
        m_ordinal.push_back(std::max(count, 1));
    }
    if (m_weighted.size() >= 2)
        for (int i = m_weighted.front().layer + 1; i < m_weighted.back().layer; ++i)
            if (layers[std::size_t(i)].kind == LayerKind::Activation)
                m_between.push_back(layers[std::size_t(i)].activation);
    m_alive.resize(layers.size());
    m_deadSince.resize(layers.size());
}

void RunWatch::afterStep(const StepReport& report, std::span<const LayerActivation> activations) {
    m_step = report.step;
    m_learningRate = report.learningRate;
    // The layers' gradients, per weight (a 784-wide first layer has more entries to share it).
    if (m_weighted.size() >= 2 && !report.layers.empty()) {
        double first = -1, last = -1, norm = 0;
        for (const LayerStats& s : report.layers) {
            norm += s.gradientNorm * s.gradientNorm;
            if (s.layer == m_weighted.front().layer)
                first = s.gradientNorm / std::sqrt(m_weighted.front().entries);
            if (s.layer == m_weighted.back().layer)
                last = s.gradientNorm / std::sqrt(m_weighted.back().entries);
        }
        if (first > 0 && last > 0 && std::isfinite(first) && std::isfinite(last)) {
            m_ratioSum += std::log10(first / last);
            m_normSum += std::sqrt(norm);
            m_firstSum += std::log10(first);
            m_lastSum += std::log10(last);
            ++m_statSteps;
        }
    }
    if (activations.empty()) return;
    ++m_graphSteps;
    long saturated = 0, squashing = 0;
    for (const LayerActivation& n : activations) {
        if (n.layer < 0 || std::size_t(n.layer) >= m_alive.size()) continue;
        const Tensor& out = *n.value;
        if (n.op == OpKind::Relu) {
            const Index units = unitsOf(out);
            if (units == 0) continue;
            auto& alive = m_alive[std::size_t(n.layer)];
            if (alive.size() != std::size_t(units)) alive.assign(std::size_t(units), 0);
            const Index samples = out.shape()[0];
            const Index per = out.numel() / std::max<Index>(samples * units, 1);
            const Scalar* v = out.data();
            for (Index s = 0; s < samples; ++s)
                for (Index u = 0; u < units; ++u) {
                    if (alive[std::size_t(u)]) continue;
                    const Scalar* p = v + (s * units + u) * per;
                    for (Index k = 0; k < per; ++k)
                        if (p[k] > 0) {
                            alive[std::size_t(u)] = 1;
                            break;
                        }
                }
        } else if (n.op == OpKind::Sigmoid || n.op == OpKind::Tanh) {
            // Saturated: a slope under 0.01 (sigmoid's output past 0.99 or under 0.01, tanh's
            // magnitude past 0.995).
            const bool sigmoid = n.op == OpKind::Sigmoid;
            for (Index i = 0; i < out.numel(); ++i) {
                const double y = out[i];
                const double slope = sigmoid ? y * (1 - y) : 1 - y * y;
                saturated += slope < 0.01;
            }
            squashing += out.numel();
        }
    }
    if (squashing > 0) m_saturated = double(saturated) / double(squashing);
}

void RunWatch::afterEpoch(const EpochReport& report) {
    // Epochs are named as the run counts them (an opened run, a branch start later).
    if (m_trainLoss.empty()) m_epochOffset = report.epoch - 1;
    const double steps = double(std::max<long>(m_statSteps, 1));
    m_ratios.push_back(m_statSteps ? m_ratioSum / steps : std::nan(""));
    m_norms.push_back(m_statSteps ? m_normSum / steps : std::nan(""));
    // Geometric means, as the ratio's: their quotient is the ratio tested.
    m_firstLayer.push_back(std::pow(10.0, m_firstSum / steps));
    m_lastLayer.push_back(std::pow(10.0, m_lastSum / steps));
    m_trainLoss.push_back(report.trainLoss);
    m_testLoss.push_back(report.test.samples > 0 ? report.test.loss : std::nan(""));
    checkGradients(report);
    checkDeadUnits(report);
    checkLoss(report);
    checkOverfitting(report);
    m_ratioSum = m_normSum = m_firstSum = m_lastSum = 0;
    m_statSteps = m_graphSteps = 0;
    for (auto& alive : m_alive)
        std::fill(alive.begin(), alive.end(), 0);
}

std::vector<Finding> RunWatch::take() {
    std::vector<Finding> out(m_findings.begin() + long(m_taken), m_findings.end());
    m_taken = m_findings.size();
    return out;
}

void RunWatch::fire(FindingKind kind, int layer, Message title, Message text) {
    bool& fired = m_fired[std::size_t(kind)];
    if (fired) return;
    fired = true;
    m_findings.push_back({kind, m_step, m_epochOffset + int(m_trainLoss.size()), layer,
                          std::move(title), std::move(text)});
}

void RunWatch::checkGradients(const EpochReport&) {
    const std::size_t n = m_ratios.size();
    if (n < std::size_t(kRatioEpochs)) return;
    bool low = true, high = true;
    for (std::size_t i = n - kRatioEpochs; i < n; ++i) {
        low = low && m_ratios[i] <= -kRatioOrders;
        high = high && m_ratios[i] >= kRatioOrders;
    }
    const double first = m_firstLayer.back(), last = m_lastLayer.back();
    if (low) {
        // What sits between: sigmoid's slope is at most 0.25; tanh's is 1 but only at 0.
        const long sigmoids = std::count(m_between.begin(), m_between.end(), Activation::Sigmoid);
        const long tanhs = std::count(m_between.begin(), m_between.end(), Activation::Tanh);
        Message why;
        if (sigmoids > 0)
            why = Message(Engine::tr(" On its way back it passes {1} sigmoid layers, and each "
                                     "multiplies it by its slope, at most 0.25."),
                          sigmoids);
        else if (tanhs > 0)
            why = Message(Engine::tr(" On its way back it passes {1} tanh layers, and each "
                                     "multiplies it by its slope, less than 1 away from 0."),
                          tanhs);
        Message saturation;
        if (m_saturated >= kSaturationShown && (sigmoids > 0 || tanhs > 0))
            saturation = Message(Engine::tr(" {1} of their outputs are saturated (slope under "
                                            "0.01)."),
                                 percent(m_saturated));
        fire(FindingKind::VanishingGradients, m_weighted.front().layer,
             Message(Engine::tr("Vanishing gradients")),
             Message(Engine::tr("the first layer's gradient is {1} per weight, the last layer's "
                                "{2}: {3} times smaller, so the first layers barely learn.{4}{5} "
                                "Batch norm, ReLU or fewer layers keep the gradient alive."),
                     shortNumber(first), shortNumber(last), factor(last / first), why, saturation));
    } else if (high) {
        fire(FindingKind::ExplodingGradients, m_weighted.front().layer,
             Message(Engine::tr("Exploding gradients")),
             Message(Engine::tr("the first layer's gradient is {1} per weight, the last layer's "
                                "{2}: {3} times larger, growing at every layer on its way back. "
                                "Lower the learning rate, or add batch norm."),
                     shortNumber(first), shortNumber(last), factor(first / last)));
    }
    // Growth of the whole gradient within a few epochs.
    if (m_norms.size() > std::size_t(kGrowthEpochs)) {
        const double now = m_norms.back(), before = m_norms[m_norms.size() - 1 - kGrowthEpochs];
        if (before > 0 && now >= kGrowth * before)
            fire(FindingKind::ExplodingGradients, -1, Message(Engine::tr("Exploding gradients")),
                 Message(Engine::tr("the gradient's norm grew from {1} to {2} within {3} epochs: "
                                    "the steps are getting larger and larger. Lower the learning "
                                    "rate before it turns into NaN."),
                         shortNumber(before), shortNumber(now), kGrowthEpochs));
    }
}

void RunWatch::checkDeadUnits(const EpochReport& report) {
    if (m_graphSteps == 0) return;
    for (std::size_t layer = 0; layer < m_alive.size(); ++layer) {
        const auto& alive = m_alive[layer];
        if (alive.empty()) continue;
        // Units that gave something in an earlier epoch and nothing in this one died in
        // training; those dead from the start (a unit whose half-plane misses the data) are
        // not what goes wrong with a run, and are left out.
        auto& since = m_deadSince[layer];
        since.resize(alive.size(), kNeverAlive);
        std::vector<int> dead;
        int earliest = report.epoch;
        for (std::size_t u = 0; u < alive.size(); ++u) {
            if (alive[u]) {
                since[u] = kAlive;
                continue;
            }
            if (since[u] == kNeverAlive) continue;
            if (since[u] == kAlive) since[u] = report.epoch;
            earliest = std::min(earliest, since[u]);
            dead.push_back(int(u) + 1);
        }
        const double share = double(dead.size()) / double(alive.size());
        if (int(dead.size()) < kDeadAtLeast || share < kDeadShare) continue;
        std::string which;
        for (std::size_t i = 0; i < dead.size() && i < 12; ++i)
            which += (i ? ", " : "") + std::to_string(dead[i]);
        if (dead.size() > 12) which += ", …";
        fire(FindingKind::DeadUnits, int(layer), Message(Engine::tr("Dead ReLU units")),
             Message(Engine::tr("{1} of the {2} ReLU units of layer {3} gave 0 for every "
                                "training sample since epoch {4} (units {5}). A dead unit gets no "
                                "gradient, so it never comes back. A smaller learning rate, "
                                "Leaky ReLU or He initialisation keep units alive."),
                     long(dead.size()), long(alive.size()), m_ordinal[layer], earliest, which));
        return;
    }
}

void RunWatch::checkLoss(const EpochReport&) {
    const std::size_t n = m_trainLoss.size();
    const double now = m_trainLoss.back(), first = m_trainLoss.front();
    const auto best = std::min_element(m_trainLoss.begin(), m_trainLoss.end());
    // Rising or swinging: rises among the last few epochs, and well above the best.
    if (n > std::size_t(kRiseWindow)) {
        int rises = 0;
        for (std::size_t i = n - kRiseWindow; i < n; ++i)
            rises += m_trainLoss[i] > m_trainLoss[i - 1];
        const double recent =
            *std::min_element(m_trainLoss.end() - kAboveEpochs, m_trainLoss.end());
        if (rises >= kRisesAtLeast && recent - *best >= kAboveBest * *best &&
            recent - *best >= kAboveBestOfFirst * first)
            fire(FindingKind::LearningRateTooHigh, -1,
                 Message(Engine::tr("Learning rate too high")),
                 Message(Engine::tr("the training loss rose in {1} of the last {2} epochs and is "
                                    "now {3}, above its best of {4} (epoch {5}): each step "
                                    "overshoots the minimum it is heading for. Lower the "
                                    "learning rate (now {6})."),
                         rises, kRiseWindow, shortNumber(now), shortNumber(*best),
                         long(best - m_trainLoss.begin()) + 1 + m_epochOffset,
                         shortNumber(m_learningRate)));
    }
    // A plateau far from where it started.
    if (n > std::size_t(kPlateauEpochs) && m_learningRate > 0) {
        const double before =
            *std::min_element(m_trainLoss.begin(), m_trainLoss.end() - kPlateauEpochs);
        const double recent =
            *std::min_element(m_trainLoss.end() - kPlateauEpochs, m_trainLoss.end());
        if (recent > (1 - kPlateauProgress) * before && now >= kPlateauShare * first) {
            Message guessing;
            if (m_classes >= 2 &&
                std::abs(now - std::log(double(m_classes))) < 0.05 * std::log(double(m_classes)))
                guessing = Message(Engine::tr(", the loss of guessing among {1} classes (ln {1} = "
                                              "{2})"),
                                   m_classes, shortNumber(std::log(double(m_classes))));
            fire(FindingKind::Plateau, -1, Message(Engine::tr("Plateau")),
                 Message(Engine::tr("the training loss has stayed near {1} for {2} epochs{3}. "
                                    "Another learning rate, Adam, or another initialisation "
                                    "often gets it moving."),
                         shortNumber(now), kPlateauEpochs, guessing));
        }
    }
}

void RunWatch::checkOverfitting(const EpochReport&) {
    const std::size_t n = m_testLoss.size();
    if (n == 0 || !std::isfinite(m_testLoss.back())) return;
    std::size_t best = 0;
    for (std::size_t i = 1; i < n; ++i)
        if (m_testLoss[i] < m_testLoss[best]) best = i;
    const double test = m_testLoss.back(), train = m_trainLoss.back();
    if (n < best + 1 + kOverfitEpochs) return;
    const double floor = std::max(kOverfitRise * m_testLoss[best],
                                  m_testLoss[best] + kOverfitRiseOfFirst * m_testLoss.front());
    const double recent = *std::min_element(m_testLoss.end() - kOverfitEpochs, m_testLoss.end());
    // Overfitting comes after learning: at the test loss's best the network had learned
    // something (batch norm's first epochs, evaluated on running statistics that are not
    // settled yet, are not it).
    const double trained = *std::max_element(m_trainLoss.end() - kOverfitEpochs, m_trainLoss.end());
    if (recent >= floor && trained <= kOverfitTrainFall * m_trainLoss[best] &&
        m_trainLoss[best] <= kOverfitLearned * m_trainLoss.front())
        fire(FindingKind::Overfitting, -1, Message(Engine::tr("Overfitting")),
             Message(Engine::tr("the test loss rose from {1} (epoch {2}) to {3} while the "
                                "training loss fell from {4} to {5}: the network is learning the "
                                "training samples by heart instead of the pattern. More data, L2 "
                                "regularisation or dropout help, or stop at epoch {2}."),
                     shortNumber(m_testLoss[best]), long(best) + 1 + m_epochOffset,
                     shortNumber(test), shortNumber(m_trainLoss[best]), shortNumber(train)));
}

} // namespace gs
