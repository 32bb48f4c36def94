#include "MainWindow.h"

#include "ChartsPanel.h"
#include "DockTitleBar.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "OptimizerPanel.h"
#include "OutputView.h"
#include "Palette.h"
#include "RaceView.h"
#include "StepThroughPanel.h"
#include "ThreadHandOff.h"
#include "TrainingWorker.h"
#include "WidgetExport.h"
#include "io/Serialize.h"
#include "panels/DataPanel.h"
#include "panels/GraphPanel.h"
#include "panels/OptimizerToolbar.h"
#include "panels/TrainingIcons.h"
#include "plot/ChartExport.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace gs::ui {

namespace {

const QString kPictureFormats = QStringLiteral("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)");
// The default play speed, 50 steps a second: spiral (25 steps an epoch) reaches 90 % test
// accuracy after about 15 seconds and 100 % after about 25 (gradscope-cli train --preset spiral).
constexpr int kDefaultSpeedIndex = 5;

// A dock's content scrolls instead of demanding its full size, so that the window fits small
// screens.
QScrollArea* scrolled(QWidget* content) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

QString speedText(double stepsPerSecond) {
    if (stepsPerSecond <= 0) return QObject::tr("full speed");
    if (stepsPerSecond == 1) return QObject::tr("1 step/s");
    return QObject::tr("%1 steps/s").arg(stepsPerSecond);
}

} // namespace

template <class F> void MainWindow::toWorker(F&& call) {
    const HandOffLock handOff(&m_thread); // for ThreadSanitizer (ThreadHandOff.h)
    QMetaObject::invokeMethod(m_worker, std::forward<F>(call), Qt::QueuedConnection);
}

const QList<double>& MainWindow::speeds() {
    static const QList<double> speeds = {1, 2, 5, 10, 25, 50, 100, 250, 1000, 0};
    return speeds;
}

