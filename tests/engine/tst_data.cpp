// Data: the IDX reader against every kind of corrupt file (and compressed bombs), toy sets, CSV
// points and the CSV rules (headers, empty values, hex, float32 range), the DataLoader, and the
// train/test split.
#include "AllocationLimit.h"
#include "TestArchive.h"
#include "TestUtil.h"
#include "data/Csv.h"
#include "data/DataLoader.h"
#include "data/Idx.h"
#include "data/Toy.h"

#include <QTemporaryDir>
#include <fstream>
#include <numbers>
#include <set>
#include <sys/stat.h>
#include <zlib.h>

using namespace gs;

namespace {

std::vector<unsigned char> idxBytes(const std::vector<std::uint32_t>& dims, int rank,
                                    std::size_t payload, unsigned char type = 0x08) {
    std::vector<unsigned char> b = {0, 0, type, static_cast<unsigned char>(rank)};
    for (std::uint32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            b.push_back(static_cast<unsigned char>(d >> shift));
    for (std::size_t i = 0; i < payload; ++i)
        b.push_back(static_cast<unsigned char>(i % 10));
    return b;
}

std::string write(const QTemporaryDir& dir, const std::string& name,
                  const std::vector<unsigned char>& bytes) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    return path;
}

std::string writeGz(const QTemporaryDir& dir, const std::string& name,
                    const std::vector<unsigned char>& bytes) {
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
    return path;
}

} // namespace

class TestData : public QObject {
    Q_OBJECT
private slots:
    void idxReadsImagesAndLabels() {
        QTemporaryDir dir;
        const auto images = write(dir, "images", idxBytes({3, 2, 2}, 3, 12));
        const auto labels = write(dir, "labels", idxBytes({3}, 1, 3));
        const Dataset d = loadIdxDataset(images, labels, 0.0, 1.0);
        QCOMPARE(d.inputs.shape(), (Shape{3, 1, 2, 2}));
        QCOMPARE(d.labels, (std::vector<int>{0, 1, 2}));
        QCOMPARE(d.inputs[5], Scalar(5.0 / 255));
        const Dataset normalised = loadIdxDataset(images, labels, 0.5, 0.5);
        QCOMPARE(normalised.inputs[0], Scalar(-1)); // (0 - 0.5) / 0.5
        QCOMPARE(d.sampleShape(), (Shape{1, 2, 2}));
    }

    void idxReadsGzipAndFindsDotGz() {
        QTemporaryDir dir;
        writeGz(dir, "images.gz", idxBytes({2, 2, 2}, 3, 8));
        writeGz(dir, "labels.gz", idxBytes({2}, 1, 2));
        // Asking for "images" finds "images.gz".
        const Dataset d = loadIdxDataset(dir.filePath("images").toStdString(),
                                         dir.filePath("labels").toStdString());
        QCOMPARE(d.size(), Index(2));
    }

    void idxCorruptionsAreNamed_data() {
        QTest::addColumn<std::vector<unsigned char>>("bytes");
        QTest::addColumn<QString>("expected");
        auto bad = idxBytes({3, 2, 2}, 3, 12);
        bad[0] = 0x1f;
        QTest::newRow("wrong magic") << bad << "wrong magic";
        QTest::newRow("float type") << idxBytes({3, 2, 2}, 3, 12, 0x0d) << "element type 0x0d";
        QTest::newRow("truncated data") << idxBytes({3, 2, 2}, 3, 7) << "truncated";
        QTest::newRow("trailing data") << idxBytes({3, 2, 2}, 3, 20) << "unexpected data";
        auto header = idxBytes({3, 2, 2}, 3, 0);
        header.resize(9);
        QTest::newRow("truncated header") << header << "truncated header";
        QTest::newRow("absurd size") << idxBytes({0x7fffffff, 0x7fffffff, 1000}, 3, 4) << "absurd";
        QTest::newRow("zero size") << idxBytes({0, 2, 2}, 3, 0) << "absurd";
        QTest::newRow("too short") << std::vector<unsigned char>{0, 0} << "too short";
        QTest::newRow("five dims") << idxBytes({1, 1, 1, 1, 1}, 5, 1) << "5 dimensions";
    }

