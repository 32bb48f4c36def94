// Trainer: runs mini-batch steps and epochs of a Sequential model, and reports through
// observer callbacks.
//
// One step is PyTorch's loop body: forward, loss, optimizer.zero_grad(), loss.backward(),
// optimizer.step(). The trainer keeps its place inside an epoch, so a caller can run a few
// steps, pause (requestStop() between steps, from any thread), and go on later. The same
// seed gives the same run, bit for bit, on the same machine.
//
// Divergence stops training with a TrainingError, for every optimizer: a loss that is not
// finite (naming the node where the NaN or infinity first appeared) or that has grown past
// kDivergenceFactor times the loss of this trainer's first step, and a gradient that is not
// finite, stop it before the update, so the weights stay as they were; a weight past
// ±kWeightBound stops it after the update that put it there.
#pragma once

#include "Diagnosis.h"
#include "Loss.h"
#include "StepTrace.h"
#include "backend/Backend.h"
#include "data/DataLoader.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace gs {

class DeviceStep;

class TrainingError : public Error {
public:
    using Error::Error;
    TrainingError(Message message, NonFiniteOrigin origin)
        : Error(std::move(message))
        , m_origin(std::make_shared<const NonFiniteOrigin>(std::move(origin))) {}
    // Where a NaN or an infinity began (Diagnosis.h), when that is why training stopped.
    const NonFiniteOrigin* origin() const { return m_origin.get(); }

private:
    std::shared_ptr<const NonFiniteOrigin> m_origin; // shared: exceptions copy without throwing
};

// A loss this many times the first step's, and above kDivergenceFloor, is divergence (Adam at
// lr 1e6 reaches 1e19 without a NaN).
constexpr double kDivergenceFactor = 1e4;
constexpr double kDivergenceFloor = 100;
// A weight past ± this is divergence: no network here needs one, and float32 overflows soon
// after.
constexpr double kWeightBound = 1e8;

struct TrainConfig {
    LossKind loss = LossKind::CrossEntropy;
    OptimizerConfig optimizer;
    Schedule schedule;
    Regularization regularization;
    Index batchSize = 32;
    bool shuffle = true;
    bool dropLast = false;
    std::uint64_t seed = 1;
};

struct LayerStats {
    int layer = 0;
    double gradientNorm = 0; // ‖dL/dW‖ of the last step
    double updateRatio = 0;  // ‖ΔW‖ / ‖W‖ of the last step
};

// An activation layer's output in a training step (the detectors read them: dead units,
// saturation): its Sequential index, its op and its values, [rows, units] or [rows, C, H, W].
struct LayerActivation {
    int layer = 0;
    OpKind op = OpKind::Relu;
    const Tensor* value = nullptr;
};
// Appends the outputs of `graph`'s activation nodes that belong to a layer.
void appendActivations(const Graph& graph, std::vector<LayerActivation>& out);

struct StepReport {
    long step = 0; // steps taken so far, this one included
    int epoch = 0; // epoch of this step, from 0
    Index batchInEpoch = 0;
    Index batchesPerEpoch = 0;
    double batchLoss = 0;
    double learningRate = 0;
    std::vector<LayerStats> layers;
};

struct Evaluation {
    double loss = 0;
    double accuracy = -1; // -1 for regression
    Index samples = 0;
};

struct EpochReport {
    int epoch = 0; // finished epoch, from 1
    long step = 0;
    double trainLoss = 0; // mean batch loss over the epoch
    Evaluation test;      // on the test set (loss 0, accuracy -1 when there is none)
    double trainAccuracy = -1;
    double seconds = 0; // the loop over mini-batches only
    double samplesPerSecond = 0;
};

// Everything the next step reads, so that a run can go back to a recorded step and replay from
// there bit for bit (Recorder.h). The parts that seldom change are shared between the states
// that have them in common: the settings, the names of the optimizer's buffers, the dropout
// generator; the data loader's place is two numbers (DataLoader::rewind).
struct TrainerState {
    long steps = 0;
    int epoch = 0;
    int scheduleOrigin = 0;
    double firstLoss = -1;
    double epochLossSum = 0;
    Index epochCorrect = 0;
    Index epochSamples = 0;
    double epochSeconds = 0;
    long optimizerSteps = 0;
    struct Settings {
        TrainConfig config;       // base rate, schedule, regularisation
        OptimizerConfig inEffect; // the optimizer's own (the schedule's rate)
        std::uint64_t version = 0;
    };
    std::shared_ptr<const Settings> settings;
    // Per parameter, the names of the optimizer's buffers that exist (momentum, exp_avg, …).
    std::shared_ptr<const std::vector<std::vector<std::string>>> optimizerBuffers;
    std::vector<Scalar> values; // the parameters, the model's buffers, the optimizer's buffers
    long shuffles = 0;          // the data loader's
    Index position = 0;
    std::shared_ptr<const std::mt19937_64> dropout; // null where the model has no dropout

