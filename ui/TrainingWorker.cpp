#include "TrainingWorker.h"

#include "TensorText.h"
#include "core/Errors.h"
#include "io/Session.h"

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

QString rateText(double rate) {
    return QString::number(rate, 'g', 3);
}

} // namespace

TrainingWorker::TrainingWorker(QObject* parent)
    : QObject(parent)
    , m_paceTimer(new QTimer(this)) {
    qRegisterMetaType<gs::Schedule>();
    m_clock.start();
    m_paceTimer->setSingleShot(true);
    m_paceTimer->setTimerType(Qt::PreciseTimer);
    connect(m_paceTimer, &QTimer::timeout, this, &TrainingWorker::paceTick);
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::load(const SessionSetup& setup) {
    install(setup, nullptr, nullptr);
}

bool TrainingWorker::install(const SessionSetup& setup, std::unique_ptr<Sequential> loaded,
                             const SessionData* saved) {
    if (m_running) {
        m_running = false;
        ++m_playGeneration;
        m_paceTimer->stop();
        emit runningChanged(false);
    }
    try {
        auto data = std::make_unique<Split>(loadData(setup.experiment.data, setup.dataDir));
        const bool planar = data->train.inputs.shape().rank() == 2 &&
                            data->train.inputs.shape()[1] == 2 &&
                            (setup.experiment.data.source == DataSource::Toy ||
                             setup.experiment.data.source == DataSource::Csv);
        auto points = std::make_shared<std::vector<PlanePoint>>();
        if (planar)
            for (const Dataset* d : {&data->train, &data->test})
                for (Index i = 0; i < d->size(); ++i)
                    points->push_back({float(d->inputs[2 * i]), float(d->inputs[2 * i + 1]),
                                       d->isClassification()
                                           ? float(d->labels[std::size_t(i)])
                                           : float(d->targets[i * d->targets.cols()]),
                                       d == &data->test});
        if (planar && setup.features != kRawFeatures) {
            data->train = withFeatures(data->train, setup.features);
            if (data->test.size() > 0) data->test = withFeatures(data->test, setup.features);
        }
        auto model = loaded ? std::move(loaded)
                            : std::make_unique<Sequential>(setup.experiment.layers,
                                                           setup.experiment.train.seed);
        Shape sample = data->train.sampleShape();
        std::vector<Index> dims{1};
        for (int i = 0; i < sample.rank(); ++i)
            dims.push_back(sample[i]);
        model->shapes(Shape::fromVector(dims)); // throws LayerError naming the layer
        const Dataset* test = data->test.size() > 0 ? &data->test : nullptr;
        auto trainer = std::make_unique<Trainer>(*model, data->train, test, setup.experiment.train);
        if (saved) {
            const LoadedModel& m = saved->model;
            if (m.optimizer && m.optimizer->kind == setup.experiment.train.optimizer.kind &&
                !m.optimizerState.empty())
                trainer->optimizer().setState(m.optimizerSteps, m.optimizerState);
            trainer->restorePosition(saved->steps, saved->epochs);
            trainer->setScheduleOrigin(saved->scheduleOrigin);
        }
        // Replace only once everything is built: a failed load keeps the previous session.
        m_trainer.reset();
        m_setup = setup;
        m_data = std::move(data);
        m_model = std::move(model);
        m_trainer = std::move(trainer);
        m_planar = planar;
        m_points = std::move(points);
        const Shape sampleShape = m_data->train.sampleShape();
        m_imageSide = sampleShape.rank() == 3 && sampleShape[1] == sampleShape[2] &&
                              m_data->train.isClassification()
                          ? int(sampleShape[1])
                          : 0;
        m_imageViewStale = true;
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
    m_trainer->setCollectLayerStats(true);
    m_trainer->setStepObserver([this](const StepReport& r) {
        m_pendingLosses.emplace_back(r.step, r.batchLoss);
        m_pendingStats.emplace_back(r.step, r.layers);
        recordTrajectory(); // every step is a candidate; thinned as the path grows
    });
    m_trainer->setEpochObserver([this](const EpochReport& r) { m_pendingEpochs.push_back(r); });
    m_pendingLosses.clear();
    m_pendingEpochs.clear();
    m_pendingStats.clear();
    m_samplesPerSecond = 0;
    m_scheduleEndPending = false;
    m_scheduleEndNoticed = m_trainer->scheduleEnded(); // an opened session may be past it
    clearLandscape();
    publish(true);
    return true;
}

void TrainingWorker::saveSession(const QString& path, const gs::MetricsHistory& history) {
    if (!m_trainer) return;
    try {
        Experiment experiment = m_setup.experiment;
        experiment.layers = m_model->layers();
        const Json json =
            sessionToJson(experiment, m_setup.features, *m_model, m_data->train.sampleShape(),
                          m_trainer->optimizer(), m_trainer->steps(), m_trainer->epoch(), history,
                          m_trainer->scheduleOrigin());
        gs::saveSession(path.toStdString(), json);
    } catch (const std::exception& e) {
        emit failed(tr("Could not save the session: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    emit sessionSaved(path);
}

void TrainingWorker::openSession(const QString& path) {
    SessionData data;
    try {
        data = loadSession(path.toStdString());
    } catch (const std::exception& e) {
        emit failed(tr("Could not open the session: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    SessionSetup setup;
    setup.experiment = data.experiment;
    setup.experiment.layers = data.model.model.layers();
    setup.features = data.features;
    setup.dataDir = m_setup.dataDir.empty() ? defaultDataDir() : m_setup.dataDir;
    auto model = std::make_unique<Sequential>(std::move(data.model.model));
    if (!install(setup, std::move(model), &data)) return;
    auto opened = std::make_shared<OpenedSession>();
    opened->experiment = setup.experiment;
    opened->features = setup.features;
    opened->history = std::move(data.history);
    opened->path = path;
    emit sessionOpened(opened);
}

void TrainingWorker::reset() {
    if (!m_trainer) return;
    load(m_setup);
}

void TrainingWorker::play() {
    if (!m_trainer || m_running) return;
    if (m_trainer->learningStopped()) {
        // Play would spin with nothing changing: say why instead.
        emit notice(learningStoppedText());
        return;
    }
    m_running = true;
    m_nextPublishNs = m_clock.nsecsElapsed() + kPublishNs;
    m_stepsSinceRate = 0;
    m_sinceRate.restart();
    emit runningChanged(true);
    startPlayLoop();
}

void TrainingWorker::pause() {
    if (!m_running) return;
    m_running = false;
    ++m_playGeneration;
    m_paceTimer->stop();
    emit runningChanged(false);
    publish();
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
        QMetaObject::invokeMethod(
            this, [this, generation] { runChunk(generation); }, Qt::QueuedConnection);
}

template <class Pred> bool TrainingWorker::stepWhile(Pred&& keepGoing, StepTrace* trace) {
    try {
        while (keepGoing()) {
            m_trainer->step(trace);
            if (!m_scheduleEndNoticed && m_trainer->scheduleEnded()) {
                m_scheduleEndNoticed = true;
                m_scheduleEndPending = true;
                if (m_running) break; // Play pauses there
            }
        }
    } catch (const std::exception& e) {
        stopWithError(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

void TrainingWorker::stopWithError(const QString& message) {
    if (m_running) {
        m_running = false;
        ++m_playGeneration;
        m_paceTimer->stop();
        emit runningChanged(false);
    }
    publish();
    emit failed(message);
}

void TrainingWorker::runChunk(quint64 generation) {
    if (!m_running || !m_trainer || generation != m_playGeneration) return;
    QElapsedTimer chunk;
    chunk.start();
    const long before = m_trainer->steps();
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
    if (!m_scheduleEndPending &&
        !stepWhile([&] { return chunk.nsecsElapsed() < length && !m_scheduleEndPending; }))
        return;
    if (pauseAtScheduleEnd()) return;
    m_stepsSinceRate += m_trainer->steps() - before;
    if (m_clock.nsecsElapsed() >= m_nextPublishNs && !m_awaitingAck) {
        measureSpeed();
        publish();
    }
    QMetaObject::invokeMethod(
        this, [this, generation] { runChunk(generation); }, Qt::QueuedConnection);
}

// Samples per second of wall time while playing (snapshots and evaluation included).
void TrainingWorker::measureSpeed() {
    const double seconds = double(m_sinceRate.nsecsElapsed()) * 1e-9;
    if (seconds > 0.25) {
        m_samplesPerSecond =
            double(m_stepsSinceRate) * double(m_trainer->config().batchSize) / seconds;
        m_stepsSinceRate = 0;
        m_sinceRate.restart();
    }
}

// Play at a set speed: step k of the run is due at k / speed seconds after it began. A timer
// wakes the thread when the next step is due (no busy wait); slowly, every step is published
// and the next one waits until the window has drawn it (for at most kAckWaitMs). Falling
// behind (a slow machine, a speed beyond it) starts the count afresh instead of bursting.
void TrainingWorker::paceTick() {
    if (!m_running || !m_trainer || m_stepsPerSecond <= 0) return;
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
    const long before = m_trainer->steps();
    QElapsedTimer turn;
    turn.start();
    const long target = everyStep ? m_pacedSteps + 1 : due;
    if (m_pacedSteps < target && graphTraceDue()) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        ++m_pacedSteps;
        emitGraphTrace(std::move(trace));
    }
    if (!m_scheduleEndPending && !stepWhile([&] {
            if (m_pacedSteps >= target || m_scheduleEndPending || turn.nsecsElapsed() >= kChunkNs)
                return false;
            ++m_pacedSteps;
            return true;
        }))
        return;
    if (pauseAtScheduleEnd()) return;
    m_stepsSinceRate += m_trainer->steps() - before;
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
    if (!m_scheduleEndPending) return false;
    if (m_running) {
        m_running = false;
        ++m_playGeneration;
        m_paceTimer->stop();
        emit runningChanged(false);
    }
    publish();
    reportScheduleEnd();
    return true;
}

void TrainingWorker::reportScheduleEnd() {
    if (!std::exchange(m_scheduleEndPending, false)) return;
    emit notice(scheduleEndText());
}

QString TrainingWorker::scheduleEndText() const {
    const Schedule& schedule = m_trainer->config().schedule;
    const double rate = m_trainer->learningRate();
    const int epoch = m_trainer->epoch();
    if (!m_trainer->learningStopped())
        return tr("Epoch %1: the %2 schedule has run its course; η stays at %3 from now on. "
                  "Press Play to go on at that rate, or choose another schedule or raise η.")
            .arg(epoch)
            .arg(QString::fromUtf8(scheduleKindName(schedule.kind)))
            .arg(rateText(rate));
    if (schedule.kind == ScheduleKind::Cosine)
        return tr("Epoch %1: the cosine schedule has brought η down to %2, so training stopped. "
                  "Choose another schedule or raise η to go on, or Reset.")
            .arg(epoch)
            .arg(rateText(rate));
    return tr("Epoch %1: the %2 schedule has brought η down to %3, under a thousandth of the %4 "
              "it started from, so training stopped. Choose another schedule or raise η to go "
              "on, or Reset.")
        .arg(epoch)
        .arg(QString::fromUtf8(scheduleKindName(schedule.kind)))
        .arg(rateText(rate))
        .arg(rateText(m_trainer->config().optimizer.learningRate));
}

QString TrainingWorker::learningStoppedText() const {
    const Schedule& schedule = m_trainer->config().schedule;
    const double rate = m_trainer->learningRate();
    if (schedule.kind == ScheduleKind::Constant || m_trainer->config().optimizer.learningRate == 0)
        return tr("η is %1, so a step would change nothing and Play has nothing to show. Raise η "
                  "to train.")
            .arg(rateText(rate));
    return tr("η is %1: the %2 schedule has brought it down to almost nothing, so Play would "
              "change nothing. Choose another schedule or raise η to go on, or Reset.")
        .arg(rateText(rate))
        .arg(QString::fromUtf8(scheduleKindName(schedule.kind)));
}

void TrainingWorker::scheduleOriginChanged() {
    m_scheduleEndPending = false;
    m_scheduleEndNoticed = m_trainer->scheduleEnded();
}

bool TrainingWorker::stepOnce(StepTrace* trace) {
    return stepWhile([first = true]() mutable { return std::exchange(first, false); }, trace);
}

void TrainingWorker::stepBatch() {
    if (!m_trainer) return;
    pause();
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
    if (!m_trainer) return;
    pause();
    const int target = m_trainer->epoch() + 1;
    // With the graph view open, the epoch's last step is traced for it (the step after which
    // the step count is a whole number of epochs).
    const long perEpoch = std::max<long>(1, long(m_trainer->batchesPerEpoch()));
    if (!stepWhile([&] {
            return m_trainer->epoch() < target &&
                   (!m_graphLive || (m_trainer->steps() + 1) % perEpoch != 0);
        }))
        return;
    if (m_trainer->epoch() < target) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        emitGraphTrace(std::move(trace));
    }
    publish();
    reportScheduleEnd();
}

void TrainingWorker::stepMany(long steps) {
    if (!m_trainer) return;
    pause();
    const long target = m_trainer->steps() + steps;
    // With the graph view open, the last step is traced for it.
    const long untraced = m_graphLive ? target - 1 : target;
    if (!stepWhile([&] { return m_trainer->steps() < untraced; })) return;
    if (m_trainer->steps() < target) {
        auto trace = std::make_shared<StepTrace>();
        if (!stepOnce(trace.get())) return;
        emitGraphTrace(std::move(trace));
    }
    publish();
    reportScheduleEnd();
}

void TrainingWorker::traceStep(bool oneSample, int sample) {
    if (!m_trainer) return;
    pause();
    auto trace = std::make_shared<StepTrace>();
    if (!oneSample) {
        if (!stepOnce(trace.get())) return;
        publish();
        emit traced(trace);
        reportScheduleEnd();
        return;
    }
    try {
        // A copy of the network and the optimizer takes the step on one sample, so that the
        // numbers are those of a real step while the session stays where it is.
        const Index row = std::clamp<Index>(sample, 0, m_data->train.size() - 1);
        const Dataset one = m_data->train.subset({row});
        Sequential copy(m_model->layers(), 0);
        assignParameters(copy, flattenParameters(*m_model));
        const Optimizer& optimizer = m_trainer->optimizer();
        TrainConfig config = m_trainer->config();
        config.batchSize = 1;
        config.shuffle = false;
        config.schedule = {};
        config.optimizer = optimizer.config();
        Trainer trainer(copy, one, nullptr, config);
        if (optimizer.steps() > 0) {
            std::vector<OptimizerState> state;
            for (std::size_t i = 0; i < optimizer.parameters().size(); ++i)
                state.push_back(optimizer.state(i));
            trainer.optimizer().setState(optimizer.steps(), std::move(state));
        }
        trainer.step(trace.get());
        trace->step = m_trainer->steps() + 1;
        trace->sample = row;
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit traced(trace);
}

Batch TrainingWorker::checkBatch() const {
    const TrainConfig& c = m_trainer->config();
    DataLoader loader(m_data->train, c.batchSize, c.shuffle,
                      c.seed + std::uint64_t(m_trainer->steps()));
    Batch batch;
    loader.next(batch);
    return batch;
}

void TrainingWorker::checkGradients() {
    if (!m_trainer) return;
    pause();
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = 1e-2;
    try {
        const TrainConfig& c = m_trainer->config();
        check->entries = gs::checkGradients(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                            c.regularization, check->epsilon, 200);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit checked(check);
}

void TrainingWorker::checkGradientEntry(const QString& parameter, qint64 index) {
    if (!m_trainer) return;
    pause();
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = 1e-2;
    check->single = true;
    try {
        const TrainConfig& c = m_trainer->config();
        check->entries.push_back(gs::checkGradientEntry(
            *m_model, checkBatch(), c.loss, m_trainer->encoding(), c.regularization,
            parameter.toStdString(), index, check->epsilon));
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit checked(check);
}

void TrainingWorker::checkNodeGradient(int layer, qint64 index) {
    if (!m_trainer) return;
    pause();
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = 1e-2;
    check->single = true;
    check->node = true;
    try {
        const TrainConfig& c = m_trainer->config();
        check->entries.push_back(
            gs::checkLayerOutputGradient(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                         c.regularization, layer, index, check->epsilon));
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    emit checked(check);
}

void TrainingWorker::clearLandscape() {
    m_plane.reset();
    m_trajectory.clear();
    m_trajectoryEvery = 1;
    m_lastTrajectoryStep = -1;
}

void TrainingWorker::recordTrajectory() {
    const long step = m_trainer->steps();
    if (m_lastTrajectoryStep >= 0 && step - m_lastTrajectoryStep < m_trajectoryEvery) return;
    if (step == m_lastTrajectoryStep) return;
    // At most about 32 MB of points, and at most 200 of them.
    const auto cap = std::size_t(std::clamp<Index>(
        Index(8'000'000) / std::max<Index>(1, m_model->parameterCount()), 3, 200));
    m_trajectory.push_back(flattenParameters(*m_model));
    m_lastTrajectoryStep = step;
    if (m_trajectory.size() > cap) {
        // Keep every other point (and the newest), and record half as often from now on.
        std::vector<std::vector<Scalar>> kept;
        for (std::size_t i = 0; i < m_trajectory.size(); i += 2)
            kept.push_back(std::move(m_trajectory[i]));
        if (m_trajectory.size() % 2 == 0) kept.push_back(std::move(m_trajectory.back()));
        m_trajectory = std::move(kept);
        m_trajectoryEvery *= 2;
    }
}

Batch TrainingWorker::landscapeBatch() const {
    // The first training samples: 512 points, or 256 images (each grid point is a forward pass).
    const Index limit = m_imageSide > 0 ? 256 : 512;
    std::vector<Index> rows;
    for (Index i = 0; i < std::min(limit, m_data->train.size()); ++i)
        rows.push_back(i);
    const Dataset part = m_data->train.subset(rows);
    DataLoader loader(part, part.size(), false, 0);
    Batch batch;
    loader.next(batch);
    return batch;
}

void TrainingWorker::computeLandscape(bool principal, int resolution, double span) {
    if (!m_trainer) return;
    pause();
    auto result = std::make_shared<Landscape>();
    try {
        if (!(span > 0)) throw InvalidArgument("the landscape's span must be positive");
        m_lastTrajectoryStep = -1; // the current weights are the path's last point
        recordTrajectory();
        auto plane = std::make_unique<LandscapePlane>(
            principal ? principalPlane(m_trajectory)
                      : randomPlane(*m_model, 1000 + std::uint64_t(m_trainer->steps())));
        double alpha = span, beta = span;
        if (principal) {
            alpha = beta = 1e-3;
            for (const auto& point : m_trajectory) {
                const auto ab = projectOntoPlane(*plane, point);
                result->path.push_back(ab);
                alpha = std::max(alpha, std::abs(ab[0]) * 1.25);
                beta = std::max(beta, std::abs(ab[1]) * 1.25);
            }
            result->explained = plane->explained;
        } else {
            result->path.push_back({0, 0});
        }
        const Batch batch = landscapeBatch();
        const TrainConfig& c = m_trainer->config();
        result->grid = evaluateLandscape(*m_model, *plane, batch, c.loss, m_trainer->encoding(),
                                         c.regularization, resolution, -alpha, alpha, -beta, beta);
        result->principal = principal;
        result->step = m_trainer->steps();
        result->samples = batch.size();
        const int mid = resolution / 2;
        result->centerLoss = resolution % 2 ? result->grid.at(mid, mid) : 0;
        m_plane = std::move(plane);
        result->id = ++m_landscapeId;
    } catch (const std::exception& e) {
        emit failed(
            tr("Could not compute the loss landscape: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    emit landscapeReady(result);
    publish();
}

bool TrainingWorker::graphTraceDue() const {
    return m_graphLive && (!m_sinceGraphTrace.isValid() || m_sinceGraphTrace.elapsed() >= 250);
}

void TrainingWorker::setGraphLive(bool live) {
    m_graphLive = live;
}

void TrainingWorker::emitGraphTrace(std::shared_ptr<StepTrace> trace) {
    m_sinceGraphTrace.restart();
    emit graphTraced(std::move(trace));
}

void TrainingWorker::setOptimizer(const OptimizerConfig& config) {
    if (!m_trainer) return;
    const int origin = m_trainer->scheduleOrigin();
    const Scalar base = m_trainer->config().optimizer.learningRate;
    try {
        m_trainer->setOptimizerConfig(config);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    m_setup.experiment.train.optimizer = config;
    if (m_trainer->scheduleOrigin() != origin || base != config.learningRate)
        scheduleOriginChanged();
    if (!m_running) publish(); // the rate in effect, on screen
}

void TrainingWorker::setSchedule(const Schedule& schedule) {
    if (!m_trainer) return;
    if (schedule == m_trainer->config().schedule) return;
    try {
        m_trainer->setSchedule(schedule);
    } catch (const std::exception& e) {
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    m_setup.experiment.train.schedule = schedule;
    scheduleOriginChanged();
    if (!m_running) publish();
}

void TrainingWorker::setRegularization(double l1, double l2) {
    if (!m_trainer) return;
    Regularization r;
    r.l1 = static_cast<Scalar>(l1);
    r.l2 = static_cast<Scalar>(l2);
    m_trainer->setRegularization(r);
    m_setup.experiment.train.regularization = r;
}

void TrainingWorker::setWeight(int layer, int out, int in, double value) {
    if (!m_model) return;
    Parameter* w = m_model->weight(layer);
    if (!w || w->value.shape().rank() != 2 || out < 0 || in < 0 || out >= w->value.shape()[0] ||
        in >= w->value.shape()[1]) {
        emit failed(
            QStringLiteral("There is no weight %1→%2 in layer %3.").arg(in).arg(out).arg(layer));
        return;
    }
    if (!std::isfinite(value)) {
        emit failed(QStringLiteral("A weight must be a finite number."));
        return;
    }
    w->value[Index(out) * w->value.shape()[1] + in] = static_cast<Scalar>(value);
    publish();
}

void TrainingWorker::publish(bool first) {
    recordTrajectory();
    SnapshotPtr s = makeSnapshot();
    // Next due time: one period on, or one period from now after a long gap (no burst).
    const qint64 now = m_clock.nsecsElapsed();
    m_nextPublishNs =
        now > m_nextPublishNs + kPublishNs ? now + kPublishNs : m_nextPublishNs + kPublishNs;
    m_awaitingAck = true;
    m_lastPublishNs = now;
    if (first)
        emit loaded(s);
    else
        emit snapshotReady(s);
}

void TrainingWorker::fillOptimizerState(Snapshot& s) const {
    const Optimizer& optimizer = m_trainer->optimizer();
    s.optimizer = optimizerLabel(optimizer.config());
    s.rule = updateRule(optimizer.config());
    s.learningRate = m_trainer->learningRate();
    s.baseLearningRate = m_trainer->config().optimizer.learningRate;
    s.schedule = m_trainer->config().schedule;
    s.scheduleText = describeSchedule(s.schedule);
    s.scheduleEpoch = m_trainer->scheduleEpoch();
    s.scheduleEnded = m_trainer->scheduleEnded();
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

SnapshotPtr TrainingWorker::makeSnapshot() {
    auto s = std::make_shared<Snapshot>();
    s->step = m_trainer->steps();
    s->epoch = m_trainer->epoch();
    const long perEpoch = long(m_trainer->batchesPerEpoch());
    s->batchesPerEpoch = perEpoch;
    s->batchInEpoch = perEpoch > 0 ? s->step % perEpoch : 0;
    s->samplesPerSecond = m_running ? m_samplesPerSecond : 0;
    s->running = m_running;
    s->stepLosses = std::exchange(m_pendingLosses, {});
    s->epochs = std::exchange(m_pendingEpochs, {});
    s->layerStats = std::exchange(m_pendingStats, {});
    s->regression = !m_data->train.isClassification();
    s->points = m_points;

    const auto& layers = m_model->layers();
    const auto& params = m_trainer->optimizer().parameters();
    const auto updateOf = [&](const Parameter* p) {
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i] == p) return toFloats(m_trainer->optimizer().state(i).lastUpdate);
        return std::vector<float>{};
    };
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].kind != LayerKind::Linear) continue;
        DenseLayer d;
        d.layer = static_cast<int>(i);
        const Parameter* w = m_model->weight(d.layer);
        const Parameter* b = m_model->bias(d.layer);
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
        if (i + 1 < layers.size() && isActivation(layers[i + 1].kind))
            d.activation = layerKindName(layers[i + 1].kind);
        s->dense.push_back(std::move(d));
    }
    s->inputs = m_data->train.inputs.cols();
    // Flatten and Dropout keep the data's features what they are; anything else computes new ones
    for (std::size_t i = 0; i < layers.size() && layers[i].kind != LayerKind::Linear; ++i)
        if (layers[i].kind != LayerKind::Flatten && layers[i].kind != LayerKind::Dropout)
            s->denseSource = static_cast<int>(i);
    if (s->denseSource >= 0 && !s->dense.empty()) s->inputs = s->dense.front().in;
    fillOptimizerState(*s);
    if (m_plane) {
        s->onLandscape = true;
        s->landscapePoint = projectOntoPlane(*m_plane, flattenParameters(*m_model));
        s->landscapeId = m_landscapeId;
    }
    if (m_imageSide > 0) {
        if (m_imageViewStale || !m_running || m_sinceImageEval.elapsed() >= 1000) evaluateImages();
        s->imageSide = m_imageSide;
        s->classes = m_imageView.classes;
        s->classNames = m_imageView.classNames;
        s->confusion = m_imageView.confusion;
        s->evaluated = m_imageView.evaluated;
        s->digits = m_imageView.digits;
    }
    if (m_planar) {
        for (int f = 0; f < kFeatureCount; ++f)
            if ((m_setup.features >> f) & 1u)
                s->inputNames.emplace_back(featureName(static_cast<Feature>(f)));
        fillPlaneMaps(*s);
    }
    return s;
}

// Classifies the first test samples (no gradients): the confusion matrix and the digit grid.
void TrainingWorker::evaluateImages() {
    m_imageViewStale = false;
    m_sinceImageEval.restart();
    const Dataset& data = m_data->test.size() > 0 ? m_data->test : m_data->train;
    const int k = data.classes;
    Snapshot& v = m_imageView;
    v.classes = k;
    v.classNames = data.classNames;
    if (v.classNames.size() != std::size_t(k)) {
        v.classNames.clear();
        for (int c = 0; c < k; ++c)
            v.classNames.push_back(std::to_string(c));
    }
    v.confusion.assign(std::size_t(k) * std::size_t(k), 0);
    v.digits.clear();
    const Index n = std::min(kImageEvalSamples, data.size());
    v.evaluated = n;
    const Index width = data.inputs.cols();
    const double mean = m_setup.experiment.data.mean, sd = m_setup.experiment.data.std;
    const auto digitOf = [&](Index row, int predicted, float confidence) {
        Snapshot::Digit d;
        d.pixels.resize(std::size_t(width));
        for (Index i = 0; i < width; ++i) {
            const double pixel = (double(data.inputs[row * width + i]) * sd + mean) * 255;
            d.pixels[std::size_t(i)] = static_cast<unsigned char>(std::clamp(pixel, 0.0, 255.0));
        }
        d.label = data.labels[std::size_t(row)];
        d.predicted = predicted;
        d.confidence = confidence;
        return d;
    };
    constexpr Index kBatch = 250;
    Graph graph;
    NoGradGuard noGrad(graph);
    for (Index start = 0; start < n; start += kBatch) {
        const Index count = std::min(kBatch, n - start);
        std::vector<Index> dims = data.inputs.shape().toVector();
        dims[0] = count;
        Tensor batch(Shape::fromVector(dims));
        std::copy_n(data.inputs.data() + start * width, count * width, batch.data());
        graph.reset();
        const Tensor& out = m_model->forward(graph, graph.inputView(batch), false).value();
        for (Index r = 0; r < count; ++r) {
            const Scalar* row = out.data() + r * out.cols();
            const int predicted = int(std::max_element(row, row + out.cols()) - row);
            double sum = 0;
            for (Index c = 0; c < out.cols(); ++c)
                sum += std::exp(double(row[c] - row[predicted]));
            const int label = data.labels[std::size_t(start + r)];
            if (label >= 0 && label < k && predicted < k)
                ++v.confusion[std::size_t(label * k + predicted)];
            if (Index(v.digits.size()) < kDigitsShown * 5 / 8)
                v.digits.push_back(digitOf(start + r, predicted, float(1 / sum)));
            else if (predicted != label && Index(v.digits.size()) < kDigitsShown)
                v.digits.push_back(digitOf(start + r, predicted, float(1 / sum)));
        }
    }
}

// Forwards a grid over the input plane through the network (no gradients) and keeps every
// unit's output: the Playground's per-neuron pictures, and the decision surface.
void TrainingWorker::fillPlaneMaps(Snapshot& s) {
    const int g = kGrid;
    Tensor points(Shape{Index(g) * g, 2});
    for (int r = 0; r < g; ++r)
        for (int c = 0; c < g; ++c) {
            points[2 * (r * g + c)] = Scalar(-6 + (c + 0.5) * 12.0 / g);
            points[2 * (r * g + c) + 1] = Scalar(6 - (r + 0.5) * 12.0 / g);
        }
    const Tensor features = expandFeatures(points, m_setup.features);
    Graph graph;
    NoGradGuard noGrad(graph);
    std::vector<Var> outputs;
    Var out = m_model->forward(graph, graph.inputView(features, "grid"), false, &outputs);
    const auto columnsOf = [&](const Tensor& t) {
        std::vector<std::vector<float>> units(static_cast<std::size_t>(t.cols()));
        for (Index u = 0; u < t.cols(); ++u) {
            auto& map = units[static_cast<std::size_t>(u)];
            map.resize(std::size_t(g) * g);
            for (Index i = 0; i < Index(g) * g; ++i)
                map[std::size_t(i)] = t[i * t.cols() + u];
        }
        return units;
    };
    s.grid = g;
    s.unitMaps.push_back(columnsOf(features));
    const auto& layers = m_model->layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].kind != LayerKind::Linear) continue;
        const std::size_t shown = i + 1 < layers.size() && isActivation(layers[i + 1].kind) &&
                                          layers[i + 1].kind != LayerKind::Softmax
                                      ? i + 1
                                      : i;
        s.unitMaps.push_back(columnsOf(outputs[shown].value()));
    }
    const Tensor& y = out.value();
    s.outputMap.resize(std::size_t(g) * g);
    const TargetEncoding enc = m_trainer->encoding();
    for (Index i = 0; i < Index(g) * g; ++i) {
        double v = y[i * y.cols()];
        if (enc == TargetEncoding::ClassIndex || enc == TargetEncoding::OneHot) {
            if (y.cols() >= 2) { // 2·softmax(·)[1] − 1 over the logits
                const double a = y[i * y.cols()], b = y[i * y.cols() + 1];
                v = std::tanh((b - a) / 2);
            }
        } else if (enc == TargetEncoding::ZeroOne) {
            v = std::tanh(v / 2); // 2·sigmoid(z) − 1
        }
        s.outputMap[std::size_t(i)] = static_cast<float>(v);
    }
}

} // namespace gs::ui
