// gradscope: the desktop app. Thin: installs the language, parses options and opens the main
// window.
#include "ChartsPanel.h"
#include "Language.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "RaceView.h"
#include "StepThroughPanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <string_view>

namespace {

// This file's texts, in the language installed (an application object exists wherever they
// are made).
struct App {
    Q_DECLARE_TR_FUNCTIONS(gs::App)
};

void nameTheApplication() {
    QCoreApplication::setApplicationName(QStringLiteral("Gradscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GRADSCOPE_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Gradscope"));
}

// Installs the language (after nameTheApplication: the settings and the translations' folders
// are the application's): GRADSCOPE_LANGUAGE=<code> for this run, not kept; else the one chosen
// in View › Language (the setting "language": a code, or "system"); else the desktop's. A code
// without a translation gives way to the next.
void installLanguage() {
    const QString forced = qEnvironmentVariable("GRADSCOPE_LANGUAGE");
    if (!forced.isEmpty() && gs::ui::setLanguage(forced)) return;
    const QString chosen =
        QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
    if (chosen != QLatin1String("system") && gs::ui::setLanguage(chosen)) return;
    gs::ui::setLanguage(gs::ui::languageForLocale(QLocale::system().name()));
}

// A complaint about the command line, on stderr.
void complain(const QString& text) {
    std::fprintf(stderr, "gradscope: %s\n", qPrintable(text));
}

// The command line's options, in one place for the two parsers main() may build. Made after
// installLanguage(), so that --help is in the user's language.
struct Options {
    QCommandLineOption preset{
        QStringLiteral("preset"),
        App::tr("Start with the preset NAME (default: the last one used, or spiral)."),
        QStringLiteral("NAME")};
    QCommandLineOption open{QStringLiteral("open"), App::tr("Open the session FILE.gradscope."),
                            QStringLiteral("FILE")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        App::tr("Render the main window to FILE.png and exit (after --after-steps)."),
        QStringLiteral("FILE")};
    QCommandLineOption afterSteps{QStringLiteral("after-steps"),
                                  App::tr("With --screenshot: train N steps first."),
                                  QStringLiteral("N"), QStringLiteral("0")};
    QCommandLineOption view{
        QStringLiteral("view"),
        App::tr("Open with the view NAME in front: network, output, data, builder, lessons, "
                "charts, step, optimizer, graph, landscape or race. With --screenshot, step traces a "
                "step and walks into its backward pass, landscape computes one, race runs 150 "
                "steps."),
        QStringLiteral("NAME")};
    QCommandLineOption lesson{
        QStringLiteral("lesson"),
        App::tr("Start the lesson NAME (gradscope-cli lessons lists them) or the lesson file "
                "FILE.json. With --screenshot, the picture shows its first step."),
        QStringLiteral("NAME")};
    QCommandLineOption presenter{QStringLiteral("presenter"),
                                 App::tr("Start in presenter mode (full screen, larger text, "
                                         "controls hidden; F11 leaves it).")};

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(
            App::tr("Gradscope: learn backpropagation by watching it happen."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({preset, open, screenshot, afterSteps, view, lesson, presenter});
        parser.addPositionalArgument(QStringLiteral("file"),
                                     App::tr("A session (.gradscope), points (.csv), a model or a lesson (.json) to open."),
                                     QStringLiteral("[file]"));
    }
};

// --help and --version need no display: they are answered before QApplication, which opens
// one (and fails without), is made.
void answerHelpWithoutADisplay(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" ||
            arg == "--version") {
            QCoreApplication core(argc, argv);
            nameTheApplication();
            installLanguage();
            QCommandLineParser parser;
            const Options options;
            options.addTo(parser);
            parser.process(core); // prints and exits
        }
    }
}

} // namespace

