// The Gradscope main window: pick data, build a network, press Play and watch it learn.
//
// It only assembles: the network and output views in the centre; the data panel and the
// network builder tabbed on the left; the charts, step-through, optimizer, graph, landscape
// and race views tabbed below, every one listed in a ViewRegistry that the View menu, --view
// and the tests read; the training toolbar (Play, Step, speed) and the optimizer toolbar on
// top. Training runs in a TrainingWorker on its own thread: the window calls it through typed
// queued calls (toWorker) and draws the snapshots it sends back. Every dock scrolls rather
// than demand space, so the window fits 1024×600.
//
// In four files: MainWindow.cpp (assembly, loading, notices), MainWindowWorker.cpp (the worker's
// signals, commands and snapshots), MainWindowMenus.cpp (toolbars, menus, speed, recent files,
// exports) and MainWindowDesktop.cpp (settings, language, closing, dropped files, guide,
// presenter mode).
//
// Every text follows the language at run time (View › Language, ui/i18n): fixed texts are set
// through onLanguageChange (Retranslate.h) where they are built; what the window shows of its
// state (the title, Play or Pause, the speed, the status bar, the message bar) is rendered again
// by retranslate() on QEvent::LanguageChange.
#pragma once

#include "Palette.h"
#include "Snapshot.h"
#include "ThreadHandOff.h"
#include "ViewRegistry.h"
#include "lesson/Lesson.h"

#include <QDeadlineTimer>
#include <QMainWindow>
#include <QPointer>
#include <QThread>

#include <functional>
#include <optional>
#include <utility>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QToolButton;
class QSlider;
class QTimer;
QT_END_NAMESPACE

