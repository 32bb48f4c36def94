// The step-through panel on its own: walking a traced step never sticks on a gradient check,
// one entry of a real-size network is followed with its own numbers (checked here against a
// hand computation from the trace's own tensors), the panel says what it shows, clear() leaves
// nothing of the old trace, and the panel fits a small dock by scrolling.
#include "StepThroughPanel.h"
#include "TensorText.h"
#include "ViewTestSupport.h"
#include "train/Experiment.h"
#include "train/Trainer.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

#include <cmath>

using namespace gs;
using namespace gs::ui;
using gs::ui::test::presetTrace;

namespace {

int nodeNamed(const StepTrace& t, const std::string& name) {
    for (const ForwardRecord& f : t.forward)
        if (f.name == name) return f.node;
    return -1;
}

// The backward record of the node named `name`.
int recordNamed(const StepTrace& t, const std::string& name) {
    for (int k = 0; k < int(t.backward.size()); ++k)
        if (t.backward[std::size_t(k)].nodeName == name) return k;
    return -1;
}

// Walks the panel to a backward record, as a user would with Next.
bool walkToBackward(StepThroughPanel& panel, int record) {
    panel.restart();
    while (!(panel.phase() == TracePhase::Backward && panel.cursor().backwardDone == record + 1)) {
        const int before = panel.position();
        panel.next();
        if (panel.position() == before) return false;
    }
    return true;
}

QString visibleText(StepThroughPanel& panel) {
    auto* tabs = panel.findChild<QTabWidget*>();
    auto* browser = tabs ? qobject_cast<QTextBrowser*>(tabs->currentWidget()) : nullptr;
    return browser ? browser->toPlainText() : QString();
}

QPushButton* button(StepThroughPanel& panel, const QString& text) {
    for (QPushButton* b : panel.findChildren<QPushButton*>())
        if (b->text() == text) return b;
    return nullptr;
}

GradientCheckPtr someCheck() {
    auto check = std::make_shared<GradientCheck>();
    check->epsilon = 0.01;
    check->entries.push_back({"0.weight", 5, 0.125, 0.1251, 4e-4});
    return check;
}

} // namespace

class TestStepThroughPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // After a gradient check, Next, Previous, Restart and End of phase show the step again; the
    // check stays one tab away.
    void navigationLeavesTheCheck() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        StepThroughPanel panel;
        panel.setTrace(trace);
        panel.next();
        panel.next();
        panel.setGradientCheck(someCheck());
        QVERIFY(panel.showingCheck());
        QVERIFY(visibleText(panel).contains(QStringLiteral("Gradient check")));
        // Through the button, as a user would.
        QPushButton* next = button(panel, QStringLiteral("Next ▶"));
        QVERIFY(next);
        next->click();
        QCOMPARE(panel.position(), 3);
        QVERIFY(!panel.showingCheck());
        const QString name = QString::fromStdString(trace->forward[3].name);
        QVERIFY2(visibleText(panel).contains(name + QStringLiteral(" = ")),
                 qPrintable(visibleText(panel)));
        QVERIFY(!panel.detailsHtml().contains(QStringLiteral("Gradient check")));
        QVERIFY(panel.checkHtml().contains(QStringLiteral("Gradient check")));
        const std::function<void()> moves[] = {[&] { panel.previous(); }, [&] { panel.restart(); },
                                               [&] { panel.endOfPhase(); }};
        for (const auto& move : moves) {
            panel.showCheck();
            QVERIFY(visibleText(panel).contains(QStringLiteral("Gradient check")));
            const int before = panel.position();
            move();
            QVERIFY(panel.position() != before);
            QVERIFY(!panel.showingCheck());
            const QString at = QString::fromStdString(
                trace->forward[std::size_t(panel.cursor().forwardDone - 1)].name);
            QVERIFY2(visibleText(panel).contains(at + QStringLiteral(" = ")),
                     qPrintable(visibleText(panel)));
        }
        // The tab bar reaches the check too.
        panel.findChild<QTabWidget*>()->setCurrentIndex(1);
        QVERIFY(panel.detailsHtml().contains(QStringLiteral("Gradient check")));
        QVERIFY(panel.checkHtml().contains(QStringLiteral("copy of the weights")));
    }

    // Entries whose ±ε passes cross a ReLU's kink are set apart and explained, and left out of
    // the median; the worst table holds only the others.
    void checkSetsKinksApart() {
        auto check = std::make_shared<GradientCheck>();
        check->epsilon = 0.05;
        check->entries.push_back({"0.weight", 1, 0.2, 0.2001, 3e-4});
        check->entries.push_back({"0.bias", 2, 0.1, 0.1, 1e-6});
        check->entries.push_back({"2.weight", 7, 0.3, 0.9, 0.5, true});
        StepThroughPanel panel;
        panel.setGradientCheck(check);
        const QString html = panel.checkHtml();
        QVERIFY(html.contains(QStringLiteral("1 entries cross a kink")));
        QVERIFY(html.contains(QStringLiteral("Median relative error 1e-06")));
        const qsizetype kinkAt = html.indexOf(QStringLiteral("cross a kink"));
        QVERIFY(html.indexOf(QStringLiteral("2.weight[7]")) > kinkAt);
        QVERIFY(html.indexOf(QStringLiteral("0.weight[1]")) < kinkAt);
        // One entry on its own says so too.
        check->single = true;
        check->entries.erase(check->entries.begin(), check->entries.begin() + 2);
        panel.setGradientCheck(check);
        QVERIFY(panel.checkHtml().contains(QStringLiteral("This entry crosses a kink")));
    }

    // dL/dW[i, j] of a 16-unit layer: every term upstream[b, i] · x[b, j] of the first samples,
    // and the sum over the batch, each as the hand computation from the trace's own tensors.
    // Predict, then see: a followed weight's gradient typed in is checked against the trace's,
    // and the likely slip is named; a unit's output is not asked.
    void predictsAFollowedWeightsGradient() {
        const StepTracePtr trace = presetTrace("spiral", 4);
        QVERIFY(trace);
        StepThroughPanel panel;
        panel.setTrace(trace);
        QVERIFY(!panel.predict(QStringLiteral("1")));
        QVERIFY(panel.setFocusEntry(FocusEntry::weight(2, 3, 5)));
        double g = 0;
        for (const UpdateRecord& u : trace->updates)
            if (u.parameter == "2.weight") g = double(u.gradient[3 * u.gradient.cols() + 5]);
        QVERIFY(g != 0);
        const auto say = [&](double v) {
            return panel.predict(QString::number(v, 'g', 9)) ? panel.predictionText()
                                                             : QStringLiteral("(refused)");
        };
        QVERIFY(say(g).startsWith(QStringLiteral("✓ Right")));
        QVERIFY(say(-g).contains(QStringLiteral("sign is turned")));
        const Index batch = trace->batch; // spiral's: 10
        QVERIFY(batch > 2);
        QVERIFY(say(double(batch) * g).contains(QStringLiteral("batch size, %1").arg(batch)));
        QVERIFY(say(2 * g).contains(QStringLiteral("factor of 2")));
        QVERIFY(say(7 * g).contains(QStringLiteral("Walk the backward pass")));
        QVERIFY(!panel.predict(QStringLiteral("about 0.1")));
        // Another entry: a new question.
        QVERIFY(panel.setFocusEntry(FocusEntry::weight(2, 3, 4)));
        QVERIFY(panel.predictionText().isEmpty());
        QVERIFY(panel.setFocusEntry(FocusEntry::output(1, 0, 2)));
        QVERIFY(!panel.predict(QStringLiteral("1")));
    }

    void followsOneWeightTermByTerm() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        const StepTrace& t = *trace;
        StepThroughPanel panel;
        panel.setTrace(trace);
        QVERIFY(panel.setFocusEntry(FocusEntry::weight(2, 3, 5)));
        const int k = recordNamed(t, "2.linear");
        QVERIFY(k >= 0);
        QVERIFY(walkToBackward(panel, k));
        const StepRecord& r = t.backward[std::size_t(k)];
        const Tensor& up = r.upstream;                                          // [10, 16]
        const Tensor& x = t.forward[std::size_t(nodeNamed(t, "1.relu"))].value; // [10, 16]
        QCOMPARE(up.shape(), Shape({10, 16}));
        QCOMPARE(x.shape(), Shape({10, 16}));
        double sum = 0;
        for (Index b = 0; b < 10; ++b)
            sum += double(up[b * 16 + 3]) * double(x[b * 16 + 5]);
        const QString html = panel.entryHtml();
        QVERIFY2(html.contains(QStringLiteral("Following 2.weight[3, 5]")), qPrintable(html));
        for (Index b = 0; b < 4; ++b) {
            QVERIFY2(html.contains(QStringLiteral("dL/d2.linear[%1, 3] = %2")
                                       .arg(b)
                                       .arg(exactText(up[b * 16 + 3]))),
                     qPrintable(html));
            QVERIFY(html.contains(
                QStringLiteral("1.relu[%1, 5] = %2").arg(b).arg(exactText(x[b * 16 + 5]))));
            QVERIFY(html.contains(exactText(double(up[b * 16 + 3]) * double(x[b * 16 + 5]))));
        }
        QVERIFY(html.contains(QStringLiteral("and 6 more terms")));
        QVERIFY2(html.contains(exactText(sum)), qPrintable(exactText(sum) + "\n" + html));
        // What the backward pass sent, and it agrees with the hand sum.
        const int w = nodeNamed(t, "2.weight");
        float sent = 0;
        for (const EdgeStep& e : r.edges)
            if (e.inputNode == w) sent = e.gradient[3 * 16 + 5];
        QVERIFY(std::abs(sent - sum) <= 1e-6 * (1 + std::abs(sum)));
        QVERIFY(html.contains(exactText(sent)));
        // The full page still summarises the big tensor, and shows the entry on top.
        QVERIFY(panel.traceHtml().contains(QStringLiteral("min ")));
        QVERIFY(panel.traceHtml().startsWith(QStringLiteral("<table")));
        QVERIFY(visibleText(panel).contains(QStringLiteral("Following 2.weight[3, 5]")));
        // At the parameter's own record: the gradient the optimizer uses, labelled as the batch's.
        QVERIFY(walkToBackward(panel, recordNamed(t, "2.weight")));
        QVERIFY2(panel.entryHtml().contains(exactText(sent)), qPrintable(panel.entryHtml()));
        QVERIFY(panel.entryHtml().contains(QStringLiteral("of this traced mini-batch of 10")));
        // A node that does not touch it says so.
        QVERIFY(walkToBackward(panel, recordNamed(t, "0.linear")));
        QVERIFY(panel.entryHtml().contains(QStringLiteral("does not touch it")));
    }

    // A unit of a ReLU layer: upstream × local derivative, and the sum over the next layer's
    // units that made its upstream.
    void followsOneUnitThroughAnElementwiseOp() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        const StepTrace& t = *trace;
        StepThroughPanel panel;
        panel.setTrace(trace);
        QVERIFY(panel.setFocusEntry(FocusEntry::output(1, 2, 7))); // 1.relu[2, 7]
        // The next layer's linear sends dL/dh[2, 7] = Σ_i upstream[2, i] · W[i, 7].
        const int k = recordNamed(t, "2.linear");
        QVERIFY(walkToBackward(panel, k));
        const Tensor& up = t.backward[std::size_t(k)].upstream;
        const Tensor& weight = t.forward[std::size_t(nodeNamed(t, "2.weight"))].value; // [16, 16]
        double sum = 0;
        for (Index i = 0; i < 16; ++i)
            sum += double(up[2 * 16 + i]) * double(weight[i * 16 + 7]);
        QVERIFY2(panel.entryHtml().contains(QStringLiteral("units i of 2.linear")),
                 qPrintable(panel.entryHtml()));
        QVERIFY2(panel.entryHtml().contains(exactText(sum)), qPrintable(panel.entryHtml()));
        // The ReLU's own step: upstream, local derivative (1 where z > 0), product.
        const int relu = recordNamed(t, "1.relu");
        QVERIFY(walkToBackward(panel, relu));
        const double upstream = t.backward[std::size_t(relu)].upstream[2 * 16 + 7];
        QVERIFY(std::abs(upstream - sum) <= 1e-6 * (1 + std::abs(sum)));
        const float z = t.forward[std::size_t(nodeNamed(t, "0.linear"))].value[2 * 16 + 7];
        const double local = z > 0 ? 1 : 0;
        const QString html = panel.entryHtml();
        QVERIFY2(html.contains(QStringLiteral("local derivative d1.relu/d0.linear[2, 7]")),
                 qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("<b>%1</b>").arg(exactText(upstream))));
        QVERIFY(html.contains(QStringLiteral("<b>%1</b>").arg(exactText(local))));
        QVERIFY(html.contains(QStringLiteral("<b>%1</b>").arg(exactText(upstream * local))));
    }

    // A bias: the sum of the upstream over the batch; the update: before, g, Adam's state,
    // Δw and after, each at the entry.
    void followsABiasAndItsUpdate() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        const StepTrace& t = *trace;
        StepThroughPanel panel;
        panel.setTrace(trace);
        QVERIFY(panel.setFocusEntry(FocusEntry::bias(4, 1)));
        const int k = recordNamed(t, "output");
        QVERIFY(walkToBackward(panel, k));
        const Tensor& up = t.backward[std::size_t(k)].upstream; // [10, 2]
        double sum = 0;
        for (Index b = 0; b < 10; ++b)
            sum += up[b * 2 + 1];
        QVERIFY2(panel.entryHtml().contains(exactText(sum)), qPrintable(panel.entryHtml()));
        QVERIFY(panel.entryHtml().contains(QStringLiteral("over the 10 samples")));
        int u = -1;
        for (int i = 0; i < int(t.updates.size()); ++i)
            if (t.updates[std::size_t(i)].parameter == "4.bias") u = i;
        QVERIFY(u >= 0);
        while (panel.position() < panel.count() - int(t.updates.size()) + u)
            panel.next();
        QCOMPARE(panel.phase(), TracePhase::Update);
        const UpdateRecord& update = t.updates[std::size_t(u)];
        const QString html = panel.entryHtml();
        for (const Tensor* v : {&update.before, &update.gradient, &update.update, &update.after})
            QVERIFY2(html.contains(exactText((*v)[1])), qPrintable(html));
        QCOMPARE(update.state.front().first, std::string("exp_avg"));
        QVERIFY(html.contains(exactText(update.state.front().second[1])));
    }

    // The combo and spin boxes pick the entry; setFocusEntry moves them; a wrong entry is
    // refused with a message naming the problem.
    void entryPickersAndMessages() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        StepThroughPanel panel;
        panel.setTrace(trace);
        QComboBox* tensors = nullptr;
        for (QComboBox* c : panel.findChildren<QComboBox*>())
            if (c->findText(QStringLiteral("2.weight [16, 16]")) >= 0) tensors = c;
        QVERIFY(tensors);
        QSignalSpy changed(&panel, &StepThroughPanel::focusEntryChanged);
        tensors->setCurrentIndex(tensors->findText(QStringLiteral("2.weight [16, 16]")));
        QVector<QSpinBox*> spins;
        for (QSpinBox* s : panel.findChildren<QSpinBox*>())
            if (s->prefix() == QStringLiteral("unit ") || s->prefix() == QStringLiteral("input "))
                spins << s;
        QCOMPARE(spins.size(), 2);
        QCOMPARE(spins[0]->maximum(), 15);
        spins[0]->setValue(3);
        spins[1]->setValue(5);
        QCOMPARE(panel.focusEntry(), FocusEntry::weight(2, 3, 5));
        QVERIFY(changed.count() >= 3);
        // Programmatically, as the network view would on an edge click.
        QVERIFY(panel.setFocusEntry(FocusEntry::weight(4, 1, 9)));
        QCOMPARE(tensors->currentText(), QStringLiteral("4.weight [2, 16]"));
        QCOMPARE(spins[0]->value(), 1);
        QCOMPARE(spins[1]->value(), 9);
        QVERIFY(tensors->findText(QStringLiteral("layer 3 output (relu) [10, 16]")) >= 0);
        QVERIFY(!panel.setFocusEntry(FocusEntry::weight(2, 40, 0)));
        QVERIFY2(panel.entryHtml().contains(QStringLiteral("outside 2.weight, which has shape "
                                                           "[16, 16]")),
                 qPrintable(panel.entryHtml()));
        QVERIFY(!panel.setFocusEntry(FocusEntry::weight(9, 0, 0)));
        QVERIFY(panel.entryHtml().contains(QStringLiteral("no parameter 9.weight")));
        QVERIFY(!panel.setFocusEntry(FocusEntry::output(12, 0, 0)));
        QVERIFY(panel.entryHtml().contains(QStringLiteral("no layer 12")));
        QVERIFY(panel.setFocusEntry({}));
        QVERIFY(panel.entryHtml().isEmpty());
        QVERIFY(panel.traceHtml().contains(QStringLiteral("Follow one entry")));
    }

    // A real step or a copy, whose gradient, and how far the model has moved on since.
    void saysWhatIsShown() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        StepThroughPanel panel;
        panel.setTrace(trace);
        QLabel* about = nullptr;
        for (QLabel* l : panel.findChildren<QLabel*>())
            if (l->text() == panel.aboutText()) about = l;
        QVERIFY(about);
        QVERIFY(panel.aboutText().contains(QStringLiteral("real training step (step 3)")));
        QVERIFY(panel.aboutText().contains(QStringLiteral("this one, until it trains on")));
        panel.setModelStep(trace->step - 1, false); // the trace came before its snapshot
        QVERIFY2(about->text().contains(QStringLiteral("this one, until it trains on")),
                 qPrintable(about->text()));
        panel.setModelStep(trace->step - 1, true); // the timeline went back
        QVERIFY2(about->text().contains(QStringLiteral("The timeline shows step 2, before this")),
                 qPrintable(about->text()));
        panel.setModelStep(trace->step + 7, false);
        QVERIFY2(about->text().contains(QStringLiteral("trained 7 more steps since")),
                 qPrintable(about->text()));
        QVERIFY(about->text().contains(QStringLiteral("now shows step 10's gradient")));
        auto copy = std::make_shared<StepTrace>(*trace);
        copy->sample = 4;
        copy->batch = 1;
        panel.setTrace(copy);
        QVERIFY(about->text().startsWith(QStringLiteral("A copy: training sample #4 alone")));
        QVERIFY(about->text().contains(QStringLiteral("the model did not move")));
        QVERIFY(panel.setFocusEntry(FocusEntry::weight(4, 0, 0)));
        QVERIFY(walkToBackward(panel, recordNamed(*copy, "4.weight")));
        QVERIFY(panel.entryHtml().contains(QStringLiteral("of sample #4 alone")));
    }

    // clear() and a null or broken trace leave nothing of the old step on screen.
    void clearForgetsTheTrace() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        StepThroughPanel panel;
        panel.setTrace(trace);
        panel.setFocusEntry(FocusEntry::weight(2, 3, 5));
        panel.next();
        panel.setGradientCheck(someCheck());
        const auto oldShown = [&](const QString& text) {
            for (const char* name : {"0.weight", "2.weight", "1.relu", "output", "Step 3"})
                if (text.contains(QLatin1String(name))) return true;
            return false;
        };
        const auto cleared = [&](const QString& why) {
            QVERIFY(!panel.trace());
            QVERIFY(!panel.gradientCheck());
            QCOMPARE(panel.count(), 0);
            QVERIFY(!panel.showingCheck());
            QVERIFY2(visibleText(panel).contains(QStringLiteral("Press Trace a step")),
                     qPrintable(visibleText(panel)));
            if (!why.isEmpty()) QVERIFY(visibleText(panel).contains(why));
            QString everything = panel.traceHtml() + panel.checkHtml() + panel.entryHtml();
            for (QLabel* l : panel.findChildren<QLabel*>())
                if (l->isVisibleTo(&panel)) everything += l->text();
            for (QComboBox* c : panel.findChildren<QComboBox*>())
                for (int i = 0; i < c->count(); ++i)
                    everything += c->itemText(i);
            for (QTextBrowser* b : panel.findChildren<QTextBrowser*>())
                everything += b->toPlainText();
            // A rejected trace is named in the message; nothing else may remain.
            everything.remove(QRegularExpression(QStringLiteral("could not be shown: [^<\\n]*")));
            QVERIFY2(!oldShown(everything), qPrintable(everything));
            for (const QString& text : {QStringLiteral("Next ▶"), QStringLiteral("◀ Previous"),
                                        QStringLiteral("Restart"), QStringLiteral("End of phase")})
                QVERIFY(!button(panel, text)->isEnabled());
        };
        panel.clear(QStringLiteral("The network was reset."));
        cleared(QStringLiteral("The network was reset."));
        // The entry asked for is kept for the next trace.
        QCOMPARE(panel.focusEntry(), FocusEntry::weight(2, 3, 5));
        panel.setTrace(trace);
        QVERIFY(panel.entryHtml().contains(QStringLiteral("Following 2.weight[3, 5]")));
        panel.setTrace(nullptr);
        cleared({});
        auto broken = std::make_shared<StepTrace>(*trace);
        broken->forward[4].inputIds = {9};
        panel.setTrace(broken);
        cleared(QStringLiteral("could not be shown"));
        broken = std::make_shared<StepTrace>(*trace);
        for (StepRecord& r : broken->backward)
            for (EdgeStep& e : r.edges)
                e.inputNode = 999;
        panel.setTrace(broken);
        cleared(QStringLiteral("unknown node 999"));
    }

    // The layer of the current node comes from the trace, not from the nodes' names.
    void currentLayerFromTheTrace() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        auto renamed = std::make_shared<StepTrace>(*trace);
        for (std::size_t i = 0; i < renamed->forward.size(); ++i)
            renamed->forward[i].name = renamed->nodeNames[i] = "node" + std::to_string(i * 7);
        StepThroughPanel panel;
        panel.setTrace(renamed);
        QCOMPARE(panel.currentLayer(), -1); // x
        std::vector<int> layers;
        for (int i = 0; i < int(renamed->forward.size()); ++i) {
            layers.push_back(panel.currentLayer());
            panel.next();
        }
        for (std::size_t i = 0; i < layers.size(); ++i)
            QCOMPARE(layers[i], trace->forward[i].layer);
        QCOMPARE(layers[std::size_t(nodeNamed(*trace, "output"))], 4);
        QCOMPARE(layers[std::size_t(nodeNamed(*trace, "2.bias"))], 2);
    }

    // A 500 × 250 dock (1024 × 600 screen): the panel asks for little and scrolls to the rest.
    void fitsASmallDock() {
        const StepTracePtr trace = presetTrace("spiral", 3);
        QVERIFY(trace);
        StepThroughPanel panel;
        panel.setTrace(trace);
        panel.setFocusEntry(FocusEntry::weight(2, 3, 5));
        panel.setGradientCheck(someCheck());
        const QSize hint = panel.minimumSizeHint();
        QVERIFY2(hint.width() <= 480 && hint.height() <= 240,
                 qPrintable(QStringLiteral("%1×%2").arg(hint.width()).arg(hint.height())));
        panel.resize(500, 250);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.size(), QSize(500, 250));
        auto* scroll = panel.findChild<QScrollArea*>();
        QVERIFY(scroll);
        QPushButton* end = button(panel, QStringLiteral("End of phase"));
        scroll->ensureWidgetVisible(end);
        const QRect inView(end->mapTo(scroll->viewport(), QPoint(0, 0)), end->size());
        QVERIFY(scroll->viewport()->rect().contains(inView));
        QTest::mouseClick(end, Qt::LeftButton);
        QCOMPARE(panel.phase(), TracePhase::Forward);
        QCOMPARE(panel.position(), int(trace->forward.size()) - 1);
        // To look at it: GRADSCOPE_SHOTS=dir keeps pictures of the panel at two sizes.
        if (const QString dir = qEnvironmentVariable("GRADSCOPE_SHOTS"); !dir.isEmpty()) {
            QVERIFY(walkToBackward(panel, recordNamed(*trace, "2.linear")));
            QCoreApplication::sendPostedEvents(); // the layouts follow the new texts
            QVERIFY(panel.grab().save(dir + QStringLiteral("/stepthrough-500x250.png")));
            panel.resize(820, 520);
            QCoreApplication::sendPostedEvents();
            QVERIFY(panel.grab().save(dir + QStringLiteral("/stepthrough-820x520.png")));
            panel.setFocusEntry(FocusEntry::output(1, 2, 7));
            QVERIFY(walkToBackward(panel, recordNamed(*trace, "1.relu")));
            QCoreApplication::sendPostedEvents();
            QVERIFY(panel.grab().save(dir + QStringLiteral("/stepthrough-unit-820x520.png")));
        }
    }
};

QTEST_MAIN(TestStepThroughPanel)
#include "tst_stepthroughpanel.moc"
