#include "MainWindow.h"

#include "ChartsPanel.h"
#include "ContourCanvas.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "OptimizerPanel.h"
#include "OutputView.h"
#include "Palette.h"
#include "RaceView.h"
#include "StepThroughPanel.h"
#include "TrainingWorker.h"
#include "WidgetExport.h"
#include "io/Serialize.h"
#include "plot/ChartExport.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace gs::ui {

namespace {
const QString kPictureFormats = QStringLiteral("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)");
}

namespace {

const QList<std::pair<QString, QString>>& optimizerChoices() {
    static const QList<std::pair<QString, QString>> choices = {
        {QStringLiteral("sgd"), QStringLiteral("SGD")},
        {QStringLiteral("momentum"), QStringLiteral("SGD + momentum")},
        {QStringLiteral("nesterov"), QStringLiteral("SGD + Nesterov")},
        {QStringLiteral("adam"), QStringLiteral("Adam")},
        {QStringLiteral("adamw"), QStringLiteral("AdamW")},
        {QStringLiteral("rmsprop"), QStringLiteral("RMSprop")},
        {QStringLiteral("adagrad"), QStringLiteral("Adagrad")}};
    return choices;
}

QString optimizerChoiceOf(const OptimizerConfig& c) {
    switch (c.kind) {
    case OptimizerKind::SGD:
        return c.momentum == 0 ? QStringLiteral("sgd")
               : c.nesterov    ? QStringLiteral("nesterov")
                               : QStringLiteral("momentum");
    default:
        return QString::fromUtf8(optimizerKindName(c.kind));
    }
}

QDoubleSpinBox* spin(double low, double high, int decimals, double step, const QString& tip) {
    auto* box = new QDoubleSpinBox;
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

// A small scatter of a toy preset's points, for the preset list.
QIcon thumbnail(const Experiment& e) {
    QPixmap pixmap(40, 40);
    pixmap.fill(Qt::white);
    if (e.data.source != DataSource::Toy) {
        QPainter p(&pixmap);
        p.setPen(QColor(60, 60, 60));
        QFont f = p.font();
        f.setPixelSize(e.data.source == DataSource::Toy ? 10 : 17);
        f.setBold(true);
        p.setFont(f);
        p.drawText(pixmap.rect(), Qt::AlignCenter,
                   e.data.source == DataSource::Mnist          ? QStringLiteral("7")
                   : e.data.source == DataSource::FashionMnist ? QStringLiteral("👕")
                                                               : QStringLiteral("y"));
        return QIcon(pixmap);
    }
    ToyConfig config = e.data.toy;
    config.samples = std::min<Index>(config.samples, 200);
    const Dataset d = makeToyDataset(config);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    for (Index i = 0; i < d.size(); ++i) {
        const double v = d.isClassification() ? (d.labels[std::size_t(i)] ? 1 : -1)
                                              : std::clamp(double(d.targets[i]), -1.0, 1.0);
        p.setPen(Qt::NoPen);
        p.setBrush(v < 0 ? QColor(245, 147, 34) : QColor(8, 119, 189));
        p.drawEllipse(QPointF((d.inputs[2 * i] + 6) / 12 * 40, (6 - d.inputs[2 * i + 1]) / 12 * 40),
                      1.4, 1.4);
    }
    return QIcon(pixmap);
}

// The data panel's picture: the points on the plane, or a grid of sample images.
QPixmap previewOf(const Snapshot& s) {
    constexpr int kSide = 120;
    QPixmap pixmap(s.imageSide > 0 ? 2 * kSide : kSide, kSide);
    pixmap.fill(Qt::white);
    QPainter p(&pixmap);
    if (s.imageSide > 0) {
        const int columns = 8, rows = 4, tile = kSide / rows;
        for (std::size_t i = 0; i < s.digits.size() && i < std::size_t(columns * rows); ++i) {
            const QImage image = inkImage(s.digits[i].pixels, s.imageSide);
            p.drawImage(QRect(int(i % columns) * tile, int(i / columns) * tile, tile - 1, tile - 1),
                        image);
        }
    } else if (s.points && !s.points->empty()) {
        p.setRenderHint(QPainter::Antialiasing);
        double scale = 1e-9;
        if (s.regression)
            for (const PlanePoint& pt : *s.points)
                scale = std::max(scale, double(std::abs(pt.value)));
        for (const PlanePoint& pt : *s.points) {
            const double v = s.regression ? pt.value / scale : (pt.value > 0.5 ? 1 : -1);
            const QColor colour = divergingColor(v);
            p.setPen(pt.test ? QPen(colour.darker(120), 1) : Qt::NoPen);
            p.setBrush(pt.test ? QBrush(Qt::white) : QBrush(colour));
            p.drawEllipse(QPointF((pt.x1 + 6) / 12 * kSide, (6 - pt.x2) / 12 * kSide), 1.8, 1.8);
        }
    } else {
        p.drawText(pixmap.rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   QObject::tr("%1 input features").arg(s.inputs));
    }
    return pixmap;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
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
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::loaded, this,
            [this](const SnapshotPtr& s) { showSnapshot(s, true); });
    connect(m_worker, &TrainingWorker::snapshotReady, this,
            [this](const SnapshotPtr& s) { showSnapshot(s, false); });
    connect(m_worker, &TrainingWorker::runningChanged, this, [this](bool running) {
        m_running = running;
        m_play->setText(running ? tr("Pause") : tr("Play"));
        m_play->setIcon(
            style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](const QString& message) {
        showBanner(message);
        emit trainingFailed(message);
    });
    connect(m_worker, &TrainingWorker::checked, this,
            [this](const GradientCheckPtr& check) { m_stepThrough->setGradientCheck(check); });
    connect(m_worker, &TrainingWorker::traced, this, [this](const StepTracePtr& trace) {
        m_graph->setTrace(trace);
        m_stepThrough->setTrace(trace); // moves the graph's cursor to the start
        emit traced();
    });
    connect(m_worker, &TrainingWorker::graphTraced, this, [this](const StepTracePtr& trace) {
        m_graph->setTrace(trace);
        m_graph->clearCursor();
        m_network->setHighlightLayer(-1);
        emit graphUpdated();
    });
    connect(m_worker, &TrainingWorker::landscapeReady, this, [this](const LandscapePtr& l) {
        m_landscape->setLandscape(l);
        emit landscapeReady();
    });
    connect(m_worker, &TrainingWorker::sessionSaved, this, [this](const QString& path) {
        m_sessionPath = path;
        addRecent(path);
        setWindowTitle(tr("Gradscope — %1").arg(QFileInfo(path).fileName()));
        statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
        emit sessionSaved(path);
    });
    connect(m_worker, &TrainingWorker::sessionOpened, this, [this](const OpenedSessionPtr& s) {
        m_experiment = s->experiment;
        m_sessionPath = s->path;
        showExperiment(s->features);
        m_loaded = true;
        updateTrainEnabled();
        m_charts->setHistory(s->history);
        addRecent(s->path);
        setWindowTitle(tr("Gradscope — %1").arg(QFileInfo(s->path).fileName()));
        emit sessionOpened(s->path);
    });
    m_thread.start();

    m_network = new NetworkView;
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
    m_output = new OutputView;
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setStyleSheet(
        QStringLiteral("QLabel { background: #fdf1dc; border: 1px solid #e0a84f; padding: 6px; }"));
    m_banner->hide();

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(new QLabel(tr("<b>Output</b>")));
    rightLayout->addWidget(m_output, 1);
    auto* showTest = new QCheckBox(tr("Show test data"));
    connect(showTest, &QCheckBox::toggled, m_output, &OutputView::setShowTest);
    auto* discretize = new QCheckBox(tr("Discretize output"));
    connect(discretize, &QCheckBox::toggled, m_output, &OutputView::setDiscretize);
    rightLayout->addWidget(showTest);
    rightLayout->addWidget(discretize);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<b>Network</b>")));
    header->addStretch(1);
    header->addWidget(new QLabel(tr("Edges show")));
    m_quantity = new QComboBox;
    m_quantity->addItems(
        {tr("weight w"), tr("gradient dL/dw (last step)"), tr("update Δw (last step)")});
    m_quantity->setToolTip(tr("What edge colour and thickness show. The gradient is what "
                              "backpropagation computed in the last step; the update is what "
                              "the optimizer then did with it."));
    connect(m_quantity, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_network->setQuantity(EdgeQuantity(i)); });
    header->addWidget(m_quantity);
    leftLayout->addLayout(header);
    leftLayout->addWidget(m_network, 1);

    auto* splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400});
    auto* central = new QWidget;
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 4);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);

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
    connect(m_network, &NetworkView::editWeightRequested, this,
            [this](int layer, int out, int in, double current) {
                bool ok = false;
                const double value = QInputDialog::getDouble(
                    this, tr("Edit weight"),
                    tr("New value for %1.weight[%2, %3]:").arg(layer).arg(out).arg(in), current,
                    -1e6, 1e6, 6, &ok);
                if (ok)
                    QMetaObject::invokeMethod(m_worker, "setWeight", Qt::QueuedConnection,
                                              Q_ARG(int, layer), Q_ARG(int, out), Q_ARG(int, in),
                                              Q_ARG(double, value));
            });

    buildToolbar();
    buildDocks();
    buildMenus();
    m_counter = new QLabel;
    m_speed = new QLabel;
    statusBar()->addPermanentWidget(m_counter);
    statusBar()->addPermanentWidget(m_speed);
    resize(1280, 820);
    loadPreset(QStringLiteral("spiral"));
}

