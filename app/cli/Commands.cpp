#include "Commands.h"

#include "Arguments.h"
#include "CliText.h"
#include "core/Parallel.h"
#include "data/Csv.h"
#include "data/Idx.h"
#include "io/Files.h"
#include "io/KerasExport.h"
#include "io/ModelFile.h"
#include "io/Onnx.h"
#include "io/PytorchExport.h"
#include "io/Serialize.h"
#include "io/Session.h"
#include "io/TraceJson.h"
#include "ops/Ops.h"
#include "plot/ChartExport.h"
#include "train/Experiment.h"
#include "train/GradCheck.h"
#include "train/Metrics.h"
#include "train/TrainingSession.h"

#include <QApplication>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace gs::cli {

namespace {

using Clock = std::chrono::steady_clock;

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string duration(double seconds) {
    const long s = std::lround(seconds);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

// A one-line progress bar with ETA on stderr, only when stderr is a terminal.
class Progress {
public:
    explicit Progress(long total)
        : m_total(total)
        , m_enabled(::isatty(STDERR_FILENO) && total > 0)
        , m_start(Clock::now()) {}
    void update(long done, double loss) {
        if (!m_enabled) return;
        const auto now = Clock::now();
        if (done < m_total && now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        const double fraction = double(done) / double(m_total);
        const int width = 30;
        const int filled = static_cast<int>(fraction * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.append(static_cast<std::size_t>(width - filled), '-');
        const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
        //: The progress bar's line: [bar] percent, steps done of all, the batch loss, the time
        //: left.
        print(stderr, QLatin1Char('\r') + Cli::tr("[%1] %2%  step %3/%4  loss %5  ETA %6 ")
                                              .arg(QString::fromStdString(bar))
                                              .arg(int(fraction * 100), 3)
                                              .arg(done)
                                              .arg(m_total)
                                              .arg(QString::fromStdString(fixed(loss, 4)),
                                                   QString::fromStdString(duration(eta))));
        std::fflush(stderr);
    }
    void clear() {
        if (m_enabled) std::fprintf(stderr, "\r%*s\r", 90, "");
    }

private:
    long m_total;
    bool m_enabled;
    Clock::time_point m_start;
    Clock::time_point m_last{};
};

Json epochJson(const EpochReport& r) {
    Json j = Json::object();
    j.set("epoch", r.epoch);
    j.set("train_loss", r.trainLoss);
    j.set("test_loss", r.test.samples ? Json(r.test.loss) : Json());
    j.set("accuracy", r.test.accuracy >= 0 ? Json(r.test.accuracy) : Json());
    j.set("seconds", r.seconds);
    j.set("samples_per_s", r.samplesPerSecond);
    return j;
}

// `rate`: the learning rate of the epoch's last step, shown when a schedule changes it (< 0: not).
QString epochLine(const EpochReport& r, int epochs, double rate) {
    const auto number = [](double v, int digits) {
        return QString::fromStdString(fixed(v, digits));
    };
    QString line = Cli::tr("epoch %1/%2").arg(r.epoch).arg(epochs);
    if (rate >= 0) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3g", rate);
        line += Cli::tr("  lr %1").arg(QString::fromLatin1(text));
    }
    line += Cli::tr("  train loss %1").arg(number(r.trainLoss, 4));
    if (r.test.samples) line += Cli::tr("  test loss %1").arg(number(r.test.loss, 4));
    if (r.test.accuracy >= 0)
        line += Cli::tr("  test accuracy %1%").arg(number(100 * r.test.accuracy, 2));
    else if (r.trainAccuracy >= 0)
        line += Cli::tr("  train accuracy %1%").arg(number(100 * r.trainAccuracy, 2));
    line +=
        Cli::tr("  %1 s  %2 samples/s").arg(number(r.seconds, 2), number(r.samplesPerSecond, 0));
    return line;
}

std::unique_ptr<QApplication>& guiApplication() {
    static std::unique_ptr<QApplication> app;
    return app;
}

// QApplication on demand, offscreen when there is no display (for --plot).
void ensureGuiApplication() {
    if (QApplication::instance()) return;
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") &&
        !std::getenv("QT_QPA_PLATFORM"))
        ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    // Qt's notice that XDG_RUNTIME_DIR is unset is noise for a command-line tool.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (!message.startsWith(QLatin1String("QStandardPaths:")))
            std::fprintf(stderr, "%s%s\n", type >= QtCriticalMsg ? "error: " : "",
                         qPrintable(message));
    });
    static int argc = 1;
    static char name[] = "gradscope-cli";
    static char* argv[] = {name, nullptr};
    guiApplication() = std::make_unique<QApplication>(argc, argv);
    ui::installInApplication(); // the plot's titles
}

} // namespace