MainWindow::MainWindow(QWidget* parent, const QString& initialPreset)
    : QMainWindow(parent)
    , m_worker(new TrainingWorker) {
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<SessionSetup>();
    qRegisterMetaType<OptimizerConfig>();
    qRegisterMetaType<MetricsHistory>();
    qRegisterMetaType<OpenedSessionPtr>();
    qRegisterMetaType<StepTracePtr>();
    qRegisterMetaType<GradientCheckPtr>();
    qRegisterMetaType<LandscapePtr>();
    setWindowTitle(QStringLiteral("Gradscope"));
    setAcceptDrops(true);
    m_baseFont = QApplication::font();
    m_saveQuestion = [this] {
        return int(QMessageBox::question(
            this, tr("Unsaved training"),
            tr("This session has training or changes that are not saved. Save it before "
               "closing?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save));
    };
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    setCentralWidget(buildCentre());
    buildToolbars();
    buildDocks();
    buildMenus();
    connectWorker();
    m_thread.start();

    m_counter = new QLabel;
    m_counter->setObjectName(QStringLiteral("counter"));
    m_counter->setMinimumWidth(10); // elided by the status bar, never pushing the window wider
    m_speedReadout = new QLabel;
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false); // what runs is written beside it, in the status bar
    m_busy->hide();
    m_cancelBusy = new QPushButton(tr("Cancel"));
    m_cancelBusy->setToolTip(tr("Stop this work; nothing changes"));
    m_cancelBusy->hide();
    connect(m_cancelBusy, &QPushButton::clicked, this, [this] {
        m_worker->cancelLongWork(); // an atomic flag, read by the worker between rows
        m_cancelBusy->setEnabled(false);
    });
    statusBar()->addWidget(m_counter, 1);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_cancelBusy);
    statusBar()->addPermanentWidget(m_speedReadout);
    qApp->installEventFilter(this);
    // Nine tenths of the screen, at least 1280×720 where the screen has room for it.
    const QSize screen = this->screen()->availableGeometry().size();
    resize(std::min(screen.width(), std::max(1280, screen.width() * 9 / 10)),
           std::min(screen.height(), std::max(720, screen.height() * 9 / 10)));
    // The network and the output get the larger share of the height; the left side room for
    // the builder's rows.
    resizeDocks({m_registry.dock(QStringLiteral("data"))}, {std::max(300, width() / 5)},
                Qt::Horizontal);
    resizeDocks(
        {m_registry.dock(QStringLiteral("charts")), m_registry.dock(QStringLiteral("graph"))},
        {height() * 2 / 5, height() * 2 / 5}, Qt::Vertical);
    m_defaultState = saveState();
    restoreSettings();
    setStepsPerSecond(
        speeds().value(QSettings().value(QStringLiteral("speedIndex"), kDefaultSpeedIndex).toInt(),
                       speeds()[kDefaultSpeedIndex]));
    if (!loadPreset(initialPreset)) loadPreset(QStringLiteral("spiral"));
}

MainWindow::~MainWindow() {
    qApp->removeEventFilter(this);
    m_worker->stop(); // an atomic flag: a long Step epoch or landscape ends at once
    {
        // The worker's deletion, at the thread's end, comes after this (ThreadHandOff.h).
        const HandOffLock handOff(&m_thread);
        m_thread.quit();
    }
    m_thread.wait();
}

QWidget* MainWindow::buildCentre() {
    m_network = new NetworkView;
    m_network->setFocusPolicy(Qt::ClickFocus); // a click takes the focus from a number box
    m_network->setMinimumSize(240, 150);
    m_output = new OutputView;
    m_output->setFocusPolicy(Qt::ClickFocus);
    m_output->setMinimumSize(150, 150);
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(2, 2, 2, 2);
    rightLayout->addWidget(new QLabel(tr("<b>Output</b>")));
    rightLayout->addWidget(m_output, 1);
    auto* options = new QHBoxLayout;
    auto* showTest = new QCheckBox(tr("Test data"));
    showTest->setToolTip(tr("Show the test points (outlined) over the output"));
    connect(showTest, &QCheckBox::toggled, m_output, &OutputView::setShowTest);
    auto* discretize = new QCheckBox(tr("Discretize"));
    discretize->setToolTip(tr("Show the predicted class only, not how sure the network is"));
    connect(discretize, &QCheckBox::toggled, m_output, &OutputView::setDiscretize);
    options->addWidget(showTest);
    options->addWidget(discretize);
    options->addStretch(1);
    rightLayout->addLayout(options);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(2, 2, 2, 2);
    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<b>Network</b>")));
    header->addStretch(1);
    auto* edgesShow = new QLabel(tr("Edges show"));
    header->addWidget(edgesShow);
    m_quantity = new QComboBox;
    m_quantity->addItems(
        {tr("weight w"), tr("gradient dL/dw (last step)"), tr("update Δw (last step)")});
    m_quantity->setToolTip(tr("What edge colour and thickness show. The gradient is what "
                              "backpropagation computed in the last step; the update is what "
                              "the optimizer then did with it."));
    m_quantity->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_quantity->setMinimumContentsLength(12);
    edgesShow->setBuddy(m_quantity);
    connect(m_quantity, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_network->setQuantity(EdgeQuantity(i)); });
    header->addWidget(m_quantity);
    leftLayout->addLayout(header);
    leftLayout->addWidget(m_network, 1);

    auto* splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("centreSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    m_centre = new QWidget;
    auto* centralLayout = new QVBoxLayout(m_centre);
    centralLayout->setContentsMargins(4, 4, 4, 4);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(splitter, 1);
    m_registry.add({QStringLiteral("network"), tr("Network"), m_network, nullptr});
    m_registry.add({QStringLiteral("output"), tr("Output"), m_output, nullptr});

    m_network->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_network, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu;
        if (m_network->hasEdgeAt(at)) {
            menu.addAction(tr("Check this gradient against finite differences"), this,
                           [this, at] { m_network->requestCheckAt(at); });
            menu.addSeparator();
        }
        menu.addAction(tr("Export network view…"), this, [this] {
            exportWithDialog(tr("Export network view"), kPictureFormats,
                             [this](const QString& p) { exportNetworkView(p); });
        });
        menu.exec(m_network->mapToGlobal(at));
    });
    connect(m_network, &NetworkView::checkGradientRequested, this,
            [this](int layer, int out, int in) {
                if (!m_snapshot) return;
                for (const DenseLayer& d : m_snapshot->dense)
                    if (d.layer == layer)
                        checkGradientEntry(QStringLiteral("%1.weight").arg(layer),
                                           qint64(out) * d.in + in);
            });
    connect(m_network, &NetworkView::weightClicked, this, [this](int layer, int out, int in) {
        m_stepThrough->setFocusEntry(FocusEntry::weight(layer, out, in));
        statusBar()->showMessage(tr("The step-through follows %1.weight[%2, %3]; double-click the "
                                    "edge to give it a new value.")
                                     .arg(layer)
                                     .arg(out)
                                     .arg(in),
                                 6000);
    });
    connect(m_network, &NetworkView::editWeightRequested, this,
            [this](int layer, int out, int in, double current) {
                bool ok = false;
                const double value = QInputDialog::getDouble(
                    this, tr("Edit weight"),
                    tr("New value for %1.weight[%2, %3]:").arg(layer).arg(out).arg(in), current,
                    -1e6, 1e6, 6, &ok);
                if (!ok) return;
                toWorker(
                    [w = m_worker, layer, out, in, value] { w->setWeight(layer, out, in, value); });
                m_editedSinceSave = true;
                showNotice(tr("You set %1.weight[%2, %3] to %4 by hand: the network now differs "
                              "from the one training produced.")
                               .arg(layer)
                               .arg(out)
                               .arg(in)
                               .arg(value));
            });
    return m_centre;
}

