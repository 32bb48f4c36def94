// gradscope: the desktop app. Thin: parses options and opens the main window.
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gradscope"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Gradscope: learn backpropagation by watching it happen."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Render the main window to FILE.png and exit."),
                                  QStringLiteral("FILE"));
    parser.addOption(screenshot);
    parser.process(app);

    gs::ui::MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QTimer::singleShot(0, &app, [&window, &app, path] {
            if (!window.grab().save(path)) {
                fprintf(stderr, "gradscope: could not write the screenshot to %s\n",
                        qPrintable(path));
                app.exit(1);
                return;
            }
            app.exit(0);
        });
    }
    return app.exec();
}
