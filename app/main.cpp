// gradscope: the desktop app. Thin: parses options and opens the main window.
#include "ChartsPanel.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gradscope"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setOrganizationName(QStringLiteral("Gradscope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Gradscope: learn backpropagation by watching it happen."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption preset(QStringLiteral("preset"),
                              QStringLiteral("Start with the preset NAME (default: spiral)."),
                              QStringLiteral("NAME"));
    QCommandLineOption open(QStringLiteral("open"),
                            QStringLiteral("Open the session FILE.gradscope."),
                            QStringLiteral("FILE"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to FILE.png and exit (after --after-steps)."),
        QStringLiteral("FILE"));
    QCommandLineOption afterSteps(QStringLiteral("after-steps"),
                                  QStringLiteral("With --screenshot: train N steps first."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({preset, open, screenshot, afterSteps});
    parser.process(app);

    bool ok = false;
    const long steps = parser.value(afterSteps).toLong(&ok);
    if (!ok || steps < 0) {
        std::fprintf(stderr, "gradscope: --after-steps needs a whole number ≥ 0, got '%s'\n",
                     qPrintable(parser.value(afterSteps)));
        return 2;
    }

    gs::ui::MainWindow window;
    if (parser.isSet(preset) && !window.loadPreset(parser.value(preset))) {
        std::fprintf(stderr,
                     "gradscope: there is no preset '%s' (gradscope-cli presets lists "
                     "them)\n",
                     qPrintable(parser.value(preset)));
        return 2;
    }
    if (parser.isSet(open)) window.openSession(parser.value(open));
    window.show();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        bool started = false;
        const auto shoot = [&window, &app, path] {
            window.charts()->flush();
            if (!window.grab().save(path)) {
                std::fprintf(stderr, "gradscope: could not write the screenshot to %s\n",
                             qPrintable(path));
                app.exit(1);
                return;
            }
            app.exit(0);
        };
        QObject::connect(&window, &gs::ui::MainWindow::trainingFailed, &app,
                         [&app](const QString& message) {
                             std::fprintf(stderr, "gradscope: %s\n", qPrintable(message));
                             app.exit(1);
                         });
        QObject::connect(&window, &gs::ui::MainWindow::snapshotShown, &app, [&, shoot](long step) {
            if (!started && steps > 0) {
                started = true;
                window.runSteps(steps);
                return;
            }
            if (step >= steps) QTimer::singleShot(0, &app, shoot);
        });
    }
    return app.exec();
}