void MainWindow::connectWorker() {
    connect(m_worker, &TrainingWorker::loaded, this,
            [this](const SnapshotPtr& s) { showSnapshot(s, true); });
    connect(m_worker, &TrainingWorker::snapshotReady, this,
            [this](const SnapshotPtr& s) { showSnapshot(s, false); });
    connect(m_worker, &TrainingWorker::runningChanged, this, [this](bool running) {
        m_running = running;
        m_play->setText(running ? tr("Pause") : tr("Play"));
        updateIcons();
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](const QString& message) {
        setBusy({});
        m_saveWhenPaused.clear();
        disconnect(m_closeAfterSave); // a failed save on closing keeps the window open
        if (!m_loaded && m_builder->isValid() && m_shownExperiment) {
            // A load failed: the worker kept the session on screen, so the controls go back to
            // it, and it trains on.
            m_experiment = *m_shownExperiment;
            showExperiment(m_shownFeatures);
            m_loaded = true;
            updateTrainEnabled();
            setWindowTitle(tr("Gradscope — %1[*]").arg(presetName()));
        } else if (!m_loaded && !m_shownExperiment && presetName() != QStringLiteral("spiral")) {
            // The first load failed (say the last preset was MNIST, since removed): start on
            // spiral, with the reason shown.
            loadPreset(QStringLiteral("spiral"));
        }
        showBanner(message);
        emit trainingFailed(message);
    });
    connect(m_worker, &TrainingWorker::notice, this, &MainWindow::showNotice);
    connect(m_worker, &TrainingWorker::progress, this, [this](int done, int total) {
        m_busy->setRange(0, total);
        m_busy->setValue(done);
    });
    connect(m_worker, &TrainingWorker::cancelled, this, [this](const QString& message) {
        setBusy({});
        showNotice(message);
    });
    connect(m_worker, &TrainingWorker::checked, this,
            [this](const GradientCheckPtr& check) { m_stepThrough->setGradientCheck(check); });
    connect(m_worker, &TrainingWorker::traced, this, [this](const StepTracePtr& trace) {
        graphView()->setTrace(trace);
        m_stepThrough->setTrace(trace); // moves the graph's cursor to the start
        emit traced();
    });
    connect(m_worker, &TrainingWorker::graphTraced, this, [this](const StepTracePtr& trace) {
        graphView()->setTrace(trace);
        graphView()->clearCursor();
        m_network->setHighlightLayer(-1);
        emit graphUpdated();
    });
    connect(m_worker, &TrainingWorker::landscapeReady, this, [this](const LandscapePtr& l) {
        setBusy({});
        m_landscape->setLandscape(l);
        emit landscapeReady();
    });
    connect(m_worker, &TrainingWorker::sessionSaved, this, [this](const QString& path) {
        m_sessionPath = path;
        m_savedStep = m_snapshot ? m_snapshot->step : 0;
        m_editedSinceSave = false;
        addRecent(path);
        setWindowTitle(tr("Gradscope — %1[*]").arg(QFileInfo(path).fileName()));
        statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
        emit sessionSaved(path);
    });
    connect(m_worker, &TrainingWorker::sessionOpened, this, [this](const OpenedSessionPtr& s) {
        m_experiment = s->experiment;
        m_shownExperiment = s->experiment;
        m_shownFeatures = s->features;
        m_sessionPath = s->path;
        showExperiment(s->features);
        m_loaded = true;
        updateTrainEnabled();
        m_charts->setHistory(s->history);
        // The toolbar showed the file's base η; the snapshot knows the rate in effect.
        if (m_snapshot) m_optimizerBar->showRateInEffect(m_snapshot->learningRate);
        m_savedStep = m_snapshot ? m_snapshot->step : 0;
        m_editedSinceSave = false;
        addRecent(s->path);
        setWindowTitle(tr("Gradscope — %1[*]").arg(QFileInfo(s->path).fileName()));
        emit sessionOpened(s->path);
    });
    // The worker sends the next snapshot once this one is on screen.
    m_ackFallback = new QTimer(this);
    m_ackFallback->setSingleShot(true);
    m_ackFallback->setInterval(kAckFallbackMs);
    const auto acknowledge = [this] {
        m_ackFallback->stop();
        if (!std::exchange(m_ackPending, false)) return;
        m_worker->acknowledge();
    };
    connect(m_ackFallback, &QTimer::timeout, this, acknowledge);
    connect(m_network, &NetworkView::painted, this, acknowledge);
}

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

