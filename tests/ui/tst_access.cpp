// Access for every student, under the offscreen platform: Tab walks the main window as a page
// is read and reaches every control; each stop shows that it has the focus and has a name a
// screen reader can say; Space and Enter press a button reached by Tab, a list reached by Tab
// keeps its letters (Space still trains elsewhere); F6 goes from pane to pane; and the colour
// scales keep a value's sign for colour-blind eyes, the second one in greyscale too.
#include "ContourCanvas.h"
#include "DockTitleBar.h"
#include "GraphView.h"
#include "LandscapeView.h"
#include "MainWindow.h"
#include "NetworkView.h"
#include "OutputView.h"
#include "ReadingOrder.h"
#include "ViewTestSupport.h"
#include "panels/DataPanel.h"
#include "panels/OptimizerToolbar.h"

#include "Palette.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include <array>
#include <cmath>

using namespace gs::ui;
using gs::ui::test::shownRect;

namespace {

// The control a tab stop belongs to: a number box for its line edit.
QWidget* controlOf(QWidget* stop) {
    if (auto* box = qobject_cast<QAbstractSpinBox*>(stop->parentWidget())) return box;
    if (auto* combo = qobject_cast<QComboBox*>(stop->parentWidget())) return combo;
    return stop;
}

QString accessibleText(QWidget* w, QAccessible::Text which) {
    QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
    return a ? a->text(which) : QString();
}

bool hasLetter(const QString& s) {
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.isLetter(); });
}