    void idxCorruptionsAreNamed() {
        QFETCH(std::vector<unsigned char>, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto path = write(dir, "corrupt-idx", bytes);
        GS_EXPECT_THROW_MSG(readIdx(path), DataError, {"corrupt-idx", qPrintable(expected)});
    }

    void idxMismatchesAreNamed() {
        QTemporaryDir dir;
        const auto images = write(dir, "images", idxBytes({3, 2, 2}, 3, 12));
        const auto labels = write(dir, "labels", idxBytes({4}, 1, 4));
        GS_EXPECT_THROW_MSG(loadIdxDataset(images, labels), DataError, {"3 images", "4 labels"});
        GS_EXPECT_THROW_MSG(loadIdxDataset(labels, labels), DataError, {"expected images"});
        auto badLabels = idxBytes({3}, 1, 3);
        badLabels.back() = 12;
        const auto bad = write(dir, "bad-labels", badLabels);
        GS_EXPECT_THROW_MSG(loadIdxDataset(images, bad), DataError, {"label 12"});
        GS_EXPECT_THROW_MSG(readIdx(dir.filePath("missing").toStdString()), DataError,
                            {"no such file"});
        // A .gz whose compressed stream is cut short.
        writeGz(dir, "cut.gz", idxBytes({100, 10, 10}, 3, 10000));
        std::ifstream in(dir.filePath("cut.gz").toStdString(), std::ios::binary);
        std::vector<unsigned char> gz((std::istreambuf_iterator<char>(in)), {});
        gz.resize(gz.size() / 2);
        const auto cut = write(dir, "cut2.gz", gz);
        bool threw = false;
        try {
            readIdx(cut);
        } catch (const DataError& e) {
            threw = std::string(e.what()).find("cut2.gz") != std::string::npos;
        }
        QVERIFY(threw);
    }

    // parseIdx reads IDX bytes in memory, raw or gzip (what readIdx and the fuzz targets use):
    // gzip members one after another are one stream, as gzip reads them; bytes after the end
    // of the compressed data, a cut stream or a wrong checksum are errors that name the source.
    void idxParsesGzipInMemory() {
        const auto raw = idxBytes({3, 2, 2}, 3, 12);
        const std::string plain(raw.begin(), raw.end());
        using test::gzip;
        const IdxFile fromRaw = parseIdx(plain, "raw");
        const IdxFile fromGzip = parseIdx(gzip(plain), "one.gz");
        const IdxFile fromMembers =
            parseIdx(gzip(plain.substr(0, 10)) + gzip(plain.substr(10)), "two.gz");
        QCOMPARE(fromRaw.dims, (std::vector<Index>{3, 2, 2}));
        QCOMPARE(fromRaw.bytes, std::vector<unsigned char>(raw.begin() + 16, raw.end()));
        QCOMPARE(fromGzip.dims, fromRaw.dims);
        QCOMPARE(fromGzip.bytes, fromRaw.bytes);
        QCOMPARE(fromMembers.bytes, fromRaw.bytes);

        GS_EXPECT_THROW_MSG(parseIdx(gzip(plain) + "junk", "junk.gz"), DataError,
                            {"junk.gz", "4 bytes after the end of the compressed data"});
        const std::string gz = gzip(plain);
        GS_EXPECT_THROW_MSG(parseIdx(gz.substr(0, gz.size() - 6), "cut.gz"), DataError,
                            {"cut.gz", "unexpected end of file"});
        std::string badCrc = gz;
        badCrc[badCrc.size() - 8] = static_cast<char>(badCrc[badCrc.size() - 8] ^ 0xff);
        GS_EXPECT_THROW_MSG(parseIdx(badCrc, "crc.gz"), DataError,
                            {"crc.gz", "corrupt compressed data"});
        GS_EXPECT_THROW_MSG(parseIdx(std::string("\x1f\x8b"), "magic.gz"), DataError, {"magic.gz"});
    }

    // A 2^31-image header names dimension 0, the number of samples, not the one after it.
    void idxSizesNameTheRightDimension() {
        QTemporaryDir dir;
        const auto path = write(dir, "many-idx", idxBytes({0x80000000u, 28, 28}, 3, 0));
        try {
            readIdx(path);
            QFAIL("a 2^31-image header was accepted");
        } catch (const DataError& e) {
            const std::string message = e.what();
            QVERIFY2(message.find("dimension 0, the number of samples, is 2147483648") !=
                         std::string::npos,
                     e.what());
            QVERIFY2(message.find("dimension 1") == std::string::npos, e.what());
        }
        const auto big = write(dir, "big-idx", idxBytes({60000, 10000, 10000}, 3, 0));
        GS_EXPECT_THROW_MSG(readIdx(big), DataError,
                            {"big-idx", "dimensions 60000 × 10000 × 10000", "more than 2 GiB"});
    }

    // A small .gz whose header promises 784 bytes but which inflates to 256 MiB is refused
    // after the promised bytes, with no more than that inflated into memory.
    void idxGzipInflatesOnlyWhatTheHeaderPromises() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bomb.gz").toStdString();
        gzFile f = gzopen(path.c_str(), "wb9");
        const auto header = idxBytes({1, 28, 28}, 3, 0);
        gzwrite(f, header.data(), static_cast<unsigned>(header.size()));
        const std::vector<unsigned char> zeros(1 << 20, 0);
        for (int i = 0; i < 256; ++i)
            gzwrite(f, zeros.data(), static_cast<unsigned>(zeros.size()));
        gzclose(f);
        QVERIFY(QFileInfo(QString::fromStdString(path)).size() < (1 << 20));
        test::AllocationLimit limit(std::size_t(16) << 20);
        GS_EXPECT_THROW_MSG(readIdx(path), DataError,
                            {"bomb.gz", "unexpected data after the 784 bytes the header promises"});
    }