void MainWindow::buildDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                   QMainWindow::GroupedDragging);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    const auto dock = [this](QWidget* content, const QString& title, const QString& name,
                             bool scroll) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name + QStringLiteral("Dock"));
        d->setTitleBarWidget(new DockTitleBar(d)); // follows the text scale
        d->setWidget(scroll ? scrolled(content) : content);
        return d;
    };
    m_data = new DataPanel;
    connect(m_data, &DataPanel::presetChosen, this, &MainWindow::loadPreset);
    connect(m_data, &DataPanel::importRequested, this, &MainWindow::importPoints);
    connect(m_data, &DataPanel::dataEdited, this, [this] {
        m_data->applyTo(m_experiment);
        requestLoad();
    });
    connect(m_data, &DataPanel::toyKindChosen, this, [this](ToyKind kind) {
        // Classification ↔ regression: switch loss and output to what fits.
        const bool regression = isRegression(kind);
        m_experiment.data.source = DataSource::Toy;
        BuilderState state = m_builder->state();
        if (!state.rows.empty() && regression != (state.loss == LossKind::MSE)) {
            state.loss = regression ? LossKind::MSE : LossKind::CrossEntropy;
            state.rows.back().size = regression ? 1 : 2;
            state.rows.back().activation = LayerKind::Count;
        }
        {
            const QSignalBlocker block(m_builder);
            m_builder->setData(Shape{2}, regression ? 0 : 2, true);
            m_builder->setState(state);
        }
        m_data->applyTo(m_experiment);
        requestLoad();
    });
    auto* dataDock = dock(m_data, tr("Data"), QStringLiteral("data"), true);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock);

    m_builder = new NetworkBuilder;
    connect(m_builder, &NetworkBuilder::changed, this, [this] {
        m_rebuildNotice = true;
        m_editedSinceSave = true;
        requestLoad();
    });
    auto* builderDock = dock(m_builder, tr("Network builder"), QStringLiteral("builder"), true);
    addDockWidget(Qt::LeftDockWidgetArea, builderDock);
    tabifyDockWidget(dataDock, builderDock);
    dataDock->raise();
    m_registry.add({QStringLiteral("data"), tr("Data"), m_data, dataDock});
    m_registry.add({QStringLiteral("builder"), tr("Network builder"), m_builder, builderDock});

    m_charts = new ChartsPanel;
    m_stepThrough = new StepThroughPanel;
    connect(m_stepThrough, &StepThroughPanel::traceRequested, this, &MainWindow::traceStep);
    connect(m_stepThrough, &StepThroughPanel::checkRequested, this, &MainWindow::checkGradients);
    m_graphPanel = new GraphPanel;
    connect(m_graphPanel, &GraphPanel::exportRequested, this, [this] {
        exportWithDialog(tr("Export computation graph"), kPictureFormats,
                         [this](const QString& p) { exportGraph(p); });
    });
    GraphView* graph = m_graphPanel->view();
    connect(graph, &GraphView::checkRequested, this, &MainWindow::checkGradientEntry);
    connect(graph, &GraphView::checkNodeRequested, this,
            [this](int layer) { checkNodeGradient(layer, -1); });
    connect(m_stepThrough, &StepThroughPanel::cursorChanged, this, [this] {
        if (!m_stepThrough->trace() || graphView()->trace() != m_stepThrough->trace()) return;
        graphView()->setCursor(m_stepThrough->cursor());
        m_network->setHighlightLayer(m_stepThrough->currentLayer());
    });
    m_optimizerPanel = new OptimizerPanel;
    m_landscape = new LandscapeView;
    connect(m_landscape, &LandscapeView::computeRequested, this, &MainWindow::computeLandscape);
    m_race = new RaceView;

    struct Bottom {
        QWidget* widget;
        QString title, name;
    };
    // Bottom left: charts, step-through, optimizer; bottom right: the graph, the landscape and
    // the race, so that the step-through and the graph it lights up are seen together.
    const QList<Bottom> bottom = {{m_charts, tr("Charts"), QStringLiteral("charts")},
                                  {m_stepThrough, tr("Step through"), QStringLiteral("step")},
                                  {m_optimizerPanel, tr("Optimizer"), QStringLiteral("optimizer")},
                                  {m_graphPanel, tr("Computation graph"), QStringLiteral("graph")},
                                  {m_landscape, tr("Loss landscape"), QStringLiteral("landscape")},
                                  {m_race, tr("Optimizer race"), QStringLiteral("race")}};
    QDockWidget* groups[2] = {nullptr, nullptr};
    for (int i = 0; i < int(bottom.size()); ++i) {
        const Bottom& b = bottom[i];
        // The graph and the step-through scroll by themselves (the graph following the
        // step-through's node).
        QDockWidget* d =
            dock(b.widget, b.title, b.name, b.widget != m_graphPanel && b.widget != m_stepThrough);
        QDockWidget*& group = groups[i / 3];
        if (!group) {
            addDockWidget(Qt::BottomDockWidgetArea, d, Qt::Horizontal);
            group = d;
        } else {
            tabifyDockWidget(group, d);
        }
        m_registry.add({b.name, b.title, b.widget, d});
    }
    groups[0]->raise();
    groups[1]->raise();
    // Queued to the worker's thread through toWorker, like every call to it; the connection
    // goes with the worker (the window's teardown hides docks after the worker's thread ended).
    connect(
        graphDock(), &QDockWidget::visibilityChanged, m_worker,
        [this](bool live) { toWorker([this, live] { m_worker->setGraphLive(live); }); },
        Qt::DirectConnection);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    const QString sessionFilter = tr("Gradscope sessions (*.gradscope);;All files (*)");
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open"), {},
            tr("Sessions and points (*.gradscope *.csv);;Gradscope sessions (*.gradscope);;"
               "Points (*.csv);;All files (*)"));
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
    QAction* dark = view->addAction(tr("&Dark palette"));
    dark->setCheckable(true);
    dark->setChecked(QSettings().value(QStringLiteral("darkPalette"), false).toBool());
    connect(dark, &QAction::toggled, this, [this](bool on) {
        setDarkPalette(on);
        QSettings().setValue(QStringLiteral("darkPalette"), on);
    });
    if (dark->isChecked()) setDarkPalette(true);
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

