// gradscope-cli fetch: data sets that are not part of the program. MNIST is downloaded and
// checked by the same code as the app's File › Download MNIST (ui/net/MnistDownload.h);
// Fashion-MNIST comes from Debian.
#include "Arguments.h"
#include "CliText.h"
#include "Commands.h"
#include "MnistDownload.h"
#include "train/Experiment.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>
#include <unistd.h>

namespace gs::cli {

int fetchCommand(const std::vector<std::string>& args) {
    if (args.empty() || args.front().starts_with("--"))
        throw UsageError(Engine::tr("fetch needs the data set to fetch: mnist"));
    const std::string what = args.front();
    if (what == "fashion-mnist") {
        print(stderr, Cli::tr("Fashion-MNIST comes from Debian: sudo apt-get install "
                              "dataset-fashion-mnist (it installs in %1)\n")
                          .arg(QString::fromUtf8(kFashionMnistDir)));
        return 1;
    }
    if (what != "mnist")
        throw UsageError(Engine::tr("there is no data set '{1}' to fetch (mnist, fashion-mnist)"),
                         what);
    const Arguments a(std::vector<std::string>(args.begin() + 1, args.end()), {"--data", "--from"},
                      {});
    const std::string dataDir = a.text("--data").value_or(defaultDataDir());

    int argc = 1;
    char name[] = "gradscope-cli";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(GRADSCOPE_VERSION));
    ui::installInApplication(); // the download's own messages
    ui::MnistDownload download(QString::fromStdString(dataDir));
    if (const auto from = a.text("--from"))
        download.setSources({ui::MnistDownload::sourceFromText(QString::fromStdString(*from))});

    const bool terminal = ::isatty(STDERR_FILENO);
    QObject::connect(
        &download, &ui::MnistDownload::progress,
        [terminal](qint64 received, qint64 total, const QString& file) {
            if (!terminal) return;
            if (total > 0)
                print(stderr, QLatin1Char('\r') + Cli::tr("downloading %1: %2 of %3 MB   ")
                                                      .arg(file)
                                                      .arg(double(received) / 1e6, 5, 'f', 1)
                                                      .arg(double(total) / 1e6, 0, 'f', 1));
            else
                print(stderr, QLatin1Char('\r') + Cli::tr("downloading %1: %2 MB   ")
                                                      .arg(file)
                                                      .arg(double(received) / 1e6, 5, 'f', 1));
        });
    QObject::connect(&download, &ui::MnistDownload::installing, [terminal] {
        if (terminal) std::fprintf(stderr, "\r%60s\r", "");
        print(stderr, Cli::tr("checking the SHA-256 sums and installing...\n"));
    });
    bool ok = false;
    QString message;
    QEventLoop loop;
    QObject::connect(&download, &ui::MnistDownload::finished,
                     [&](bool success, const QString& text) {
                         ok = success;
                         message = text;
                         loop.quit();
                     });
    if (terminal) print(stderr, Cli::tr("fetching MNIST...\n"));
    download.start();
    if (download.isRunning()) loop.exec();
    if (terminal) std::fprintf(stderr, "\r%60s\r", "");
    print(ok ? stdout : stderr, message + QLatin1Char('\n'));
    return ok ? 0 : 1;
}

} // namespace gs::cli
