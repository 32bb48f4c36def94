// The training worker: drives a TrainingSession (the engine's: data, model, trainer, probes,
// files) in its own QThread. It is driven only through queued slot calls, so training never
// blocks the GUI (Qt's worker pattern); it paces the steps and copies the session's results
// into immutable snapshots, at most ~30 a second while playing and one after every single
// step, epoch step, reset or edit.
//
// Playing at full speed runs steps in chunks of about 10 ms; between chunks the thread's event
// loop delivers pause, learning-rate changes and edits, which therefore take effect without a
// reset. At a set speed (setStepsPerSecond) a timer paces the steps evenly in time; at 30 steps
// a second or slower every step is published, so a class sees each step's change.
//
// Play pauses once where the learning-rate schedule runs its course and says so (notice()):
// no preset ends its own learning silently.
#pragma once

#include "Snapshot.h"
#include "ThreadHandOff.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace gs::ui {

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(QObject* parent = nullptr);
    ~TrainingWorker() override;

    // The window calls this (from its thread) when it has drawn a snapshot. While playing, the
    // worker sends no new snapshot until then, so a slow screen gets fewer, fresher snapshots
    // instead of a growing queue.
    void acknowledge() { m_awaitingAck = false; }
    // Called from the window's thread while long work runs: a loss landscape stops at the next
    // row and changes nothing; Step epoch and stepMany() stop at the next step and keep the
    // steps taken. Either emits cancelled().
    void cancelLongWork() { m_cancel = true; }
    // Called from the window's thread just before it asks for long work, so that a Cancel
    // pressed while the request waits in the queue is not forgotten.
    void beginLongWork() { m_cancel = false; }
    // Called from the window's thread when it closes: steps stop at the next one, long work at
    // its next row, so that the thread can be joined at once.
    void stop() {
        m_stopping = true;
        m_cancel = true;
    }

    // Resolution of the maps over the input plane.
    static constexpr int kGrid = 48;
    // Image data: test samples in the confusion matrix, and digits shown.
    static constexpr Index kImageEvalSamples = 1000;
    static constexpr int kDigitsShown = 32;
    // Bins of each histogram in the distributions view.
    static constexpr int kHistogramBins = 40;
    // Play's speed at or below which every step is published.
    static constexpr double kEveryStepSpeed = 30;
    static constexpr int kAckWaitMs = 250;