bool MainWindow::loadPreset(const QString& name) {
    const Experiment* preset = findPreset(name.toStdString());
    if (!preset) {
        showBanner(tr("There is no preset called '%1'.").arg(name));
        return false;
    }
    m_experiment = *preset;
    m_sessionPath.clear();
    m_editedSinceSave = false;
    showExperiment(kRawFeatures);
    setWindowTitle(tr("Gradscope — %1[*]").arg(name));
    requestLoad();
    return true;
}

bool MainWindow::openFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("gradscope")) {
        openSession(path);
        return true;
    }
    if (suffix == QStringLiteral("csv")) {
        importPoints(QFileInfo(path).absoluteFilePath());
        return true;
    }
    showBanner(tr("Gradscope cannot open %1: it opens sessions (.gradscope) and points "
                  "(.csv). Model files (.json) train with gradscope-cli train --model.")
                   .arg(QFileInfo(path).fileName()));
    return false;
}

void MainWindow::showExperiment(FeatureMask features) {
    const DataSpec& d = m_experiment.data;
    Shape sample{2};
    int classes = 2;
    bool planar = false;
    switch (d.source) {
    case DataSource::Toy:
        planar = true;
        classes = isRegression(d.toy.kind) ? 0 : 2;
        break;
    case DataSource::Csv:
        planar = true;
        break;
    case DataSource::Mnist:
    case DataSource::FashionMnist:
        sample = Shape{1, 28, 28};
        classes = 10;
        break;
    case DataSource::Inline:
        sample = Shape{d.inputs.cols()};
        classes = 0;
        break;
    case DataSource::RandomRegression:
        sample = Shape{d.features};
        classes = 0;
        break;
    }
    m_data->setExperiment(m_experiment);
    {
        const QSignalBlocker block(m_builder);
        m_builder->setData(sample, classes, planar);
        m_builder->setState(
            builderStateFrom(m_experiment.layers, features, m_experiment.train.loss));
    }
    m_optimizerBar->setSettings(m_experiment.train.optimizer, m_experiment.train.schedule,
                                m_experiment.train.regularization);
}

