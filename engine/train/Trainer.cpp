#include "Trainer.h"
#include "UnitSplit.h"

#include "DeviceStep.h"
#include "core/Allocator.h"
#include "core/Parallel.h"
#include "ops/Ops.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace gs {

namespace {
using Clock = std::chrono::steady_clock;

// Whether a layer computes each row of the batch as it would alone: not batch norm (the batch's
// statistics) nor dropout (masks drawn in the batch's order). No default: a new kind must be
// decided here before a data-parallel step splits it.
bool rowsIndependent(LayerKind kind) {
    switch (kind) {
    case LayerKind::BatchNorm1d:
    case LayerKind::BatchNorm2d:
    case LayerKind::Dropout:
    case LayerKind::Count:
        return false;
    case LayerKind::Linear:
    case LayerKind::Activation:
    case LayerKind::Softmax:
    case LayerKind::Conv2d:
    case LayerKind::MaxPool2d:
    case LayerKind::Flatten:
    case LayerKind::AvgPool2d:
    case LayerKind::GlobalAvgPool2d:
    case LayerKind::LayerNorm:
    case LayerKind::Add:
    case LayerKind::Concat:
        return true;
    }
    return false;
}

Index outputWidth(const Sequential& model, const Dataset& data) {
    std::vector<Index> dims = data.inputs.shape().toVector();
    dims[0] = 1;
    const auto shapes = model.shapes(Shape::fromVector(dims));
    if (shapes.empty()) throw InvalidArgument(Engine::tr("the network has no layers"));
    const Shape& last = shapes.back();
    if (last.rank() != 2)
        throw InvalidArgument(Engine::tr("the network must end with [batch, outputs], but ends "
                                         "with {1}: add Flatten and Linear layers"),
                              last.str());
    return last[1];
}
} // namespace

Trainer::Trainer(Sequential& model, const Dataset& train, const Dataset* test, TrainConfig config)
    : m_model(model)
    , m_train(train)
    , m_test(test)
    , m_config(config)
    , m_encoding(targetEncoding(config.loss, train, outputWidth(model, train)))
    , m_graph(config.seed)
    , m_optimizer(model.parameters(), config.optimizer)
    , m_loader(train, config.batchSize, config.shuffle, config.seed, config.dropLast) {
    keepFreedMemory();
    const auto& layers = model.layers();
    m_shardable = std::all_of(layers.begin(), layers.end(),
                              [](const LayerSpec& l) { return rowsIndependent(l.kind); });
    std::vector<Index> dims = train.inputs.shape().toVector();
    dims[0] = 1;
    const auto shapes = model.shapes(Shape::fromVector(dims));
    m_parameters = model.parameterCount();
    for (std::size_t i = 0; i < layers.size(); ++i)
        if (const Parameter* w = model.weight(int(i)); w && shapes[i].rank() >= 2)
            m_sampleWork += double(w->value.numel()) * double(shapes[i].numel() / shapes[i][1]);
    findUnitSplit();
}

// A shard of a data-parallel step: its rows of the batch, its graph (the trainer's own for the
// first shard, so that the views see a step's graph) and its share of the gradients.
struct Trainer::Shard {
    std::unique_ptr<Graph> graph; // null for the first
    Batch batch;
    Tensor targetScratch;
    std::vector<Tensor> gradients;
    double dataLoss = 0;
    Index correct = 0;
    Index rows = 0;
};

Trainer::~Trainer() = default;

namespace {
// Settings versions are unique across trainers, restores and recordings read from files.
std::atomic<std::uint64_t> g_settingsVersions{0};
std::uint64_t nextSettingsVersion() {
    return ++g_settingsVersions;
}
} // namespace

std::uint64_t Trainer::newSettingsVersion() {
    return nextSettingsVersion();
}

void Trainer::setOptimizerConfig(const OptimizerConfig& config) {
    const Scalar rate = config.learningRate != m_config.optimizer.learningRate
                            ? config.learningRate
                            : m_optimizer.config().learningRate;
    OptimizerConfig inEffect = config;
    inEffect.learningRate = rate;
    m_optimizer.setConfig(inEffect);
    if (config.learningRate != m_config.optimizer.learningRate) m_scheduleOrigin = m_epoch;
    m_config.optimizer = config;
    m_settingsVersion = nextSettingsVersion();
}