// Before static destruction: Qt's per-thread font caches, made while a plot was drawn, are freed
// with the application (at exit they would outlive the storage that owns them).
void closeGuiApplication() {
    guiApplication().reset();
}

namespace {

// --schedule KIND and its settings (the names of the presets' "schedule" keys): they change
// the preset's or model's schedule. A setting the schedule does not have is an error, not
// silently ignored.
void applySchedule(const Arguments& a, Schedule& schedule) {
    if (const auto kind = a.text("--schedule")) {
        const auto k = Schedule::kindFromName(*kind);
        if (!k)
            throw UsageError(Engine::tr("unknown schedule '{1}' (constant, step, exponential, "
                                        "cosine)"),
                             *kind);
        schedule.kind = *k;
    }
    // `which`: the sentence's end, naming the schedules the flag sets.
    const auto applies = [&](const char* flag, std::initializer_list<ScheduleKind> kinds,
                             const Message& which) {
        if (!a.has(flag)) return false;
        for (const ScheduleKind k : kinds)
            if (k == schedule.kind) return true;
        throw UsageError(Engine::tr("{1} does not apply to the {2} schedule ({3}; choose one "
                                    "with --schedule)"),
                         flag, scheduleKindName(schedule.kind), which);
    };
    if (applies("--step-size", {ScheduleKind::Step},
                Message(Engine::tr("it sets the step schedule"))))
        schedule.stepSize = int(*a.integer("--step-size", 1, 1'000'000));
    if (applies("--gamma", {ScheduleKind::Step, ScheduleKind::Exponential},
                Message(Engine::tr("it sets the step and exponential schedules"))))
        schedule.gamma = Scalar(*a.number("--gamma", 1e-6, 10));
    if (applies("--max-epochs", {ScheduleKind::Cosine},
                Message(Engine::tr("it sets the cosine schedule"))))
        schedule.maxEpochs = int(*a.integer("--max-epochs", 1, 1'000'000));
    if (applies("--min-lr", {ScheduleKind::Cosine},
                Message(Engine::tr("it sets the cosine schedule"))))
        schedule.minLearningRate = Scalar(*a.number("--min-lr", 0, 1e6));
    schedule.validate();
}

// "run.json" → "run.diverged.json": a file beside `path` with `tag` before its extension.
std::string besideTarget(const std::string& path, const std::string& tag) {
    const std::size_t slash = path.find_last_of('/');
    const std::size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash) ||
        dot == (slash == std::string::npos ? 0 : slash + 1))
        return path + tag;
    return path.substr(0, dot) + tag + path.substr(dot);
}

// --preset NAME: a built-in preset, or a preset file of one's own (a name ending in .json or
// holding a '/'), in the format of resources/presets.
Experiment presetNamed(const std::string& name) {
    if (const Experiment* preset = findPreset(name)) return *preset;
    if (name.ends_with(".json") || name.find('/') != std::string::npos)
        return parseExperiment(readFile(name, Message(Engine::tr("preset file"))), name);
    throw UsageError(Engine::tr("there is no preset '{1}' (gradscope-cli presets lists them; a "
                                "preset file ends in .json)"),
                     name);
}

} // namespace

int presetsCommand(const std::vector<std::string>& args) {
    Arguments(args, {}, {});
    std::size_t width = 0;
    for (const Experiment& e : presets())
        width = std::max(width, e.name.size());
    for (const Experiment& e : presets()) {
        QString summary = ui::presetDescription(e.description); // its first sentence
        for (const QString& end : {QStringLiteral(". "), QStringLiteral("。")})
            if (const auto at = summary.indexOf(end); at >= 0) summary.truncate(at + 1);
        std::printf("%-*s  %s\n", int(width), e.name.c_str(), summary.toUtf8().constData());
    }
    return 0;
}

int devicesCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {}, {});
    print(stdout, Cli::tr("cpu     %1 threads (--threads)\n").arg(threadCount()));
    const GpuList list = listGpus();
    for (const DeviceInfo& gpu : list.gpus)
        std::printf("%s\n", gpu.describe().c_str());
    if (list.gpus.empty()) print(stdout, Cli::tr("no GPU: %1\n").arg(ui::translated(list.why)));
    return 0;
}

