// TrainingSession: one training run as the app and the CLI see it. It owns the data, the model
// and the Trainer, and computes everything the views show from them: step traces (a real step,
// or one sample on a copy), gradient checks, the loss landscape and the optimizer's path on it,
// the maps over the input plane, the image evaluation; it saves and opens .gradscope files.
//
// Qt-free and single-threaded: the app's TrainingWorker paces it on its own thread and copies
// its results into snapshots; gradscope-cli drives it directly. Loading is all or nothing: a
// load or open that fails (missing data, a model that does not fit, a bad file) throws and
// leaves the previous session exactly as it was.
#pragma once

#include "Detectors.h"
#include "Experiment.h"
#include "GradCheck.h"
#include "Metrics.h"
#include "Recorder.h"
#include "SessionProbes.h"
#include "Trainer.h"
#include "data/Features.h"
#include "io/ModelFile.h"
#include "io/Recording.h"
#include "lesson/Lesson.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gs {

struct PytorchExportOptions; // io/PytorchExport.h

// The data, network and training settings a session is built from.
struct SessionSetup {
    Experiment experiment;
    FeatureMask features = kRawFeatures; // 2-D data only
    std::string dataDir;                 // where MNIST lives
    // Imported points: where the network's output and loss do not fit the file's classes (or
    // its regression targets), they are made to (fitOutputs(), train/Loss.h) rather than
    // refused; outputsFitted() says so.
    bool fitOutputs = false;
    // Only the data changed (points drawn by hand): the network goes on from its weights,
    // optimizer state and step where it still fits the data (the same layers, loss, features
    // and optimizer kind); otherwise it starts afresh from the seed.
    bool keepWeights = false;
};

// Where a saved run stands: steps taken, epochs finished, the schedule's origin.
struct RunPosition {
    long steps = 0;
    int epochs = 0;
    int scheduleOrigin = 0;
};

class TrainingSession {
public:
    TrainingSession();
    ~TrainingSession();
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    bool loaded() const { return m_trainer != nullptr; }

    // Builds data, model (fresh weights from the seed) and trainer. Throws: the data's error,
    // a LayerError naming the layer that does not fit, an InvalidArgument for bad settings.
    void load(const SessionSetup& setup);
    // With a model read from a file: its weights, and its optimizer state when the optimizer
    // kind matches the setup's; `position` continues a saved run where it stood.
    void load(const SessionSetup& setup, LoadedModel model,
              const std::optional<RunPosition>& position = std::nullopt);
    // The same setup again: fresh weights, fresh optimizer state, step 0.
    void reset();
    // A .gradscope file: builds its session (MNIST from `dataDir`) and returns the metric
    // history it holds; setup() then holds its experiment and features.
    MetricsHistory open(const std::string& path, const std::string& dataDir);
    // What the last open() has to say that is not an error: the file's timeline recording
    // left out, and why (empty otherwise).
    const Message& openNote() const { return m_openNote; }
    // The current session with `history` (the charts' points, which the caller keeps), and
    // the timeline's recording where it stands at its end (io/Recording.h).
    // `answers`: a student's answers to lessons' exercises, kept with the session.
    void save(const std::string& path, const MetricsHistory& history,
              const std::vector<LessonAnswer>& answers = {}) const;
    // The answers the last open() found in its file (none where it had none; a list that
    // does not read is left out, and openNote() says so).
    const std::vector<LessonAnswer>& openedLessonAnswers() const { return m_openedAnswers; }
    // The session as a PyTorch program beside `scriptPath` (io/PytorchExport.h), going on
    // from where it is; returns the files written.
    std::vector<std::string> exportPytorch(const std::string& scriptPath, bool distributed) const;
    PytorchExportOptions exportOptions() const; // where the run is, its data and features
    // The same for Keras, with the TensorFlow.js model (io/KerasExport.h).
    std::vector<std::string> exportKeras(const std::string& scriptPath) const;
    // The network and its weights as an ONNX model (io/Onnx.h).
    void exportOnnx(const std::string& path) const;

