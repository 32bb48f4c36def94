// The network view on its own: a classifier's output units are labelled with their class
// (MNIST's 0–9, Fashion-MNIST's names when the snapshot gives them), readable and inside the
// view; a regression's are not; the view turns dark with the palette.
#include "NetworkView.h"
#include "ViewTestSupport.h"

#include <QApplication>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::keepShot;

namespace {

DenseLayer dense(int layer, Index in, Index out, const char* activation) {
    DenseLayer d;
    d.layer = layer;
    d.in = in;
    d.out = out;
    d.activation = activation;
    for (Index i = 0; i < in * out; ++i)
        d.weight.push_back(float((i * 37) % 23 - 11) / 11.0f);
    d.weightGrad = d.weightUpdate = std::vector<float>(std::size_t(in * out), 0.01f);
    d.bias = d.biasGrad = d.biasUpdate = std::vector<float>(std::size_t(out), 0.0f);
    return d;
}

// An MNIST-like MLP 784 → 16 → 10, as the worker describes it.
SnapshotPtr imageClassifier(std::vector<std::string> classNames) {
    auto s = std::make_shared<Snapshot>();
    s->inputs = 784;
    s->imageSide = 28;
    s->classes = 10;
    s->classNames = std::move(classNames);
    s->dense = {dense(1, 784, 16, "relu"), dense(3, 16, 10, "")};
    return s;
}

// A 2-D toy network 2 → 8 → outputs.
SnapshotPtr toy(Index outputs, bool regression) {
    auto s = std::make_shared<Snapshot>();
    s->inputs = 2;
    s->inputNames = {"x1", "x2"};
    s->regression = regression;
    s->dense = {dense(0, 2, 8, "tanh"), dense(2, 8, outputs, "")};
    return s;
}

QStringList digits() {
    QStringList out;
    for (int c = 0; c < 10; ++c)
        out << QString::number(c);
    return out;
}

// Every label: inside the view, right of its own unit and level with it, as wide as its text,
// in at least the UI's font size, not overlapping another.
void checkLabels(NetworkView& view, const QStringList& expected) {
    QCOMPARE(view.outputLabels(), expected);
    const int column = int(view.snapshot()->dense.size());
    const QFontMetricsF fm(view.font());
    for (int u = 0; u < expected.size(); ++u) {
        const QRectF label = view.outputLabelRect(u), unit = view.unitRect(column, u);
        QVERIFY2(!label.isEmpty() && !unit.isEmpty(), qPrintable(expected[u]));
        QVERIFY2(QRectF(view.rect()).contains(label), qPrintable(expected[u]));
        QVERIFY(label.left() >= unit.right());
        QVERIFY(std::abs(label.center().y() - unit.center().y()) < 1);
        QVERIFY2(label.width() >= fm.horizontalAdvance(expected[u]), qPrintable(expected[u]));
        if (u > 0) QVERIFY(view.outputLabelRect(u - 1).bottom() - 8 <= label.top());
        const QString tip = view.describeAt(unit.center());
        QVERIFY2(tip.contains(QStringLiteral("class %1").arg(expected[u])), qPrintable(tip));
    }
}

} // namespace

