// Files against bad input (issue 12, hardening): the JSON parser (RFC 8259 numbers, duplicate
// keys in linear time, checked integers, binary bytes in messages), reading only regular files
// within the size limit, atomic saves (temporaries, modes, links, the folder's fsync), model
// files whose sizes pass the limits or overflow, values beyond float32, preset and session
// values, and running out of memory while loading.
#include "AllocationLimit.h"
#include "TestUtil.h"
#include "io/ModelFile.h"
#include "io/Serialize.h"
#include "io/Session.h"
#include "ops/Ops.h"
#include "train/Experiment.h"

#include <QTemporaryDir>

#include <climits>
#include <cmath>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gs;

namespace {

std::string write(const QTemporaryDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// A small, valid model file's JSON: Linear(2 → 3), Tanh, Linear(3 → 1).
Json smallModel() {
    Sequential model(
        {LayerSpec::linear(2, 3), LayerSpec::of(Activation::Tanh), LayerSpec::linear(3, 1)}, 1);
    return modelToJson(model, {2}, LossKind::MSE, nullptr);
}

// A model file with the given layers and input shape, and parameters given as text.
std::string modelText(const std::string& layers, const std::string& inputShape,
                      const std::string& parameters) {
    return R"({"format": "gradscope-model", "version": 1, "input_shape": )" + inputShape +
           R"(, "layers": )" + layers + R"(, "parameters": )" + parameters + "}";
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 07777;
}

// A process id that no longer runs: a child that has exited and been reaped.
pid_t deadPid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

QStringList entries(const QTemporaryDir& dir) {
    return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

} // namespace

class TestIo : public QObject {
    Q_OBJECT
private slots:
    // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?; underflow reads as 0.
    void jsonNumbersFollowRfc8259_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("value");
        QTest::newRow("0") << "0" << true << 0.0;
        QTest::newRow("-0.5") << "-0.5" << true << -0.5;
        QTest::newRow("1.5e3") << "1.5e3" << true << 1500.0;
        QTest::newRow("2E-2") << "2E-2" << true << 0.02;
        QTest::newRow("1e-400 underflows to 0") << "1e-400" << true << 0.0;
        QTest::newRow("-1e-400 underflows to -0") << "-1e-400" << true << 0.0;
        QTest::newRow("0.0000e-999999999999") << "0.0000e-999999999999" << true << 0.0;
        QTest::newRow("denormal") << "4.9e-324" << true << 4.9e-324;
        QTest::newRow("-nan") << "-nan" << false << 0.0;
        QTest::newRow("-inf") << "-inf" << false << 0.0;
        QTest::newRow("-infinity") << "-Infinity" << false << 0.0;
        QTest::newRow("0123") << "0123" << false << 0.0;
        QTest::newRow("-01") << "-01" << false << 0.0;
        QTest::newRow("1.") << "1." << false << 0.0;
        QTest::newRow(".5") << ".5" << false << 0.0;
        QTest::newRow("+1") << "+1" << false << 0.0;
        QTest::newRow("1e") << "1e" << false << 0.0;
        QTest::newRow("1e+") << "1e+" << false << 0.0;
        QTest::newRow("0x10") << "0x10" << false << 0.0;
        QTest::newRow("1e400 is too large") << "1e400" << false << 0.0;
        QTest::newRow("-") << "-" << false << 0.0;
    }

    void jsonNumbersFollowRfc8259() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, value);
        const std::string document = "[" + text.toStdString() + "]";
        if (valid) {
            const Json j = Json::parse(document, "n.json");
            QCOMPARE(j.asArray("")[0].asNumber(""), value);
        } else {
            GS_EXPECT_THROW_MSG(Json::parse(document, "n.json"), JsonError, {"n.json:1:"});
        }
    }

    // Duplicate keys are found in linear time: 200,000 keys parse well within the test's
    // CTest timeout (a scan per key took minutes), and a duplicate among them is still found.
    void jsonLargeObjectsParseInLinearTime() {
        constexpr int kKeys = 200'000;
        std::string text = "{";
        for (int i = 0; i < kKeys; ++i)
            text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
        const Json j = Json::parse(text + "}", "big.json");
        QCOMPARE(j.asObject("").size(), std::size_t(kKeys));
        QCOMPARE(j.asObject("")[12345].first, std::string("k12345"));
        GS_EXPECT_THROW_MSG(Json::parse(text + ",\"k777\":1}", "big.json"), JsonError,
                            {"big.json:1:", "duplicate key \"k777\""});
        // Small objects (the scan) and the first key past the scan's limit (the set).
        GS_EXPECT_THROW_MSG(Json::parse("{\"a\":1,\"b\":2,\"a\":3}", "s.json"), JsonError,
                            {"duplicate key \"a\""});
        std::string seventeen = "{";
        for (int i = 0; i < 17; ++i)
            seventeen += "\"k" + std::to_string(i) + "\":0,";
        GS_EXPECT_THROW_MSG(Json::parse(seventeen + "\"k0\":1}", "m.json"), JsonError,
                            {"duplicate key \"k0\""});
    }

    void jsonIntegersAreReadInRange() {
        const Json j = Json::parse("[4294967297, 1099511627776, 2.5, -1, 7]");
        const auto& a = j.asArray("");
        GS_EXPECT_THROW_MSG(a[0].asInt("epochs"), JsonError,
                            {"epochs must be a whole number from", "2147483647, not 4294967297"});
        GS_EXPECT_THROW_MSG(a[1].asInt("position.epochs", 0), JsonError,
                            {"position.epochs", "not 1099511627776"});
        GS_EXPECT_THROW_MSG(a[2].asInt("n"), JsonError, {"n must be a whole number", "not 2.5"});
        GS_EXPECT_THROW_MSG(a[3].asInteger("steps", 0, 10), JsonError, {"from 0 to 10, not -1"});
        QCOMPARE(a[4].asInt("seven", 1, 7), 7);
        QCOMPARE(a[1].asInteger("big"), 1099511627776LL);
    }

    // A binary file shows its bytes as "byte 0x89", not as raw bytes in the message.
    void binaryBytesAreNamedNotEchoed() {
        GS_EXPECT_THROW_MSG(Json::parse("\x89PNG\r\n", "image.png"), JsonError,
                            {"image.png:1:1", "unexpected byte 0x89"});
        GS_EXPECT_THROW_MSG(Json::parse("[\"a\x01\"]", "c.json"), JsonError,
                            {"c.json:1:4", "control character (byte 0x01)"});
        GS_EXPECT_THROW_MSG(Json::parse("[?]", "q.json"), JsonError, {"unexpected character '?'"});
        QTemporaryDir dir;
        const std::string path = write(dir, "model.json", std::string("\x89PNG\r\n\x1a\n", 8));
        try {
            loadModel(path);
            QFAIL("a PNG loaded as a model");
        } catch (const JsonError& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("byte 0x89") != std::string::npos, e.what());
            QVERIFY2(message.find('\x89') == std::string::npos, "the raw byte is in the message");
        }
    }

    // Only regular files are read: a directory, a FIFO or a device is named for what it is,
    // without blocking (a FIFO with no writer) or reading forever (/dev/zero).
    void onlyRegularFilesAreRead() {
        QTemporaryDir dir;
        GS_EXPECT_THROW_MSG(
            loadModel(dir.path().toStdString()), FileError,
            {"'" + dir.path().toStdString() + "' is a directory, not a model file"});
        const std::string fifo = dir.filePath("pipe.json").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        GS_EXPECT_THROW_MSG(loadSession(fifo), FileError,
                            {"pipe.json' is a named pipe (FIFO), not a session file"});
        {
            // Were /dev/zero read, the file's text would grow without end.
            test::AllocationLimit limit(std::size_t(64) << 20);
            GS_EXPECT_THROW_MSG(loadModel("/dev/zero"), FileError,
                                {"'/dev/zero' is a device, not a model file"});
        }
        GS_EXPECT_THROW_MSG(loadModel(dir.filePath("missing.json").toStdString()), FileError,
                            {"missing.json: cannot open the model file", "No such file"});
        // Over the size limit, told before a byte is read (a sparse file takes no space).
        const std::string huge = dir.filePath("huge.json").toStdString();
        {
            const int fd = ::open(huge.c_str(), O_WRONLY | O_CREAT, 0644);
            QVERIFY(fd >= 0);
            QCOMPARE(::ftruncate(fd, kMaxTextFileBytes + 1), 0);
            ::close(fd);
        }
        test::AllocationLimit limit(std::size_t(64) << 20);
        GS_EXPECT_THROW_MSG(loadModel(huge), FileError,
                            {"huge.json' is 268435457 bytes; a model file may be at most 256 MiB"});
    }

    // Running out of memory while loading names the file.
    void outOfMemoryNamesTheFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        Sequential model({LayerSpec::linear(64, 64)}, 1); // 50 kB of text
        saveModel(path, model, {64}, LossKind::MSE, nullptr);
        test::AllocationLimit limit(16 << 10);
        GS_EXPECT_THROW_MSG(loadModel(path), FileError,
                            {path + ": not enough memory to load this file"});
    }

    void savesLeaveNoStaleTemporaries() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.json").toStdString();
        const std::string dead = std::to_string(deadPid());
        const std::string alive = std::to_string(::getppid());
        write(dir, ".m.json.tmp-" + dead, "half");
        write(dir, ".m.json.tmp-" + dead + ".3", "half");
        write(dir, ".m.json.tmp-" + alive + ".0", "in progress"); // another process's save
        write(dir, ".other.json.tmp-" + dead, "not ours");
        writeFileAtomic(path, "new");
        QCOMPARE(readFile(path), std::string("new"));
        QCOMPARE(entries(dir),
                 (QStringList{".m.json.tmp-" + QString::fromStdString(alive) + ".0",
                              ".other.json.tmp-" + QString::fromStdString(dead), "m.json"}));
    }

    void savesKeepTheFilesMode() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("private.json").toStdString();
        write(dir, "private.json", "old");
        QCOMPARE(::chmod(path.c_str(), 0600), 0);
        writeFileAtomic(path, "new");
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(::chmod(path.c_str(), 0664), 0);
        writeFileAtomic(path, "newer");
        QCOMPARE(modeOf(path), mode_t(0664));
        // A new file follows the umask.
        const mode_t saved = ::umask(077);
        writeFileAtomic(dir.filePath("a.json").toStdString(), "x");
        ::umask(022);
        writeFileAtomic(dir.filePath("b.json").toStdString(), "x");
        ::umask(saved);
        QCOMPARE(modeOf(dir.filePath("a.json").toStdString()), mode_t(0600));
        QCOMPARE(modeOf(dir.filePath("b.json").toStdString()), mode_t(0644));
    }

    // Saving through a symbolic link writes the file it points to; the link stays a link.
    void savesWriteThroughSymlinks() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("real"));
        const std::string target = dir.filePath("real/model.json").toStdString();
        write(dir, "real/model.json", "old");
        const std::string link = dir.filePath("link.json").toStdString();
        QCOMPARE(::symlink("real/model.json", link.c_str()), 0); // relative to the link
        const std::string chain = dir.filePath("chain.json").toStdString();
        QCOMPARE(::symlink(link.c_str(), chain.c_str()), 0); // absolute, to the other link
        writeFileAtomic(link, "new");
        writeFileAtomic(chain, "newer");
        struct stat st {};
        QCOMPARE(::lstat(link.c_str(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
        QCOMPARE(::lstat(chain.c_str(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
        QCOMPARE(readFile(target), std::string("newer"));
        QCOMPARE(entries(dir), (QStringList{"chain.json", "link.json"}));
        QCOMPARE(QDir(dir.filePath("real")).entryList(QDir::Files | QDir::Hidden),
                 QStringList{"model.json"});
    }

    // After the rename, the folder is opened and synced, so that the new entry survives a
    // power cut. Watched with strace, where it can run.
    void savesSyncTheFolderAfterTheRename() {
        if (std::system("strace -V > /dev/null 2>&1") != 0) QSKIP("strace is not installed");
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        const std::string path = folder + "/synced.json";
        const std::string log = folder + "/strace.log";
        char self[PATH_MAX] = {};
        QVERIFY(::readlink("/proc/self/exe", self, sizeof self - 1) > 0);
        const std::string command =
            "GS_TST_IO_SAVE='" + path + "' strace -f -qq -o '" + log +
            "' -e trace=open,openat,rename,renameat,renameat2,fsync,fdatasync '" + self +
            "' > /dev/null 2>&1";
        if (std::system(command.c_str()) != 0 || readFile(path) != "saved")
            QSKIP("strace cannot trace here (ptrace not permitted?)");
        std::ifstream in(log);
        std::string line;
        bool renamed = false;
        std::string folderFd;
        bool synced = false;
        while (std::getline(in, line)) {
            if (line.find("rename") != std::string::npos &&
                line.find("synced.json\"") != std::string::npos)
                renamed = true;
            if (renamed && line.find("\"" + folder + "/\"") != std::string::npos &&
                line.find("O_DIRECTORY") != std::string::npos)
                folderFd = line.substr(line.rfind("= ") + 2);
            if (!folderFd.empty() && line.find("fsync(" + folderFd + ")") != std::string::npos)
                synced = true;
        }
        QVERIFY2(renamed, "no rename onto the file");
        QVERIFY2(!folderFd.empty(), "the folder is not opened after the rename");
        QVERIFY2(synced, "the folder is not synced after the rename");
    }

    // conv2d's padding near 2^31 overflowed 2·padding in int: the shape check passed and the
    // convolution read far outside the image. Sizes are now 64-bit and range-checked.
    void convolutionSizesCannotOverflow() {
        QTemporaryDir dir;
        const std::string path = write(
            dir, "conv.json",
            modelText(
                R"([{"type": "conv2d", "in": 1, "out": 1, "kernel": 1, "padding": 2147483647}])",
                "[1, 4, 4]",
                R"({"0.weight": {"shape": [1, 1, 1, 1], "data": [1]},
                          "0.bias": {"shape": [1], "data": [0]}})"));
        GS_EXPECT_THROW_MSG(loadModel(path), JsonError,
                            {"conv.json", "layers[0].padding must be a whole number from 0 to "
                                          "4096, not 2147483647"});
        GS_EXPECT_THROW_MSG(layerOutputShape(LayerSpec::conv2d(1, 1, 1, 1, INT_MAX), {1, 1, 4, 4}),
                            InvalidArgument, {"padding from 0 to 4096"});
        GS_EXPECT_THROW_MSG(layerOutputShape(LayerSpec::conv2d(1, 1, 1, INT_MAX, 0), {1, 1, 4, 4}),
                            InvalidArgument, {"stride from 1 to 4096"});
        GS_EXPECT_THROW_MSG(layerOutputShape(LayerSpec::maxPool2d(5000), {1, 1, 4, 4}),
                            InvalidArgument, {"kernel and stride from 1 to 4096"});
        Graph graph;
        const Var x = graph.input(Tensor({1, 1, 4, 4}), "x");
        const Var w = graph.input(Tensor({1, 1, 1, 1}), "w");
        GS_EXPECT_THROW_MSG(conv2d(x, w, Var{}, 1, INT_MAX), InvalidArgument,
                            {"padding from 0 to 4096, got stride 1, padding 2147483647"});
        // Within the range, the sizes are right (2·4096 + 4 − 1 + 1).
        QCOMPARE(layerOutputShape(LayerSpec::conv2d(1, 1, 1, 1, 4096), {1, 1, 4, 4}),
                 (Shape{1, 1, 8196, 8196}));
    }

    // A small file that declares a huge model is refused before the model is allocated.
    void hugeDeclaredLayersAreRefusedBeforeAllocating() {
        QTemporaryDir dir;
        const std::string tiny = R"({"0.weight": {"shape": [1, 1], "data": [1]},
                                     "0.bias": {"shape": [1], "data": [0]}})";
        // Any allocation of more than 16 MiB fails, as it would on a small machine.
        test::AllocationLimit limit(std::size_t(16) << 20);
        const std::string wide =
            write(dir, "wide.json",
                  modelText(R"([{"type": "linear", "in": 1, "out": 2147483648}])", "[1]", tiny));
        GS_EXPECT_THROW_MSG(loadModel(wide), JsonError,
                            {"wide.json", "layers[0].out must be a whole number from 1 to "
                                          "16777216, not 2147483648"});
        const std::string many =
            write(dir, "many.json",
                  modelText(R"([{"type": "linear", "in": 16777216, "out": 16777216}])",
                            "[16777216]", tiny));
        GS_EXPECT_THROW_MSG(loadModel(many), JsonError,
                            {"many.json", "more than 268435456 parameters"});
        // Within the limits (128 MiB of weights), but the file does not hold them.
        const std::string missing =
            write(dir, "missing.json",
                  modelText(R"([{"type": "linear", "in": 4096, "out": 8192}])", "[4096]", tiny));
        GS_EXPECT_THROW_MSG(loadModel(missing), JsonError,
                            {"missing.json", "0.weight has shape [1, 1] but the architecture "
                                             "needs [8192, 4096]"});
    }

    // A layer without a size it needs is an error naming it. Found by fuzz_experiment
    // (tests/fuzz/experiment/crash-missing-layer-in.json): "in" was read as 0, so the preset
    // loaded but its save could not be read back.
    void layerSizesAreRequired_data() {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("linear in") << R"({"type": "linear", "out": 2})"
                                   << "layer.in is missing (a whole number from 1 to 16777216)";
        QTest::newRow("linear out") << R"({"type": "linear", "in": 2})"
                                    << "layer.out is missing";
        QTest::newRow("conv kernel") << R"({"type": "conv2d", "in": 1, "out": 2})"
                                     << "layer.kernel is missing (a whole number from 1 to 4096)";
    }

    void layerSizesAreRequired() {
        QFETCH(QString, layer);
        QFETCH(QString, expected);
        GS_EXPECT_THROW_MSG(layerFromJson(Json::parse(layer.toStdString()), "layer"), JsonError,
                            {expected.toStdString()});
        // Sizes that have defaults may be left out.
        const LayerSpec pool = layerFromJson(Json::parse(R"({"type": "max_pool2d"})"), "pool");
        QCOMPARE(pool.kernel, 2);
        QCOMPARE(pool.stride, 2);
    }

    // Numbers that are finite as doubles but not as float32 are refused, not read as inf.
    void valuesBeyondFloat32AreRefused() {
        QTemporaryDir dir;
        Json j = smallModel();
        Json params = j["parameters"];
        Json weight = Json::object();
        weight.set("shape", shapeToJson({1}));
        Json data = Json::array();
        data.push(1e39);
        weight.set("data", data);
        params.set("2.bias", weight);
        j.set("parameters", params);
        const std::string path = write(dir, "big.json", j.dump());
        GS_EXPECT_THROW_MSG(loadModel(path), JsonError,
                            {"big.json", "parameters.2.bias.data[0] is 1e+39, out of float32 "
                                         "range"});
        Json optimizer = Json::object();
        optimizer.set("kind", "sgd");
        optimizer.set("lr", -1e39);
        GS_EXPECT_THROW_MSG(optimizerFromJson(optimizer, "optimizer"), JsonError,
                            {"optimizer.lr is -1e+39, out of float32 range"});
        QCOMPARE(scalarFromJson(Json(3.0e38), "x"), Scalar(3.0e38));
    }

    // Preset values: integers are not narrowed by a cast, and regularisation and noise are
    // checked (a preset could carry -inf from code, or -1 from a typo).
    void presetValuesAreChecked_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("epochs 2^32+1") << "training.epochs" << 4294967297.0
                                       << "training.epochs must be a whole number from 1 to "
                                          "2147483647, not 4294967297";
        QTest::newRow("epochs 0") << "training.epochs" << 0.0 << "not 0";
        QTest::newRow("batch 2^40") << "training.batch_size" << 1099511627776.0
                                    << "training.batch_size must be a whole number from 1";
        QTest::newRow("l2 -inf") << "training.l2" << -double(INFINITY)
                                 << "training.l2 is not finite";
        QTest::newRow("l2 -1") << "training.l2" << -1.0 << "training.l2 must not be negative";
        QTest::newRow("l1 1e39") << "training.l1" << 1e39 << "out of float32 range";
        QTest::newRow("noise -inf")
            << "data.noise" << -double(INFINITY) << "data.noise must be between";
        QTest::newRow("noise 2") << "data.noise" << 2.0 << "data.noise must be between 0 and 1";
        QTest::newRow("samples 2^40")
            << "data.samples" << 1099511627776.0 << "data.samples must be a whole number";
    }

    void presetValuesAreChecked() {
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(QString, expected);
        Json j = experimentToJson(*findPreset("spiral"));
        const std::string section = key.section('.', 0, 0).toStdString();
        Json part = j[section];
        part.set(key.section('.', 1).toStdString(), Json(value));
        j.set(section, part);
        GS_EXPECT_THROW_MSG(experimentFromJson(j, "preset.json"), JsonError,
                            {"preset.json", expected.toStdString()});
    }

    // Points drawn by hand travel in the experiment ("points": [[x1, x2, class], ...]) and come
    // back as they were; what cannot be a drawn point is named, and an empty drawing loads as no
    // data with the reason.
    void drawnPointsRoundTripAndAreChecked() {
        Experiment e = *findPreset("spiral");
        e.data.source = DataSource::Drawn;
        e.data.trainFraction = 1;
        e.data.points = {{-2.5f, 1.25f, 0}, {3, -4, 1}, {0.5f, 5.75f, 2}};
        const Json j = experimentToJson(e);
        QCOMPARE(j["data"]["source"].asString("source"), std::string("drawn"));
        const Experiment back = experimentFromJson(Json::parse(j.dump()), "drawn.json");
        QCOMPARE(back.data.source, DataSource::Drawn);
        QVERIFY(back.data.points == e.data.points);
        const Split split = loadData(back.data, "");
        QCOMPARE(split.train.size(), Index(3));
        QCOMPARE(split.test.size(), Index(0));
        QCOMPARE(split.train.classes, 3);
        QCOMPARE(split.train.labels, (std::vector<int>{0, 1, 2}));
        GS_COMPARE_TENSOR(split.train.inputs, {-2.5, 1.25, 3, -4, 0.5, 5.75});

        const auto withPoints = [&](const std::string& points) {
            Json data = Json::parse(R"({"source": "drawn", "points": )" + points + "}");
            Json bad = j;
            bad.set("data", data);
            return bad;
        };
        GS_EXPECT_THROW_MSG(experimentFromJson(withPoints("[[1, 2]]"), "p.json"), JsonError,
                            {"data.points[0]", "[x1, x2, class], not 2 numbers"});
        GS_EXPECT_THROW_MSG(experimentFromJson(withPoints("[[0, 0, 1], [7, 0, 0]]"), "p.json"),
                            JsonError, {"data.points[1]", "[−6, 6]²"});
        GS_EXPECT_THROW_MSG(experimentFromJson(withPoints("[[0, 0, 5]]"), "p.json"), JsonError,
                            {"data.points[0]"});
        GS_EXPECT_THROW_MSG(experimentFromJson(withPoints("[[0, 0, 0.5]]"), "p.json"), JsonError,
                            {"data.points[0]"});
        std::string many = "[";
        for (Index i = 0; i <= kMaxDrawnPoints; ++i)
            many += (i ? ",[0,0,0]" : "[0,0,0]");
        GS_EXPECT_THROW_MSG(experimentFromJson(withPoints(many + "]"), "p.json"), JsonError,
                            {"10001 points", "10000"});
        const Experiment empty = experimentFromJson(withPoints("[]"), "p.json");
        GS_EXPECT_THROW_MSG(loadData(empty.data, ""), DataError, {"No points drawn yet"});
        GS_EXPECT_THROW_MSG(drawnDataset({{0, 0, 0}, {0, 6.5f, 1}}), DataError,
                            {"drawn point 2", "outside the plane"});
        GS_EXPECT_THROW_MSG(drawnDataset({{0, 0, 7}}), DataError, {"class 7"});
    }

    // A session's position is read in range: 2^40 epochs is an error, not 0.
    void sessionPositionIsReadInRange() {
        const Experiment& spiral = *findPreset("spiral");
        Sequential model(spiral.layers, 1);
        Optimizer optimizer(model.parameters(), spiral.train.optimizer);
        const Json good = sessionToJson(spiral, kRawFeatures, model, {2}, optimizer, 10, 1, {});
        QCOMPARE(sessionFromJson(good, "run.gradscope").epochs, 1);
        for (const auto& [key, value] :
             {std::pair{"epochs", 1099511627776.0}, std::pair{"steps", -1.0},
              std::pair{"schedule_origin", 4294967296.0}}) {
            Json j = good;
            Json position = j["position"];
            position.set(key, Json(value));
            j.set("position", position);
            GS_EXPECT_THROW_MSG(sessionFromJson(j, "run.gradscope"), JsonError,
                                {"run.gradscope", std::string("position.") + key +
                                                      " must be a whole number from 0"});
        }
    }
};

// Run with GS_TST_IO_SAVE=<path>, the executable only saves "saved" to the path and exits: the
// folder-sync test watches that save with strace.
int main(int argc, char** argv) {
    if (const char* path = std::getenv("GS_TST_IO_SAVE")) {
        writeFileAtomic(path, "saved");
        return 0;
    }
    TestIo test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_io.moc"
