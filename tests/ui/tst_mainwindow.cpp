// The main window under the offscreen platform: it starts on the spiral preset ready to play;
// Step, Step epoch, Play and Pause drive the worker and the views follow; the builder rebuilds
// the network, undoes, and refuses impossible networks with the reason; settings change live;
// exports write valid files; missing MNIST and a diverging run get clear messages.
#include "ChartsPanel.h"
#include "CompareView.h"
#include "ContourCanvas.h"
#include "DataPanel.h"
#include "DistributionView.h"
#include "DrawView.h"
#include "FakeMnist.h"
#include "FeatureMapView.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "MainWindow.h"
#include "NetworkBuilder.h"
#include "NetworkView.h"
#include "OptimizerPanel.h"
#include "OptimizerToolbar.h"
#include "OutputView.h"
#include "RaceView.h"
#include "StepThroughPanel.h"
#include "TensorText.h"
#include "Timeline.h"
#include "TrainingWorker.h"
#include "train/Trainer.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QMouseEvent>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <QWheelEvent>

#include <cmath>

using namespace gs;
using namespace gs::ui;
using gs::test::writeFakeMnistSet;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        qputenv("GRADSCOPE_DATA", m_empty.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_empty.path().toUtf8()); // recent files go here
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }

    void startsWithSpiralReadyToPlay() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.presetName(), QStringLiteral("spiral"));
        QTRY_VERIFY(window.canTrain());
        QVERIFY(window.playAction()->isEnabled());
        const SnapshotPtr s = window.lastSnapshot();
        QVERIFY(s);
        QCOMPARE(s->step, 0L);
        QCOMPARE(int(s->dense.size()), 3);
        QCOMPARE(s->grid, TrainingWorker::kGrid);
        QCOMPARE(int(s->unitMaps.size()), 4); // inputs + three Linear layers
        QCOMPARE(int(s->unitMaps[1].size()), 16);
        QVERIFY(s->points && s->points->size() == 500);
    }

    void stepTakesOneStepAndViewsFollow() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QSignalSpy shown(&window, &MainWindow::snapshotShown);
        window.stepBatch();
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(shown.at(0).at(0).toLongLong(), 1LL);
        QCOMPARE(window.lastSnapshot()->step, 1L);
        QCOMPARE(int(window.charts()->history().stepLosses.size()), 1);
        QTRY_VERIFY(window.charts()->pointCount(0) >= 1);
        QCOMPARE(window.networkView()->snapshot(), window.lastSnapshot());
        // After a step every weight has a gradient and an update.
        const DenseLayer& first = window.lastSnapshot()->dense.front();
        QCOMPARE(first.weightGrad.size(), first.weight.size());
        QCOMPARE(first.weightUpdate.size(), first.weight.size());
        double norm = 0;
        for (float g : first.weightGrad)
            norm += double(g) * g;
        QVERIFY(norm > 0);
    }

    void stepEpochFinishesTheEpoch() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        const SnapshotPtr s = window.lastSnapshot();
        QCOMPARE(s->step, long(s->batchesPerEpoch)); // 250 training points / batch 10
        QCOMPARE(s->batchesPerEpoch, Index(25));
        QCOMPARE(int(window.charts()->history().epochs.size()), 1);
        QTRY_VERIFY(window.charts()->pointCount(1) >= 1); // accuracy
    }

    void playThenPause() {
        MainWindow window;
        // Full speed, and xor has no schedule whose end would pause Play by itself.
        window.setStepsPerSecond(0);
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        window.play();
        QTRY_VERIFY(window.isRunning());
        QTRY_VERIFY(window.lastSnapshot()->step > 200);
        window.pause();
        QTRY_VERIFY(!window.isRunning());
        QTRY_VERIFY(!window.lastSnapshot()->running);
        const long stopped = window.lastSnapshot()->step;
        // Paused: one more step is exactly one step further.
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, stopped + 1);
        QCOMPARE(long(window.charts()->history().stepLosses.size()), stopped + 1);
    }

    void builderRebuildsAndUndoes() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        window.builder()->addLayer();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), 4);
        QCOMPARE(window.lastSnapshot()->dense[2].out, Index(8));
        QCOMPARE(window.lastSnapshot()->dense[2].activation, std::string("tanh"));
        window.builder()->undoStack()->undo();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), 3);
        window.builder()->undoStack()->redo();
        QTRY_COMPARE(int(window.lastSnapshot()->dense.size()), 4);
        // Input features: x1² and x2² make a third and fourth input.
        window.builder()->setFeatures(kRawFeatures | featureBit(Feature::X1Squared) |
                                      featureBit(Feature::X2Squared));
        QTRY_COMPARE(window.lastSnapshot()->inputs, Index(4));
        QCOMPARE(window.lastSnapshot()->inputNames.at(2), std::string("x1²"));
        QCOMPARE(window.lastSnapshot()->dense.front().in, Index(4));
    }

    void invalidNetworkDisablesTrainWithTheReason() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        NetworkBuilder* b = window.builder();
        const int last = int(b->state().rows.size()) - 1;
        BuilderRow row = b->state().rows.back();
        row.size = 3; // three outputs for two classes under cross-entropy
        b->setRow(last, row);
        QVERIFY(!b->isValid());
        QCOMPARE(b->errorRow(), last);
        QVERIFY2(b->error().contains(QStringLiteral("one output per class")),
                 qPrintable(b->error()));
        QVERIFY(!window.canTrain());
        QVERIFY(!window.playAction()->isEnabled());
        QVERIFY(window.cannotTrainReason().contains(QStringLiteral("one output per class")));
        // A Conv2d on points names its row and says why.
        BuilderRow conv;
        conv.kind = LayerKind::Conv2d;
        b->setRow(0, conv);
        QCOMPARE(b->errorRow(), 0);
        QVERIFY2(b->error().contains(QStringLiteral("Conv2d needs images")),
                 qPrintable(b->error()));
        // Undo twice: valid again, and training comes back.
        b->undoStack()->undo();
        b->undoStack()->undo();
        QVERIFY(b->isValid());
        QTRY_VERIFY(window.canTrain());
        QVERIFY(window.playAction()->isEnabled());
    }

    void learningRateChangesLiveWithoutReset() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("tiny-regression"))); // plain SGD, lr 0.01
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("tiny-regression") &&
                    window.lastSnapshot() && window.lastSnapshot()->dense.size() == 2 &&
                    window.lastSnapshot()->grid == 0);
        const auto checkUpdate = [&](double lr) {
            const DenseLayer& d = window.lastSnapshot()->dense.front();
            for (std::size_t i = 0; i < d.weight.size(); ++i)
                QVERIFY(std::abs(d.weightUpdate[i] + lr * d.weightGrad[i]) <=
                        1e-6 * (1 + std::abs(d.weightUpdate[i])));
        };
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        checkUpdate(0.01);
        window.setLearningRate(0.05);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 2L); // not reset
        checkUpdate(0.05);
    }

    void exportsWriteValidFiles() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        QTemporaryDir dir;
        const QString base = dir.path() + QStringLiteral("/out");
        window.exportCharts(base + ".png");
        window.exportCharts(base + ".svg");
        window.exportCharts(base + ".pdf");
        window.exportCharts(base + ".csv");
        QVERIFY(readAll(base + ".png").startsWith("\x89PNG"));
        QVERIFY(readAll(base + ".svg").contains("<svg"));
        QVERIFY(readAll(base + ".pdf").startsWith("%PDF"));
        const QByteArray csv = readAll(base + ".csv");
        QVERIFY2(csv.startsWith("epoch,step,train_loss"), csv.constData());
        QCOMPARE(csv.count('\n'), 2); // header and one epoch
        window.exportNetworkView(base + "-net.png");
        window.exportNetworkView(base + "-net.svg");
        QVERIFY(readAll(base + "-net.png").startsWith("\x89PNG"));
        QVERIFY(readAll(base + "-net.svg").contains("<svg"));
        window.exportNetworkView(base + "-net.pdf");
        QVERIFY(readAll(base + "-net.pdf").startsWith("%PDF"));
        QVERIFY_THROWS_EXCEPTION(gs::Error, window.exportNetworkView(base + ".bmp"));
        // Single charts, as drawn (the right-click export): gradient norms to each format.
        window.charts()->exportChart(2, base + "-norms.png");
        window.charts()->exportChart(2, base + "-norms.svg");
        window.charts()->exportChart(2, base + "-norms.pdf");
        window.charts()->exportChart(2, base + "-norms.csv");
        QVERIFY(readAll(base + "-norms.png").startsWith("\x89PNG"));
        QVERIFY(readAll(base + "-norms.svg").contains("<svg"));
        QVERIFY(readAll(base + "-norms.pdf").startsWith("%PDF"));
        const QByteArray norms = readAll(base + "-norms.csv");
        QVERIFY2(norms.startsWith("step,layer0_grad_norm,layer0_update_ratio,layer2_grad_norm"),
                 norms.left(80).constData());
        QCOMPARE(norms.count('\n'), 1 + 25); // header, one row per step of the epoch
    }

    void missingMnistSaysHowToFetchIt() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        QVERIFY(window.loadPreset(QStringLiteral("mnist-mlp")));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(window.banner().contains(QStringLiteral("Download MNIST")),
                 qPrintable(window.banner()));
        // Nothing is lost: the session on screen (spiral) stays, with its controls, and trains.
        QTRY_VERIFY(window.canTrain());
        QCOMPARE(window.presetName(), QStringLiteral("spiral"));
        QCOMPARE(window.lastSnapshot()->grid, TrainingWorker::kGrid);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);

        // The banner offers the download, one click away; with no source to reach, the
        // progress dialog goes and the banner says why (nothing installed).
        auto* label = window.findChild<QLabel*>(QStringLiteral("banner"));
        QVERIFY(label);
        QVERIFY(window.loadPreset(QStringLiteral("mnist-mlp")));
        QTRY_COMPARE(failed.count(), 2);
        QVERIFY2(label->text().contains(QStringLiteral("href=\"download-mnist\"")),
                 qPrintable(label->text()));
        QTemporaryDir nowhere;
        qputenv("GRADSCOPE_MNIST_URL", QFile::encodeName(nowhere.filePath("absent.tgz")));
        QSignalSpy downloaded(&window, &MainWindow::mnistDownloaded);
        emit label->linkActivated(QStringLiteral("download-mnist"));
        QVERIFY(window.findChild<QProgressDialog*>(QStringLiteral("mnistDownload")));
        QTRY_COMPARE(downloaded.count(), 1);
        qunsetenv("GRADSCOPE_MNIST_URL");
        QVERIFY(!downloaded[0][0].toBool());
        QVERIFY2(window.banner().contains(QStringLiteral("could not be downloaded")) &&
                     window.banner().contains(QStringLiteral("absent.tgz")),
                 qPrintable(window.banner()));
        QTRY_VERIFY(!window.findChild<QProgressDialog*>(QStringLiteral("mnistDownload")));
        QVERIFY(!QDir(m_empty.filePath(QStringLiteral("mnist"))).exists());
        // The same from the menu.
        auto* action = window.findChild<QAction*>(QStringLiteral("downloadMnist"));
        QVERIFY(action);
        QVERIFY(action->text().contains(QStringLiteral("Download MNIST")));
    }

    // Downloaded from the banner's link, MNIST is installed and the preset that asked for it is
    // loaded. Served here from the real files (where scripts/fetch-mnist.sh put them), packed as
    // a plain tar archive, so the checksums are MNIST's own.
    void aDownloadLoadsThePresetThatNeededIt() {
        const QString installed =
            QDir::homePath() + QStringLiteral("/.local/share/gradscope/mnist/");
        const QStringList names{"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
        for (const QString& name : names)
            if (!QFile::exists(installed + name)) QSKIP("MNIST is not installed in ~/.local/share");
        QTemporaryDir dir;
        QProcess tar;
        tar.setWorkingDirectory(installed);
        tar.start(QStringLiteral("tar"),
                  QStringList{"-cf", dir.filePath("mnist-data.tar")} + names);
        QVERIFY(tar.waitForFinished(60000) && tar.exitCode() == 0);
        const QString data = dir.filePath(QStringLiteral("data"));
        qputenv("GRADSCOPE_DATA", data.toUtf8());
        qputenv("GRADSCOPE_MNIST_URL", QFile::encodeName(dir.filePath("mnist-data.tar")));
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        QVERIFY(window.loadPreset(QStringLiteral("mnist-mlp")));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(window.presetName(), QStringLiteral("spiral"));
        QSignalSpy downloaded(&window, &MainWindow::mnistDownloaded);
        auto* label = window.findChild<QLabel*>(QStringLiteral("banner"));
        emit label->linkActivated(QStringLiteral("download-mnist"));
        QTRY_COMPARE_WITH_TIMEOUT(downloaded.count(), 1, 60000);
        qunsetenv("GRADSCOPE_MNIST_URL");
        qputenv("GRADSCOPE_DATA", m_empty.path().toUtf8());
        QVERIFY2(downloaded[0][0].toBool(), qPrintable(downloaded[0][1].toString()));
        QVERIFY(QFile::exists(data + QStringLiteral("/mnist/t10k-labels-idx1-ubyte")));
        QCOMPARE(window.presetName(), QStringLiteral("mnist-mlp"));
        QTRY_VERIFY(window.canTrain());
        QVERIFY2(window.notice().contains(QStringLiteral("mnist-mlp is loaded")),
                 qPrintable(window.notice()));
    }

    // Draw a digit: a stroke drawn with the mouse is classified live (the softmax over ten
    // classes) with a saliency map; a click on a class's bar explains that class; the right
    // button erases, Clear empties. Without image data the view says what it needs.
    void aDrawnDigitIsClassifiedWithItsSaliency() {
        QTemporaryDir data;
        writeFakeMnistSet(data.path(), 200, 40);
        qputenv("GRADSCOPE_DATA", data.path().toUtf8());
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QTRY_VERIFY(window.canTrain());
        auto* view = qobject_cast<DrawView*>(window.views().widget(QStringLiteral("draw")));
        QVERIFY(view);
        QVERIFY(window.showView(QStringLiteral("draw")));
        QCOMPARE(view->side(), 0); // spiral: no images
        QVERIFY(window.loadPreset(QStringLiteral("mnist-mlp")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->imageSide == 28);
        qputenv("GRADSCOPE_DATA", m_empty.path().toUtf8());
        QCOMPARE(view->side(), 28);
        QVERIFY(!view->hasInk());

        // A vertical stroke down the middle of the canvas (through the centres of column 14).
        const double column = 14.5 / 28;
        const QRectF canvas = view->canvasRect();
        const auto at = [&](double fx, double fy) {
            return QPointF(canvas.left() + fx * canvas.width(),
                           canvas.top() + fy * canvas.height());
        };
        const auto drag = [&](Qt::MouseButton button, double fx, double fromY, double toY) {
            QTest::mousePress(view, button, {}, at(fx, fromY).toPoint());
            for (double fy = fromY; fy <= toY; fy += 0.05) {
                QMouseEvent move(QEvent::MouseMove, at(fx, fy), view->mapToGlobal(at(fx, fy)),
                                 Qt::NoButton, button, Qt::NoModifier);
                QApplication::sendEvent(view, &move);
            }
            QTest::mouseRelease(view, button, {}, at(fx, toY).toPoint());
        };
        drag(Qt::LeftButton, column, 0.2, 0.8);
        QVERIFY(view->hasInk());
        const int middle = 14 * 28 + 14;
        QVERIFY(view->ink()[std::size_t(middle)] > 0.9f);
        QCOMPARE(view->ink()[0], 0.0f);
        QTRY_VERIFY(view->explanation() && view->explanation()->probabilities.size() == 10);
        DrawingPtr e = view->explanation();
        // The network is given the stroke framed as MNIST's digits: 20 pixels tall, its centre
        // of mass in the middle; without centring, the drawing as it is.
        QVERIFY(view->centring());
        const std::vector<float> given = view->networkInput();
        double mass = 0, my = 0, mx = 0;
        int top = 28, bottom = -1;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const double v = given[std::size_t(y * 28 + x)];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
                if (v > 0.05) {
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                }
            }
        QVERIFY2(std::abs(mx / mass - 14) < 0.5 && std::abs(my / mass - 14) < 0.5,
                 qPrintable(QString("centre (%1, %2)").arg(mx / mass).arg(my / mass)));
        QVERIFY2(bottom - top + 1 >= 19 && bottom - top + 1 <= 21,
                 qPrintable(QString::number(bottom - top + 1)));
        view->setCentring(false);
        QVERIFY(view->networkInput() == view->ink());
        view->setCentring(true);
        double total = 0;
        for (const float p : e->probabilities)
            total += p;
        QVERIFY(std::abs(total - 1) < 1e-4);
        QCOMPARE(e->explained, e->predicted);
        QCOMPARE(e->saliency.size(), std::size_t(784));
        QVERIFY(
            std::any_of(e->saliency.begin(), e->saliency.end(), [](float v) { return v != 0; }));

        // A click on class 3's bar: its saliency.
        const int other = (e->predicted + 3) % 10;
        QTest::mouseClick(view, Qt::LeftButton, {}, view->barRect(other).center().toPoint());
        QCOMPARE(view->chosenClass(), other);
        QTRY_VERIFY(view->explanation()->explained == other);
        QVERIFY(view->explanation()->saliency != e->saliency);

        // The right button erases what it passes over; Clear leaves a blank canvas.
        drag(Qt::RightButton, column, 0.2, 0.8);
        QCOMPARE(view->ink()[std::size_t(middle)], 0.0f);
        drag(Qt::LeftButton, 0.3, 0.3, 0.6);
        QVERIFY(view->hasInk());
        QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("clearDrawing")),
                          Qt::LeftButton);
        QVERIFY(!view->hasInk());

        // A test digit clicked in the output view opens here, as it is (no centring), with
        // the prediction the digit grid shows.
        auto* output = window.outputView();
        QVERIFY(output);
        const SnapshotPtr s = window.lastSnapshot();
        QVERIFY(!s->digits.empty());
        int tile = -1;
        for (int y = 0; y < output->height() && tile < 0; y += 4)
            for (int x = 0; x < output->width() && tile < 0; x += 4)
                if (output->digitAt(QPointF(x, y)) == 2) {
                    QTest::mouseClick(output, Qt::LeftButton, {}, QPoint(x, y));
                    tile = 2;
                }
        QCOMPARE(tile, 2);
        QVERIFY(!view->centring());
        // Test image 2 (label 2): its bar in rows 6 to 8.
        QVERIFY(std::abs(view->ink()[std::size_t(7 * 28 + 10)] - 230 / 255.0f) < 0.01f);
        QVERIFY(view->ink()[std::size_t(1 * 28 + 10)] < 0.1f);
        QTRY_VERIFY(view->explanation() && view->networkInput() == view->ink());
        QTRY_COMPARE(view->explanation()->predicted, s->digits[2].predicted);
    }

    // A CNN and a test digit: Feature maps shows both convolutions at work on it (the maps and
    // filters the draw view's explanation carries), and follows the training while it is open.
    void featureMapsFollowTheDigitAndTheTraining() {
        QTemporaryDir data;
        writeFakeMnistSet(data.path(), 200, 40);
        qputenv("GRADSCOPE_DATA", data.path().toUtf8());
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QTRY_VERIFY(window.canTrain());
        QVERIFY(window.loadPreset(QStringLiteral("mnist-cnn")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->imageSide == 28 &&
                    !window.lastSnapshot()->digits.empty());
        qputenv("GRADSCOPE_DATA", m_empty.path().toUtf8());
        auto* maps =
            qobject_cast<FeatureMapView*>(window.views().widget(QStringLiteral("featuremaps")));
        QVERIFY(maps);
        QVERIFY(window.showView(QStringLiteral("featuremaps")));
        QVERIFY(!maps->emptyText().isEmpty());    // nothing drawn yet
        emit window.outputView()->digitChosen(0); // opens it in Draw a digit
        QVERIFY(window.showView(QStringLiteral("featuremaps")));
        QTRY_VERIFY(maps->explanation() && maps->explanation()->convolutions.size() == 2);
        const FeatureMaps& first = maps->explanation()->convolutions[0];
        QCOMPARE(first.channels, Index(8));
        QCOMPARE(first.height, Index(28));
        QCOMPARE(maps->explanation()->convolutions[1].channels, Index(16));
        QVERIFY(maps->emptyText().isEmpty());
        QVERIFY(maps->heightForWidth(maps->width()) >
                int(maps->tileRect(1, 15, FeatureMapView::Row::FilterGradient).bottom()));
        // A step: the view is open, so the maps are asked for again, of the new weights.
        const DrawingPtr before = maps->explanation();
        window.stepBatch();
        QTRY_VERIFY(maps->explanation() != before && window.lastSnapshot()->step == 1);
        // (`first` is the old explanation's, kept alive by `before`.)
        QTRY_VERIFY(maps->explanation()->convolutions[0].filters != first.filters);
    }

    void imageDataShowsConfusionDigitsAndWeightImages() {
        QTemporaryDir data;
        writeFakeMnistSet(data.path(), 300, 120);
        qputenv("GRADSCOPE_DATA", data.path().toUtf8());
        MainWindow window;
        window.resize(1280, 860);
        window.show();
        QVERIFY(window.loadPreset(QStringLiteral("mnist-mlp")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->imageSide == 28);
        qputenv("GRADSCOPE_DATA", m_empty.path().toUtf8());
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->epoch, 1);
        const SnapshotPtr s = window.lastSnapshot();
        QCOMPARE(s->classes, 10);
        QCOMPARE(s->evaluated, Index(120));
        int total = 0, right = 0;
        for (int t = 0; t < 10; ++t)
            for (int q = 0; q < 10; ++q) {
                total += s->confusion[std::size_t(t * 10 + q)];
                if (t == q) right += s->confusion[std::size_t(t * 10 + q)];
            }
        QCOMPARE(total, 120);
        // The confusion matrix agrees with the epoch's test accuracy (same 120 samples).
        QCOMPARE(right / 120.0, window.charts()->history().epochs.back().test.accuracy);
        QVERIFY(s->digits.size() >= 20 && s->digits.size() <= 32);
        QCOMPARE(s->digits.front().label, 0);
        QCOMPARE(int(s->digits.front().pixels.size()), 784);
        QCOMPARE(int(s->digits.front().pixels[std::size_t(1 * 28 + 10)]), 230); // the bar, row 1
        // First-layer weights as images: hovering one names its 784 weights.
        NetworkView* view = window.networkView();
        QVERIFY(view->isVisible());
        view->grab(); // lays out
        QVERIFY(!view->unitImageRect(31).isEmpty());
        QVERIFY(view->unitImageRect(32).isEmpty()); // at most 32 drawn
        const QString text = view->describeAt(view->unitImageRect(3).center());
        // The images are drawn: a weight image is coloured, not the white background.
        const QImage shot = view->grab().toImage();
        const QRect r = view->unitImageRect(0).toRect();
        int coloured = 0;
        for (int y = r.top() + 1; y < r.bottom(); ++y)
            for (int x = r.left() + 1; x < r.right(); ++x)
                coloured += shot.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(coloured > r.width() * r.height() / 2, qPrintable(QString::number(coloured)));
        QVERIFY2(text.contains(QStringLiteral("784 weights")), qPrintable(text));

        // A CNN's linear layer also has 784 inputs (16 × 7 × 7), but they are the convolutions'
        // features, not pixels: no weight images, and the inputs are named as layer 5's output.
        qputenv("GRADSCOPE_DATA", data.path().toUtf8());
        QVERIFY(window.loadPreset(QStringLiteral("mnist-cnn")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("mnist-cnn") &&
                    window.lastSnapshot()->denseSource >= 0);
        qputenv("GRADSCOPE_DATA", m_empty.path().toUtf8());
        QCOMPARE(window.lastSnapshot()->denseSource, 5);
        QCOMPARE(window.lastSnapshot()->inputs, Index(784));
        QCOMPARE(window.lastSnapshot()->dense.front().layer, 7);
        view->grab();
        QVERIFY(view->unitImageRect(0).isEmpty());
        QCOMPARE(window.lastSnapshot()->imageSide, 28); // the digits are still shown elsewhere
    }

    // The timeline: the slider sends every view to a step (the charts draw a cursor there),
    // Shift+→ goes an epoch on, Latest goes back to the end, and Play goes on from the end.
    void timelineGoesBackAndForth() {
        MainWindow window;
        window.setStepsPerSecond(0);
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        window.runSteps(60);
        QTRY_COMPARE(window.lastSnapshot()->step, 60L);
        QSlider* slider = window.timeline()->slider();
        QCOMPARE(slider->maximum(), 60);
        QCOMPARE(slider->value(), 60);
        slider->setValue(12);
        QTRY_COMPARE(window.lastSnapshot()->step, 12L);
        QVERIFY(window.lastSnapshot()->inPast);
        QCOMPARE(window.charts()->stepCursor(), 12L);
        // A change of settings in the past applies at the end, and the window says so.
        window.setLearningRate(0.02);
        QTRY_VERIFY(!window.lastSnapshot()->inPast);
        QVERIFY2(window.notice().startsWith(QStringLiteral("The change applies at step 60")),
                 qPrintable(window.notice()));
        slider->setValue(12);
        QTRY_COMPARE(window.lastSnapshot()->step, 12L);
        QTest::keyClick(slider, Qt::Key_Right, Qt::ShiftModifier); // 25 batches an epoch
        QTRY_COMPARE(window.lastSnapshot()->step, 37L);
        QTest::keyClick(slider, Qt::Key_Left);
        QTRY_COMPARE(window.lastSnapshot()->step, 36L);
        auto* latest = window.findChild<QToolButton*>(QStringLiteral("timelineLatest"));
        QVERIFY(latest && latest->isEnabled());
        latest->click();
        QTRY_COMPARE(window.lastSnapshot()->step, 60L);
        QVERIFY(!window.lastSnapshot()->inPast);
        QCOMPARE(window.charts()->stepCursor(), -1L);
        slider->setValue(5);
        QTRY_COMPARE(window.lastSnapshot()->step, 5L);
        window.stepBatch(); // from the end
        QTRY_COMPARE(window.lastSnapshot()->step, 61L);
        QCOMPARE(slider->value(), 61);
        // Step epoch and many steps count from the end too: to the end of epoch 3, then 5 on.
        slider->setValue(5);
        QTRY_COMPARE(window.lastSnapshot()->step, 5L);
        window.stepEpoch();
        QTRY_COMPARE(window.lastSnapshot()->step, 75L);
        slider->setValue(5);
        QTRY_COMPARE(window.lastSnapshot()->step, 5L);
        window.runSteps(5);
        QTRY_COMPARE(window.lastSnapshot()->step, 80L);
        // Branch here: the run now ends at step 40, its charts too, and goes on from there.
        slider->setValue(40);
        QTRY_COMPARE(window.lastSnapshot()->step, 40L);
        auto* branch = window.findChild<QToolButton*>(QStringLiteral("timelineBranch"));
        QVERIFY(branch && branch->isEnabled());
        window.branchHere(false); // the button asks first (a dialog)
        QTRY_VERIFY(!window.lastSnapshot()->inPast);
        QCOMPARE(window.lastSnapshot()->recordedLast, 40L);
        QVERIFY(window.notice().startsWith(QStringLiteral("Branched at step 40")));
        QCOMPARE(window.charts()->history().stepLosses.back().first, 40L);
        QCOMPARE(slider->maximum(), 40);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 41L);
        // The recording's budget: chosen beside it, kept in the settings, used by the worker.
        auto* budget = window.findChild<QComboBox*>(QStringLiteral("timelineBudget"));
        QVERIFY(budget);
        const int smallest = budget->findData(QVariant(qint64(64) << 20));
        QVERIFY(smallest >= 0);
        emit budget->activated(smallest);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->recordingBudget, std::size_t(64) << 20);
        QVERIFY(window.lastSnapshot()->recordingBytes > 0);
        QCOMPARE(QSettings().value(QStringLiteral("recordingBudget")).toLongLong(), qint64(64)
                                                                                        << 20);
    }

    // Back at step 0 there is no step to trace: the graph keeps the trace it has and says that
    // the timeline shows an earlier step.
    void graphSaysWhenTheTimelineIsBeforeItsTrace() {
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor"));
        QVERIFY(window.showView(QStringLiteral("graph")));
        window.runSteps(10);
        QTRY_VERIFY(window.graphView()->trace() && window.graphView()->trace()->step == 10);
        QVERIFY(!window.graphView()->caption().contains(QStringLiteral("The timeline shows")));
        window.seekTo(0);
        QTRY_COMPARE(window.lastSnapshot()->step, 0L);
        QTRY_VERIFY2(window.graphView()->caption().contains(
                         QStringLiteral("The timeline shows step 0, before this one")),
                     qPrintable(window.graphView()->caption()));
    }

    // Compare runs: after a branch, the run it left is shown beside the new one at the same
    // step (its decision surface and the weight difference, checked against a fresh engine run
    // that never branched), the charts draw its curves, and a reset drops it.
    void compareRunsSideBySide() {
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        window.setStepsPerSecond(0);
        QVERIFY(window.loadPreset(QStringLiteral("circles")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("circles"));
        QVERIFY(window.showView(QStringLiteral("compare")));
        CompareView* view = window.compare();
        window.runSteps(80);
        QTRY_COMPARE(window.lastSnapshot()->step, 80L);
        QVERIFY(!window.lastSnapshot()->hasEarlier);
        QVERIFY(!view->comparing()); // it says how to make a branch
        window.seekTo(30);
        QTRY_COMPARE(window.lastSnapshot()->step, 30L);
        window.branchHere(false);
        QTRY_VERIFY(!window.lastSnapshot()->inPast);
        QVERIFY(window.lastSnapshot()->hasEarlier);
        QTRY_VERIFY(view->comparing());
        QVERIFY(window.charts()->hasEarlier());
        QCOMPARE(window.lastSnapshot()->earlier->step, 30L); // where they part
        QVERIFY2(view->heading().startsWith(QStringLiteral("Step 30 is where the runs part")),
                 qPrintable(view->heading()));
        QCOMPARE(window.noticeLink(), QStringLiteral("compare"));
        window.setLearningRate(0.3);
        window.runSteps(20);
        QTRY_COMPARE(window.lastSnapshot()->step, 50L);
        SnapshotPtr s = window.lastSnapshot();
        QVERIFY(s->earlier);
        QCOMPARE(s->earlier->branch, 30L);
        QCOMPARE(s->earlier->step, 50L);
        QCOMPARE(s->earlier->last, 80L);
        // The earlier run at step 50 is the run as it went on without the branch.
        gs::SessionSetup setup;
        setup.experiment = *findPreset("circles");
        TrainingSession fresh;
        fresh.load(setup);
        fresh.trainer().runSteps(50);
        QVERIFY(fresh.planeMaps(TrainingWorker::kGrid).outputMap == s->earlier->outputMap);
        QVERIFY(s->earlier->outputMap != s->outputMap);
        bool differs = false;
        for (const DenseLayer& d : s->dense) {
            const Parameter* w = fresh.model().weight(d.layer);
            QCOMPARE(d.weightDifference.size(), d.weight.size());
            for (std::size_t i = 0; i < d.weight.size(); ++i) {
                QCOMPARE(d.weightDifference[i], d.weight[i] - w->value[Index(i)]);
                differs = differs || d.weightDifference[i] != 0;
            }
        }
        QVERIFY(differs);
        QTRY_VERIFY(view->earlierSurface()->snapshot() &&
                    view->earlierSurface()->snapshot()->outputMap == s->earlier->outputMap);
        QCOMPARE(view->difference()->quantity(), EdgeQuantity::Difference);
        QCOMPARE(view->difference()->snapshot(), s);
        QVERIFY2(view->heading().startsWith(QStringLiteral("Step 50 of both runs")),
                 qPrintable(view->heading()));
        QVERIFY(!view->grab().isNull());
        // Past the earlier run's end it is shown at its last step, and says so.
        window.runSteps(40);
        QTRY_COMPARE(window.lastSnapshot()->step, 90L);
        QCOMPARE(window.lastSnapshot()->earlier->step, 80L);
        QVERIFY2(view->heading().contains(QStringLiteral("ended at step 80")),
                 qPrintable(view->heading()));
        // Before the branch the runs are one.
        window.seekTo(10);
        QTRY_COMPARE(window.lastSnapshot()->step, 10L);
        s = window.lastSnapshot();
        QCOMPARE(s->earlier->step, 10L);
        QVERIFY(s->earlier->outputMap == s->outputMap);
        for (const DenseLayer& d : s->dense)
            QVERIFY(std::all_of(d.weightDifference.begin(), d.weightDifference.end(),
                                [](float v) { return v == 0; }));
        QVERIFY(view->heading().contains(QStringLiteral("before the branch")));
        // Hidden, the view costs nothing: snapshots say there is an earlier run, without it.
        QVERIFY(window.showView(QStringLiteral("graph")));
        window.seekTo(20);
        QTRY_COMPARE(window.lastSnapshot()->step, 20L);
        QVERIFY(window.lastSnapshot()->hasEarlier && !window.lastSnapshot()->earlier);
        // A reset drops it, from the charts too.
        window.reset();
        QTRY_VERIFY(window.lastSnapshot()->step == 0 && !window.lastSnapshot()->hasEarlier);
        QVERIFY(!window.charts()->hasEarlier());
    }

    // The distributions view: each weighted layer's values at the step shown. On dead-relu,
    // most of the second layer's units give 0 (a spike at 0 in its activations); at step 0
    // nothing has been computed yet.
    void distributionsFollowTheTimeline() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("dead-relu")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("dead-relu"));
        window.runSteps(100);
        QTRY_COMPARE(window.lastSnapshot()->step, 100L);
        const auto& d = window.lastSnapshot()->distributions;
        QCOMPARE(d.size(), std::size_t(4)); // 2-16-16-16-2
        QCOMPARE(d[0].weights.total, Index(32));
        QCOMPARE(d[1].activations.total, Index(10 * 16)); // a batch of 10, 16 units
        QVERIFY2(d[1].activations.nearZero > 0.7,
                 qPrintable(QString::number(d[1].activations.nearZero)));
        QCOMPARE(d[1].activation, std::string("relu"));
        QVERIFY(window.showView(QStringLiteral("distributions")));
        DistributionView* view = window.distributions();
        view->resize(800, 400);
        QVERIFY(!view->grab().isNull());
        QVERIFY(
            view->describe(1, DistributionView::Activations).contains(QStringLiteral("Layer 2")));
        window.seekTo(0);
        QTRY_COMPARE(window.lastSnapshot()->step, 0L);
        QCOMPARE(window.lastSnapshot()->distributions[1].activations.total, Index(0));
        QVERIFY(view->describe(1, DistributionView::Activations)
                    .contains(QStringLiteral("nothing yet")));

        // Over time: the snapshots seen at the run's end, as bands; going back adds nothing,
        // a branch drops what came after it, a reset starts again.
        QCOMPARE(view->historySteps(), (std::vector<long>{0, 100}));
        window.runSteps(20);
        QTRY_COMPARE(window.lastSnapshot()->step, 120L);
        window.runSteps(20);
        QTRY_COMPARE(window.lastSnapshot()->step, 140L);
        QCOMPARE(view->historySteps(), (std::vector<long>{0, 100, 120, 140}));
        auto* overTime = view->findChild<QToolButton*>(QStringLiteral("distributionsOverTime"));
        QVERIFY(overTime);
        overTime->click();
        QVERIFY(view->overTime());
        const double median = window.lastSnapshot()->distributions[0].weights.percentiles[4];
        const QString text = view->describe(0, DistributionView::Weights);
        QVERIFY2(
            text.contains(QStringLiteral("over steps 0–140")) &&
                text.contains(
                    QStringLiteral("At step 140: median %1").arg(QString::number(median, 'g', 3))),
            qPrintable(text));
        QVERIFY(!view->grab().isNull());
        window.seekTo(120);
        QTRY_COMPARE(window.lastSnapshot()->step, 120L);
        QCOMPARE(view->historySteps(), (std::vector<long>{0, 100, 120, 140}));
        QVERIFY(
            view->describe(0, DistributionView::Weights).contains(QStringLiteral("At step 120")));
        window.branchHere(false);
        QTRY_VERIFY(!window.lastSnapshot()->inPast);
        QCOMPARE(view->historySteps(), (std::vector<long>{0, 100, 120}));
        window.reset();
        QTRY_COMPARE(window.lastSnapshot()->step, 0L);
        QCOMPARE(view->historySteps(), (std::vector<long>{0}));
    }

    // A detector's finding shows in the message bar with a link to the view that shows it.
    void findingsShowWithALink() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("vanishing-sigmoid")));
        QTRY_VERIFY(window.canTrain() &&
                    window.presetName() == QStringLiteral("vanishing-sigmoid"));
        window.runSteps(3 * window.lastSnapshot()->batchesPerEpoch);
        QTRY_VERIFY2(
            window.notice().startsWith(QStringLiteral("Vanishing gradients, after epoch 2: "
                                                      "the first layer's gradient is")),
            qPrintable(window.notice()));
        QCOMPARE(window.noticeLink(), QStringLiteral("optimizer"));
        // Marked on the timeline where it was seen, and a click on the mark goes there.
        QCOMPARE(window.timeline()->marks().size(), 1);
        const Timeline::Mark mark = window.timeline()->marks().front();
        QVERIFY(!mark.stop);
        QVERIFY(mark.text.startsWith(QStringLiteral("Vanishing gradients")));
        QCOMPARE(mark.step, 2 * window.lastSnapshot()->batchesPerEpoch); // after epoch 2
        // The plateau that follows does not push the cause out of the bar; its mark shows it.
        window.runSteps(20 * window.lastSnapshot()->batchesPerEpoch);
        QTRY_COMPARE(window.timeline()->marks().size(), 2);
        QVERIFY(window.notice().startsWith(QStringLiteral("Vanishing gradients")));
        emit window.timeline()->markChosen(window.timeline()->marks().back());
        QVERIFY2(window.notice().startsWith(QStringLiteral("Plateau")),
                 qPrintable(window.notice()));
        emit window.timeline()->markChosen(window.timeline()->marks().front());
        QVERIFY(window.notice().startsWith(QStringLiteral("Vanishing gradients")));
        auto* bar = window.findChild<QLabel*>(QStringLiteral("banner"));
        QVERIFY(bar && bar->text().contains(QStringLiteral("href=\"view:optimizer\"")));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("optimizerDock"));
        QVERIFY(dock);
        dock->hide();
        emit bar->linkActivated(QStringLiteral("view:optimizer"));
        QVERIFY(!dock->isHidden());
    }

    void divergenceStopsWithAMessage() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("tiny-regression")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->grid == 0);
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        window.setLearningRate(5);
        window.play();
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(window.banner().contains(QStringLiteral("Lower the learning rate")),
                 qPrintable(window.banner()));
        QTRY_VERIFY(!window.isRunning());
        for (float w : window.lastSnapshot()->dense.front().weight)
            QVERIFY(std::isfinite(w));
        // Where it stopped is marked on the timeline, in red, with the reason.
        QTRY_COMPARE(window.timeline()->marks().size(), 1);
        QVERIFY(window.timeline()->marks().front().stop);
        QCOMPARE(window.timeline()->marks().front().step, window.lastSnapshot()->step);
        QVERIFY(window.timeline()->marks().front().text.contains(
            QStringLiteral("Lower the learning rate")));
    }

    void importedPointsTrainAndBadRowsAreNamed() {
        QTemporaryDir dir;
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        const QString good = dir.path() + QStringLiteral("/mine.csv");
        QFile f(good);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x1,x2,label\n");
        for (int i = 0; i < 40; ++i)
            f.write(QStringLiteral("%1,%2,%3\n")
                        .arg(i % 2 ? 2.5 : -2.5)
                        .arg(0.1 * i - 2)
                        .arg(i % 2)
                        .toUtf8());
        f.close();
        window.importPoints(good);
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->points &&
                    window.lastSnapshot()->points->size() == 40);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);

        const QString bad = dir.path() + QStringLiteral("/bad.csv");
        QFile g(bad);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("x1,x2,label\n1,2,0\n3,oops,1\n");
        g.close();
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        window.importPoints(bad);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(window.banner().contains(QStringLiteral("bad.csv")) &&
                     window.banner().contains(QStringLiteral("3")),
                 qPrintable(window.banner()));
    }

    // A file of three classes: the load fits the output layer to them (three units, under
    // cross-entropy) and says so, the builder checks against three classes from then on, and
    // the output view colours each cell by its likeliest class.
    void importedPointsOfThreeClassesFitTheOutput() {
        QTemporaryDir dir;
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QCOMPARE(window.builder()->state().rows.back().size, Index(2)); // spiral: two classes
        const QString path = dir.path() + QStringLiteral("/three.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 60; ++i)
            f.write(QStringLiteral("%1,%2,%3\n")
                        .arg(i % 3 == 1 ? 3.0 : -1.5 + 0.01 * i)
                        .arg(i % 3 == 2 ? 3.0 : -1.0 - 0.01 * i)
                        .arg(i % 3)
                        .toUtf8());
        f.close();
        window.importPoints(path);
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dataClasses == 3);
        const BuilderState state = window.builder()->state();
        QCOMPARE(state.rows.back().size, Index(3));
        QCOMPARE(state.loss, LossKind::CrossEntropy);
        QVERIFY2(window.notice().contains(QStringLiteral("three.csv has 3 classes")),
                 qPrintable(window.notice()));
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        const Snapshot& s = *window.lastSnapshot();
        QCOMPARE(s.outputClass.size(), s.outputMap.size());
        QVERIFY(!s.outputClass.empty());
        for (std::size_t i = 0; i < s.outputClass.size(); ++i) {
            QVERIFY(s.outputClass[i] < 3);
            QVERIFY(s.outputMap[i] >= 1.0f / 3 - 1e-5f && s.outputMap[i] <= 1.0f + 1e-5f);
        }
        // Two outputs for three classes is said in the builder, and nothing trains.
        BuilderState two = state;
        two.rows.back().size = 2;
        window.builder()->setState(two);
        QVERIFY(!window.builder()->isValid());
        QVERIFY2(window.builder()->error().contains(QStringLiteral("3 classes")),
                 qPrintable(window.builder()->error()));
        QVERIFY(!window.canTrain());
    }

    // Points drawn on the output view: the spiral's points become the drawing to edit, a click
    // adds one of the chosen class and trains on it, a third class fits the output layer, Clear
    // leaves nothing to train on, and the session keeps the drawing.
    void drawnPointsTrainAndAreSaved() {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        auto* draw = window.findChild<QToolButton*>(QStringLiteral("drawPoints"));
        auto* drawClass = window.findChild<QComboBox*>(QStringLiteral("drawClass"));
        auto* clear = window.findChild<QToolButton*>(QStringLiteral("clearPoints"));
        QVERIFY(draw && drawClass && clear);
        QVERIFY(draw->isVisible() && !drawClass->isVisible());
        const std::size_t spiral = window.lastSnapshot()->points->size();
        draw->click();
        OutputView* view = window.outputView();
        QVERIFY(view->drawing() && drawClass->isVisible() && clear->isVisible());
        QCOMPARE(view->drawnPoints().size(), spiral); // train and test points, all to train now
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->points->size() == spiral &&
                    window.lastSnapshot()->step == 0);
        for (const PlanePoint& p : *window.lastSnapshot()->points)
            QVERIFY(!p.test);
        auto* regenerate =
            window.dataPanel()->findChild<QPushButton*>(QStringLiteral("regenerate"));
        QVERIFY(regenerate && !regenerate->isVisibleTo(window.dataPanel())); // no seed to redraw

        // A third class, clicked at (4, −5): the output layer grows to three.
        drawClass->setCurrentIndex(2);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->positionOf(4, -5).toPoint());
        QCOMPARE(view->drawnPoints().size(), spiral + 1);
        const DrawnPoint added = view->drawnPoints().back();
        QCOMPARE(added.label, 2);
        QVERIFY(std::abs(added.x1 - 4) < 0.1 && std::abs(added.x2 + 5) < 0.1);
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dataClasses == 3);
        QCOMPARE(window.lastSnapshot()->points->size(), spiral + 1);
        QCOMPARE(window.builder()->state().rows.back().size, Index(3));
        QCOMPARE(window.optimizerToolbar()->schedule().kind, ScheduleKind::Constant);
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        // A point of a class the network has: it goes on from its weights, at step 1.
        const auto weights = window.lastSnapshot()->dense.back().weight;
        drawClass->setCurrentIndex(1);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->positionOf(-5, -5).toPoint());
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->points->size() == spiral + 2);
        QCOMPARE(window.lastSnapshot()->step, 1L);
        QCOMPARE(window.lastSnapshot()->dense.back().weight, weights);
        // A point added while training runs: it goes on training, on the new points.
        window.play();
        QTRY_VERIFY(window.isRunning());
        QTest::mouseClick(view, Qt::LeftButton, {}, view->positionOf(5, 5).toPoint());
        QTRY_VERIFY(window.lastSnapshot()->points->size() == spiral + 3 &&
                    window.lastSnapshot()->step > 1 && window.isRunning());
        window.pause();
        QTRY_VERIFY(!window.isRunning() && !window.lastSnapshot()->running);

        // Saved with the session, opened with it.
        const QString path = dir.path() + QStringLiteral("/drawn.gradscope");
        QSignalSpy saved(&window, &MainWindow::sessionSaved);
        window.saveSession(path);
        QTRY_COMPARE(saved.count(), 1);
        MainWindow other;
        QTRY_VERIFY(other.canTrain());
        QSignalSpy opened(&other, &MainWindow::sessionOpened);
        other.openSession(path);
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(other.lastSnapshot()->points->size(), spiral + 3);
        QCOMPARE(other.lastSnapshot()->dataClasses, 3);
        QCOMPARE(other.outputView()->drawnPoints(), view->drawnPoints());

        // Clear while training: training stops, the plane is empty, nothing trains until a
        // point is drawn, and no edit (a seed, a network change) brings the old points back.
        window.play();
        QTRY_VERIFY(window.isRunning());
        clear->click();
        QVERIFY(view->drawnPoints().empty());
        QTRY_VERIFY(!window.isRunning());
        QVERIFY(!window.canTrain());
        QVERIFY2(
            window.statusBar()->currentMessage().contains(QStringLiteral("No points drawn yet")),
            qPrintable(window.statusBar()->currentMessage()));
        window.dataPanel()->seedBox()->setValue(window.dataPanel()->seedBox()->value() + 1);
        QVERIFY(!window.canTrain());
        QVERIFY(view->drawnPoints().empty());
        drawClass->setCurrentIndex(0);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->positionOf(-2, 2).toPoint());
        drawClass->setCurrentIndex(1);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->positionOf(2, -2).toPoint());
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->points->size() == 2);
        QCOMPARE(window.lastSnapshot()->dataClasses, 2);
        // Another data set ends the drawing.
        QVERIFY(window.loadPreset(QStringLiteral("circles")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("circles"));
        QVERIFY(!draw->isChecked() && !view->drawing());
        QVERIFY(regenerate->isVisibleTo(window.dataPanel()));
    }

    // The problem type, as in TensorFlow Playground: Regression lists the regression sets and
    // picks the first, whose network predicts one number; Classification goes back to classes.
    void problemTypeChoosesTheDataSets() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QComboBox* problem = window.dataPanel()->problemBox();
        QComboBox* sets = window.dataPanel()->toyKindBox();
        QCOMPARE(problem->currentIndex(), 0);
        const auto listed = [&] {
            std::vector<ToyKind> kinds;
            for (int i = 0; i < sets->count(); ++i)
                kinds.push_back(ToyKind(sets->itemData(i).toInt()));
            return kinds;
        };
        for (const ToyKind k : listed())
            QVERIFY(!isRegression(k));
        QCOMPARE(int(listed().size()), 6);
        problem->setCurrentIndex(1);
        emit problem->activated(1);
        QCOMPARE(int(listed().size()), 3);
        for (const ToyKind k : listed())
            QVERIFY(isRegression(k));
        QCOMPARE(window.dataPanel()->toyKind(), ToyKind::Plane);
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->regression);
        QCOMPARE(window.builder()->state().rows.back().size, Index(1));
        QCOMPARE(window.builder()->state().loss, LossKind::MSE);
        problem->setCurrentIndex(0);
        emit problem->activated(0);
        QCOMPARE(window.dataPanel()->toyKind(), ToyKind::Spiral);
        QTRY_VERIFY(window.canTrain() && !window.lastSnapshot()->regression &&
                    window.lastSnapshot()->dataClasses == 2);
        // The classifier again, as the spiral preset has it: cross-entropy, one unit per class.
        QCOMPARE(window.builder()->state().loss, LossKind::CrossEntropy);
        QCOMPARE(window.builder()->state().rows.back().size, Index(2));
        // A preset of the other problem sets the box.
        QVERIFY(window.loadPreset(QStringLiteral("regression-plane")));
        QCOMPARE(problem->currentIndex(), 1);
        QCOMPARE(window.dataPanel()->toyKind(), ToyKind::Plane);
    }

    // Convolutions keep their stride and padding through the builder (a strided CNN opened
    // and edited kept stride 1 before), pools their own stride; the boxes on a Conv2d row set
    // them, and the shape after the layer follows.
    void builderSetsStrideAndPadding() {
        const std::vector<LayerSpec> layers = {
            LayerSpec::conv2d(1, 4, 5, 1, 2),  LayerSpec::of(Activation::Relu),
            LayerSpec::maxPool2d(2),           LayerSpec::conv2d(4, 8, 3, 2, 1),
            LayerSpec::of(Activation::Relu),   LayerSpec::maxPool2d(3, 1),
            LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(8 * 5 * 5, 10)};
        const BuilderState state = builderStateFrom(layers, kRawFeatures, LossKind::CrossEntropy);
        QVERIFY(layersFrom(state, Shape{1, 28, 28}) == layers);
        NetworkBuilder builder;
        builder.setData(Shape{1, 28, 28}, 10, false);
        builder.setState(state);
        QVERIFY(builder.isValid());
        const auto box = [&](const QString& name) {
            for (QSpinBox* b : builder.findChildren<QSpinBox*>())
                if (b->accessibleName() == name) return b;
            return static_cast<QSpinBox*>(nullptr);
        };
        QSpinBox* stride = box(QStringLiteral("Layer 1 stride"));
        QSpinBox* padding = box(QStringLiteral("Layer 1 padding"));
        QVERIFY(stride && padding);
        QCOMPARE(stride->value(), 1);
        QCOMPARE(padding->value(), 2);
        QCOMPARE(box(QStringLiteral("Layer 3 stride"))->value(), 2);
        stride->setValue(2);
        emit stride->editingFinished();
        QCOMPARE(builder.state().rows[0].stride, 2);
        QCOMPARE(builder.layers()[0].stride, 2);
        // 28 → 14 after the strided convolution, so 7, 4 and 2 after the next three layers: the
        // Dense layer now takes 8 × 2 × 2 inputs (the builder fills them from the shapes).
        QVERIFY(builder.isValid());
        QCOMPARE(builder.layers().back().in, Index(8 * 2 * 2));
        box(QStringLiteral("Layer 1 padding"))->setValue(0);
        QCOMPARE(builder.state().rows[0].padding, 2); // not until the edit is finished
    }

    // Batch norm is one row kind: 1-D after a Dense row, 2-D after a convolution, with the
    // channels or features filled from the shapes; average pools keep kernel and stride; a
    // Dense row without bias stays without; LayerNorm on images says to flatten first; the
    // parameter count includes the norms' γ and β.
    void builderNormsAndPools() {
        const std::vector<LayerSpec> layers = {LayerSpec::conv2d(1, 4, 3, 1, 1),
                                               LayerSpec::norm(LayerKind::BatchNorm2d, 4),
                                               LayerSpec::of(Activation::Relu),
                                               LayerSpec::avgPool2d(2),
                                               LayerSpec::of(LayerKind::GlobalAvgPool2d),
                                               LayerSpec::linear(4, 6),
                                               LayerSpec::norm(LayerKind::BatchNorm1d, 6),
                                               LayerSpec::norm(LayerKind::LayerNorm, 6),
                                               LayerSpec::linear(6, 10)};
        std::vector<LayerSpec> withoutBias = layers;
        withoutBias[5].bias = false;
        for (const auto& l : {layers, withoutBias}) {
            const BuilderState state = builderStateFrom(l, kRawFeatures, LossKind::CrossEntropy);
            QCOMPARE(state.rows[1].kind, LayerKind::BatchNorm1d); // one row kind for both
            QVERIFY(layersFrom(state, Shape{1, 28, 28}) == l);
        }
        NetworkBuilder builder;
        builder.setData(Shape{1, 28, 28}, 10, false);
        builder.setState(builderStateFrom(layers, kRawFeatures, LossKind::CrossEntropy));
        QVERIFY(builder.isValid());
        // conv 4·9 + 4, two norms of 4 and 6 channels or features (γ, β), a third of 6, Dense.
        const Index params = (36 + 4) + 2 * 4 + (24 + 6) + 2 * 6 + 2 * 6 + (60 + 10);
        bool counted = false;
        for (QLabel* label : builder.findChildren<QLabel*>())
            counted = counted || label->text().contains(QLocale().toString(qlonglong(params)));
        QVERIFY2(counted, qPrintable(QString("no label says %1 parameters").arg(params)));
        // Changing the first row's Conv2d to Dense: the batch norm after it becomes 1-D (and
        // its size follows), without a word from the user.
        BuilderState edited = builder.state();
        BuilderRow flatten;
        flatten.kind = LayerKind::Flatten;
        edited.rows.insert(edited.rows.begin(), flatten);
        edited.rows[1].kind = LayerKind::Linear;
        edited.rows[1].size = 5;
        edited.rows.erase(edited.rows.begin() + 3, edited.rows.begin() + 5); // the two pools
        builder.setState(edited);
        QVERIFY2(builder.isValid(), qPrintable(builder.error()));
        QCOMPARE(builder.layers()[2].kind, LayerKind::BatchNorm1d);
        QCOMPARE(builder.layers()[2].in, Index(5));
        BuilderState images = builder.state();
        images.rows.erase(images.rows.begin()); // no Flatten: the Dense row refuses first
        BuilderRow layerNorm;
        layerNorm.kind = LayerKind::LayerNorm;
        images.rows.insert(images.rows.begin(), layerNorm);
        builder.setState(images);
        QVERIFY(!builder.isValid());
        QCOMPARE(builder.errorRow(), 0);
        QVERIFY2(builder.error().contains(QStringLiteral("Flatten")), qPrintable(builder.error()));
    }

    // Skip connections in the builder: the deep-residual preset reads into rows whose Add rows
    // name where their skip comes from, and back into the same layers; "+ Residual block"
    // inserts Dense, Dense, Add-from-the-row-before (its shape kept, so the network stays
    // valid); removing a row moves the skips that come from below it; the window's snapshot
    // lists the skips for the network view.
    void builderSkipConnections() {
        const Experiment& preset = *findPreset("deep-residual");
        const BuilderState state =
            builderStateFrom(preset.layers, kRawFeatures, LossKind::CrossEntropy);
        QCOMPARE(state.rows[3].kind, LayerKind::Add);
        QCOMPARE(state.rows[3].from, 0);
        QCOMPARE(state.rows[6].from, 3);
        QVERIFY(layersFrom(state, Shape{2}) == preset.layers);

        NetworkBuilder builder;
        builder.setData(Shape{2}, 2, true);
        builder.setState(
            builderStateFrom(findPreset("moons")->layers, kRawFeatures, LossKind::CrossEntropy));
        const std::size_t rows = builder.state().rows.size();
        QPushButton* block = nullptr;
        for (QPushButton* b : builder.findChildren<QPushButton*>())
            if (b->text().contains(QStringLiteral("Residual"))) block = b;
        QVERIFY(block);
        block->click();
        QVERIFY2(builder.isValid(), qPrintable(builder.error()));
        QCOMPARE(builder.state().rows.size(), rows + 3);
        const BuilderRow& add = builder.state().rows[rows + 1];
        QCOMPARE(add.kind, LayerKind::Add);
        QCOMPARE(add.from, int(rows) - 2); // the row before the block
        QCOMPARE(builder.state().rows[rows - 1].size, builder.state().rows[rows - 2].size);
        builder.removeLayer(int(rows) - 2); // the block's source: the skip now starts above it
        QCOMPARE(builder.state().rows[rows].from, int(rows) - 3);
        builder.undoStack()->undo();
        QCOMPARE(builder.state().rows[rows + 1].from, int(rows) - 2);
        // On images the block is of convolutions, after the last one (before the Flatten).
        NetworkBuilder cnn;
        cnn.setData(Shape{1, 28, 28}, 10, false);
        cnn.setState(builderStateFrom(findPreset("mnist-cnn")->layers, kRawFeatures,
                                      LossKind::CrossEntropy));
        std::size_t flatten = 0;
        while (cnn.state().rows[flatten].kind != LayerKind::Flatten)
            ++flatten;
        cnn.addResidualBlock();
        QVERIFY2(cnn.isValid(), qPrintable(cnn.error()));
        QCOMPARE(cnn.state().rows[flatten].kind, LayerKind::Conv2d);
        QCOMPARE(cnn.state().rows[flatten + 1].kind, LayerKind::Conv2d);
        QCOMPARE(cnn.state().rows[flatten + 2].kind, LayerKind::Add);
        QCOMPARE(cnn.state().rows[flatten + 2].from, int(flatten) - 1);
        QCOMPARE(cnn.state().rows[flatten + 3].kind, LayerKind::Flatten);

        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(window.loadPreset(QStringLiteral("deep-residual")));
        QTRY_VERIFY(window.lastSnapshot() && !window.lastSnapshot()->skips.empty());
        const auto& skips = window.lastSnapshot()->skips;
        QCOMPARE(int(skips.size()), 10);
        QCOMPARE(skips.front().from, 1);
        QCOMPARE(skips.front().to, 3);
        // A block's last column is named by what its units give on: the sum, then ReLU.
        QCOMPARE(window.lastSnapshot()->dense[2].activation, std::string("relu"));
        // After a step, each skip carries the gradient that flowed back along it (the network
        // view draws it as the arc's thickness).
        QCOMPARE(skips.front().gradient, -1.0);
        window.stepBatch();
        QTRY_VERIFY(window.lastSnapshot()->step == 1);
        for (const Snapshot::Skip& k : window.lastSnapshot()->skips)
            QVERIFY2(k.gradient > 0, qPrintable(QString::number(k.gradient)));
        QVERIFY(window.builder()->isValid());
    }

    // The wheel over the Data panel scrolls it: an unfocused box keeps its value (a student
    // scrolling past Classes changed the classes); a focused one takes the wheel.
    void wheelScrollsTheDataPanel() {
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        QSpinBox* classes = window.dataPanel()->classesBox();
        QVERIFY(classes->isVisible());
        QScrollArea* area = nullptr;
        for (QWidget* p = window.dataPanel()->parentWidget(); p && !area; p = p->parentWidget())
            area = qobject_cast<QScrollArea*>(p);
        QVERIFY(area);
        const auto wheel = [&](QWidget* target) {
            const QPointF at(target->width() / 2.0, target->height() / 2.0);
            QWheelEvent e(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(target, &e);
        };
        const int before = classes->value();
        const int scrolled = area->verticalScrollBar()->value();
        QVERIFY(area->verticalScrollBar()->maximum() > scrolled); // room to scroll down
        wheel(classes);
        QCOMPARE(classes->value(), before);
        QVERIFY(area->verticalScrollBar()->value() > scrolled);
        classes->setFocus();
        QTRY_VERIFY(classes->hasFocus());
        classes->setValue(3);
        wheel(classes);
        QCOMPARE(classes->value(), 2); // the wheel down, by one
        // The builder's boxes likewise, rows rebuilt after an edit included: the wheel over a
        // layer's initialisation box changed it (and re-initialised the network).
        window.builder()->addLayer();
        QComboBox* init = nullptr;
        for (QComboBox* c : window.builder()->findChildren<QComboBox*>())
            if (c->accessibleName() == QStringLiteral("Layer 1 initialisation")) init = c;
        QVERIFY(init);
        const int initBefore = init->currentIndex();
        wheel(init);
        QCOMPARE(init->currentIndex(), initBefore);
        QCOMPARE(init->focusPolicy(), Qt::StrongFocus);
    }

    // The blobs and the spiral's arms take a number of classes; the output layer follows it.
    void toyClassesSetTheOutputLayer() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        QSpinBox* classes = window.dataPanel()->classesBox();
        QVERIFY(classes->isVisibleTo(window.dataPanel())); // the spiral's arms
        QCOMPARE(classes->value(), 2);
        classes->setValue(3);
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dataClasses == 3);
        QCOMPARE(window.builder()->state().rows.back().size, Index(3));
        QVERIFY(window.loadPreset(QStringLiteral("blobs")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dataClasses == 4);
        QCOMPARE(classes->value(), 4);
        classes->setValue(5);
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dataClasses == 5);
        QCOMPARE(window.builder()->state().rows.back().size, Index(5));
        QCOMPARE(window.lastSnapshot()->dense.back().out, Index(5));
        // Circles have two classes: no choice.
        QVERIFY(window.loadPreset(QStringLiteral("circles")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dataClasses == 2);
        QVERIFY(!classes->isVisibleTo(window.dataPanel()));
    }

    void darkPaletteAndDataPreview() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        const QPixmap preview = window.dataPreview();
        QVERIFY(!preview.isNull());
        // The spiral's points are drawn: some pixels are the class colours, not white.
        const QImage image = preview.toImage();
        int coloured = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                coloured += image.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY(coloured > 200);
        window.setDarkPalette(true);
        QVERIFY(window.darkPalette());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        QCOMPARE(window.charts()->views().front()->chart()->theme(), QChart::ChartThemeDark);
        window.setDarkPalette(false);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 150);
        QCOMPARE(window.charts()->views().front()->chart()->theme(), QChart::ChartThemeLight);

        // High contrast: white on black, the drawing areas too, from the menu and remembered.
        auto* highContrast = window.findChild<QAction*>(QStringLiteral("appearance-high-contrast"));
        QVERIFY(highContrast);
        highContrast->trigger();
        QCOMPARE(window.appearance(), Appearance::HighContrast);
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
        QCOMPARE(QApplication::palette().color(QPalette::WindowText), QColor(Qt::white));
        QVERIFY(window.darkPalette());
        // (The views' palettes change as the posted palette events arrive.)
        QTRY_COMPARE(canvasColors(window.networkView()->palette()).background, QColor(Qt::black));
        QCOMPARE(canvasColors(window.networkView()->palette()).text, QColor(Qt::white));
        QCOMPARE(QSettings().value(QStringLiteral("appearance")).toString(),
                 QStringLiteral("high-contrast"));
        {
            MainWindow again; // a new window (the next start) comes back in high contrast
            QCOMPARE(again.appearance(), Appearance::HighContrast);
        }
        window.findChild<QAction*>(QStringLiteral("appearance-system"))->trigger();
        QCOMPARE(window.appearance(), Appearance::System);
        QVERIFY(!isHighContrast(QApplication::palette()));
    }

    // By default the window follows the desktop: a dark one gives dark drawing areas and charts,
    // without the user choosing anything; a choice of the old "Dark palette" still holds.
    void aDarkDesktopGivesADarkWindow() {
        const QPalette desktop = QApplication::palette();
        MainWindow::setSystemPalette(darkPalette());
        {
            MainWindow window;
            QCOMPARE(window.appearance(), Appearance::System);
            QVERIFY(window.darkPalette());
            QTRY_VERIFY(isDark(window.networkView()->palette()));
            QCOMPARE(window.charts()->views().front()->chart()->theme(), QChart::ChartThemeDark);
        }
        MainWindow::setSystemPalette(desktop);
        QSettings().setValue(QStringLiteral("darkPalette"), true);
        {
            MainWindow window;
            QCOMPARE(window.appearance(), Appearance::Dark);
            QVERIFY(window.findChild<QAction*>(QStringLiteral("appearance-dark"))->isChecked());
        }
        QSettings().clear();
        MainWindow restore; // the desktop's palette again, for the tests after this one
        QVERIFY(!restore.darkPalette());
    }

    // Following the desktop means following it live: when its palette turns dark while the
    // window is open (as the platform theme reports a switch to dark mode), the charts, icons
    // and drawing areas follow; and light again.
    void followsTheDesktopTurningDark() {
        MainWindow window;
        QCOMPARE(window.appearance(), Appearance::System);
        QVERIFY(!window.darkPalette());
        const QPalette light = QApplication::palette();
        QApplication::setPalette(darkPalette()); // what the platform theme does
        QTRY_VERIFY(window.darkPalette());
        QCOMPARE(window.charts()->views().front()->chart()->theme(), QChart::ChartThemeDark);
        QVERIFY(isDark(window.networkView()->palette()));
        QApplication::setPalette(light);
        QTRY_VERIFY(!window.darkPalette());
        QCOMPARE(window.charts()->views().front()->chart()->theme(), QChart::ChartThemeLight);
        // A palette of the user's own is kept whatever the desktop does.
        window.findChild<QAction*>(QStringLiteral("appearance-dark"))->trigger();
        QVERIFY(window.darkPalette());
        window.findChild<QAction*>(QStringLiteral("appearance-system"))->trigger();
        QVERIFY(!window.darkPalette());
    }

    void sessionSurvivesSaveAndOpenExactly() {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/run.gradscope");
        MainWindow a;
        QTRY_VERIFY(a.canTrain());
        a.builder()->setFeatures(kRawFeatures | featureBit(Feature::SinX1));
        QTRY_COMPARE(a.lastSnapshot()->inputs, Index(3));
        a.stepEpoch();
        QTRY_COMPARE(a.lastSnapshot()->epoch, 1);
        a.runSteps(7); // mid-epoch, Adam state non-trivial
        QTRY_COMPARE(a.lastSnapshot()->step, 32L);
        QSignalSpy saved(&a, &MainWindow::sessionSaved);
        a.saveSession(path);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(a.sessionPath(), path);

        MainWindow b;
        QTRY_VERIFY(b.canTrain());
        QSignalSpy opened(&b, &MainWindow::sessionOpened);
        b.openSession(path);
        QTRY_COMPARE(opened.count(), 1);
        const SnapshotPtr sa = a.lastSnapshot(), sb = b.lastSnapshot();
        QCOMPARE(sb->step, 32L);
        QCOMPARE(sb->epoch, 1);
        QCOMPARE(sb->inputs, Index(3));
        QCOMPARE(b.builder()->state(), a.builder()->state());
        QCOMPARE(int(sb->dense.size()), int(sa->dense.size()));
        for (std::size_t l = 0; l < sa->dense.size(); ++l) {
            QCOMPARE(sb->dense[l].weight, sa->dense[l].weight);
            QCOMPARE(sb->dense[l].bias, sa->dense[l].bias);
        }
        const auto& la = a.charts()->history().stepLosses;
        const auto& lb = b.charts()->history().stepLosses;
        QCOMPARE(lb.size(), la.size());
        for (std::size_t i = 0; i < la.size(); ++i) {
            QCOMPARE(lb[i].first, la[i].first);
            // Losses are float32 values; the file writes them in float's shortest form.
            QCOMPARE(float(lb[i].second), float(la[i].second));
        }
        QCOMPARE(b.charts()->history().epochs.size(), a.charts()->history().epochs.size());
        QCOMPARE(b.charts()->history().epochs[0].test.accuracy,
                 a.charts()->history().epochs[0].test.accuracy);
        QCOMPARE(b.optimizerConfig().kind, a.optimizerConfig().kind);
        // The timeline came with it: step 10 of the opened run is step 10 of the run saved.
        QCOMPARE(sb->recordedFirst, 0L);
        QCOMPARE(sb->recordedLast, 32L);
        QCOMPARE(b.timeline()->slider()->maximum(), 32);
        a.seekTo(10);
        b.seekTo(10);
        QTRY_COMPARE(a.lastSnapshot()->step, 10L);
        QTRY_COMPARE(b.lastSnapshot()->step, 10L);
        for (std::size_t l = 0; l < sa->dense.size(); ++l) {
            QCOMPARE(b.lastSnapshot()->dense[l].weight, a.lastSnapshot()->dense[l].weight);
            QCOMPARE(b.lastSnapshot()->dense[l].weightGrad, a.lastSnapshot()->dense[l].weightGrad);
        }
        QCOMPARE(b.lastSnapshot()->outputMap, a.lastSnapshot()->outputMap);
        // Training continues identically: same batches, same optimizer state.
        a.runSteps(5);
        b.runSteps(5);
        QTRY_COMPARE(a.lastSnapshot()->step, 37L);
        QTRY_COMPARE(b.lastSnapshot()->step, 37L);
        for (std::size_t l = 0; l < sa->dense.size(); ++l)
            QCOMPARE(b.lastSnapshot()->dense[l].weight, a.lastSnapshot()->dense[l].weight);
    }

    void badSessionFilesAreRefusedAndTheSessionKept() {
        QTemporaryDir dir;
        MainWindow window;
        QTRY_VERIFY(window.canTrain());
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        const SnapshotPtr before = window.lastSnapshot();
        QSignalSpy failed(&window, &MainWindow::trainingFailed);

        const QString corrupt = dir.path() + QStringLiteral("/corrupt.gradscope");
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"gradscope-session\", \"version\": 1, \"model\": [1, 2");
        f.close();
        window.openSession(corrupt);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(window.banner().contains(QStringLiteral("corrupt.gradscope")),
                 qPrintable(window.banner()));

        // A session from a newer Gradscope: made from a real one with the version raised.
        const QString good = dir.path() + QStringLiteral("/good.gradscope");
        QSignalSpy saved(&window, &MainWindow::sessionSaved);
        window.saveSession(good);
        QTRY_COMPARE(saved.count(), 1);
        QByteArray text = readAll(good);
        QVERIFY(text.contains("\"version\": 1"));
        text.replace("\"version\": 1", "\"version\": 99");
        const QString newer = dir.path() + QStringLiteral("/newer.gradscope");
        QFile g(newer);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(text);
        g.close();
        window.openSession(newer);
        QTRY_COMPARE(failed.count(), 2);
        QVERIFY2(window.banner().contains(QStringLiteral("newer Gradscope")),
                 qPrintable(window.banner()));
        window.openSession(dir.path() + QStringLiteral("/missing.gradscope"));
        QTRY_COMPARE(failed.count(), 3);
        // The session on screen is untouched and still trains.
        QCOMPARE(window.lastSnapshot(), before);
        QVERIFY(window.canTrain());
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 2L);
    }

    void stepThroughWalksOneStep() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("tiny-regression")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->grid == 0 &&
                    window.lastSnapshot()->dense.size() == 2);
        StepThroughPanel* panel = window.stepThrough();
        QCOMPARE(panel->count(), 0);
        window.traceStep();
        QTRY_VERIFY(panel->trace() != nullptr);
        const StepTrace& t = *panel->trace();
        QCOMPARE(t.step, 1L);
        QTRY_COMPARE(window.lastSnapshot()->step, 1L); // an ordinary step was taken
        QCOMPARE(panel->count(), int(t.forward.size() + 1 + t.backward.size() + t.updates.size()));
        QCOMPARE(panel->phase(), TracePhase::Forward);
        QVERIFY2(panel->detailsHtml().contains(QStringLiteral("x = input")),
                 qPrintable(panel->detailsHtml()));
        panel->endOfPhase();
        QCOMPARE(panel->position(), int(t.forward.size()) - 1);
        panel->next();
        QCOMPARE(panel->phase(), TracePhase::Loss);
        QVERIFY(panel->detailsHtml().contains(QString::number(t.loss, 'g', 6)));
        panel->next();
        QCOMPARE(panel->phase(), TracePhase::Backward);
        QVERIFY(panel->detailsHtml().contains(QStringLiteral("upstream")));
        panel->previous();
        QCOMPARE(panel->phase(), TracePhase::Loss);
        panel->next();
        panel->endOfPhase();
        panel->next();
        QCOMPARE(panel->phase(), TracePhase::Update);
        QVERIFY2(panel->detailsHtml().contains(QStringLiteral("w ← w − lr·g")),
                 qPrintable(panel->detailsHtml()));
        // The update shown is the one training made: the weights in the snapshot are "after".
        const UpdateRecord& u = t.updates.front();
        const DenseLayer& d = window.lastSnapshot()->dense.front();
        QCOMPARE(u.parameter, std::string("0.weight"));
        for (Index i = 0; i < u.after.numel(); ++i)
            QCOMPARE(d.weight[std::size_t(i)], u.after[i]);
        panel->restart();
        QCOMPARE(panel->position(), 0);
    }

    void gradientCheckWithoutTraining() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor") &&
                    window.lastSnapshot()->dense.size() == 3 &&
                    window.lastSnapshot()->dense[0].out == 8);
        const std::vector<float> before = window.lastSnapshot()->dense[0].weight;
        // Through the button, as a user would.
        QPushButton* check = nullptr;
        for (QPushButton* b : window.stepThrough()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Check gradients")) check = b;
        QVERIFY(check);
        check->click();
        QTRY_VERIFY(window.stepThrough()->gradientCheck() != nullptr);
        const GradientCheck& c = *window.stepThrough()->gradientCheck();
        QCOMPARE(int(c.entries.size()), 114);
        QVERIFY(c.entries.front().relativeError < 0.05); // tanh: smooth, float32-accurate
        QVERIFY(window.stepThrough()->detailsHtml().contains(QStringLiteral("Gradient check")));
        QCOMPARE(window.lastSnapshot()->step, 0L); // nothing was trained
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        QVERIFY(window.lastSnapshot()->dense[0].weight != before); // the step starts from them
    }

    // The graph view shows the traced step, op by op, and follows the step-through: no edge has
    // a gradient during the forward pass, each edge gets its colour when its backward record is
    // processed (the norm drawn is the one the record sent), and the network view lights the
    // layer of the current node.
    void graphViewFollowsTheStepThrough() {
        MainWindow window;
        QVERIFY(window.loadPreset(QStringLiteral("tiny-regression")));
        QTRY_VERIFY(window.canTrain() && window.lastSnapshot()->dense.size() == 2);
        window.traceStep();
        QTRY_VERIFY(window.stepThrough()->trace() != nullptr);
        GraphView* graph = window.graphView();
        StepThroughPanel* panel = window.stepThrough();
        QCOMPARE(graph->trace(), panel->trace());
        const StepTrace& t = *panel->trace();
        QCOMPARE(graph->boxCount(), int(t.forward.size())); // small: every op its own box
        graph->resize(900, 400);
        const auto nodeNamed = [&](const std::string& name) {
            for (const ForwardRecord& r : t.forward)
                if (r.name == name) return r.node;
            return -1;
        };
        const int w0 = nodeNamed("0.weight"), lin0 = nodeNamed("0.linear");
        const int out = nodeNamed("output"), loss = nodeNamed("loss");
        QVERIFY(w0 >= 0 && lin0 >= 0 && out >= 0 && loss >= 0);
        const auto gradientOn = [&](int from, int to) {
            return graph->edgeGradient(graph->boxOfNode(from), graph->boxOfNode(to));
        };
        QVERIFY(graph->hasCursor());
        QCOMPARE(gradientOn(w0, lin0), -1.0);
        panel->endOfPhase(); // forward done
        panel->next();       // loss
        QCOMPARE(gradientOn(out, loss), -1.0);
        panel->next(); // the first backward record: the loss sends dL/d(output)
        QVERIFY(gradientOn(out, loss) > 0);
        QCOMPARE(gradientOn(w0, lin0), -1.0);
        // Walk to 0.linear's record: the network view lights layer 0.
        while (panel->cursor().node != lin0 && panel->phase() == TracePhase::Backward)
            panel->next();
        QCOMPARE(panel->cursor().node, lin0);
        QCOMPARE(window.networkView()->highlightLayer(), 0);
        double sent = -1;
        for (const StepRecord& r : t.backward)
            for (const EdgeStep& e : r.edges)
                if (r.node == lin0 && e.inputNode == w0) sent = tensorNorm(e.gradient);
        QVERIFY(sent > 0);
        QCOMPARE(gradientOn(w0, lin0), sent);
        const QString tip = graph->describeAt(graph->boxRect(graph->boxOfNode(w0)).center());
        QVERIFY2(tip.contains(QStringLiteral("0.weight")) &&
                     tip.contains(QStringLiteral("gradient")),
                 qPrintable(tip));
        // Exports of the graph.
        QTemporaryDir dir;
        window.exportGraph(dir.filePath(QStringLiteral("graph.png")));
        window.exportGraph(dir.filePath(QStringLiteral("graph.svg")));
        QVERIFY(readAll(dir.filePath(QStringLiteral("graph.png"))).startsWith("\x89PNG"));
        QVERIFY(readAll(dir.filePath(QStringLiteral("graph.svg"))).contains("<svg"));
        // A live trace (Step with the graph open) replaces it and drops the cursor.
        window.show();
        window.graphDock()->raise();
        QTRY_VERIFY(window.graphDock()->isVisible());
        QSignalSpy updated(&window, &MainWindow::graphUpdated);
        window.stepBatch();
        QTRY_VERIFY(updated.count() > 0);
        QVERIFY(graph->trace() != panel->trace());
        QVERIFY(!graph->hasCursor());
        QCOMPARE(window.networkView()->highlightLayer(), -1);
    }

    // A CNN's graph starts with its layers collapsed; a click expands a layer, another on one
    // of its ops collapses it again.
    void graphGroupsCollapseAndExpand() {
        Dataset data;
        data.classes = 3;
        std::mt19937_64 rng(3);
        data.inputs = Tensor(Shape{4, 1, 8, 8});
        for (Index i = 0; i < data.inputs.numel(); ++i)
            data.inputs[i] = Scalar(std::uniform_real_distribution<double>(0, 1)(rng));
        data.labels = {0, 1, 2, 1};
        Sequential model(
            {LayerSpec::conv2d(1, 2, 3), LayerSpec::of(Activation::Relu), LayerSpec::maxPool2d(2),
             LayerSpec::conv2d(2, 2, 2), LayerSpec::of(Activation::Relu), LayerSpec::maxPool2d(2),
             LayerSpec::of(LayerKind::Flatten), LayerSpec::dropout(0.5f), LayerSpec::linear(2, 3)},
            1);
        TrainConfig config;
        config.batchSize = 4;
        Trainer trainer(model, data, nullptr, config);
        auto trace = std::make_shared<StepTrace>();
        trainer.step(trace.get());
        QVERIFY(int(trace->forward.size()) > GraphView::kCollapseAbove);
        GraphView graph;
        graph.resize(900, 360);
        graph.setTrace(trace);
        QCOMPARE(graph.groups(), QStringList({"0", "3", "8"}));
        for (const QString& g : graph.groups())
            QVERIFY(graph.isCollapsed(g));
        const int collapsedBoxes = graph.boxCount();
        QCOMPARE(collapsedBoxes, int(trace->forward.size()) - 3 * 2); // 3 members each → 1
        int layer0 = -1;
        for (int b = 0; b < graph.boxCount(); ++b)
            if (graph.boxLabel(b).startsWith(QStringLiteral("layer 0"))) layer0 = b;
        QVERIFY(layer0 >= 0);
        QTest::mouseClick(&graph, Qt::LeftButton, {}, graph.boxRect(layer0).center().toPoint());
        QVERIFY(!graph.isCollapsed(QStringLiteral("0")));
        QCOMPARE(graph.boxCount(), collapsedBoxes + 2);
        int conv = -1;
        for (int b = 0; b < graph.boxCount(); ++b)
            if (graph.boxLabel(b) == QStringLiteral("0.conv2d")) conv = b;
        QVERIFY(conv >= 0);
        // Clicking an op asks for its gradient check; the frame's title collapses the layer.
        QSignalSpy check(&graph, &GraphView::checkNodeRequested);
        QTest::mouseClick(&graph, Qt::LeftButton, {}, graph.boxRect(conv).center().toPoint());
        QCOMPARE(check.count(), 1);
        QCOMPARE(check.first().first().toInt(), 0);
        QVERIFY(!graph.isCollapsed(QStringLiteral("0")));
        const QRectF frame = graph.groupFrame(QStringLiteral("0"));
        QVERIFY(!frame.isNull());
        QTest::mouseClick(&graph, Qt::LeftButton, {},
                          (frame.topLeft() + QPointF(frame.width() / 2, 7)).toPoint());
        QVERIFY(graph.isCollapsed(QStringLiteral("0")));
        QCOMPARE(graph.boxCount(), collapsedBoxes);
        // Without a cursor every edge that carried a gradient is coloured.
        QVERIFY(graph.edgeGradient(graph.boxOfNode(0), layer0) < 0); // the input: no gradient
        QVERIFY(graph.caption().contains(QStringLiteral("rebuilt on every forward pass")));
        QVERIFY(graph.caption().contains(QStringLiteral("Dropout draws a new mask")));
    }

    // "One sample" traces a step on that training sample alone, by a copy: nothing trains.
    void oneSampleTraceLeavesTheSessionAlone() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("spiral"));
        window.stepThrough()->setOneSample(true, 3);
        QPushButton* trace = nullptr;
        for (QPushButton* b : window.stepThrough()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Trace a step")) trace = b;
        QVERIFY(trace);
        trace->click();
        QTRY_VERIFY(window.stepThrough()->trace() != nullptr);
        const StepTrace& t = *window.stepThrough()->trace();
        QCOMPARE(t.batch, Index(1));
        QCOMPARE(t.sample, Index(3));
        QCOMPARE(t.forward.front().value.shape(), Shape({1, 2}));
        QCOMPARE(window.lastSnapshot()->step, 0L);
        // The update it shows starts from the session's weights, which stay as they were.
        QCOMPARE(t.updates.front().parameter, std::string("0.weight"));
        const std::vector<float>& w = window.lastSnapshot()->dense.front().weight;
        for (Index i = 0; i < t.updates.front().before.numel(); ++i)
            QCOMPARE(t.updates.front().before[i], w[std::size_t(i)]);
        QVERIFY(t.updates.front().after[0] != w[0] || t.updates.front().gradient[0] == 0);
        QVERIFY(window.stepThrough()->detailsHtml().size() > 0);
    }

    // A gradient entry picked in the network view (an edge) or the graph (a parameter) is checked
    // alone against finite differences.
    void singleEntryChecks() {
        MainWindow window;
        window.resize(1280, 820);
        QVERIFY(window.loadPreset(QStringLiteral("xor")));
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("xor") &&
                    window.lastSnapshot()->dense.size() == 3);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showView(QStringLiteral("charts"))); // the step-through behind its tab
        QTRY_VERIFY(!window.viewInFront(QStringLiteral("step")));
        NetworkView* view = window.networkView();
        QTRY_VERIFY(!view->edgeCentre(0, 1, 0).isNull());
        QVERIFY(view->requestCheckAt(view->edgeCentre(0, 1, 0)));
        QTRY_VERIFY(window.stepThrough()->gradientCheck() != nullptr);
        // The answer comes to the front.
        QTRY_VERIFY(window.viewInFront(QStringLiteral("step")));
        const GradientCheck& c = *window.stepThrough()->gradientCheck();
        QVERIFY(c.single);
        QCOMPARE(int(c.entries.size()), 1);
        const Index inputs = window.lastSnapshot()->dense[0].in;
        QCOMPARE(c.entries[0].parameter, std::string("0.weight"));
        QCOMPARE(c.entries[0].index, 1 * inputs + 0);
        QVERIFY(c.entries[0].relativeError < 0.05);
        QVERIFY2(window.stepThrough()->detailsHtml().contains(
                     QStringLiteral("Gradient check of 0.weight[%1]").arg(inputs)),
                 qPrintable(window.stepThrough()->detailsHtml()));
        QCOMPARE(window.lastSnapshot()->step, 0L);
        // An interior node: layer 1's output (the activation), its largest-gradient entry.
        window.checkNodeGradient(1, -1);
        QTRY_VERIFY(window.stepThrough()->gradientCheck() &&
                    window.stepThrough()->gradientCheck()->node);
        const GradCheckEntry& node = window.stepThrough()->gradientCheck()->entries.front();
        QVERIFY2(QString::fromStdString(node.parameter).startsWith(QStringLiteral("1.")),
                 node.parameter.c_str());
        QVERIFY(node.autodiff != 0);
        QVERIFY2(node.relativeError < 0.05, qPrintable(QString::number(node.relativeError)));
        QVERIFY(window.stepThrough()->detailsHtml().contains(QStringLiteral("interior node")));
        // A bad name is refused with a message, nothing else happens.
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        window.checkGradientEntry(QStringLiteral("9.weight"), 0);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("9.weight")));
    }

    // The optimizer panel shows each parameter's last update against numbers computed here from
    // the snapshot's own weights and updates, and the optimizer's buffers by name.
    void optimizerPanelShowsUpdatesAndState() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("spiral"));
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
        OptimizerPanel* panel = window.optimizerPanel();
        const Snapshot& s = *window.lastSnapshot();
        QCOMPARE(panel->table()->rowCount(), int(s.parameters.size()));
        QCOMPARE(int(s.parameters.size()), 6);
        const DenseLayer& d = s.dense.front();
        double w2 = 0, u2 = 0;
        for (std::size_t i = 0; i < d.weight.size(); ++i)
            w2 += double(d.weight[i]) * d.weight[i],
                u2 += double(d.weightUpdate[i]) * d.weightUpdate[i];
        const ParameterState& p = s.parameters.front();
        QCOMPARE(p.name, std::string("0.weight"));
        QVERIFY(std::abs(p.ratio - std::sqrt(u2) / std::sqrt(w2)) <= 1e-6 * p.ratio);
        QCOMPARE(panel->table()->item(0, 5)->text(), QString::number(p.ratio, 'g', 4));
        QVERIFY(panel->header().contains(QStringLiteral("Adam")));
        QVERIFY(panel->table()->item(0, 6)->text().contains(QStringLiteral("exp_avg_sq")));
    }

    // The landscape: computed around the current weights, the path grows as training goes on;
    // principal directions need a path first and say so.
    void landscapeComputesAndFollowsThePath() {
        MainWindow window;
        QTRY_VERIFY(window.canTrain() && window.presetName() == QStringLiteral("spiral"));
        QSignalSpy failed(&window, &MainWindow::trainingFailed);
        window.computeLandscape(true, 9, 1.0); // no path yet
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("landscape")),
                 qPrintable(failed.first().first().toString()));
        LandscapeView* view = window.landscapeView();
        QSignalSpy ready(&window, &MainWindow::landscapeReady);
        window.computeLandscape(false, 9, 1.0);
        QTRY_COMPARE(ready.count(), 1);
        const Landscape& l = *view->landscape();
        QCOMPARE(l.grid.resolution, 9);
        QCOMPARE(int(l.grid.loss.size()), 81);
        for (double v : l.grid.loss)
            QVERIFY(std::isfinite(v) && v > 0);
        QVERIFY(view->canvas()->hasField() && view->canvas()->contourLevels() > 0);
        QCOMPARE(view->pathLength(), 1);
        window.runSteps(30);
        QTRY_VERIFY(window.lastSnapshot()->step == 30 && view->pathLength() >= 2);
        const auto& last = window.lastSnapshot()->landscapePoint;
        QVERIFY(last[0] != 0 || last[1] != 0);
        for (int i = 0; i < 3; ++i) {
            const long next = window.lastSnapshot()->step + 10;
            window.runSteps(10);
            QTRY_COMPARE(window.lastSnapshot()->step, next);
        }
        window.computeLandscape(true, 9, 1.0);
        QTRY_COMPARE(ready.count(), 2);
        QVERIFY(view->landscape()->principal);
        QVERIFY(view->landscape()->path.size() >= 3);
        QVERIFY(view->landscape()->explained > 0 && view->landscape()->explained <= 1 + 1e-9);
    }

    // The race runs the engine's optimizers: the view's paths are those of gs::Race itself with
    // the view's learning rate; a click moves the start and restarts.
    void raceUsesTheTrainingOptimizers() {
        RaceView view;
        view.resize(600, 450);
        view.setFunction(RaceFunction::Bowl);
        view.advance(50);
        const RaceSurface& s = raceSurface(RaceFunction::Bowl);
        Race reference(RaceFunction::Bowl, s.startX, s.startY, raceField(s.suggestedLearningRate));
        reference.step(50);
        QCOMPARE(int(view.race().racers().size()), 6);
        QCOMPARE(int(view.canvas()->paths().size()), 6);
        for (std::size_t i = 0; i < 6; ++i) {
            const Racer &a = view.race().racers()[i], &b = reference.racers()[i];
            QCOMPARE(a.label.english(), b.label.english());
            QCOMPARE(int(a.path.size()), 51);
            QCOMPARE(a.path.back().x, b.path.back().x);
            QCOMPARE(a.path.back().y, b.path.back().y);
            QVERIFY(a.path.back().value < a.path.front().value);
        }
        QVERIFY(view.canvas()->paths()[5].label.contains(QStringLiteral("Adam")));
        ContourCanvas* canvas = view.canvas();
        const QPointF target = canvas->toWidget(QPointF(1, -1));
        QTest::mouseClick(canvas, Qt::LeftButton, {}, target.toPoint());
        QCOMPARE(view.race().steps(), 0L);
        const RacePoint& start = view.race().racers().front().path.front();
        QVERIFY(std::abs(start.x - 1) < 0.1 && std::abs(start.y + 1) < 0.1);
    }

    void networkViewHoverAndClick() {
        auto s = std::make_shared<Snapshot>();
        s->inputs = 2;
        DenseLayer d;
        d.layer = 0;
        d.in = 2;
        d.out = 3;
        d.weight = {0.5f, -1.5f, 0.25f, 2.0f, -0.75f, 1.0f};
        d.weightGrad = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        d.weightUpdate = {-0.01f, -0.02f, -0.03f, -0.04f, -0.05f, -0.06f};
        d.bias = {0, 0, 0};
        s->dense.push_back(d);
        NetworkView view;
        view.resize(600, 400);
        view.setSnapshot(s);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QPointF centre = view.edgeCentre(0, 1, 0); // input 1 → unit 2: w = 0.25
        QVERIFY(!centre.isNull());
        const QString text = view.describeAt(centre);
        QVERIFY2(text.contains(QStringLiteral("w = 0.25")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("dL/dw = 0.3")), qPrintable(text));
        QSignalSpy edit(&view, &NetworkView::editWeightRequested);
        QSignalSpy follow(&view, &NetworkView::weightClicked);
        // A click follows the weight and edits nothing; a double click edits it.
        QTest::mouseClick(&view, Qt::LeftButton, {}, centre.toPoint());
        QCOMPARE(edit.count(), 0);
        QCOMPARE(follow.count(), 1);
        QCOMPARE(follow.at(0).at(1).toInt(), 1);
        QCOMPARE(follow.at(0).at(2).toInt(), 0);
        QTest::mouseDClick(&view, Qt::LeftButton, {}, centre.toPoint());
        QCOMPARE(edit.count(), 1);
        QCOMPARE(edit.at(0).at(1).toInt(), 1);
        QCOMPARE(edit.at(0).at(2).toInt(), 0);
        QCOMPARE(edit.at(0).at(3).toDouble(), 0.25);
    }

private:
    QTemporaryDir m_empty; // no MNIST here
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
