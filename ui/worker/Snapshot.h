// What the training worker hands the views: an immutable copy of the state they draw, made in
// the worker thread and passed by shared pointer over a queued connection, so no view ever
// reads engine memory that the worker is changing.
#pragma once

#include "train/Histogram.h"
#include "train/TrainingSession.h"

#include <QMetaType>
#include <QString>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace gs::ui {

// The data, network and training settings the worker builds a session from: the engine's, as
// a type of its own for queued calls.
struct SessionSetup : gs::SessionSetup {};

// One Linear layer as the network view draws it. Row-major [out, in] like the engine.
struct DenseLayer {
    int layer = 0; // index in the Sequential
    Index in = 0, out = 0;
    std::vector<float> weight, bias;
    std::vector<float> weightGrad, biasGrad;     // dL/dw of the last step
    std::vector<float> weightUpdate, biasUpdate; // Δw of the last step
    // This run's weights minus the earlier run's at the same step (Snapshot::earlier); empty
    // when nothing is compared.
    std::vector<float> weightDifference;
    std::string activation; // the activation after it, "" for none
    std::string norm;       // a normalisation between it and its activation: "BN", "LN", or ""
};

using PlanePoint = gs::PlanePoint;

// One weighted layer's values at the step (the distributions view): its weights, their
// gradients and last updates, and what its units gave the next layer in the step's forward
// pass (after its activation).
struct LayerDistribution {
    int layer = 0;          // index in the Sequential
    int column = 0;         // 1 + the weighted layers before it (the network view's "Layer N")
    std::string kind;       // "linear", "conv2d"
    std::string activation; // "relu", … or "" for none
    Histogram weights, gradients, updates, activations;
};

// One parameter as the optimizer panel shows it after the last step.
struct ParameterState {
    std::string name;  // "0.weight"
    std::string shape; // "[8, 2]"
    double weightNorm = 0, gradNorm = 0, updateNorm = 0;
    double ratio = 0; // ‖Δw‖ / ‖w‖
    struct Buffer {
        std::string name; // PyTorch's: "momentum_buffer", "exp_avg", ...
        double norm = 0, meanAbs = 0;
    };
    std::vector<Buffer> buffers;
};

struct Snapshot {
    long step = 0;
    int epoch = 0; // finished epochs
    // The recording (engine/train/Recorder.h): the steps the timeline can go to, and whether
    // this snapshot shows one before the run's last.
    long recordedFirst = 0, recordedLast = 0;
    bool inPast = false;
    std::size_t recordingBytes = 0, recordingBudget = 0;
    long recordingInterval = 1; // a state kept every this many steps
    Index batchInEpoch = 0, batchesPerEpoch = 0;
    double samplesPerSecond = 0;
    bool running = false;

    // New since the previous snapshot: the views append them to their history.
    std::vector<std::pair<long, double>> stepLosses;
    std::vector<EpochReport> epochs;
    std::vector<std::pair<long, std::vector<LayerStats>>> layerStats;

    std::vector<DenseLayer> dense;                // the network's Linear layers, in order
    std::vector<LayerDistribution> distributions; // every Linear and Conv2d layer, in order
    Index inputs = 0;                             // input features (of the first Linear layer)
    // The layer whose output feeds the first Linear layer (a CNN's last pooling, through its
    // Flatten), or −1 where that is the data itself: then the inputs are the data's features.
    int denseSource = -1;
    std::vector<std::string> inputNames;
    // Skip connections between the network view's columns (0: the inputs, c: dense[c − 1]'s
    // output): `from`'s output is added to (or set beside) `to`'s.
    struct Skip {
        int from = 0, to = 0;
        bool concat = false;
        // Mean |dL/d·| of what flowed back along the skip in the last step; −1: not known.
        double gradient = -1;
    };
    std::vector<Skip> skips;

    // Maps over the input plane [−6, 6]² for 2-D data (grid == 0 otherwise): grid × grid
    // values, row 0 at the top (x2 = +6), column 0 at the left (x1 = −6).
    int grid = 0;
    // [column][unit]: column 0 holds the input features, then one column per Linear layer
    // (its output after the activation that follows it).
    std::vector<std::vector<std::vector<float>>> unitMaps;
    // Two classes: 2·P(class 1) − 1; regression: the output; more classes: the probability of
    // the likeliest class, which outputClass names.
    std::vector<float> outputMap;
    std::vector<std::uint8_t> outputClass;
    bool regression = false;
    int dataClasses = 0; // the training data's classes (0: regression)
    // A load of imported points that fitted the network's output and loss to the file
    // (SessionSetup::fitOutputs), in the first snapshot only: what it was asked to train and
    // what it trains.
    struct FittedNetwork {
        std::vector<LayerSpec> requestedLayers, layers;
        LossKind requestedLoss = LossKind::CrossEntropy, loss = LossKind::CrossEntropy;
    };
    std::shared_ptr<const FittedNetwork> fitted;
    std::shared_ptr<const std::vector<PlanePoint>> points; // made once per load

