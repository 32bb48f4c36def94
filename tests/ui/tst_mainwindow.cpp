// The main window opens, and its worked example shows the engine's numbers.
#include "MainWindow.h"

#include <QLabel>
#include <QTest>
#include <cmath>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensWithWorkedExample() {
        gs::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Gradscope"));
        // y = tanh(w x + b) with x = 2, w = 0.5, b = 0.1; L = y²; dL/dw = 2y(1 - y²)·x.
        const double y = std::tanh(0.5 * 2 + 0.1);
        const double dw = 2 * y * (1 - y * y) * 2;
        const QString text = window.workedExample();
        QVERIFY2(text.contains(QString::number(dw, 'f', 4)), qPrintable(text));
        QVERIFY2(text.contains(QString::number(dw / 2, 'f', 4)), qPrintable(text));
        auto* label = window.findChild<QLabel*>(QStringLiteral("workedExample"));
        QVERIFY(label && label->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