void MainWindow::importPoints(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_experiment.data.source = DataSource::Csv;
    m_experiment.data.path = absolute.toStdString();
    m_experiment.name = QFileInfo(path).fileName().toStdString();
    setWindowTitle(tr("Gradscope — %1[*]").arg(QFileInfo(path).fileName()));
    requestLoad();
}

void MainWindow::saveSession(const QString& path) {
    if (!m_loaded) {
        showBanner(tr("Nothing to save yet: the network is not built."));
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_running || (m_snapshot && m_snapshot->running)) {
        // The file's history must reach its last step: pause, and save once the paused
        // snapshot (after every step's loss) has been drawn (showSnapshot).
        m_saveWhenPaused = absolute;
        pause();
        return;
    }
    toWorker([w = m_worker, absolute, history = m_charts->history()] {
        w->saveSession(absolute, history);
    });
}

void MainWindow::openSession(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    toWorker([w = m_worker, absolute] { w->openSession(absolute); });
}

bool MainWindow::hasUnsavedWork() const {
    if (m_editedSinceSave) return true;
    return m_snapshot && m_snapshot->step != m_savedStep;
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

void MainWindow::requestLoad() {
    m_loaded = false;
    updateTrainEnabled();
    if (!m_builder->isValid()) return;
    SessionSetup setup;
    setup.experiment = m_experiment;
    setup.experiment.layers = m_builder->layers();
    setup.experiment.train.loss = m_builder->state().loss;
    setup.experiment.train.optimizer = m_optimizerBar->optimizer();
    setup.experiment.train.schedule = m_optimizerBar->schedule();
    setup.experiment.train.regularization = m_optimizerBar->regularization();
    setup.features = m_builder->state().features;
    setup.dataDir = defaultDataDir();
    m_requested = setup;
    m_banner->hide();
    const DataSource source = m_experiment.data.source;
    if (source == DataSource::Mnist || source == DataSource::FashionMnist)
        setBusy(tr("Loading %1…")
                    .arg(source == DataSource::Mnist ? QStringLiteral("MNIST")
                                                     : QStringLiteral("Fashion-MNIST")));
    toWorker([w = m_worker, setup] { w->load(setup); });
}

bool MainWindow::canTrain() const {
    return m_loaded && m_builder->isValid();
}

void MainWindow::updateTrainEnabled() {
    m_blocked = !m_builder->isValid() ? tr("Cannot train: %1").arg(m_builder->error())
                : !m_loaded           ? tr("Loading…")
                                      : QString();
    for (QAction* a : {m_play, m_step, m_stepEpoch, m_reset}) {
        a->setEnabled(m_blocked.isEmpty());
        a->setStatusTip(m_blocked);
    }
    if (!m_builder->isValid()) statusBar()->showMessage(m_blocked);
}

void MainWindow::setBusy(const QString& what, bool cancellable) {
    m_busy->setRange(0, 0); // busy until the first progress report
    m_busy->setVisible(!what.isEmpty());
    m_cancelBusy->setVisible(!what.isEmpty() && cancellable);
    m_cancelBusy->setEnabled(true);
    m_busy->setFormat(what);
    m_busy->setToolTip(what);
    if (!what.isEmpty())
        statusBar()->showMessage(what);
    else
        statusBar()->clearMessage();
}

void MainWindow::showSnapshot(const SnapshotPtr& s, bool fresh) {
    m_snapshot = s;
    m_optimizerBar->showRateInEffect(s->learningRate);
    if (fresh) {
        // A new session: nothing of the previous one may stay on screen.
        setBusy({});
        m_landscape->clear();
        const QString why = tr("A new session, at step %1.").arg(s->step);
        graphView()->clear(why);
        m_stepThrough->clear(why);
        m_network->setHighlightLayer(-1);
        m_data->showData(s);
        m_loaded = true;
        // What was just loaded (the builder's network, the toolbar's settings).
        m_shownExperiment = m_requested.experiment;
        m_shownFeatures = m_requested.features;
        if (m_experiment.data.source != DataSource::Csv)
            QSettings().setValue(QStringLiteral("lastPreset"),
                                 QString::fromStdString(m_experiment.name));
        m_charts->clear();
        m_savedStep = s->step;
        updateTrainEnabled();
        statusBar()->clearMessage();
        clearNotice(); // what it said was about the session before
        if (std::exchange(m_rebuildNotice, false))
            showNotice(tr("The network changed, so every weight was initialised afresh (seed "
                          "%1) and training starts again from step 0.")
                           .arg(m_experiment.train.seed));
    }
    m_optimizerPanel->showSnapshot(s);
    m_landscape->showSnapshot(s);
    // So that a trace older than the model says so.
    m_stepThrough->setModelStep(s->step);
    graphView()->setModelStep(s->step);
    m_charts->append(*s);
    m_network->setSnapshot(s);
    m_output->setSnapshot(s);
    QString counter = tr("Epoch %1 · step %2 (batch %3 of %4)")
                          .arg(s->epoch)
                          .arg(s->step)
                          .arg(s->batchInEpoch)
                          .arg(s->batchesPerEpoch);
    const auto& epochs = m_charts->history().epochs;
    if (!epochs.empty()) {
        const EpochReport& last = epochs.back();
        counter += tr(" · last epoch: train loss %1").arg(last.trainLoss, 0, 'f', 4);
        if (last.test.samples > 0) counter += tr(", test loss %1").arg(last.test.loss, 0, 'f', 4);
        if (last.test.accuracy >= 0)
            counter += tr(", test accuracy %1 % (all %2 test samples)")
                           .arg(100 * last.test.accuracy, 0, 'f', 1)
                           .arg(last.test.samples);
    }
    m_counter->setText(counter);
    m_counter->setToolTip(counter);
    m_speedReadout->setText(
        s->running ? tr("%1 samples/s").arg(QLocale().toString(s->samplesPerSecond, 'f', 0))
                   : QString());
    // The worker sends the next snapshot once this one is on screen: after the network view
    // has painted it, or at once when the view is not showing (or does not paint within
    // kAckFallbackMs, say in a minimised window).
    if (m_network->isVisible()) {
        m_ackPending = true;
        m_ackFallback->start();
    } else {
        m_worker->acknowledge();
    }
    setWindowModified(hasUnsavedWork()); // the title's "*"
    emit snapshotShown(s->step);
    if (!s->running && !m_saveWhenPaused.isEmpty())
        saveSession(std::exchange(m_saveWhenPaused, {}));
}

void MainWindow::setDarkPalette(bool dark) {
    m_dark = dark;
    QPalette p = QApplication::style()->standardPalette();
    if (dark) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        p = gs::ui::darkPalette();
    }
    QApplication::setPalette(p);
    m_charts->setDark(dark);
    updateIcons();
    // The message bar keeps its meaning in both palettes.
    showBanner(banner());
}