int trainCommand(const std::vector<std::string>& args) {
    const Arguments a(args,
                      {"--preset",       "--model",     "--data",      "--epochs", "--steps",
                       "--batch",        "--optimizer", "--lr",        "--seed",   "--threads",
                       "--device",       "--save",      "--metrics",   "--plot",   "--save-initial",
                       "--sample-order", "--schedule",  "--step-size", "--gamma",  "--max-epochs",
                       "--min-lr"},
                      {"--json", "--whole-batches"});
    if (a.has("--preset") == a.has("--model"))
        throw UsageError(Engine::tr("train needs --preset NAME or --model FILE (one of them)"));
    if (a.has("--epochs") && a.has("--steps"))
        throw UsageError(Engine::tr("--epochs and --steps cannot be used together"));
    const bool json = a.has("--json");

    Experiment experiment;
    std::unique_ptr<LoadedModel> loaded;
    FeatureMask features = kRawFeatures; // a session's input features of 2-D data
    if (const auto name = a.text("--preset")) {
        experiment = presetNamed(*name);
    } else {
        const std::string path = *a.text("--model");
        loaded = std::make_unique<LoadedModel>(loadModelOrSession(path, &features));
        if (loaded->experiment.isNull())
            throw Error(Engine::tr("{1} holds no data and training settings (\"experiment\"): "
                                   "save it from a run with --save, or train a preset"),
                        path);
        experiment = experimentFromJson(loaded->experiment, path);
    }
    if (const auto e = a.integer("--epochs", 1, 1'000'000))
        experiment.epochs = static_cast<int>(*e);
    if (const auto b = a.integer("--batch", 1, 1'000'000)) experiment.train.batchSize = *b;
    if (const auto o = a.text("--optimizer")) {
        const auto config = OptimizerConfig::fromName(*o);
        if (!config)
            throw UsageError(Engine::tr("unknown optimizer '{1}' ({2})"), *o,
                             optimizerChoiceNames());
        experiment.train.optimizer = *config;
    }
    if (const auto lr = a.number("--lr", 0, 1e6))
        experiment.train.optimizer.learningRate = static_cast<Scalar>(*lr);
    if (const auto seed = a.integer("--seed", 0, (1LL << 53)))
        experiment.train.seed = static_cast<std::uint64_t>(*seed);
    applySchedule(a, experiment.train.schedule);
    // --threads: the engine's threads (core/Parallel.h); all the processor's by default
    setThreadCount(static_cast<int>(a.integer("--threads", 1, kMaxThreads).value_or(0)));

    SessionSetup setup;
    setup.experiment = experiment;
    setup.features = features;
    setup.dataDir = a.text("--data").value_or(defaultDataDir());
    TrainingSession session;
    session.setRecording(false); // no timeline here: no recording to keep
    if (loaded)
        session.load(setup, std::move(*loaded)); // its weights, and its optimizer's state
    else
        session.load(setup);
    Trainer& trainer = session.trainer();
    // Nothing here replays or steps through a run, so the batch is split across the threads
    // (Trainer::setDataParallel): each step equal to one thread's within rounding, not bit for
    // bit. --whole-batches keeps the app's way: the same bits on any number of threads.
    trainer.setDataParallel(!a.has("--whole-batches"));
    // --device: cpu (the default), cuda or cuda:N; a GPU that cannot be used is an error that
    // says why (this build, this machine), not a silent run on the CPU.
    if (const auto device = a.text("--device")) {
        try {
            trainer.setDevice(parseDevice(*device));
        } catch (const InvalidArgument& e) {
            throw UsageError(e.message());
        }
    }
    const Dataset& train = session.trainData();
    const Dataset* test = session.testData();
    const auto saveTo = [&](const std::string& path) {
        saveModel(path, session.model(), train.sampleShape(), experiment.train.loss,
                  &trainer.optimizer(), experimentToJson(session.setup().experiment));
    };

    if (const auto path = a.text("--save-initial")) saveTo(*path);
    // --sample-order: each epoch's order of the training samples, one line per epoch begun
    std::string sampleOrder;
    const bool recordOrder = a.has("--sample-order");

    MetricsHistory history;
    const int firstEpoch = trainer.epoch(); // a model file goes on from its epoch
    const long batches = long(trainer.batchesPerEpoch());
    const auto steps = a.integer("--steps", 1, 1'000'000'000);
    Progress progress(steps ? *steps : batches * experiment.epochs);
    long done = 0;
    double stepLossSum = 0;
    double lastRate = 0;
    session.setStepObserver([&](const StepReport& r) {
        if (recordOrder && r.batchInEpoch == 1) {
            for (const Index i : trainer.sampleOrder()) {
                sampleOrder += std::to_string(i);
                sampleOrder += ' ';
            }
            sampleOrder.back() = '\n';
        }
        history.add(r);
        stepLossSum += r.batchLoss;
        lastRate = r.learningRate;
        progress.update(++done, r.batchLoss);
    });
    session.setEpochObserver([&](const EpochReport& r) {
        history.add(r);
        progress.clear();
        // What the detectors saw (train/Detectors.h): under the epoch's line, or in its object.
        const std::vector<Finding> findings = session.takeFindings();
        if (json) {
            Json j = epochJson(r);
            if (!findings.empty()) {
                Json list = Json::array();
                for (const Finding& f : findings) {
                    Json item = Json::object();
                    item.set("finding", findingKey(f.kind));
                    item.set("step", static_cast<long long>(f.step));
                    item.set("text", ui::translated(f.text).toStdString());
                    list.push(std::move(item));
                }
                j.set("findings", std::move(list));
            }
            std::printf("%s\n", j.dump(0).c_str());
        } else {
            QString text =
                epochLine(r, firstEpoch + experiment.epochs,
                          experiment.train.schedule.kind == ScheduleKind::Constant ? -1
                                                                                   : lastRate) +
                QLatin1Char('\n');
            for (const Finding& f : findings)
                text +=
                    Cli::tr("  ! %1: %2\n").arg(ui::translated(f.title), ui::translated(f.text));
            print(stdout, text);
        }
        std::fflush(stdout);
    });

    const auto start = Clock::now();
    try {
        if (steps)
            trainer.runSteps(*steps);
        else
            trainer.run(experiment.epochs);
    } catch (const TrainingError& e) {
        progress.clear();
        // Keep what the run has: the metrics so far, and the model as it stands beside the
        // target, under a name that says what it is.
        // Each sentence a message of its own, joined after the error's: {1}{2}{3}{4}.
        Message model, metrics, plot;
        if (const auto path = a.text("--save")) {
            const std::string beside = besideTarget(*path, ".diverged");
            saveTo(beside);
            model = Message(Engine::tr(" The model as it stood was saved to {1}."), beside);
        }
        if (const auto path = a.text("--metrics")) {
            writeFileAtomic(*path, history.csv());
            metrics = Message(Engine::tr(" The metrics so far are in {1}."), *path);
        }
        if (const auto path = a.text("--plot")) {
            ensureGuiApplication();
            ui::exportTrainingPlot(history, QString::fromStdString(experiment.name),
                                   QString::fromStdString(*path));
            plot = Message(Engine::tr(" The plot so far is in {1}."), *path);
        }
        throw TrainingError(Engine::tr("{1}{2}{3}{4}"), e.message(), model, metrics, plot);
    }
    progress.clear();
    if (steps) {
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        Json j = Json::object();
        j.set("steps", Json(static_cast<long long>(*steps)));
        j.set("train_loss", stepLossSum / double(*steps));
        Json testLoss, accuracy;
        if (test) {
            const Evaluation e = trainer.evaluate(*test);
            testLoss = Json(e.loss);
            if (e.accuracy >= 0) accuracy = Json(e.accuracy);
        }
        j.set("test_loss", testLoss);
        j.set("accuracy", accuracy);
        j.set("seconds", seconds);
        j.set("samples_per_s",
              seconds > 0 ? double(*steps * experiment.train.batchSize) / seconds : 0.0);
        if (json)
            std::printf("%s\n", j.dump(0).c_str());
        else
            print(stdout, Cli::tr("%1 steps  train loss %2  %3\n")
                              .arg(static_cast<long long>(*steps))
                              .arg(QString::fromStdString(fixed(stepLossSum / double(*steps), 4)),
                                   accuracy.isNull() ? QString()
                                                     : Cli::tr("test accuracy %1%")
                                                           .arg(QString::fromStdString(fixed(
                                                               100 * accuracy.asNumber(""), 2)))));
    }

    if (const auto path = a.text("--save")) {
        saveTo(*path);
        if (!json)
            print(stderr, Cli::tr("saved the model to %1\n").arg(QString::fromStdString(*path)));
    }
    if (const auto path = a.text("--metrics")) writeFileAtomic(*path, history.csv());
    if (const auto path = a.text("--sample-order")) writeFileAtomic(*path, sampleOrder);
    if (const auto path = a.text("--plot")) {
        ensureGuiApplication();
        ui::exportTrainingPlot(history, QString::fromStdString(experiment.name),
                               QString::fromStdString(*path));
    }
    return 0;
}

namespace {
// Says which row of a CSV file was taken for a header rather than read as data, so nothing
// goes unseen.
void reportHeader(const std::string& path, const std::vector<std::string>& header) {
    if (header.empty()) return;
    std::string names;
    for (const std::string& name : header)
        names += (names.empty() ? "" : ", ") + name;
    print(stderr, Cli::tr("%1: the first row (%2) is a header, not data\n")
                      .arg(QString::fromStdString(path), QString::fromStdString(names)));
}

// The rows of a CSV file as samples of `sampleShape` (each row holds one sample's values); for
// a session whose 2-D data goes through input features, the rows are points, expanded here.
Dataset csvInputs(const std::string& path, const std::vector<CsvRow>& rows, Shape sampleShape,
                  FeatureMask inputFeatures = kRawFeatures) {
    if (inputFeatures != kRawFeatures)
        return withFeatures(csvInputs(path, rows, Shape{2}), inputFeatures);
    if (rows.empty()) throw DataError(Engine::tr("{1}: no rows"), path);
    const Index features = sampleShape.numel();
    if (static_cast<Index>(rows.front().values.size()) != features)
        throw DataError(Engine::tr("{1}: rows have {2} values, the model's input {3} needs {4}"),
                        path, rows.front().values.size(), sampleShape.str(), features);
    const auto n = static_cast<Index>(rows.size());
    std::vector<Index> dims = sampleShape.toVector();
    dims.insert(dims.begin(), n);
    Dataset data;
    data.name = path;
    data.inputs.resize(Shape::fromVector(dims));
    for (Index r = 0; r < n; ++r)
        for (Index c = 0; c < features; ++c)
            data.inputs[r * features + c] = static_cast<Scalar>(
                rows[static_cast<std::size_t>(r)].values[static_cast<std::size_t>(c)]);
    return data;
}
} // namespace

int gradientsCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--model", "--inputs", "--targets"}, {"--trace"});
    for (const char* flag : {"--model", "--inputs", "--targets"})
        if (!a.has(flag)) throw UsageError(Engine::tr("gradients needs {1}"), flag);
    const std::string modelPath = *a.text("--model");
    FeatureMask features = kRawFeatures;
    LoadedModel loaded = loadModelOrSession(modelPath, &features);
    if (!loaded.loss)
        throw Error(Engine::tr("{1} names no loss (\"loss\": \"mse\", \"cross_entropy\" or "
                               "\"bce_with_logits\")"),
                    modelPath);
    const std::string inputsPath = *a.text("--inputs");
    const std::string targetsPath = *a.text("--targets");
    std::vector<std::string> inputHeader, targetHeader;
    const auto inputRows = readNumberCsv(inputsPath, &inputHeader);
    const auto targetRows = readNumberCsv(targetsPath, &targetHeader);
    reportHeader(inputsPath, inputHeader);
    reportHeader(targetsPath, targetHeader);
    Dataset data = csvInputs(inputsPath, inputRows, loaded.sampleShape, features);
    if (inputRows.size() != targetRows.size())
        throw DataError(Engine::tr("{1} has {2} rows but {3} has {4}"), inputsPath,
                        inputRows.size(), targetsPath, targetRows.size());
    const Index n = data.size();
    const Index outputs = loaded.model.shapes(data.inputs.shape()).back().cols();
    // Class labels for cross-entropy and BCE, and for MSE when one label stands for several
    // outputs (one-hot); otherwise the targets are values.
    const bool classes =
        *loaded.loss != LossKind::MSE || (targetRows.front().values.size() == 1 && outputs > 1);
    if (classes) {
        int maxLabel = 1;
        for (const CsvRow& r : targetRows) {
            const double v = r.values.front();
            if (r.values.size() != 1 || v < 0 || v != std::floor(v))
                throw DataError(
                    Engine::tr("{1} line {2}: expected one class label (a whole number ≥ 0)"),
                    targetsPath, r.line);
            const int label = r.integer(0, targetsPath, 0, int(kMaxClasses) - 1);
            data.labels.push_back(label);
            maxLabel = std::max(maxLabel, label);
        }
        data.classes = *loaded.loss == LossKind::CrossEntropy ? static_cast<int>(outputs)
                                                              : std::max(2, maxLabel + 1);
    } else {
        const auto width = static_cast<Index>(targetRows.front().values.size());
        data.targets.resize({n, width});
        for (Index r = 0; r < n; ++r)
            for (Index c = 0; c < width; ++c)
                data.targets[r * width + c] = static_cast<Scalar>(
                    targetRows[static_cast<std::size_t>(r)].values[static_cast<std::size_t>(c)]);
    }
    const TargetEncoding encoding = targetEncoding(*loaded.loss, data, outputs);
    Batch batch{data.inputs, data.labels, data.targets};

    Graph graph;
    Var x = graph.input(batch.inputs, "x");
    Var output = loaded.model.forward(graph, x, false).named("output");
    Tensor scratch;
    Var loss = recordLoss(graph, *loaded.loss, encoding, output, batch, scratch);
    Json trace = Json::array();
    BackwardRun run = graph.beginBackward(loss);
    while (!run.done()) {
        if (a.has("--trace"))
            trace.push(stepRecordToJson(graph, run.step()));
        else
            run.advance();
    }
    Json j = Json::object();
    j.set("loss", Json(loss.value()[0]));
    Json grads = Json::object();
    for (const Parameter* p : loaded.model.parameters())
        grads.set(p->name, tensorToJson(p->grad));
    j.set("gradients", std::move(grads));
    if (a.has("--trace")) j.set("trace", std::move(trace));
    std::printf("%s", j.dump().c_str());
    return 0;
}

