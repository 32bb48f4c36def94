#include "TrainingWorker.h"

#include <QFileInfo>

#include "io/Session.h"

#include "Language.h"
#include "TensorText.h"
#include "core/Errors.h"
#include "io/Session.h"

#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

std::vector<float> toFloats(const Tensor& t) {
    return {t.data(), t.data() + t.numel()};
}

constexpr qint64 kChunkNs = 10'000'000;       // playing: steps per event-loop turn
constexpr qint64 kWaitingChunkNs = 2'000'000; // while the window draws the last snapshot
constexpr qint64 kPublishNs = 33'333'333;     // 30 snapshots a second while playing
constexpr qint64 kMsNs = 1'000'000;
constexpr int kAckPollMs = 5; // paced slowly: how often to look whether the window has drawn
constexpr double kCheckEpsilon = 1e-2;
constexpr Index kCheckedPerParameter = 200;

QString rateText(double rate) {
    return QString::number(rate, 'g', 3);
}

// An exception's message in the current language: an engine error's translated, any other's as
// it is.
QString errorText(const std::exception& e) {
    if (const auto* error = dynamic_cast<const gs::Error*>(&e)) return translated(*error);
    return QString::fromStdString(e.what());
}

} // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
    , m_windowThread(thread())
    , m_paceTimer(new QTimer(this)) {
    qRegisterMetaType<gs::Schedule>();
    qRegisterMetaType<gs::ui::FindingPtr>();
    m_clock.start();
    m_paceTimer->setSingleShot(true);
    m_paceTimer->setTimerType(Qt::PreciseTimer);
    connect(m_paceTimer, &QTimer::timeout, this, &TrainingWorker::paceTick);
    m_session.setCollectLayerStats(true);
    m_session.setStepObserver([this](const StepReport& r) {
        m_pendingLosses.emplace_back(r.step, r.batchLoss);
        m_pendingStats.emplace_back(r.step, r.layers);
    });
    m_session.setEpochObserver([this](const EpochReport& r) { m_pendingEpochs.push_back(r); });
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::stopRunning() {
    if (!m_running) return;
    m_running = false;
    ++m_playGeneration;
    m_paceTimer->stop();
    send(&TrainingWorker::runningChanged, false);
}

template <class Load> bool TrainingWorker::install(Load&& load, const FailureText& failure) {
    stopRunning();
    try {
        load(); // a failure keeps the previous session
    } catch (const std::exception& e) {
        send(&TrainingWorker::failed, failure ? failure(errorText(e)) : errorText(e));
        return false;
    }
    m_pendingLosses.clear();
    m_pendingEpochs.clear();
    m_pendingStats.clear();
    m_graphStep = -1;
    m_samplesPerSecond = 0;
    m_imageViewStale = true;
    publish(true);
    if (!m_session.deviceFallback().empty()) {
        send(&TrainingWorker::deviceChanged, QStringLiteral("cpu"));
        send(&TrainingWorker::notice,
             //: %1: why the GPU could not take the network (the engine's message).
             TrainingWorker::tr("This network trains on the CPU: the GPU could not take it (%1).")
                 .arg(translated(m_session.deviceFallback())));
    }
    return true;
}

void TrainingWorker::load(const SessionSetup& setup) {
    send(&TrainingWorker::loadAnswered, install([&] { m_session.load(setup); }));
}

void TrainingWorker::reset() {
    if (!m_session.loaded()) return;
    install([&] { m_session.reset(); });
}

void TrainingWorker::saveSession(const QString& path, const gs::MetricsHistory& history,
                                 const std::vector<gs::LessonAnswer>& answers) {
    // A session keeps the whole run: shown at an earlier step, it goes back to the end first.
    if (!m_session.loaded() || !toEnd()) return;
    if (!attempt([&] { m_session.save(path.toStdString(), history, answers); },
                 [](const QString& message) {
                     //: %1: why (an error message).
                     return tr("Could not save the session: %1").arg(message);
                 }))
        return;
    send(&TrainingWorker::sessionSaved, path);
}

void TrainingWorker::openModel(const QString& path) {
    const std::string dataDir = m_session.loaded() && !m_session.setup().dataDir.empty()
                                    ? m_session.setup().dataDir
                                    : defaultDataDir();
    auto opened = std::make_shared<OpenedSession>();
    if (!install(
            [&] {
                LoadedModel model = loadModelOrSession(path.toStdString());
                const bool current = m_session.loaded();
                SessionSetup setup;
                setup.experiment =
                    experimentForModel(model, current ? &m_session.setup().experiment : nullptr,
                                       current ? m_session.trainData().sampleShape() : Shape{});
                setup.dataDir = dataDir;
                m_session.load(setup, std::move(model));
            },
            [&path](const QString& message) {
                //: %1: a file's name; %2: why (an error message).
                return tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), message);
            }))
        return;
    opened->experiment = m_session.setup().experiment;
    opened->path = path;
    opened->model = true;
    send(&TrainingWorker::sessionOpened, opened);
}