void MainWindow::updateIcons() {
    const QColor ink = QApplication::palette().color(QPalette::WindowText);
    m_reset->setIcon(trainingIcon(TrainingIcon::Reset, ink));
    m_play->setIcon(trainingIcon(m_running ? TrainingIcon::Pause : TrainingIcon::Play,
                                 m_dark ? QColor(120, 200, 255) : QColor(8, 119, 189)));
    m_step->setIcon(trainingIcon(TrainingIcon::Step, ink));
    m_stepEpoch->setIcon(trainingIcon(TrainingIcon::StepEpoch, ink));
}

QPixmap MainWindow::dataPreview() const {
    return m_data->preview();
}

void MainWindow::showBanner(const QString& message) {
    m_banner->setProperty("notice", false);
    m_banner->setStyleSheet(
        m_dark ? QStringLiteral("QLabel { background: #4a3a1c; color: #f5e3c0; border: 1px solid "
                                "#e0a84f; padding: 6px; }")
               : QStringLiteral("QLabel { background: #fdf1dc; color: #3a2a0a; border: 1px solid "
                                "#e0a84f; padding: 6px; }"));
    m_banner->setText(message);
    m_banner->setVisible(!message.isEmpty());
}

void MainWindow::showNotice(const QString& message) {
    m_banner->setProperty("notice", true);
    m_banner->setStyleSheet(
        m_dark ? QStringLiteral("QLabel { background: #1c3a4a; color: #d6ecf7; border: 1px solid "
                                "#4f9fe0; padding: 6px; }")
               : QStringLiteral("QLabel { background: #e3f1fb; color: #0a2a3a; border: 1px solid "
                                "#4f9fe0; padding: 6px; }"));
    m_banner->setText(message);
    m_banner->setVisible(!message.isEmpty());
}

