// The output view on its own: the misclassified digits' captions ("4→9") are in the UI's font
// size and the whole grid still fits the view; hovering a digit names its classes in full; the
// decision surface and the digits follow a dark palette.
#include "OutputView.h"
#include "ViewTestSupport.h"

#include <QApplication>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::keepShot;

namespace {

// 32 test digits as the worker sends them: 20 first samples, then mistakes; digit i is a bar
// in row i % 10, predicted right unless i % 4 == 3.
SnapshotPtr digits(std::vector<std::string> names) {
    auto s = std::make_shared<Snapshot>();
    s->imageSide = 28;
    s->classes = 10;
    if (names.empty())
        for (int c = 0; c < 10; ++c)
            names.push_back(std::to_string(c));
    s->classNames = std::move(names);
    s->evaluated = 500;
    s->confusion.assign(100, 0);
    for (int c = 0; c < 10; ++c) {
        s->confusion[std::size_t(c * 10 + c)] = 45;
        s->confusion[std::size_t(c * 10 + (c + 5) % 10)] = 5;
    }
    for (int i = 0; i < 32; ++i) {
        Snapshot::Digit d;
        d.pixels.assign(784, 0);
        for (int x = 4; x < 24; ++x)
            d.pixels[std::size_t((i % 10) * 2 * 28 + 28 + x)] = 255;
        d.label = i % 10;
        d.predicted = i % 4 == 3 ? (i + 5) % 10 : d.label;
        d.confidence = 0.75f;
        s->digits.push_back(std::move(d));
    }
    return s;
}

// The decision surface of a 2-D classifier: 2·P(class 1) − 1 over the plane, a diagonal boundary.
SnapshotPtr surface() {
    auto s = std::make_shared<Snapshot>();
    s->grid = 20;
    for (int r = 0; r < 20; ++r)
        for (int c = 0; c < 20; ++c)
            s->outputMap.push_back(float(c - r) / 20.0f);
    auto points = std::make_shared<std::vector<PlanePoint>>();
    points->push_back({-3, 2, 0, false});
    points->push_back({3, -2, 1, false});
    s->points = points;
    return s;
}

// Three classes in vertical bands, the network sure of each (probability 1), and a point of
// each class in its band.
SnapshotPtr threeBands() {
    auto s = std::make_shared<Snapshot>();
    s->grid = 30;
    s->dataClasses = 3;
    for (int r = 0; r < 30; ++r)
        for (int c = 0; c < 30; ++c) {
            s->outputClass.push_back(std::uint8_t(c / 10));
            s->outputMap.push_back(1.0f);
        }
    auto points = std::make_shared<std::vector<PlanePoint>>();
    for (int k = 0; k < 3; ++k)
        points->push_back({float(-4 + 4 * k), 0, float(k), false});
    s->points = points;
    return s;
}

// How many pixels of `image` are `colour`, give or take 3 in each channel.
int pixelsOf(const QImage& image, const QColor& colour) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            count += std::abs(c.red() - colour.red()) <= 3 &&
                     std::abs(c.green() - colour.green()) <= 3 &&
                     std::abs(c.blue() - colour.blue()) <= 3;
        }
    return count;
}

} // namespace

