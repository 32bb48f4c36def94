#include "MainWindow.h"
#include "MainWindowParts.h"

#include "ChartsPanel.h"
#include "CompareView.h"
#include "DistributionView.h"
#include "DockTitleBar.h"
#include "DrawView.h"
#include "FeatureMapView.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "Language.h"
#include "LessonPanel.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "OptimizerPanel.h"
#include "OutputView.h"
#include "Palette.h"
#include "RaceView.h"
#include "Retranslate.h"
#include "StepThroughPanel.h"
#include "ThreadHandOff.h"
#include "Timeline.h"
#include "TrainingWorker.h"
#include "panels/DataPanel.h"
#include "panels/GraphPanel.h"
#include "panels/OptimizerToolbar.h"
#include "panels/TrainingIcons.h"

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
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <optional>

namespace gs::ui {

namespace {

// A dock's property: whether it is in front (MainWindow::viewInFront).
constexpr const char* kInFront = "gradscopeInFront";

// A dock's content scrolls instead of demanding its full size, so that the window fits small
// screens.
QScrollArea* scrolled(QWidget* content) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

} // namespace

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
    qRegisterMetaType<DrawingPtr>();
    setWindowTitle(QStringLiteral("Gradscope"));
    setAcceptDrops(true);
    m_baseFont = QApplication::font();
    m_saveQuestion = [this] {
        return int(QMessageBox::question(
            this, tr("Unsaved training"),
            tr("This session has training or changes that are not saved. Save it first?"),
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
    m_cancelBusy = new QPushButton;
    onLanguageChange(m_cancelBusy, [button = m_cancelBusy] {
        button->setText(tr("Cancel"));
        button->setToolTip(tr("Stop this work: a loss landscape leaves everything as it was, "
                              "steps already taken are kept"));
    });
    m_cancelBusy->hide();
    connect(m_cancelBusy, &QPushButton::clicked, this, [this] {
        m_worker->cancelLongWork(); // an atomic flag, read by the worker between rows
        m_cancelBusy->setEnabled(false);
    });
    // The timeline under the views, the whole width of the window.
    m_timeline = new Timeline;
    auto* timelineBar = new QToolBar;
    timelineBar->setObjectName(QStringLiteral("timelineBar"));
    timelineBar->setMovable(false);
    timelineBar->addWidget(m_timeline);
    onLanguageChange(timelineBar, [timelineBar] { timelineBar->setWindowTitle(tr("Timeline")); });
    addToolBar(Qt::BottomToolBarArea, timelineBar);
    connect(m_timeline, &Timeline::seekRequested, this, &MainWindow::seekTo);
    connect(m_timeline, &Timeline::branchRequested, this, [this] { branchHere(true); });
    connect(m_timeline, &Timeline::markChosen, this, [this](const Timeline::Mark& m) {
        if (m.finding) presentFinding(m.finding);
    });
    // The recording's budget, kept between runs of the app.
    m_timeline->setBudget(
        QSettings().value(QStringLiteral("recordingBudget"), qint64(256) << 20).toLongLong());
    const auto sendBudget = [this](qint64 bytes) {
        QSettings().setValue(QStringLiteral("recordingBudget"), bytes);
        toWorker([w = m_worker, bytes] { w->setRecordingBudget(bytes); });
    };
    connect(m_timeline, &Timeline::budgetChosen, this, sendBudget);
    sendBudget(m_timeline->budget());
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

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    placeFocusOnPlay();
}

// The focus starts on Play: the first Tab goes on to Step, Shift+Tab back to Reset. Play can
// take it once the first data set has loaded; until then Qt's choice stands.
void MainWindow::placeFocusOnPlay() {
    if (m_focusPlaced || !isVisible() || !m_play->isEnabled()) return;
    m_focusPlaced = true;
    m_trainingBar->widgetForAction(m_play)->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() {
    qApp->removeEventFilter(this);
    // The docks hidden as the window closes are not the user's doing: nothing to update.
    if (QDockWidget* d = m_registry.dock(QStringLiteral("lessons")))
        d->toggleViewAction()->disconnect(this);
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
    m_network->setMinimumSize(240, 150);
    m_output = new OutputView;
    m_output->setMinimumSize(150, 150);
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                                      Qt::LinksAccessibleByKeyboard);
    connect(m_banner, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == QLatin1String("download-mnist")) downloadMnist();
        if (link.startsWith(QLatin1String("view:"))) {
            showView(link.mid(5));
            // The units a finding is about, ringed in the network (dead ReLU units).
            if (m_barFinding && m_barFinding->kind == FindingKind::DeadUnits)
                m_network->setHighlightLayer(m_barFinding->layer);
        }
    });
    m_banner->hide();

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(2, 2, 2, 2);
    auto* outputTitle = new QLabel;
    rightLayout->addWidget(outputTitle);
    rightLayout->addWidget(m_output, 1);
    auto* options = new QHBoxLayout;
    auto* showTest = new QCheckBox;
    connect(showTest, &QCheckBox::toggled, m_output, &OutputView::setShowTest);
    auto* discretize = new QCheckBox;
    connect(discretize, &QCheckBox::toggled, m_output, &OutputView::setDiscretize);
    options->addWidget(showTest);
    options->addWidget(discretize);
    options->addStretch(1);
    rightLayout->addLayout(options);
    auto* drawRow = new QHBoxLayout;
    m_drawPoints = new QToolButton;
    m_drawPoints->setObjectName(QStringLiteral("drawPoints"));
    m_drawPoints->setCheckable(true);
    m_drawClass = new QComboBox;
    m_drawClass->setObjectName(QStringLiteral("drawClass"));
    for (int k = 0; k < kMaxToyClasses; ++k) {
        QPixmap marker(14, 14);
        marker.fill(Qt::transparent);
        QPainter p(&marker);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(Qt::white, 1));
        p.setBrush(classColor(k));
        OutputView::drawMarker(p, QPointF(7, 7), OutputView::markerOfClass(k));
        m_drawClass->addItem(QIcon(marker), QString());
    }
    m_clearPoints = new QToolButton;
    m_clearPoints->setObjectName(QStringLiteral("clearPoints"));
    drawRow->addWidget(m_drawPoints);
    drawRow->addWidget(m_drawClass);
    drawRow->addWidget(m_clearPoints);
    drawRow->addStretch(1);
    rightLayout->addLayout(drawRow);
    m_drawClass->hide();
    m_clearPoints->hide();
    connect(m_drawPoints, &QToolButton::toggled, this, &MainWindow::setDrawingPoints);
    connect(m_drawClass, &QComboBox::currentIndexChanged, m_output, &OutputView::setDrawClass);
    connect(m_output, &OutputView::drawClassChosen, m_drawClass, &QComboBox::setCurrentIndex);
    connect(m_output, &OutputView::pointsEdited, this,
            [this] { useDrawnPoints(m_output->drawnPoints()); });
    connect(m_clearPoints, &QToolButton::clicked, this, [this] {
        m_output->setDrawnPoints({});
        useDrawnPoints({});
    });

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(2, 2, 2, 2);
    auto* header = new QHBoxLayout;
    auto* networkTitle = new QLabel;
    header->addWidget(networkTitle);
    header->addStretch(1);
    auto* edgesShow = new QLabel;
    header->addWidget(edgesShow);
    m_quantity = new QComboBox;
    m_quantity->addItems({QString(), QString(), QString()}); // EdgeQuantity's, named below
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
    onLanguageChange(m_centre, [outputTitle, showTest, discretize, networkTitle, edgesShow,
                                quantity = m_quantity, drawPoints = m_drawPoints,
                                drawClass = m_drawClass, clearPoints = m_clearPoints] {
        outputTitle->setText(tr("<b>Output</b>"));
        //: A button under the output view: draw your own 2-D points with the mouse.
        drawPoints->setText(tr("✎ Draw points"));
        drawPoints->setToolTip(
            tr("Draw your own data on the output view: the left button adds points of the chosen "
               "class (drag for a trail), the right button erases. The network goes on from its "
               "weights on the changed points (a new class starts it afresh), and the session "
               "saves them."));
        for (int k = 0; k < drawClass->count(); ++k)
            //: The class the left button draws, e.g. "class 2".
            drawClass->setItemText(k, tr("class %1").arg(k));
        drawClass->setToolTip(tr("The class the left button draws (keys 1 to 5 on the view)"));
        clearPoints->setText(tr("Clear"));
        clearPoints->setToolTip(tr("Remove every drawn point, to start an empty plane"));
        showTest->setText(tr("Test data"));
        showTest->setToolTip(tr("Show the test points (outlined) over the output"));
        discretize->setText(tr("Discretize"));
        discretize->setToolTip(tr("Show the predicted class only, not how sure the network is"));
        networkTitle->setText(tr("<b>Network</b>"));
        edgesShow->setText(tr("Edges show"));
        quantity->setItemText(0, tr("weight w"));
        quantity->setItemText(1, tr("gradient dL/dw (last step)"));
        quantity->setItemText(2, tr("update Δw (last step)"));
        quantity->setToolTip(tr("What edge colour and thickness show. The gradient is what "
                                "backpropagation computed in the last step; the update is what "
                                "the optimizer then did with it."));
    });
    m_registry.add({QStringLiteral("network"), QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Network"),
                    m_network, nullptr});
    m_registry.add({QStringLiteral("output"), QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Output"),
                    m_output, nullptr});