    // Image classification (samples [1, side, side], e.g. MNIST): measured on the first
    // kImageEvalSamples test samples, refreshed at most once a second while playing.
    int imageSide = 0;
    int classes = 0;
    std::vector<std::string> classNames;
    // The names a CSV file's first row gave its columns, when that row was read as a header
    // rather than as a point (Dataset::columnNames); the window says so once, on loading.
    std::vector<std::string> columnNames;
    std::vector<int> confusion; // [true · classes + predicted]
    Index evaluated = 0;        // samples counted in the confusion matrix
    Index testSamples = 0;      // the whole test set, of which `evaluated` are the first
    using Digit = ImageEvaluation::Digit;
    std::vector<Digit> digits; // the first test samples, then some of the mistakes

    // The optimizer panel: every parameter's last update and the optimizer's state.
    std::string optimizer, rule; // optimizerLabel(), updateRule()
    // The learning rate in effect now (the schedule's, for the next step), and the base rate
    // the schedule starts from (the η typed or loaded).
    double learningRate = 0;
    double baseLearningRate = 0;
    // The schedule: its settings, in words ("cosine to 0 over 200 epochs"), the epochs since
    // it began (see Trainer's note on the schedule's origin), and whether it has run its course.
    Schedule schedule;
    std::string scheduleText;
    int scheduleEpoch = 0;
    bool scheduleEnded = false;
    double stepsPerSecond = 0; // Play's speed setting; 0: full speed
    long optimizerSteps = 0;
    std::vector<ParameterState> parameters;

    // The run a branch left (TrainingSession::showEarlier), for the compare view: where the
    // two runs part, its step shown (this snapshot's, or its last where it ended sooner; before
    // the branch the runs are one) and its last step; for 2-D data its output map, as
    // outputMap and outputClass above. Null without an earlier run, and while no view shows it.
    struct Earlier {
        long branch = 0, step = 0, last = 0;
        // Its optimizer (optimizerLabel()) and the learning rate in effect at that step.
        std::string optimizer;
        double learningRate = 0;
        std::vector<float> outputMap;
        std::vector<std::uint8_t> outputClass;
    };
    std::shared_ptr<const Earlier> earlier;
    bool hasEarlier = false; // whether there is one, shown or not

    // Where the weights are on the landscape's plane, when one has been computed.
    bool onLandscape = false;
    std::array<double, 2> landscapePoint{0, 0};
    int landscapeId = 0; // which landscape the point belongs to
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

// A session file the worker has opened: the settings and history the window shows.
struct OpenedSession {
    Experiment experiment;
    FeatureMask features = kRawFeatures;
    MetricsHistory history;
    QString path;
    bool model = false; // a model file or an ONNX model, not a session: saving asks for a name
    std::vector<LessonAnswer> lessonAnswers; // the student's answers the session kept
};
using OpenedSessionPtr = std::shared_ptr<const OpenedSession>;

using StepTracePtr = std::shared_ptr<const StepTrace>;
// What a detector saw (train/Detectors.h).
using FindingPtr = std::shared_ptr<const Finding>;

// A drawn image classified, with its saliency (the draw-a-digit view).
using Drawing = gs::ImageExplanation;
using DrawingPtr = std::shared_ptr<const Drawing>;

// A loss landscape around the weights at `step`, and the optimizer's path on its plane so far.
using Landscape = gs::LandscapeResult;
using LandscapePtr = std::shared_ptr<const Landscape>;

// A gradient check of the current weights on one batch, worst entries first.
struct GradientCheck {
    double epsilon = 0;
    bool single = false; // one entry the user picked, not "check all"
    bool node = false;   // single: an interior node's output, not a parameter
    std::vector<GradCheckEntry> entries;
};
using GradientCheckPtr = std::shared_ptr<const GradientCheck>;

} // namespace gs::ui

Q_DECLARE_METATYPE(gs::ui::SnapshotPtr)
Q_DECLARE_METATYPE(gs::ui::SessionSetup)
Q_DECLARE_METATYPE(gs::OptimizerConfig)
Q_DECLARE_METATYPE(gs::Schedule)
Q_DECLARE_METATYPE(gs::MetricsHistory)
Q_DECLARE_METATYPE(gs::ui::OpenedSessionPtr)
Q_DECLARE_METATYPE(gs::ui::DrawingPtr)
Q_DECLARE_METATYPE(gs::ui::StepTracePtr)
Q_DECLARE_METATYPE(gs::ui::FindingPtr)
Q_DECLARE_METATYPE(gs::ui::GradientCheckPtr)
Q_DECLARE_METATYPE(gs::ui::LandscapePtr)