// What a trained model predicts for the samples of a CSV file (one sample a row) or an IDX
// images file (standardised as the model's experiment was trained: MNIST's pixels / 255, then
// its data.mean and data.std).
int predictCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--model", "--inputs"}, {"--json"});
    for (const char* flag : {"--model", "--inputs"})
        if (!a.has(flag)) throw UsageError(Engine::tr("predict needs {1}"), flag);
    const std::string modelPath = *a.text("--model");
    FeatureMask features = kRawFeatures;
    LoadedModel loaded = loadModelOrSession(modelPath, &features);
    const std::string inputsPath = *a.text("--inputs");
    Dataset data;
    if (inputsPath.ends_with(".csv")) {
        std::vector<std::string> header;
        const auto rows = readNumberCsv(inputsPath, &header);
        reportHeader(inputsPath, header);
        data = csvInputs(inputsPath, rows, loaded.sampleShape, features);
    } else {
        DataSpec spec; // MNIST's standardisation unless the model's experiment says otherwise
        if (!loaded.experiment.isNull())
            spec = experimentFromJson(loaded.experiment, modelPath).data;
        data = idxImages(readIdx(inputsPath), inputsPath, spec.mean, spec.std);
        if (data.sampleShape() != loaded.sampleShape)
            throw DataError(Engine::tr("{1} holds images of {2}, the model's input is {3}"),
                            inputsPath, data.sampleShape().str(), loaded.sampleShape.str());
    }
    const bool json = a.has("--json");
    // A class where the model was trained for classes: the first largest of several outputs, or
    // the sign of one output (BCE, or MSE on ±1 labels). Whether the data were classes comes
    // from the model's experiment where it says; otherwise several outputs or BCE mean classes.
    const LossKind loss = loaded.loss.value_or(LossKind::CrossEntropy);
    std::optional<bool> classData;
    if (!loaded.experiment.isNull()) {
        const DataSpec spec = experimentFromJson(loaded.experiment, modelPath).data;
        if (spec.source == DataSource::Mnist || spec.source == DataSource::FashionMnist)
            classData = true;
        else if (spec.source == DataSource::RandomRegression)
            classData = false;
        else if (spec.source == DataSource::Toy)
            classData = !isRegression(spec.toy.kind);
        else if (spec.source == DataSource::Drawn)
            classData = true;
    }
    DataLoader loader(data, 1000, false, 0);
    Batch batch;
    Graph graph;
    Index sample = 0;
    while (loader.next(batch)) {
        graph.reset();
        NoGradGuard guard(graph);
        Var output = loaded.model.forward(graph, graph.inputView(batch.inputs, "x"), false);
        const Tensor& y = output.value();
        const Index cols = y.cols();
        const bool classes = classData.value_or(cols > 1 || loss == LossKind::BCEWithLogits);
        const TargetEncoding encoding =
            cols == 1 ? TargetEncoding::ZeroOne : TargetEncoding::OneHot;
        for (Index r = 0; r < y.rows(); ++r, ++sample) {
            Json values = Json::array();
            std::string text;
            for (Index c = 0; c < cols; ++c) {
                const double v = y[r * cols + c];
                values.push(Json(v));
                char number[32];
                std::snprintf(number, sizeof number, "%s%.7g", c ? " " : "", v);
                text += number;
            }
            const int predicted = classes ? predictedClass(y, r, encoding) : -1;
            if (json) {
                Json j = Json::object();
                j.set("sample", Json(static_cast<long long>(sample)));
                if (classes) j.set("class", Json(static_cast<long long>(predicted)));
                j.set("outputs", std::move(values));
                std::printf("%s\n", j.dump(0).c_str());
            } else if (classes) {
                std::printf("%lld\t%d\t%s\n", static_cast<long long>(sample), predicted,
                            text.c_str());
            } else {
                std::printf("%lld\t%s\n", static_cast<long long>(sample), text.c_str());
            }
        }
    }
    return 0;
}

