// MainWindow's toolbars and menus, the play speed, recent files and exports.
#include "MainWindow.h"
#include "MainWindowParts.h"

#include "ChartsPanel.h"
#include "Language.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "Palette.h"
#include "ReadingOrder.h"
#include "Retranslate.h"
#include "TrainingWorker.h"
#include "WidgetExport.h"
#include "core/Parallel.h"
#include "io/Serialize.h"
#include "panels/GraphPanel.h"
#include "panels/OptimizerToolbar.h"
#include "panels/TrainingIcons.h"
#include "plot/ChartExport.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

namespace gs::ui {

void MainWindow::buildToolbars() {
    m_trainingBar = addToolBar(QString());
    QToolBar* bar = m_trainingBar;
    bar->setObjectName(QStringLiteral("trainingToolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reset = bar->addAction(QString(), this, &MainWindow::reset);
    m_reset->setShortcut(Qt::Key_R);
    m_play = bar->addAction(QString(), this, [this] {
        if (m_running)
            pause();
        else
            play();
    });
    m_play->setShortcut(Qt::Key_Space);
    connect(m_play, &QAction::changed, this, &MainWindow::placeFocusOnPlay);
    m_step = bar->addAction(QString(), this, &MainWindow::stepBatch);
    m_step->setShortcut(Qt::Key_S);
    m_stepEpoch = bar->addAction(QString(), this, &MainWindow::stepEpoch);
    m_stepEpoch->setShortcut(Qt::Key_E);
    updateIcons();
    // The training buttons are tab stops (a toolbar's are not, by default): Tab reaches them.
    for (QAction* action : {m_reset, m_play, m_step, m_stepEpoch})
        bar->widgetForAction(action)->setFocusPolicy(Qt::TabFocus);
    bar->addSeparator();
    auto* speedTitle = new QLabel;
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setRange(0, int(speeds().size()) - 1);
    m_speed->setPageStep(1);
    m_speed->setFixedWidth(80);
    m_speedLabel = new QLabel;
    bar->addWidget(speedTitle);
    bar->addWidget(m_speed);
    bar->addWidget(m_speedLabel);
    connect(m_speed, &QSlider::valueChanged, this, [this](int index) {
        const double speed = speeds().value(index);
        m_speedLabel->setText(speedText(speed));
        QSettings().setValue(QStringLiteral("speedIndex"), index);
        toWorker([w = m_worker, speed] { w->setStepsPerSecond(speed); });
    });
    // The toolbar's texts, Play or Pause as training runs, and the speed the slider shows.
    onLanguageChange(bar, [this, bar, speedTitle] {
        bar->setWindowTitle(tr("Training"));
        m_reset->setText(tr("Reset"));
        m_reset->setToolTip(tr("Start again from fresh random weights (R)"));
        m_play->setText(m_running ? tr("Pause") : tr("Play"));
        // As wide as the wider of its two texts, so that the toolbar does not shift when
        // Play turns into Pause.
        if (QWidget* button = bar->widgetForAction(m_play)) {
            const QFontMetrics fm(button->font());
            const int widest =
                std::max(fm.horizontalAdvance(tr("Pause")), fm.horizontalAdvance(tr("Play")));
            // (+ 4: the style rounds the text's width its own way.)
            button->setMinimumWidth(button->sizeHint().width() -
                                    fm.horizontalAdvance(m_play->text()) + widest + 4);
        }
        m_play->setToolTip(tr("Train continuously; press again to pause (Space)"));
        //: A button: take one training step (a verb).
        m_step->setText(tr("Step"));
        m_step->setToolTip(tr("One mini-batch: forward, loss, backward, optimizer step (S)"));
        //: A button: train to the end of the epoch.
        m_stepEpoch->setText(tr("Step epoch"));
        m_stepEpoch->setToolTip(tr("Train to the end of the current epoch (E)"));
        speedTitle->setText(tr(" Speed "));
        m_speed->setAccessibleName(speedTitle->text().trimmed());
        m_speed->setToolTip(tr("How fast Play trains: from one step a second (slow motion: every "
                               "step's change can be followed) to as fast as the computer goes "
                               "([ and ] change it)"));
        int widest = 0; // the label keeps its width as the speed changes
        for (const double speed : speeds())
            widest = std::max(widest, m_speedLabel->fontMetrics().horizontalAdvance(
                                          speedText(speed) + QLatin1Char(' ')));
        m_speedLabel->setMinimumWidth(widest);
        m_speedLabel->setText(speedText(speeds().value(m_speed->value())));
    });
    auto* slower = new QAction(this);
    slower->setShortcut(Qt::Key_BracketLeft);
    onLanguageChange(slower, [slower] { slower->setText(tr("Slower")); });
    connect(slower, &QAction::triggered, this, [this] { m_speed->setValue(m_speed->value() - 1); });
    auto* faster = new QAction(this);
    faster->setShortcut(Qt::Key_BracketRight);
    onLanguageChange(faster, [faster] { faster->setText(tr("Faster")); });
    connect(faster, &QAction::triggered, this, [this] { m_speed->setValue(m_speed->value() + 1); });
    addActions({slower, faster});
    // F6 and Shift+F6: from pane to pane (the toolbar, each dock, the centre), as read.
    // Listed in the View menu (below).
    m_nextPane = new QAction(this);
    m_nextPane->setShortcut(Qt::Key_F6);
    connect(m_nextPane, &QAction::triggered, this, [this] { focusNextRegion(this, true); });
    m_previousPane = new QAction(this);
    m_previousPane->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    connect(m_previousPane, &QAction::triggered, this, [this] { focusNextRegion(this, false); });
    onLanguageChange(m_nextPane, [this] {
        //: View menu: move the keyboard focus to the next part of the window (F6).
        m_nextPane->setText(tr("&Next pane"));
        //: View menu: move the keyboard focus to the previous part of the window (Shift+F6).
        m_previousPane->setText(tr("Pre&vious pane"));
    });
    addActions({m_nextPane, m_previousPane}); // active while the menu bar is hidden too

    m_optimizerBar = new OptimizerToolbar(this);
    addToolBar(m_optimizerBar);
    connect(m_optimizerBar, &OptimizerToolbar::optimizerChanged, this,
            [this](const OptimizerConfig& c) {
                noteChangeAtEnd();
                toWorker([w = m_worker, c] { w->setOptimizer(c); });
            });
    connect(m_optimizerBar, &OptimizerToolbar::scheduleChanged, this, [this](const Schedule& s) {
        noteChangeAtEnd();
        toWorker([w = m_worker, s] { w->setSchedule(s); });
    });
    connect(m_optimizerBar, &OptimizerToolbar::regularizationChanged, this,
            [this](double l1, double l2) {
                noteChangeAtEnd();
                toWorker([w = m_worker, l1, l2] { w->setRegularization(l1, l2); });
            });
    connect(m_optimizerBar, &OptimizerToolbar::invalid, this, &MainWindow::showBanner);
    // A toolbar too long for the window puts the rest behind its » button: a Tab stop too, so
    // that the keyboard reaches what is behind it (Space opens it).
    for (QToolBar* toolbar : {m_trainingBar, static_cast<QToolBar*>(m_optimizerBar)})
        if (auto* more =
                toolbar->findChild<QToolButton*>(QStringLiteral("qt_toolbar_ext_button"))) {
            more->setFocusPolicy(Qt::TabFocus);
            onLanguageChange(more, [more] {
                //: The » button at the end of a toolbar too long for the window.
                more->setAccessibleName(tr("More of this toolbar"));
                more->setToolTip(more->accessibleName());
            });
        }
}

// Each menu's texts are set by a function that runs again when the language changes
// (onLanguageChange, Retranslate.h); submenus made from data (threads, devices, text sizes,
// views) are made again in it.
void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(QString());
    QAction* open = file->addAction(QString(), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open"), {},
            tr("Sessions, points, models and lessons (*.gradscope *.csv *.json *.onnx);;"
               "Gradscope sessions (*.gradscope);;Points (*.csv);;"
               "Models (*.json *.onnx);;Lessons (*.json);;All files (*)"));
        if (!path.isEmpty()) openAsked(path);
    });
    QMenu* recent = m_recentMenu = file->addMenu(QString());
    updateRecentMenu();
    const auto saveAs = [this] {
        const QString path = askSavePath();
        if (!path.isEmpty()) saveSession(path);
    };
    QAction* save = file->addAction(QString(), QKeySequence::Save, this, [this, saveAs] {
        if (m_sessionPath.isEmpty())
            saveAs();
        else
            saveSession(m_sessionPath);
    });
    QAction* saveAsAction = file->addAction(QString(), QKeySequence::SaveAs, this, saveAs);
    file->addSeparator();
    // The presets by their names (identifiers), each described in its tooltip.
    QMenu* presetMenu = file->addMenu(QString());
    for (const Experiment& e : presets()) {
        const QString name = QString::fromStdString(e.name);
        QAction* a = presetMenu->addAction(name, this, [this, name] { loadPreset(name); });
        const std::string description = e.description;
        onLanguageChange(a, [a, description] { a->setToolTip(presetDescription(description)); });
    }
    presetMenu->setToolTipsVisible(true);
    QAction* import = file->addAction(QString(), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import points"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) importPoints(path);
    });
    QAction* mnist = file->addAction(QString(), this, &MainWindow::downloadMnist);
    mnist->setObjectName(QStringLiteral("downloadMnist"));
    file->addSeparator();
    QAction* charts = file->addAction(QString(), this, [this] {
        exportWithDialog(tr("Export charts"),
                         tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)"),
                         [this](const QString& p) { exportCharts(p); });
    });
    QAction* networkView = file->addAction(QString(), this, [this] {
        exportWithDialog(tr("Export network view"), pictureFormats(),
                         [this](const QString& p) { exportNetworkView(p); });
    });
    QMenu* model = file->addMenu(QString());
    model->setObjectName(QStringLiteral("exportModel"));
    model->setToolTipsVisible(true);
    QAction* pytorch =
        model->addAction(QString(), this, [this] { exportModelWithDialog(ModelFormat::PyTorch); });
    QAction* torchrun =
        model->addAction(QString(), this, [this] { exportModelWithDialog(ModelFormat::Torchrun); });
    QAction* keras =
        model->addAction(QString(), this, [this] { exportModelWithDialog(ModelFormat::Keras); });
    QAction* onnx =
        model->addAction(QString(), this, [this] { exportModelWithDialog(ModelFormat::Onnx); });
    file->addSeparator();
    QAction* quit = file->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);
    onLanguageChange(file, [=] {
        file->setTitle(tr("&File"));
        open->setText(tr("&Open…"));
        recent->setTitle(tr("Open &recent"));
        save->setText(tr("&Save session"));
        saveAsAction->setText(tr("Save session &as…"));
        presetMenu->setTitle(tr("Open &preset"));
        import->setText(tr("&Import points (CSV)…"));
        mnist->setText(tr("&Download MNIST…"));
        charts->setText(tr("Export &charts…"));
        networkView->setText(tr("Export &network view…"));
        model->setTitle(tr("Export &model"));
        pytorch->setText(tr("&PyTorch script…"));
        pytorch->setToolTip(tr("A Python program that rebuilds this network in PyTorch with its "
                               "weights, optimizer state, schedule and data, and goes on "
                               "training"));
        torchrun->setText(tr("PyTorch script for &torchrun (many GPUs)…"));
        torchrun->setToolTip(tr("The same, written for torchrun: DistributedDataParallel across "
                                "processes, GPUs and machines"));
        keras->setText(tr("&Keras script and TensorFlow.js model…"));
        keras->setToolTip(tr("A TensorFlow 2 program that rebuilds this network as "
                             "keras.Sequential with its weights and data, and the model for "
                             "tf.loadLayersModel"));
        onnx->setText(tr("&ONNX…"));
        onnx->setToolTip(tr("The network and its weights as ONNX: view it in Netron, run it in "
                            "any ONNX runtime"));
        quit->setText(tr("&Quit"));
    });

    // Undo and redo come from the builder's stack with their prefix fixed: they are made
    // again, with the prefix in the new language.
    QMenu* edit = menuBar()->addMenu(QString());
    onLanguageChange(edit, [edit, stack = m_builder->undoStack()] {
        edit->setTitle(tr("&Edit"));
        qDeleteAll(edit->actions());
        QAction* undo = stack->createUndoAction(edit, tr("&Undo"));
        undo->setShortcut(QKeySequence::Undo);
        QAction* redo = stack->createRedoAction(edit, tr("&Redo"));
        redo->setShortcut(QKeySequence::Redo);
        edit->addAction(undo);
        edit->addAction(redo);
    });

    QMenu* train = menuBar()->addMenu(QString());
    train->addActions({m_play, m_step, m_stepEpoch, m_reset});
    train->addSeparator();
    for (QAction* a : actions()) // the window's own: Slower and Faster ([ and ])
        if (a != m_nextPane && a != m_previousPane) train->addAction(a);
    train->addSeparator();
    // T itself belongs to the step-through panel's button (one owner, or Qt fires neither).
    QAction* trace = train->addAction(QString(), this, [this] {
        showView(QStringLiteral("step"));
        traceStep();
    });
    QAction* check = train->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_G), this, [this] {
        showView(QStringLiteral("step"));
        checkGradients();
    });
    train->addSeparator();
    QMenu* threads = train->addMenu(QString());
    threads->setToolTipsVisible(true);
    const int cores = hardwareThreads();
    std::vector<int> choices{0}; // every core, then 1, 2, 4, … below that
    for (int n = 1; n < cores; n *= 2)
        choices.push_back(n);
    onLanguageChange(threads, [this, threads, cores, choices] {
        threads->setTitle(tr("T&hreads"));
        threads->clear();
        for (const int n : choices) {
            const QString count = n == 1 || (n == 0 && cores == 1)
                                      ? tr("1 thread")
                                      : tr("%1 threads").arg(n ? n : cores);
            const QString text = n == 0 ? tr("Every core (%1)").arg(count) : count;
            QAction* a = threads->addAction(text, this, [this, n] { setThreads(n); });
            a->setCheckable(true);
            a->setData(n);
            a->setToolTip(tr("Convolutions and wide layers train faster on more threads; small "
                             "networks run on one whatever the choice. The results are the same "
                             "on any number."));
        }
    });
    connect(threads, &QMenu::aboutToShow, this, [this, threads] {
        for (QAction* a : threads->actions())
            a->setChecked(a->data().toInt() == m_threads);
    });

    // Where the steps run: the CPU, or each GPU this build and machine can use; without one,
    // a greyed entry says why (its tooltip has the whole reason and what to do).
    QMenu* device = train->addMenu(QString());
    device->setToolTipsVisible(true);
    onLanguageChange(device, [this, device, gpus = listGpus()] {
        device->setTitle(tr("&Device"));
        device->clear();
        QAction* cpu =
            device->addAction(tr("CPU"), this, [this] { setDevice(QStringLiteral("cpu")); });
        cpu->setCheckable(true);
        cpu->setData(QStringLiteral("cpu"));
        cpu->setToolTip(tr("The engine's own kernels on the processor's cores (Train › Threads)"));
        for (const DeviceInfo& gpu : gpus.gpus) {
            const QString id = QString::fromStdString(gpu.id.str());
            QAction* a = device->addAction(QString::fromStdString(gpu.describe()), this,
                                           [this, id] { setDevice(id); });
            a->setCheckable(true);
            a->setData(id);
            a->setToolTip(tr("Whole training steps on the GPU; tracing a step, checking "
                             "gradients and the landscape still run on the CPU, on the same "
                             "weights"));
        }
        if (gpus.gpus.empty()) {
            // The reason's first clause is short enough for a menu.
            const QString reason =
                gpus.why.empty() ? QString::fromStdString(gpus.reason) : translated(gpus.why);
            const qsizetype cut =
                reason.indexOf(QRegularExpression(QStringLiteral("[:(\uFF1A\uFF08]")));
            QAction* none =
                device->addAction(tr("GPU: %1").arg(cut > 0 ? reason.left(cut).trimmed() : reason));
            none->setEnabled(false);
            none->setToolTip(reason);
            none->setObjectName(QStringLiteral("noGpu"));
        }
    });
    connect(device, &QMenu::aboutToShow, this, [this, device] {
        for (QAction* a : device->actions())
            if (a->isCheckable()) a->setChecked(a->data().toString() == m_device);
    });
    onLanguageChange(train, [train, trace, check] {
        train->setTitle(tr("&Train"));
        trace->setText(tr("Trace a step (step through, T)"));
        check->setText(tr("Check gradients"));
    });

    QMenu* view = menuBar()->addMenu(QString());
    m_presenterAction = view->addAction(QString());
    m_presenterAction->setCheckable(true);
    m_presenterAction->setShortcut(Qt::Key_F11);
    connect(m_presenterAction, &QAction::toggled, this, &MainWindow::setPresenterMode);
    m_hideControlsAction = view->addAction(QString());
    m_hideControlsAction->setCheckable(true);
    m_hideControlsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_hideControlsAction, &QAction::toggled, this, &MainWindow::setControlsHidden);
    QMenu* scale = view->addMenu(QString());
    onLanguageChange(scale, [this, scale] {
        scale->setTitle(tr("&Text size"));
        scale->clear();
        for (int percent : {100, 125, 150, 175, 200, 250}) {
            QAction* a = scale->addAction(tr("%1 %").arg(percent), this,
                                          [this, percent] { setTextScale(percent); });
            a->setCheckable(true);
            a->setData(percent);
        }
        scale->addSeparator();
        scale->addAction(tr("Larger"), QKeySequence::ZoomIn, this,
                         [this] { setTextScale(m_textScale + 25); });
        scale->addAction(tr("Smaller"), QKeySequence::ZoomOut, this,
                         [this] { setTextScale(m_textScale - 25); });
    });
    connect(scale, &QMenu::aboutToShow, this, [this, scale] {
        for (QAction* a : scale->actions())
            if (a->isCheckable()) a->setChecked(a->data().toInt() == m_textScale);
    });
    QMenu* enlarge = view->addMenu(QString());
    onLanguageChange(enlarge, [this, enlarge] {
        enlarge->setTitle(tr("&Enlarge one view"));
        enlarge->clear();
        for (const ViewEntry& v : m_registry.views())
            enlarge->addAction(v.title(), this, [this, name = v.name] { enlargeView(name); });
        enlarge->addSeparator();
        enlarge->addAction(tr("Show all views"), QKeySequence(Qt::Key_Escape), this,
                           [this] { enlargeView({}); });
    });
    view->addSeparator();
    // The appearance: the system's by default. (Before there was a choice of four, a setting
    // "darkPalette" said dark or not: it still chooses Dark.)
    QMenu* appearanceMenu = view->addMenu(QString());
    appearanceMenu->setObjectName(QStringLiteral("appearance"));
    auto* appearances = new QActionGroup(appearanceMenu);
    QSettings settings;
    QString chosen = settings.value(QStringLiteral("appearance")).toString();
    if (chosen.isEmpty() && settings.value(QStringLiteral("darkPalette"), false).toBool())
        chosen = QStringLiteral("dark");
    // A checkable choice of the menu, in its group, calling `choose` when taken.
    QList<std::pair<QAction*, const char*>> appearanceTitles;
    const auto addChoice = [&](QActionGroup* group, const QString& name, const char* title,
                               bool checked, auto choose) {
        QAction* a = appearanceMenu->addAction(QString());
        a->setObjectName(name);
        a->setCheckable(true);
        a->setChecked(checked);
        group->addAction(a);
        connect(a, &QAction::triggered, this, choose);
        appearanceTitles.append({a, title});
    };
    struct Kind {
        Appearance appearance;
        const char* key;
        const char* title; // translated when shown
    };
    static const Kind kinds[] = {
        {Appearance::System, "system", QT_TR_NOOP("Follow the &system")},
        {Appearance::Light, "light", QT_TR_NOOP("&Light")},
        {Appearance::Dark, "dark", QT_TR_NOOP("&Dark")},
        {Appearance::HighContrast, "high-contrast", QT_TR_NOOP("&High contrast")}};
    Appearance initial = Appearance::System;
    for (const Kind& kind : kinds) {
        const QString key = QString::fromLatin1(kind.key);
        if (key == chosen) initial = kind.appearance;
        addChoice(appearances, QStringLiteral("appearance-") + key, kind.title,
                  key == chosen || (chosen.isEmpty() && key == QLatin1String("system")),
                  [this, appearance = kind.appearance, key] {
                      setAppearance(appearance);
                      QSettings().setValue(QStringLiteral("appearance"), key);
                  });
    }
    // The colour scale of values and classes: Playground's orange–blue, or one whose ends
    // differ in lightness too (Palette.h).
    appearanceMenu->addSeparator();
    auto* scales = new QActionGroup(appearanceMenu);
    static const struct {
        ColourScale scale;
        const char* key;
        const char* title;
    } scaleKinds[] = {
        {ColourScale::OrangeBlue, "orange-blue",
         QT_TR_NOOP("&Orange–blue scale (as in TensorFlow Playground)")},
        {ColourScale::BlueYellow, "blue-yellow",
         QT_TR_NOOP("Dark blue–&yellow scale (colour-blind safe, reads in greyscale)")}};
    const QString chosenScale = settings.value(QStringLiteral("colourScale")).toString();
    for (const auto& kind : scaleKinds) {
        const QString key = QString::fromLatin1(kind.key);
        const bool chosenOne =
            key == chosenScale || (chosenScale.isEmpty() && kind.scale == ColourScale::OrangeBlue);
        if (chosenOne) gs::ui::setColourScale(kind.scale);
        addChoice(scales, QStringLiteral("scale-") + key, kind.title, chosenOne,
                  [this, scale = kind.scale, key] {
                      setColourScale(scale);
                      QSettings().setValue(QStringLiteral("colourScale"), key);
                  });
    }
    onLanguageChange(appearanceMenu, [appearanceMenu, appearanceTitles] {
        appearanceMenu->setTitle(tr("&Appearance"));
        for (const auto& [action, title] : appearanceTitles)
            action->setText(tr(title));
    });
    setAppearance(initial);
    // The language: the system's by default, or one of the translations, each listed by its
    // own name (which no language changes). setLanguage() installs and keeps the choice.
    QMenu* languageMenu = view->addMenu(QString());
    languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languages = new QActionGroup(languageMenu);
    QAction* followSystem = languageMenu->addAction(QString());
    followSystem->setObjectName(QStringLiteral("language-system"));
    followSystem->setData(QStringLiteral("system"));
    for (const Language& entry : availableLanguages()) {
        QAction* a = languageMenu->addAction(entry.nativeName);
        a->setObjectName(QStringLiteral("language-") + entry.code);
        a->setData(entry.code);
    }
    for (QAction* a : languageMenu->actions()) {
        a->setCheckable(true);
        m_languages->addAction(a);
        connect(a, &QAction::triggered, this,
                [this, choice = a->data().toString()] { setLanguage(choice); });
    }
    updateLanguageChecks();
    onLanguageChange(languageMenu, [languageMenu, followSystem] {
        languageMenu->setTitle(tr("&Language"));
        const QString system = languageForLocale(QLocale::system().name());
        QString name = system;
        for (const Language& entry : availableLanguages())
            if (entry.code == system) name = entry.nativeName;
        //: View › Language: the desktop's language, which %1 names (in its own words).
        followSystem->setText(tr("Follow the &system (%1)").arg(name));
    });
    view->addSeparator();
    // Alt+1 … Alt+0 bring each view to the front; the docks' own switches below.
    QMenu* go = view->addMenu(QString());
    onLanguageChange(go, [this, go] {
        go->setTitle(tr("&Go to view"));
        go->clear();
        int key = 1;
        for (const ViewEntry& v : m_registry.views()) {
            QAction* a = go->addAction(v.title(), this, [this, name = v.name] {
                // The view comes to the front and takes the focus: its first control, or
                // itself (a picture's keyboard cursor).
                if (!showView(name)) return;
                if (const ViewEntry* view = m_registry.find(name))
                    focusFirstIn(this,
                                 view->dock ? static_cast<QWidget*>(view->dock) : view->widget);
            });
            if (key <= 10) a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + key++ % 10)));
        }
    });
    view->addActions({m_nextPane, m_previousPane});
    // (The docks' switches take their text from the docks' titles.)
    QMenu* docks = view->addMenu(QString());
    for (const ViewEntry& v : m_registry.views())
        if (v.dock) docks->addAction(v.dock->toggleViewAction());
    QAction* resetLayout = view->addAction(QString(), this, [this] {
        enlargeView({});
        setControlsHidden(false);
        restoreState(m_defaultState);
    });
    onLanguageChange(view, [view, presenter = m_presenterAction,
                            hideControls = m_hideControlsAction, docks, resetLayout] {
        view->setTitle(tr("&View"));
        presenter->setText(tr("&Presenter mode"));
        presenter->setToolTip(tr("Full screen, larger text, controls hidden (F11)"));
        hideControls->setText(tr("&Hide controls"));
        docks->setTitle(tr("&Docks"));
        resetLayout->setText(tr("Reset the layout"));
    });

    QMenu* help = menuBar()->addMenu(QString());
    QAction* guide =
        help->addAction(QString(), QKeySequence::HelpContents, this, &MainWindow::showGuide);
    QAction* about = help->addAction(QString(), this, &MainWindow::showAbout);
    QAction* aboutQt = help->addAction(QString(), qApp, &QApplication::aboutQt);
    onLanguageChange(help, [help, guide, about, aboutQt] {
        help->setTitle(tr("&Help"));
        guide->setText(tr("Gradscope &guide"));
        about->setText(tr("&About Gradscope"));
        aboutQt->setText(tr("About &Qt"));
    });
}