void Trainer::setRegularization(const Regularization& r) {
    m_config.regularization = r;
    m_settingsVersion = nextSettingsVersion();
}

void Trainer::setSchedule(const Schedule& schedule) {
    schedule.validate();
    if (schedule == m_config.schedule) return;
    m_config.schedule = schedule;
    m_scheduleOrigin = m_epoch;
    m_optimizer.setLearningRate(learningRate());
    m_settingsVersion = nextSettingsVersion();
}

Scalar Trainer::learningRate() const {
    return m_config.schedule.learningRate(m_config.optimizer.learningRate, scheduleEpoch());
}

bool Trainer::learningStopped() const {
    const double rate = learningRate();
    return rate == 0 || rate < kScheduleEndFraction * double(m_config.optimizer.learningRate);
}

namespace {
// Adam's (AdamW's, Adamax's) m̂ and v̂ of step t, for the step-through's update phase.
void addBiasCorrected(UpdateRecord& u, const OptimizerConfig& c, long t) {
    if (!optimizerInfo(c.kind).biasCorrected) return;
    const auto corrected = [&](const char* from, const char* name, Scalar beta) {
        for (const auto& [buffer, value] : u.state)
            if (buffer == from) {
                Tensor hat = value;
                hat.array() /= static_cast<Scalar>(1 - std::pow(double(beta), double(t)));
                u.state.emplace_back(name, std::move(hat));
                return;
            }
    };
    corrected("exp_avg", "m̂ = exp_avg / (1 − β₁ᵗ)", c.beta1);
    corrected("exp_avg_sq", "v̂ = exp_avg_sq / (1 − β₂ᵗ)", c.beta2);
}
} // namespace

template <class Work> auto Trainer::thenHost(const Work& work) {
    try {
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            toHost();
        } else {
            auto result = work();
            toHost();
            return result;
        }
    } catch (...) {
        try {
            toHost();
        } catch (...) {
            // The first error is the one to report; the device's copy is lost with the device.
        }
        throw;
    }
}

void Trainer::toHost() {
    if (!m_onDevice) return;
    m_onDevice = false; // a failed download must not be retried on the way out
    // After a step refused for its loss the device holds that step's gradients; the host keeps
    // the last accepted step's, as on the graph.
    const bool gradients = !m_refusedGradients;
    m_refusedGradients = false;
    m_deviceStep->download(m_model, m_optimizer, gradients);
    ++m_downloads;
}

void Trainer::toDevice() {
    if (m_onDevice) return;
    m_deviceStep->upload(m_model, m_optimizer);
    m_onDevice = true;
}

void Trainer::setDevice(const DeviceId& device) {
    if (device.kind == Device::Cpu) {
        toHost();
        m_deviceStep.reset();
        m_device = device;
        return;
    }
    setBackend(makeCudaBackend(device.ordinal));
}

void Trainer::setBackend(std::unique_ptr<Backend> backend) {
    toHost();
    const DeviceId device = backend->device();
    m_deviceStep = std::make_unique<DeviceStep>(std::move(backend), m_model, m_train.sampleShape(),
                                                m_config.batchSize, m_config.loss, m_encoding);
    m_device = device;
}

StepReport Trainer::step(StepTrace* trace) {
    return thenHost([&] { return stepOnce(trace); });
}

void Trainer::graphStep(StepTrace* trace, double& lossValue, Index& correct) {
    toHost();
    m_graph.reset();
    Var x = m_graph.inputView(m_batch.inputs, "x");
    Var output = m_model.forward(m_graph, x, true).named("output");
    Var dataLoss = recordLoss(m_graph, m_config.loss, m_encoding, output, m_batch, m_targetScratch);
    Var loss = addRegularization(m_graph, dataLoss, m_model, m_config.regularization);
    lossValue = dataLoss.value()[0];
    checkLoss(loss.value()[0], lossValue);
    if (m_firstLoss < 0) m_firstLoss = loss.value()[0];
    // The gradients replace the last step's (optimizer.zero_grad() without writing zeros).
    BackwardOptions options;
    options.replaceGradients = &m_optimizer.parameters();
    if (trace) {
        recordForward(*trace, loss);
        BackwardRun run = m_graph.beginBackward(loss, options);
        while (!run.done())
            trace->backward.push_back(run.step());
        for (const Parameter* p : m_optimizer.parameters())
            trace->updates.push_back({p->name, p->value, p->grad, {}, {}, {}});
    } else {
        m_graph.backward(loss, options);
    }
    checkGradients();
    m_optimizer.step();
    m_model.updateRunningStatistics(m_graph); // batch norm's, once the step is taken
    ++m_steps;
    checkWeights();
    if (trace) {
        trace->step = m_steps;
        for (std::size_t i = 0; i < trace->updates.size(); ++i) {
            UpdateRecord& u = trace->updates[i];
            u.after = m_optimizer.parameters()[i]->value;
            u.update = m_optimizer.state(i).lastUpdate;
            u.state = m_optimizer.state(i).buffers;
            addBiasCorrected(u, m_optimizer.config(), m_optimizer.steps());
        }
    }
    correct =
        m_train.isClassification() ? countCorrect(output.value(), m_batch.labels, m_encoding) : 0;
}