MainWindow::~MainWindow() {
    m_thread.quit();
    m_thread.wait();
}

void MainWindow::buildToolbar() {
    QToolBar* bar = addToolBar(tr("Training"));
    bar->setObjectName(QStringLiteral("trainingToolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reset = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"), this,
                             &MainWindow::reset);
    m_reset->setShortcut(Qt::Key_R);
    m_reset->setToolTip(tr("Start again from fresh random weights (R)"));
    m_play = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"), this, [this] {
        if (m_running)
            pause();
        else
            play();
    });
    m_play->setShortcut(Qt::Key_Space);
    m_play->setToolTip(tr("Train continuously; press again to pause (Space)"));
    m_step = bar->addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"), this,
                            &MainWindow::stepBatch);
    m_step->setShortcut(Qt::Key_S);
    m_step->setToolTip(tr("One mini-batch: forward, loss, backward, optimizer step (S)"));
    m_stepEpoch = bar->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward),
                                 tr("Step epoch"), this, &MainWindow::stepEpoch);
    m_stepEpoch->setShortcut(Qt::Key_E);
    m_stepEpoch->setToolTip(tr("Train to the end of the current epoch (E)"));
    bar->addSeparator();

    m_optimizer = new QComboBox;
    for (const auto& [name, label] : optimizerChoices())
        m_optimizer->addItem(label, name);
    m_optimizer->setToolTip(tr("The update rule, exactly as PyTorch's torch.optim applies it. "
                               "Changing it keeps training going, with fresh optimizer state."));
    m_learningRate = spin(1e-5, 10, 5, 0.001,
                          tr("Learning rate η: the step size. Changes apply "
                             "at once, without a reset."));
    m_momentum = spin(0, 0.999, 3, 0.05, tr("Momentum μ (SGD and RMSprop)"));
    m_weightDecay = spin(0, 1, 5, 0.0001, tr("Weight decay, as the optimizer applies it"));
    m_l1 = spin(0, 1, 5, 0.0001, tr("L1 regularisation rate: adds rate·Σ|w| to the loss"));
    m_l2 = spin(0, 1, 5, 0.0001, tr("L2 regularisation rate: adds rate·Σw² to the loss"));
    const auto labelled = [bar](const QString& text, QWidget* w) {
        bar->addWidget(new QLabel(QStringLiteral(" %1 ").arg(text)));
        bar->addWidget(w);
    };
    labelled(tr("Optimizer"), m_optimizer);
    labelled(tr("η"), m_learningRate);
    labelled(tr("μ"), m_momentum);
    labelled(tr("decay"), m_weightDecay);
    labelled(tr("L1"), m_l1);
    labelled(tr("L2"), m_l2);
    connect(m_optimizer, &QComboBox::activated, this, [this] {
        const auto fresh =
            OptimizerConfig::fromName(m_optimizer->currentData().toString().toStdString());
        if (!fresh) return;
        QSignalBlocker a(m_momentum), b(m_learningRate);
        m_momentum->setValue(double(fresh->momentum));
        if (fresh->kind == OptimizerKind::Adam || fresh->kind == OptimizerKind::AdamW)
            m_learningRate->setValue(std::min(m_learningRate->value(), 0.01));
        sendOptimizer();
    });
    for (QDoubleSpinBox* box : {m_learningRate, m_momentum, m_weightDecay})
        connect(box, &QDoubleSpinBox::valueChanged, this, &MainWindow::sendOptimizer);
    for (QDoubleSpinBox* box : {m_l1, m_l2})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            QMetaObject::invokeMethod(m_worker, "setRegularization", Qt::QueuedConnection,
                                      Q_ARG(double, m_l1->value()), Q_ARG(double, m_l2->value()));
        });
}

