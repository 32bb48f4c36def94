// The optimizer panel on its own: the state column speaks of the optimizer in use (Adam just
// chosen has no state yet, which is not "plain SGD"), its buffers are listed by PyTorch's names,
// and Adam's hats (m̂, v̂) are drawn on their letters.
#include "OptimizerPanel.h"

#include <QFont>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTextDocument>

using namespace gs;
using namespace gs::ui;

namespace {

SnapshotPtr snapshotWith(const std::string& optimizer, bool withState) {
    auto s = std::make_shared<Snapshot>();
    s->optimizer = optimizer;
    s->rule = optimizer == "SGD" ? "g = ∇w; w ← w − lr·g" : "m̂ = m / (1 − β1ᵗ)";
    s->learningRate = 0.01;
    s->optimizerSteps = withState ? 3 : 0;
    for (const char* name : {"0.weight", "0.bias"}) {
        ParameterState p;
        p.name = name;
        p.shape = "[2]";
        p.weightNorm = 1;
        if (withState) {
            p.gradNorm = 0.5;
            p.updateNorm = 0.001;
            p.ratio = 0.001;
            p.buffers = {{"exp_avg", 0.25, 0.125}, {"exp_avg_sq", 0.0625, 0.03125}};
        }
        s->parameters.push_back(p);
    }
    return s;
}

QString stateText(const OptimizerPanel& panel, int row) {
    return panel.table()->item(row, panel.table()->columnCount() - 1)->text();
}

// The bounding box of the dark pixels of `image`.
QRect inkBox(const QImage& image, const QImage* minus = nullptr) {
    QRect box;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const bool ink = qGray(image.pixel(x, y)) < 128;
            const bool before = minus && qGray(minus->pixel(x, y)) < 128;
            if (ink && !before) box |= QRect(x, y, 1, 1);
        }
    return box;
}

QImage render(const QString& html) {
    QTextDocument document;
    QFont font;
    font.setPixelSize(48);
    document.setDefaultFont(font);
    document.setHtml(html);
    QImage image(160, 120, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    document.drawContents(&painter);
    return image;
}

} // namespace

class TestOptimizerPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The stale text: Adam selected, its state not made yet (a changed optimizer starts
    // afresh), and the table said "plain SGD keeps no state".
    void stateTextFollowsTheOptimizerInUse() {
        OptimizerPanel panel;
        panel.showSnapshot(snapshotWith("SGD", false));
        QCOMPARE(stateText(panel, 0), QStringLiteral("none (plain SGD keeps no state)"));
        panel.showSnapshot(snapshotWith("Adam", false)); // just switched: no buffers yet
        for (int row = 0; row < 2; ++row) {
            const QString text = stateText(panel, row);
            QVERIFY2(!text.contains(QStringLiteral("SGD")), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("Adam")), qPrintable(text));
        }
        panel.showSnapshot(snapshotWith("Adam", true)); // after a step: its buffers
        QVERIFY2(stateText(panel, 1).startsWith(QStringLiteral("exp_avg ‖·‖ 0.25")),
                 qPrintable(stateText(panel, 1)));
        QVERIFY(stateText(panel, 1).contains(QStringLiteral("exp_avg_sq ‖·‖ 0.0625")));
        // One line per buffer, the row tall enough for both, so neither is off the right edge.
        QCOMPARE(stateText(panel, 1).split('\n').size(), 2);
        QVERIFY(panel.table()->rowHeight(1) >= 2 * panel.table()->fontMetrics().height());
        panel.showSnapshot(snapshotWith("SGD (momentum 0.9)", false));
        QVERIFY2(stateText(panel, 0).contains(QStringLiteral("SGD (momentum 0.9)")) &&
                     !stateText(panel, 0).contains(QStringLiteral("plain")),
                 qPrintable(stateText(panel, 0)));
        QVERIFY(panel.header().contains(QStringLiteral("SGD (momentum 0.9)")));
    }

    // The state can be long: the whole text is in the cell's tooltip.
    void stateCellHasTheWholeTextAsTooltip() {
        OptimizerPanel panel;
        panel.showSnapshot(snapshotWith("Adam", true));
        QTableWidgetItem* item = panel.table()->item(0, panel.table()->columnCount() - 1);
        QCOMPARE(item->toolTip(), item->text());
    }

    // m̂ and v̂ are a letter and U+0302. The hat must sit above its own letter, centred on it,
    // also where the font rich text's <code> asks for ("Courier New") is one that draws no
    // positioned hat: here that is simulated by substituting DejaVu Sans, which draws none.
    void hatsSitOnTheirLetters_data() {
        QTest::addColumn<QString>("letter");
        QTest::newRow("m") << QStringLiteral("m");
        QTest::newRow("v") << QStringLiteral("v");
    }
    void hatsSitOnTheirLetters() {
        QFETCH(QString, letter);
        for (const char* family : {"Courier New", "courier", "monospace", "Courier"})
            QFont::insertSubstitution(QString::fromLatin1(family), QStringLiteral("DejaVu Sans"));
        const QImage plain = render(OptimizerPanel::ruleHtml(letter));
        const QImage hatted = render(OptimizerPanel::ruleHtml(letter + QChar(0x0302)));
        const QRect glyph = inkBox(plain);
        const QRect hat = inkBox(hatted, &plain);
        QVERIFY(!glyph.isEmpty());
        QVERIFY2(!hat.isEmpty(), "no hat drawn");
        QVERIFY2(hat.bottom() <= glyph.top() + 2, "the hat is not above the letter");
        const double offset = hat.center().x() - glyph.center().x();
        QVERIFY2(std::abs(offset) <= glyph.width() / 4.0,
                 qPrintable(QStringLiteral("hat %1 px off the letter's centre").arg(offset)));
        QVERIFY(hat.width() < 2 * glyph.width());
    }

    // The header shows the optimizer, its learning rate and the rule, escaped.
    void headerShowsTheRule() {
        OptimizerPanel panel;
        auto s = std::const_pointer_cast<Snapshot>(snapshotWith("Adam", true));
        s->rule = "a < b & m̂";
        panel.showSnapshot(s);
        QVERIFY(panel.header().contains(QStringLiteral("<b>Adam</b>, lr 0.01 · 3 steps")));
        QVERIFY(panel.header().contains(QStringLiteral("a &lt; b &amp; m̂")));
    }
};

QTEST_MAIN(TestOptimizerPanel)
#include "tst_optimizerpanel.moc"