void Trainer::deviceStep(double& lossValue, Index& correct, StepReport* stats) {
    toDevice();
    // Each step's dropout masks from the run's seed and the step's number.
    const std::uint64_t seed = m_config.seed * 0x9e3779b97f4a7c15ULL + std::uint64_t(m_steps);
    const DeviceStep::Result r =
        m_deviceStep->forwardBackward(m_batch, m_config.regularization, seed);
    lossValue = r.dataLoss;
    const double loss = r.dataLoss + r.penalty;
    try {
        checkLoss(loss, r.dataLoss, false);
    } catch (const TrainingError&) {
        m_refusedGradients = true;
        throw;
    }
    if (m_firstLoss < 0) m_firstLoss = loss;
    const auto& parameters = m_optimizer.parameters();
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (!std::isfinite(r.largestGrad[i])) gradientDiverged(parameters[i]->name);
    const DeviceStep::Update u = m_deviceStep->update(m_optimizer.config(), stats != nullptr);
    ++m_steps;
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (!(u.largestWeight[i] <= kWeightBound))
            weightDiverged(parameters[i]->name, u.largestWeight[i]);
    correct = r.correct;
    if (stats)
        collectLayerStats(*stats, [&u](std::size_t i) {
            return std::array<double, 3>{u.gradNorm[i], u.updateNorm[i], u.weightNorm[i]};
        });
}

void Trainer::setDataParallel(bool on) {
    m_dataParallel = on;
    if (on) return;
    m_shards.clear(); // their graphs and gradients
    m_lastShards = 1;
    m_lastUnitParts = 1;
}

const Graph& Trainer::stepGraph(int shard) const {
    if (shard < 0 || shard >= m_lastShards)
        throw InvalidArgument(Engine::tr("no shard {1} in the last step (it had {2})"), shard,
                              m_lastShards);
    return shard == 0 ? m_graph : *m_shards[std::size_t(shard)]->graph;
}

void Trainer::stepActivations(std::vector<LayerActivation>& out) const {
    if (m_lastUnitParts > 1) {
        out.push_back(
            {m_units->activation, activationOp(m_units->function), &m_units->hiddenLayer()});
        appendActivations(m_graph, out);
        return;
    }
    for (int k = 0; k < m_lastShards; ++k)
        appendActivations(stepGraph(k), out);
}

void appendActivations(const Graph& graph, std::vector<LayerActivation>& out) {
    for (int id = 0; id < graph.size(); ++id) {
        const Node& n = graph.node(id);
        if (n.layer >= 0 && activationOf(n.op)) out.push_back({n.layer, n.op, &n.output()});
    }
}

bool Trainer::splittable() const {
    return m_dataParallel && m_shardable && m_config.regularization.l1 == 0 &&
           m_config.regularization.l2 == 0;
}

int Trainer::shardsFor(Index rows) const {
    if (!splittable()) return 1;
    // Each shard at least kShardRows rows and kShardWork multiply-adds: below that, handing the
    // shards out costs more than they save. And each shard kShardReuse multiply-adds per
    // parameter: every step the weights cross from the core that updated them to every other,
    // and the shards' gradients back, which on the machine of docs/benchmarks.md made a
    // 784-128-10 MLP's epoch 1.15 times one thread's in 32-row shards (its weights as large as
    // a shard's work), while a CNN's shards, 2,250 multiply-adds per parameter, pay well.
    constexpr Index kShardRows = 4;
    constexpr double kShardWork = double(1 << 20), kShardReuse = 48;
    const double work = double(rows) * m_sampleWork;
    const Index byRows = rows / kShardRows;
    const auto byWork = static_cast<Index>(work / kShardWork);
    const auto byReuse =
        static_cast<Index>(work / (kShardReuse * double(std::max<Index>(1, m_parameters))));
    return static_cast<int>(
        std::max<Index>(1, std::min({Index(threadCount()), byRows, byWork, byReuse})));
}

