// MainWindow's toolbars and menus, the play speed, recent files and exports.
#include "MainWindow.h"
#include "MainWindowParts.h"

#include "ChartsPanel.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "Palette.h"
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
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>
#include <QUndoStack>

namespace gs::ui {

void MainWindow::buildToolbars() {
    m_trainingBar = addToolBar(tr("Training"));
    QToolBar* bar = m_trainingBar;
    bar->setObjectName(QStringLiteral("trainingToolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reset = bar->addAction(tr("Reset"), this, &MainWindow::reset);
    m_reset->setShortcut(Qt::Key_R);
    m_reset->setToolTip(tr("Start again from fresh random weights (R)"));
    m_play = bar->addAction(tr("Play"), this, [this] {
        if (m_running)
            pause();
        else
            play();
    });
    m_play->setShortcut(Qt::Key_Space);
    m_play->setToolTip(tr("Train continuously; press again to pause (Space)"));
    m_step = bar->addAction(tr("Step"), this, &MainWindow::stepBatch);
    m_step->setShortcut(Qt::Key_S);
    m_step->setToolTip(tr("One mini-batch: forward, loss, backward, optimizer step (S)"));
    m_stepEpoch = bar->addAction(tr("Step epoch"), this, &MainWindow::stepEpoch);
    m_stepEpoch->setShortcut(Qt::Key_E);
    m_stepEpoch->setToolTip(tr("Train to the end of the current epoch (E)"));
    updateIcons();
    bar->addSeparator();
    auto* speedTitle = new QLabel(tr(" Speed "));
    m_speed = new QSlider(Qt::Horizontal);
    m_speed->setObjectName(QStringLiteral("speed"));
    m_speed->setRange(0, int(speeds().size()) - 1);
    m_speed->setPageStep(1);
    m_speed->setFixedWidth(80);
    m_speed->setToolTip(tr("How fast Play trains: from one step a second (slow motion: every "
                           "step's change can be followed) to as fast as the computer goes "
                           "([ and ] change it)"));
    m_speedLabel = new QLabel;
    m_speedLabel->setMinimumWidth(
        m_speedLabel->fontMetrics().horizontalAdvance(QStringLiteral("1000 steps/s ")));
    bar->addWidget(speedTitle);
    bar->addWidget(m_speed);
    bar->addWidget(m_speedLabel);
    connect(m_speed, &QSlider::valueChanged, this, [this](int index) {
        const double speed = speeds().value(index);
        m_speedLabel->setText(speedText(speed));
        QSettings().setValue(QStringLiteral("speedIndex"), index);
        toWorker([w = m_worker, speed] { w->setStepsPerSecond(speed); });
    });
    auto* slower = new QAction(tr("Slower"), this);
    slower->setShortcut(Qt::Key_BracketLeft);
    connect(slower, &QAction::triggered, this, [this] { m_speed->setValue(m_speed->value() - 1); });
    auto* faster = new QAction(tr("Faster"), this);
    faster->setShortcut(Qt::Key_BracketRight);
    connect(faster, &QAction::triggered, this, [this] { m_speed->setValue(m_speed->value() + 1); });
    addActions({slower, faster});

    m_optimizerBar = new OptimizerToolbar(this);
    addToolBar(m_optimizerBar);
    connect(
        m_optimizerBar, &OptimizerToolbar::optimizerChanged, this,
        [this](const OptimizerConfig& c) { toWorker([w = m_worker, c] { w->setOptimizer(c); }); });
    connect(m_optimizerBar, &OptimizerToolbar::scheduleChanged, this,
            [this](const Schedule& s) { toWorker([w = m_worker, s] { w->setSchedule(s); }); });
    connect(m_optimizerBar, &OptimizerToolbar::regularizationChanged, this,
            [this](double l1, double l2) {
                toWorker([w = m_worker, l1, l2] { w->setRegularization(l1, l2); });
            });
    connect(m_optimizerBar, &OptimizerToolbar::invalid, this, &MainWindow::showBanner);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    const QString sessionFilter = tr("Gradscope sessions (*.gradscope);;All files (*)");
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open"), {},
            tr("Sessions, points and models (*.gradscope *.csv *.json *.onnx);;"
               "Gradscope sessions (*.gradscope);;Points (*.csv);;"
               "Models (*.json *.onnx);;All files (*)"));
        if (!path.isEmpty()) openFile(path);
    });
    m_recentMenu = file->addMenu(tr("Open &recent"));
    updateRecentMenu();
    const auto saveAs = [this, sessionFilter] {
        QString path = QFileDialog::getSaveFileName(this, tr("Save session"), {}, sessionFilter);
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".gradscope");
        saveSession(path);
    };
    file->addAction(tr("&Save session"), QKeySequence::Save, this, [this, saveAs] {
        if (m_sessionPath.isEmpty())
            saveAs();
        else
            saveSession(m_sessionPath);
    });
    file->addAction(tr("Save session &as…"), QKeySequence::SaveAs, this, saveAs);
    file->addSeparator();
    QMenu* presetMenu = file->addMenu(tr("Open &preset"));
    for (const Experiment& e : presets()) {
        const QString name = QString::fromStdString(e.name);
        QAction* a = presetMenu->addAction(name, this, [this, name] { loadPreset(name); });
        a->setToolTip(QString::fromStdString(e.description));
    }
    presetMenu->setToolTipsVisible(true);
    file->addAction(tr("&Import points (CSV)…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import points"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) importPoints(path);
    });
    QAction* mnist = file->addAction(tr("&Download MNIST…"), this, &MainWindow::downloadMnist);
    mnist->setObjectName(QStringLiteral("downloadMnist"));
    file->addSeparator();
    file->addAction(tr("Export &charts…"), this, [this] {
        exportWithDialog(tr("Export charts"),
                         tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)"),
                         [this](const QString& p) { exportCharts(p); });
    });
    file->addAction(tr("Export &network view…"), this, [this] {
        exportWithDialog(tr("Export network view"), kPictureFormats,
                         [this](const QString& p) { exportNetworkView(p); });
    });
    QMenu* model = file->addMenu(tr("Export &model"));
    model->setObjectName(QStringLiteral("exportModel"));
    model->setToolTipsVisible(true);
    QAction* pytorch = model->addAction(tr("&PyTorch script…"), this,
                                        [this] { exportModelWithDialog(ModelFormat::PyTorch); });
    pytorch->setToolTip(tr("A Python program that rebuilds this network in PyTorch with its "
                           "weights, optimizer state, schedule and data, and goes on training"));
    QAction* torchrun = model->addAction(tr("PyTorch script for &torchrun (many GPUs)…"), this,
                                         [this] { exportModelWithDialog(ModelFormat::Torchrun); });
    torchrun->setToolTip(tr("The same, written for torchrun: DistributedDataParallel across "
                            "processes, GPUs and machines"));
    QAction* keras = model->addAction(tr("&Keras script and TensorFlow.js model…"), this,
                                      [this] { exportModelWithDialog(ModelFormat::Keras); });
    keras->setToolTip(tr("A TensorFlow 2 program that rebuilds this network as keras.Sequential "
                         "with its weights and data, and the model for tf.loadLayersModel"));
    QAction* onnx =
        model->addAction(tr("&ONNX…"), this, [this] { exportModelWithDialog(ModelFormat::Onnx); });
    onnx->setToolTip(tr("The network and its weights as ONNX: view it in Netron, run it in any "
                        "ONNX runtime"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_builder->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_builder->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* train = menuBar()->addMenu(tr("&Train"));
    train->addActions({m_play, m_step, m_stepEpoch, m_reset});
    train->addSeparator();
    train->addActions(actions()); // the window's own: Slower and Faster ([ and ])
    train->addSeparator();
    // T itself belongs to the step-through panel's button (one owner, or Qt fires neither).
    train->addAction(tr("Trace a step (step through, T)"), this, [this] {
        showView(QStringLiteral("step"));
        traceStep();
    });
    train->addAction(tr("Check gradients"), QKeySequence(Qt::CTRL | Qt::Key_G), this, [this] {
        showView(QStringLiteral("step"));
        checkGradients();
    });
    train->addSeparator();
    QMenu* threads = train->addMenu(tr("T&hreads"));
    threads->setToolTipsVisible(true);
    const int cores = hardwareThreads();
    std::vector<int> choices{0}; // every core, then 1, 2, 4, … below that
    for (int n = 1; n < cores; n *= 2)
        choices.push_back(n);
    for (const int n : choices) {
        const QString count =
            n == 1 || (n == 0 && cores == 1) ? tr("1 thread") : tr("%1 threads").arg(n ? n : cores);
        const QString text = n == 0 ? tr("Every core (%1)").arg(count) : count;
        QAction* a = threads->addAction(text, this, [this, n] { setThreads(n); });
        a->setCheckable(true);
        a->setData(n);
        a->setToolTip(tr("Convolutions and wide layers train faster on more threads; small "
                         "networks run on one whatever the choice. The results are the same "
                         "on any number."));
    }
    connect(threads, &QMenu::aboutToShow, this, [this, threads] {
        for (QAction* a : threads->actions())
            a->setChecked(a->data().toInt() == m_threads);
    });

    // Where the steps run: the CPU, or each GPU this build and machine can use; without one,
    // a greyed entry says why (its tooltip has the whole reason and what to do).
    QMenu* device = train->addMenu(tr("&Device"));
    device->setToolTipsVisible(true);
    QAction* cpu = device->addAction(tr("CPU"), this, [this] { setDevice(QStringLiteral("cpu")); });
    cpu->setCheckable(true);
    cpu->setData(QStringLiteral("cpu"));
    cpu->setToolTip(tr("The engine's own kernels on the processor's cores (Train › Threads)"));
    const GpuList gpus = listGpus();
    for (const DeviceInfo& gpu : gpus.gpus) {
        const QString id = QString::fromStdString(gpu.id.str());
        QAction* a = device->addAction(QString::fromStdString(gpu.describe()), this,
                                       [this, id] { setDevice(id); });
        a->setCheckable(true);
        a->setData(id);
        a->setToolTip(tr("Whole training steps on the GPU; tracing a step, checking gradients "
                         "and the landscape still run on the CPU, on the same weights"));
    }
    if (gpus.gpus.empty()) {
        // The reason's first clause is short enough for a menu.
        const QString reason = QString::fromStdString(gpus.reason);
        const qsizetype cut = reason.indexOf(QRegularExpression(QStringLiteral("[:(]")));
        QAction* none =
            device->addAction(tr("GPU: %1").arg(cut > 0 ? reason.left(cut).trimmed() : reason));
        none->setEnabled(false);
        none->setToolTip(reason);
        none->setObjectName(QStringLiteral("noGpu"));
    }
    connect(device, &QMenu::aboutToShow, this, [this, device] {
        for (QAction* a : device->actions())
            if (a->isCheckable()) a->setChecked(a->data().toString() == m_device);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_presenterAction = view->addAction(tr("&Presenter mode"));
    m_presenterAction->setCheckable(true);
    m_presenterAction->setShortcut(Qt::Key_F11);
    m_presenterAction->setToolTip(tr("Full screen, larger text, controls hidden (F11)"));
    connect(m_presenterAction, &QAction::toggled, this, &MainWindow::setPresenterMode);
    m_hideControlsAction = view->addAction(tr("&Hide controls"));
    m_hideControlsAction->setCheckable(true);
    m_hideControlsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    connect(m_hideControlsAction, &QAction::toggled, this, &MainWindow::setControlsHidden);
    QMenu* scale = view->addMenu(tr("&Text size"));
    for (int percent : {100, 125, 150, 175, 200, 250}) {
        QAction* a = scale->addAction(tr("%1 %").arg(percent), this,
                                      [this, percent] { setTextScale(percent); });
        a->setCheckable(true);
        a->setData(percent);
    }
    connect(scale, &QMenu::aboutToShow, this, [this, scale] {
        for (QAction* a : scale->actions())
            a->setChecked(a->data().toInt() == m_textScale);
    });
    scale->addSeparator();
    scale->addAction(tr("Larger"), QKeySequence::ZoomIn, this,
                     [this] { setTextScale(m_textScale + 25); });
    scale->addAction(tr("Smaller"), QKeySequence::ZoomOut, this,
                     [this] { setTextScale(m_textScale - 25); });
    QMenu* enlarge = view->addMenu(tr("&Enlarge one view"));
    for (const ViewEntry& v : m_registry.views())
        enlarge->addAction(v.title, this, [this, name = v.name] { enlargeView(name); });
    enlarge->addSeparator();
    enlarge->addAction(tr("Show all views"), QKeySequence(Qt::Key_Escape), this,
                       [this] { enlargeView({}); });
    view->addSeparator();
    // The appearance: the system's by default. (Before there was a choice of four, a setting
    // "darkPalette" said dark or not: it still chooses Dark.)
    QMenu* appearanceMenu = view->addMenu(tr("&Appearance"));
    appearanceMenu->setObjectName(QStringLiteral("appearance"));
    auto* appearances = new QActionGroup(appearanceMenu);
    QSettings settings;
    QString chosen = settings.value(QStringLiteral("appearance")).toString();
    if (chosen.isEmpty() && settings.value(QStringLiteral("darkPalette"), false).toBool())
        chosen = QStringLiteral("dark");
    const struct {
        Appearance appearance;
        QString key, title;
    } kinds[] = {{Appearance::System, QStringLiteral("system"), tr("Follow the &system")},
                 {Appearance::Light, QStringLiteral("light"), tr("&Light")},
                 {Appearance::Dark, QStringLiteral("dark"), tr("&Dark")},
                 {Appearance::HighContrast, QStringLiteral("high-contrast"), tr("&High contrast")}};
    Appearance initial = Appearance::System;
    for (const auto& kind : kinds) {
        QAction* a = appearanceMenu->addAction(kind.title);
        a->setObjectName(QStringLiteral("appearance-") + kind.key);
        a->setCheckable(true);
        appearances->addAction(a);
        if (kind.key == chosen) initial = kind.appearance;
        a->setChecked(kind.key == chosen || (chosen.isEmpty() && kind.key == "system"));
        connect(a, &QAction::triggered, this, [this, kind] {
            setAppearance(kind.appearance);
            QSettings().setValue(QStringLiteral("appearance"), kind.key);
        });
    }
    setAppearance(initial);
    view->addSeparator();
    // Alt+1 … Alt+0 bring each view to the front; the docks' own switches below.
    QMenu* go = view->addMenu(tr("&Go to view"));
    int key = 1;
    for (const ViewEntry& v : m_registry.views()) {
        QAction* a = go->addAction(v.title, this, [this, name = v.name] { showView(name); });
        if (key <= 10) a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + key++ % 10)));
    }
    QMenu* docks = view->addMenu(tr("&Docks"));
    for (const ViewEntry& v : m_registry.views())
        if (v.dock) docks->addAction(v.dock->toggleViewAction());
    view->addAction(tr("Reset the layout"), this, [this] {
        enlargeView({});
        setControlsHidden(false);
        restoreState(m_defaultState);
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Gradscope &guide"), QKeySequence::HelpContents, this,
                    &MainWindow::showGuide);
    help->addAction(tr("&About Gradscope"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
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

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentSessions")).toStringList();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openSession(path); })
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
        statusBar()->showMessage(tr("Wrote %1").arg(path), 4000);
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
