// Data: the IDX reader against every kind of corrupt file, toy sets, CSV points, the
// DataLoader, and the train/test split.
#include "TestUtil.h"
#include "data/Csv.h"
#include "data/DataLoader.h"
#include "data/Idx.h"
#include "data/Toy.h"

#include <QTemporaryDir>
#include <fstream>
#include <set>
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
    }

    void csvPoints() {
        const Dataset c =
            parsePointsCsv("x1,x2,label\n0,0,0\n1,1,1\n# comment\n\n2,2,2\n", "pts.csv");
        QCOMPARE(c.classes, 3);
        QCOMPARE(c.labels, (std::vector<int>{0, 1, 2}));
        QCOMPARE(c.inputs.shape(), (Shape{3, 2}));
        const Dataset r = parsePointsCsv("0,0,0.5\n1,1,-1.5\n", "reg.csv");
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
        const auto rows = parseNumberCsv("a,b\n1,2\n3,4\n", "m.csv");
        QCOMPARE(int(rows.size()), 2);
        QCOMPARE(rows[1].line, 3);
        GS_EXPECT_THROW_MSG(parseNumberCsv("1,2\nx,y\n", "h.csv"), DataError, {"h.csv line 2"});
    }
};

QTEST_APPLESS_MAIN(TestData)
#include "tst_data.moc"
