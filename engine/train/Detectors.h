// Detectors: training that explains its own failures.
//
// A RunWatch follows one run, step by step and epoch by epoch, and says when it sees one of the
// classic ways training goes wrong, in a few sentences that name the numbers it saw:
//
//   vanishing gradients  the first layer's gradient, per weight, is at least 1000 times smaller
//                        than the last layer's over two epochs (with the sigmoid or tanh layers
//                        between and how saturated they are);
//   exploding gradients  the first layer's is 1000 times larger than the last's over two
//                        epochs, or the gradient grew 100-fold within three epochs;
//   dead ReLU units      half or more of a ReLU layer's units (at least two) that were
//                        alive once gave 0 for every training sample of a whole epoch: they
//                        get no gradient again (units dead from the start are left out);
//   learning rate too high  the training loss rose in two or more of the last five epochs and
//                        stayed well above its best for the last three;
//   plateau              twenty epochs without 0.5 % of progress while the loss is still 80 % of
//                        the first epoch's or more (and the rate is not annealed away);
//   overfitting          the test loss stayed 20 % above its best (and by a tenth of the first
//                        epoch's) for three epochs, while the training loss stayed a fifth below
//                        its own then, after the network had learned (half the first epoch's
//                        training loss or less).
//
// Each fires once a run. The thresholds are deliberately far from where a healthy run goes, so
// that the well-behaved presets never hear from them (tests/engine/tst_detectors.cpp).
#pragma once

#include "Trainer.h"

#include <span>
#include <vector>

namespace gs {

enum class FindingKind {
    VanishingGradients,
    ExplodingGradients,
    DeadUnits,
    LearningRateTooHigh,
    Plateau,
    Overfitting,
};
constexpr int kFindingKinds = 6;

// "vanishing-gradients", …: the name files, the CLI's --json and the tests use.
const char* findingKey(FindingKind kind);

struct Finding {
    FindingKind kind = FindingKind::Plateau;
    long step = 0;  // the step after which it was seen
    int epoch = 0;  // epochs finished then
    int layer = -1; // the Sequential layer it is about (dead units), −1 for the whole network
    Message title;  // "Vanishing gradients"
    Message text;   // what was seen, with the numbers, and what helps
};

class RunWatch {
public:
    // `classes`: the data's class count (0 for regression).
    RunWatch(const Sequential& model, int classes);

    // After every step: its report (with the layer statistics, Trainer::setCollectLayerStats)
    // and the graph of that step, or null when it ran on a device (dead units are then not
    // looked for).
    void afterStep(const StepReport& report, const Graph* graph) {
        std::vector<LayerActivation> activations;
        if (graph) appendActivations(*graph, activations);
        afterStep(report, activations);
    }
    // The same with the activation layers' outputs of the step (Trainer::stepActivations: every
    // shard's of a data-parallel step, the hidden layer's whole batch of one split by units);
    // none when it ran on a device.
    void afterStep(const StepReport& report, std::span<const LayerActivation> activations);
    void afterEpoch(const EpochReport& report);

    // The findings since the last call.
    std::vector<Finding> take();
    const std::vector<Finding>& findings() const { return m_findings; }
    bool fired(FindingKind kind) const { return m_fired[std::size_t(kind)]; }

private:
    void fire(FindingKind kind, int layer, Message title, Message text);
    void checkGradients(const EpochReport& report);
    void checkDeadUnits(const EpochReport& report);
    void checkLoss(const EpochReport& report);
    void checkOverfitting(const EpochReport& report);

    // The weighted layers (Linear, Conv2d), in order: their Sequential index and weight count.
    struct Weighted {
        int layer = 0;
        double entries = 1;
    };
    std::vector<Weighted> m_weighted;
    std::vector<Activation> m_between; // the activations between the first and the last
    std::vector<int> m_ordinal;        // per Sequential layer: 1 + the weighted layers before
    int m_classes = 0;
    int m_epochOffset = 0; // epochs the run had finished before this watch began

    // This epoch's steps: log10 of (first layer's RMS gradient / last layer's), the gradient's
    // norm, and the units of each ReLU layer that gave something other than 0.
    double m_ratioSum = 0;
    double m_normSum = 0;
    double m_firstSum = 0, m_lastSum = 0; // log10 RMS gradient per weight, first and last
    long m_statSteps = 0;
    long m_graphSteps = 0;
    std::vector<std::vector<char>> m_alive;    // per Sequential layer (empty: not a ReLU)
    std::vector<std::vector<int>> m_deadSince; // per layer and unit: the epoch it died (or
                                               // kAlive, kNeverAlive: Detectors.cpp)
    // The sigmoid and tanh units' saturation in the last step with a graph.
    double m_saturated = -1;
    double m_learningRate = 0;
    long m_step = 0;

    // Per epoch.
    std::vector<double> m_ratios;                  // mean log10 ratio (NaN without statistics)
    std::vector<double> m_norms;                   // mean gradient norm
    std::vector<double> m_trainLoss;               // the epoch's training loss
    std::vector<double> m_testLoss;                // its test loss (NaN without a test set)
    std::vector<double> m_firstLayer, m_lastLayer; // geometric mean RMS gradient per weight

    std::vector<Finding> m_findings;
    std::size_t m_taken = 0;
    bool m_fired[kFindingKinds] = {};
};

} // namespace gs