namespace {
// A data-parallel step's gradients are already spread over the threads' caches: its passes over
// them split from far smaller parts than kParallelElements, one range per shard, so that each
// thread combines and updates the range of its own shard every step (part p goes to thread p,
// core/Parallel.h).
constexpr Index kShardSplit = Index(1) << 14;
} // namespace

bool Trainer::shardedStep(int shards, double& lossValue, Index& correct, Index& rows) {
    toHost();
    rows = m_loader.nextBatchRows();
    const std::vector<Parameter*>& parameters = m_optimizer.parameters();
    while (m_shards.size() < std::size_t(shards)) {
        auto shard = std::make_unique<Shard>();
        if (!m_shards.empty()) shard->graph = std::make_unique<Graph>(m_config.seed);
        m_shards.push_back(std::move(shard));
    }
    // Every shard keeps its gradients apart, the first too: Parameter::grad keeps the last
    // step's until this one is accepted.
    struct Homes {
        Graph& graph;
        ~Homes() { graph.setGradientHomes(nullptr, nullptr); }
    } homes{m_graph};
    try {
        runParts(shards, [&](int k) {
            Shard& shard = *m_shards[std::size_t(k)];
            Graph& graph = shard.graph ? *shard.graph : m_graph;
            shard.gradients.resize(parameters.size());
            graph.setGradientHomes(&parameters, &shard.gradients);
            m_loader.gather(rows * k / shards, rows * (k + 1) / shards, shard.batch);
            shard.rows = shard.batch.size();
            graph.reset();
            Var x = graph.inputView(shard.batch.inputs, "x");
            Var output = m_model.forward(graph, x, true).named("output");
            Var loss = recordLoss(graph, m_config.loss, m_encoding, output, shard.batch,
                                  shard.targetScratch);
            shard.dataLoss = loss.value()[0];
            if (!std::isfinite(shard.dataLoss)) return;
            BackwardOptions options;
            options.replaceGradients = &parameters;
            graph.backward(loss, options);
            shard.correct = m_train.isClassification()
                                ? countCorrect(output.value(), shard.batch.labels, m_encoding)
                                : 0;
        });
    } catch (...) {
        m_loader.skip(); // as the graph's step, which takes the batch before it fails
        m_lastShards = 1;
        throw;
    }
    // The batch's mean loss and gradient: each shard's mean, weighted by its share of the rows.
    const auto weight = [&](int k) {
        return double(m_shards[std::size_t(k)]->rows) / double(rows);
    };
    double loss = 0;
    correct = 0;
    for (int k = 0; k < shards; ++k) {
        loss += m_shards[std::size_t(k)]->dataLoss * weight(k);
        correct += m_shards[std::size_t(k)]->correct;
    }
    if (!std::isfinite(loss)) return false;
    // Into the first shard's gradients, which take Parameter::grad's place once they are known
    // to be finite (else the whole batch's graph finds where the NaN began).
    std::atomic<bool> finite = true;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        Scalar* g = m_shards[0]->gradients[i].data();
        const Index n = m_shards[0]->gradients[i].numel();
        parallelRanges(n, n >= kShardSplit ? shards : 1, 16, [&](Index begin, Index end) {
            for (int k = 1; k < shards; ++k) {
                const Scalar* gk = m_shards[std::size_t(k)]->gradients[i].data();
                const auto w0 = Scalar(weight(0)), wk = Scalar(weight(k));
                if (k == 1)
                    for (Index e = begin; e < end; ++e)
                        g[e] = w0 * g[e] + wk * gk[e];
                else
                    for (Index e = begin; e < end; ++e)
                        g[e] += wk * gk[e];
            }
            if (!std::isfinite(largestMagnitude(g + begin, end - begin))) finite = false;
        });
    }
    if (!finite) return false;
    m_loader.skip();
    lossValue = loss;
    checkLoss(loss, loss, false);
    if (m_firstLoss < 0) m_firstLoss = loss;
    for (std::size_t i = 0; i < parameters.size(); ++i)
        std::swap(parameters[i]->grad, m_shards[0]->gradients[i]);
    m_optimizer.step(kShardSplit, shards);
    ++m_steps;
    checkWeights();
    return true;
}