public slots:
    // Builds data, model and trainer from the setup; emits loaded() or failed().
    void load(const gs::ui::SessionSetup& setup);
    void play();
    // Stops Play; with the graph view open, the last step before stopping is traced for it.
    void pause();
    void stepBatch();
    void stepEpoch();
    void stepMany(long steps);
    // On to step `step` of the run (from its end): nothing where it stands there or past it.
    // False where it did not get there: cancelled, failed, or no session.
    bool stepTo(long step);
    // The timeline: every view to recorded step `step` (TrainingSession::seek); pauses Play.
    // Play, Step and live changes go back to the run's end first.
    void seek(qint64 step);
    // A branch at the step shown (TrainingSession::branch): branched() says so.
    void branch();
    // The recording's memory budget (engine/train/Recorder.h); at least 1 MB.
    void setRecordingBudget(qint64 bytes);
    // Recording on (the default) or off (gradscope-bench-gui measures what it costs).
    void setRecording(bool on) { m_session.setRecording(on); }
    // One step, written down as it runs (forward, loss, backward, update): emits traced().
    // With oneSample, the step is taken on training sample `sample` alone, by a copy of the
    // network and optimizer: the session itself does not move.
    void traceStep(bool oneSample = false, int sample = 0);
    // Autodiff against central differences on the next batch, without training: emits checked().
    void checkGradients();
    // One entry of one parameter ("0.weight", flat index), on the next batch: emits checked().
    void checkGradientEntry(const QString& parameter, qint64 index);
    // An interior node: the output of layer `layer` (the Sequential's index), entry `index`
    // (−1: the largest gradient), nudged itself by ±ε: emits checked().
    void checkNodeGradient(int layer, qint64 index);
    // The loss on a plane through the current weights (random filter-normalised directions, or
    // the path's principal directions), `resolution`² points over ±span: emits landscapeReady().
    // Snapshots then carry where the weights are on that plane.
    void computeLandscape(bool principal, int resolution, double span);
    // While on, Play traces a step every quarter second for the computation-graph view
    // (graphTraced()), and Step and stepMany() trace their last step.
    void setGraphLive(bool live);
    // While on (the compare view is shown), snapshots carry the earlier run at their step
    // (Snapshot::earlier) and the weight difference; turned on, one is published at once.
    void setCompareLive(bool live);
    // New weights from the seed, fresh optimizer state, empty history.
    void reset();
    // Live: keeps optimizer state when the kind is unchanged. config.learningRate is the base
    // rate: a new one becomes the rate in effect now, and the schedule continues from there.
    void setOptimizer(const gs::OptimizerConfig& config);
    // Live: a different schedule starts at the current epoch from the base rate.
    void setSchedule(const gs::Schedule& schedule);
    // Play's speed: 0 (or anything not positive) is full speed, the default. At a set speed
    // the steps come evenly in time; at kEveryStepSpeed or slower each one is published, and
    // the next waits (up to kAckWaitMs) until the window has drawn it.
    void setStepsPerSecond(double stepsPerSecond);
    void setRegularization(double l1, double l2);
    // "cpu", "cuda:N": where the steps run from the next one on; deviceChanged says so, or
    // failed says why not.
    void setDevice(const QString& device);
    void setWeight(int layer, int out, int in, double value);
    // Sessions (.gradscope): the history comes from the window, which keeps it. Opening
    // builds everything before replacing the current session, which a bad file leaves alone.
    void saveSession(const QString& path, const gs::MetricsHistory& history,
                     const std::vector<gs::LessonAnswer>& answers = {});
    void openSession(const QString& path);
    // A model file (.json) or an ONNX model (.onnx) with its weights, under the experiment
    // experimentForModel() gives it (engine/train/Experiment.h); sessionOpened() or failed().
    void openModel(const QString& path);
    // The session's model (File › Export model): 0 a PyTorch program, 1 one for torchrun, 2 an
    // ONNX model, 3 a Keras program and TensorFlow.js model (MainWindow::ModelFormat);
    // exported() with the files written, or failed().
    void exportModel(const QString& path, int format);
    // A picture drawn in the draw-a-digit view, classified with the saliency of class
    // `explained` (−1: the predicted one): drawingExplained() always, with null where the
    // session has no images of that size (and after failed(), where the engine refused).
    void explainDrawing(const std::vector<float>& ink, int explained);

signals:
    // Long work (a loss landscape): how far it is, and that it was cancelled.
    void progress(int done, int total);
    // Step epoch and stepMany() that run for more than a quarter of a second: steps done of
    // the total, ten times a second (the window shows it with a Cancel button).
    void steppingProgress(qint64 done, qint64 total);
    void cancelled(const QString& message);
    void loaded(gs::ui::SnapshotPtr snapshot);
    // After load()'s loaded() or failed(): whether the session it asked for is there.
    void loadAnswered(bool ok);
    void snapshotReady(gs::ui::SnapshotPtr snapshot);
    void failed(const QString& message);
    // A detector saw something go wrong in the run (train/Detectors.h): once per kind a run.
    void found(gs::ui::FindingPtr finding);
    // The run now ends at `step`: what came after it is gone (a branch).
    void branched(qint64 step);
    // Training stopped on a divergence (a TrainingError) after `step`, the last one taken.
    void trainingStopped(qint64 step, const QString& message);
    void runningChanged(bool running);
    void deviceChanged(const QString& device);
    void sessionSaved(const QString& path);
    void exported(const QStringList& files);
    void traced(gs::ui::StepTracePtr trace);
    void checked(gs::ui::GradientCheckPtr check);
    void landscapeReady(gs::ui::LandscapePtr landscape);
    void graphTraced(gs::ui::StepTracePtr trace);
    // After loaded(): what the window needs to show the opened session's settings and history.
    void sessionOpened(gs::ui::OpenedSessionPtr session);
    void drawingExplained(gs::ui::DrawingPtr drawing);
    // Something the user should know that is not an error, in plain words: Play paused because
    // the schedule has run its course, or Play did not start because η is (almost) 0.
    void notice(const QString& message);