void MainWindow::buildDocks() {
    // Data
    auto* data = new QWidget;
    auto* form = new QFormLayout(data);
    m_preset = new QComboBox;
    m_preset->setIconSize(QSize(40, 40));
    for (const Experiment& e : presets())
        m_preset->addItem(thumbnail(e), QString::fromStdString(e.name),
                          QString::fromStdString(e.name));
    m_preset->setToolTip(tr("Every preset: data, network and training settings together"));
    connect(m_preset, &QComboBox::activated, this,
            [this](int i) { loadPreset(m_preset->itemData(i).toString()); });
    form->addRow(tr("Preset"), m_preset);
    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("dataPreview"));
    m_preview->setMinimumHeight(120);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setToolTip(tr("The data: training points filled, test points outlined; or sample "
                             "images"));
    form->addRow(m_preview);
    m_toyControls = new QWidget;
    auto* toyForm = new QFormLayout(m_toyControls);
    toyForm->setContentsMargins(0, 0, 0, 0);
    m_toyKind = new QComboBox;
    for (int k = 0; k < int(ToyKind::Count); ++k)
        m_toyKind->addItem(QString::fromUtf8(toyKindName(ToyKind(k))), k);
    toyForm->addRow(tr("Data set"), m_toyKind);
    m_noise = new QSlider(Qt::Horizontal);
    m_noise->setRange(0, 50);
    m_noise->setToolTip(tr("Noise added to the points, 0–50 %"));
    toyForm->addRow(tr("Noise"), m_noise);
    m_ratio = new QSlider(Qt::Horizontal);
    m_ratio->setRange(10, 90);
    m_ratio->setToolTip(tr("Share of the points used for training; the rest is the test set"));
    toyForm->addRow(tr("Train %"), m_ratio);
    m_seed = new QSpinBox;
    m_seed->setRange(0, 1'000'000);
    m_seed->setToolTip(tr("Seed for the data, the initial weights and the shuffling: the same "
                          "seed gives the same run"));
    toyForm->addRow(tr("Seed"), m_seed);
    auto* regenerate = new QPushButton(tr("Regenerate"));
    regenerate->setToolTip(tr("New points from the next seed"));
    connect(regenerate, &QPushButton::clicked, this,
            [this] { m_seed->setValue(m_seed->value() + 1); });
    auto* importCsv = new QPushButton(tr("Import CSV…"));
    importCsv->setToolTip(tr("Your own points: x1,x2,label (classes) or x1,x2,y (regression)"));
    connect(importCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import points"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty()) importPoints(path);
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(regenerate);
    buttons->addWidget(importCsv);
    toyForm->addRow(buttons);
    form->addRow(m_toyControls);
    m_batch = new QSpinBox;
    m_batch->setRange(1, 4096);
    m_batch->setToolTip(tr("Samples per mini-batch: one optimizer step each"));
    form->addRow(tr("Batch size"), m_batch);
    const auto dataChanged = [this] {
        m_experiment.data.toy.kind = ToyKind(m_toyKind->currentData().toInt());
        m_experiment.data.toy.noise = m_noise->value() / 50.0;
        m_experiment.data.trainFraction = m_ratio->value() / 100.0;
        m_experiment.data.toy.seed = std::uint64_t(m_seed->value());
        m_experiment.data.seed = std::uint64_t(m_seed->value());
        m_experiment.train.seed = std::uint64_t(m_seed->value());
        m_experiment.train.batchSize = m_batch->value();
        requestLoad();
    };
    connect(m_toyKind, &QComboBox::activated, this, [this, dataChanged] {
        // Classification ↔ regression: switch loss and output to what fits.
        const bool regression = isRegression(ToyKind(m_toyKind->currentData().toInt()));
        m_experiment.data.source = DataSource::Toy;
        BuilderState state = m_builder->state();
        if (!state.rows.empty() && regression != (state.loss == LossKind::MSE)) {
            state.loss = regression ? LossKind::MSE : LossKind::CrossEntropy;
            state.rows.back().size = regression ? 1 : 2;
            state.rows.back().activation = LayerKind::Count;
        }
        m_builder->setData(Shape{2}, regression ? 0 : 2, true);
        m_builder->setState(state);
        dataChanged();
    });
    for (QSlider* s : {m_noise, m_ratio})
        connect(s, &QSlider::sliderReleased, this, dataChanged);
    for (QSpinBox* s : {m_seed, m_batch})
        connect(s, &QSpinBox::valueChanged, this, dataChanged);

    auto* dataDock = new QDockWidget(tr("Data"), this);
    dataDock->setObjectName(QStringLiteral("dataDock"));
    dataDock->setWidget(data);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock);

    m_builder = new NetworkBuilder;
    connect(m_builder, &NetworkBuilder::changed, this, &MainWindow::requestLoad);
    auto* builderDock = new QDockWidget(tr("Network builder"), this);
    builderDock->setObjectName(QStringLiteral("builderDock"));
    builderDock->setWidget(m_builder);
    addDockWidget(Qt::LeftDockWidgetArea, builderDock);

    m_charts = new ChartsPanel;
    m_stepThrough = new StepThroughPanel;
    connect(m_stepThrough, &StepThroughPanel::traceRequested, this, &MainWindow::traceStep);
    m_graph = new GraphView;
    connect(m_graph, &GraphView::checkRequested, this, &MainWindow::checkGradientEntry);
    connect(m_graph, &GraphView::checkNodeRequested, this,
            [this](int layer) { checkNodeGradient(layer, -1); });
    auto* graphPanel = new QWidget;
    auto* graphLayout = new QVBoxLayout(graphPanel);
    graphLayout->setContentsMargins(2, 2, 2, 2);
    auto* graphBar = new QHBoxLayout;
    auto* collapse = new QPushButton(tr("Collapse layers"));
    auto* expand = new QPushButton(tr("Expand all"));
    auto* exportButton = new QPushButton(tr("Export…"));
    connect(collapse, &QPushButton::clicked, m_graph, [this] { m_graph->setAllCollapsed(true); });
    connect(expand, &QPushButton::clicked, m_graph, [this] { m_graph->setAllCollapsed(false); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        exportWithDialog(tr("Export computation graph"), kPictureFormats,
                         [this](const QString& p) { exportGraph(p); });
    });
    graphBar->addWidget(collapse);
    graphBar->addWidget(expand);
    graphBar->addStretch(1);
    graphBar->addWidget(exportButton);
    graphLayout->addLayout(graphBar);
    auto* graphCaption = new QLabel(m_graph->caption());
    graphCaption->setWordWrap(true);
    connect(m_graph, &GraphView::captionChanged, graphCaption, &QLabel::setText);
    graphLayout->addWidget(graphCaption);
    auto* graphScroll = new QScrollArea;
    graphScroll->setWidget(m_graph);
    graphScroll->setWidgetResizable(true);
    graphScroll->setFrameShape(QFrame::NoFrame);
    graphLayout->addWidget(graphScroll, 1);
    connect(m_graph, &GraphView::focusMoved, graphScroll, [graphScroll](const QRectF& box) {
        graphScroll->ensureVisible(int(box.center().x()), int(box.center().y()),
                                   int(box.width() / 2 + 20), int(box.height() / 2 + 20));
    });
    m_optimizerPanel = new OptimizerPanel;
    m_landscape = new LandscapeView;
    connect(m_landscape, &LandscapeView::computeRequested, this, &MainWindow::computeLandscape);
    m_race = new RaceView;
    connect(m_stepThrough, &StepThroughPanel::checkRequested, this, &MainWindow::checkGradients);
    connect(m_stepThrough, &StepThroughPanel::cursorChanged, this, [this] {
        if (!m_stepThrough->trace() || m_graph->trace() != m_stepThrough->trace()) return;
        m_graph->setCursor(m_stepThrough->cursor());
        m_network->setHighlightLayer(m_stepThrough->currentLayer());
    });
    auto* stepDock = new QDockWidget(tr("Step through"), this);
    stepDock->setObjectName(QStringLiteral("stepThroughDock"));
    stepDock->setWidget(m_stepThrough);

    auto* chartsDock = new QDockWidget(tr("Charts"), this);
    chartsDock->setObjectName(QStringLiteral("chartsDock"));
    chartsDock->setWidget(m_charts);
    const auto dock = [this](QWidget* widget, const QString& title, const char* name) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(widget);
        return d;
    };
    auto* optimizerDock = dock(m_optimizerPanel, tr("Optimizer"), "optimizerDock");
    m_graphDock = dock(graphPanel, tr("Computation graph"), "graphDock");
    auto* landscapeDock = dock(m_landscape, tr("Loss landscape"), "landscapeDock");
    auto* raceDock = dock(m_race, tr("Optimizer race"), "raceDock");
    // Bottom left: charts, step-through, optimizer; bottom right: the graph, the landscape and
    // the race, so that the step-through and the graph it lights up are seen together.
    addDockWidget(Qt::BottomDockWidgetArea, chartsDock, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, m_graphDock, Qt::Horizontal);
    tabifyDockWidget(chartsDock, stepDock);
    tabifyDockWidget(chartsDock, optimizerDock);
    tabifyDockWidget(m_graphDock, landscapeDock);
    tabifyDockWidget(m_graphDock, raceDock);
    chartsDock->raise();
    m_graphDock->raise();
    m_views = {{QStringLiteral("charts"), chartsDock},       {QStringLiteral("step"), stepDock},
               {QStringLiteral("optimizer"), optimizerDock}, {QStringLiteral("graph"), m_graphDock},
               {QStringLiteral("landscape"), landscapeDock}, {QStringLiteral("race"), raceDock}};
    // Queued to the worker's thread; gone with the worker (the window's teardown hides docks).
    connect(m_graphDock, &QDockWidget::visibilityChanged, m_worker, &TrainingWorker::setGraphLive);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    const QString sessionFilter = tr("Gradscope sessions (*.gradscope);;All files (*)");
    file->addAction(tr("&Open session…"), QKeySequence::Open, this, [this, sessionFilter] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open session"), {}, sessionFilter);
        if (!path.isEmpty()) openSession(path);
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
    const auto exportTo = [this](const QString& title, const QString& filter, auto writer) {
        exportWithDialog(title, filter, writer);
    };
    file->addAction(tr("Export &charts…"), this, [this, exportTo] {
        exportTo(tr("Export charts"), tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)"),
                 [this](const QString& p) { exportCharts(p); });
    });
    file->addAction(tr("Export &network view…"), this, [this, exportTo] {
        exportTo(tr("Export network view"), tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"),
                 [this](const QString& p) { exportNetworkView(p); });
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_builder->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_builder->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* train = menuBar()->addMenu(tr("&Train"));
    train->addActions({m_play, m_step, m_stepEpoch, m_reset});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* dark = view->addAction(tr("&Dark palette"));
    dark->setCheckable(true);
    dark->setChecked(QSettings().value(QStringLiteral("darkPalette"), false).toBool());
    connect(dark, &QAction::toggled, this, [this](bool on) {
        setDarkPalette(on);
        QSettings().setValue(QStringLiteral("darkPalette"), on);
    });
    if (dark->isChecked()) setDarkPalette(true);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
}

bool MainWindow::loadPreset(const QString& name) {
    const Experiment* preset = findPreset(name.toStdString());
    if (!preset) {
        showBanner(tr("There is no preset called '%1'.").arg(name));
        return false;
    }
    m_experiment = *preset;
    m_sessionPath.clear();
    showExperiment(kRawFeatures);
    setWindowTitle(tr("Gradscope — %1").arg(name));
    requestLoad();
    return true;
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
    syncDataControls();
    {
        QSignalBlocker block(m_builder);
        m_builder->setData(sample, classes, planar);
        m_builder->setState(
            builderStateFrom(m_experiment.layers, features, m_experiment.train.loss));
    }
    const OptimizerConfig& o = m_experiment.train.optimizer;
    QSignalBlocker a(m_optimizer), b(m_learningRate), c(m_momentum), e(m_weightDecay), f(m_l1),
        g(m_l2);
    m_optimizer->setCurrentIndex(m_optimizer->findData(optimizerChoiceOf(o)));
    m_learningRate->setValue(double(o.learningRate));
    m_momentum->setValue(double(o.momentum));
    m_weightDecay->setValue(double(o.weightDecay));
    m_l1->setValue(double(m_experiment.train.regularization.l1));
    m_l2->setValue(double(m_experiment.train.regularization.l2));
}

void MainWindow::importPoints(const QString& path) {
    m_experiment.data.source = DataSource::Csv;
    m_experiment.data.path = path.toStdString();
    m_experiment.name = QFileInfo(path).fileName().toStdString();
    setWindowTitle(tr("Gradscope — %1").arg(QFileInfo(path).fileName()));
    requestLoad();
}

void MainWindow::saveSession(const QString& path) {
    if (!m_loaded) {
        showBanner(tr("Nothing to save yet: the network is not built."));
        return;
    }
    QMetaObject::invokeMethod(m_worker, "saveSession", Qt::QueuedConnection, Q_ARG(QString, path),
                              Q_ARG(gs::MetricsHistory, m_charts->history()));
}

void MainWindow::openSession(const QString& path) {
    QMetaObject::invokeMethod(m_worker, "openSession", Qt::QueuedConnection, Q_ARG(QString, path));
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentSessions")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
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
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::syncDataControls() {
    const DataSpec& d = m_experiment.data;
    QSignalBlocker a(m_preset), b(m_toyKind), c(m_noise), e(m_ratio), f(m_seed), g(m_batch);
    m_preset->setCurrentIndex(m_preset->findData(QString::fromStdString(m_experiment.name)));
    m_toyControls->setVisible(d.source == DataSource::Toy || d.source == DataSource::Csv);
    m_toyKind->setCurrentIndex(m_toyKind->findData(int(d.toy.kind)));
    m_noise->setValue(int(std::lround(d.toy.noise * 50)));
    m_ratio->setValue(int(std::lround(d.trainFraction * 100)));
    m_seed->setValue(int(m_experiment.train.seed));
    m_batch->setValue(int(m_experiment.train.batchSize));
}

void MainWindow::requestLoad() {
    m_loaded = false;
    updateTrainEnabled();
    if (!m_builder->isValid()) return;
    SessionSetup setup;
    setup.experiment = m_experiment;
    setup.experiment.layers = m_builder->layers();
    setup.experiment.train.loss = m_builder->state().loss;
    setup.experiment.train.optimizer = optimizerConfig();
    setup.experiment.train.regularization.l1 = Scalar(m_l1->value());
    setup.experiment.train.regularization.l2 = Scalar(m_l2->value());
    setup.features = m_builder->state().features;
    setup.dataDir = defaultDataDir();
    m_banner->hide();
    QMetaObject::invokeMethod(m_worker, "load", Qt::QueuedConnection,
                              Q_ARG(gs::ui::SessionSetup, setup));
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

void MainWindow::showSnapshot(const SnapshotPtr& s, bool fresh) {
    m_snapshot = s;
    if (fresh) m_landscape->clear();
    m_optimizerPanel->showSnapshot(s);
    m_landscape->showSnapshot(s);
    if (fresh) {
        m_preview->setPixmap(previewOf(*s));
        m_loaded = true;
        m_charts->clear();
        updateTrainEnabled();
        statusBar()->clearMessage();
    }
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
        counter += tr(" · train loss %1").arg(last.trainLoss, 0, 'f', 4);
        if (last.test.samples > 0) counter += tr(", test loss %1").arg(last.test.loss, 0, 'f', 4);
        if (last.test.accuracy >= 0)
            counter += tr(", test accuracy %1 %").arg(100 * last.test.accuracy, 0, 'f', 1);
    }
    m_counter->setText(counter);
    m_speed->setText(s->running
                         ? tr("%1 samples/s").arg(QLocale().toString(s->samplesPerSecond, 'f', 0))
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
    emit snapshotShown(s->step);
}

void MainWindow::setDarkPalette(bool dark) {
    m_dark = dark;
    QPalette p;
    if (dark) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        p.setColor(QPalette::Window, QColor(45, 47, 51));
        p.setColor(QPalette::WindowText, QColor(225, 225, 225));
        p.setColor(QPalette::Base, QColor(32, 33, 36));
        p.setColor(QPalette::AlternateBase, QColor(45, 47, 51));
        p.setColor(QPalette::Text, QColor(225, 225, 225));
        p.setColor(QPalette::Button, QColor(55, 57, 62));
        p.setColor(QPalette::ButtonText, QColor(225, 225, 225));
        p.setColor(QPalette::Highlight, QColor(8, 119, 189));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(55, 57, 62));
        p.setColor(QPalette::ToolTipText, QColor(225, 225, 225));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    } else {
        p = QApplication::style()->standardPalette();
    }
    QApplication::setPalette(p);
    m_charts->setDark(dark);
}

QPixmap MainWindow::dataPreview() const {
    return m_preview ? m_preview->pixmap() : QPixmap();
}

void MainWindow::showBanner(const QString& message) {
    m_banner->setText(message);
    m_banner->show();
}

QString MainWindow::banner() const {
    return m_banner->isHidden() ? QString() : m_banner->text();
}

OptimizerConfig MainWindow::optimizerConfig() const {
    OptimizerConfig c =
        OptimizerConfig::fromName(m_optimizer->currentData().toString().toStdString())
            .value_or(OptimizerConfig{});
    const OptimizerConfig& preset = m_experiment.train.optimizer;
    if (c.kind == preset.kind) {
        const bool nesterov = c.nesterov;
        c = preset; // keep the preset's betas, eps, ...
        c.nesterov = nesterov;
    }
    c.learningRate = Scalar(m_learningRate->value());
    c.momentum = Scalar(m_momentum->value());
    c.weightDecay = Scalar(m_weightDecay->value());
    if (c.momentum == 0) c.nesterov = false;
    return c;
}

void MainWindow::setLearningRate(double learningRate) {
    m_learningRate->setValue(learningRate);
}

void MainWindow::sendOptimizer() {
    const OptimizerConfig c = optimizerConfig();
    try {
        c.validate();
    } catch (const std::exception& e) {
        showBanner(QString::fromStdString(e.what()));
        return;
    }
    QMetaObject::invokeMethod(m_worker, "setOptimizer", Qt::QueuedConnection,
                              Q_ARG(gs::OptimizerConfig, c));
}

void MainWindow::play() {
    if (canTrain()) QMetaObject::invokeMethod(m_worker, "play", Qt::QueuedConnection);
}
void MainWindow::pause() {
    QMetaObject::invokeMethod(m_worker, "pause", Qt::QueuedConnection);
}
void MainWindow::stepBatch() {
    if (canTrain()) QMetaObject::invokeMethod(m_worker, "stepBatch", Qt::QueuedConnection);
}
void MainWindow::stepEpoch() {
    if (canTrain()) QMetaObject::invokeMethod(m_worker, "stepEpoch", Qt::QueuedConnection);
}
void MainWindow::reset() {
    if (m_builder->isValid()) QMetaObject::invokeMethod(m_worker, "reset", Qt::QueuedConnection);
}
void MainWindow::traceStep(bool oneSample, int sample) {
    if (canTrain())
        QMetaObject::invokeMethod(m_worker, "traceStep", Qt::QueuedConnection,
                                  Q_ARG(bool, oneSample), Q_ARG(int, sample));
}

void MainWindow::checkGradientEntry(const QString& parameter, qint64 index) {
    if (canTrain())
        QMetaObject::invokeMethod(m_worker, "checkGradientEntry", Qt::QueuedConnection,
                                  Q_ARG(QString, parameter), Q_ARG(qint64, index));
}

void MainWindow::checkNodeGradient(int layer, qint64 index) {
    if (canTrain())
        QMetaObject::invokeMethod(m_worker, "checkNodeGradient", Qt::QueuedConnection,
                                  Q_ARG(int, layer), Q_ARG(qint64, index));
}

void MainWindow::computeLandscape(bool principal, int resolution, double span) {
    if (canTrain())
        QMetaObject::invokeMethod(m_worker, "computeLandscape", Qt::QueuedConnection,
                                  Q_ARG(bool, principal), Q_ARG(int, resolution),
                                  Q_ARG(double, span));
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
    QDockWidget* dock = m_views.value(name);
    if (!dock) return false;
    dock->show();
    dock->raise();
    return true;
}

QStringList MainWindow::viewNames() const {
    return m_views.keys();
}

void MainWindow::exportGraph(const QString& path) const {
    // The picture carries its caption (on screen a label above the view shows it).
    m_graph->setCaptionDrawn(true);
    try {
        exportWidget(m_graph, path, windowTitle());
    } catch (...) {
        m_graph->setCaptionDrawn(false);
        throw;
    }
    m_graph->setCaptionDrawn(false);
}

void MainWindow::checkGradients() {
    if (canTrain()) QMetaObject::invokeMethod(m_worker, "checkGradients", Qt::QueuedConnection);
}

void MainWindow::runSteps(long steps) {
    QMetaObject::invokeMethod(m_worker, "stepMany", Qt::QueuedConnection, Q_ARG(long, steps));
}

void MainWindow::exportCharts(const QString& path) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("csv")) {
        writeFileAtomic(path.toStdString(), m_charts->history().csv());
        return;
    }
    exportTrainingPlot(m_charts->history(), windowTitle(), path);
}

void MainWindow::exportNetworkView(const QString& path) const {
    exportWidget(m_network, path, windowTitle());
}

} // namespace gs::ui