    // Called after the session's own bookkeeping, for every step and finished epoch.
    void setStepObserver(Trainer::StepObserver observer) { m_stepObserver = std::move(observer); }
    void setEpochObserver(Trainer::EpochObserver observer) {
        m_epochObserver = std::move(observer);
    }
    // Per-layer statistics in the step reports: on by default, since the detectors need them.
    void setCollectLayerStats(bool on);

    // What the detectors (Detectors.h) have seen in this run since the last call; the run's
    // whole list. A load or reset starts a new list.
    std::vector<Finding> takeFindings() {
        return m_watch ? m_watch->take() : std::vector<Finding>{};
    }
    const std::vector<Finding>& findings() const;

    // One mini-batch step (written down with a trace). The schedule's end: see takeScheduleEnd.
    // Shown at an earlier step (seek), the run first goes back to its end and steps on from
    // there.
    StepReport step(StepTrace* trace = nullptr);
    // Untraced steps while more() says so (asked before each, also before the first), as step()
    // takes them, but on a GPU with the model brought back to the host once, at the end
    // (Trainer::stepWhile): Play's chunks between two snapshots.
    void stepWhile(const std::function<bool()>& more);

    // The run's recording (Recorder.h): steps first() … last() can be shown again. Runs on a
    // GPU are not recorded.
    const Recorder& recorder() const { return m_recorder; }
    // The budget covers this run's recording and the earlier run's (below) together: the
    // earlier one keeps at most half of it. Throws InvalidArgument under
    // Recorder::kSmallestBudget.
    void setRecordingBudget(std::size_t bytes);
    std::size_t recordingBudget() const { return m_recordingBudget; }
    std::size_t recordingBytes() const; // both runs' recordings
    // On by default; the command line, which has no timeline, turns it off. Off, the
    // recording is dropped and seek() refuses every step.
    void setRecording(bool on);
    // Puts the whole session (weights, gradients, optimizer, the step's graph, the counters)
    // where the run stood after `step`, replaying from the recording: every view then shows
    // that step exactly as it was. Nothing is recorded, observed or detected while replaying.
    // Throws InvalidArgument for a step that was not recorded. With `trace`, the last step of
    // the replay is written down (the computation graph and step-through views show it); it
    // stays empty where there is none (step 0).
    void seek(long step, StepTrace* trace = nullptr);
    // Shown at an earlier step than the run's last.
    bool inPast() const {
        return m_trainer && !m_recorder.empty() && m_trainer->steps() != m_recorder.last();
    }
    // Back to the run's last step, where training goes on.
    void seekEnd();
    // A branch: the step shown becomes the run's last. The steps after it are dropped from the
    // recording, the detectors start afresh, and training, settings and edits go on from here.
    // False (and nothing changes) when the step shown is already the last.
    bool branch();

    // The earlier run: after a branch, the run as it went on before it is kept beside this one,
    // to compare them step by step. Its steps from the branch on are shown again from its own
    // recording, as seek() shows this run's (bit for bit). There is one at a time: a new branch
    // makes the run it leaves the earlier one; a load, reset, device change or recording off
    // drops it.
    bool hasEarlier() const { return m_earlier != nullptr; }
    long earlierBranch() const; // the step where the two runs part
    long earlierLast() const;   // the earlier run's last step
    // Puts the earlier run's network as it stood after `step`, clamped to [earlierBranch(),
    // earlierLast()] (before the branch the runs are the same), and returns the step shown.
    // Throws InvalidArgument where there is no earlier run.
    long showEarlier(long step);
    const Sequential& earlierModel() const;
    const Trainer& earlierTrainer() const; // where showEarlier() put it
    // The earlier run's maps over the input plane, at the step showEarlier() put it.
    PlaneMaps earlierPlaneMaps(int grid) const;
    void dropEarlier();
    // A schedule that reached its end in the last step (Schedule::ended) is reported once per
    // schedule run: true here until takeScheduleEnd() is called.
    bool scheduleEndReached() const { return m_scheduleEndPending; }
    bool takeScheduleEnd() { return std::exchange(m_scheduleEndPending, false); }

