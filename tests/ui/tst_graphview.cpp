// The computation graph view on its own: layers come from the trace's layer indices, clear()
// and a null or broken trace leave only a placeholder, the caption says when the model has moved
// on, gradients are labelled as the traced step's, and the view fits a small dock by scrolling.
#include "GraphView.h"
#include "ViewTestSupport.h"
#include "train/Experiment.h"
#include "train/Trainer.h"

#include <QImage>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <set>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::presetTrace;

namespace {

int boxLabelled(const GraphView& graph, const QString& label) {
    for (int b = 0; b < graph.boxCount(); ++b)
        if (graph.boxLabel(b) == label) return b;
    return -1;
}

} // namespace

class TestGraphView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Layer groups and the layer a click checks come from ForwardRecord::layer: renaming every
    // node changes nothing.
    void layersComeFromTheTrace() {
        const StepTracePtr trace = presetTrace("spiral", 2);
        QVERIFY(trace);
        auto renamed = std::make_shared<StepTrace>(*trace);
        for (std::size_t i = 0; i < renamed->forward.size(); ++i)
            renamed->forward[i].name = renamed->nodeNames[i] = "op" + std::to_string(i * 3);
        GraphView graph;
        graph.resize(1100, 420);
        graph.setTrace(renamed);
        QCOMPARE(graph.groups(), QStringList({"0", "2", "4"}));
        graph.setAllCollapsed(true);
        QCOMPARE(graph.boxCount(), int(trace->forward.size()) - 3 * 2);
        graph.setAllCollapsed(false);
        // A click on the op of layer 2 (the second linear) asks to check layer 2's output.
        int linear2 = -1;
        for (const ForwardRecord& f : trace->forward)
            if (f.name == "2.linear") linear2 = f.node;
        QVERIFY(linear2 >= 0);
        QSignalSpy check(&graph, &GraphView::checkNodeRequested);
        const int box = graph.boxOfNode(linear2);
        QCOMPARE(graph.boxLabel(box), QStringLiteral("op%1").arg(linear2 * 3));
        QTest::mouseClick(&graph, Qt::LeftButton, {}, graph.boxRect(box).center().toPoint());
        QCOMPARE(check.count(), 1);
        QCOMPARE(check.at(0).at(0).toInt(), 2);
        // The input and the loss belong to no layer: clicking them checks nothing.
        QTest::mouseClick(
            &graph, Qt::LeftButton, {},
            graph.boxRect(graph.boxOfNode(int(trace->forward.size()) - 1)).center().toPoint());
        QCOMPARE(check.count(), 1);
    }

    // The keyboard walks every box once, column by column, each read out as its tooltip, and
    // Enter does what a click does.
    void keyboardWalksTheBoxes() {
        const StepTracePtr trace = presetTrace("spiral", 2);
        QVERIFY(trace);
        GraphView graph;
        graph.resize(1100, 420);
        graph.setTrace(trace);
        graph.setAllCollapsed(false);
        graph.show();
        QVERIFY(QTest::qWaitForWindowActive(&graph));
        graph.clearFocus();
        graph.setFocus(Qt::TabFocusReason);
        std::set<int> seen{graph.keyboardBox()};
        double column = graph.boxRect(graph.keyboardBox()).left();
        for (int i = 1; i < graph.boxCount(); ++i) {
            QTest::keyClick(&graph, Qt::Key_Down);
            const QRectF box = graph.boxRect(graph.keyboardBox());
            QVERIFY(box.left() >= column); // left to right
            column = box.left();
            seen.insert(graph.keyboardBox());
            QCOMPARE(graph.accessibleDescription().isEmpty(), false);
        }
        QCOMPARE(int(seen.size()), graph.boxCount());
        int linear2 = -1;
        for (const ForwardRecord& f : trace->forward)
            if (f.name == "2.linear") linear2 = f.node;
        QTest::keyClick(&graph, Qt::Key_Home);
        for (int i = 0; i < graph.boxCount() && graph.keyboardBox() != graph.boxOfNode(linear2);
             ++i)
            QTest::keyClick(&graph, Qt::Key_Down);
        QCOMPARE(graph.keyboardBox(), graph.boxOfNode(linear2));
        QSignalSpy check(&graph, &GraphView::checkNodeRequested);
        QTest::keyClick(&graph, Qt::Key_Return);
        QCOMPARE(check.count(), 1);
        QCOMPARE(check.at(0).at(0).toInt(), 2);
    }

    // With no graph yet the view is still a tab stop, and shows that it has the focus.
    void anEmptyGraphShowsItsFocus() {
        GraphView graph;
        graph.resize(600, 300);
        graph.show();
        QVERIFY(QTest::qWaitForWindowActive(&graph));
        graph.clearFocus();
        const QImage without = graph.grab().toImage();
        graph.setFocus(Qt::TabFocusReason);
        QVERIFY(graph.hasFocus());
        QVERIFY(graph.grab().toImage() != without);
    }

    // clear(), a null trace and a broken one leave only the placeholder: no box, no group, no
    // tooltip, no cursor, and the view shrinks back to a small size.
    void clearLeavesOnlyThePlaceholder() {
        const StepTracePtr trace = presetTrace("spiral", 2);
        QVERIFY(trace);
        GraphView graph;
        graph.resize(400, 300);
        QSignalSpy captions(&graph, &GraphView::captionChanged);
        graph.setTrace(trace);
        TraceCursor cursor;
        cursor.node = 3;
        graph.setCursor(cursor);
        QVERIFY(graph.boxCount() > 0);
        QVERIFY(graph.minimumSize().width() > 480); // a real graph asks for readable boxes
        const QPointF onBox = graph.boxRect(0).center();
        QVERIFY(!graph.describeAt(onBox).isEmpty());
        const auto cleared = [&](const QString& why) {
            QVERIFY(!graph.trace());
            QCOMPARE(graph.boxCount(), 0);
            QVERIFY(graph.groups().isEmpty());
            QVERIFY(!graph.hasCursor());
            QVERIFY(graph.describeAt(onBox).isEmpty());
            QVERIFY2(graph.caption().contains(QStringLiteral("Press Step or Trace a step")),
                     qPrintable(graph.caption()));
            QVERIFY(!graph.caption().contains(QStringLiteral("Step 2")));
            if (!why.isEmpty()) QVERIFY(graph.caption().contains(why));
            QCOMPARE(captions.last().at(0).toString(), graph.caption());
            QVERIFY(graph.minimumSize().width() <= 480 && graph.minimumSize().height() <= 240);
            // What is drawn: the placeholder only, no box fill colour anywhere.
            QImage image(graph.size(), QImage::Format_ARGB32);
            graph.render(&image);
            bool boxColour = false;
            for (int y = 0; y < image.height(); y += 2)
                for (int x = 0; x < image.width(); x += 2)
                    boxColour |= image.pixelColor(x, y) == QColor(214, 233, 248);
            QVERIFY(!boxColour);
        };
        graph.clear(QStringLiteral("Another preset was loaded."));
        cleared(QStringLiteral("Another preset was loaded."));
        graph.setTrace(trace);
        QVERIFY(graph.boxCount() > 0);
        graph.setTrace(nullptr);
        cleared({});
        auto broken = std::make_shared<StepTrace>(*trace);
        broken->forward[2].node = 5;
        graph.setTrace(broken);
        cleared(QStringLiteral("could not be drawn: forward record 2 is of node 5"));
        broken = std::make_shared<StepTrace>(*trace);
        broken->backward.front().contributions.push_back({77, 0, Tensor()});
        graph.setTrace(broken);
        cleared(QStringLiteral("unknown node 77"));
    }

    // Another preset's network (xor: 8 units, spiral: 16) replaces every box and group.
    void anotherNetworkReplacesTheGraph() {
        const StepTracePtr spiral = presetTrace("spiral", 2);
        const StepTracePtr tiny = presetTrace("xor", 2);
        QVERIFY(spiral && tiny);
        GraphView graph;
        graph.resize(900, 400);
        graph.setTrace(spiral);
        graph.setTrace(tiny);
        QCOMPARE(graph.boxCount(), int(tiny->forward.size()));
        QStringList expected;
        for (const ForwardRecord& f : tiny->forward)
            if (f.op == OpKind::Parameter && !expected.contains(QString::number(f.layer)))
                expected << QString::number(f.layer);
        QCOMPARE(graph.groups(), expected);
        for (int b = 0; b < graph.boxCount(); ++b)
            QCOMPARE(graph.boxLabel(b), QString::fromStdString(tiny->forward[std::size_t(b)].name));
        const int w = boxLabelled(graph, QStringLiteral("0.weight"));
        QVERIFY(graph.describeAt(graph.boxRect(w).center()).contains(QStringLiteral("[8, 2]")));
    }

    // The caption says how far the model has trained since; the tooltip says whose gradient.
    void saysWhatIsShown() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        GraphView graph;
        graph.resize(1100, 420);
        graph.setTrace(trace);
        QVERIFY(!graph.caption().contains(QStringLiteral("more steps")));
        QSignalSpy captions(&graph, &GraphView::captionChanged);
        graph.setModelStep(8, false);
        QCOMPARE(captions.count(), 1);
        QVERIFY2(graph.caption().contains(QStringLiteral("trained 5 more steps since (it is at "
                                                         "step 8)")),
                 qPrintable(graph.caption()));
        graph.setModelStep(3, false);
        QVERIFY(!graph.caption().contains(QStringLiteral("more steps")));
        // A model behind the trace: while training, the trace came before its step's snapshot
        // (nothing to say); after the timeline went back, it shows an earlier step.
        graph.setModelStep(2, false);
        QVERIFY2(!graph.caption().contains(QStringLiteral("The timeline shows")),
                 qPrintable(graph.caption()));
        graph.setModelStep(2, true);
        QVERIFY2(
            graph.caption().contains(QStringLiteral("The timeline shows step 2, before this one")),
            qPrintable(graph.caption()));
        graph.setModelStep(3, false);
        const int w = boxLabelled(graph, QStringLiteral("2.weight"));
        QVERIFY(w >= 0);
        const QString tip = graph.describeAt(graph.boxRect(w).center());
        QVERIFY2(tip.contains(QStringLiteral("of this traced mini-batch (step 3)")),
                 qPrintable(tip));
        auto copy = std::make_shared<StepTrace>(*trace);
        copy->sample = 2;
        graph.setTrace(copy);
        QVERIFY(graph.describeAt(graph.boxRect(w).center())
                    .contains(QStringLiteral("of this traced sample")));
    }

    // Empty, it asks for little; a real graph in a scroll area (as the main window puts it)
    // leaves the area small and scrolls to every box.
    void fitsASmallDock() {
        GraphView empty;
        QVERIFY(empty.minimumSizeHint().width() <= 480 && empty.minimumSizeHint().height() <= 240);
        QVERIFY(empty.minimumSize().width() <= 480 && empty.minimumSize().height() <= 240);
        const StepTracePtr trace = presetTrace("spiral", 2);
        QVERIFY(trace);
        QScrollArea scroll;
        auto* graph = new GraphView;
        scroll.setWidget(graph);
        scroll.setWidgetResizable(true);
        graph->setTrace(trace);
        QVERIFY(scroll.minimumSizeHint().width() <= 480 &&
                scroll.minimumSizeHint().height() <= 240);
        QVERIFY(graph->minimumSizeHint().width() <= 480 &&
                graph->minimumSizeHint().height() <= 240);
        scroll.resize(500, 250);
        scroll.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scroll));
        QVERIFY(scroll.horizontalScrollBar()->maximum() > 0);
        const QRectF last = graph->boxRect(graph->boxCount() - 1);
        scroll.ensureVisible(int(last.center().x()), int(last.center().y()));
        const QPoint inViewport = graph->mapTo(scroll.viewport(), last.center().toPoint());
        QVERIFY(scroll.viewport()->rect().contains(inViewport));
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