    // The memory this state holds on its own (shared parts not counted).
    std::size_t bytes() const { return sizeof(TrainerState) + values.size() * sizeof(Scalar); }
};

class Trainer {
public:
    // The model and data must outlive the trainer; test may be null.
    Trainer(Sequential& model, const Dataset& train, const Dataset* test, TrainConfig config);
    ~Trainer();

    using StepObserver = std::function<void(const StepReport&)>;
    using EpochObserver = std::function<void(const EpochReport&)>;
    void setStepObserver(StepObserver observer) { m_stepObserver = std::move(observer); }
    void setEpochObserver(EpochObserver observer) { m_epochObserver = std::move(observer); }
    // Called when a step is wholly done, its epoch's report included (a recorder keeps the
    // state then: Recorder.h).
    void setStepEndObserver(std::function<void()> observer) {
        m_stepEndObserver = std::move(observer);
    }
    // Data-parallel steps (off by default): an untraced step on the host splits its batch into
    // shards, one per thread (core/Parallel.h), each shard's forward and backward pass runs on
    // its own thread through a graph of its own, and the shards' mean gradients are combined,
    // weighted by their rows, before the optimizer's step. Only for networks whose rows are
    // independent (no batch norm, no dropout), without L1/L2, and where each shard has work
    // enough (docs/engine.md, "Threads"). A step then equals the whole batch's within float32
    // rounding, and the same bits for the same thread count; without it a step gives the same
    // bits on any thread count, which the app's timeline and step-through rely on.
    void setDataParallel(bool on);
    bool dataParallel() const { return m_dataParallel; }
    // The shards the last step's batch was split into (1: the whole batch through the graph,
    // or a step that failed, after which graph() may hold part of the batch), and the graph of
    // each (shard 0's is graph()): together they hold the batch's rows.
    int lastStepShards() const { return m_lastShards; }
    const Graph& stepGraph(int shard) const;
    // Steps split by units (on with data-parallel steps; off here for tests and benchmarks):
    // where a network begins [Flatten] Linear, activation, Linear (an MLP), each thread owns a
    // range of the hidden layer's units for good, their rows of the first weight, their columns
    // of the second, and the optimizer's state of those rows, and computes their part of the
    // step with the whole batch; only the second layer's output and its gradient, a few
    // kilobytes, cross between the cores, against the weights and gradients a data-parallel
    // step moves (docs/engine.md, "Threads"). The rest of the network and the loss run through
    // graph() on the calling thread. The same bits for the same thread count, and one thread's
    // within float32 rounding.
    void setSplitByUnits(bool on) { m_splitByUnits = on; }
    // The parts the last step's hidden units were split into (1: not split by units).
    int lastStepUnitParts() const { return m_lastUnitParts; }
    // The outputs of the activation layers in the last step on the host, from every shard's
    // graph, or, after a step split by units, the hidden layer's whole batch and graph()'s.
    void stepActivations(std::vector<LayerActivation>& out) const;
    // Per-layer statistics cost a pass over the weights; off unless asked for.
    void setCollectLayerStats(bool on) { m_collectLayerStats = on; }

    // One mini-batch step. Finishing the last batch of an epoch also evaluates and reports the
    // epoch. Returns the step's report. With `trace`, the step is also written down (forward
    // values, backward step-through records, updates): the same step, the same numbers.
    StepReport step(StepTrace* trace = nullptr);
    // Steps to the end of the current epoch (or until stopped); returns the epoch's report if
    // it finished.
    std::optional<EpochReport> runEpoch();
    // `epochs` more epochs, or until stopped.
    void run(int epochs);
    // Runs `steps` more steps, or until stopped.
    void runSteps(long steps);
    // Untraced steps while more() says so (asked before each): on a device, the model comes
    // back to the host once, at the end, not after every step (the app's Play, which shows the
    // model at most 30 times a second).
    void stepWhile(const std::function<bool()>& more);
    // How many times the model has come back from a device (tests, benchmarks).
    long downloads() const { return m_downloads; }
    // Safe from any thread: the running loop returns after the current step.
    void requestStop() { m_stop = true; }
    bool stopRequested() const { return m_stop; }