class TestNetworkView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void mnistOutputsAreDigits_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x720") << QSize(560, 420);
        QTest::newRow("1920x1080") << QSize(900, 640);
    }
    void mnistOutputsAreDigits() {
        QFETCH(QSize, size);
        NetworkView view;
        view.resize(size);
        std::vector<std::string> names;
        for (int c = 0; c < 10; ++c)
            names.push_back(std::to_string(c));
        view.setSnapshot(imageClassifier(names));
        view.grab(); // lays out
        checkLabels(view, digits());
        keepShot(view, QStringLiteral("mnist-") + QTest::currentDataTag());
    }

    // No names in the snapshot: the outputs are still the classes 0, 1, 2, …
    void withoutNamesOutputsAreNumbered() {
        NetworkView view;
        view.resize(560, 420);
        view.setSnapshot(imageClassifier({}));
        view.grab();
        checkLabels(view, digits());
    }

    void fashionOutputsAreNamed() {
        NetworkView view;
        view.resize(560, 420);
        const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                "Bag",         "Ankle boot"};
        view.setSnapshot(imageClassifier(names));
        view.grab();
        QStringList expected;
        for (const std::string& n : names)
            expected << QString::fromStdString(n);
        checkLabels(view, expected);
        keepShot(view, QStringLiteral("fashion"));
    }

    // Column headers never run into each other (at 1280×720 "784 features", "16 × relu" and
    // "10 × linear" were printed over one another); a line too long for its column is cut with
    // "…", and MNIST's fit whole.
    void headersFitTheirColumns_data() {
        QTest::addColumn<bool>("fashion");
        QTest::addColumn<QSize>("size");
        QTest::newRow("mnist 1280x720") << false << QSize(560, 420);
        QTest::newRow("fashion 1280x720") << true << QSize(560, 420);
        QTest::newRow("mnist narrow") << false << QSize(380, 300);
    }
    void headersFitTheirColumns() {
        QFETCH(bool, fashion);
        QFETCH(QSize, size);
        NetworkView view;
        view.resize(size);
        std::vector<std::string> names;
        if (fashion)
            names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                     "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
        view.setSnapshot(imageClassifier(names));
        view.grab();
        QFont headerFont = view.font();
        headerFont.setPixelSize(std::max(12, QFontInfo(view.font()).pixelSize() - 1));
        const QFontMetricsF fm(headerFont);
        for (int c = 0; c < 3; ++c) {
            const QRectF box = view.columnHeaderRect(c);
            QVERIFY(!box.isEmpty());
            QVERIFY(QRectF(view.rect()).contains(box));
            for (const QString& line : view.columnHeader(c).split('\n'))
                QVERIFY2(fm.horizontalAdvance(line) <= box.width() + 0.5, qPrintable(line));
            if (c > 0) QVERIFY(!box.intersects(view.columnHeaderRect(c - 1)));
        }
        if (!fashion && size.width() >= 560) {
            QCOMPARE(view.columnHeader(0), QStringLiteral("Input\n784 features"));
            QCOMPARE(view.columnHeader(1), QStringLiteral("Layer 1\n16 × relu"));
            QCOMPARE(view.columnHeader(2), QStringLiteral("Output\n10 × linear"));
        }
    }

    // A toy classifier's two outputs are its classes 0 and 1 (as the output view colours
    // them); a regression output and a single binary output are not classes.
    void toyOutputs() {
        NetworkView view;
        view.resize(560, 420);
        view.setSnapshot(toy(2, false));
        view.grab();
        checkLabels(view, {QStringLiteral("0"), QStringLiteral("1")});
        view.setSnapshot(toy(1, true));
        view.grab();
        QVERIFY(view.outputLabels().isEmpty());
        QVERIFY(view.outputLabelRect(0).isEmpty());
        view.setSnapshot(toy(3, true));
        view.grab();
        QVERIFY(view.outputLabels().isEmpty());
        view.setSnapshot(toy(1, false));
        view.grab();
        QVERIFY(view.outputLabels().isEmpty());
    }

    // The legend is never cut by the view's edge: a narrow view draws it smaller, then without
    // its last sentences (" …"); the whole of it is the tooltip over it.
    void legendFitsANarrowView() {
        for (const int width : {900, 300}) {
            NetworkView view;
            view.resize(width, 300);
            auto s = std::make_shared<Snapshot>(*toy(2, false));
            s->grid = 4; // the tiles' sentence too (no maps: no tiles drawn)
            view.setSnapshot(s);
            const QImage image = view.grab().toImage();
            QVERIFY(view.legendText().contains(QStringLiteral("Tiles")));
            if (width == 900) QVERIFY(view.legendComplete());
            // Nothing drawn in the bottom row: no line of text runs off the view.
            const QColor background = image.pixelColor(width - 2, image.height() - 1);
            for (int x = 180; x < width - 4; ++x)
                QVERIFY2(image.pixelColor(x, image.height() - 1) == background,
                         qPrintable(QStringLiteral("width %1, x %2").arg(width).arg(x)));
            QCOMPARE(view.describeAt(QPointF(width - 40, image.height() - 26)), view.legendText());
        }
    }

    // A negative weight's edge is dashed and a positive one's solid, so the sign does not rest
    // on colour alone: along the middle of a single edge, a negative one shows the background
    // in its gaps.
    void negativeEdgesAreDashed() {
        for (const float w : {-1.0f, 1.0f}) {
            auto s = std::make_shared<Snapshot>();
            s->inputs = 1;
            s->inputNames = {"x"};
            s->regression = true;
            DenseLayer d = dense(0, 1, 1, "");
            d.weight = {w};
            s->dense = {d};
            NetworkView view;
            view.resize(560, 420);
            view.setSnapshot(s);
            const QImage image = view.grab().toImage();
            const QPointF centre = view.edgeCentre(0, 0, 0);
            QVERIFY(!centre.isNull());
            int gaps = 0;
            for (int x = int(centre.x()) - 40; x <= int(centre.x()) + 40; ++x)
                if (QColor(image.pixel(x, int(centre.y()))) == QColor(Qt::white)) ++gaps;
            if (w < 0)
                QVERIFY2(gaps >= 8, qPrintable(QString::number(gaps)));
            else
                QCOMPARE(gaps, 0);
        }
    }

    // A skip connection is drawn as an arc under the units, in the highlight colour, from the
    // column it leaves to the column it joins; without one, nothing is drawn there.
    void skipConnectionsAreDrawn() {
        int highlighted[2] = {0, 0};
        for (const bool skip : {false, true}) {
            auto s = std::make_shared<Snapshot>(*toy(2, false));
            s->dense = {dense(0, 2, 4, "relu"), dense(2, 4, 4, "relu"), dense(5, 4, 2, "")};
            if (skip) s->skips = {{1, 2, false}};
            NetworkView view;
            view.resize(640, 420);
            view.setSnapshot(s);
            const QImage image = view.grab().toImage();
            const QColor mark = view.palette().color(QPalette::Highlight);
            // Below the lowest unit of columns 1 and 2, between them.
            const QRectF from = view.unitRect(1, 3), to = view.unitRect(2, 3);
            QVERIFY(!from.isEmpty() && !to.isEmpty());
            for (int y = int(from.bottom()) + 3; y < int(from.bottom()) + 26; ++y)
                for (int x = int(from.center().x()); x <= int(to.center().x()); ++x) {
                    const QColor c(image.pixel(x, y));
                    highlighted[skip] += std::abs(c.red() - mark.red()) +
                                             std::abs(c.green() - mark.green()) +
                                             std::abs(c.blue() - mark.blue()) <
                                         60;
                }
        }
        QCOMPARE(highlighted[0], 0);
        QVERIFY2(highlighted[1] > 20, qPrintable(QString::number(highlighted[1])));
    }

    // After a concatenation a Dense layer takes more inputs than the column before it has units
    // (4 drawn, 2 more along the skip): the edges from the column are drawn, the others not
    // (they were read past the column's end).
    // A header cut short to fit its column reads whole in its tooltip.
    void cutHeadersReadWholeInTheirTooltip() {
        auto s = std::make_shared<Snapshot>(*toy(2, false));
        s->dense.clear();
        for (int c = 0; c < 20; ++c)
            s->dense.push_back(dense(2 * c, c == 0 ? 2 : 4, c == 19 ? 2 : 4, "relu"));
        NetworkView view;
        view.resize(640, 420);
        view.setSnapshot(s);
        view.grab();
        const QRectF header = view.columnHeaderRect(5);
        QVERIFY(!header.isEmpty());
        QVERIFY(view.columnHeader(5).contains(QStringLiteral("…")));
        QCOMPARE(view.describeAt(header.center()), QStringLiteral("Layer 5\n4 × relu"));
    }

    void concatenatedInputsAreNotDrawnFromTheColumn() {
        auto s = std::make_shared<Snapshot>(*toy(2, false));
        s->dense = {dense(0, 2, 4, "relu"), dense(3, 6, 2, "")};
        s->skips = {{0, 1, true}};
        NetworkView view;
        view.resize(640, 420);
        view.setSnapshot(s);
        view.grab();
        QVERIFY(!view.edgeCentre(1, 0, 3).isNull());
        QVERIFY(view.edgeCentre(1, 0, 4).isNull());
        QVERIFY(view.edgeCentre(1, 1, 5).isNull());
    }

    // The keyboard walks what the mouse hovers: Tab in puts the cursor on the first input, the
    // arrows go unit by unit and then edge by edge (each read out as its tooltip), Enter
    // follows the edge and F2 edits it; a click gives the focus without the cursor's ring.
    void keyboardWalksUnitsAndEdges() {
        NetworkView view;
        view.resize(560, 420);
        view.setSnapshot(toy(2, false));
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QCOMPARE(view.cursor(), -1);
        view.clearFocus(); // a window's only widget takes the focus as it opens
        view.setFocus(Qt::TabFocusReason);
        QCOMPARE(view.cursor(), 0);
        QVERIFY2(view.accessibleDescription().startsWith(QStringLiteral("Input x1")),
                 qPrintable(view.accessibleDescription()));
        QCOMPARE(view.cursorRect(), view.unitRect(0, 0));
        QTest::keyClick(&view, Qt::Key_Down);
        QVERIFY(view.accessibleDescription().startsWith(QStringLiteral("Input x2")));
        QTest::keyClick(&view, Qt::Key_Down); // the column's end: it stays
        QVERIFY(view.accessibleDescription().startsWith(QStringLiteral("Input x2")));
        // Right: the edges leaving the inputs, onto the one nearest in height.
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY2(view.accessibleDescription().startsWith(QStringLiteral("Weight 0.weight[")),
                 qPrintable(view.accessibleDescription()));
        QVERIFY(std::abs(view.cursorRect().center().y() - view.unitRect(0, 1).center().y()) <
                std::abs(view.cursorRect().center().y() - view.unitRect(0, 0).center().y()));
        QSignalSpy follow(&view, &NetworkView::weightClicked);
        QSignalSpy edit(&view, &NetworkView::editWeightRequested);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(follow.count(), 1);
        QCOMPARE(follow.at(0).at(0).toInt(), 0); // layer 0's weight
        QTest::keyClick(&view, Qt::Key_F2);
        QCOMPARE(edit.count(), 1);
        // The edge under the cursor is the one named: its weight is the value edited.
        const auto& d = view.snapshot()->dense[0];
        const int out = edit.at(0).at(1).toInt(), in = edit.at(0).at(2).toInt();
        QCOMPARE(edit.at(0).at(3).toDouble(), double(d.weight[std::size_t(out * d.in + in)]));
        QVERIFY(view.accessibleDescription().contains(
            QStringLiteral("weight[%1, %2]").arg(out).arg(in)));
        // It names the units it joins as they are named themselves.
        QVERIFY2(
            view.accessibleDescription().contains(
                QStringLiteral("from: Input x%1\nto: Layer 1, unit %2\n").arg(in + 1).arg(out + 1)),
            qPrintable(view.accessibleDescription()));
        QTest::keyClick(&view, Qt::Key_Right); // layer 1's units
        QVERIFY2(view.accessibleDescription().startsWith(QStringLiteral("Layer 1, unit")),
                 qPrintable(view.accessibleDescription()));
        QTest::keyClick(&view, Qt::Key_End); // the last output unit
        QVERIFY(view.accessibleDescription().startsWith(QStringLiteral("Output unit 2")));
        QTest::keyClick(&view, Qt::Key_Left); // the edges into the outputs
        QVERIFY2(view.accessibleDescription().startsWith(QStringLiteral("Weight 2.weight[")),
                 qPrintable(view.accessibleDescription()));
        QVERIFY2(view.accessibleDescription().contains(QStringLiteral("\nfrom: Layer 1, unit ")) &&
                     view.accessibleDescription().contains(QStringLiteral("\nto: Output unit 2")),
                 qPrintable(view.accessibleDescription()));
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.cursor(), 0);
        // The ring is drawn while focused by the keyboard, and not after a click.
        const QImage ringed = view.grab().toImage();
        view.clearFocus();
        const QImage plain = view.grab().toImage();
        QVERIFY(ringed != plain);
        // Back from a dialog (F2's editor) or a menu: the ring as before.
        view.setFocus(Qt::ActiveWindowFocusReason);
        QCOMPARE(view.grab().toImage(), ringed);
        view.clearFocus();
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(2, 2));
        QVERIFY(view.hasFocus());
        QCOMPARE(view.grab().toImage(), plain);
    }

    // The drawing area follows the palette: dark background, no white left, light text.
    void followsThePalette() {
        NetworkView view;
        view.resize(560, 420);
        view.setSnapshot(toy(2, false));
        QImage image = view.grab().toImage();
        QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));
        view.setPalette(darkPalette());
        image = view.grab().toImage();
        QVERIFY(image.pixelColor(2, 2).lightness() < 60);
        int white = 0, light = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                white += c == QColor(Qt::white);
                light += c.lightness() > 180;
            }
        QVERIFY2(white < 50, qPrintable(QString::number(white))); // no white areas
        QVERIFY(light > 50);                                      // light text
        keepShot(view, QStringLiteral("dark"));
        view.setPalette(QPalette(QColor(240, 240, 240)));
        QCOMPARE(view.grab().toImage().pixelColor(2, 2), QColor(Qt::white));
    }
};

QTEST_MAIN(TestNetworkView)
#include "tst_networkview.moc"