void TrainingWorker::explainDrawing(const std::vector<float>& ink, int explained) {
    // Always an answer (null where there is nothing to explain: the session has no images, or
    // not this drawing's size, since the request was sent), so that the window asks again.
    std::shared_ptr<Drawing> drawing;
    if (m_session.loaded() && m_session.imageSide() > 0 &&
        ink.size() == std::size_t(m_session.imageSide()) * std::size_t(m_session.imageSide())) {
        try {
            drawing = std::make_shared<Drawing>(m_session.explainImage(ink, explained));
        } catch (const std::exception& e) {
            send(&TrainingWorker::failed, errorText(e));
            drawing.reset();
        }
    }
    send(&TrainingWorker::drawingExplained, DrawingPtr(drawing));
}

void TrainingWorker::exportModel(const QString& path, int format) {
    // The run's model, at its end (as File › Save keeps it).
    if (m_session.loaded() && m_session.inPast()) {
        if (!attempt([&] { m_session.seekEnd(); })) return;
        publish();
    }
    if (!m_session.loaded()) return;
    std::vector<std::string> written;
    if (!attempt(
            [&] {
                if (format == 2) {
                    m_session.exportOnnx(path.toStdString());
                    written.push_back(path.toStdString());
                } else if (format == 3) {
                    written = m_session.exportKeras(path.toStdString());
                } else {
                    written = m_session.exportPytorch(path.toStdString(), format == 1);
                }
            },
            [](const QString& message) {
                //: %1: why (an error message).
                return tr("Could not export the model: %1").arg(message);
            }))
        return;
    QStringList files;
    for (const std::string& f : written)
        files.append(QString::fromStdString(f));
    send(&TrainingWorker::exported, files);
}

void TrainingWorker::openSession(const QString& path) {
    const std::string dataDir = m_session.loaded() && !m_session.setup().dataDir.empty()
                                    ? m_session.setup().dataDir
                                    : defaultDataDir();
    MetricsHistory history;
    if (!install([&] { history = m_session.open(path.toStdString(), dataDir); },
                 [](const QString& message) {
                     //: %1: why (an error message).
                     return tr("Could not open the session: %1").arg(message);
                 }))
        return;
    auto opened = std::make_shared<OpenedSession>();
    opened->experiment = m_session.setup().experiment;
    opened->features = m_session.setup().features;
    opened->history = std::move(history);
    opened->path = path;
    opened->lessonAnswers = m_session.openedLessonAnswers();
    send(&TrainingWorker::sessionOpened, opened);
    // The file's timeline recording did not fit its weights: opened without it.
    if (!m_session.openNote().empty())
        send(&TrainingWorker::notice, translated(m_session.openNote()));
}

template <class Probe> bool TrainingWorker::attempt(Probe&& probe, const FailureText& failure) {
    try {
        probe();
    } catch (const std::exception& e) {
        send(&TrainingWorker::failed, failure ? failure(errorText(e)) : errorText(e));
        return false;
    }
    return true;
}

void TrainingWorker::play() {
    if (!m_session.loaded() || m_running) return;
    if (m_session.trainer().learningStopped()) {
        // Play would spin with nothing changing: say why instead.
        send(&TrainingWorker::notice, learningStoppedText());
        return;
    }
    m_running = true;
    m_nextPublishNs = m_clock.nsecsElapsed() + kPublishNs;
    m_stepsSinceRate = 0;
    m_sinceRate.restart();
    send(&TrainingWorker::runningChanged, true);
    startPlayLoop();
}

void TrainingWorker::halt() {
    if (!m_running) return;
    stopRunning();
    publish();
}

void TrainingWorker::pause() {
    if (!m_running) return;
    stopRunning();
    // While playing, the graph is traced at most four times a second, so at full speed it lags
    // the model by many steps: the last step before the pause is traced for it, and the graph
    // then shows the weights the other views show.
    if (m_graphLive && m_graphStep != m_session.trainer().steps() &&
        !m_session.trainer().learningStopped() && !m_session.scheduleEndReached()) {
        auto trace = std::make_shared<StepTrace>();
        if (stepOnce(trace.get())) emitGraphTrace(std::move(trace));
    }
    publish();
    reportScheduleEnd();
}

void TrainingWorker::setStepsPerSecond(double stepsPerSecond) {
    m_stepsPerSecond = std::isfinite(stepsPerSecond) && stepsPerSecond > 0 ? stepsPerSecond : 0;
    if (m_running) startPlayLoop();
}

void TrainingWorker::startPlayLoop() {
    const quint64 generation = ++m_playGeneration;
    m_paceTimer->stop();
    m_paceStartNs = m_clock.nsecsElapsed();
    m_pacedSteps = 0;
    if (m_stepsPerSecond > 0)
        paceTick(); // the first step at once
    else
        queueChunk(generation);
}

