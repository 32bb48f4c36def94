// The Gradscope main window: pick data, build a network, press Play and watch it learn.
//
// Layout: the network view in the centre with the output view beside it; docks for the data,
// the network builder and the charts; a toolbar with Play/Pause, Step, Step epoch, Reset and
// the optimizer's settings. Training runs in a TrainingWorker on its own thread; the window
// sends it queued commands and draws the snapshots it sends back.
#pragma once

#include "Snapshot.h"

#include <QMainWindow>
#include <QMap>
#include <QThread>

#include <functional>

QT_BEGIN_NAMESPACE
class QAction;
class QCheckBox;
class QDockWidget;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QSlider;
class QSpinBox;
class QTimer;
QT_END_NAMESPACE

namespace gs::ui {

class ChartsPanel;
class GraphView;
class LandscapeView;
class OptimizerPanel;
class RaceView;
class NetworkBuilder;
class NetworkView;
class OutputView;
class StepThroughPanel;
class TrainingWorker;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a built-in preset by name; false (and a message) if there is none.
    bool loadPreset(const QString& name);
    QString presetName() const { return QString::fromStdString(m_experiment.name); }

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

    NetworkBuilder* builder() const { return m_builder; }
    NetworkView* networkView() const { return m_network; }
    OutputView* outputView() const { return m_output; }
    ChartsPanel* charts() const { return m_charts; }
    StepThroughPanel* stepThrough() const { return m_stepThrough; }
    GraphView* graphView() const { return m_graph; }
    OptimizerPanel* optimizerPanel() const { return m_optimizerPanel; }
    LandscapeView* landscapeView() const { return m_landscape; }
    RaceView* raceView() const { return m_race; }
    QDockWidget* graphDock() const { return m_graphDock; }
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
    // Brings a panel to the front: charts, step, optimizer, graph, landscape or race; false
    // for another name.
    bool showView(const QString& name);
    QStringList viewNames() const;
    // Checks the current gradients against finite differences (shown in the step-through tab).
    void checkGradients();
    SnapshotPtr lastSnapshot() const { return m_snapshot; }
    QString banner() const;
    QAction* playAction() const { return m_play; }

    // Exports: chart (PNG, SVG, PDF by suffix; CSV writes the metric history) and the network
    // view (PNG or SVG). Throw gs::Error naming the file.
    void exportCharts(const QString& path) const;
    void exportNetworkView(const QString& path) const;

    // Trains on the user's points from a CSV file (x1,x2,label or x1,x2,y) with the current
    // network; a bad file is reported in the banner, naming the line.
    void importPoints(const QString& path);

    // Sessions (.gradscope): saved and opened by the worker; sessionSaved/sessionOpened or
    // trainingFailed (with the reason; the current session is kept) report the outcome.
    void saveSession(const QString& path);
    void openSession(const QString& path);
    QString sessionPath() const { return m_sessionPath; }

    // Light or dark palette (the network and output canvases stay light, like paper, so that
    // their colour scales read the same).
    void setDarkPalette(bool dark);
    bool darkPalette() const { return m_dark; }
    // The data panel's preview: the points, or sample digits.
    QPixmap dataPreview() const;

    // The optimizer settings as the toolbar shows them.
    OptimizerConfig optimizerConfig() const;
    void setLearningRate(double learningRate);

signals:
    // A snapshot was drawn (after load too): the step it shows.
    void snapshotShown(long step);
    void trainingFailed(const QString& message);
    void sessionSaved(const QString& path);
    void sessionOpened(const QString& path);
    void traced();       // a traced step reached the step-through panel and the graph
    void graphUpdated(); // a live graph trace was drawn
    void landscapeReady();

private:
    void buildToolbar();
    void buildDocks();
    void buildMenus();
    void requestLoad();
    void showSnapshot(const SnapshotPtr& snapshot, bool fresh);
    void showBanner(const QString& message);
    void syncDataControls();
    // Puts m_experiment into the data controls, the builder and the toolbar (no reload).
    void showExperiment(FeatureMask features);
    void addRecent(const QString& path);
    void updateRecentMenu();
    void updateTrainEnabled();
    void sendOptimizer();
    // Asks for a file name and writes it; a failure is shown, a success noted in the status bar.
    void exportWithDialog(const QString& title, const QString& filter,
                          const std::function<void(const QString&)>& writer);

    Experiment m_experiment;
    SnapshotPtr m_snapshot;
    bool m_running = false;
    bool m_loaded = false;
    QString m_blocked;
    QString m_sessionPath;
    static constexpr int kAckFallbackMs = 100;
    bool m_ackPending = false;
    QTimer* m_ackFallback = nullptr;
    bool m_dark = false;
    QLabel* m_preview = nullptr;
    QMenu* m_recentMenu = nullptr;

    QThread m_thread;
    TrainingWorker* m_worker;

    NetworkView* m_network;
    OutputView* m_output;
    ChartsPanel* m_charts;
    StepThroughPanel* m_stepThrough;
    GraphView* m_graph;
    OptimizerPanel* m_optimizerPanel;
    LandscapeView* m_landscape;
    RaceView* m_race;
    QDockWidget* m_graphDock = nullptr;
    QMap<QString, QDockWidget*> m_views;
    NetworkBuilder* m_builder;
    QLabel* m_banner;
    QLabel* m_counter;
    QLabel* m_speed;

    QAction* m_play;
    QAction* m_step;
    QAction* m_stepEpoch;
    QAction* m_reset;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_learningRate;
    QDoubleSpinBox* m_momentum;
    QDoubleSpinBox* m_weightDecay;
    QDoubleSpinBox* m_l1;
    QDoubleSpinBox* m_l2;

    QComboBox* m_preset;
    QComboBox* m_toyKind;
    QSlider* m_noise;
    QSlider* m_ratio;
    QSpinBox* m_batch;
    QSpinBox* m_seed;
    QWidget* m_toyControls;
    QComboBox* m_quantity;
};

} // namespace gs::ui