// One training step written out: the forward pass node by node, the loss, the backward pass as
// the step-through records it, and the optimizer's update of every parameter with its rule.
int traceCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--preset", "--model", "--data", "--batch", "--seed"}, {});
    if (a.has("--preset") == a.has("--model"))
        throw UsageError(Engine::tr("trace needs --preset NAME or --model FILE"));
    SessionSetup setup;
    std::optional<LoadedModel> loaded;
    std::string source;
    if (const auto name = a.text("--preset")) {
        setup.experiment = presetNamed(*name);
        source = "preset " + *name;
    } else {
        source = *a.text("--model");
        loaded = loadModelOrSession(source, &setup.features);
        if (loaded->experiment.isNull())
            throw Error(Engine::tr("{1} does not say what data it was trained on (no "
                                   "\"experiment\"); trace needs it to draw a batch"),
                        source);
        setup.experiment = experimentFromJson(loaded->experiment, source);
    }
    if (const auto seed = a.integer("--seed", 0, (1LL << 53)))
        setup.experiment.train.seed = static_cast<std::uint64_t>(*seed);
    setup.experiment.train.batchSize = a.integer("--batch", 1, 4096).value_or(1);
    setup.dataDir = a.text("--data").value_or(defaultDataDir());
    TrainingSession session;
    if (loaded)
        session.load(setup, std::move(*loaded));
    else
        session.load(setup);
    // An ordinary training step, written down as it runs: the numbers are training's own.
    StepTrace trace;
    session.step(&trace);
    Json j = stepTraceToJson(trace);
    j.set("source", source);
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