    // Live settings. setOptimizer's learningRate is the base rate: a new one is the rate in
    // effect now and the schedule continues from there (Trainer's note on the schedule's
    // origin). These throw InvalidArgument for values out of range and then change nothing.
    void setOptimizer(const OptimizerConfig& config);
    void setSchedule(const Schedule& schedule);
    void setRegularization(const Regularization& regularization);
    // Weight [out, in] of the Linear layer `layer` (its index in the Sequential).
    void setWeight(int layer, int out, int in, double value);
    // The live settings above go back to the run's end first, where they apply, and pin the
    // state there in the recording (Recorder::Pin).

    // One step on training sample `sample` alone, taken by a copy of the network and the
    // optimizer: the numbers of a real step, while the session stays where it is.
    StepTrace traceOneSample(Index sample) const;

    // Gradient checks on the next training batch, without training (GradCheck.h).
    std::vector<GradCheckEntry> checkGradients(double epsilon, Index limitPerParameter);
    GradCheckEntry checkGradientEntry(const std::string& parameter, Index index, double epsilon);
    GradCheckEntry checkNodeGradient(int layer, Index index, double epsilon);
    // The gradients after `passes` backward passes without zero_grad on the next training
    // batch (GradCheck.h), in the order of model().parameters().
    std::vector<Tensor> accumulatedGradients(int passes);
    // The gradients of one backward pass on the next batch with `node` processed too early
    // (GradCheck.h gradientsWithEarlyNode).
    std::vector<Tensor> gradientsWithEarlyNode(const std::string& node);
    // dL/dw of one weight by forward mode on the next batch (GradCheck.h).
    double forwardModeDerivative(const std::string& parameter, Index index);
    // The loss of the next batch by a static graph built on the first training samples
    // (GradCheck.h staticGraphReplay), with the dropout masks the next step will draw: that
    // step's loss, bit for bit.
    StaticReplay staticGraphReplay();

    // The loss on a plane through the current weights: random filter-normalised directions, or
    // the path's principal directions (the path then spans it). Throws InvalidArgument for a
    // span that is not positive or a path too short for principal directions.
    // `progress` hears of every row and may cancel (Cancelled; the session is as before).
    LandscapeResult computeLandscape(bool principal, int resolution, double span,
                                     const LandscapeProgress& progress = {});
    // Where the weights are on the last landscape's plane, if one has been computed.
    std::optional<std::array<double, 2>> landscapePoint() const;
    int landscapeId() const { return m_landscapeId; }

    // 2-D data: the network over a grid × grid grid on the input plane.
    PlaneMaps planeMaps(int grid) const;
    // Image data: the first `samples` test samples classified, and `digitsShown` of them kept.
    ImageEvaluation evaluateImages(Index samples, int digitsShown) const;
    // Image data: a picture of imageSide()² pixels, each 0 (paper) to 1 (ink) as the data's
    // images are before normalisation, classified by the network in evaluation mode, with the
    // saliency of class `explained` (−1: the predicted one). The parameters' gradients are as
    // they were. Throws InvalidArgument for the wrong number of pixels or no image data.
    ImageExplanation explainImage(const std::vector<float>& ink, int explained);