    Evaluation evaluate(const Dataset& data);

    // Where the steps run. The CPU (the default) runs them through the graph on the engine's
    // threads; a GPU runs them as a DeviceStep on the CUDA backend, with the weights, gradients
    // and optimizer state on the device. Traced steps, evaluation and everything that reads the
    // model run on the host, which gets the device's numbers back when each call here returns
    // (step, runEpoch, run, runSteps, evaluate). Throws Unsupported saying why a GPU cannot be
    // used (this build, this machine), and leaves the device as it was.
    void setDevice(const DeviceId& device);
    DeviceId device() const { return m_device; }
    // Runs the untraced steps on `backend` (tests: the reference backend against the graph).
    void setBackend(std::unique_ptr<Backend> backend);

    // Continues a saved run on a fresh trainer: sets the counters to `steps` steps and
    // `epochs` finished epochs and replays the loader's shuffles, so that the next batches are
    // those the saved run would have drawn. (Dropout masks come from the graph's generator,
    // which is not replayed.) Throws InvalidArgument if the counts do not fit the data.
    void restorePosition(long steps, int epochs);

    // The state the next step starts from (see TrainerState), sharing with `previous` what has
    // not changed since it was captured. Restoring puts the run back there: the weights, the
    // optimizer, the counters, the data loader and the dropout generator; the gradients and
    // last updates are zero and the graph empty, as before a run's first step. Throws
    // InvalidArgument for a state of another network.
    TrainerState captureState(const TrainerState* previous = nullptr) const;
    // A settings version no trainer has used (TrainerState::Settings read from a file).
    static std::uint64_t newSettingsVersion();
    void restoreState(const TrainerState& state);

    long steps() const { return m_steps; }
    Index batchesPerEpoch() const { return m_loader.batchesPerEpoch(); }
    // The current epoch's order of the training samples (to replay a run elsewhere, e.g. in
    // PyTorch). Valid in the step and epoch observers for the epoch they report.
    const std::vector<Index>& sampleOrder() const { return m_loader.order(); }
    // The batch the next step() will draw, drawn by a copy of the loader (this one stays).
    Batch nextBatch() const;
    int epoch() const { return m_epoch; } // epochs finished
    // The last training step's graph: after a data-parallel step, the first shard's rows; after
    // a step split by units, the layers after the head (from a leaf holding its output).
    Graph& graph() { return m_graph; }
    const Graph& graph() const { return m_graph; }
    Optimizer& optimizer() { return m_optimizer; }
    const Optimizer& optimizer() const { return m_optimizer; }
    const TrainConfig& config() const { return m_config; }
    Sequential& model() { return m_model; }
    TargetEncoding encoding() const { return m_encoding; }
    // Changes the optimizer's settings live, keeping its state when the kind is the same.
    // config.learningRate is the base rate, the schedule's starting point: a new one restarts
    // the schedule here (see the note on the schedule's origin).
    void setOptimizerConfig(const OptimizerConfig& config);
    void setRegularization(const Regularization& r);
    // Changes the schedule live; a different one starts at the current epoch.
    void setSchedule(const Schedule& schedule);