namespace gs::ui {

class ChartsPanel;
class MnistDownload;
class DataPanel;
class GraphPanel;
class GraphView;
class LandscapeView;
class LessonPanel;
class OptimizerPanel;
class OptimizerToolbar;
class RaceView;
class DrawView;
class FeatureMapView;
class DistributionView;
class CompareView;
class NetworkBuilder;
class NetworkView;
class OutputView;
class StepThroughPanel;
class Timeline;
class TrainingWorker;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr,
                        const QString& initialPreset = QStringLiteral("spiral"));
    ~MainWindow() override;

    // Loads a built-in preset by name; false (and a message) if there is none.
    bool loadPreset(const QString& name);
    QString presetName() const { return QString::fromStdString(m_experiment.name); }
    // Opens what a file holds, by its suffix: a session (.gradscope) or points (.csv); false
    // (and a message naming the file) for anything else.
    bool openFile(const QString& path);
    // openFile() from the menu, the recent list or a drop: where it would replace a session
    // with unsaved training, it asks first (save, discard or cancel), as closing does.
    void openAsked(const QString& path);

    // Commands, as the toolbar and shortcuts run them (tests call them too).
    void play();
    void pause();
    void stepBatch();
    void stepEpoch();
    void reset();
    // Runs `steps` steps in the worker (the --after-steps screenshot option).
    void runSteps(long steps);
    bool isRunning() const { return m_running; }
    bool canTrain() const;
    QString cannotTrainReason() const { return m_blocked; }

    // Play speed: steps a second, 0 for as fast as the machine goes. The slider's positions
    // are kSpeeds.
    static const QList<double>& speeds();
    void setStepsPerSecond(double stepsPerSecond);
    double stepsPerSecond() const;

    NetworkBuilder* builder() const { return m_builder; }
    NetworkView* networkView() const { return m_network; }
    OutputView* outputView() const { return m_output; }
    ChartsPanel* charts() const { return m_charts; }
    StepThroughPanel* stepThrough() const { return m_stepThrough; }
    GraphView* graphView() const;
    OptimizerPanel* optimizerPanel() const { return m_optimizerPanel; }
    LandscapeView* landscapeView() const { return m_landscape; }
    RaceView* raceView() const { return m_race; }
    DataPanel* dataPanel() const { return m_data; }
    OptimizerToolbar* optimizerToolbar() const { return m_optimizerBar; }
    QDockWidget* graphDock() const { return m_registry.dock(QStringLiteral("graph")); }
    const ViewRegistry& views() const { return m_registry; }
    // Takes one step in the worker, written down for the step-through panel (oneSample: on
    // that training sample alone, by a copy, so the session does not move).
    void traceStep(bool oneSample = false, int sample = 0);
    // One gradient entry against finite differences ("0.weight", flat index).
    void checkGradientEntry(const QString& parameter, qint64 index);
    // An interior node: the output of layer `layer`, entry `index` (−1: the largest gradient).
    void checkNodeGradient(int layer, qint64 index);
    // The loss landscape around the current weights (shown in the Loss landscape tab).
    void computeLandscape(bool principal, int resolution, double span);
    void exportGraph(const QString& path) const;
    // Brings a view to the front (see views()); false for another name.
    bool showView(const QString& name);
    // Whether a view is in front: shown, and not behind another view's tab.
    bool viewInFront(const QString& name) const;
    // The timeline (ui/widgets/Timeline.h): every view to recorded step `step`; pauses Play.
    void seekTo(long step);
    Timeline* timeline() const { return m_timeline; }
    DistributionView* distributions() const { return m_distributions; }
    CompareView* compare() const { return m_compare; }
    // Train on from the step shown on the timeline, dropping the steps after it (asking first,
    // with `ask`: the steps dropped cannot be had back).
    void branchHere(bool ask = true);
    // A change of settings made while the timeline shows an earlier step applies at the end:
    // the notice says so.
    void noteChangeAtEnd();
    // The timeline's recording on (the default) or off: gradscope-bench-gui measures its cost.
    void setRecording(bool on);
    QStringList viewNames() const { return m_registry.names(); }
    // Checks the current gradients against finite differences (shown in the step-through tab).
    void checkGradients();
    SnapshotPtr lastSnapshot() const { return m_snapshot; }
    // The message bar above the views: an error, or a notice of what just happened (an
    // architecture change that re-initialised the weights, a schedule that ended).
    QString banner() const;
    QString notice() const;
    // The view the notice's link opens ("charts", …: a detector's finding), or "".
    QString noticeLink() const;
    // A detector's finding (train/Detectors.h) in the message bar, with a link to the view
    // that shows it.
    void showFinding(const FindingPtr& finding);
    // The finding in the message bar whatever is there (a click on its timeline mark).
    void presentFinding(const FindingPtr& finding);
    static QString findingText(const Finding& finding); // "Overfitting, after epoch 10: …"
    QAction* playAction() const { return m_play; }

    // Exports: chart (PNG, SVG, PDF by suffix; CSV writes the metric history) and the network
    // view (PNG or SVG). Throw gs::Error naming the file.
    void exportCharts(const QString& path) const;
    void exportNetworkView(const QString& path) const;

    // Downloads MNIST into the data folder (File › Download MNIST, or the link in the banner when
    // an MNIST preset finds none) with a progress dialog that can cancel; mnistDownloaded tells
    // how it ended, and the banner or a notice says so.
    void downloadMnist();

    // Trains on the user's points from a CSV file (x1,x2,label or x1,x2,y) with the current
    // network; a bad file is reported in the banner, naming the line.
    void importPoints(const QString& path);
    // Drawing points on the output view: on, the data become the points shown (to edit) unless
    // they are drawn already; after each edit the network goes on from its weights where it
    // still fits (SessionSetup::keepWeights).
    void setDrawingPoints(bool on);
    void useDrawnPoints(std::vector<DrawnPoint> points);
    // The Draw points button where the data are 2-D classes; off when the data change to others.
    void updateDrawControls();
    bool emptyDrawing() const; // the data are drawn points, and there are none
    // The builder's output layer and loss made to fit the toy data set's classes, or its
    // regression (fitOutputs, train/Loss.h); the builder told the classes. `fromRegression`:
    // the data were a regression set, whose MSE gives way to cross-entropy for classes.
    void fitBuilderToToy(bool fromRegression = false);
    // A new session of points from a file: the builder learns their classes (known only once
    // the file is read) and, where the load fitted the output to them, the network it trains.
    // Whether it applied a fit.
    bool showFittedOutputs(const SnapshotPtr& s);
    // Asks the worker to classify the drawing (DrawView), or keeps it for when the answer to
    // the last request has come.
    void explainDrawing(const std::vector<float>& ink, int chosenClass);

    // Sessions (.gradscope): saved and opened by the worker; sessionSaved/sessionOpened or
    // trainingFailed (with the reason; the current session is kept) report the outcome.
    void saveSession(const QString& path);
    void openSession(const QString& path);
    // The model as a PyTorch program (plain or for torchrun) or a Keras one (with its
    // TensorFlow.js model) beside `path`, or as an ONNX model at `path` (docs/interop.md),
    // written by the worker: exported() with the files, or trainingFailed() with the reason.
    enum class ModelFormat { PyTorch, Torchrun, Onnx, Keras };
    void exportModel(const QString& path, ModelFormat format);
    QString sessionPath() const { return m_sessionPath; }
    // Whether there is training or editing that no session file holds yet.
    bool hasUnsavedWork() const;
    // What closing asks when there is unsaved work: Save, Discard or Cancel. Tests replace it.
    using SaveQuestion = std::function<int()>;
    void setSaveQuestion(SaveQuestion question) { m_saveQuestion = std::move(question); }

    // The language (View › Language): "system" (the desktop's language, the default) or a code
    // of availableLanguages() ("en", "zh_CN"). setLanguage() installs it at once, every text
    // following without a restart, and keeps the choice in the settings ("language"); a code
    // without a translation changes nothing. language(): the choice kept in the settings (the
    // language on screen may differ where GRADSCOPE_LANGUAGE chose another for this run).
    void setLanguage(const QString& codeOrSystem);
    QString language() const;

    // The appearance (View › Appearance): the system's palette by default, light, dark or high
    // contrast; the views' drawing areas follow it. darkPalette(): whether the palette in effect
    // is dark (the system's may be). setDarkPalette(dark): Dark or Light.
    void setAppearance(Appearance appearance);
    Appearance appearance() const { return m_appearance; }
    void setDarkPalette(bool dark) { setAppearance(dark ? Appearance::Dark : Appearance::Light); }
    bool darkPalette() const { return m_dark; }
    // The colour scale of values and classes (View › Appearance): every view redraws in it.
    void setColourScale(ColourScale scale);
    ColourScale colourScale() const { return gs::ui::colourScale(); }
    // The palette "Follow the system" means (tests: a desktop set dark); by default the one the
    // program started with.
    static void setSystemPalette(const QPalette& palette);
    // The data panel's preview: the points, or sample digits.
    QPixmap dataPreview() const;

    // Lessons (ui/views/LessonPanel.h): the panel, and a lesson started by name (a built-in
    // one) or from a file (File › Open opens lesson files too); false, with the reason in the
    // message bar, where there is none.
    LessonPanel* lessons() const { return m_lessons; }
    bool startLesson(const QString& nameOrPath);
    // Opens a lesson step's setup (its preset, changes and steps, the last step written down
    // for the step-through), its views and its focus. A setup the window already shows (the
    // same experiment at the same step) is kept; a later step of the same run is stepped to.
    void openLessonStep(const LessonStep& step);

    // A teacher's lesson: the window's state now (its preset and what was changed in it, the
    // training step, the views in front, the entry the step-through follows) as a lesson step,
    // with the text the teacher types (a dialog; tests replace it). recordLessonStep() adds it
    // to the panel's draft; saveLesson() writes the draft (false, with the reason shown, where
    // it cannot: no draft, a file that cannot be written).
    struct LessonTexts {
        LessonText lessonTitle; // asked with the first step only
        LessonText stepTitle;
        LessonText text;
        // Asked before the step shows: its answer an expression of placeholders (kinds sign,
        // up-down and number; a choice among several is written in the file).
        std::optional<Exercise> exercise;
    };
    using LessonTextQuestion = std::function<bool(LessonTexts&, bool first)>;
    void setLessonTextQuestion(LessonTextQuestion question) {
        m_lessonTextQuestion = std::move(question);
    }
    std::optional<LessonStep> currentLessonStep(QString* why = nullptr) const;
    bool recordLessonStep();
    bool saveLesson(const QString& path);

    // Presenter mode: full screen with the controls hidden; the text scale (percent, 100–250)
    // applies to every view.
    void setPresenterMode(bool on);
    bool presenterMode() const { return m_presenter; }
    void setControlsHidden(bool hidden);
    bool controlsHidden() const { return m_controlsHidden; }
    void setTextScale(int percent);
    int textScale() const { return m_textScale; }
    // The threads training uses (Train › Threads; 0: every core), kept in the settings. The
    // results are the same on any number; only the speed changes.
    void setThreads(int threads);
    int threads() const { return m_threads; }
    // Train › Device: "cpu" or "cuda:N". The worker switches and the window follows when it
    // says it has (a GPU that cannot be used leaves it on the CPU, with the reason shown).
    void setDevice(const QString& device);
    QString device() const { return m_device; }
    void deviceSwitched(const QString& device); // the worker has switched
    // Shows one view alone, as large as the window allows; an empty name shows all again.
    void enlargeView(const QString& name);
    QString enlargedView() const { return m_enlarged; }

    // The optimizer settings as the toolbar shows them.
    OptimizerConfig optimizerConfig() const;
    void setLearningRate(double learningRate);