    const SessionSetup& setup() const { return m_setup; }
    Sequential& model() { return *m_model; }
    const Sequential& model() const { return *m_model; }
    // Where the steps run (Trainer::setDevice), kept for the sessions loaded after it. Throws
    // Unsupported saying why a GPU cannot be used, and changes nothing then.
    void setDevice(const DeviceId& device);
    DeviceId device() const { return m_device; }
    // Why the last load trained on the CPU although a GPU was chosen ("" when it did not).
    const Message& deviceFallback() const { return m_deviceFallback; }
    // Where the last load changed the network's output or loss to fit the data
    // (SessionSetup::fitOutputs): the layers and loss it was asked for; setup() holds those it
    // chose. The window applies the fit only if it still shows what it asked for.
    struct RequestedOutputs {
        std::vector<LayerSpec> layers;
        LossKind loss = LossKind::CrossEntropy;
    };
    const std::optional<RequestedOutputs>& outputsFitted() const { return m_outputsFitted; }

    Trainer& trainer() { return *m_trainer; }
    const Trainer& trainer() const { return *m_trainer; }
    const Dataset& trainData() const { return m_data->train; }
    const Dataset* testData() const { return m_data->test.size() > 0 ? &m_data->test : nullptr; }
    // 2-D points of toy or CSV data: the plane maps are drawn, and these are the points on it.
    bool planar() const { return m_planar; }
    const std::shared_ptr<const std::vector<PlanePoint>>& points() const { return m_points; }
    // Image data (samples [1, side, side]): the side; 0 otherwise.
    int imageSide() const { return m_imageSide; }
    // The input features' names of 2-D data ("x1", "sin x1", ...).
    std::vector<std::string> featureNames() const;

private:
    void adoptRecording(SavedRecording recording, const RunPosition& position, Message& leftOut);
    void install(const SessionSetup& setup, std::unique_ptr<Sequential> model,
                 const LoadedModel* saved, std::optional<RunPosition> position);
    void onStep(const StepReport& report);
    void recordTrajectory(); // the landscape's principal directions come from these points
    void scheduleRestarted();
    PlaneMaps planeMapsOf(const Sequential& model, int grid) const;
    void shareBudget(); // between this run's recording and the earlier run's
    Batch checkBatch() const;
    Batch landscapeBatch() const;

    SessionSetup m_setup;
    std::unique_ptr<Split> m_data;
    std::unique_ptr<Sequential> m_model;
    std::unique_ptr<Trainer> m_trainer;
    DeviceId m_device;
    Message m_deviceFallback;
    Message m_openNote;
    std::vector<LessonAnswer> m_openedAnswers;
    std::optional<RequestedOutputs> m_outputsFitted;
    bool m_planar = false;
    std::shared_ptr<const std::vector<PlanePoint>> m_points;
    int m_imageSide = 0;
    bool m_collectLayerStats = true; // the detectors read them
    std::unique_ptr<RunWatch> m_watch;
    Recorder m_recorder;
    std::size_t m_recordingBudget = Recorder::kDefaultBudget;
    struct Earlier; // its own network and trainer, on this session's data, and its recording
    std::unique_ptr<Earlier> m_earlier;
    bool m_replaying = false; // seek(): no recording, observers or detectors
    bool m_recording = true;
    bool recordingHere() const; // on, and the steps run on the CPU
    // Runs steps() (the trainer's steps) with what every step of the session needs around it:
    // back to the run's end first, the recording kept on an error, the path and the schedule's
    // end after.
    template <class Steps> void stepping(const Steps& steps);
    void noticeScheduleEnd(); // sets the pending notice when the schedule has just ended
    Trainer::StepObserver m_stepObserver;
    Trainer::EpochObserver m_epochObserver;
    // The schedule's end is reported once per schedule run (until its origin moves).
    bool m_scheduleEndNoticed = false;
    bool m_scheduleEndPending = false;
    // Landscape: the plane drawn, and the path's points (thinned as it grows).
    std::unique_ptr<LandscapePlane> m_plane;
    int m_landscapeId = 0;
    std::vector<std::vector<Scalar>> m_trajectory;
    long m_trajectoryEvery = 1, m_lastTrajectoryStep = -1;
};

} // namespace gs
