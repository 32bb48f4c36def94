// The feature map view: every channel's four pictures laid out inside the view without
// overlapping, wrapping into bands when narrow; each picture coloured from its numbers on the
// layer's common scale (maps ink-dark where high, gradients and filters on the diverging scale,
// a filter of several inputs summed over them); tooltips name what is under the mouse.

#include "FeatureMapView.h"
#include "Palette.h"

#include <QStandardPaths>
#include <QTest>

using namespace gs;
using namespace gs::ui;

namespace {

using Row = FeatureMapView::Row;

// Two convolutions: 3 channels of 4 × 4 maps from one input (3 × 3 filters), after a ReLU; then
// 5 channels of 2 × 2 from two inputs (2 × 2 filters), with no activation after it.
DrawingPtr explanation() {
    auto e = std::make_shared<Drawing>();
    e->explained = 7;
    FeatureMaps a;
    a.layer = 0;
    a.activation = 1;
    a.channels = 3;
    a.height = a.width = 4;
    a.values.assign(3 * 16, 0.0f);
    a.values[16 + 5] = 2.0f; // channel 1's (1, 1): the layer's largest
    a.values[16 + 6] = 1.0f; // half of it
    a.gradients.assign(3 * 16, 0.0f);
    a.gradients[0] = 0.5f;  // channel 0's (0, 0): raises the score the most
    a.gradients[1] = -0.5f; // lowers it as much
    a.in = 1;
    a.kernel = 3;
    a.filters.assign(3 * 9, 0.25f);
    a.filterGradients.assign(3 * 9, 0.0f);
    FeatureMaps b;
    b.layer = 3;
    b.channels = 5;
    b.height = b.width = 2;
    b.values.assign(5 * 4, 1.0f);
    b.gradients.assign(5 * 4, 0.1f);
    b.in = 2;
    b.kernel = 2;
    b.filters.assign(5 * 2 * 4, 0.0f);
    b.filters[0] = 1.0f;  // channel 0, input 0, (0, 0)
    b.filters[4] = -1.0f; // channel 0, input 1, (0, 0): the sum there is 0
    b.filters[1] = 1.0f;  // channel 0, input 0, (0, 1): the sum there is 1, the largest
    b.filterGradients.assign(5 * 2 * 4, 0.0f);
    e->convolutions = {a, b};
    return e;
}

bool near(QRgb a, QRgb b) {
    return std::abs(qRed(a) - qRed(b)) <= 2 && std::abs(qGreen(a) - qGreen(b)) <= 2 &&
           std::abs(qBlue(a) - qBlue(b)) <= 2;
}

} // namespace

class TestFeatureMapView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void saysWhatItNeeds() {
        FeatureMapView view;
        QVERIFY(view.emptyText().contains(QStringLiteral("Draw a digit")));
        auto none = std::make_shared<Drawing>(); // a network without convolutions
        view.setExplanation(none);
        QVERIFY(view.emptyText().contains(QStringLiteral("no convolutions")));
        QVERIFY(view.tileRect(0, 0, Row::Map).isEmpty());
        view.setExplanation(explanation());
        QVERIFY(view.emptyText().isEmpty());
    }

    // At several widths: every picture inside the view, none overlapping another, the height
    // the view asks for holding them all; narrower means more bands and a taller view.
    void tilesFitAndWrap() {
        FeatureMapView view;
        view.setExplanation(explanation());
        int previousHeight = 0;
        for (const int width : {700, 400, 260}) {
            view.resize(width, view.heightForWidth(width));
            std::vector<QRectF> tiles;
            for (int l = 0; l < 2; ++l)
                for (Index c = 0; c < (l == 0 ? 3 : 5); ++c)
                    for (int r = 0; r < int(Row::Count); ++r) {
                        const QRectF t = view.tileRect(l, c, Row(r));
                        QVERIFY(!t.isEmpty());
                        QVERIFY2(QRectF(view.rect()).contains(t),
                                 qPrintable(QString("width %1: layer %2 channel %3 row %4")
                                                .arg(width)
                                                .arg(l)
                                                .arg(c)
                                                .arg(r)));
                        for (const QRectF& other : tiles)
                            QVERIFY(!other.intersects(t));
                        tiles.push_back(t);
                    }
            QVERIFY(view.heightForWidth(width) >= previousHeight);
            previousHeight = view.heightForWidth(width);
        }
        // At 260 pixels the second layer's five channels take more than one band.
        QVERIFY(view.tileRect(1, 4, Row::Map).top() >
                view.tileRect(1, 0, Row::FilterGradient).top());
        QVERIFY(view.tileRect(5, 0, Row::Map).isEmpty());
        QVERIFY(view.tileRect(1, 5, Row::Map).isEmpty());
    }

    void picturesShowTheirNumbers() {
        FeatureMapView view;
        view.setExplanation(explanation());
        view.resize(700, view.heightForWidth(700));
        const CanvasColors colors = canvasColors(view.palette());
        // Maps: the layer's largest value in the text's colour, zero in the background's,
        // half-way between for half of it.
        const QImage map = view.tileImage(0, 1, Row::Map);
        QCOMPARE(map.size(), QSize(4, 4));
        QVERIFY(near(map.pixel(1, 1), colors.text.rgb()));
        QVERIFY(near(map.pixel(0, 0), colors.background.rgb()));
        QVERIFY(near(map.pixel(2, 1), blend(colors.background, colors.text, 0.5).rgb()));
        // Gradients on the diverging scale: +0.5 is the top of the layer's scale.
        const QImage gradient = view.tileImage(0, 0, Row::MapGradient);
        QVERIFY(near(gradient.pixel(0, 0), divergingRgb(1.0)));
        QVERIFY(near(gradient.pixel(1, 0), divergingRgb(-1.0)));
        QVERIFY(near(gradient.pixel(2, 0), divergingRgb(0.0)));
        // A filter of two inputs, summed: +1 − 1 = 0 at (0, 0), 1 (the top) at (0, 1).
        const QImage filter = view.tileImage(1, 0, Row::Filter);
        QCOMPARE(filter.size(), QSize(2, 2));
        QVERIFY(near(filter.pixel(0, 0), divergingRgb(0.0)));
        QVERIFY(near(filter.pixel(1, 0), divergingRgb(1.0)));
    }

    void tooltipsNameThePicture() {
        FeatureMapView view;
        view.setExplanation(explanation());
        view.resize(700, view.heightForWidth(700));
        const QString text = view.describeAt(view.tileRect(0, 1, Row::Map).center());
        QVERIFY2(text.contains(QStringLiteral("Layer 0, channel 1")) &&
                     text.contains(QStringLiteral("from 0 to 2")),
                 qPrintable(text));
        const QString gradient = view.describeAt(view.tileRect(1, 0, Row::MapGradient).center());
        QVERIFY2(gradient.contains(QStringLiteral("Layer 3, channel 0")) &&
                     gradient.contains(QStringLiteral("∂ score / ∂ map")),
                 qPrintable(gradient));
        QVERIFY(view.describeAt(QPointF(1, 1)).isEmpty());
        // Over a row's name, what the row shows.
        const QRectF filters = view.tileRect(1, 0, Row::FilterGradient);
        const QString meaning = view.describeAt(QPointF(8, filters.center().y()));
        QVERIFY2(meaning.contains(QStringLiteral("each weight of the filter")),
                 qPrintable(meaning));
    }
};

QTEST_MAIN(TestFeatureMapView)
#include "tst_featuremapview.moc"