class TestOutputView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The issue: 8-pixel "4→9" captions. At the sizes the view has on a 1280×720 screen and
    // larger, every caption is in the UI's font, whole, and every tile lies inside the view
    // without touching another.
    // Where there is no room for all 32 digits at a size that can be read (the 1280×720
    // window's dock, and the same with a notice above it), as many as fit are shown at that
    // size, never none, and the matrix's counts stay readable (the issue: 16-pixel digits, 7-pixel
    // counts, and no digits at all while a notice showed).
    void captionsAreReadableAndFit_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("fewest");
        QTest::addColumn<int>("countPixels");
        QTest::newRow("1280x720 dock") << QSize(250, 310) << 12 << 7;
        QTest::newRow("1280x720 dock, notice") << QSize(250, 275) << 6 << 7;
        QTest::newRow("side") << QSize(300, 560) << 32 << 9;
        QTest::newRow("square") << QSize(420, 440) << 32 << 10;
        QTest::newRow("1920x1080") << QSize(520, 760) << 32 << 12;
    }
    void captionsAreReadableAndFit() {
        QFETCH(QSize, size);
        QFETCH(int, fewest);
        QFETCH(int, countPixels);
        OutputView view;
        view.resize(size);
        view.setSnapshot(digits({}));
        const QFont font = view.captionFont();
        QVERIFY(QFontInfo(font).pixelSize() >= QFontInfo(QApplication::font()).pixelSize());
        const QFontMetricsF fm(font);
        const std::vector<OutputView::DigitTile> tiles = view.digitTiles();
        QVERIFY2(int(tiles.size()) >= fewest, qPrintable(QString::number(tiles.size())));
        QVERIFY(view.matrixRect().width() / 10 >= 13);
        QVERIFY2(view.cellFontPixels() >= countPixels,
                 qPrintable(QString::number(view.cellFontPixels())));
        QVERIFY(view.matrixRect().bottom() < tiles.front().picture.top());
        const QRectF inside = QRectF(view.rect());
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            const OutputView::DigitTile& t = tiles[i];
            const bool wrong = i % 4 == 3;
            const QString expected = wrong ? QStringLiteral("%1→%2").arg(i % 10).arg((i + 5) % 10)
                                           : QString::number(i % 10);
            QCOMPARE(t.text, expected);
            QVERIFY(t.caption.height() >= fm.height());
            QVERIFY(t.caption.width() >= fm.horizontalAdvance(t.text));
            QVERIFY(t.picture.width() >= OutputView::kSmallestDigit); // the digit stays legible
            QVERIFY(inside.contains(t.picture) && inside.contains(t.caption));
            for (std::size_t j = 0; j < i; ++j) {
                const QRectF a = t.picture.united(t.caption);
                const QRectF b = tiles[j].picture.united(tiles[j].caption);
                QVERIFY(!a.intersects(b));
            }
        }
        keepShot(view, QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-'));
    }

    // Fashion-MNIST's names do not fit a tile: the caption is cut with "…", and the tooltip
    // gives both names and the network's confidence.
    void longNamesAreElidedAndInTheTooltip() {
        OutputView view;
        view.resize(300, 560);
        view.setSnapshot(digits({"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                                 "Shirt", "Sneaker", "Bag", "Ankle boot"}));
        const std::vector<OutputView::DigitTile> tiles = view.digitTiles();
        QVERIFY(int(tiles.size()) >= 16); // wider captions: fewer of them at a legible size
        const QFontMetricsF fm(view.captionFont());
        for (const OutputView::DigitTile& t : tiles)
            QVERIFY(fm.horizontalAdvance(t.text) <= t.caption.width() + 0.5);
        const QString tip = view.describeAt(tiles[3].picture.center()); // 3 taken for 8
        QVERIFY2(tip.contains(QStringLiteral("Dress")) && tip.contains(QStringLiteral("Bag")) &&
                     tip.contains(QStringLiteral("75.0 %")),
                 qPrintable(tip));
        QVERIFY(view.describeAt(tiles[0].caption.center()).contains(QStringLiteral("Right")));
        QVERIFY(view.describeAt(QPointF(1, 1)).isEmpty());
        keepShot(view, QStringLiteral("fashion"));
    }

    // The two classes of 2-D data differ in shape, not only in colour: a disc and a square of
    // the same area, so a corner of the square is filled where the disc leaves the background.
    void classesDifferInShape() {
        const auto draw = [](OutputView::Marker marker) {
            QImage image(40, 40, QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter p(&image);
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::black);
            OutputView::drawMarker(p, QPointF(20, 20), marker);
            return image;
        };
        const QImage disc = draw(OutputView::Marker::Disc);
        const QImage square = draw(OutputView::Marker::Square);
        int discInk = 0, squareInk = 0;
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 40; ++x) {
                discInk += qGray(disc.pixel(x, y)) < 128;
                squareInk += qGray(square.pixel(x, y)) < 128;
            }
        QVERIFY2(std::abs(discInk - squareInk) <= 8,
                 qPrintable(QStringLiteral("%1 vs %2 pixels").arg(discInk).arg(squareInk)));
        QCOMPARE(qGray(square.pixel(22, 22)), 0); // the square's corner
        QCOMPARE(qGray(disc.pixel(22, 22)), 255);
        QCOMPARE(qGray(disc.pixel(20, 20)), 0);
    }

    // Every class's marker covers the same area, and no two have the same shape.
    void everyClassHasAShapeOfItsOwn() {
        std::vector<QImage> shapes;
        for (int k = 0; k < int(OutputView::Marker::Count); ++k) {
            QImage image(40, 40, QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::black);
            OutputView::drawMarker(p, QPointF(20, 20), OutputView::markerOfClass(k));
            shapes.push_back(image);
        }
        const auto ink = [](const QImage& image) {
            double sum = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    sum += (255 - qGray(image.pixel(x, y))) / 255.0;
            return sum;
        };
        const double disc = ink(shapes[0]);
        for (std::size_t k = 1; k < shapes.size(); ++k) {
            QVERIFY2(std::abs(ink(shapes[k]) - disc) < 0.08 * disc,
                     qPrintable(QStringLiteral("class %1: %2 against the disc's %3")
                                    .arg(k)
                                    .arg(ink(shapes[k]))
                                    .arg(disc)));
            for (std::size_t j = 0; j < k; ++j)
                QVERIFY2(shapes[j] != shapes[k],
                         qPrintable(QStringLiteral("%1 = %2").arg(j).arg(k)));
        }
        QCOMPARE(OutputView::markerOfClass(5), OutputView::markerOfClass(0)); // then again
    }

    // Three classes: each region in its class's colour (the two-class surface has none of the
    // third), a legend that names them, and the keyboard reads the likeliest class.
    void threeClassesColourTheirRegions() {
        OutputView view;
        view.resize(420, 440);
        view.setSnapshot(threeBands());
        const QImage image = view.grab().toImage();
        const QColor background = canvasColors(view.palette()).neutral;
        for (int k = 0; k < 3; ++k) {
            const int count = pixelsOf(image, blend(background, classColor(k), 0.75));
            QVERIFY2(count > 5000,
                     qPrintable(QStringLiteral("class %1: %2 pixels").arg(k).arg(count)));
        }
        QVERIFY(pixelsOf(view.grab().toImage(), classColor(2)) > 0); // its point
        view.setSnapshot(surface());
        QCOMPARE(pixelsOf(view.grab().toImage(), blend(background, classColor(2), 0.75)), 0);
        view.setSnapshot(threeBands());
        keepShot(view, QStringLiteral("three-classes"));
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.clearFocus();
        view.setFocus(Qt::TabFocusReason); // the middle: column 15, the middle band
        QVERIFY2(view.describeKeyboardItem().endsWith(QStringLiteral("class 1 (100.0 % sure)")),
                 qPrintable(view.describeKeyboardItem()));
        for (int i = 0; i < 15; ++i)
            QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY2(view.describeKeyboardItem().endsWith(QStringLiteral("class 0 (100.0 % sure)")),
                 qPrintable(view.describeKeyboardItem()));
        for (int i = 0; i < 29; ++i)
            QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY2(view.describeKeyboardItem().endsWith(QStringLiteral("class 2 (100.0 % sure)")),
                 qPrintable(view.describeKeyboardItem()));
    }

    // The keyboard probes the plane: Tab in starts in the middle, the arrows move a cell at a
    // time, and the view reads out what the network says there (for screen readers too).
    void keyboardProbesThePlane() {
        OutputView view;
        view.resize(320, 340);
        view.setSnapshot(surface());
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.clearFocus();
        view.setFocus(Qt::TabFocusReason);
        QCOMPARE(view.keyboardItem(), 10 * 20 + 10);
        // The middle cell's centre is (0.3, −0.3), where the map is 0: an even call.
        QCOMPARE(view.accessibleDescription(),
                 QStringLiteral("At (0.30, -0.30) the network says class 1 (50.0 % sure)"));
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(&view, Qt::Key_Left);
        // Column 5: the map is (5 − 10) / 20 = −0.25, so P(class 1) = 0.375.
        QCOMPARE(view.keyboardItem(), 10 * 20 + 5);
        QCOMPARE(view.accessibleDescription(),
                 QStringLiteral("At (-2.70, -0.30) the network says class 0 (62.5 % sure)"));
        for (int i = 0; i < 30; ++i)
            QTest::keyClick(&view, Qt::Key_Up); // stops at the edge
        QCOMPARE(view.keyboardItem(), 5);
    }

    // Drawing points: a click adds one of the chosen class where it is, a drag a trail spaced
    // kTrailSpacing apart, the right button erases under it; each press-to-release is one edit.
    // Off the plane nothing happens; keys choose the class, add and erase at the cursor.
    void drawingAddsErasesAndTrails() {
        OutputView view;
        view.resize(320, 340);
        view.setSnapshot(surface());
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QSignalSpy edited(&view, &OutputView::pointsEdited);
        QSignalSpy chosen(&view, &OutputView::drawClassChosen);
        // Not drawing: a click is no edit.
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.positionOf(1, 1).toPoint());
        QVERIFY(view.drawnPoints().empty());
        view.setDrawing(true);
        view.setDrawClass(1);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.positionOf(2, -3).toPoint());
        QCOMPARE(edited.count(), 1);
        QCOMPARE(view.drawnPoints().size(), std::size_t(1));
        const DrawnPoint p = view.drawnPoints()[0];
        const double pixel = 12.0 / (view.positionOf(6, 0).x() - view.positionOf(-6, 0).x());
        QVERIFY(std::abs(p.x1 - 2) <= pixel && std::abs(p.x2 + 3) <= pixel);
        QCOMPARE(p.label, 1);
        // Off the plane (under it, in the caption): nothing added, no edit.
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(view.width() / 2, view.height() - 3));
        QCOMPARE(view.drawnPoints().size(), std::size_t(1));
        QCOMPARE(edited.count(), 1);
        // A drag of 60 pixels: the press's point and one every 12 pixels after it, one edit.
        QTest::keyClick(&view, Qt::Key_3);
        QCOMPARE(view.drawClass(), 2);
        QCOMPARE(chosen.count(), 1);
        const QPointF from = view.positionOf(-4, 4);
        const auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button,
                              Qt::MouseButtons held) {
            QMouseEvent e(type, at, view.mapToGlobal(at), button, held, Qt::NoModifier);
            QApplication::sendEvent(&view, &e);
        };
        send(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        for (int dx = 1; dx <= 60; ++dx)
            send(QEvent::MouseMove, from + QPointF(dx, 0), Qt::NoButton, Qt::LeftButton);
        QCOMPARE(edited.count(), 1); // still drawing
        send(QEvent::MouseButtonRelease, from + QPointF(60, 0), Qt::LeftButton, Qt::NoButton);
        QCOMPARE(edited.count(), 2);
        QCOMPARE(view.drawnPoints().size(), std::size_t(1 + 6));
        for (std::size_t i = 1; i < 7; ++i) {
            QCOMPARE(view.drawnPoints()[i].label, 2);
            const QPointF at = view.positionOf(view.drawnPoints()[i].x1, view.drawnPoints()[i].x2);
            QVERIFY(std::abs(at.x() - (from.x() + 12.0 * double(i - 1))) < 0.5);
        }
        // The right button erases what lies within kEraseRadius: the first class-1 point only.
        QTest::mouseClick(
            &view, Qt::RightButton, {},
            (view.positionOf(2, -3) + QPointF(OutputView::kEraseRadius - 2, 0)).toPoint());
        QCOMPARE(edited.count(), 3);
        QCOMPARE(view.drawnPoints().size(), std::size_t(6));
        for (const DrawnPoint& q : view.drawnPoints())
            QCOMPARE(q.label, 2);
        // Erasing where nothing is: no edit.
        QTest::mouseClick(&view, Qt::RightButton, {}, view.positionOf(5, 5).toPoint());
        QCOMPARE(edited.count(), 3);
        // The keyboard: Enter adds at the cursor (the plane's middle cell), Delete erases it.
        view.clearFocus();
        view.setFocus(Qt::TabFocusReason);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(edited.count(), 4);
        QCOMPARE(view.drawnPoints().size(), std::size_t(7));
        QVERIFY(std::abs(view.drawnPoints().back().x1 - 0.3f) < 0.01f);
        QTest::keyClick(&view, Qt::Key_Delete);
        QCOMPARE(edited.count(), 5);
        QCOMPARE(view.drawnPoints().size(), std::size_t(6));
    }

    // The matrix's heading fits the view: whole where there is room, the short form in the
    // 1280 × 720 window's narrow panel, elided only below that; never wider than the view.
    void matrixHeadingFits() {
        OutputView view;
        view.setSnapshot(digits({}));
        const QFontMetricsF fm(view.font());
        view.resize(600, 500);
        QCOMPARE(view.matrixHeading(), QStringLiteral("500 test images: 90.0 % right"));
        SnapshotPtr more = digits({});
        std::const_pointer_cast<Snapshot>(more)->testSamples = 10000;
        view.setSnapshot(more);
        QCOMPARE(view.matrixHeading(),
                 QStringLiteral("First 500 of 10000 test images: 90.0 % right"));
        const int full = int(fm.horizontalAdvance(view.matrixHeading()));
        view.resize(full - 10, 500);
        QCOMPARE(view.matrixHeading(), QStringLiteral("90.0 % right of 500 test images"));
        view.setMinimumSize(0, 0);
        for (const int width : {240, 160, 90}) {
            view.resize(width, 500);
            QCOMPARE(view.width(), width);
            QVERIFY(fm.horizontalAdvance(view.matrixHeading()) <= width);
        }
    }

    // Image data: the arrows walk the test images, each read out as its tooltip.
    void keyboardWalksTheTestImages() {
        OutputView view;
        view.resize(420, 520);
        view.setSnapshot(digits({}));
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.clearFocus();
        view.setFocus(Qt::TabFocusReason);
        QCOMPARE(view.keyboardItem(), 0);
        const auto tiles = view.digitTiles();
        QVERIFY(tiles.size() > 2);
        QTest::keyClick(&view, Qt::Key_Right);
        QCOMPARE(view.accessibleDescription(), view.describeAt(tiles[1].picture.center()));
        QVERIFY(!view.accessibleDescription().isEmpty());
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.keyboardItem(), int(tiles.size()) - 1);
    }

    // Dark palette: the background, the digits' paper and the decision surface's boundary are
    // dark; the light palette keeps them white.
    void followsThePalette() {
        OutputView view;
        view.resize(420, 440);
        view.setSnapshot(surface());
        QImage image = view.grab().toImage();
        QCOMPARE(image.pixelColor(1, image.height() - 2), QColor(Qt::white));
        const QPointF boundary(view.width() / 2.0, 4 + (std::min(420, 440 - 40) - 8) / 2.0);
        QVERIFY(image.pixelColor(boundary.toPoint()).lightness() > 200);
        view.setPalette(darkPalette());
        image = view.grab().toImage();
        QVERIFY(image.pixelColor(1, image.height() - 2).lightness() < 60);
        QVERIFY(image.pixelColor(boundary.toPoint()).lightness() < 90);
        keepShot(view, QStringLiteral("surface-dark"));
        view.setSnapshot(digits({}));
        image = view.grab().toImage();
        const QRectF paper = view.digitTiles().front().picture;
        QVERIFY(image.pixelColor((paper.topLeft() + QPointF(3, 3)).toPoint()).lightness() < 60);
        keepShot(view, QStringLiteral("digits-dark"));
        view.setPalette(QPalette(QColor(240, 240, 240)));
        image = view.grab().toImage();
        QVERIFY(image.pixelColor((paper.topLeft() + QPointF(3, 3)).toPoint()).lightness() > 200);
    }
};

QTEST_MAIN(TestOutputView)
#include "tst_outputview.moc"
