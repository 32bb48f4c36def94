#include "TrainingSession.h"

#include "core/Errors.h"
#include "core/Limits.h"
#include "io/KerasExport.h"
#include "io/Onnx.h"
#include "io/PytorchExport.h"
#include "io/Recording.h"
#include "io/Session.h"
#include "train/Landscape.h"

#include <algorithm>
#include <cmath>

namespace gs {

struct TrainingSession::Earlier {
    std::unique_ptr<Sequential> model;
    std::unique_ptr<Trainer> trainer; // on the session's data
    Recorder recorder;
    long branch = 0;
};

TrainingSession::TrainingSession() = default;
TrainingSession::~TrainingSession() = default;

void TrainingSession::load(const SessionSetup& setup) {
    install(setup, nullptr, nullptr, std::nullopt);
}

void TrainingSession::load(const SessionSetup& setup, LoadedModel model,
                           const std::optional<RunPosition>& position) {
    auto network = std::make_unique<Sequential>(std::move(model.model));
    install(setup, std::move(network), &model, position);
}

void TrainingSession::reset() {
    if (loaded()) load(m_setup);
}

void TrainingSession::install(const SessionSetup& requested,
                              std::unique_ptr<Sequential> loadedModel, const LoadedModel* saved,
                              std::optional<RunPosition> position) {
    // Everything is built on the side and replaces the session only at the end, so that a
    // failure anywhere keeps the previous session.
    auto data = std::make_unique<Split>(loadData(requested.experiment.data, requested.dataDir));
    // New data for the same network: it goes on as it stood (its file form carries the weights
    // and the optimizer's state, as a saved session would).
    std::optional<LoadedModel> kept;
    if (requested.keepWeights && !loadedModel && loaded() &&
        requested.features == m_setup.features &&
        requested.experiment.train.optimizer.kind == m_trainer->optimizer().config().kind) {
        std::vector<LayerSpec> layers = requested.experiment.layers;
        LossKind loss = requested.experiment.train.loss;
        if (requested.fitOutputs) fitOutputs(layers, loss, data->train);
        if (layers == m_model->layers() && loss == m_setup.experiment.train.loss) {
            kept = modelFromJson(
                modelToJson(*m_model, m_data->train.sampleShape(), loss, &m_trainer->optimizer()),
                "the session");
            loadedModel = std::make_unique<Sequential>(std::move(kept->model));
            saved = &*kept;
            position =
                RunPosition{m_trainer->steps(), m_trainer->epoch(), m_trainer->scheduleOrigin()};
        }
    }
    SessionSetup setup = requested;
    const bool fitted =
        setup.fitOutputs && !loadedModel &&
        fitOutputs(setup.experiment.layers, setup.experiment.train.loss, data->train);
    const Shape rawSample = data->train.sampleShape();
    const bool planar = rawSample.rank() == 1 && rawSample[0] == 2 &&
                        (setup.experiment.data.source == DataSource::Toy ||
                         userPoints(setup.experiment.data.source));
    auto points = std::make_shared<std::vector<PlanePoint>>();
    if (planar)
        for (const Dataset* d : {&data->train, &data->test})
            for (Index i = 0; i < d->size(); ++i)
                points->push_back({float(d->inputs[2 * i]), float(d->inputs[2 * i + 1]),
                                   d->isClassification() ? float(d->labels[std::size_t(i)])
                                                         : float(d->targets[i * d->targets.cols()]),
                                   d == &data->test});
    if (planar && setup.features != kRawFeatures) {
        data->train = withFeatures(data->train, setup.features);
        if (data->test.size() > 0) data->test = withFeatures(data->test, setup.features);
    }
    auto model = loadedModel ? std::move(loadedModel)
                             : std::make_unique<Sequential>(setup.experiment.layers,
                                                            setup.experiment.train.seed);
    std::vector<Index> dims{1};
    const Shape sample = data->train.sampleShape();
    for (int i = 0; i < sample.rank(); ++i)
        dims.push_back(sample[i]);
    model->shapes(Shape::fromVector(dims)); // throws LayerError naming the layer
    const Dataset* test = data->test.size() > 0 ? &data->test : nullptr;
    auto trainer = std::make_unique<Trainer>(*model, data->train, test, setup.experiment.train);
    if (saved && saved->optimizer &&
        saved->optimizer->kind == setup.experiment.train.optimizer.kind &&
        !saved->optimizerState.empty())
        trainer->optimizer().setState(saved->optimizerSteps, saved->optimizerState);
    if (position) {
        if (position->scheduleOrigin < 0 || position->scheduleOrigin > position->epochs)
            throw InvalidArgument(Engine::tr("the schedule's origin (epoch {1}) must lie between "
                                             "0 and the epochs finished ({2})"),
                                  position->scheduleOrigin, position->epochs);
        trainer->restorePosition(position->steps, position->epochs);
        trainer->setScheduleOrigin(position->scheduleOrigin);
    } else if (saved && saved->optimizerSteps > 0 && trainer->batchesPerEpoch() > 0) {
        // A model file records its steps, not its epochs: it goes on from the epoch those steps
        // reached, so the schedule and the shuffling continue as if the run had not stopped
        // (and as the PyTorch export goes on, io/PytorchExport.h).
        const long perEpoch = long(trainer->batchesPerEpoch());
        trainer->restorePosition(saved->optimizerSteps,
                                 static_cast<int>(saved->optimizerSteps / perEpoch));
    }

    // A GPU that worked for the last session may fail for this one (a larger model): this one
    // trains on the CPU then, and deviceFallback() says why.
    m_deviceFallback = {};
    if (m_device.kind != Device::Cpu) {
        try {
            trainer->setDevice(m_device);
        } catch (const Error& e) {
            m_deviceFallback = e.message();
            m_device = {};
        }
    }

    dropEarlier();     // it trains on the old data
    m_trainer.reset(); // it refers to the old model and data
    m_setup = setup;
    m_setup.experiment.layers = model->layers();
    m_outputsFitted.reset();
    if (fitted)
        m_outputsFitted =
            RequestedOutputs{requested.experiment.layers, requested.experiment.train.loss};
    m_data = std::move(data);
    m_model = std::move(model);
    m_trainer = std::move(trainer);
    m_planar = planar;
    m_points = std::move(points);
    const Shape s = m_data->train.sampleShape();
    m_imageSide = s.rank() == 3 && s[1] == s[2] && m_data->train.isClassification() ? int(s[1]) : 0;
    m_trainer->setCollectLayerStats(m_collectLayerStats);
    m_watch = std::make_unique<RunWatch>(*m_model, m_data->train.classes);
    m_trainer->setStepObserver([this](const StepReport& r) { onStep(r); });
    m_trainer->setEpochObserver([this](const EpochReport& r) {
        if (m_replaying) return;
        m_watch->afterEpoch(r);
        if (m_epochObserver) m_epochObserver(r);
    });
    m_recorder.clear();
    if (recordingHere()) m_recorder.record(*m_trainer);
    m_trainer->setStepEndObserver([this] {
        if (!m_replaying && recordingHere()) m_recorder.record(*m_trainer);
    });
    m_scheduleEndPending = false;
    m_scheduleEndNoticed = m_trainer->scheduleEnded(); // an opened run may be past it
    m_plane.reset();
    m_trajectory.clear();
    m_trajectoryEvery = 1;
    m_lastTrajectoryStep = -1;
    recordTrajectory(); // the path starts at the initial weights
}

void TrainingSession::setDevice(const DeviceId& device) {
    if (m_trainer) {
        seekEnd();
        m_trainer->setDevice(device);
    } else if (device.kind != Device::Cpu) {
        makeCudaBackend(device.ordinal); // refused now, with the reason, if it cannot be used
    }
    m_device = device;
    // The recording covers one stretch of CPU steps: it starts again here.
    dropEarlier();
    m_recorder.clear();
    if (recordingHere()) m_recorder.record(*m_trainer);
}

MetricsHistory TrainingSession::open(const std::string& path, const std::string& dataDir) {
    SessionData data = loadSession(path);
    SessionSetup setup;
    setup.experiment = data.experiment;
    setup.experiment.layers = data.model.model.layers();
    setup.features = data.features;
    setup.dataDir = dataDir;
    // The timeline's recording is an extra: one that cannot be used is left out, with a note
    // saying why, and the session opens without it.
    std::optional<SavedRecording> recording;
    Message leftOut;
    if (m_recording && !data.recording.isNull()) {
        try {
            recording =
                recordingFromJson(data.recording, data.model.model, data.experiment.train,
                                  data.steps, data.epochs, kMaxSamples, path + ": recording");
        } catch (const Error& e) {
            leftOut = e.message();
        }
    }
    const RunPosition position{data.steps, data.epochs, data.scheduleOrigin};
    auto model = std::make_unique<Sequential>(std::move(data.model.model));
    install(setup, std::move(model), &data.model, position);
    if (recording && !recordingHere())
        leftOut = Message(Engine::tr("runs on a GPU are not recorded"));
    else if (recording)
        adoptRecording(std::move(*recording), position, leftOut);
    m_openNote =
        leftOut.empty()
            ? Message()
            : Message(Engine::tr("{1}: the timeline's recording was left out: {2}"), path, leftOut);
    // The answers to lessons are an extra too.
    m_openedAnswers.clear();
    if (!data.lessonAnswers.isNull()) {
        try {
            m_openedAnswers = lessonAnswersFromJson(data.lessonAnswers, "lesson_answers");
        } catch (const Error& e) {
            m_openNote = Message(Engine::tr("{1}: the answers to lessons were left out: {2}"), path,
                                 e.message());
        }
    }
    return std::move(data.history);
}

void TrainingSession::adoptRecording(SavedRecording recording, const RunPosition& position,
                                     Message& leftOut) {
    // The run goes on from its recorded state at the last step, counters and all, which must
    // hold the file's weights and position; where it does not, it goes on as installed.
    const std::vector<Scalar> saved = flattenParameters(*m_model);
    const TrainerState installed = m_trainer->captureState();
    try {
        for (const auto& [state, pin] : recording.states)
            if (state.position > m_data->train.size())
                throw InvalidArgument(Engine::tr("a recorded position does not fit this data"));
        m_recorder.adopt(std::move(recording.states), recording.interval, recording.last);
        seek(m_recorder.last());
        if (flattenParameters(*m_model) != saved)
            throw InvalidArgument(Engine::tr("it does not lead to the weights saved"));
        if (m_trainer->epoch() != position.epochs ||
            m_trainer->scheduleOrigin() != position.scheduleOrigin)
            throw InvalidArgument(Engine::tr("it does not lead to the position saved"));
    } catch (const Error& e) {
        leftOut = e.message();
        m_trainer->restoreState(installed);
        m_recorder.clear();
        m_recorder.record(*m_trainer);
    }
}

void TrainingSession::save(const std::string& path, const MetricsHistory& history,
                           const std::vector<LessonAnswer>& answers) const {
    if (!loaded()) throw InvalidArgument(Engine::tr("there is no session to save"));
    Experiment experiment = m_setup.experiment;
    experiment.layers = m_model->layers();
    Json json = sessionToJson(experiment, m_setup.features, *m_model, m_data->train.sampleShape(),
                              m_trainer->optimizer(), m_trainer->steps(), m_trainer->epoch(),
                              history, m_trainer->scheduleOrigin());
    // The timeline with it, where the session stands at the recording's end.
    if (recordingHere() && !inPast() && !m_recorder.empty() &&
        m_recorder.last() == m_trainer->steps())
        if (Json recording = recordingToJson(m_recorder); !recording.isNull())
            json.set("recording", std::move(recording));
    if (!answers.empty()) json.set("lesson_answers", lessonAnswersToJson(answers));
    saveSession(path, json);
}

namespace {
// The session's model as a model file would hold it, and the export options of its run.
LoadedModel asModelFile(const Sequential& model, const Split& data,
                        const Experiment& setupExperiment, const Trainer& trainer,
                        const std::string& source) {
    Experiment experiment = setupExperiment;
    experiment.layers = model.layers();
    return modelFromJson(modelToJson(model, data.train.sampleShape(), experiment.train.loss,
                                     &trainer.optimizer(), experimentToJson(experiment)),
                         source);
}
} // namespace

PytorchExportOptions TrainingSession::exportOptions() const {
    PytorchExportOptions options;
    options.dataDir = m_setup.dataDir;
    options.features = m_setup.features;
    options.scheduleEpoch = m_trainer->epoch() - m_trainer->scheduleOrigin();
    return options;
}

std::vector<std::string> TrainingSession::exportPytorch(const std::string& scriptPath,
                                                        bool distributed) const {
    if (!loaded()) throw InvalidArgument(Engine::tr("there is no network to export yet"));
    PytorchExportOptions options = exportOptions();
    options.distributed = distributed;
    return writePytorchExport(
        asModelFile(*m_model, *m_data, m_setup.experiment, *m_trainer, scriptPath), scriptPath,
        options);
}

std::vector<std::string> TrainingSession::exportKeras(const std::string& scriptPath) const {
    if (!loaded()) throw InvalidArgument(Engine::tr("there is no network to export yet"));
    return writeKerasExport(
        asModelFile(*m_model, *m_data, m_setup.experiment, *m_trainer, scriptPath), scriptPath,
        exportOptions());
}

void TrainingSession::exportOnnx(const std::string& path) const {
    if (!loaded()) throw InvalidArgument(Engine::tr("there is no network to export yet"));
    saveOnnx(path, *m_model, m_data->train.sampleShape());
}

const std::vector<Finding>& TrainingSession::findings() const {
    static const std::vector<Finding> none;
    return m_watch ? m_watch->findings() : none;
}

void TrainingSession::setCollectLayerStats(bool on) {
    m_collectLayerStats = on;
    if (m_trainer) m_trainer->setCollectLayerStats(on);
}

StepReport TrainingSession::step(StepTrace* trace) {
    StepReport report;
    stepping([&] { report = m_trainer->step(trace); });
    return report;
}

void TrainingSession::stepWhile(const std::function<bool()>& more) {
    stepping([&] {
        m_trainer->stepWhile([&] {
            noticeScheduleEnd();
            return more();
        });
    });
}

template <class Steps> void TrainingSession::stepping(const Steps& steps) {
    if (inPast()) seekEnd();
    try {
        steps();
    } catch (const TrainingError&) {
        // A weight past its bound stops training after the update: the run stands one step on,
        // as the message says, and the recording keeps that state as it is.
        if (recordingHere() && !m_recorder.empty() && m_trainer->steps() > m_recorder.last())
            m_recorder.record(*m_trainer, Recorder::Pin::Edit);
        throw;
    }
    if (m_trainer->device().kind != Device::Cpu) recordTrajectory(); // the weights are back
    noticeScheduleEnd();
}

void TrainingSession::noticeScheduleEnd() {
    if (!m_scheduleEndNoticed && m_trainer->scheduleEnded()) {
        m_scheduleEndNoticed = true;
        m_scheduleEndPending = true;
    }
}

void TrainingSession::seek(long step, StepTrace* trace) {
    if (!loaded()) throw InvalidArgument(Engine::tr("there is no session to go back in"));
    const TrainerState* from = m_recorder.from(step);
    if (!from)
        throw InvalidArgument(Engine::tr("step {1} is not in the recording (steps {2} to {3})"),
                              step, m_recorder.first(), m_recorder.last());
    m_replaying = true;
    try {
        m_trainer->restoreState(*from);
        while (m_trainer->steps() < step)
            m_trainer->step(m_trainer->steps() + 1 == step ? trace : nullptr);
    } catch (...) {
        m_replaying = false;
        throw;
    }
    m_replaying = false;
}

void TrainingSession::setRecording(bool on) {
    m_recording = on;
    dropEarlier();
    m_recorder.clear();
    if (recordingHere()) m_recorder.record(*m_trainer);
}

bool TrainingSession::recordingHere() const {
    // On a GPU the host's copy is not the run's between calls: the timeline starts again when
    // the run comes back to the CPU.
    return m_recording && m_trainer && m_trainer->device().kind == Device::Cpu;
}

bool TrainingSession::branch() {
    if (!inPast()) return false;
    // The step as shown (replayed with the settings it was trained with) is where the branch
    // starts: a change of settings made later at this same step belongs to the earlier run.
    const long step = m_trainer->steps();
    if (!m_recorder.from(step)) return false; // (recorded, since it is shown)
    auto earlier = std::make_unique<Earlier>();
    earlier->model = std::make_unique<Sequential>(m_model->layers(), 0);
    earlier->trainer =
        std::make_unique<Trainer>(*earlier->model, m_data->train, testData(), m_trainer->config());
    earlier->trainer->setCollectLayerStats(false);
    earlier->branch = step;
    m_earlier.reset(); // the one before goes first: its memory is needed
    earlier->recorder = m_recorder.splitOff(step);
    m_earlier = std::move(earlier);
    shareBudget();
    m_watch = std::make_unique<RunWatch>(*m_model, m_data->train.classes);
    scheduleRestarted();
    m_trajectory.clear();
    m_trajectoryEvery = 1;
    m_lastTrajectoryStep = -1;
    recordTrajectory();
    return true;
}

void TrainingSession::setRecordingBudget(std::size_t bytes) {
    if (bytes < Recorder::kSmallestBudget) m_recorder.setBudget(bytes); // says why
    m_recordingBudget = bytes;
    shareBudget();
}

void TrainingSession::shareBudget() {
    // Each recording needs its least: under twice that, the earlier run goes.
    if (m_recordingBudget < 2 * Recorder::kSmallestBudget) m_earlier.reset();
    std::size_t earlier = 0;
    if (m_earlier) {
        Recorder& r = m_earlier->recorder;
        r.setBudget(
            std::max(Recorder::kSmallestBudget, std::min(r.bytes(), m_recordingBudget / 2)));
        earlier = r.bytes();
    }
    m_recorder.setBudget(std::max(Recorder::kSmallestBudget,
                                  m_recordingBudget > earlier ? m_recordingBudget - earlier : 0));
}

std::size_t TrainingSession::recordingBytes() const {
    return m_recorder.bytes() + (m_earlier ? m_earlier->recorder.bytes() : 0);
}

void TrainingSession::dropEarlier() {
    m_earlier.reset();
    shareBudget();
}

long TrainingSession::earlierBranch() const {
    return m_earlier ? m_earlier->branch : 0;
}

long TrainingSession::earlierLast() const {
    return m_earlier ? m_earlier->recorder.last() : 0;
}

long TrainingSession::showEarlier(long step) {
    if (!m_earlier) throw InvalidArgument(Engine::tr("there is no earlier run to compare with"));
    Earlier& e = *m_earlier;
    step = std::clamp(step, e.branch, e.recorder.last());
    Trainer& t = *e.trainer;
    const TrainerState* from = e.recorder.from(step);
    // Going on from where it stands is the same replay, where no kept state lies between.
    if (!from) throw InvalidArgument(Engine::tr("a recorded state does not fit this network"));
    if (!(t.steps() > from->steps && t.steps() <= step)) t.restoreState(*from);
    while (t.steps() < step)
        t.step();
    return step;
}

const Sequential& TrainingSession::earlierModel() const {
    if (!m_earlier) throw InvalidArgument(Engine::tr("there is no earlier run to compare with"));
    return *m_earlier->model;
}

const Trainer& TrainingSession::earlierTrainer() const {
    if (!m_earlier) throw InvalidArgument(Engine::tr("there is no earlier run to compare with"));
    return *m_earlier->trainer;
}

PlaneMaps TrainingSession::earlierPlaneMaps(int grid) const {
    return planeMapsOf(earlierModel(), grid);
}

void TrainingSession::seekEnd() {
    if (inPast()) seek(m_recorder.last());
}

void TrainingSession::onStep(const StepReport& report) {
    if (m_replaying) return;
    // Every step is a candidate; thinned as the path grows. On a device the host's weights are
    // those from before the call, so the point is taken when step() returns instead.
    const bool onHost = m_trainer->device().kind == Device::Cpu;
    if (onHost) recordTrajectory();
    // The detectors look at the step's activations where it ran on the host (every shard's
    // after a data-parallel step, the whole batch's after one split by units).
    std::vector<LayerActivation> activations;
    if (onHost) m_trainer->stepActivations(activations);
    m_watch->afterStep(report, activations);
    if (m_stepObserver) m_stepObserver(report);
}

void TrainingSession::scheduleRestarted() {
    m_scheduleEndPending = false;
    m_scheduleEndNoticed = m_trainer->scheduleEnded();
}

void TrainingSession::setOptimizer(const OptimizerConfig& config) {
    seekEnd();
    const int origin = m_trainer->scheduleOrigin();
    const Scalar base = m_trainer->config().optimizer.learningRate;
    m_trainer->setOptimizerConfig(config);
    m_setup.experiment.train.optimizer = config;
    if (m_trainer->scheduleOrigin() != origin || base != config.learningRate) scheduleRestarted();
    if (recordingHere()) m_recorder.record(*m_trainer, Recorder::Pin::Settings);
}

void TrainingSession::setSchedule(const Schedule& schedule) {
    if (schedule == m_trainer->config().schedule) return;
    seekEnd();
    m_trainer->setSchedule(schedule);
    m_setup.experiment.train.schedule = schedule;
    scheduleRestarted();
    if (recordingHere()) m_recorder.record(*m_trainer, Recorder::Pin::Settings);
}

void TrainingSession::setRegularization(const Regularization& regularization) {
    if (!(std::isfinite(regularization.l1) && std::isfinite(regularization.l2) &&
          regularization.l1 >= 0 && regularization.l2 >= 0))
        throw InvalidArgument(Engine::tr("L1 and L2 must be numbers ≥ 0"));
    seekEnd();
    m_trainer->setRegularization(regularization);
    m_setup.experiment.train.regularization = regularization;
    if (recordingHere()) m_recorder.record(*m_trainer, Recorder::Pin::Settings);
}

void TrainingSession::setWeight(int layer, int out, int in, double value) {
    seekEnd();
    Parameter* w = m_model->weight(layer);
    if (!w || w->value.shape().rank() != 2 || out < 0 || in < 0 || out >= w->value.shape()[0] ||
        in >= w->value.shape()[1])
        throw InvalidArgument(Engine::tr("There is no weight {1}→{2} in layer {3}."), in, out,
                              layer);
    // Finite as a double is not enough: 1e39 is +inf as a float32.
    const auto scalar = toScalar(value);
    if (!scalar)
        //: {1}: what is wrong with the weight typed in, as a sentence ("The weight is not finite").
        throw InvalidArgument(Engine::tr("{1}."),
                              scalarProblemMessage(Message(Engine::tr("The weight")), value));
    w->value[Index(out) * w->value.shape()[1] + in] = *scalar;
    if (recordingHere()) m_recorder.record(*m_trainer, Recorder::Pin::Edit);
}

std::vector<std::string> TrainingSession::featureNames() const {
    std::vector<std::string> names;
    for (int f = 0; f < kFeatureCount; ++f)
        if ((m_setup.features >> f) & 1u) names.emplace_back(featureName(static_cast<Feature>(f)));
    return names;
}

void TrainingSession::recordTrajectory() {
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

} // namespace gs