    m_network->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_network, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu;
        if (m_network->hasEdgeAt(at)) {
            menu.addAction(tr("Check this gradient against finite differences"), this,
                           [this, at] { m_network->requestCheckAt(at); });
            menu.addSeparator();
        }
        menu.addAction(tr("Export network view…"), this, [this] {
            exportWithDialog(tr("Export network view"), pictureFormats(),
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
        // From the keyboard (Enter) the step-through comes to the front: no pointer shows it.
        if (m_network->hasFocus()) showView(QStringLiteral("step"));
        showStatus(
            [layer, out, in] {
                return tr("The step-through follows %1.weight[%2, %3]; double-click the edge (or "
                          "press F2) to give it a new value.")
                    .arg(layer)
                    .arg(out)
                    .arg(in);
            },
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
                showBar(Bar::Notice, [layer, out, in, value] {
                    return tr("You set %1.weight[%2, %3] to %4 by hand: the network now differs "
                              "from the one training produced.")
                        .arg(layer)
                        .arg(out)
                        .arg(in)
                        .arg(value);
                });
            });
    return m_centre;
}

void MainWindow::buildDocks() {
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                   QMainWindow::GroupedDragging);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    // title: the view's title in English (ViewEntry::titleText); the dock shows it translated.
    const auto dock = [this](QWidget* content, const char* title, const QString& name,
                             bool scroll) {
        auto* d = new QDockWidget(this);
        onLanguageChange(d, [d, title] { d->setWindowTitle(viewTitle(title)); });
        d->setObjectName(name + QStringLiteral("Dock"));
        d->setTitleBarWidget(new DockTitleBar(d)); // follows the text scale
        d->setWidget(scroll ? scrolled(content) : content);
        // In front or not: Qt says so when a tab is chosen (a dock behind another's tab is
        // moved out of the window, not hidden), and when it is shown or closed.
        connect(d, &QDockWidget::visibilityChanged, d,
                [d](bool visible) { d->setProperty(kInFront, visible); });
        return d;
    };
    m_data = new DataPanel;
    connect(m_data, &DataPanel::presetChosen, this, &MainWindow::loadPreset);
    connect(m_data, &DataPanel::importRequested, this, &MainWindow::importPoints);
    connect(m_data, &DataPanel::dataEdited, this, [this] {
        m_data->applyTo(m_experiment);
        if (m_experiment.data.source == DataSource::Toy) fitBuilderToToy(); // the classes
        requestLoad();
    });
    connect(m_data, &DataPanel::toyKindChosen, this, [this](ToyKind) {
        const bool fromRegression =
            m_experiment.data.source == DataSource::Toy && isRegression(m_experiment.data.toy.kind);
        m_experiment.data.source = DataSource::Toy;
        m_data->applyTo(m_experiment);
        m_data->setExperiment(m_experiment); // no longer a file's or a drawing's points
        // Classification ↔ regression, another number of classes.
        fitBuilderToToy(fromRegression);
        requestLoad();
    });
    const char* dataTitle = QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Data");
    auto* dataDock = dock(m_data, dataTitle, QStringLiteral("data"), true);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock);