// CIE L*a*b* of an sRGB colour (D65).
std::array<double, 3> lab(const QColor& c) {
    const auto linear = [](double u) {
        return u <= 0.04045 ? u / 12.92 : std::pow((u + 0.055) / 1.055, 2.4);
    };
    const double r = linear(c.redF()), g = linear(c.greenF()), b = linear(c.blueF());
    const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    const auto f = [](double t) {
        return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double deltaE(const QColor& a, const QColor& b) {
    const auto p = lab(a), q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

// The colour as seen with a dichromacy: Machado, Oliveira & Fernandes (2009), severity 1,
// applied to linear RGB.
using Matrix = std::array<std::array<double, 3>, 3>;
const Matrix kProtanopia{{{0.152286, 1.052583, -0.204868},
                          {0.114503, 0.786281, 0.099216},
                          {-0.003882, -0.048116, 1.051998}}};
const Matrix kDeuteranopia{{{0.367322, 0.860646, -0.227968},
                            {0.280085, 0.672501, 0.047413},
                            {-0.011820, 0.042940, 0.968881}}};
const Matrix kTritanopia{{{1.255528, -0.076749, -0.178779},
                          {-0.078411, 0.930809, 0.147602},
                          {0.004733, 0.691367, 0.303900}}};

QColor seenWith(const Matrix& m, const QColor& c) {
    const auto linear = [](double u) {
        return u <= 0.04045 ? u / 12.92 : std::pow((u + 0.055) / 1.055, 2.4);
    };
    const auto gamma = [](double u) {
        u = std::clamp(u, 0.0, 1.0);
        return u <= 0.0031308 ? 12.92 * u : 1.055 * std::pow(u, 1 / 2.4) - 0.055;
    };
    const double in[3] = {linear(c.redF()), linear(c.greenF()), linear(c.blueF())};
    double out[3];
    for (int i = 0; i < 3; ++i)
        out[i] = gamma(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2]);
    return QColor::fromRgbF(float(out[0]), float(out[1]), float(out[2]));
}

// How many pixels the focus changed clearly (not a faint tint a student would not see):
// the mark a focused control must show.
int markedPixels(const QImage& before, const QImage& after) {
    if (before.size() != after.size()) return before.width() * before.height();
    int marked = 0;
    for (int y = 0; y < before.height(); ++y)
        for (int x = 0; x < before.width(); ++x) {
            const QColor a(before.pixel(x, y)), b(after.pixel(x, y));
            if (std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                    std::abs(a.blue() - b.blue()) >=
                90)
                ++marked;
        }
    return marked;
}

QString describe(QWidget* w) {
    return QStringLiteral("%1 '%2' at (%3, %4)")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
        .arg(w->mapTo(w->window(), QPoint()).x())
        .arg(w->mapTo(w->window(), QPoint()).y());
}

} // namespace

class TestAccess : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // The window at 1280×720, active, with a network trained a step (the views have content).
    void open(MainWindow& window) {
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(window.canTrain());
        window.stepBatch();
        QTRY_COMPARE(window.lastSnapshot()->step, 1L);
    }

    // Each dock in turn brought to the front of its tabs (the views behind tabs count too); `check`
    // runs after each.
    template <typename Check> void withEachDockRaised(MainWindow& window, Check check) {
        for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
            dock->show();
            dock->raise();
            QTRY_VERIFY(window.rect().intersects(dock->geometry()));
            QTest::qWait(0); // the raised dock laid out
            check(dock->windowTitle());
        }
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("GRADSCOPE_DATA", m_dir.path().toUtf8());
        QSettings().clear();
    }

    void tabWalksThePageInReadingOrder() {
        MainWindow window;
        open(window);
        const QList<QWidget*> chain = readingOrderChain(&window);
        QVERIFY(chain.size() > 20);
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("trainingToolbar"));
        QVERIFY(bar);
        QWidget* reset = bar->widgetForAction(bar->actions().value(0));
        QWidget* play = bar->widgetForAction(window.playAction());
        // The page as read: the toolbar left to right, the data panel on the left, the network
        // and then its output in the middle, the charts below.
        const QList<QWidget*> anchors = {
            reset,
            play,
            window.findChild<QSlider*>(QStringLiteral("speed")),
            window.optimizerToolbar()->optimizerBox(),
            window.dataPanel()->findChild<QComboBox*>(),
            window.networkView(),
            window.outputView(),
        };
        qsizetype previous = -1;
        for (QWidget* anchor : anchors) {
            QVERIFY(anchor);
            qsizetype at = chain.indexOf(anchor);
            if (at < 0) at = chain.indexOf(anchor->focusProxy());
            QVERIFY2(at > previous, qPrintable(describe(anchor)));
            previous = at;
        }
        QCOMPARE(chain.first(), reset);
        QCOMPARE(QApplication::focusWidget(), play); // where a new window starts
        // The keys themselves follow the chain, and wrap round.
        reset->setFocus(Qt::TabFocusReason);
        for (qsizetype i = 1; i <= chain.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QVERIFY2(QApplication::focusWidget() == chain[i % chain.size()],
                     qPrintable(describe(chain[i % chain.size()])));
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget(), chain.last());
    }

    void everyControlOnScreenIsATabStop() {
        MainWindow window;
        open(window);
        int controls = 0;
        QStringList missing;
        withEachDockRaised(window, [&](const QString& dock) {
            const QList<QWidget*> chain = readingOrderChain(&window);
            for (QWidget* w : window.findChildren<QWidget*>()) {
                const bool control =
                    qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) ||
                    qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QSlider*>(w) ||
                    qobject_cast<QTabBar*>(w) || qobject_cast<NetworkView*>(w) ||
                    qobject_cast<OutputView*>(w) || qobject_cast<GraphView*>(w) ||
                    qobject_cast<ContourCanvas*>(w);
                // A tab bar's scroll arrows are the style's (the tabs take the arrow keys); a
                // view's float and close buttons are for the mouse (View › Docks, below). A
                // toolbar's » button is a stop: what the window has no room for is behind it.
                const bool styles = (w->objectName().startsWith(QStringLiteral("qt_")) &&
                                     w->objectName() != QStringLiteral("qt_toolbar_ext_button")) ||
                                    qobject_cast<QTabBar*>(w->parentWidget()) ||
                                    qobject_cast<DockTitleBar*>(w->parentWidget());
                if (!control || styles || !w->isVisible() || !w->isEnabled() ||
                    shownRect(w).isEmpty())
                    continue;
                ++controls;
                QWidget* stop = w->focusProxy() ? w->focusProxy() : w;
                if (!chain.contains(stop)) missing << dock + QStringLiteral(": ") + describe(w);
            }
        });
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
        QVERIFY(controls > 60);
        // Every view is shown and hidden from the keyboard in View › Docks.
        QMenu* docks = nullptr;
        for (QMenu* m : window.findChildren<QMenu*>())
            if (m->title() == QStringLiteral("&Docks")) docks = m;
        QVERIFY(docks);
        for (QDockWidget* dock : window.findChildren<QDockWidget*>())
            QVERIFY2(docks->actions().contains(dock->toggleViewAction()),
                     qPrintable(dock->windowTitle()));
    }

    void everyTabStopShowsItsFocus() {
        MainWindow window;
        open(window);
        QStringList unseen;
        withEachDockRaised(window, [&](const QString& dock) {
            const QList<QWidget*> chain = readingOrderChain(&window);
            // By the Tab key itself: styles draw the focus only once the keyboard has moved it.
            chain.last()->setFocus(Qt::TabFocusReason);
            for (QWidget* stop : chain) {
                QWidget* shown = controlOf(stop);
                QVERIFY(!stop->hasFocus());
                const QImage without = shown->grab().toImage();
                // A text with links takes Tab from link to link first.
                QWidget* from = QApplication::focusWidget();
                for (int i = 0; i < 100 && QApplication::focusWidget() == from; ++i)
                    QTest::keyClick(from, Qt::Key_Tab);
                QVERIFY2(stop->hasFocus(),
                         qPrintable(dock + QStringLiteral(": ") + describe(stop)));
                const QImage with = shown->grab().toImage();
                if (markedPixels(without, with) < 16)
                    unseen << dock + QStringLiteral(": ") + describe(shown);
            }
        });
        QVERIFY2(unseen.isEmpty(), qPrintable(unseen.join(QStringLiteral("; "))));
    }

    // What Tab reaches is scrolled into view: a chart below the dock's fold, the computation
    // graph's box under the keyboard's cursor.
    void aTabStopIsScrolledIntoView() {
        MainWindow window;
        open(window);
        QStringList hidden;
        withEachDockRaised(window, [&](const QString& dock) {
            const QList<QWidget*> chain = readingOrderChain(&window);
            chain.last()->setFocus(Qt::TabFocusReason);
            for (QWidget* stop : chain) {
                QWidget* from = QApplication::focusWidget();
                for (int i = 0; i < 100 && QApplication::focusWidget() == from; ++i)
                    QTest::keyClick(from, Qt::Key_Tab);
                QCoreApplication::processEvents(); // a scroll queued by the focus
                QWidget* shown = controlOf(stop);
                const QRect on = shownRect(shown);
                // Most of a control, or a view's first screenful.
                const QSize whole = shown->size().boundedTo(QSize(200, 120));
                if (on.width() < whole.width() * 3 / 4 || on.height() < whole.height() * 3 / 4)
                    hidden << dock + QStringLiteral(": ") + describe(shown);
                if (auto* graph = qobject_cast<GraphView*>(shown); graph && graph->hasFocus()) {
                    QVERIFY(graph->keyboardBox() >= 0);
                    const QRect box = graph->boxRect(graph->keyboardBox()).toAlignedRect();
                    const QRect boxOn = QRect(graph->mapTo(&window, box.topLeft()), box.size())
                                            .intersected(shownRect(graph));
                    if (boxOn.width() < box.width() / 2)
                        hidden << dock + QStringLiteral(": the graph's box under the cursor");
                }
            }
        });
        QVERIFY2(hidden.isEmpty(), qPrintable(hidden.join(QStringLiteral("; "))));
    }

    // What the window has no room for in the toolbars is reached by Tab: the » button, Space,
    // and on into what it shows (the optimizer's More).
    void theToolbarsOverflowIsReachedByTab() {
        MainWindow window;
        open(window);
        auto* more = window.optimizerToolbar()->findChild<QToolButton*>(
            QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY(more);
        QVERIFY2(more->isVisible(),
                 "the toolbar fits at 1280 pixels: the test needs a narrower one");
        const QList<QList<QWidget*>> regions = readingOrderRegions(&window);
        QCOMPARE(regions[0].last(), more);
        regions[1].first()->setFocus(Qt::TabFocusReason);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget(), more);
        QVERIFY(!more->isChecked());
        QTest::keyClick(more, Qt::Key_Space);
        QTRY_VERIFY(more->isChecked()); // the toolbar shows the rest
        QVERIFY(!window.isRunning());
        QWidget* rest = nullptr;
        for (QToolButton* b : window.optimizerToolbar()->findChildren<QToolButton*>())
            if (b->text() == QStringLiteral("More")) rest = b;
        QVERIFY(rest);
        QTRY_VERIFY(rest->isVisible());
        for (int i = 0; i < 20 && QApplication::focusWidget() != rest; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), rest);
    }

    void everyTabStopHasAName() {
        MainWindow window;
        open(window);
        QStringList unnamed;
        withEachDockRaised(window, [&](const QString& dock) {
            for (QWidget* stop : readingOrderChain(&window)) {
                QWidget* w = controlOf(stop);
                const QString name = accessibleText(w, QAccessible::Name);
                if (!hasLetter(name)) unnamed << dock + QStringLiteral(": ") + describe(w);
                // A value's control is named by what it sets, not only by its value.
                if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
                    qobject_cast<QSlider*>(w)) {
                    QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
                    const bool labelled = !w->accessibleName().isEmpty() ||
                                          !a->relations(QAccessible::Label).isEmpty();
                    if (!labelled)
                        unnamed << dock + QStringLiteral(": ") + describe(w) +
                                       QStringLiteral(" (no label)");
                }
            }
        });
        for (const QString& u : unnamed)
            qWarning("%s", qPrintable(u)); // the message below is cut at a length
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("; "))));
    }

    void spaceAndEnterPressAButtonReachedByTab() {
        MainWindow window;
        open(window);
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("trainingToolbar"));
        QAction* resetAction = bar->actions().value(0);
        QSignalSpy resets(resetAction, &QAction::triggered);
        QSignalSpy plays(window.playAction(), &QAction::triggered);
        QWidget* reset = bar->widgetForAction(resetAction);
        reset->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(reset->hasFocus());
        QTest::keyClick(reset, Qt::Key_Space);
        QTRY_COMPARE(resets.count(), 1);
        QCOMPARE(plays.count(), 0);
        QTest::keyClick(reset, Qt::Key_Return);
        QTRY_COMPARE(resets.count(), 2);
        QCOMPARE(plays.count(), 0);
        // A button clicked with the mouse: Space trains, as before.
        auto* regenerate = window.dataPanel()->findChild<QPushButton*>();
        QVERIFY(regenerate);
        QTest::mouseClick(regenerate, Qt::LeftButton);
        regenerate->setFocus(Qt::MouseFocusReason);
        QTRY_VERIFY(window.canTrain() && window.playAction()->isEnabled()); // new data loaded
        QTest::keyClick(regenerate, Qt::Key_Space);
        QTRY_COMPARE(plays.count(), 1);
        window.pause();
    }

    // F6 goes from pane to pane (the toolbar, each dock, the centre) and Shift+F6 back; Go to
    // view brings a view to the front with the focus in it.
    void f6AndGoToViewMoveBetweenPanes() {
        MainWindow window;
        open(window);
        const QList<QList<QWidget*>> regions = readingOrderRegions(&window);
        QVERIFY(regions.size() >= 4);
        // Both toolbars are the first pane: F6 from Play goes to the data panel.
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("trainingToolbar"));
        QVERIFY(regions[0].contains(bar->widgetForAction(window.playAction())));
        QVERIFY(regions[0].contains(window.optimizerToolbar()->optimizerBox()));
        regions[0].first()->setFocus(Qt::TabFocusReason);
        for (qsizetype r = 1; r <= regions.size(); ++r) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
            QCOMPARE(QApplication::focusWidget(), regions[r % regions.size()].first());
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), regions.last().first());
        // Go to view › Loss landscape (behind the computation graph's tab): in front, focused.
        QAction* go = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text() == QStringLiteral("Loss landscape") && a->parent() &&
                qobject_cast<QMenu*>(a->parent()))
                go = a;
        QVERIFY(go);
        go->trigger();
        auto* landscape = window.findChild<ContourCanvas*>();
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus);
        QVERIFY2(window.landscapeView()->isAncestorOf(focus), qPrintable(describe(focus)));
        QVERIFY(landscape);
    }

    // A list reached by Tab takes its own keys (a letter picks an entry, Space opens it); a
    // list clicked with the mouse leaves them to training, as before.
    void aListReachedByTabKeepsItsKeys() {
        MainWindow window;
        open(window);
        QComboBox* optimizer = window.optimizerToolbar()->optimizerBox();
        const long step = window.lastSnapshot()->step;
        optimizer->setFocus(Qt::TabFocusReason);
        QTest::keyClick(optimizer, Qt::Key_S);
        QVERIFY2(optimizer->currentText().startsWith(QStringLiteral("SGD")),
                 qPrintable(optimizer->currentText()));
        QCOMPARE(window.lastSnapshot()->step, step);
        optimizer->clearFocus();
        optimizer->setFocus(Qt::MouseFocusReason);
        QTRY_VERIFY(window.canTrain());
        QTest::keyClick(optimizer, Qt::Key_S);
        QTRY_COMPARE(window.lastSnapshot()->step, step + 1);
    }

    // Play turning into Pause moves nothing: a keyboard user's focus ring and a mouse user's
    // next click stay where they were.
    void playAndPauseTakeTheSameWidth() {
        MainWindow window;
        open(window);
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("trainingToolbar"));
        QWidget* play = bar->widgetForAction(window.playAction());
        QWidget* step = bar->widgetForAction(bar->actions().value(2));
        const int width = play->width(), stepAt = step->x();
        window.play();
        QTRY_VERIFY(window.isRunning());
        QTRY_COMPARE(window.playAction()->text(), QStringLiteral("Pause"));
        QCoreApplication::processEvents(); // the toolbar laid out again
        QCOMPARE(play->width(), width);
        QCOMPARE(step->x(), stepAt);
        window.pause();
    }

    // Both scales keep a value's sign apart for protanopia, deuteranopia and tritanopia (as
    // simulated): −v and +v differ clearly, more so the larger |v|.
    void scalesKeepTheSignForColourBlindEyes() {
        const Matrix* kinds[] = {&kProtanopia, &kDeuteranopia, &kTritanopia};
        for (const ColourScale scale : {ColourScale::OrangeBlue, ColourScale::BlueYellow})
            for (const bool dark : {false, true})
                for (const Matrix* m : kinds)
                    for (const double v : {0.25, 0.5, 1.0}) {
                        const QColor below = seenWith(*m, divergingColor(-v, dark, scale));
                        const QColor above = seenWith(*m, divergingColor(v, dark, scale));
                        QVERIFY2(deltaE(below, above) > 40 * v,
                                 qPrintable(QStringLiteral("scale %1, v %2: ΔE %3")
                                                .arg(int(scale))
                                                .arg(v)
                                                .arg(deltaE(below, above))));
                    }
    }

    // The colour-blind-safe scale reads in greyscale: every step is lighter than the one
    // before, from a dark end to a light one, on either palette.
    void blueYellowReadsInGreyscale() {
        for (const bool dark : {false, true}) {
            double previous = -1;
            for (int i = -20; i <= 20; ++i) {
                const double lightness =
                    lab(divergingColor(i / 20.0, dark, ColourScale::BlueYellow))[0];
                QVERIFY2(lightness > previous + 1, qPrintable(QString::number(i)));
                previous = lightness;
            }
            QVERIFY(lab(positiveColor(ColourScale::BlueYellow))[0] -
                        lab(negativeColor(ColourScale::BlueYellow))[0] >
                    60);
        }
    }

    // View › Appearance switches the scale: the views redraw in it, the captions name its
    // colours, and the choice is kept.
    void theScaleIsChosenInTheMenu() {
        MainWindow window;
        open(window);
        auto* blueYellow = window.findChild<QAction*>(QStringLiteral("scale-blue-yellow"));
        auto* orangeBlue = window.findChild<QAction*>(QStringLiteral("scale-orange-blue"));
        QVERIFY(blueYellow && orangeBlue);
        QVERIFY(orangeBlue->isChecked());
        const QImage before = window.outputView()->grab().toImage();
        blueYellow->trigger();
        QCOMPARE(window.colourScale(), ColourScale::BlueYellow);
        QVERIFY(blueYellow->isChecked() && !orangeBlue->isChecked());
        QCOMPARE(QSettings().value(QStringLiteral("colourScale")).toString(),
                 QStringLiteral("blue-yellow"));
        const QImage after = window.outputView()->grab().toImage();
        QVERIFY(after != before);
        // The training points are drawn in the scale's ends now: some pixel is its yellow.
        const QColor yellow = positiveColor(ColourScale::BlueYellow);
        bool found = false;
        for (int y = 0; y < after.height() && !found; ++y)
            for (int x = 0; x < after.width() && !found; ++x)
                found = QColor(after.pixel(x, y)) == yellow;
        QVERIFY(found);
        orangeBlue->trigger();
        QCOMPARE(window.colourScale(), ColourScale::OrangeBlue);
        QCOMPARE(window.outputView()->grab().toImage(), before);
    }
};

QTEST_MAIN(TestAccess)
#include "tst_access.moc"