    // Files are read only when they are regular files: a FIFO would block forever.
    void dataFilesMustBeRegularFiles() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("images").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        GS_EXPECT_THROW_MSG(readIdx(fifo), DataError,
                            {"images' is a named pipe (FIFO), not a IDX file"});
        GS_EXPECT_THROW_MSG(loadPointsCsv(dir.path().toStdString()), DataError,
                            {"is a directory, not a CSV file"});
        GS_EXPECT_THROW_MSG(readNumberCsv(fifo), DataError, {"named pipe (FIFO), not a CSV file"});
    }

    void toySetsAreSeededAndBalanced_data() {
        QTest::addColumn<int>("kind");
        for (int k = 0; k < int(ToyKind::Count); ++k)
            QTest::newRow(toyKindName(ToyKind(k))) << k;
    }

    void toySetsAreSeededAndBalanced() {
        QFETCH(int, kind);
        const ToyConfig config{ToyKind(kind), 400, 0.2, 3};
        const Dataset a = makeToyDataset(config);
        const Dataset b = makeToyDataset(config);
        QCOMPARE(a.size(), Index(400));
        QCOMPARE(a.inputs.shape(), (Shape{400, 2}));
        QVERIFY(a.inputs.values() == b.inputs.values());
        QVERIFY(a.inputs.array().abs().maxCoeff() < 10);
        ToyConfig other = config;
        other.seed = 4;
        QVERIFY(makeToyDataset(other).inputs.values() != a.inputs.values());
        if (isRegression(ToyKind(kind))) {
            QCOMPARE(a.classes, 0);
            QCOMPARE(a.targets.shape(), (Shape{400, 1}));
        } else {
            QCOMPARE(a.classes, 2);
            const auto ones = std::count(a.labels.begin(), a.labels.end(), 1);
            QVERIFY2(ones > 120 && ones < 280, qPrintable(QString::number(ones)));
        }
        GS_EXPECT_THROW_MSG(makeToyDataset({ToyKind(kind), 1, 0, 1}), InvalidArgument, {"samples"});
        GS_EXPECT_THROW_MSG(makeToyDataset({ToyKind(kind), 10, 2, 1}), InvalidArgument, {"noise"});
        // Three classes: where the set has a choice, labels 0..2 in equal shares; elsewhere a
        // message naming the set.
        ToyConfig three = config;
        three.classes = 3;
        if (hasClassCount(ToyKind(kind))) {
            const Dataset d = makeToyDataset(three);
            QCOMPARE(d.classes, 3);
            QCOMPARE(d.classNames.size(), std::size_t(3));
            for (int c = 0; c < 3; ++c) {
                const auto count = std::count(d.labels.begin(), d.labels.end(), c);
                QVERIFY2(count >= 133 && count <= 134, qPrintable(QString::number(count)));
            }
            three.classes = kMaxToyClasses + 1;
            GS_EXPECT_THROW_MSG(makeToyDataset(three), InvalidArgument,
                                {toyKindName(ToyKind(kind)), "2 to 5 classes, not 6"});
        } else {
            GS_EXPECT_THROW_MSG(makeToyDataset(three), InvalidArgument,
                                {toyKindName(ToyKind(kind)), "has 2 classes, not 3"});
        }
    }

    // The spiral's arms turn by 2π/k from each other: with two, the Playground's spiral (the
    // second arm is the first turned half a circle); with three, a third of a circle.
    void spiralArmsAreTurnedCopies() {
        for (int k : {2, 3, 5}) {
            const Dataset d = makeToyDataset({ToyKind::Spiral, 60 * k, 0, 1, k});
            const double turn = 2 * std::numbers::pi / k;
            // The i-th point of arm 1 is the i-th point of arm 0 turned by 2π/k (no noise).
            for (Index i = 5; i < 60; i += 11) {
                const double x = d.inputs[2 * i], y = d.inputs[2 * i + 1];
                const double x1 = d.inputs[2 * (60 + i)], y1 = d.inputs[2 * (60 + i) + 1];
                // x = r sin t, y = r cos t: turning t by θ.
                QVERIFY(std::abs(x1 - (x * std::cos(turn) + y * std::sin(turn))) < 1e-4);
                QVERIFY(std::abs(y1 - (y * std::cos(turn) - x * std::sin(turn))) < 1e-4);
                QCOMPARE(d.labels[std::size_t(60 + i)], 1);
            }
        }
    }

    void csvPoints() {
        const Dataset c =
            parsePointsCsv("x1,x2,label\n0,0,0\n1,1,1\n# comment\n\n2,2,2\n", "pts.csv");
        QCOMPARE(c.classes, 3);
        QCOMPARE(c.labels, (std::vector<int>{0, 1, 2}));
        QCOMPARE(c.inputs.shape(), (Shape{3, 2}));
        // The header's names travel with the data (the app says the row was not a point), and
        // through a split.
        QCOMPARE(c.columnNames, (std::vector<std::string>{"x1", "x2", "label"}));
        QCOMPARE(splitDataset(c, 0.5, 1).test.columnNames, c.columnNames);
        const Dataset r = parsePointsCsv("0,0,0.5\n1,1,-1.5\n", "reg.csv");
        QVERIFY(r.columnNames.empty());
        QCOMPARE(r.classes, 0);
        GS_COMPARE_TENSOR(r.targets, {0.5, -1.5});
        GS_EXPECT_THROW_MSG(parsePointsCsv("0,0,1\n1,x,0\n", "bad.csv"), DataError,
                            {"bad.csv line 2", "expected numbers"});
        GS_EXPECT_THROW_MSG(parsePointsCsv("0,0,1\n1,0\n", "short.csv"), DataError,
                            {"short.csv line 2", "2 values", "line 1 has 3"});
        GS_EXPECT_THROW_MSG(parsePointsCsv("0,0\n1,0\n", "two.csv"), DataError,
                            {"expected 3 values"});
        GS_EXPECT_THROW_MSG(parsePointsCsv("0,0,1\n", "one.csv"), DataError, {"at least 2 points"});
        GS_EXPECT_THROW_MSG(parsePointsCsv("0,0,1\n1,inf,0\n", "inf.csv"), DataError, {"finite"});
        GS_EXPECT_THROW_MSG(loadPointsCsv("/nonexistent/points.csv"), DataError, {"cannot open"});
    }

    void dataLoaderCoversEverySampleOnce() {
        const Dataset d = makeToyDataset({ToyKind::Xor, 103, 0, 1});
        DataLoader loader(d, 10, true, 5);
        QCOMPARE(loader.batchesPerEpoch(), Index(11));
        std::multiset<std::pair<Scalar, Scalar>> seen;
        Batch b;
        int batches = 0;
        while (loader.next(b)) {
            ++batches;
            QCOMPARE(Index(b.labels.size()), b.size());
            for (Index r = 0; r < b.size(); ++r)
                seen.insert({b.inputs[2 * r], b.inputs[2 * r + 1]});
        }
        QCOMPARE(batches, 11);
        QCOMPARE(b.size(), Index(3)); // the last, partial batch
        std::multiset<std::pair<Scalar, Scalar>> all;
        for (Index r = 0; r < d.size(); ++r)
            all.insert({d.inputs[2 * r], d.inputs[2 * r + 1]});
        QVERIFY(seen == all);

        DataLoader dropLast(d, 10, false, 5, true);
        QCOMPARE(dropLast.batchesPerEpoch(), Index(10));
        int full = 0;
        while (dropLast.next(b))
            ++full;
        QCOMPARE(full, 10);
        GS_EXPECT_THROW_MSG(DataLoader(d, 0, false, 1), InvalidArgument, {"batch size"});
    }

    void shuffleIsSeeded() {
        const Dataset d = makeToyDataset({ToyKind::Spiral, 50, 0, 1});
        auto firstBatch = [&](std::uint64_t seed) {
            DataLoader loader(d, 8, true, seed);
            Batch b;
            loader.next(b);
            return b.inputs.values();
        };
        QVERIFY(firstBatch(1) == firstBatch(1));
        QVERIFY(firstBatch(1) != firstBatch(2));
    }

    void splitKeepsEverySample() {
        const Dataset d = makeToyDataset({ToyKind::Circles, 101, 0, 1});
        const Split s = splitDataset(d, 0.7, 3);
        QCOMPARE(s.train.size() + s.test.size(), Index(101));
        QCOMPARE(s.train.size(), Index(71));
        QCOMPARE(s.train.classes, 2);
        GS_EXPECT_THROW_MSG(splitDataset(d, 1.5, 3), InvalidArgument, {"train fraction"});
    }

    void numberCsvChecksRows() {
        std::vector<std::string> header;
        const auto rows = parseNumberCsv("a,b\n1,2\n3,4\n", "m.csv", &header);
        QCOMPARE(int(rows.size()), 2);
        QCOMPARE(rows[1].line, 3);
        QCOMPARE(header, (std::vector<std::string>{"a", "b"}));
        parseNumberCsv("# comment\n\n 1 , -2.5e3 \n+3,.5\n", "m.csv", &header);
        QVERIFY(header.empty());
        GS_EXPECT_THROW_MSG(parseNumberCsv("1,2\nx,y\n", "h.csv"), DataError, {"h.csv line 2"});
    }

    // Rows are read exactly or refused with the line and the value: nothing is dropped or
    // changed in silence.
    void numberCsvRefusesWhatItCannotRead_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        // A first row that fails to parse is not a header unless it is all names.
        QTest::newRow("typo in line 1") << QByteArray("1,x,3\n4,5,6\n")
                                        << "c.csv line 1: expected numbers, but value 2 is \"x\"";
        QTest::newRow("half header") << QByteArray("x1,2,label\n4,5,6\n") << "c.csv line 1";
        QTest::newRow("trailing comma")
            << QByteArray("1,2,\n") << "c.csv line 1: value 3 is empty (a comma";
        QTest::newRow("empty value") << QByteArray("1,,3\n") << "value 2 is empty";
        QTest::newRow("hex float") << QByteArray("0,0,0\n0x1p3,1,0\n")
                                   << "line 2: expected numbers, but value 1 is \"0x1p3\"";
        QTest::newRow("hex header") << QByteArray("0x10,0x20\n1,2\n") << "line 1";
        QTest::newRow("inf") << QByteArray("1,inf\n")
                             << "value 2 is \"inf\" (values must be finite";
        QTest::newRow("nan in line 1") << QByteArray("nan,nan\n1,2\n") << "line 1";
        QTest::newRow("beyond float32")
            << QByteArray("1,1e39\n") << "value 2 is 1e+39, out of float32 range";
        QTest::newRow("beyond double") << QByteArray("1,1e400\n") << "too large";
        QTest::newRow("binary") << QByteArray("1,2\n\x89PNG,\x01\n") << "value 1 is \"\\x89PNG\"";
    }

    void numberCsvRefusesWhatItCannotRead() {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        GS_EXPECT_THROW_MSG(parseNumberCsv(text.toStdString(), "c.csv"), DataError,
                            {"c.csv line", expected.toStdString()});
    }

    // Class labels are checked as integers: 1e30 is a regression target, never cast to int.
    void csvLabelsAreCheckedIntegers() {
        const Dataset r = parsePointsCsv("0,0,1e30\n1,1,0\n", "big.csv");
        QCOMPARE(r.classes, 0);
        QCOMPARE(r.targets[0], Scalar(1e30));
        const CsvRow row{7, {0, 1e30, 2.5, 3}};
        GS_EXPECT_THROW_MSG(row.integer(1, "l.csv", 0, 9), DataError,
                            {"l.csv line 7: value 2 (1e+30) must be a whole number from 0 to 9"});
        GS_EXPECT_THROW_MSG(row.integer(2, "l.csv", 0, 9), DataError, {"value 3 (2.5)"});
        QCOMPARE(row.integer(3, "l.csv", 0, 9), 3);
    }
};

QTEST_APPLESS_MAIN(TestData)
#include "tst_data.moc"