// Autodiff against central finite differences on the first batch of a preset's data.
int gradcheckCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--preset", "--data", "--batch", "--seed", "--epsilon", "--top"}, {});
    const auto name = a.text("--preset");
    if (!name) throw UsageError(Engine::tr("gradcheck needs --preset NAME"));
    SessionSetup setup;
    setup.experiment = presetNamed(*name);
    if (const auto seed = a.integer("--seed", 0, (1LL << 53)))
        setup.experiment.train.seed = static_cast<std::uint64_t>(*seed);
    if (const auto batch = a.integer("--batch", 1, 4096)) setup.experiment.train.batchSize = *batch;
    const double epsilon = a.number("--epsilon", 1e-6, 1).value_or(1e-2);
    const Index top = a.integer("--top", 1, 1'000'000).value_or(10);
    setup.dataDir = a.text("--data").value_or(defaultDataDir());
    TrainingSession session;
    session.load(setup);
    // The first batch training would draw, at the initial weights.
    const auto entries = session.checkGradients(epsilon, 200);
    Json worst = Json::array();
    for (std::size_t i = 0; i < entries.size() && Index(i) < top; ++i) {
        Json j = Json::object();
        j.set("parameter", entries[i].parameter);
        j.set("index", Json(static_cast<long long>(entries[i].index)));
        j.set("autodiff", entries[i].autodiff);
        j.set("numeric", entries[i].numeric);
        j.set("relative_error", entries[i].relativeError);
        j.set("crosses_kink", entries[i].crossesKink);
        worst.push(std::move(j));
    }
    Json j = Json::object();
    j.set("preset", *name);
    j.set("epsilon", epsilon);
    j.set("checked", Json(static_cast<long long>(entries.size())));
    // Entries that cross a kink come last; the median is of the others.
    const auto smooth = std::count_if(entries.begin(), entries.end(),
                                      [](const GradCheckEntry& e) { return !e.crossesKink; });
    j.set("crossing_kink", Json(static_cast<long long>(Index(entries.size()) - smooth)));
    j.set("median_relative_error",
          smooth == 0 ? 0.0 : entries[std::size_t(smooth) / 2].relativeError);
    j.set("worst", std::move(worst));
    std::printf("%s\n", j.dump().c_str());
    return 0;
}

int exportCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--model", "--to", "--out", "--data"}, {"--distributed"});
    for (const char* flag : {"--model", "--to", "--out"})
        if (!a.has(flag)) throw UsageError(Engine::tr("export needs {1}"), flag);
    const std::string to = *a.text("--to");
    const std::string out = *a.text("--out");
    if (to == "onnx") {
        if (!out.ends_with(".onnx"))
            throw UsageError(
                Engine::tr("export --to onnx --out names the model, ending in .onnx: '{1}'"), out);
        const LoadedModel loaded = loadModelOrSession(*a.text("--model"));
        saveOnnx(out, loaded.model, loaded.sampleShape);
        print(stdout, Cli::tr("wrote %1\n").arg(QString::fromStdString(out)));
        return 0;
    }
    if (to != "pytorch" && to != "keras")
        throw UsageError(Engine::tr("export --to takes pytorch, keras or onnx, not '{1}'"), to);
    if (!out.ends_with(".py"))
        throw UsageError(Engine::tr("export --out names the script, ending in .py: '{1}'"), out);
    if (to == "keras" && a.has("--distributed"))
        throw UsageError(Engine::tr("--distributed is for --to pytorch (torchrun)"));
    PytorchExportOptions options;
    options.distributed = a.has("--distributed");
    options.dataDir = a.text("--data").value_or(defaultDataDir());
    const LoadedModel loaded = loadModelOrSession(*a.text("--model"), &options.features);
    const std::vector<std::string> written = to == "keras"
                                                 ? writeKerasExport(loaded, out, options)
                                                 : writePytorchExport(loaded, out, options);
    for (const std::string& path : written)
        print(stdout, Cli::tr("wrote %1\n").arg(QString::fromStdString(path)));
    return 0;
}