signals:
    // A snapshot was drawn (after load too): the step it shows.
    void snapshotShown(long step);
    void trainingFailed(const QString& message);
    void mnistDownloaded(bool ok, const QString& message);
    void sessionSaved(const QString& path);
    void sessionOpened(const QString& path);
    void exported(const QStringList& files);
    void traced();       // a traced step reached the step-through panel and the graph
    void graphUpdated(); // a live graph trace was drawn
    void landscapeReady();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    // Tab and Shift+Tab in reading order (ReadingOrder.h), whatever order the widgets were made in.
    bool focusNextPrevChild(bool next) override;
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // Queues `call` to run in the worker's thread: typed, checked at compile time.
    template <class F> void toWorker(F&& call) {
        const HandOffLock handOff(&m_thread); // for ThreadSanitizer (ThreadHandOff.h)
        QMetaObject::invokeMethod(workerObject(), std::forward<F>(call), Qt::QueuedConnection);
    }
    QObject* workerObject() const;
    void connectWorker();
    QWidget* buildCentre();
    void buildToolbars();
    void buildDocks();
    void buildMenus();
    void requestLoad();
    void showSnapshot(const SnapshotPtr& snapshot, bool fresh);
    // A text the window shows, made again in the new language when the language changes.
    using Text = std::function<QString()>;
    // The message bar: an error (banner) or a notice. showBanner and showNotice show a text
    // made elsewhere (the worker's, a panel's) as it is.
    enum class Bar { Banner, Notice };
    void showBar(Bar kind, Text text);
    void renderBar(); // in the palette and language in effect
    void showBanner(const QString& message);
    void showNotice(const QString& message);
    // A notice with a link that shows the view `view`, as the link's text says.
    void showLinkedNotice(Text text, const QString& view, Text linkText);
    void clearNotice(); // a notice is about what just happened: the next action hides it
    // The status bar's message (timeout in ms, 0: until replaced).
    void showStatus(Text text, int timeout = 0);
    void renderStatus();
    // Renders again, in the language now installed, what the window shows of its state.
    void retranslate();
    // The window's title: "Gradscope — name", with the unsaved-work marker.
    void setTitleName(const QString& name);
    // The status bar's step counter and speed, from the last snapshot.
    void showCounter();
    void updateLanguageChecks(); // View › Language's check mark
    // Puts m_experiment into the data panel, the builder and the toolbar (no reload).
    void showExperiment(FeatureMask features);
    void addRecent(const QString& path);
    void updateRecentMenu();
    void updateTrainEnabled();
    void updateBlocked(); // m_blocked and the training actions, without a status message
    // Shows long work in the status bar (empty: none), with a Cancel button if it can stop.
    void setBusy(Text what, bool cancellable = false);
    QString exportTitle() const; // the window's title without the unsaved-work marker
    void updateIcons();          // in the palette's colours
    void followPalette();        // the window's own colours after a change of palette
    void placeFocusOnPlay();     // once, when the window shows and Play can be pressed
    void showGuide();
    void showAbout();
    void connectLessons();
    void showLessons();
    // The session, from where it stands (the worker's live step count), on to `step`, that
    // step traced.
    void takeLessonSteps(long step);
    void followLessonFocus();  // the step-through follows the lesson's entry
    void lessonStepsArrived(); // a lesson's steps have been taken: a waiting step's turn
    void dropLessonSteps();    // training failed or was cancelled: no steps are on their way
    void lessonStateChanged(); // training held for an answer; the Predict box offered or not
    // A lesson is being given: one chosen, and its dock not closed (it may be behind a tab).
    bool lessonActive() const;
    // What the session runs: the network loaded, with the toolbar's live settings.
    Experiment runningExperiment() const;
    void exportLessonAnswers();
    void restoreSettings();
    // Asks for a file name and writes it; a failure is shown, a success noted in the status bar.
    void exportWithDialog(const QString& title, const QString& filter,
                          const std::function<void(const QString&)>& writer);
    void exportModelWithDialog(ModelFormat format);

    Experiment m_experiment;
    SnapshotPtr m_snapshot;
    QPointer<MnistDownload> m_mnistDownload; // while one runs
    // The button that the keyboard (Tab) last put the focus on: Space and Enter press it rather
    // than train. A button clicked with the mouse keeps the focus too, but Space still trains.
    QPointer<QWidget> m_keyboardFocus;
    bool m_focusPlaced = false;    // on Play, when the window first shows
    QString m_presetAwaitingMnist; // a preset that could not load without MNIST: loaded after
    bool m_running = false;
    // A drawing edited: the next load keeps the network's weights, and Play goes on after it.
    bool m_keepWeights = false;
    bool m_resumeAfterLoad = false;
    bool m_loaded = false;
    QString m_blocked;
    QString m_sessionPath;
    long m_savedStep = 0; // the step the session file holds (or the load started at)
    bool m_editedSinceSave = false;
    bool m_rebuildNotice = false; // the next load comes from an architecture change
    bool m_pointsNotice = false;  // the next load is points that replaced an image network
    Text m_loadNotice;            // said once the next load has arrived
    SaveQuestion m_saveQuestion;
    QString m_saveWhenPaused; // a save asked for while playing
    // Closing, or opening another file, waits for the save it asked for (one at a time).
    QMetaObject::Connection m_afterSave;
    QString askSavePath(); // a file dialog; empty when cancelled
    // Saves to the session's file (or one asked for), then runs `then` once it is written.
    void saveThen(std::function<void()> then);
    // The experiment the worker last loaded: what a failed load goes back to.
    std::optional<Experiment> m_shownExperiment;
    SessionSetup m_requested; // the last load asked of the worker
    FeatureMask m_shownFeatures = kRawFeatures;
    int m_scaleBeforePresenter = 100;
    QByteArray m_stateBeforePresenter;
    static constexpr int kAckFallbackMs = 100;
    bool m_ackPending = false;
    QTimer* m_ackFallback = nullptr;
    bool m_dark = false;
    Appearance m_appearance = Appearance::System;
    bool m_presenter = false;
    bool m_controlsHidden = false;
    int m_textScale = 100;
    int m_threads = 0;
    QString m_device = QStringLiteral("cpu");
    QFont m_baseFont;
    QString m_enlarged;
    QByteArray m_stateBeforeEnlarge;
    QByteArray m_defaultState; // the docks as first laid out (View › Reset the layout)
    QMenu* m_recentMenu = nullptr;
    QActionGroup* m_languages = nullptr; // View › Language's actions, "system" or a code each
    QString m_titleName;                 // the preset or file the title names
    Bar m_barKind = Bar::Banner;
    Text m_barText;
    QString m_barLink; // a notice's link: the view it opens (showView), or empty
    Text m_barLinkText;
    FindingPtr m_barFinding; // the finding the notice shows, if it shows one
    Text m_status;           // the status bar's message as last shown by showStatus
    QString m_statusShown;   // … in the language it was shown in
    QDeadlineTimer m_statusUntil;
    Text m_busyText; // the long work setBusy shows

    LessonPanel* m_lessons = nullptr;
    long m_lessonStepsAfterLoad = -1; // a lesson's setup waits for its load, then steps
    std::optional<LessonStep> m_lessonStepWaiting; // for a load or steps already on their way
    long m_lessonHeading = -1;   // the step a lesson's steps in flight end at (−1: none)
    bool m_lessonReload = false; // the run went past the step's setup: open it afresh
    int m_loadsPending = 0;      // loads asked of the worker that have not answered yet
    QString m_lastFailure;       // the worker's last failure, as the banner said it
    LessonTextQuestion m_lessonTextQuestion;
    std::string m_lessonFocus; // the entry the step-through follows ("0.weight[2,0]")

    QThread m_thread;
    TrainingWorker* m_worker;
    ViewRegistry m_registry;

    NetworkView* m_network;
    OutputView* m_output;
    QWidget* m_centre = nullptr;
    ChartsPanel* m_charts = nullptr;
    StepThroughPanel* m_stepThrough = nullptr;
    GraphPanel* m_graphPanel = nullptr;
    OptimizerPanel* m_optimizerPanel = nullptr;
    LandscapeView* m_landscape = nullptr;
    RaceView* m_race = nullptr;
    DrawView* m_draw = nullptr;
    FeatureMapView* m_featureMaps = nullptr;
    DistributionView* m_distributions = nullptr;
    CompareView* m_compare = nullptr;
    // The draw-a-digit view's requests: one with the worker at a time, the newest waiting.
    bool m_drawingAsked = false;
    std::optional<std::pair<std::vector<float>, int>> m_drawingPending;
    DataPanel* m_data = nullptr;
    NetworkBuilder* m_builder = nullptr;
    QLabel* m_banner;
    QLabel* m_counter = nullptr;
    Timeline* m_timeline = nullptr;
    long m_seekTarget = -1;      // the step the timeline last asked for, until shown
    bool m_seekInFlight = false; // a seek is with the worker
    QLabel* m_speedReadout = nullptr;
    QProgressBar* m_busy = nullptr;
    QPushButton* m_cancelBusy = nullptr;
    bool m_busyStepping = false; // the busy bar shows a long Step epoch or runSteps()

    QAction* m_play = nullptr;
    QAction* m_step = nullptr;
    QAction* m_stepEpoch = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_presenterAction = nullptr;
    QAction* m_hideControlsAction = nullptr;
    QAction* m_nextPane = nullptr;     // F6
    QAction* m_previousPane = nullptr; // Shift+F6
    QSlider* m_speed = nullptr;
    QLabel* m_speedLabel = nullptr;
    QToolBar* m_trainingBar = nullptr;
    OptimizerToolbar* m_optimizerBar = nullptr;
    QComboBox* m_quantity = nullptr;
    QToolButton* m_drawPoints = nullptr; // checkable: drawing on the output view
    QComboBox* m_drawClass = nullptr;    // the class the left button draws
    QToolButton* m_clearPoints = nullptr;
};

} // namespace gs::ui