private:
    // Emits `signal` to the window's thread, holding a HandOffLock (ThreadHandOff.h) while Qt
    // queues it.
    template <class... Params, class... Args>
    void send(void (TrainingWorker::*signal)(Params...), Args&&... args) {
        const HandOffLock handOff(m_windowThread);
        (this->*signal)(std::forward<Args>(args)...);
    }
    // What failed() says for an error: the whole sentence around the error's message (in the
    // current language), or the message alone when empty.
    using FailureText = std::function<QString(const QString& message)>;
    // Runs `load` (a TrainingSession load or open) and sets up a fresh view of the new session;
    // false after an error, reported as failure(message).
    template <class Load> bool install(Load&& load, const FailureText& failure = {});
    void stopRunning(); // Play stops here, without a snapshot
    void halt();        // Play stops here, with a snapshot (before other work)
    // Shown at an earlier step: back to the run's end (with a snapshot). False after an error.
    bool toEnd();
    void startPlayLoop();                // (re)starts Play's loop at the current speed
    void runChunk(quint64 generation);   // full speed
    void queueChunk(quint64 generation); // the next one, behind the window's calls
    void paceTick();                     // at a set speed
    void measureSpeed();
    bool pauseAtScheduleEnd(); // true if the schedule's end was reached (and reported)
    void reportScheduleEnd();
    QString scheduleEndText() const;
    QString learningStoppedText() const;
    // Steps while `keepGoing` holds and no error occurs; false after an error (reported).
    template <class Pred> bool stepWhile(Pred&& keepGoing, StepTrace* trace = nullptr);
    // stepWhile() for Step epoch and stepMany(): up to `total` steps, with progress reports and
    // Cancel. Returns false after a failure.
    template <class Pred> bool stepLong(Pred&& keepGoing, long total);
    void reportCancelled();
    bool stepOnce(StepTrace* trace = nullptr); // one step (written down with a trace)
    // Runs a probe of the session; an exception becomes failed(failure(message)).
    template <class Probe> bool attempt(Probe&& probe, const FailureText& failure = {});
    void publish(bool first = false);
    SnapshotPtr makeSnapshot(bool first); // first: the snapshot of a new session
    bool graphTraceDue() const;
    void emitGraphTrace(std::shared_ptr<StepTrace> trace);
    void fillOptimizerState(Snapshot& s) const;
    void fillEarlier(Snapshot& s);
    void stopWithError(const QString& message);

    TrainingSession m_session;
    const QThread* const m_windowThread; // where it was made: its signals go there
    bool m_running = false;
    // Play's loop: the generation tells a queued chunk of an earlier loop to stop.
    quint64 m_playGeneration = 0;
    double m_stepsPerSecond = 0;
    QTimer* m_paceTimer = nullptr;
    qint64 m_paceStartNs = 0; // paced: step k of this run is due at m_paceStartNs + k / speed
    long m_pacedSteps = 0;
    qint64 m_lastPublishNs = 0;
    ImageEvaluation m_imageView; // the last evaluation of image data
    QElapsedTimer m_sinceImageEval;
    bool m_imageViewStale = true;
    QElapsedTimer m_clock;      // since the worker was made
    qint64 m_nextPublishNs = 0; // playing: when the next snapshot is due, on m_clock
    std::atomic<bool> m_awaitingAck{false};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_stopping{false};
    // Reported since the last snapshot.
    std::vector<std::pair<long, double>> m_pendingLosses;
    std::vector<EpochReport> m_pendingEpochs;
    std::vector<std::pair<long, std::vector<LayerStats>>> m_pendingStats;
    double m_samplesPerSecond = 0;
    // The computation-graph view.
    bool m_graphLive = false;
    bool m_compareLive = false;
    QElapsedTimer m_sinceGraphTrace;
    long m_graphStep = -1;   // the step the graph's last trace was of
    QString m_cancelledText; // a Cancel of long stepping, said once the stepping is over
    QElapsedTimer m_sinceRate;
    long m_stepsSinceRate = 0;
};

} // namespace gs::ui