int importCommand(const std::vector<std::string>& args) {
    const Arguments a(args, {"--model", "--out", "--preset"}, {});
    for (const char* flag : {"--model", "--out"})
        if (!a.has(flag)) throw UsageError(Engine::tr("import needs {1}"), flag);
    const std::string in = *a.text("--model");
    if (!in.ends_with(".onnx"))
        throw UsageError(Engine::tr("import reads ONNX models (.onnx), not '{1}'"), in);
    const LoadedModel loaded = loadOnnx(in);
    Json experiment;
    std::optional<LossKind> loss;
    if (const auto preset = a.text("--preset")) {
        // The preset's data and training settings, with the imported network.
        Experiment e = presetNamed(*preset);
        const Shape wanted = loadData(e.data, defaultDataDir()).train.sampleShape();
        if (wanted != loaded.sampleShape)
            throw Error(Engine::tr("{1} takes inputs of {2}, but the data of {3} are {4}"), in,
                        loaded.sampleShape.str(), *preset, wanted.str());
        e.layers = loaded.model.layers();
        experiment = experimentToJson(e);
        loss = e.train.loss;
    }
    const std::string out = *a.text("--out");
    saveModel(out, loaded.model, loaded.sampleShape, loss, nullptr, experiment);
    print(stdout, Cli::tr("wrote %1: %2 layers, %3 parameters, input %4\n")
                      .arg(QString::fromStdString(out))
                      .arg(loaded.model.layers().size())
                      .arg(static_cast<long long>(loaded.model.parameterCount()))
                      .arg(QString::fromStdString(loaded.sampleShape.str())));
    return 0;
}

} // namespace gs::cli