template <class Pred> bool TrainingWorker::stepWhile(Pred&& keepGoing, StepTrace* trace) {
    try {
        if (trace) {
            while (!m_stopping && keepGoing()) {
                m_session.step(trace);
                if (m_running && m_session.scheduleEndReached()) break; // Play pauses there
            }
        } else {
            // The same steps, asked for one by one; on a GPU the model comes back to the host
            // once, when they end (a chunk of Play ends at the next snapshot).
            bool first = true;
            m_session.stepWhile([&] {
                if (!first && m_running && m_session.scheduleEndReached()) return false;
                first = false;
                return !m_stopping && keepGoing();
            });
        }
    } catch (const std::exception& e) {
        if (dynamic_cast<const TrainingError*>(&e))
            send(&TrainingWorker::trainingStopped, qint64(m_session.trainer().steps()),
                 errorText(e));
        stopWithError(errorText(e));
        return false;
    }
    return true;
}

template <class Pred> bool TrainingWorker::stepLong(Pred&& keepGoing, long total) {
    QElapsedTimer clock;
    clock.start();
    const long start = m_session.trainer().steps();
    qint64 nextReportMs = 250; // short work shows no progress at all
    bool cancelled = false;
    const bool ok = stepWhile([&] {
        if (m_cancel) {
            cancelled = true;
            return false;
        }
        if (clock.elapsed() >= nextReportMs) {
            send(&TrainingWorker::steppingProgress, qint64(m_session.trainer().steps() - start),
                 qint64(total));
            nextReportMs = clock.elapsed() + 100;
        }
        return keepGoing();
    });
    if (ok && cancelled)
        m_cancelledText =
            TrainingWorker::tr("Stopped after %1 of %2 steps; the steps taken are kept.")
                .arg(m_session.trainer().steps() - start)
                .arg(total);
    return ok;
}

// Said last, after the schedule's notice: what the user asked for is what the notice shows.
void TrainingWorker::reportCancelled() {
    if (!m_cancelledText.isEmpty())
        send(&TrainingWorker::cancelled, std::exchange(m_cancelledText, {}));
}

void TrainingWorker::stopWithError(const QString& message) {
    stopRunning();
    publish();
    send(&TrainingWorker::failed, message);
}

void TrainingWorker::runChunk(quint64 generation) {
    if (!m_running || !m_session.loaded() || generation != m_playGeneration) return;
    QElapsedTimer chunk;
    chunk.start();
    const long before = m_session.trainer().steps();
    // Ends at the chunk's length or at the next snapshot's due time, whichever comes first, so
    // that snapshots go out every kPublishNs rather than at the next chunk boundary after it.
    // The due times keep a fixed cadence: one that goes out late (the window was busy) makes
    // the next one sooner, so that 30 a second are sent on average, never more.
    const qint64 due = std::max<qint64>(0, m_nextPublishNs - m_clock.nsecsElapsed());
    // While the window is still drawing, short chunks: the next snapshot goes out soon after
    // it is free.
    const qint64 length = m_awaitingAck ? kWaitingChunkNs : std::min(kChunkNs, due);
    if (graphTraceDue()) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        emitGraphTrace(std::move(trace));
    }
    if (!m_session.scheduleEndReached() && !stepWhile([&] {
            return chunk.nsecsElapsed() < length && !m_session.scheduleEndReached();
        }))
        return;
    if (pauseAtScheduleEnd()) return;
    m_stepsSinceRate += m_session.trainer().steps() - before;
    if (m_clock.nsecsElapsed() >= m_nextPublishNs && !m_awaitingAck) {
        measureSpeed();
        publish();
    }
    queueChunk(generation);
}

// Play's next chunk, queued behind whatever the window has asked for meanwhile. Queued under a
// HandOffLock: the window queues calls into the same queue (ThreadHandOff.h).
void TrainingWorker::queueChunk(quint64 generation) {
    const HandOffLock handOff(thread());
    QMetaObject::invokeMethod(
        this, [this, generation] { runChunk(generation); }, Qt::QueuedConnection);
}

// Samples per second of wall time while playing (snapshots and evaluation included).
void TrainingWorker::measureSpeed() {
    const double seconds = double(m_sinceRate.nsecsElapsed()) * 1e-9;
    if (seconds > 0.25) {
        m_samplesPerSecond =
            double(m_stepsSinceRate) * double(m_session.trainer().config().batchSize) / seconds;
        m_stepsSinceRate = 0;
        m_sinceRate.restart();
    }
}