    m_builder = new NetworkBuilder;
    connect(m_builder, &NetworkBuilder::changed, this, [this] {
        m_rebuildNotice = true;
        m_editedSinceSave = true;
        requestLoad();
    });
    const char* builderTitle = QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Network builder");
    auto* builderDock = dock(m_builder, builderTitle, QStringLiteral("builder"), true);
    addDockWidget(Qt::LeftDockWidgetArea, builderDock);
    tabifyDockWidget(dataDock, builderDock);
    // Lessons beside them, so that a lesson's text stays in sight while it brings the views
    // at the bottom and in the centre forward.
    m_lessons = new LessonPanel;
    m_lessons->setDataDir(QString::fromStdString(defaultDataDir()));
    const char* lessonsTitle = QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Lessons");
    auto* lessonsDock = dock(m_lessons, lessonsTitle, QStringLiteral("lessons"), false);
    addDockWidget(Qt::LeftDockWidgetArea, lessonsDock);
    tabifyDockWidget(dataDock, lessonsDock);
    dataDock->raise();
    m_registry.add({QStringLiteral("data"), dataTitle, m_data, dataDock});
    m_registry.add({QStringLiteral("builder"), builderTitle, m_builder, builderDock});
    m_registry.add({QStringLiteral("lessons"), lessonsTitle, m_lessons, lessonsDock});
    connectLessons();