StepReport Trainer::stepOnce(StepTrace* trace) {
    const auto start = Clock::now();
    if (m_loader.atEpochEnd()) m_loader.startEpoch();
    const Scalar lr = learningRate();
    if (lr != m_optimizer.config().learningRate) m_optimizer.setLearningRate(lr);

    double lossValue = 0;
    Index correct = 0;
    Index rows = 0;
    StepReport report;
    const bool onDevice = m_deviceStep && !trace;
    // An untraced step on the host may be split across the threads: by units, or by rows.
    const bool split = !onDevice && !trace;
    const int units = split ? unitPartsFor(m_loader.nextBatchRows()) : 1;
    const int shards = split && units <= 1 ? shardsFor(m_loader.nextBatchRows()) : 1;
    m_lastUnitParts = units;
    m_lastShards = shards;
    if (!(units > 1 && unitStep(units, lossValue, correct, rows)) &&
        !(shards > 1 && shardedStep(shards, lossValue, correct, rows))) {
        m_lastShards = m_lastUnitParts = 1;
        m_loader.next(m_batch);
        rows = m_batch.size();
        if (onDevice)
            deviceStep(lossValue, correct, m_collectLayerStats ? &report : nullptr);
        else
            graphStep(trace, lossValue, correct);
    }

    m_epochLossSum += lossValue * double(rows);
    m_epochSamples += rows;
    m_epochCorrect += correct;
    m_epochSeconds += std::chrono::duration<double>(Clock::now() - start).count();

    report.step = m_steps;
    report.epoch = m_epoch;
    report.batchesPerEpoch = m_loader.batchesPerEpoch();
    report.batchInEpoch = (m_loader.position() + m_loader.batchSize() - 1) / m_loader.batchSize();
    report.batchLoss = lossValue;
    report.learningRate = lr;
    if (m_collectLayerStats && m_lastUnitParts > 1) {
        const auto norms = unitNorms();
        collectLayerStats(report, [&norms](std::size_t i) { return norms[i]; });
    } else if (m_collectLayerStats && !onDevice)
        collectLayerStats(report, [this](std::size_t i) {
            const Parameter& p = *m_optimizer.parameters()[i];
            return std::array<double, 3>{double(p.grad.matrix().norm()),
                                         double(m_optimizer.state(i).lastUpdate.matrix().norm()),
                                         double(p.value.matrix().norm())};
        });
    if (m_stepObserver) m_stepObserver(report);
    if (m_loader.atEpochEnd()) finishEpoch();
    if (m_stepEndObserver) m_stepEndObserver();
    return report;
}

namespace {
// `diverged`, a sentence that says how the step diverged, and the advice after it.
Message keptAfter(const Message& diverged) {
    //: {1}: the sentence before, on how training diverged.
    return Message(Engine::tr("{1} Lower the learning rate and reset; the weights are kept as they "
                              "were before this step."),
                   diverged);
}

// `diverged`, then where and why it began and what usually fixes it (Diagnosis.h).
Message explained(const Message& diverged, const NonFiniteOrigin& origin) {
    //: {1}: how training diverged, {2}: where and why it began, with advice.
    return Message(Engine::tr("{1} {2} The weights are kept as they were before this step."),
                   diverged, describe(origin));
}

bool allFinite(const Tensor& t) {
    return std::isfinite(t.largestMagnitude());
}

} // namespace

void Trainer::checkLoss(double loss, double dataLoss, bool onGraph) const {
    if (!std::isfinite(loss)) {
        // {1} (epoch {2}): the step about to be taken.
        const Message diverged(
            std::isnan(dataLoss) ? Engine::tr("the loss became NaN at step {1} (epoch {2}).")
                                 : Engine::tr("the loss became infinite at step {1} (epoch {2})."),
            m_steps + 1, m_epoch + 1);
        // Where it began: the first node of the forward pass whose value is not finite.
        if (auto origin = onGraph ? forwardOrigin(m_graph) : std::nullopt) {
            Message text = explained(diverged, *origin);
            throw TrainingError(std::move(text), std::move(*origin));
        }
        throw TrainingError(keptAfter(diverged));
    }
    if (m_firstLoss > 0 && loss > kDivergenceFloor && loss > kDivergenceFactor * m_firstLoss)
        throw TrainingError(keptAfter(Message(
            Engine::tr("the loss grew to {1} at step {2} (epoch {3}), more than {4} times the {5} "
                       "of the first step: training diverged (it is stopped here, before the "
                       "numbers overflow to NaN)."),
            shortNumber(loss), m_steps + 1, m_epoch + 1, long(kDivergenceFactor),
            shortNumber(m_firstLoss))));
}