void MainWindow::addRecent(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentSessions")).toStringList();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentSessions"), recent);
    updateRecentMenu();
}

QString MainWindow::askSavePath() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save session"), {}, tr("Gradscope sessions (*.gradscope);;All files (*)"));
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".gradscope");
    return path;
}

void MainWindow::saveThen(std::function<void()> then) {
    const QString path = m_sessionPath.isEmpty() ? askSavePath() : m_sessionPath;
    if (path.isEmpty()) return;
    disconnect(m_afterSave); // one waiting action at a time
    m_afterSave =
        connect(this, &MainWindow::sessionSaved, this, std::move(then), Qt::SingleShotConnection);
    saveSession(path);
}

void MainWindow::openAsked(const QString& path) {
    // Points (a CSV) only replace the data: the network trains on. Anything else replaces the
    // session, and unsaved training is not dropped without a question.
    const bool replaces = QFileInfo(path).suffix().toLower() != QStringLiteral("csv");
    if (!replaces || !hasUnsavedWork()) {
        openFile(path);
        return;
    }
    pause();
    switch (m_saveQuestion()) {
    case QMessageBox::Cancel:
        return;
    case QMessageBox::Save:
        // Opens once the worker has written it; a failure keeps this session.
        saveThen([this, path] { openFile(path); });
        return;
    default:
        openFile(path);
    }
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentSessions")).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openAsked(path); })
            ->setToolTip(path);
    m_recentMenu->setToolTipsVisible(true);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::setStepsPerSecond(double stepsPerSecond) {
    // The slider's nearest position (on a log scale); 0 or less is full speed.
    int index = int(speeds().size()) - 1;
    if (stepsPerSecond > 0) {
        double best = HUGE_VAL;
        for (int i = 0; i < int(speeds().size()); ++i)
            if (speeds()[i] > 0 && std::abs(std::log(speeds()[i] / stepsPerSecond)) < best) {
                best = std::abs(std::log(speeds()[i] / stepsPerSecond));
                index = i;
            }
    }
    if (m_speed->value() == index) {
        const double speed = speeds()[index];
        m_speedLabel->setText(speedText(speed));
        toWorker([w = m_worker, speed] { w->setStepsPerSecond(speed); });
    } else {
        m_speed->setValue(index);
    }
}

double MainWindow::stepsPerSecond() const {
    return speeds().value(m_speed->value());
}

void MainWindow::exportWithDialog(const QString& title, const QString& filter,
                                  const std::function<void(const QString&)>& writer) {
    const QString path = QFileDialog::getSaveFileName(this, title, {}, filter);
    if (path.isEmpty()) return;
    try {
        writer(path);
        showStatus([path] { return tr("Wrote %1").arg(path); }, 4000);
    } catch (const gs::Error& e) {
        QMessageBox::warning(this, title, translated(e));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, title, QString::fromStdString(e.what()));
    }
}

