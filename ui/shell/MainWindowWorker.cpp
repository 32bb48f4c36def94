// MainWindow and its training worker: the worker's signals connected, the commands the window
// sends it, and each snapshot it sends back shown in every view.
#include "LessonPanel.h"
#include "MainWindow.h"
#include "MainWindowParts.h"

#include "ChartsPanel.h"
#include "CompareView.h"
#include "DistributionView.h"
#include "DrawView.h"
#include "FeatureMapView.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "OptimizerPanel.h"
#include "OutputView.h"
#include "StepThroughPanel.h"
#include "Timeline.h"
#include "TrainingWorker.h"
#include "panels/DataPanel.h"
#include "panels/OptimizerToolbar.h"

#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace gs::ui {

void MainWindow::connectWorker() {
    connect(m_worker, &TrainingWorker::loaded, this,
            [this](const SnapshotPtr& s) { showSnapshot(s, true); });
    connect(m_worker, &TrainingWorker::snapshotReady, this,
            [this](const SnapshotPtr& s) { showSnapshot(s, false); });
    connect(m_worker, &TrainingWorker::runningChanged, this, [this](bool running) {
        m_running = running;
        m_play->setText(running ? tr("Pause") : tr("Play")); // again on a language change
        updateIcons();
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](const QString& message) {
        m_busyStepping = false;
        m_seekInFlight = false;
        m_seekTarget = -1;
        m_resumeAfterLoad = false;
        m_drawingAsked = false;
        m_pointsNotice = false;
        m_loadNotice = {};
        setBusy({});
        m_saveWhenPaused.clear();
        disconnect(m_afterSave); // a failed save keeps the window open and the session
        m_lastFailure = message;
        showBanner(message);
        emit trainingFailed(message);
    });
    // A load's answer comes after its snapshot or its failure: a failure of something else
    // while the load waited (a step that diverged) is not the load's.
    connect(m_worker, &TrainingWorker::loadAnswered, this, [this](bool ok) {
        m_loadsPending = std::max(0, m_loadsPending - 1);
        if (ok || m_loadsPending > 0) return; // a later load decides
        dropLessonSteps();
        // A preset that needs MNIST, which is missing: once it is downloaded, it is loaded.
        if (m_experiment.data.source == DataSource::Mnist && findPreset(m_experiment.name))
            m_presetAwaitingMnist = QString::fromStdString(m_experiment.name);
        if (m_builder->isValid() && m_shownExperiment) {
            // The worker kept the session on screen, so the controls go back to it, and it
            // trains on.
            m_experiment = *m_shownExperiment;
            showExperiment(m_shownFeatures);
            m_loaded = true;
            updateTrainEnabled();
            setTitleName(presetName());
        } else if (!m_shownExperiment && presetName() != QStringLiteral("spiral")) {
            // The first load failed (say the last preset was MNIST, since removed): start on
            // spiral, with the reason shown.
            loadPreset(QStringLiteral("spiral"));
            showBanner(m_lastFailure);
        }
    });
    connect(m_worker, &TrainingWorker::notice, this, &MainWindow::showNotice);
    connect(m_worker, &TrainingWorker::found, this, &MainWindow::showFinding);
    connect(m_worker, &TrainingWorker::branched, this, [this](qint64 step) {
        // The charts and the marks keep what led here; the rest was the other branch's, which
        // the charts draw beside this one.
        const MetricsHistory whole = m_charts->history();
        m_charts->setHistory(whole.upTo(long(step)));
        m_charts->setEarlier(whole, long(step));
        QList<Timeline::Mark> marks;
        for (const Timeline::Mark& m : m_timeline->marks())
            if (m.step <= step) marks.append(m);
        m_timeline->setMarks(std::move(marks));
        setWindowModified(true);
        showLinkedNotice(
            [step] {
                return tr("Branched at step %1: training goes on from here, and the run as it was "
                          "stays beside it to compare. Change the learning rate, the optimizer "
                          "or a weight, then press Play.")
                    .arg(step);
            },
            QStringLiteral("compare"), [] { return tr("Compare the two runs"); });
    });
    connect(m_worker, &TrainingWorker::trainingStopped, this,
            [this](qint64 step, const QString& message) {
                QList<Timeline::Mark> marks = m_timeline->marks();
                //: A mark on the timeline where training stopped: %1 why.
                marks.append({long(step), tr("Training stopped after this step: %1").arg(message),
                              true, nullptr});
                m_timeline->setMarks(std::move(marks));
            });
    connect(m_worker, &TrainingWorker::drawingExplained, this, [this](const DrawingPtr& d) {
        m_drawingAsked = false;
        if (d) {
            m_draw->setExplanation(d);
            m_featureMaps->setExplanation(d);
        }
        if (auto pending = std::exchange(m_drawingPending, std::nullopt))
            explainDrawing(pending->first, pending->second);
    });
    connect(m_worker, &TrainingWorker::deviceChanged, this, &MainWindow::deviceSwitched);
    connect(m_worker, &TrainingWorker::progress, this, [this](int done, int total) {
        m_busy->setRange(0, total);
        m_busy->setValue(done);
    });
    connect(m_worker, &TrainingWorker::steppingProgress, this, [this](qint64 done, qint64 total) {
        if (!m_busyStepping) {
            m_busyStepping = true;
            setBusy([total] { return tr("Training %1 steps…").arg(total); }, true);
        }
        m_busy->setRange(0, 1000);
        m_busy->setValue(int(1000 * done / std::max<qint64>(1, total)));
    });
    connect(m_worker, &TrainingWorker::cancelled, this, [this](const QString& message) {
        dropLessonSteps();
        m_busyStepping = false;
        setBusy({});
        showNotice(message);
    });
    connect(m_worker, &TrainingWorker::checked, this, [this](const GradientCheckPtr& check) {
        m_stepThrough->setGradientCheck(check);
        // The answer in sight, wherever the check was asked for (an edge in the network view,
        // a node in the graph): the step-through shows it.
        showView(QStringLiteral("step"));
    });
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
        setTitleName(QFileInfo(path).fileName());
        showStatus([path] { return tr("Saved %1").arg(path); }, 4000);
        emit sessionSaved(path);
    });
    connect(m_worker, &TrainingWorker::exported, this, [this](const QStringList& files) {
        // What was written, and how to use it: a script is the first file.
        showBar(Bar::Notice, [files] {
            const QFileInfo first(files.value(0));
            if (first.suffix() == QStringLiteral("onnx"))
                return tr("Exported %1: open it in Netron, or run it in any ONNX runtime.")
                    .arg(first.absoluteFilePath());
            QStringList names;
            for (const QString& f : files)
                names.append(QFileInfo(f).fileName());
            const bool keras =
                files.size() > 1 && files.at(1).endsWith(QStringLiteral("model.json"));
            return tr("Exported to %1: %2. Run it with “python3 %3” (%4).")
                .arg(first.absolutePath(), names.join(QStringLiteral(", ")), first.fileName(),
                     keras ? tr("TensorFlow 2; the .tfjs folder loads in TensorFlow.js")
                           : tr("PyTorch"));
        });
        emit exported(files);
    });
    connect(m_worker, &TrainingWorker::sessionOpened, this, [this](const OpenedSessionPtr& s) {
        m_experiment = s->experiment;
        m_shownExperiment = s->experiment;
        m_shownFeatures = s->features;
        // A model is not a session: Save asks where, rather than writing over the model.
        m_sessionPath = s->model ? QString() : s->path;
        showExperiment(s->features);
        m_loaded = true;
        updateTrainEnabled();
        m_charts->setHistory(s->history);
        if (m_snapshot) showCounter(); // its last epoch's figures come from the history
        // The toolbar showed the file's base η; the snapshot knows the rate in effect.
        if (m_snapshot) m_optimizerBar->showRateInEffect(m_snapshot->learningRate);
        m_savedStep = m_snapshot ? m_snapshot->step : 0;
        m_editedSinceSave = s->model;
        if (!s->model) addRecent(s->path);
        const QString name = QFileInfo(s->path).fileName();
        setTitleName(name);
        if (s->model)
            showBar(Bar::Notice, [name, data = QString::fromStdString(s->experiment.name)] {
                return tr("Opened the model %1 with its weights, on the data of “%2”. Train, "
                          "trace and step through it as any network; File › Save session keeps "
                          "it with its run.")
                    .arg(name, data);
            });
        if (!s->model) m_lessons->setSessionAnswers(s->lessonAnswers);
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

bool MainWindow::showFittedOutputs(const SnapshotPtr& s) {
    const QSignalBlocker block(m_builder);
    m_builder->setData(Shape{2}, s->dataClasses, true);
    // Only for the load last asked for: an older one's fit must not undo a newer edit.
    if (!s->fitted || s->fitted->requestedLayers != m_requested.experiment.layers ||
        s->fitted->requestedLoss != m_requested.experiment.train.loss)
        return false;
    for (Experiment* e : {&m_requested.experiment, &m_experiment}) {
        e->layers = s->fitted->layers;
        e->train.loss = s->fitted->loss;
    }
    m_builder->setState(builderStateFrom(s->fitted->layers, m_requested.features, s->fitted->loss));
    return true;
}

void MainWindow::explainDrawing(const std::vector<float>& ink, int chosenClass) {
    if (m_drawingAsked) { // one request at a time: the newest waits for the answer
        m_drawingPending = std::make_pair(ink, chosenClass);
        return;
    }
    m_drawingAsked = true;
    toWorker([w = m_worker, ink, chosenClass] { w->explainDrawing(ink, chosenClass); });
}

bool MainWindow::emptyDrawing() const {
    return m_experiment.data.source == DataSource::Drawn && m_experiment.data.points.empty();
}

void MainWindow::requestLoad() {
    m_loaded = false;
    updateTrainEnabled();
    if (emptyDrawing()) {
        // Nothing to train on: no load (it would fail and bring the old points back), training
        // stopped, and the empty plane waits for a point. The hint goes to the status bar: a
        // bar above the views would move the plane just before the first click.
        if (m_running) pause();
        m_keepWeights = m_resumeAfterLoad = false;
        m_banner->hide();
        showStatus([] {
            return tr("No points drawn yet: click on the output view to add some (the right "
                      "button erases).");
        });
        return;
    }
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
    // Points from a file or drawn: their classes are known once read, and the output follows.
    setup.fitOutputs = userPoints(m_experiment.data.source);
    setup.keepWeights = std::exchange(m_keepWeights, false);
    updateDrawControls();
    m_requested = setup;
    m_banner->hide();
    const DataSource source = m_experiment.data.source;
    if (source == DataSource::Mnist || source == DataSource::FashionMnist)
        setBusy([source] {
            return tr("Loading %1…")
                .arg(source == DataSource::Mnist ? QStringLiteral("MNIST")
                                                 : QStringLiteral("Fashion-MNIST"));
        });
    ++m_loadsPending;
    toWorker([w = m_worker, setup] { w->load(setup); });
}

bool MainWindow::canTrain() const {
    return m_loaded && m_builder->isValid();
}

void MainWindow::updateTrainEnabled() {
    updateBlocked();
    if (!m_builder->isValid()) showStatus([this] { return m_blocked; });
}

void MainWindow::updateBlocked() {
    m_blocked = !m_builder->isValid() ? tr("Cannot train: %1").arg(m_builder->error())
                : !m_loaded           ? tr("Loading…")
                : lessonActive() && m_lessons->holdsTraining()
                    ? tr("Answer the lesson's question first: the training step shows the answer.")
                    : QString();
    for (QAction* a : {m_play, m_step, m_stepEpoch, m_reset}) {
        a->setEnabled(m_blocked.isEmpty());
        a->setStatusTip(m_blocked);
    }
}

void MainWindow::setBusy(Text what, bool cancellable) {
    m_busyText = std::move(what);
    const QString text = m_busyText ? m_busyText() : QString();
    m_busy->setRange(0, 0); // busy until the first progress report
    m_busy->setVisible(!text.isEmpty());
    m_cancelBusy->setVisible(!text.isEmpty() && cancellable);
    m_cancelBusy->setEnabled(true);
    m_busy->setFormat(text);
    m_busy->setToolTip(text);
    if (!text.isEmpty())
        showStatus(m_busyText);
    else
        statusBar()->clearMessage();
}

void MainWindow::branchHere(bool ask) {
    if (!m_snapshot || !m_snapshot->inPast) return;
    if (ask &&
        QMessageBox::question(
            this, tr("Branch here"),
            tr("Train on from step %1? Steps %2 to %3 of this run stay beside the new branch, to "
               "compare (Compare runs), until the next branch; training cannot go on from them.")
                .arg(m_snapshot->step)
                .arg(m_snapshot->step + 1)
                .arg(m_snapshot->recordedLast),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    toWorker([w = m_worker] { w->branch(); });
}

void MainWindow::noteChangeAtEnd() {
    if (!m_snapshot || !m_snapshot->inPast) return;
    showNotice(tr("The change applies at step %1, the run's last, where training goes on: the "
                  "timeline went back there. To change an earlier step, go to it and press Branch "
                  "here first.")
                   .arg(m_snapshot->recordedLast));
}

void MainWindow::setRecording(bool on) {
    toWorker([w = m_worker, on] { w->setRecording(on); });
}

void MainWindow::seekTo(long step) {
    if (!m_snapshot || !m_loaded) return;
    m_seekTarget = step;
    // One seek at a time: a drag asks for many steps, and only the last one matters.
    if (m_seekInFlight) return;
    if (step == m_snapshot->step && !m_running) {
        m_seekTarget = -1;
        return;
    }
    m_seekInFlight = true;
    toWorker([w = m_worker, step] { w->seek(step); });
}

void MainWindow::showSnapshot(const SnapshotPtr& s, bool fresh) {
    m_snapshot = s;
    m_seekInFlight = false;
    if (m_seekTarget >= 0 && m_seekTarget != s->step && !fresh)
        seekTo(std::exchange(m_seekTarget, -1));
    else
        m_seekTarget = -1;
    m_timeline->showStep(s->recordedFirst, s->recordedLast, s->step, s->epoch, s->batchesPerEpoch,
                         s->inPast);
    m_timeline->showMemory(s->recordingBytes, s->recordingBudget, s->recordingInterval);
    m_charts->setStepCursor(s->inPast ? s->step : -1);
    if (std::exchange(m_busyStepping, false)) setBusy({}); // the long steps have ended
    m_optimizerBar->showRateInEffect(s->learningRate);
    if (fresh) {
        // A new session: nothing of the previous one may stay on screen.
        setBusy({});
        m_landscape->clear();
        m_distributions->clearHistory();
        // (The views keep this text until the next trace, in the language it was made in.)
        const QString why =
            s->step == 0
                ? tr("Nothing traced since this session began.")
                : tr("Nothing traced since this session was opened at step %1.").arg(s->step);
        graphView()->clear(why);
        m_stepThrough->clear(why);
        m_network->setHighlightLayer(-1);
        m_data->showData(s);
        // A drawing is explained afresh by the new network (the old answer and any waiting
        // request were the old one's).
        m_drawingPending.reset();
        m_draw->newSession();
        m_featureMaps->setExplanation(nullptr); // the new network's comes when it is asked
        // (A load that lands after the drawing was cleared is of points no longer there.)
        m_loaded = !emptyDrawing();
        if (std::exchange(m_resumeAfterLoad, false) && canTrain())
            QMetaObject::invokeMethod(this, &MainWindow::play, Qt::QueuedConnection);
        // A lesson's setup: its steps, unless the student has gone on to another step since
        // (whose turn it is now).
        const long steps = std::exchange(m_lessonStepsAfterLoad, -1);
        m_lessonHeading = -1; // steps on the way were the session's before
        if (auto step = std::exchange(m_lessonStepWaiting, std::nullopt))
            QMetaObject::invokeMethod(
                this, [this, step = *step] { openLessonStep(step); }, Qt::QueuedConnection);
        else if (steps > 0 && canTrain())
            takeLessonSteps(steps);
        updateDrawControls(); // a file's points are classes or values once read
        // The builder learns the classes of a file (a toy's are known from its settings).
        const bool fitted =
            s->grid > 0 && userPoints(m_experiment.data.source) && showFittedOutputs(s);
        // What was just loaded (the builder's network, the toolbar's settings).
        m_shownExperiment = m_requested.experiment;
        m_shownFeatures = m_requested.features;
        if (!userPoints(m_experiment.data.source))
            QSettings().setValue(QStringLiteral("lastPreset"),
                                 QString::fromStdString(m_experiment.name));
        m_charts->clear();
        m_timeline->setMarks({}); // the marks were the previous run's
        m_savedStep = s->step;
        updateTrainEnabled();
        statusBar()->clearMessage();
        clearNotice();     // what it said was about the session before
        QList<Text> notes; // what the user should know about what was just loaded
        if (std::exchange(m_rebuildNotice, false))
            notes << [seed = m_experiment.train.seed] {
                return tr("The network changed, so every weight was initialised afresh (seed %1) "
                          "and training starts again from step 0.")
                    .arg(seed);
            };
        if (std::exchange(m_pointsNotice, false))
            notes << [] {
                return tr("The points are 2-D, so the network for the previous data gave way to "
                          "a small 2-D one (the spiral preset's). Change it in the Network "
                          "builder.");
            };
        if (m_loadNotice) notes << std::exchange(m_loadNotice, {});
        if (fitted && m_experiment.data.source == DataSource::Drawn)
            notes << [classes = s->dataClasses] {
                //: %1: how many classes the drawn points have.
                return tr("The drawn points have %1 classes, so the network's output layer now "
                          "has one unit per class.")
                    .arg(classes);
            };
        else if (fitted)
            notes << [file = QFileInfo(QString::fromStdString(m_experiment.data.path)).fileName(),
                      classes = s->dataClasses, loss = s->fitted->loss] {
                return classes > 0
                           //: %1: a file; %2: its classes; %3: the loss.
                           ? tr("%1 has %2 classes, so the network's output layer now has one "
                                "unit per class (loss: %3).")
                                 .arg(file)
                                 .arg(classes)
                                 .arg(lossText(loss))
                           //: %1: a file; %2: the loss.
                           : tr("%1 holds values to predict (regression), so the network's "
                                "output layer now has one unit per value (loss: %2).")
                                 .arg(file, lossText(loss));
            };
        if (!s->columnNames.empty()) {
            QStringList names;
            for (const std::string& n : s->columnNames)
                names << QString::fromStdString(n);
            notes << [file = QFileInfo(QString::fromStdString(m_experiment.data.path)).fileName(),
                      names] {
                return tr("The first row of %1 (%2) was read as the names of the columns, not "
                          "as a point. To use it as a point, write it as numbers.")
                    .arg(file, names.join(QStringLiteral(", ")));
            };
        }
        if (!notes.isEmpty())
            showBar(Bar::Notice, [notes] {
                QStringList texts;
                for (const Text& note : notes)
                    texts << note();
                return texts.join(QLatin1Char(' '));
            });
    }
    m_optimizerPanel->showSnapshot(s);
    m_distributions->showSnapshot(s);
    m_compare->showSnapshot(s);
    if (!s->hasEarlier && m_charts->hasEarlier()) m_charts->clearEarlier(); // a device change
    m_landscape->showSnapshot(s);
    // So that a trace older than the model says so.
    m_stepThrough->setModelStep(s->step, s->inPast);
    graphView()->setModelStep(s->step, s->inPast);
    m_charts->append(*s);
    m_network->setSnapshot(s);
    m_output->setSnapshot(s);
    m_draw->showSnapshot(s);
    // The drawing's prediction and maps follow the training, while a view of them is open.
    if ((m_draw->isVisible() || m_featureMaps->isVisible()) && m_draw->hasInk())
        explainDrawing(m_draw->networkInput(), m_draw->chosenClass());
    showCounter();
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

void MainWindow::showCounter() {
    const SnapshotPtr& s = m_snapshot;
    QString counter = tr("Epoch %1 · step %2 (batch %3 of %4)")
                          .arg(s->epoch)
                          .arg(s->step)
                          .arg(s->batchInEpoch)
                          .arg(s->batchesPerEpoch);
    // The last epoch finished by the step shown (an earlier one on the timeline).
    const auto& epochs = m_charts->history().epochs;
    std::size_t shown = epochs.size();
    while (shown > 0 && epochs[shown - 1].step > s->step)
        --shown;
    if (shown > 0) {
        const EpochReport& last = epochs[shown - 1];
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
    // In a lesson every step is written down, so that the step-through and the graph show the
    // step the lesson talks about.
    if (lessonActive()) return traceStep();
    if (canTrain()) toWorker([w = m_worker] { w->stepBatch(); });
}

void MainWindow::stepEpoch() {
    clearNotice();
    if (!canTrain()) return;
    m_worker->beginLongWork(); // an atomic flag, before the request is queued
    toWorker([w = m_worker] { w->stepEpoch(); });
}

void MainWindow::reset() {
    if (m_builder->isValid()) toWorker([w = m_worker] { w->reset(); });
}

void MainWindow::traceStep(bool oneSample, int sample) {
    // A traced step trains like Step: held back, as Step is, while a lesson asks about it.
    if (!oneSample && lessonActive() && m_lessons->holdsTraining()) {
        showStatus([this] { return m_blocked; }, 5000);
        return;
    }
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
        showStatus([] { return tr("A loss landscape is being computed: wait, or Cancel it."); },
                   4000);
        return;
    }
    setBusy([] { return tr("Computing the loss landscape…"); }, true);
    m_worker->beginLongWork(); // an atomic flag, before the request is queued
    toWorker([w = m_worker, principal, resolution, span] {
        w->computeLandscape(principal, resolution, span);
    });
}

void MainWindow::checkGradients() {
    if (canTrain()) toWorker([w = m_worker] { w->checkGradients(); });
}

void MainWindow::runSteps(long steps) {
    m_worker->beginLongWork();
    toWorker([w = m_worker, steps] { w->stepMany(steps); });
}

} // namespace gs::ui