void Trainer::checkGradients() const {
    for (const Parameter* p : m_optimizer.parameters())
        if (!allFinite(p->grad)) {
            if (auto origin = backwardOrigin(m_graph)) {
                //: {1}: a parameter, {2} (epoch {3}): the step about to be taken.
                const Message diverged(Engine::tr("the gradient of {1} became NaN or infinite at "
                                                  "step {2} (epoch {3})."),
                                       p->name, m_steps + 1, m_epoch + 1);
                Message text = explained(diverged, *origin);
                throw TrainingError(std::move(text), std::move(*origin));
            }
            gradientDiverged(p->name);
        }
}

void Trainer::gradientDiverged(const std::string& parameter) const {
    throw TrainingError(keptAfter(Message(Engine::tr("the gradient of {1} became NaN or infinite "
                                                     "at step {2} (epoch {3}): the weights "
                                                     "diverged."),
                                          parameter, m_steps + 1, m_epoch + 1)));
}

void Trainer::checkWeights() const {
    const auto& parameters = m_optimizer.parameters();
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const double largest = double(m_optimizer.largestWeight(i)); // NaN fails the test
        if (!(largest <= kWeightBound)) weightDiverged(parameters[i]->name, largest);
    }
}

void Trainer::weightDiverged(const std::string& parameter, double largest) const {
    throw TrainingError(Engine::tr("a weight of {1} reached {2} at step {3}, beyond ±{4}: training "
                                   "diverged. Lower the learning rate and reset; the weights are "
                                   "those after this step."),
                        parameter, shortNumber(largest), m_steps, shortNumber(kWeightBound));
}

void Trainer::recordForward(StepTrace& trace, const Var& loss) const {
    trace = StepTrace{};
    trace.batch = m_batch.size();
    trace.loss = loss.value()[0];
    trace.optimizer = optimizerLabel(m_optimizer.config());
    trace.rule = updateRule(m_optimizer.config());
    trace.learningRate = m_optimizer.config().learningRate;
    for (int id = 0; id < m_graph.size(); ++id) {
        const Node& n = m_graph.node(id);
        trace.nodeNames.push_back(m_graph.nodeName(id));
        ForwardRecord r;
        r.node = id;
        r.name = trace.nodeNames.back();
        r.op = n.op;
        r.layer = n.layer;
        r.value = n.output();
        for (int i = 0; i < n.inputCount; ++i) {
            r.inputs.push_back(m_graph.nodeName(n.inputs[std::size_t(i)]));
            r.inputIds.push_back(n.inputs[std::size_t(i)]);
        }
        trace.forward.push_back(std::move(r));
    }
}

void Trainer::collectLayerStats(
    StepReport& report, const std::function<std::array<double, 3>(std::size_t)>& norms) const {
    const auto& all = m_model.parameters();
    for (std::size_t i = 0; i < m_model.layers().size(); ++i) {
        const Parameter* weight = m_model.weight(static_cast<int>(i));
        if (!weight) continue;
        const auto [grad, update, value] = norms(
            static_cast<std::size_t>(std::find(all.begin(), all.end(), weight) - all.begin()));
        LayerStats s;
        s.layer = static_cast<int>(i);
        s.gradientNorm = grad;
        s.updateRatio = value > 0 ? update / value : 0;
        report.layers.push_back(s);
    }
}

EpochReport Trainer::finishEpoch() {
    ++m_epoch;
    EpochReport r;
    r.epoch = m_epoch;
    r.step = m_steps;
    r.trainLoss = m_epochSamples ? m_epochLossSum / double(m_epochSamples) : 0;
    r.trainAccuracy = m_train.isClassification() && m_epochSamples
                          ? double(m_epochCorrect) / double(m_epochSamples)
                          : -1;
    r.seconds = m_epochSeconds;
    r.samplesPerSecond = m_epochSeconds > 0 ? double(m_epochSamples) / m_epochSeconds : 0;
    if (m_test) r.test = evaluate(*m_test);
    m_epochLossSum = 0;
    m_epochSamples = 0;
    m_epochCorrect = 0;
    m_epochSeconds = 0;
    if (m_epochObserver) m_epochObserver(r);
    return r;
}