// Play at a set speed: step k of the run is due at k / speed seconds after it began. A timer
// wakes the thread when the next step is due (no busy wait); slowly, every step is published
// and the next one waits until the window has drawn it (for at most kAckWaitMs). Falling
// behind (a slow machine, a speed beyond it) starts the count afresh instead of bursting.
void TrainingWorker::paceTick() {
    if (!m_running || !m_session.loaded() || m_stepsPerSecond <= 0) return;
    const double speed = m_stepsPerSecond;
    const bool everyStep = speed <= kEveryStepSpeed;
    qint64 now = m_clock.nsecsElapsed();
    if (everyStep && m_awaitingAck && now - m_lastPublishNs < kAckWaitMs * kMsNs) {
        m_paceTimer->start(kAckPollMs);
        return;
    }
    const auto dueBy = [&](qint64 t) { return long(double(t - m_paceStartNs) * 1e-9 * speed) + 1; };
    long due = dueBy(now);
    if (due - m_pacedSteps > std::max(1L, long(speed / 10))) { // a tenth of a second behind
        m_paceStartNs = now - qint64(double(m_pacedSteps) / speed * 1e9);
        due = m_pacedSteps + 1;
    }
    const long before = m_session.trainer().steps();
    QElapsedTimer turn;
    turn.start();
    const long target = everyStep ? m_pacedSteps + 1 : due;
    if (m_pacedSteps < target && graphTraceDue()) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        ++m_pacedSteps;
        emitGraphTrace(std::move(trace));
    }
    if (!m_session.scheduleEndReached() && !stepWhile([&] {
            if (m_pacedSteps >= target || m_session.scheduleEndReached() ||
                turn.nsecsElapsed() >= kChunkNs)
                return false;
            ++m_pacedSteps;
            return true;
        }))
        return;
    if (pauseAtScheduleEnd()) return;
    m_stepsSinceRate += m_session.trainer().steps() - before;
    measureSpeed();
    now = m_clock.nsecsElapsed();
    if (everyStep || (now >= m_nextPublishNs && !m_awaitingAck)) publish();
    const qint64 nextDue = m_paceStartNs + qint64(double(m_pacedSteps) / speed * 1e9);
    const qint64 waitNs = std::max<qint64>(0, nextDue - m_clock.nsecsElapsed());
    // Above 100 steps a second several steps share a 10 ms turn: snapshots go out at 30 a
    // second at most, so finer timing would not show.
    m_paceTimer->start(int(std::max<qint64>(everyStep ? 0 : 10, (waitNs + kMsNs - 1) / kMsNs)));
}

// Play reached the end of the schedule: it pauses there and says so, once.
bool TrainingWorker::pauseAtScheduleEnd() {
    if (!m_session.scheduleEndReached()) return false;
    stopRunning();
    publish();
    reportScheduleEnd();
    return true;
}

void TrainingWorker::reportScheduleEnd() {
    if (!m_session.takeScheduleEnd()) return;
    send(&TrainingWorker::notice, scheduleEndText());
}

QString TrainingWorker::scheduleEndText() const {
    const Schedule& schedule = m_session.trainer().config().schedule;
    const double rate = m_session.trainer().learningRate();
    const int epoch = m_session.trainer().epoch();
    if (!m_session.trainer().learningStopped())
        //: %2: the schedule's name as the toolbar lists it (step, exponential, cosine, …);
        //: %3: the learning rate η now.
        return tr("Epoch %1: the %2 schedule has run its course; η stays at %3 from now on. "
                  "Press Play to go on at that rate, or choose another schedule or raise η.")
            .arg(epoch)
            .arg(QString::fromUtf8(scheduleKindName(schedule.kind)))
            .arg(rateText(rate));
    if (schedule.kind == ScheduleKind::Cosine)
        return tr("Epoch %1: the cosine schedule has brought η down to %2, so training stopped. "
                  "To go on, choose the constant schedule (η stays where you set it) or type a new "
                  "η (the "
                  "schedule starts again from it), or Reset.")
            .arg(epoch)
            .arg(rateText(rate));
    //: %2: the schedule's name as the toolbar lists it (step, exponential, …); %3: η now;
    //: %4: the η it started from.
    return tr("Epoch %1: the %2 schedule has brought η down to %3, under a thousandth of the %4 "
              "it started from, so training stopped. To go on, choose the constant schedule (η "
              "stays "
              "where you set it) or type a new η (the schedule starts again from it), or Reset.")
        .arg(epoch)
        .arg(QString::fromUtf8(scheduleKindName(schedule.kind)))
        .arg(rateText(rate))
        .arg(rateText(m_session.trainer().config().optimizer.learningRate));
}

QString TrainingWorker::learningStoppedText() const {
    const Schedule& schedule = m_session.trainer().config().schedule;
    const double rate = m_session.trainer().learningRate();
    if (schedule.kind == ScheduleKind::Constant ||
        m_session.trainer().config().optimizer.learningRate == 0)
        return tr("η is %1, so a step would change nothing and Play has nothing to show. Raise η "
                  "to train.")
            .arg(rateText(rate));
    //: %2: the schedule's name as the toolbar lists it (step, exponential, cosine, …).
    return tr("η is %1: the %2 schedule has brought it down to almost nothing, so Play would "
              "change nothing. To go on, choose the constant schedule or type a new η (the "
              "schedule "
              "starts again from it), or Reset.")
        .arg(rateText(rate))
        .arg(QString::fromUtf8(scheduleKindName(schedule.kind)));
}

bool TrainingWorker::stepOnce(StepTrace* trace) {
    return stepWhile([first = true]() mutable { return std::exchange(first, false); }, trace);
}