    // Note on the schedule's origin: the schedule runs from the epoch it began at (0 for a
    // fresh run, so a run that changes nothing is PyTorch's scheduler step for step). Typing a
    // new base rate or choosing a new schedule moves the origin to the current epoch, so the
    // new rate is the one in effect now and the schedule continues from there: after a cosine
    // schedule has brought η to 0, a typed η trains again and anneals over T_max more epochs.
    int scheduleOrigin() const { return m_scheduleOrigin; }
    void setScheduleOrigin(int epoch) { m_scheduleOrigin = epoch; }
    // Epochs since the schedule began.
    int scheduleEpoch() const { return m_epoch - m_scheduleOrigin; }
    // The rate the next step uses: the schedule's, from the base rate.
    Scalar learningRate() const;
    // The schedule has run its course (Schedule::ended).
    bool scheduleEnded() const { return m_config.schedule.ended(scheduleEpoch()); }
    // The rate in effect is so small (under kScheduleEndFraction of the base, or 0) that a step
    // changes almost nothing: Play has nothing to show.
    bool learningStopped() const;

private:
    StepReport stepOnce(StepTrace* trace);
    // One step's arithmetic through the graph or on the device: sets the data loss and the
    // count of correct rows, and leaves the weights updated.
    void graphStep(StepTrace* trace, double& dataLoss, Index& correct);
    void deviceStep(double& dataLoss, Index& correct, StepReport* stats);
    // Data-parallel steps (docs/engine.md, "Threads"): the shards the next untraced step on the
    // host splits its batch into (1: the whole batch through the graph), and the step itself.
    // It returns false when the loss or a gradient is not finite, having changed nothing but
    // the graphs: the whole batch then goes through the graph, which finds where the NaN
    // began. If a shard throws, the loader moves past the batch, as the graph's step would.
    // What both splits need: asked for, rows independent (no batch norm, no dropout), no
    // L1/L2 penalty (added once, not per part).
    bool splittable() const;
    int shardsFor(Index rows) const;
    bool shardedStep(int shards, double& dataLoss, Index& correct, Index& rows);
    // Steps split by units (setSplitByUnits): the parts for the next batch (1: not split),
    // and the step, which, like shardedStep, returns false having changed nothing but the
    // gradients and graph() when the loss or a gradient is not finite.
    void findUnitSplit(); // sets m_units where the network begins with an MLP's head
    int unitPartsFor(Index rows) const;
    bool unitStep(int parts, double& dataLoss, Index& correct, Index& rows);
    // ‖dL/dp‖, ‖Δp‖ and ‖p‖ of each parameter after a step split by units, each part
    // reading the rows it owns (on one thread they would all cross to it every step).
    std::vector<std::array<double, 3>> unitNorms() const;
    // Where the authoritative copy of the model is: toHost() brings the device's back,
    // toDevice() sends the host's (each only when it is elsewhere).
    void toHost();
    void toDevice();
    // Runs `work`, then brings the model back to the host even if it throws.
    template <class Work> auto thenHost(const Work& work);
    EpochReport finishEpoch();
    // Each layer's ‖dL/dW‖ and ‖ΔW‖/‖W‖, from the host's tensors or, after a device step, from
    // the norms the device computed (`norms`: ‖g‖, ‖Δw‖, ‖w‖ of parameter i).
    void collectLayerStats(StepReport& report,
                           const std::function<std::array<double, 3>(std::size_t)>& norms) const;
    // Throws TrainingError when the step would diverge (see the note at the top).
    void checkLoss(double loss, double dataLoss, bool onGraph = true) const;
    [[noreturn]] void gradientDiverged(const std::string& parameter) const;
    [[noreturn]] void weightDiverged(const std::string& parameter, double largest) const;
    void checkGradients() const;
    void checkWeights() const;
    void recordForward(StepTrace& trace, const Var& loss) const;

    Sequential& m_model;
    const Dataset& m_train;
    const Dataset* m_test;
    TrainConfig m_config;
    TargetEncoding m_encoding;
    Graph m_graph;
    Graph m_evalGraph;
    Optimizer m_optimizer;
    DataLoader m_loader;
    Batch m_batch;
    Tensor m_targetScratch;
    std::atomic<bool> m_stop{false};
    long m_steps = 0;
    double m_firstLoss = -1; // the loss of this trainer's first step: divergence is measured
                             // against it
    int m_epoch = 0;
    int m_scheduleOrigin = 0;
    double m_epochLossSum = 0;
    Index m_epochCorrect = 0;
    Index m_epochSamples = 0;
    double m_epochSeconds = 0;
    StepObserver m_stepObserver;
    EpochObserver m_epochObserver;
    std::function<void()> m_stepEndObserver;
    bool m_collectLayerStats = false;
    struct Shard;
    std::vector<std::unique_ptr<Shard>> m_shards; // a data-parallel step's shards after the first
    bool m_dataParallel = false;
    int m_lastShards = 1;
    struct UnitSplit;
    std::unique_ptr<UnitSplit> m_units; // null: the network does not begin as an MLP
    bool m_splitByUnits = true;
    int m_lastUnitParts = 1;
    bool m_shardable = false; // no layer needs the whole batch (batch norm) or draws (dropout)
    double m_sampleWork = 0;  // a sample's multiply-adds through the model, forward
    Index m_parameters = 0;   // the model's parameter count
    std::unique_ptr<DeviceStep> m_deviceStep; // null: steps run through the graph
    bool m_onDevice = false;                  // the device holds the current model
    bool m_refusedGradients = false;          // the device's gradients are of a refused step
    long m_downloads = 0;
    DeviceId m_device;
    std::uint64_t m_settingsVersion = 0; // changes with every change of settings
};

} // namespace gs
