// The loss landscape on its own: a landscape and the snapshots on its plane draw the path; the
// directions box says which directions are shown; the axes are labelled at round values; the
// path's legend hides nothing; the canvas turns dark with the palette.
#include "ContourCanvas.h"
#include "LandscapeView.h"
#include "ViewTestSupport.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::keepShot;

namespace {

// A bowl around (1, −0.5) on [−6.43, 6.43] × [−1.01, 1.01], like a principal-directions slice.
LandscapePtr bowl(bool principal) {
    auto l = std::make_shared<Landscape>();
    l->id = 7;
    l->principal = principal;
    l->explained = 0.98;
    l->step = 300;
    l->samples = 250;
    LandscapeGrid& g = l->grid;
    g.resolution = 21;
    g.alphaMin = -6.43, g.alphaMax = 6.43, g.betaMin = -1.01, g.betaMax = 1.01;
    for (int r = 0; r < g.resolution; ++r)
        for (int c = 0; c < g.resolution; ++c) {
            const double a = g.alphaMin + (g.alphaMax - g.alphaMin) * c / (g.resolution - 1);
            const double b = g.betaMin + (g.betaMax - g.betaMin) * r / (g.resolution - 1);
            g.loss.push_back(0.2 + 0.05 * (a - 1) * (a - 1) + 2 * (b + 0.5) * (b + 0.5));
        }
    l->centerLoss = 0.3;
    l->path = {{5, -0.9}, {4, -0.6}, {2, 0.5}, {0, 0}};
    return l;
}

SnapshotPtr onPlane(int id, double alpha, double beta) {
    auto s = std::make_shared<Snapshot>();
    s->onLandscape = true;
    s->landscapeId = id;
    s->landscapePoint = {alpha, beta};
    return s;
}

} // namespace

class TestLandscapeView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void drawsThePathAndFollowsSnapshots() {
        LandscapeView view;
        view.setLandscape(bowl(false));
        QCOMPARE(view.pathLength(), 4);
        QVERIFY(view.canvas()->hasField());
        view.showSnapshot(onPlane(7, -0.5, 0.1));
        QCOMPARE(view.pathLength(), 5);
        view.showSnapshot(onPlane(8, -0.7, 0.1)); // another landscape's point: ignored
        QCOMPARE(view.pathLength(), 5);
        QCOMPARE(view.canvas()->paths().front().points.back(), QPointF(-0.5, 0.1));
        view.clear();
        QVERIFY(!view.canvas()->hasField());
        QCOMPARE(view.pathLength(), 0);
    }

    // A principal landscape shown while the box said "Random directions" (the app's screenshot
    // at 1280×720): the box now says what the axes say.
    void directionsBoxMatchesTheLandscape() {
        LandscapeView view;
        QVERIFY(!view.principal());
        view.setLandscape(bowl(true));
        QVERIFY(view.principal());
        view.setLandscape(bowl(false));
        QVERIFY(!view.principal());
    }

    // Round tick values: the screenshot had −6.43, −3.22, 0, 3.22, 6.43.
    void ticksAreRound_data() {
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("±6.43") << -6.43 << 6.43 << QList<double>{-6, -4, -2, 0, 2, 4, 6};
        QTest::newRow("±1.01") << -1.01 << 1.01 << QList<double>{-1, -0.5, 0, 0.5, 1};
        QTest::newRow("rosenbrock y") << -1.0 << 3.0 << QList<double>{-1, 0, 1, 2, 3};
        QTest::newRow("bowl x") << -5.0 << 5.0 << QList<double>{-4, -2, 0, 2, 4};
        QTest::newRow("0.3 to 0.9")
            << 0.3 << 0.9 << QList<double>{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    }
    void ticksAreRound() {
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(QList<double>, expected);
        const std::vector<double> ticks = ContourCanvas::ticks(low, high);
        QCOMPARE(int(ticks.size()), int(expected.size()));
        for (int i = 0; i < int(expected.size()); ++i)
            QVERIFY2(std::abs(ticks[std::size_t(i)] - expected[i]) < 1e-12,
                     qPrintable(QString::number(ticks[std::size_t(i)])));
        QVERIFY(ContourCanvas::ticks(1, 1).empty());
        QVERIFY(ContourCanvas::ticks(0, std::nan("")).empty());
    }

    // The legend of the path sits beside the plot at a 1280×720 size, hiding none of it.
    void legendHidesNothing() {
        LandscapeView view;
        view.resize(560, 360);
        view.setLandscape(bowl(true));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const ContourCanvas* canvas = view.canvas();
        QVERIFY(canvas->legendOutside());
        QVERIFY(!canvas->legendRect().intersects(canvas->plotRect()));
        keepShot(view, QStringLiteral("light"));
    }

    void followsThePalette() {
        LandscapeView view;
        view.resize(560, 360);
        view.setLandscape(bowl(true));
        const QImage light = view.canvas()->grab().toImage();
        QVERIFY(light.pixelColor(2, 2).lightness() > 200);
        const QColor lightValley = view.canvas()->fieldColorAt({1, -0.5});
        view.setPalette(darkPalette());
        QVERIFY(view.canvas()->isDark());
        const QImage dark = view.canvas()->grab().toImage();
        QVERIFY(dark.pixelColor(2, 2).lightness() < 60);
        QVERIFY(view.canvas()->fieldColorAt({1, -0.5}).lightness() < lightValley.lightness() - 80);
        keepShot(view, QStringLiteral("dark"));
    }
};

QTEST_MAIN(TestLandscapeView)
#include "tst_landscapeview.moc"