void TrainingWorker::seek(qint64 step) {
    if (!m_session.loaded()) return;
    if (m_running) stopRunning(); // dragging the timeline pauses
    // The graph view shows the step's own trace: the last step of the replay is traced.
    auto trace = m_graphLive ? std::make_shared<StepTrace>() : nullptr;
    if (!attempt([&] { m_session.seek(long(step), trace.get()); })) return;
    publish();
    if (trace && !trace->forward.empty()) emitGraphTrace(std::move(trace));
}

void TrainingWorker::branch() {
    if (!m_session.loaded()) return;
    if (m_running) stopRunning();
    if (!m_session.branch()) return;
    send(&TrainingWorker::branched, qint64(m_session.trainer().steps()));
    publish();
}

void TrainingWorker::setRecordingBudget(qint64 bytes) {
    if (!attempt([&] { m_session.setRecordingBudget(std::size_t(bytes)); })) return;
    if (m_session.loaded() && !m_running) publish();
}

void TrainingWorker::stepBatch() {
    if (!m_session.loaded()) return;
    halt();
    if (!m_graphLive) {
        if (stepOnce()) publish();
        reportScheduleEnd();
        return;
    }
    auto trace = std::make_shared<StepTrace>();
    if (!stepOnce(trace.get())) return;
    publish();
    emitGraphTrace(std::move(trace));
    reportScheduleEnd();
}

void TrainingWorker::stepEpoch() {
    if (!m_session.loaded()) return;
    halt();
    if (!toEnd()) return; // the epoch counted from the run's end
    Trainer& trainer = m_session.trainer();
    const int target = trainer.epoch() + 1;
    // With the graph view open, the epoch's last step is traced for it (the step after which
    // the step count is a whole number of epochs).
    const long perEpoch = std::max<long>(1, long(trainer.batchesPerEpoch()));
    const long left = perEpoch - long(trainer.steps() % perEpoch);
    if (!stepLong(
            [&] {
                return trainer.epoch() < target &&
                       (!m_graphLive || (trainer.steps() + 1) % perEpoch != 0);
            },
            left))
        return;
    if (trainer.epoch() < target && !m_cancel) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        emitGraphTrace(std::move(trace));
    }
    publish();
    reportScheduleEnd();
    reportCancelled();
}

bool TrainingWorker::toEnd() {
    if (!m_session.inPast()) return true;
    if (!attempt([&] { m_session.seekEnd(); })) return false;
    publish();
    return true;
}

void TrainingWorker::stepMany(long steps) {
    if (!m_session.loaded()) return;
    halt();
    if (!toEnd()) return; // the steps counted from the run's end
    const long target = m_session.trainer().steps() + steps;
    // With the graph view open, the last step is traced for it.
    const long untraced = m_graphLive ? target - 1 : target;
    if (!stepLong([&] { return m_session.trainer().steps() < untraced; }, steps)) return;
    if (m_session.trainer().steps() < target && !m_cancel) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        emitGraphTrace(std::move(trace));
    }
    publish();
    reportScheduleEnd();
    reportCancelled();
}

bool TrainingWorker::stepTo(long step) {
    if (!m_session.loaded()) return false;
    halt();
    if (!toEnd()) return false;
    const long more = step - m_session.trainer().steps();
    if (more <= 0) return true;
    stepMany(more);
    return !m_cancel && m_session.trainer().steps() >= step;
}

void TrainingWorker::traceStep(bool oneSample, int sample) {
    if (!m_session.loaded()) return;
    halt();
    auto trace = std::make_shared<StepTrace>();
    if (!oneSample) {
        if (!stepOnce(trace.get())) return;
        publish();
        send(&TrainingWorker::traced, trace);
        reportScheduleEnd();
        return;
    }
    if (!attempt([&] { *trace = m_session.traceOneSample(sample); })) return;
    send(&TrainingWorker::traced, trace);
}

void TrainingWorker::checkGradients() {
    if (!m_session.loaded()) return;
    halt();
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = kCheckEpsilon;
    if (!attempt([&] {
            check->entries = m_session.checkGradients(kCheckEpsilon, kCheckedPerParameter);
        }))
        return;
    send(&TrainingWorker::checked, check);
}

void TrainingWorker::checkGradientEntry(const QString& parameter, qint64 index) {
    if (!m_session.loaded()) return;
    halt();
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = kCheckEpsilon;
    check->single = true;
    if (!attempt([&] {
            check->entries.push_back(
                m_session.checkGradientEntry(parameter.toStdString(), index, kCheckEpsilon));
        }))
        return;
    send(&TrainingWorker::checked, check);
}

void TrainingWorker::checkNodeGradient(int layer, qint64 index) {
    if (!m_session.loaded()) return;
    halt();
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = kCheckEpsilon;
    check->single = true;
    check->node = true;
    if (!attempt([&] {
            check->entries.push_back(m_session.checkNodeGradient(layer, index, kCheckEpsilon));
        }))
        return;
    send(&TrainingWorker::checked, check);
}

