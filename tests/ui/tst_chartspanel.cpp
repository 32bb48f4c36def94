// The charts panel on its own: hovering a line shows the drawn point nearest the mouse (a data
// point, or a mean that says which steps it covers), never the cursor's position; the log axes'
// tick labels are not cut at the size the panel has on a 1280×720 screen; the charts turn dark
// with the palette.
#include "ChartsPanel.h"
#include "ViewTestSupport.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::keepShot;

namespace {

QLineSeries* seriesNamed(ChartsPanel& panel, int chart, const QString& name) {
    for (QAbstractSeries* s : panel.views().at(chart)->chart()->series())
        if (s->name() == name) return static_cast<QLineSeries*>(s);
    return nullptr;
}

// Per-layer statistics over `steps` steps spanning many decades, as a badly scaled network has.
Snapshot layerStatsSnapshot(int steps) {
    Snapshot s;
    for (int step = 1; step <= steps; ++step) {
        std::vector<LayerStats> layers(3);
        for (int l = 0; l < 3; ++l) {
            layers[std::size_t(l)].layer = 2 * l;
            layers[std::size_t(l)].gradientNorm = std::pow(10.0, -7.0 + 3 * l + step % 3);
            layers[std::size_t(l)].updateRatio = std::pow(10.0, -6.0 + 2 * l - step % 2);
        }
        s.layerStats.emplace_back(step, std::move(layers));
        s.stepLosses.emplace_back(step, 1.0 / step);
    }
    return s;
}

} // namespace

class TestChartsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Between two steps, with the mouse far below the line, the tooltip names the nearest data
    // point and its value, not the cursor's y (the "loss" of −0.0147).
    void hoverShowsTheNearestDataPoint() {
        ChartsPanel panel;
        MetricsHistory history;
        history.stepLosses = {{1, 0.9}, {2, 0.5}, {3, 0.25}, {4, 0.125}};
        panel.setHistory(history);
        const QString text = panel.hoverText(0, QStringLiteral("batch"), {2.3, -0.0147});
        QVERIFY2(text.contains(QStringLiteral("step 2: 0.5")), qPrintable(text));
        QVERIFY2(text.startsWith(QStringLiteral("batch")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("0.0147")), qPrintable(text));
        const QString later = panel.hoverText(0, QStringLiteral("batch"), {3.6, 7.0});
        QVERIFY2(later.contains(QStringLiteral("step 4: 0.125")), qPrintable(later));
        QVERIFY(panel.hoverText(0, QStringLiteral("no such line"), {1, 1}).isEmpty());
    }

    // Each chart says its lines' latest values in words, for screen readers: the loss chart
    // its last batch loss and step, before any data that it has none.
    void latestValuesAreText() {
        ChartsPanel panel;
        QVERIFY2(panel.views().at(0)->accessibleDescription().contains(QStringLiteral("no values")),
                 qPrintable(panel.views().at(0)->accessibleDescription()));
        MetricsHistory history;
        history.stepLosses = {{1, 0.9}, {2, 0.5}, {3, 0.25}, {4, 0.125}};
        panel.setHistory(history);
        QTRY_VERIFY(panel.views().at(0)->accessibleDescription().contains(
            QStringLiteral("batch 0.125 at 4")));
        QCOMPARE(panel.views().at(0)->accessibleName(), panel.views().at(0)->chart()->title());
    }

    // The series' hovered signal (what Qt Charts emits under the mouse, with the cursor's
    // position on the line) leads to the same text.
    void hoverSignalShowsData() {
        ChartsPanel panel;
        MetricsHistory history;
        history.stepLosses = {{10, 2.0}, {20, 1.0}, {30, 0.5}};
        panel.setHistory(history);
        QLineSeries* series = seriesNamed(panel, 0, QStringLiteral("batch"));
        QVERIFY(series);
        emit series->hovered(QPointF(27.0, 0.6321), true);
        QVERIFY2(panel.lastHoverText().contains(QStringLiteral("step 30: 0.5")),
                 qPrintable(panel.lastHoverText()));
        QVERIFY(!panel.lastHoverText().contains(QStringLiteral("0.6321")));
    }

    // Epoch lines say which epoch a point is; accuracy is in per cent.
    void hoverOnEpochLines() {
        ChartsPanel panel;
        MetricsHistory history;
        for (int e = 1; e <= 3; ++e) {
            EpochReport r;
            r.epoch = e;
            r.step = 100 * e;
            r.trainLoss = 1.0 / e;
            r.trainAccuracy = 0.5 + 0.1 * e;
            history.add(r);
        }
        panel.setHistory(history);
        const QString loss = panel.hoverText(0, QStringLiteral("train (epoch)"), {190, 0});
        QVERIFY2(loss.contains(QStringLiteral("epoch 2 (step 200): 0.5")), qPrintable(loss));
        const QString accuracy = panel.hoverText(1, QStringLiteral("train"), {310, 3});
        QVERIFY2(accuracy.contains(QStringLiteral("epoch 3 (step 300): 80 %")),
                 qPrintable(accuracy));
    }

    // A long run is drawn as bucket means: the tooltip says so, with the steps the mean covers,
    // and the value is exactly the mean of those steps' losses.
    void hoverOnAMeanSaysItIsOne() {
        ChartsPanel panel;
        MetricsHistory history;
        for (long step = 1; step <= 5000; ++step)
            history.stepLosses.emplace_back(step, double(step)); // loss = step: easy means
        panel.setHistory(history);
        QVERIFY(panel.pointCount(0) <= 2 * ChartsPanel::kMaxPoints);
        const QString text = panel.hoverText(0, QStringLiteral("batch"), {2500, -1});
        const QRegularExpression pattern(
            QStringLiteral("steps (\\d+)–(\\d+) \\(mean of (\\d+) points\\): ([0-9.e+]+)"));
        const QRegularExpressionMatch m = pattern.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(text));
        const long first = m.captured(1).toLong(), last = m.captured(2).toLong();
        QCOMPARE(m.captured(3).toLong(), last - first + 1);
        QVERIFY(last > first);
        QVERIFY(std::abs((first + last) / 2.0 - 2500) <= double(last - first + 1));
        QCOMPARE(m.captured(4).toDouble(), (first + last) / 2.0);
    }

    // The gradient-norm and update-ratio charts span many decades; at the size each chart has
    // in a 1280×720 window, every tick label is drawn whole (no "…").
    void logAxisLabelsAreNotCut_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x720 dock") << QSize(620, 420);
        QTest::newRow("small") << QSize(460, 380);
        QTest::newRow("1920x1080") << QSize(940, 620);
    }
    void logAxisLabelsAreNotCut() {
        QFETCH(QSize, size);
        ChartsPanel panel;
        panel.resize(size);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.append(layerStatsSnapshot(50));
        panel.flush();
        QApplication::processEvents();
        keepShot(panel, QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-'));
        for (int chart : {2, 3}) {
            const QList<QAbstractAxis*> axes = panel.views().at(chart)->chart()->axes(Qt::Vertical);
            QCOMPARE(axes.size(), 1);
            auto* axis = qobject_cast<QLogValueAxis*>(axes.front());
            QVERIFY(axis);
            QVERIFY(axis->max() / axis->min() >= 1e4); // several decades to label
            QVERIFY2(!axis->labelsTruncated(),
                     qPrintable(QStringLiteral("chart %1's labels are cut").arg(chart)));
        }
    }

    // The value axes of short charts (the 1280×720 window gives each chart about 60 pixels of
    // plot height) thin their ticks out instead of cutting every label to "…".
    void valueLabelsAreNotCutInShortCharts_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x720 dock") << QSize(660, 300);
        QTest::newRow("shorter") << QSize(560, 250);
        QTest::newRow("tall") << QSize(660, 700);
    }
    void valueLabelsAreNotCutInShortCharts() {
        QFETCH(QSize, size);
        ChartsPanel panel;
        panel.resize(size);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        MetricsHistory history;
        for (long step = 1; step <= 300; ++step)
            history.stepLosses.emplace_back(step, 0.4 + 0.3 / double(step));
        for (int e = 1; e <= 6; ++e) {
            EpochReport r;
            r.epoch = e;
            r.step = 50 * e;
            r.trainLoss = 0.6;
            r.trainAccuracy = 0.5 + 0.05 * e;
            history.add(r);
        }
        panel.setHistory(history);
        panel.flush();
        const QImage drawn = panel.grab().toImage(); // at once, as a screenshot does
        QVERIFY(!drawn.isNull());
        keepShot(panel, QStringLiteral("values-") + QTest::currentDataTag());
        for (int chart : {0, 1}) {
            auto* y = qobject_cast<QValueAxis*>(
                panel.views().at(chart)->chart()->axes(Qt::Vertical).front());
            QVERIFY(y);
            QVERIFY2(!y->labelsTruncated(), qPrintable(QString::number(chart)));
            QVERIFY(y->tickInterval() > 0);
            QVERIFY((y->max() - y->min()) / y->tickInterval() <= 5.0 + 1e-9);
        }
    }

    // The step axis is labelled at whole, round steps (0, 10, 20, … not 0, 12.5, 25, …).
    void stepTicksAreWholeNumbers_data() {
        QTest::addColumn<long>("steps");
        QTest::newRow("3") << 3L;
        QTest::newRow("50") << 50L;
        QTest::newRow("1300") << 1300L;
    }
    void stepTicksAreWholeNumbers() {
        QFETCH(long, steps);
        ChartsPanel panel;
        panel.resize(700, 640); // tall enough for five labelled intervals
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        MetricsHistory history;
        for (long step = 1; step <= steps; ++step)
            history.stepLosses.emplace_back(step, 1.0);
        panel.setHistory(history);
        auto* x =
            qobject_cast<QValueAxis*>(panel.views().at(0)->chart()->axes(Qt::Horizontal).front());
        QVERIFY(x);
        QVERIFY(x->max() >= double(steps));
        QCOMPARE(x->tickType(), QValueAxis::TicksDynamic);
        QCOMPARE(x->tickAnchor(), 0.0);
        const double interval = x->tickInterval();
        QVERIFY2(interval >= 1 && interval == std::round(interval),
                 qPrintable(QString::number(interval)));
        QVERIFY(x->max() / interval <= 5.0 + 1e-9);
        // The loss axis too: 0 to 1 in steps of 0.2 (not 0.25); accuracy in 20s.
        auto* y =
            qobject_cast<QValueAxis*>(panel.views().at(0)->chart()->axes(Qt::Vertical).front());
        QCOMPARE(y->tickType(), QValueAxis::TicksDynamic);
        QCOMPARE(y->max(), 1.0);
        QCOMPARE(y->tickInterval(), 0.2);
        auto* percent =
            qobject_cast<QValueAxis*>(panel.views().at(1)->chart()->axes(Qt::Vertical).front());
        QCOMPARE(percent->max(), 100.0);
        QCOMPARE(percent->tickInterval(), 20.0);
        panel.resize(620, 420);
        keepShot(panel, QStringLiteral("steps-") + QTest::currentDataTag());
    }

    // The same while the panel is on screen and the steps arrive a few at a time, as in the
    // app: the step labels stay whole (a stale tick interval once left hundreds of "…").
    void stepLabelsStayWholeWhileTraining() {
        ChartsPanel panel;
        panel.resize(620, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        long step = 0;
        for (int chunk = 0; chunk < 12; ++chunk) {
            Snapshot s;
            for (int i = 0; i < (chunk < 11 ? 10 : 190); ++i) {
                ++step;
                s.stepLosses.emplace_back(step, 1.0 / double(step));
                s.layerStats.push_back({step, {LayerStats{}}});
                s.layerStats.back().second.front().gradientNorm = 0.1;
                s.layerStats.back().second.front().updateRatio = 0.001;
            }
            if (chunk % 3 == 2) {
                EpochReport e;
                e.epoch = int(step / 50);
                e.step = step;
                e.trainLoss = 0.5;
                e.trainAccuracy = 0.6;
                e.test.samples = 20;
                e.test.loss = 0.55;
                e.test.accuracy = 0.58;
                s.epochs.push_back(e);
            }
            panel.append(s);
            panel.flush();
            if (chunk < 11)
                QApplication::processEvents(); // the last: drawn at once, as a
                                               // screenshot or an export does
        }
        const QImage drawn = panel.grab().toImage();
        keepShot(panel, QStringLiteral("training"));
        for (int chart = 0; chart < 4; ++chart) {
            auto* x = qobject_cast<QValueAxis*>(
                panel.views().at(chart)->chart()->axes(Qt::Horizontal).front());
            QVERIFY(x);
            QCOMPARE(x->max(), 500.0);
            QCOMPARE(x->tickInterval(), 100.0);
            QVERIFY2(!x->labelsTruncated(), qPrintable(QString::number(chart)));
        }
    }

    // The charts' text follows the panel's font (presenter mode's text size), also after a
    // change of theme.
    void fontsFollowThePanel() {
        ChartsPanel panel;
        QFont big = panel.font();
        big.setPointSizeF(panel.font().pointSizeF() * 2);
        panel.setFont(big);
        for (QChartView* view : panel.views()) {
            QCOMPARE(view->chart()->titleFont().pointSizeF(), big.pointSizeF());
            QVERIFY(view->chart()->legend()->font().pointSizeF() > big.pointSizeF() * 0.8);
        }
        panel.setDark(true);
        QCOMPARE(panel.views().front()->chart()->titleFont().pointSizeF(), big.pointSizeF());
    }

    // Thousands of epochs (a toy set at full speed) are drawn as at most about 2·kMaxPoints
    // points per line, like the step lines, so a redraw stays short however long the run.
    void epochLinesStayBounded() {
        ChartsPanel panel;
        Snapshot s;
        for (int epoch = 1; epoch <= 20000; ++epoch) {
            EpochReport e;
            e.epoch = epoch;
            e.step = 25L * epoch;
            e.trainLoss = 1.0 / epoch;
            e.trainAccuracy = 0.5;
            e.test.samples = 10;
            e.test.loss = 1.0 / epoch;
            e.test.accuracy = 0.5;
            s.epochs.push_back(e);
        }
        panel.append(s);
        panel.flush();
        QCOMPARE(int(panel.history().epochs.size()), 20000); // the history keeps every epoch
        QVERIFY2(panel.pointCount(1) <= 4 * ChartsPanel::kMaxPoints + 2,
                 qPrintable(QString::number(panel.pointCount(1))));
        QVERIFY(panel.pointCount(1) >= 2 * ChartsPanel::kMaxPoints / 2);
        // The last point is the mean of the epochs it stands for, near the end of the run.
        const QString hover = panel.hoverText(1, QStringLiteral("train"), {500000, 50});
        QVERIFY2(hover.contains(QStringLiteral("mean of")), qPrintable(hover));
    }

    // A million steps, with layer statistics and an epoch every 25, leave the panel's history
    // and lines within their caps: a day of training takes a fixed memory (issue 12).
    void aMillionStepsStayBounded() {
        ChartsPanel panel;
        for (long start = 1; start <= 1'000'000; start += 10'000) {
            Snapshot s;
            for (long step = start; step < start + 10'000; ++step) {
                s.stepLosses.emplace_back(step, 1.0 / double(step));
                s.layerStats.push_back({step, {LayerStats{0, 0.1, 0.001}}});
                if (step % 25 == 0) {
                    EpochReport e;
                    e.epoch = int(step / 25);
                    e.step = step;
                    e.trainLoss = 1.0 / double(step);
                    s.epochs.push_back(e);
                }
            }
            panel.append(s);
        }
        panel.flush();
        const MetricsHistory& h = panel.history();
        QVERIFY(h.stepLosses.size() <= MetricsHistory::kMaxStepLosses + 1);
        QVERIFY(h.layerStats.size() <= MetricsHistory::kMaxLayerStats + 1);
        QVERIFY(h.epochs.size() <= MetricsHistory::kMaxEpochs + 1);
        QCOMPARE(h.stepLosses.back().first, 1'000'000L);
        for (int chart = 0; chart < 4; ++chart)
            QVERIFY(panel.pointCount(chart) <= 6 * ChartsPanel::kMaxPoints);
    }

    // Each chart's title fits its chart at 1280×720 (Qt Charts cuts a long one to "…").
    void titlesFit() {
        ChartsPanel panel;
        panel.resize(620, 420);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        for (QChartView* view : panel.views()) {
            const QChart* chart = view->chart();
            const double room =
                chart->size().width() - chart->margins().left() - chart->margins().right() - 8;
            const double wide = QFontMetricsF(chart->titleFont()).horizontalAdvance(chart->title());
            QVERIFY2(wide <= room, qPrintable(chart->title()));
        }
    }

    // Lines that appear while the panel is on screen (the test loss after the first epoch, a
    // layer's statistics after the first step) have their legend entries drawn: in the app the
    // loss chart's legend was missing, so nothing said which line was which.
    void legendsShowLinesAddedWhileShown() {
        ChartsPanel panel;
        panel.resize(830, 380);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        long step = 0;
        for (int chunk = 0; chunk < 30; ++chunk) {
            Snapshot s;
            for (int i = 0; i < 10; ++i) {
                ++step;
                s.stepLosses.emplace_back(step, 0.5 + 0.2 * std::sin(double(step)));
                s.layerStats.push_back({step, {LayerStats{}}});
                s.layerStats.back().second.front().gradientNorm = 0.1;
                s.layerStats.back().second.front().updateRatio = 0.001;
            }
            if (chunk % 3 == 2) {
                EpochReport e;
                e.epoch = chunk / 3 + 1;
                e.step = step;
                e.trainLoss = 0.5;
                e.trainAccuracy = 0.6;
                e.test.samples = 20;
                e.test.loss = 0.55;
                e.test.accuracy = 0.58;
                s.epochs.push_back(e);
            }
            panel.append(s);
            QApplication::processEvents();
        }
        panel.flush();
        keepShot(panel, QStringLiteral("legends-while-shown"));
        QCOMPARE(panel.views().at(0)->chart()->series().size(), 3);
        for (int chart = 0; chart < 4; ++chart)
            for (QLegendMarker* marker : panel.views().at(chart)->chart()->legend()->markers())
                QVERIFY2(marker->isVisible(),
                         qPrintable(QStringLiteral("%1: %2").arg(chart).arg(marker->label())));
    }

    // Each chart's legend fits its width whole, even a little under 1280×720 (short names: "batch",
    // "train (epoch)", "test (epoch)"), rather than cut to "batch lo…".
    void legendsFit() {
        ChartsPanel panel;
        panel.resize(600, 300);
        MetricsHistory history;
        history.stepLosses = {{1, 0.9}, {2, 0.5}};
        EpochReport r;
        r.epoch = 1;
        r.step = 2;
        r.trainLoss = 0.7;
        r.test.samples = 10;
        r.test.loss = 0.8;
        r.test.accuracy = 0.5;
        r.trainAccuracy = 0.6;
        history.add(r);
        panel.setHistory(history);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.views().at(0)->chart()->series().size(), 3);
        keepShot(panel, QStringLiteral("legends"));
        for (QChartView* view : panel.views()) {
            const QChart* chart = view->chart();
            const QFontMetricsF fm(chart->legend()->font());
            double wide = 0; // each entry: its name, the colour square and the gaps
            for (const QAbstractSeries* series : chart->series())
                wide += fm.horizontalAdvance(series->name()) + fm.height() + 12;
            QVERIFY2(wide <= chart->size().width() - 16, qPrintable(chart->title()));
            for (QLegendMarker* marker : chart->legend()->markers())
                QVERIFY(marker->isVisible());
        }
    }

    // Setting a dark palette on the panel (what QApplication::setPalette does to every widget)
    // turns every chart dark, with no call from the window; a light one turns them back.
    void followsThePalette() {
        ChartsPanel panel;
        panel.resize(620, 420);
        panel.append(layerStatsSnapshot(20));
        panel.flush();
        const auto backgroundLightness = [&panel](int chart) {
            const QImage image = panel.views().at(chart)->grab().toImage();
            return image.pixelColor(3, image.height() / 2).lightness();
        };
        QVERIFY(backgroundLightness(0) > 200);
        panel.setPalette(darkPalette());
        QVERIFY(panel.isDark());
        for (int chart = 0; chart < 4; ++chart) {
            QCOMPARE(panel.views().at(chart)->chart()->theme(), QChart::ChartThemeDark);
            QVERIFY2(backgroundLightness(chart) < 80, qPrintable(QString::number(chart)));
        }
        QCOMPARE(panel.views().at(2)->chart()->title(),
                 QStringLiteral("Gradient norm ‖dL/dW‖ (log)"));
        panel.setPalette(QPalette(QColor(240, 240, 240)));
        QVERIFY(!panel.isDark());
        QVERIFY(backgroundLightness(1) > 200);
    }
};

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