QString MainWindow::banner() const {
    return m_banner->isHidden() || m_banner->property("notice").toBool() ? QString()
                                                                         : m_banner->text();
}

QString MainWindow::notice() const {
    return m_banner->isHidden() || !m_banner->property("notice").toBool() ? QString()
                                                                          : m_banner->text();
}

OptimizerConfig MainWindow::optimizerConfig() const {
    return m_optimizerBar->optimizer();
}

void MainWindow::setLearningRate(double learningRate) {
    m_optimizerBar->setLearningRate(learningRate);
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

GraphView* MainWindow::graphView() const {
    return m_graphPanel->view();
}

void MainWindow::clearNotice() {
    if (!notice().isEmpty()) m_banner->hide();
}

void MainWindow::play() {
    clearNotice();
    if (canTrain()) toWorker([w = m_worker] { w->play(); });
}
void MainWindow::pause() {
    toWorker([w = m_worker] { w->pause(); });
}
void MainWindow::stepBatch() {
    clearNotice();
    if (canTrain()) toWorker([w = m_worker] { w->stepBatch(); });
}
void MainWindow::stepEpoch() {
    clearNotice();
    if (canTrain()) toWorker([w = m_worker] { w->stepEpoch(); });
}
void MainWindow::reset() {
    if (m_builder->isValid()) toWorker([w = m_worker] { w->reset(); });
}
void MainWindow::traceStep(bool oneSample, int sample) {
    if (canTrain())
        toWorker([w = m_worker, oneSample, sample] { w->traceStep(oneSample, sample); });
}

void MainWindow::checkGradientEntry(const QString& parameter, qint64 index) {
    if (canTrain())
        toWorker([w = m_worker, parameter, index] { w->checkGradientEntry(parameter, index); });
}

void MainWindow::checkNodeGradient(int layer, qint64 index) {
    if (canTrain()) toWorker([w = m_worker, layer, index] { w->checkNodeGradient(layer, index); });
}

void MainWindow::computeLandscape(bool principal, int resolution, double span) {
    if (!canTrain()) return;
    if (m_cancelBusy->isVisible()) {
        statusBar()->showMessage(tr("A loss landscape is being computed: wait, or Cancel it."),
                                 4000);
        return;
    }
    setBusy(tr("Computing the loss landscape…"), true);
    m_worker->beginLongWork(); // an atomic flag, before the request is queued
    toWorker([w = m_worker, principal, resolution, span] {
        w->computeLandscape(principal, resolution, span);
    });
}

void MainWindow::checkGradients() {
    if (canTrain()) toWorker([w = m_worker] { w->checkGradients(); });
}

void MainWindow::runSteps(long steps) {
    toWorker([w = m_worker, steps] { w->stepMany(steps); });
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

bool MainWindow::showView(const QString& name) {
    const ViewEntry* v = m_registry.find(name);
    if (!v) return false;
    if (!m_enlarged.isEmpty() && m_enlarged != name) enlargeView({});
    if (v->dock) {
        v->dock->show();
        v->dock->raise();
    } else {
        m_centre->show();
    }
    return true;
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