void MainWindow::exportModelWithDialog(ModelFormat format) {
    const bool onnx = format == ModelFormat::Onnx;
    const QString suffix = onnx ? QStringLiteral("onnx") : QStringLiteral("py");
    const QString name = QString::fromStdString(m_experiment.name.empty() ? std::string("model")
                                                                          : m_experiment.name);
    const QString title = onnx ? tr("Export ONNX")
                          : format == ModelFormat::Torchrun
                              ? tr("Export a PyTorch script for torchrun")
                          : format == ModelFormat::Keras ? tr("Export a Keras script")
                                                         : tr("Export a PyTorch script");
    QString path = QFileDialog::getSaveFileName(this, title, name + QLatin1Char('.') + suffix,
                                                onnx ? tr("ONNX models (*.onnx)")
                                                     : tr("Python scripts (*.py)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix() != suffix) path += QLatin1Char('.') + suffix;
    exportModel(path, format);
}

QString MainWindow::exportTitle() const {
    return windowTitle().remove(QStringLiteral("[*]"));
}

void MainWindow::exportGraph(const QString& path) const {
    m_graphPanel->exportTo(path, exportTitle());
}

void MainWindow::exportCharts(const QString& path) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("csv")) {
        writeFileAtomic(path.toStdString(), m_charts->history().csv());
        return;
    }
    exportTrainingPlot(m_charts->history(), exportTitle(), path);
}

void MainWindow::exportNetworkView(const QString& path) const {
    exportWidget(m_network, path, exportTitle());
}

} // namespace gs::ui
