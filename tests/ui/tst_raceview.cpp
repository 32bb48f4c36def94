// The optimizer race on its own: on every test function the legend covers no racer's start (the
// issue: it hid the start point), beside the plot where there is room and in a free corner where
// there is not; the start is marked; the contour canvas turns dark with the palette.
#include "ContourCanvas.h"
#include "RaceView.h"
#include "ViewTestSupport.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::keepShot;

namespace {} // namespace

class TestRaceView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void legendCoversNoStart_data() {
        QTest::addColumn<int>("function");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("outside");
        for (int f = 0; f < int(RaceFunction::Count); ++f) {
            const QString name = QString::fromLatin1(raceSurface(RaceFunction(f)).name);
            QTest::addRow("%s 1280x720", qPrintable(name)) << f << QSize(900, 520) << true;
            QTest::addRow("%s 1280x720 dock", qPrintable(name)) << f << QSize(680, 400) << true;
            // Narrow: the controls wrap onto more lines, and the legend goes over the plot, in
            // a corner that leaves every start clear.
            QTest::addRow("%s narrow", qPrintable(name)) << f << QSize(330, 420) << false;
            QTest::addRow("%s smallest", qPrintable(name)) << f << QSize(200, 200) << false;
        }
    }
    void legendCoversNoStart() {
        QFETCH(int, function);
        QFETCH(QSize, size);
        QFETCH(bool, outside);
        RaceView view;
        view.resize(size);
        view.setFunction(RaceFunction(function));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.advance(150);
        ContourCanvas* canvas = view.canvas();
        const QRectF legend = canvas->legendRect();
        if (legend.isEmpty() && size.width() <= 200) return; // so small it hides no start
        QVERIFY(!legend.isEmpty());
        QCOMPARE(canvas->legendOutside(), outside);
        QVERIFY(canvas->rect().contains(legend.toAlignedRect()));
        QVERIFY(!canvas->paths().empty());
        // The start (with its ring) is never under the legend.
        const QRectF guarded = legend.adjusted(-6, -6, 6, 6);
        for (const ContourCanvas::Path& path : canvas->paths()) {
            QVERIFY(!path.points.empty());
            QVERIFY2(!guarded.contains(canvas->toWidget(path.points.front())),
                     qPrintable(path.label));
        }
        if (outside) {
            // Beside or under the plot: it hides nothing at all, the axes' labels included.
            const QRectF plot = canvas->plotRect();
            QVERIFY(!legend.intersects(plot.adjusted(-50, 0, 0, 36)));
            QVERIFY2(plot.width() >= 0.55 * size.width() && plot.height() >= 0.5 * size.height(),
                     qPrintable(QStringLiteral("%1 × %2").arg(plot.width()).arg(plot.height())));
        }
        keepShot(view, QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-'));
    }

    // Where even the race view's smallest canvas leaves no room beside or under the plot (a
    // canvas on its own), the legend goes into the corner that holds no start.
    void overThePlotItAvoidsTheStart_data() {
        QTest::addColumn<QPointF>("start");
        QTest::newRow("top left") << QPointF(-0.9, 0.9);
        QTest::newRow("top right") << QPointF(0.9, 0.9);
        QTest::newRow("bottom left") << QPointF(-0.9, -0.9);
        QTest::newRow("bottom right") << QPointF(0.9, -0.9);
    }
    void overThePlotItAvoidsTheStart() {
        QFETCH(QPointF, start);
        ContourCanvas canvas;
        canvas.resize(280, 230);
        std::vector<double> values;
        for (int r = 0; r < 11; ++r)
            for (int c = 0; c < 11; ++c)
                values.push_back(std::pow((c - 5) / 5.0, 2) + std::pow((r - 5) / 5.0, 2));
        canvas.setField(11, 11, values, QRectF(-1, -1, 2, 2), QStringLiteral("x"),
                        QStringLiteral("y"));
        std::vector<ContourCanvas::Path> paths;
        for (int i = 0; i < 6; ++i) {
            ContourCanvas::Path path;
            path.label = QStringLiteral("SGD (momentum 0.90, Nesterov): f = 0.00%1").arg(i);
            path.color = Qt::red;
            for (int k = 0; k <= 10; ++k)
                path.points.push_back(start * (1 - k / 10.0));
            paths.push_back(path);
        }
        canvas.setPaths(paths);
        QVERIFY(!canvas.legendOutside());
        const QRectF legend = canvas.legendRect();
        QVERIFY(!legend.isEmpty());
        QVERIFY(!legend.adjusted(-6, -6, 6, 6).contains(canvas.toWidget(start)));
    }

    // Clicking the plot starts the race from there; the legend goes where it covers the new
    // start too.
    void newStartIsNotCovered() {
        RaceView view;
        view.resize(330, 420);
        view.setFunction(RaceFunction::Bowl);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ContourCanvas* canvas = view.canvas();
        for (const QPointF corner : {canvas->plotRect().topLeft() + QPointF(20, 20),
                                     canvas->plotRect().topRight() + QPointF(-20, 20),
                                     canvas->plotRect().bottomLeft() + QPointF(20, -20)}) {
            QTest::mouseClick(canvas, Qt::LeftButton, {}, corner.toPoint());
            const QPointF start = canvas->toWidget(canvas->paths().front().points.front());
            QVERIFY(std::abs(start.x() - corner.x()) < 2 && std::abs(start.y() - corner.y()) < 2);
            QVERIFY(!canvas->legendRect().adjusted(-6, -6, 6, 6).contains(start));
        }
    }

    // The keyboard's point: Tab in puts it in the middle of the plot, the arrows move it and
    // read out the value there, Enter starts the race from it.
    void keyboardStartsTheRace() {
        RaceView view;
        view.resize(330, 420);
        view.setFunction(RaceFunction::Bowl);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        ContourCanvas* canvas = view.canvas();
        QVERIFY(!canvas->hasKeyboardPoint());
        canvas->setFocus(Qt::TabFocusReason);
        QVERIFY(canvas->hasKeyboardPoint());
        const QPointF middle = canvas->keyboardPoint();
        QVERIFY(std::abs(canvas->toWidget(middle).x() - canvas->plotRect().center().x()) < 2);
        QTest::keyClick(canvas, Qt::Key_Right);
        QTest::keyClick(canvas, Qt::Key_Right);
        QTest::keyClick(canvas, Qt::Key_Up);
        const QPointF moved = canvas->keyboardPoint();
        QVERIFY(moved.x() > middle.x());
        const double step = canvas->plotRect().width() / 24;
        QVERIFY(std::abs(canvas->toWidget(moved).x() - canvas->toWidget(middle).x() - 2 * step) <
                0.5);
        QCOMPARE(canvas->accessibleDescription(), canvas->describeField(moved));
        QTest::keyClick(canvas, Qt::Key_Return);
        const QPointF start = canvas->toWidget(canvas->paths().front().points.front());
        const QPointF at = canvas->toWidget(moved);
        QVERIFY(std::abs(start.x() - at.x()) < 2 && std::abs(start.y() - at.y()) < 2);
        for (int i = 0; i < 40; ++i)
            QTest::keyClick(canvas, Qt::Key_Left); // kept inside the plot
        QVERIFY(canvas->plotRect()
                    .adjusted(-0.5, -0.5, 0.5, 0.5)
                    .contains(canvas->toWidget(canvas->keyboardPoint())));
    }

    // The legend is as wide as its widest label so far: the plot keeps its size while the
    // racers' values change every frame.
    void plotKeepsItsSizeWhileRacing() {
        RaceView view;
        view.resize(680, 400);
        view.setFunction(RaceFunction::Rosenbrock);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRectF plot = view.canvas()->plotRect();
        for (int frame = 0; frame < 40; ++frame) {
            view.advance(5);
            QCOMPARE(view.canvas()->plotRect(), plot);
        }
    }

    // A dark palette darkens the background and the field's colours; the text turns light.
    // A race behind another tab pauses: it takes no processor time from training while nobody
    // watches it (the issue: it ran on, using most of a core, after the user moved on).
    void pausesWhenHidden() {
        RaceView view;
        view.resize(680, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.play();
        QVERIFY(view.isPlaying());
        view.hide();
        QVERIFY(!view.isPlaying());
    }

    void followsThePalette() {
        RaceView view;
        view.resize(900, 520);
        view.setFunction(RaceFunction::Rosenbrock);
        ContourCanvas* canvas = view.canvas();
        const QPointF valley(1, 1);
        const QColor lightField = canvas->fieldColorAt(valley);
        QVERIFY(lightField.isValid() && lightField.lightness() > 150);
        QVERIFY(!canvas->isDark());
        view.setPalette(darkPalette()); // reaches the canvas as QEvent::PaletteChange
        QVERIFY(canvas->isDark());
        QVERIFY(canvas->fieldColorAt(valley).lightness() < 100);
        const QImage image = canvas->grab().toImage();
        QVERIFY(image.pixelColor(2, 2).lightness() < 60); // the margin
        view.setPalette(QPalette(QColor(240, 240, 240)));
        QVERIFY(!canvas->isDark());
        QCOMPARE(canvas->fieldColorAt(valley), lightField);
        keepShot(view, QStringLiteral("light"));
        view.setPalette(darkPalette());
        view.advance(150);
        keepShot(view, QStringLiteral("dark"));
    }
};

QTEST_MAIN(TestRaceView)
#include "tst_raceview.moc"