void TrainingWorker::computeLandscape(bool principal, int resolution, double span) {
    if (!m_session.loaded()) return;
    halt();
    auto result = std::make_shared<Landscape>();
    const auto progress = [this](int done, int total) {
        send(&TrainingWorker::progress, done, total);
        return !m_cancel;
    };
    try {
        *result = m_session.computeLandscape(principal, resolution, span, progress);
    } catch (const Cancelled&) {
        send(&TrainingWorker::cancelled, tr("The loss landscape was cancelled; nothing changed."));
        return;
    } catch (const std::exception& e) {
        send(&TrainingWorker::failed,
             tr("Could not compute the loss landscape: %1").arg(errorText(e)));
        return;
    }
    send(&TrainingWorker::landscapeReady, result);
    publish();
}

bool TrainingWorker::graphTraceDue() const {
    return m_graphLive && (!m_sinceGraphTrace.isValid() || m_sinceGraphTrace.elapsed() >= 250);
}

void TrainingWorker::setGraphLive(bool live) {
    m_graphLive = live;
}

void TrainingWorker::setCompareLive(bool live) {
    const bool turnedOn = live && !m_compareLive;
    m_compareLive = live;
    if (turnedOn && m_session.loaded() && m_session.hasEarlier() && !m_running) publish();
}

void TrainingWorker::emitGraphTrace(std::shared_ptr<StepTrace> trace) {
    m_sinceGraphTrace.restart();
    m_graphStep = m_session.trainer().steps();
    send(&TrainingWorker::graphTraced, std::move(trace));
}

void TrainingWorker::setOptimizer(const OptimizerConfig& config) {
    if (!m_session.loaded()) return;
    if (!attempt([&] { m_session.setOptimizer(config); })) return;
    if (!m_running) publish(); // the rate in effect, on screen
}

void TrainingWorker::setSchedule(const Schedule& schedule) {
    if (!m_session.loaded() || schedule == m_session.trainer().config().schedule) return;
    if (!attempt([&] { m_session.setSchedule(schedule); })) return;
    if (!m_running) publish();
}

void TrainingWorker::setRegularization(double l1, double l2) {
    if (!m_session.loaded()) return;
    Regularization r;
    r.l1 = static_cast<Scalar>(l1);
    r.l2 = static_cast<Scalar>(l2);
    attempt([&] { m_session.setRegularization(r); });
}

void TrainingWorker::setDevice(const QString& device) {
    if (attempt([&] { m_session.setDevice(parseDevice(device.toStdString())); }))
        send(&TrainingWorker::deviceChanged, device);
}

void TrainingWorker::setWeight(int layer, int out, int in, double value) {
    if (!m_session.loaded()) return;
    if (attempt([&] { m_session.setWeight(layer, out, in, value); })) publish();
}

void TrainingWorker::publish(bool first) {
    SnapshotPtr s = makeSnapshot(first);
    for (Finding& f : m_session.takeFindings())
        send(&TrainingWorker::found, std::make_shared<const Finding>(std::move(f)));
    // Next due time: one period on, or one period from now after a long gap (no burst).
    const qint64 now = m_clock.nsecsElapsed();
    m_nextPublishNs =
        now > m_nextPublishNs + kPublishNs ? now + kPublishNs : m_nextPublishNs + kPublishNs;
    m_awaitingAck = true;
    m_lastPublishNs = now;
    if (first)
        send(&TrainingWorker::loaded, s);
    else
        send(&TrainingWorker::snapshotReady, s);
}

void TrainingWorker::fillOptimizerState(Snapshot& s) const {
    const Trainer& trainer = m_session.trainer();
    const Optimizer& optimizer = trainer.optimizer();
    s.optimizer = translated(optimizerLabel(optimizer.config())).toStdString();
    s.rule = updateRule(optimizer.config());
    s.learningRate = trainer.learningRate();
    s.baseLearningRate = trainer.config().optimizer.learningRate;
    s.schedule = trainer.config().schedule;
    s.scheduleText = describeSchedule(s.schedule);
    s.scheduleEpoch = trainer.scheduleEpoch();
    s.scheduleEnded = trainer.scheduleEnded();
    s.stepsPerSecond = m_stepsPerSecond;
    s.optimizerSteps = optimizer.steps();
    for (std::size_t i = 0; i < optimizer.parameters().size(); ++i) {
        const Parameter& p = *optimizer.parameters()[i];
        const OptimizerState& state = optimizer.state(i);
        ParameterState ps;
        ps.name = p.name;
        ps.shape = p.value.shape().str();
        ps.weightNorm = tensorNorm(p.value);
        ps.gradNorm = tensorNorm(p.grad);
        ps.updateNorm = tensorNorm(state.lastUpdate);
        ps.ratio = ps.weightNorm > 0 ? ps.updateNorm / ps.weightNorm : 0;
        for (const auto& [name, buffer] : state.buffers) {
            double sumAbs = 0;
            for (Index k = 0; k < buffer.numel(); ++k)
                sumAbs += std::abs(double(buffer[k]));
            ps.buffers.push_back({name, tensorNorm(buffer),
                                  buffer.numel() > 0 ? sumAbs / double(buffer.numel()) : 0});
        }
        s.parameters.push_back(std::move(ps));
    }
}