int main(int argc, char* argv[]) {
    answerHelpWithoutADisplay(argc, argv);
    QApplication app(argc, argv);
    nameTheApplication();
    installLanguage(); // before the options' texts and the window are made
    // The desktop entry's name (Wayland matches windows to it) and the icon it shows.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.gradscope.Gradscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gradscope.svg")));

    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    const QCommandLineOption &preset = options.preset, &open = options.open,
                             &screenshot = options.screenshot, &afterSteps = options.afterSteps,
                             &view = options.view, &presenter = options.presenter,
                             &lesson = options.lesson;
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        complain(App::tr("give at most one file to open"));
        return 2;
    }

    bool ok = false;
    const long steps = parser.value(afterSteps).toLong(&ok);
    if (!ok || steps < 0) {
        complain(App::tr("--after-steps needs a whole number ≥ 0, got '%1'")
                     .arg(parser.value(afterSteps)));
        return 2;
    }

    if (parser.isSet(preset) && !gs::findPreset(parser.value(preset).toStdString())) {
        complain(App::tr("there is no preset '%1' (gradscope-cli presets lists them)")
                     .arg(parser.value(preset)));
        return 2;
    }
    // A screenshot is the same picture whatever was used last, and leaves the user's settings
    // alone: in the desktop's language, or GRADSCOPE_LANGUAGE's.
    if (parser.isSet(screenshot)) {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        installLanguage();
    }
    const QString initial =
        parser.isSet(preset) ? parser.value(preset)
        : parser.isSet(screenshot)
            ? QStringLiteral("spiral")
            : QSettings().value(QStringLiteral("lastPreset"), QStringLiteral("spiral")).toString();
    gs::ui::MainWindow window(nullptr, initial);
    if (parser.isSet(open)) window.openSession(parser.value(open));
    if (!parser.positionalArguments().isEmpty()) window.openFile(parser.positionalArguments()[0]);
    const QString viewName = parser.value(view);
    if (parser.isSet(view) && !window.showView(viewName)) {
        complain(App::tr("there is no view '%1' (%2)")
                     .arg(viewName, window.viewNames().join(QStringLiteral(", "))));
        return 2;
    }
    if (parser.isSet(lesson) && !window.startLesson(parser.value(lesson))) {
        complain(App::tr("there is no lesson '%1' (gradscope-cli lessons lists them)")
                     .arg(parser.value(lesson)));
        return 2;
    }
    if (parser.isSet(presenter))
        window.setPresenterMode(true);
    else
        window.show();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        bool started = false;
        const auto shoot = [&window, &app, path] {
            window.charts()->flush();
            if (!window.grab().save(path)) {
                complain(App::tr("could not write the screenshot to %1").arg(path));
                app.exit(1);
                return;
            }
            app.exit(0);
        };
        QObject::connect(&window, &gs::ui::MainWindow::trainingFailed, &app,
                         [&app](const QString& message) {
                             complain(message);
                             app.exit(1);
                         });
        // What the view needs before the picture: a traced step walked into its backward pass,
        // a landscape, or a race.
        bool prepared = false;
        const auto prepare = [&, shoot] {
            prepared = true;
            if (viewName == QStringLiteral("step")) {
                window.traceStep();
            } else if (viewName == QStringLiteral("landscape")) {
                window.computeLandscape(steps >= 3, 41, 1.0);
            } else {
                if (viewName == QStringLiteral("race")) window.raceView()->advance(150);
                QTimer::singleShot(0, &app, shoot);
            }
        };
        QObject::connect(&window, &gs::ui::MainWindow::traced, &app, [&, shoot] {
            gs::ui::StepThroughPanel* panel = window.stepThrough();
            panel->endOfPhase();
            panel->next();
            for (int i = 0; i < 4; ++i)
                panel->next();
            QTimer::singleShot(0, &app, shoot);
        });
        QObject::connect(&window, &gs::ui::MainWindow::landscapeReady, &app,
                         [&, shoot] { QTimer::singleShot(0, &app, shoot); });
        if (parser.isSet(lesson)) {
            // The lesson's first step, once its numbers are in and the window shows its setup.
            const auto lessonReady = [&window, &app, shoot] {
                const gs::ui::LessonPanel* panel = window.lessons();
                const gs::Lesson* l = panel->lesson();
                const auto snapshot = window.lastSnapshot();
                if (!l || !panel->ready() || !snapshot || window.isRunning()) return;
                const long want = l->steps[std::size_t(panel->step())].setup.steps;
                const auto trace = window.stepThrough()->trace();
                if (snapshot->step == want && (want == 0 || (trace && trace->step == want)))
                    QTimer::singleShot(0, &app, shoot);
            };
            QObject::connect(window.lessons(), &gs::ui::LessonPanel::stepShown, &app, lessonReady);
            QObject::connect(&window, &gs::ui::MainWindow::traced, &app, lessonReady);
            QObject::connect(&window, &gs::ui::MainWindow::snapshotShown, &app, lessonReady);
            return app.exec();
        }
        QObject::connect(&window, &gs::ui::MainWindow::snapshotShown, &app,
                         [&, prepare](long step) {
                             if (!started && steps > 0) {
                                 started = true;
                                 window.runSteps(steps);
                                 return;
                             }
                             if (step >= steps && !prepared) prepare();
                         });
    }
    return app.exec();
}