std::optional<EpochReport> Trainer::runEpoch() {
    m_stop = false;
    const int epochBefore = m_epoch;
    std::optional<EpochReport> finished;
    auto previous = m_epochObserver;
    m_epochObserver = [&](const EpochReport& r) {
        finished = r;
        if (previous) previous(r);
    };
    try {
        thenHost([&] {
            while (!m_stop && m_epoch == epochBefore)
                stepOnce(nullptr);
        });
    } catch (...) {
        m_epochObserver = previous;
        throw;
    }
    m_epochObserver = previous;
    return finished;
}

void Trainer::run(int epochs) {
    m_stop = false;
    const int target = m_epoch + epochs;
    thenHost([&] {
        while (!m_stop && m_epoch < target)
            stepOnce(nullptr);
    });
}

void Trainer::stepWhile(const std::function<bool()>& more) {
    thenHost([&] {
        while (more())
            stepOnce(nullptr);
    });
}

void Trainer::runSteps(long steps) {
    m_stop = false;
    thenHost([&] {
        for (long i = 0; i < steps && !m_stop; ++i)
            stepOnce(nullptr);
    });
}

void Trainer::restorePosition(long steps, int epochs) {
    const Index perEpoch = m_loader.batchesPerEpoch();
    if (steps < 0 || epochs < 0 || Index(epochs) * perEpoch > steps ||
        Index(epochs + 1) * perEpoch < steps)
        throw InvalidArgument(Engine::tr("a saved position of {1} steps and {2} epochs does not "
                                         "fit {3} batches per epoch"),
                              steps, epochs, perEpoch);
    for (long s = 0; s < steps; ++s) { // what step() does, without the work
        if (m_loader.atEpochEnd()) m_loader.startEpoch();
        m_loader.skip();
    }
    m_steps = steps;
    m_epoch = epochs;
}

Batch Trainer::nextBatch() const {
    DataLoader loader = m_loader; // as step() draws it
    if (loader.atEpochEnd()) loader.startEpoch();
    Batch batch;
    loader.next(batch);
    return batch;
}

TrainerState Trainer::captureState(const TrainerState* previous) const {
    TrainerState s;
    s.steps = m_steps;
    s.epoch = m_epoch;
    s.scheduleOrigin = m_scheduleOrigin;
    s.firstLoss = m_firstLoss;
    s.epochLossSum = m_epochLossSum;
    s.epochCorrect = m_epochCorrect;
    s.epochSamples = m_epochSamples;
    s.epochSeconds = m_epochSeconds;
    s.optimizerSteps = m_optimizer.steps();
    if (previous && previous->settings && previous->settings->version == m_settingsVersion)
        s.settings = previous->settings;
    else
        s.settings = std::make_shared<const TrainerState::Settings>(
            TrainerState::Settings{m_config, m_optimizer.config(), m_settingsVersion});
    // The values, flat: parameters, model buffers, optimizer buffers.
    const std::size_t parameters = m_optimizer.parameters().size();
    // The buffers' names, shared with `previous` where they are the same (almost always).
    bool sameNames =
        previous && previous->optimizerBuffers && previous->optimizerBuffers->size() == parameters;
    std::size_t count = 0;
    for (const Parameter* p : m_model.parameters())
        count += std::size_t(p->value.numel());
    for (const auto& b : m_model.buffers())
        count += std::size_t(b.value.numel());
    for (std::size_t i = 0; i < parameters; ++i) {
        const auto& buffers = m_optimizer.state(i).buffers;
        if (sameNames) {
            const auto& names = (*previous->optimizerBuffers)[i];
            sameNames = names.size() == buffers.size();
            for (std::size_t k = 0; sameNames && k < buffers.size(); ++k)
                sameNames = names[k] == buffers[k].first;
        }
        for (const auto& [name, buffer] : buffers)
            count += std::size_t(buffer.numel());
    }
    s.values.reserve(count);
    const auto append = [&s](const Tensor& t) {
        s.values.insert(s.values.end(), t.data(), t.data() + t.numel());
    };
    for (const Parameter* p : m_model.parameters())
        append(p->value);
    for (const auto& b : m_model.buffers())
        append(b.value);
    for (std::size_t i = 0; i < parameters; ++i)
        for (const auto& [name, buffer] : m_optimizer.state(i).buffers)
            append(buffer);
    if (sameNames) {
        s.optimizerBuffers = previous->optimizerBuffers;
    } else {
        std::vector<std::vector<std::string>> names(parameters);
        for (std::size_t i = 0; i < parameters; ++i)
            for (const auto& [name, buffer] : m_optimizer.state(i).buffers)
                names[i].push_back(name);
        s.optimizerBuffers =
            std::make_shared<const std::vector<std::vector<std::string>>>(std::move(names));
    }
    s.shuffles = m_loader.shuffles();
    s.position = m_loader.position();
    const bool dropout =
        std::any_of(m_model.layers().begin(), m_model.layers().end(),
                    [](const LayerSpec& l) { return l.kind == LayerKind::Dropout; });
    if (dropout) {
        if (previous && previous->dropout && *previous->dropout == m_graph.rng())
            s.dropout = previous->dropout;
        else
            s.dropout = std::make_shared<const std::mt19937_64>(m_graph.rng());
    }
    return s;
}