    m_charts = new ChartsPanel;
    m_stepThrough = new StepThroughPanel;
    connect(m_stepThrough, &StepThroughPanel::traceRequested, this, &MainWindow::traceStep);
    connect(m_stepThrough, &StepThroughPanel::checkRequested, this, &MainWindow::checkGradients);
    m_graphPanel = new GraphPanel;
    connect(m_graphPanel, &GraphPanel::exportRequested, this, [this] {
        exportWithDialog(tr("Export computation graph"), pictureFormats(),
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
    m_draw = new DrawView;
    connect(m_draw, &DrawView::drawingChanged, this, &MainWindow::explainDrawing);
    m_featureMaps = new FeatureMapView;
    m_distributions = new DistributionView;
    m_compare = new CompareView;
    connect(m_featureMaps, &FeatureMapView::shown, this, [this] {
        if (m_draw->hasInk()) explainDrawing(m_draw->networkInput(), m_draw->chosenClass());
    });
    connect(m_output, &OutputView::digitChosen, this, [this](int index) {
        if (!m_snapshot || std::size_t(index) >= m_snapshot->digits.size()) return;
        std::vector<float> ink;
        for (const unsigned char pixel : m_snapshot->digits[std::size_t(index)].pixels)
            ink.push_back(pixel / 255.0f);
        showView(QStringLiteral("draw"));
        m_draw->setPicture(ink);
    });

    struct Bottom {
        QWidget* widget;
        const char* title; // in English (ViewEntry::titleText)
        QString name;
        int group; // 0: bottom left, 1: bottom right
    };
    // Bottom left: charts, step-through, optimizer, drawing; bottom right: the graph, the
    // landscape and the race, so that the step-through and the graph it lights up are seen
    // together.
    const QList<Bottom> bottom = {
        {m_charts, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Charts"), QStringLiteral("charts"),
         0},
        {m_stepThrough, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Step through"),
         QStringLiteral("step"), 0},
        {m_optimizerPanel, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Optimizer"),
         QStringLiteral("optimizer"), 0},
        {m_draw, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Draw a digit"), QStringLiteral("draw"),
         0},
        {m_featureMaps, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Feature maps"),
         QStringLiteral("featuremaps"), 0},
        {m_distributions, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Distributions"),
         QStringLiteral("distributions"), 0},
        {m_graphPanel, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Computation graph"),
         QStringLiteral("graph"), 1},
        {m_landscape, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Loss landscape"),
         QStringLiteral("landscape"), 1},
        {m_race, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Optimizer race"),
         QStringLiteral("race"), 1},
        {m_compare, QT_TRANSLATE_NOOP("gs::ui::ViewRegistry", "Compare runs"),
         QStringLiteral("compare"), 1}};
    QDockWidget* groups[2] = {nullptr, nullptr};
    for (const Bottom& b : bottom) {
        // The graph and the step-through scroll by themselves (the graph following the
        // step-through's node); the compare view fits its views to the dock.
        QDockWidget* d =
            dock(b.widget, b.title, b.name,
                 b.widget != m_graphPanel && b.widget != m_stepThrough && b.widget != m_compare);
        QDockWidget*& group = groups[b.group];
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
    connect(
        m_registry.dock(QStringLiteral("compare")), &QDockWidget::visibilityChanged, m_worker,
        [this](bool live) { toWorker([this, live] { m_worker->setCompareLive(live); }); },
        Qt::DirectConnection);
}

bool MainWindow::loadPreset(const QString& name) {
    const Experiment* preset = findPreset(name.toStdString());
    if (!preset) {
        showBar(Bar::Banner, [name] { return tr("There is no preset called '%1'.").arg(name); });
        return false;
    }
    m_experiment = *preset;
    m_presetAwaitingMnist.clear(); // a new choice (set again if this one needs MNIST too)
    m_sessionPath.clear();
    m_editedSinceSave = false;
    showExperiment(kRawFeatures);
    setTitleName(name);
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
    if (suffix == QStringLiteral("json") && isLessonFile(path)) return startLesson(path);
    if (suffix == QStringLiteral("onnx") || suffix == QStringLiteral("json")) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        toWorker([w = m_worker, absolute] { w->openModel(absolute); });
        return true;
    }
    showBar(Bar::Banner, [name = QFileInfo(path).fileName()] {
        return tr("Gradscope cannot open %1: it opens sessions (.gradscope), points (.csv), "
                  "models (.json model files, .onnx) and lessons (.json lesson files).")
            .arg(name);
    });
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
        classes = isRegression(d.toy.kind) ? 0 : d.toy.classes;
        break;
    case DataSource::Csv:
        // Known once the file is read (showSnapshot); a load fits the output to it.
        planar = true;
        classes = m_snapshot && m_snapshot->grid > 0 ? m_snapshot->dataClasses : -1;
        break;
    case DataSource::Drawn:
        planar = true;
        classes = drawnClassCount(d.points);
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
    // The drawing shown is the experiment's (a session opened, a failed load undone); the view
    // keeps its own between, so that a load landing mid-stroke takes nothing from the stroke.
    m_output->setDrawnPoints(m_experiment.data.source == DataSource::Drawn
                                 ? m_experiment.data.points
                                 : std::vector<DrawnPoint>{});
    updateDrawControls();
    {
        const QSignalBlocker block(m_builder);
        m_builder->setData(sample, classes, planar);
        m_builder->setState(
            builderStateFrom(m_experiment.layers, features, m_experiment.train.loss));
    }
    m_optimizerBar->setSettings(m_experiment.train.optimizer, m_experiment.train.schedule,
                                m_experiment.train.regularization);
}

void MainWindow::fitBuilderToToy(bool fromRegression) {
    const ToyConfig& toy = m_experiment.data.toy;
    Dataset probe;
    probe.classes = isRegression(toy.kind) ? 0 : toy.classes;
    probe.targets = Tensor(Shape{0, 1});
    BuilderState state = m_builder->state();
    // Back from regression, the classifier's loss: MSE was regression's, not a choice for the
    // classes (one output on ±1, which fits two classes, would otherwise stay).
    if (fromRegression && probe.classes > 0 && state.loss == LossKind::MSE)
        state.loss = LossKind::CrossEntropy;
    try {
        std::vector<LayerSpec> layers = layersFrom(state, Shape{2});
        if (fitOutputs(layers, state.loss, probe))
            state = builderStateFrom(layers, state.features, state.loss);
    } catch (const Error&) {
        // A network that does not fit its input: the builder says why, as before.
    }
    const QSignalBlocker block(m_builder);
    m_builder->setData(Shape{2}, probe.classes, true);
    if (!(state == m_builder->state())) m_builder->setState(state);
}

void MainWindow::setDrawingPoints(bool on) {
    if (on && m_experiment.data.source != DataSource::Drawn) {
        // The points shown become the drawing, to edit (Clear starts an empty plane): every one
        // trains, none is held out.
        std::vector<DrawnPoint> points;
        if (m_snapshot && m_snapshot->points && !m_snapshot->regression)
            for (const PlanePoint& p : *m_snapshot->points)
                if (std::abs(p.x1) <= 6 && std::abs(p.x2) <= 6 &&
                    Index(points.size()) < kMaxDrawnPoints)
                    points.push_back(
                        {p.x1, p.x2, std::clamp(int(std::lround(p.value)), 0, kMaxToyClasses - 1)});
        m_output->setDrawnPoints(points);
        // An epoch of a few drawn points is a step or two: a schedule over epochs (the
        // spiral's cosine over 200) would end within seconds, so the rate stays constant.
        if (m_optimizerBar->schedule().kind != ScheduleKind::Constant)
            m_optimizerBar->setSettings(m_optimizerBar->optimizer(), Schedule{},
                                        m_optimizerBar->regularization());
        m_experiment.train.schedule = Schedule{};
        useDrawnPoints(std::move(points));
    }
    m_output->setDrawing(on);
    m_drawClass->setVisible(on);
    m_clearPoints->setVisible(on);
    if (on) m_output->setFocus();
}

void MainWindow::useDrawnPoints(std::vector<DrawnPoint> points) {
    m_experiment.data.source = DataSource::Drawn;
    m_experiment.data.points = std::move(points);
    m_experiment.data.trainFraction = 1; // every drawn point trains
    m_experiment.name = "drawn";
    setTitleName(tr("drawn points"));
    m_editedSinceSave = true;
    m_data->setExperiment(m_experiment);
    // The network goes on from where it stood, so that a point added while it trains bends the
    // boundary rather than starting over (a new class starts afresh: the output layer grows).
    m_keepWeights = true;
    m_resumeAfterLoad = m_running;
    requestLoad();
}

void MainWindow::updateDrawControls() {
    const DataSpec& d = m_experiment.data;
    const bool classes = d.source == DataSource::Drawn ||
                         (d.source == DataSource::Toy && !isRegression(d.toy.kind)) ||
                         (d.source == DataSource::Csv && m_snapshot && m_snapshot->grid > 0 &&
                          !m_snapshot->regression);
    m_drawPoints->setVisible(classes);
    if (d.source != DataSource::Drawn && m_drawPoints->isChecked()) m_drawPoints->setChecked(false);
}

void MainWindow::importPoints(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // Points are 2-D: a network built for images or for many features cannot take them, so it
    // gives way to the spiral preset's small 2-D network (and its training settings).
    const DataSource before = m_experiment.data.source;
    const bool replaceNetwork = before == DataSource::Mnist || before == DataSource::FashionMnist ||
                                before == DataSource::RandomRegression;
    if (replaceNetwork) {
        const Experiment* planar = findPreset("spiral");
        m_experiment.layers = planar->layers;
        m_experiment.train = planar->train;
    }
    m_experiment.data.source = DataSource::Csv;
    m_experiment.data.path = absolute.toStdString();
    m_experiment.name = QFileInfo(path).fileName().toStdString();
    setTitleName(QFileInfo(path).fileName());
    if (replaceNetwork) {
        showExperiment(kRawFeatures);
        m_pointsNotice = true;
    } else {
        m_data->setExperiment(m_experiment);
    }
    requestLoad();
}

void MainWindow::saveSession(const QString& path) {
    if (!m_loaded) {
        showBar(Bar::Banner, [] { return tr("Nothing to save yet: the network is not built."); });
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
    toWorker(
        [w = m_worker, absolute, history = m_charts->history(),
         answers = m_lessons->sessionAnswers()] { w->saveSession(absolute, history, answers); });
}

void MainWindow::exportModel(const QString& path, ModelFormat format) {
    if (!m_loaded) {
        showBar(Bar::Banner, [] { return tr("Nothing to export yet: the network is not built."); });
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const int kind = static_cast<int>(format);
    toWorker([w = m_worker, absolute, kind] { w->exportModel(absolute, kind); });
}

void MainWindow::openSession(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    toWorker([w = m_worker, absolute] { w->openSession(absolute); });
}

bool MainWindow::hasUnsavedWork() const {
    if (m_editedSinceSave) return true;
    // Going back on the timeline changes nothing: the run still ends where it ended.
    return m_snapshot &&
           (m_snapshot->inPast ? m_snapshot->recordedLast : m_snapshot->step) != m_savedStep;
}

namespace {
// The system's style, as the program started with it (before any of ours), and the palette
// that tests give as the desktop's (none: the platform theme's, followed live).
struct SystemLook {
    QString style = QApplication::style()->name();
    std::optional<QPalette> palette;
};
SystemLook& systemLook() {
    static SystemLook look;
    return look;
}
} // namespace

void MainWindow::setSystemPalette(const QPalette& palette) {
    systemLook().palette = palette;
}

void MainWindow::setAppearance(Appearance appearance) {
    const QString systemStyle = systemLook().style;
    m_appearance = appearance;
    const bool own = appearance == Appearance::Dark || appearance == Appearance::HighContrast;
    // Our palettes need Fusion (the platform styles draw some parts with their own colours).
    const QString style = own ? QStringLiteral("Fusion") : systemStyle;
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(style);
    // The system's: a palette with no colour of its own, which Qt resolves against the platform
    // theme's, now and whenever the desktop changes it (a switch to dark mode while the app
    // runs: QEvent::PaletteChange, below).
    QPalette p = systemLook().palette.value_or(QPalette());
    if (appearance == Appearance::Light) p = QApplication::style()->standardPalette();
    if (appearance == Appearance::Dark) p = gs::ui::darkPalette();
    if (appearance == Appearance::HighContrast) p = gs::ui::highContrastPalette();
    QApplication::setPalette(p);
    qApp->setStyleSheet(appearance == Appearance::HighContrast ? gs::ui::highContrastStyleSheet()
                                                               : QString());
    followPalette();
}

// The window's own colours (the charts' theme, the toolbar's icons, the message bar) after the
// palette changed: chosen here, or the desktop's changed while following it.
void MainWindow::followPalette() {
    m_dark = isDark(QApplication::palette());
    m_charts->setDark(m_dark);
    updateIcons();
    if (!m_banner->isHidden()) renderBar();
}

void MainWindow::setColourScale(ColourScale scale) {
    gs::ui::setColourScale(scale);
    // Every drawing area redraws as on a change of palette (its cached pictures too).
    for (QWidget* w : findChildren<QWidget*>()) {
        QEvent change(QEvent::PaletteChange);
        QCoreApplication::sendEvent(w, &change);
    }
    const bool blueYellow = scale == ColourScale::BlueYellow;
    for (QAction* a : findChildren<QAction*>()) {
        if (a->objectName() == QStringLiteral("scale-blue-yellow")) a->setChecked(blueYellow);
        if (a->objectName() == QStringLiteral("scale-orange-blue")) a->setChecked(!blueYellow);
    }
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
    showBar(Bar::Banner, [message] { return message; });
}

void MainWindow::showNotice(const QString& message) {
    showBar(Bar::Notice, [message] { return message; });
}

void MainWindow::showBar(Bar kind, Text text) {
    m_barKind = kind;
    m_barText = std::move(text);
    m_barLink.clear();
    m_barLinkText = {};
    m_barFinding.reset();
    renderBar();
}

QString MainWindow::findingText(const Finding& f) {
    //: A detector's finding: %1 its title ("Overfitting"), %2 the epoch, %3 what it saw.
    return tr("%1, after epoch %2: %3")
        .arg(translated(f.title))
        .arg(f.epoch)
        .arg(translated(f.text));
}

void MainWindow::showFinding(const FindingPtr& f) {
    if (!f) return;
    // On the timeline too, where it was seen; a click on the mark shows it here again.
    QList<Timeline::Mark> marks = m_timeline->marks();
    marks.append({f->step, findingText(*f), false, f});
    m_timeline->setMarks(std::move(marks));
    // A plateau is what a cause already shown leads to: the cause stays in the bar.
    if (f->kind == FindingKind::Plateau && m_barFinding &&
        m_barFinding->kind != FindingKind::Plateau && !notice().isEmpty())
        return;
    presentFinding(f);
}

void MainWindow::presentFinding(const FindingPtr& f) {
    const Text text = [f] { return findingText(*f); };
    switch (f->kind) {
    case FindingKind::VanishingGradients:
    case FindingKind::ExplodingGradients:
        showLinkedNotice(text, QStringLiteral("optimizer"),
                         [] { return tr("Show each layer's gradient"); });
        break;
    case FindingKind::DeadUnits:
        showLinkedNotice(text, QStringLiteral("network"), [] { return tr("Show the units"); });
        break;
    default:
        showLinkedNotice(text, QStringLiteral("charts"), [] { return tr("Show the curves"); });
        break;
    }
    m_barFinding = f;
}

void MainWindow::showLinkedNotice(Text text, const QString& view, Text linkText) {
    showBar(Bar::Notice, std::move(text));
    m_barLink = view;
    m_barLinkText = std::move(linkText);
    renderBar();
}

QString MainWindow::noticeLink() const {
    return notice().isEmpty() ? QString() : m_barLink;
}

void MainWindow::renderBar() {
    const QString message = m_barText ? m_barText() : QString();
    if (m_barKind == Bar::Notice) {
        m_banner->setProperty("notice", true);
        m_banner->setStyleSheet(
            m_dark ? QStringLiteral("QLabel { background: #1c3a4a; color: #d6ecf7; border: 1px "
                                    "solid #4f9fe0; padding: 6px; }")
                   : QStringLiteral("QLabel { background: #e3f1fb; color: #0a2a3a; border: 1px "
                                    "solid #4f9fe0; padding: 6px; }"));
        const QString& text = message; // a notice may start with a file's name: as it is
        m_banner->setProperty("plain", text);
        if (m_barLink.isEmpty() || !m_barLinkText) {
            m_banner->setTextFormat(Qt::PlainText);
            m_banner->setText(text);
        } else {
            m_banner->setTextFormat(Qt::RichText);
            m_banner->setText(text.toHtmlEscaped() +
                              QStringLiteral(" <a href=\"view:%1\">%2</a>")
                                  .arg(m_barLink, m_barLinkText().toHtmlEscaped()));
        }
        m_banner->setVisible(!message.isEmpty());
        return;
    }
    m_banner->setProperty("notice", false);
    m_banner->setStyleSheet(
        m_dark ? QStringLiteral("QLabel { background: #4a3a1c; color: #f5e3c0; border: 1px solid "
                                "#e0a84f; padding: 6px; }")
               : QStringLiteral("QLabel { background: #fdf1dc; color: #3a2a0a; border: 1px solid "
                                "#e0a84f; padding: 6px; }"));
    // The engine's messages start in lower case ("the loss grew to …"), to follow a file name
    // or a "gradscope-cli train:"; on its own, a banner starts a sentence.
    QString text = message;
    if (!text.isEmpty()) text[0] = text[0].toUpper();
    m_banner->setProperty("plain", text);
    // MNIST missing (the engine's message names the CLI's command, in every language): the
    // download, one click away.
    if (text.contains(QLatin1String("gradscope-cli fetch mnist"))) {
        m_banner->setTextFormat(Qt::RichText);
        m_banner->setText(
            text.toHtmlEscaped() +
            QStringLiteral(" <a href=\"download-mnist\">%1</a>").arg(tr("Download MNIST now")));
    } else {
        m_banner->setTextFormat(Qt::PlainText);
        m_banner->setText(text);
    }
    m_banner->setVisible(!message.isEmpty());
}

void MainWindow::showStatus(Text text, int timeout) {
    m_status = std::move(text);
    m_statusShown = m_status ? m_status() : QString();
    m_statusUntil = timeout > 0 ? QDeadlineTimer(timeout) : QDeadlineTimer(QDeadlineTimer::Forever);
    statusBar()->showMessage(m_statusShown, timeout);
}

void MainWindow::renderStatus() {
    // Only while the message is still the one showStatus put there, for the time it has left.
    if (!m_status || m_statusUntil.hasExpired() || statusBar()->currentMessage() != m_statusShown)
        return;
    const int left =
        m_statusUntil.isForever() ? 0 : int(std::max<qint64>(1, m_statusUntil.remainingTime()));
    m_statusShown = m_status();
    statusBar()->showMessage(m_statusShown, left);
}

void MainWindow::setTitleName(const QString& name) {
    m_titleName = name;
    setWindowTitle(tr("Gradscope — %1[*]").arg(name));
}

void MainWindow::changeEvent(QEvent* event) {
    // Before the children: their own texts follow in QWidget::event, after this.
    if (event->type() == QEvent::LanguageChange) retranslate();
    // The desktop's palette changed (dark mode turned on or off) while the window follows it.
    if (event->type() == QEvent::PaletteChange && m_appearance == Appearance::System &&
        isDark(QApplication::palette()) != m_dark)
        followPalette();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate() {
    if (!m_titleName.isEmpty()) setTitleName(m_titleName);
    updateBlocked();
    if (m_snapshot) showCounter();
    if (m_busyText) {
        const QString what = m_busyText();
        m_busy->setFormat(what);
        m_busy->setToolTip(what);
    }
    renderStatus();
    if (!m_banner->isHidden()) renderBar();
}

QString MainWindow::banner() const {
    return m_banner->isHidden() || m_banner->property("notice").toBool()
               ? QString()
               : m_banner->property("plain").toString();
}

QString MainWindow::notice() const {
    return m_banner->isHidden() || !m_banner->property("notice").toBool()
               ? QString()
               : m_banner->property("plain").toString();
}

OptimizerConfig MainWindow::optimizerConfig() const {
    return m_optimizerBar->optimizer();
}

void MainWindow::setLearningRate(double learningRate) {
    m_optimizerBar->setLearningRate(learningRate);
}

GraphView* MainWindow::graphView() const {
    return m_graphPanel->view();
}

void MainWindow::clearNotice() {
    if (!notice().isEmpty()) m_banner->hide();
}

bool MainWindow::viewInFront(const QString& name) const {
    const ViewEntry* v = m_registry.find(name);
    if (!v) return false;
    return v->dock ? v->dock->property(kInFront).toBool() : m_centre->isVisible();
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

QObject* MainWindow::workerObject() const {
    return m_worker;
}

} // namespace gs::ui
