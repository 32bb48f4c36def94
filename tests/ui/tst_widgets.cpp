// The app's small widgets on their own. A bounded spin box keeps a typed number that is out of
// its range, sets the nearest bound when the edit ends and says so (the issue: typing 999 in the
// landscape's Grid box of 5 to 81 silently gave 9); a number in range is taken as typed, with
// nothing said.
#include "BoundedSpinBox.h"
#include "FlowLayout.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

class TestWidgets : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void spinBoxSetsTheNearestBoundAndSaysSo_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("said");
        QTest::newRow("above") << "999" << 81 << "999 is more than this box takes (5 to 81)";
        QTest::newRow("below") << "3" << 5 << "3 is less than this box takes (5 to 81)";
        QTest::newRow("negative") << "-7" << 5 << "-7 is less than";
        QTest::newRow("in range") << "47" << 47 << "";
    }
    void spinBoxSetsTheNearestBoundAndSaysSo() {
        QFETCH(QString, typed);
        QFETCH(int, value);
        QFETCH(QString, said);
        BoundedSpinBox box;
        box.setRange(5, 81);
        box.setValue(31);
        box.setSuffix(QStringLiteral("²"));
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        QSignalSpy corrected(&box, &BoundedSpinBox::corrected);
        box.selectAll();
        QTest::keyClicks(&box, typed);
        QTest::keyClick(&box, Qt::Key_Return);
        QCOMPARE(box.value(), value);
        QCOMPARE(box.text(), QString::number(value) + QStringLiteral("²"));
        if (said.isEmpty()) {
            QCOMPARE(corrected.count(), 0);
        } else {
            QCOMPARE(corrected.count(), 1);
            QVERIFY2(corrected[0][0].toString().startsWith(said),
                     qPrintable(corrected[0][0].toString()));
        }
    }

    void doubleSpinBoxSetsTheNearestBound() {
        BoundedDoubleSpinBox box;
        box.setRange(0.05, 10);
        box.setDecimals(2);
        box.setPrefix(QStringLiteral("± "));
        box.setValue(1);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        QSignalSpy corrected(&box, &BoundedDoubleSpinBox::corrected);
        box.selectAll();
        QTest::keyClicks(&box, QStringLiteral("250"));
        QTest::keyClick(&box, Qt::Key_Return);
        QCOMPARE(box.value(), 10.0);
        QCOMPARE(corrected.count(), 1);
        QVERIFY(corrected[0][0].toString().contains(QStringLiteral("set to 10")));
        // In range: taken as typed.
        box.selectAll();
        QTest::keyClicks(&box, QStringLiteral("2.5"));
        QTest::keyClick(&box, Qt::Key_Return);
        QCOMPARE(box.value(), 2.5);
        QCOMPARE(corrected.count(), 1);
    }

    // A flow puts everything on one line when there is room, and wraps onto more lines, each
    // widget whole and none overlapping, when there is not; its height follows its width.
    void flowWrapsWhereItMustOnly_data() {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("oneLine");
        QTest::newRow("wide") << 1200 << true;
        QTest::newRow("dock") << 280 << false;
        QTest::newRow("narrowest") << 200 << false;
    }
    void flowWrapsWhereItMustOnly() {
        QFETCH(int, width);
        QFETCH(bool, oneLine);
        QWidget host;
        auto* flow = new FlowLayout(&host);
        QList<QWidget*> items;
        for (const char* text : {"Function", "Rosenbrock's valley", "Race", "Step", "Restart"}) {
            items.append(new QPushButton(QString::fromLatin1(text)));
            flow->addWidget(items.back());
        }
        items.append(labelled(QStringLiteral("Grid"), new BoundedSpinBox));
        flow->addWidget(items.back());
        QVERIFY(flow->minimumSize().width() < 200); // the widest item, not the sum
        host.resize(width, flow->heightForWidth(width));
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        QCOMPARE(flow->lines() == 1, oneLine);
        for (int i = 0; i < items.size(); ++i) {
            QVERIFY2(host.rect().contains(items[i]->geometry()), qPrintable(QString::number(i)));
            QCOMPARE(items[i]->width(), std::min(items[i]->sizeHint().width(), width));
            for (int j = 0; j < i; ++j)
                QVERIFY(!items[i]->geometry().intersects(items[j]->geometry()));
        }
        QVERIFY(flow->heightForWidth(width) > flow->heightForWidth(2000) || oneLine);
    }
};

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