SnapshotPtr TrainingWorker::makeSnapshot(bool first) {
    const Trainer& trainer = m_session.trainer();
    const Sequential& model = m_session.model();
    auto s = std::make_shared<Snapshot>();
    s->columnNames = m_session.trainData().columnNames;
    s->step = trainer.steps();
    s->recordedFirst = m_session.recorder().first();
    s->recordedLast = m_session.recorder().last();
    s->inPast = m_session.inPast();
    s->recordingBytes = m_session.recordingBytes();
    s->recordingBudget = m_session.recordingBudget();
    s->recordingInterval = m_session.recorder().interval();
    s->epoch = trainer.epoch();
    const long perEpoch = long(trainer.batchesPerEpoch());
    s->batchesPerEpoch = perEpoch;
    s->batchInEpoch = perEpoch > 0 ? s->step % perEpoch : 0;
    s->samplesPerSecond = m_running ? m_samplesPerSecond : 0;
    s->running = m_running;
    s->stepLosses = std::exchange(m_pendingLosses, {});
    s->epochs = std::exchange(m_pendingEpochs, {});
    s->layerStats = std::exchange(m_pendingStats, {});
    s->regression = !m_session.trainData().isClassification();
    s->dataClasses = m_session.trainData().classes;
    if (const auto& requested = m_session.outputsFitted(); first && requested)
        s->fitted = std::make_shared<const Snapshot::FittedNetwork>(
            Snapshot::FittedNetwork{requested->layers, m_session.setup().experiment.layers,
                                    requested->loss, m_session.setup().experiment.train.loss});
    s->points = m_session.points();

    const auto& layers = model.layers();
    const auto& params = trainer.optimizer().parameters();
    const auto updateOf = [&](const Parameter* p) {
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i] == p) return toFloats(trainer.optimizer().state(i).lastUpdate);
        return std::vector<float>{};
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].kind != LayerKind::Linear) continue;
        DenseLayer d;
        d.layer = static_cast<int>(i);
        const Parameter* w = model.weight(d.layer);
        const Parameter* b = model.bias(d.layer);
        d.out = w->value.shape()[0];
        d.in = w->value.shape()[1];
        d.weight = toFloats(w->value);
        d.weightGrad = toFloats(w->grad);
        d.weightUpdate = updateOf(w);
        if (b) {
            d.bias = toFloats(b->value);
            d.biasGrad = toFloats(b->grad);
            d.biasUpdate = updateOf(b);
        }
        // Its activation, after a norm or an added skip if there is one (Linear → BatchNorm →
        // ReLU; Linear → Add → ReLU): what its units give the next layer.
        for (std::size_t next = i + 1; next < layers.size() && continuesUnits(layers, next);
             ++next) {
            if (isNormalisation(layers[next].kind))
                d.norm = isBatchNorm(layers[next].kind) ? "BN" : "LN";
            if (isActivation(layers[next].kind)) {
                d.activation = layerTypeName(layers[next]);
                break;
            }
        }
        s->dense.push_back(std::move(d));
    }
    // Each weighted layer's distributions at this step, and its units' outputs in the step's
    // graph (the last node its activation, or the layer itself, recorded).
    {
        const Graph& graph = trainer.graph();
        int column = 0;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            if (layers[i].kind != LayerKind::Linear && layers[i].kind != LayerKind::Conv2d)
                continue;
            const Parameter* w = model.weight(int(i));
            if (!w) continue;
            LayerDistribution d;
            d.layer = int(i);
            d.column = ++column;
            d.kind = layerTypeName(layers[i]);
            int shown = int(i);
            for (std::size_t next = i + 1; next < layers.size() && continuesUnits(layers, next);
                 ++next)
                if (isActivation(layers[next].kind)) {
                    d.activation = layerTypeName(layers[next]);
                    shown = int(next);
                    break;
                }
            d.weights = histogram(w->value, kHistogramBins);
            d.gradients = histogram(w->grad, kHistogramBins);
            for (std::size_t p = 0; p < params.size(); ++p)
                if (params[p] == w)
                    d.updates = histogram(trainer.optimizer().state(p).lastUpdate, kHistogramBins);
            for (int id = graph.size() - 1; id >= 0; --id)
                if (graph.node(id).layer == shown) {
                    d.activations = histogram(graph.node(id).output(), kHistogramBins);
                    break;
                }
            s->distributions.push_back(std::move(d));
        }
    }
    // Skips, as columns: a layer's column counts the Linear layers up to it.
    const auto columnOf = [&](int layer) {
        int column = 0;
        for (int i = 0; i <= layer; ++i)
            column += layers[std::size_t(i)].kind == LayerKind::Linear;
        return column;
    };
    for (std::size_t m = 0; m < layers.size(); ++m) {
        if (!isMerge(layers[m].kind) || layers[m].inputs.size() != 2) continue;
        const int main = int(m) - 1;
        const int skip = layers[m].inputs[0] == main ? layers[m].inputs[1] : layers[m].inputs[0];
        const int from = columnOf(skip), to = columnOf(main);
        if (from >= to) continue;
        Snapshot::Skip k{from, to, layers[m].kind == LayerKind::Concat, -1};
        // The gradient the last step sent back along the skip: the merge node's edge to it.
        const Graph& graph = trainer.graph();
        const std::size_t slot = layers[m].inputs[0] == main ? 1 : 0;
        for (int id = 0; id < graph.size(); ++id) {
            const Node& n = graph.node(id);
            if (n.layer != int(m) || (n.op != OpKind::Add && n.op != OpKind::Concat) ||
                !n.edgeHasGrad[slot] || n.edgeGrads[slot].numel() == 0)
                continue;
            k.gradient = double(n.edgeGrads[slot].array().abs().mean());
        }
        s->skips.push_back(k);
    }
    s->inputs = m_session.trainData().inputs.cols();
    // Flatten and Dropout keep the data's features what they are; anything else computes new ones
    for (std::size_t i = 0; i < layers.size() && layers[i].kind != LayerKind::Linear; ++i)
        if (layers[i].kind != LayerKind::Flatten && layers[i].kind != LayerKind::Dropout)
            s->denseSource = static_cast<int>(i);
    if (s->denseSource >= 0 && !s->dense.empty()) s->inputs = s->dense.front().in;
    fillOptimizerState(*s);
    if (const auto point = m_session.landscapePoint()) {
        s->onLandscape = true;
        s->landscapePoint = *point;
        s->landscapeId = m_session.landscapeId();
    }
    if (m_session.imageSide() > 0) {
        // Refreshed at most once a second while playing: it classifies kImageEvalSamples.
        if (m_imageViewStale || !m_running || m_sinceImageEval.elapsed() >= 1000) {
            m_imageView = m_session.evaluateImages(kImageEvalSamples, kDigitsShown);
            m_imageViewStale = false;
            m_sinceImageEval.restart();
        }
        s->imageSide = m_session.imageSide();
        s->classes = m_imageView.classes;
        s->classNames = m_imageView.classNames;
        s->confusion = m_imageView.confusion;
        s->evaluated = m_imageView.evaluated;
        s->testSamples = m_session.testData() ? m_session.testData()->size() : 0;
        s->digits = m_imageView.digits;
    }
    if (m_session.planar()) {
        s->inputNames = m_session.featureNames();
        PlaneMaps maps = m_session.planeMaps(kGrid);
        s->grid = maps.grid;
        s->unitMaps = std::move(maps.unitMaps);
        s->outputMap = std::move(maps.outputMap);
        s->outputClass = std::move(maps.outputClass);
    }
    fillEarlier(*s);
    return s;
}