void Trainer::restoreState(const TrainerState& s) {
    toHost();
    const auto& parameters = m_model.parameters();
    if (!s.settings || !s.optimizerBuffers || s.optimizerBuffers->size() != parameters.size())
        throw InvalidArgument(Engine::tr("a recorded state does not fit this network"));
    std::size_t need = 0;
    for (const Parameter* p : parameters)
        need += std::size_t(p->value.numel());
    for (const auto& b : m_model.buffers())
        need += std::size_t(b.value.numel());
    for (std::size_t i = 0; i < parameters.size(); ++i)
        need += (*s.optimizerBuffers)[i].size() * std::size_t(parameters[i]->value.numel());
    if (need != s.values.size())
        throw InvalidArgument(Engine::tr("a recorded state does not fit this network"));
    m_loader.rewind(s.shuffles, s.position);
    const Scalar* v = s.values.data();
    const auto take = [&v](Tensor& t) {
        std::copy(v, v + t.numel(), t.data());
        v += t.numel();
    };
    for (Parameter* p : parameters) {
        take(p->value);
        p->zeroGrad();
    }
    for (const auto& b : m_model.buffers())
        take(m_model.buffer(b.name)->value);
    m_config = s.settings->config;
    m_optimizer.setConfig(s.settings->inEffect);
    std::vector<OptimizerState> state(parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i)
        for (const std::string& name : (*s.optimizerBuffers)[i]) {
            Tensor buffer(parameters[i]->value.shape());
            take(buffer);
            state[i].buffers.emplace_back(name, std::move(buffer));
        }
    m_optimizer.setState(s.optimizerSteps, std::move(state));
    m_settingsVersion = s.settings->version;
    m_steps = s.steps;
    m_epoch = s.epoch;
    m_scheduleOrigin = s.scheduleOrigin;
    m_firstLoss = s.firstLoss;
    m_epochLossSum = s.epochLossSum;
    m_epochCorrect = s.epochCorrect;
    m_epochSamples = s.epochSamples;
    m_epochSeconds = s.epochSeconds;
    m_graph.reset();
    if (s.dropout) m_graph.rng() = *s.dropout;
}

Evaluation Trainer::evaluate(const Dataset& data) {
    toHost();
    Evaluation e;
    const TargetEncoding encoding = targetEncoding(m_config.loss, data, outputWidth(m_model, data));
    DataLoader loader(data, 1000, false, 0);
    Batch batch;
    Tensor scratch;
    double lossSum = 0;
    Index correct = 0;
    while (loader.next(batch)) {
        m_evalGraph.reset();
        NoGradGuard guard(m_evalGraph);
        Var x = m_evalGraph.inputView(batch.inputs, "x");
        Var output = m_model.forward(m_evalGraph, x, false);
        Var loss = recordLoss(m_evalGraph, m_config.loss, encoding, output, batch, scratch);
        lossSum += double(loss.value()[0]) * double(batch.size());
        if (data.isClassification())
            correct += countCorrect(output.value(), batch.labels, encoding);
        e.samples += batch.size();
    }
    e.loss = e.samples ? lossSum / double(e.samples) : 0;
    e.accuracy = data.isClassification() && e.samples ? double(correct) / double(e.samples) : -1;
    return e;
}

} // namespace gs