void TrainingWorker::fillEarlier(Snapshot& s) {
    s.hasEarlier = m_session.hasEarlier();
    if (!s.hasEarlier || !m_compareLive) return;
    auto e = std::make_shared<Snapshot::Earlier>();
    e->branch = m_session.earlierBranch();
    e->last = m_session.earlierLast();
    if (s.step < e->branch) {
        // Before the branch the two runs are one.
        e->step = s.step;
        e->optimizer = s.optimizer;
        e->learningRate = s.learningRate;
        e->outputMap = s.outputMap;
        e->outputClass = s.outputClass;
        for (DenseLayer& d : s.dense)
            d.weightDifference.assign(d.weight.size(), 0.0f);
        s.earlier = std::move(e);
        return;
    }
    // From the branch on (a weight edited at the branch's step already differs).
    try {
        e->step = m_session.showEarlier(s.step);
    } catch (const Error& error) {
        // A replay of it that fails: it goes, and the window says why.
        m_session.dropEarlier();
        s.hasEarlier = false;
        //: %1: why (an error message).
        send(&TrainingWorker::notice,
             tr("The earlier run could not be shown again, and was dropped: %1")
                 .arg(errorText(error)));
        return;
    }
    const Trainer& trainer = m_session.earlierTrainer();
    e->optimizer = translated(optimizerLabel(trainer.optimizer().config())).toStdString();
    e->learningRate = trainer.learningRate();
    const Sequential& model = m_session.earlierModel();
    for (DenseLayer& d : s.dense) {
        const Parameter* w = model.weight(d.layer);
        if (!w || std::size_t(w->value.numel()) != d.weight.size()) continue;
        d.weightDifference.resize(d.weight.size());
        for (std::size_t i = 0; i < d.weight.size(); ++i)
            d.weightDifference[i] = d.weight[i] - float(w->value[Index(i)]);
    }
    if (m_session.planar()) {
        PlaneMaps maps = m_session.earlierPlaneMaps(kGrid);
        e->outputMap = std::move(maps.outputMap);
        e->outputClass = std::move(maps.outputClass);
    }
    s.earlier = std::move(e);
}

} // namespace gs::ui
