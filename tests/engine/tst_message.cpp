// gs::Message: places filled in order, numbers written as the engine writes them, nested
// messages, stray braces kept, and errors whose what() is the English text.
#include "core/Errors.h"
#include "core/Message.h"
#include "ops/Ops.h"

#include <QTest>

using namespace gs;

class TestMessage : public QObject {
    Q_OBJECT
private slots:
    void fillsPlacesInAnyOrder() {
        const Message m(Engine::tr("{2} before {1}, {1} again"), "a", std::string("b"));
        QCOMPARE(QString::fromStdString(m.english()), QStringLiteral("b before a, a again"));
        QCOMPARE(m.arguments().size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(m.text()), QStringLiteral("{2} before {1}, {1} again"));
    }

    void writesNumbers() {
        const Message m(Engine::tr("{1} {2} {3} {4} {5}"), 784, std::size_t(10), -3L, 0.001, 1e30f);
        QCOMPARE(QString::fromStdString(m.english()), QStringLiteral("784 10 -3 0.001 1e+30"));
    }

    void nestsMessages() {
        const Message inner(Engine::tr("the learning rate"));
        const Message outer(Engine::tr("{1} must be > 0, got {2}"), inner, -1);
        QCOMPARE(QString::fromStdString(outer.english()),
                 QStringLiteral("the learning rate must be > 0, got -1"));
        QVERIFY(outer.arguments()[0].message);
        QVERIFY(!outer.arguments()[1].message);
        // Each nested message goes through the caller's function (the UI's translation).
        const std::string filled =
            outer.fill("{2} <= 0: {1}", [](const Message& m) { return "[" + m.english() + "]"; });
        QCOMPARE(QString::fromStdString(filled), QStringLiteral("-1 <= 0: [the learning rate]"));
    }

    void keepsWhatIsNoPlace() {
        const Message m(Engine::tr("{0} {3} {x} {} {1} {12} {"), "one");
        QCOMPARE(QString::fromStdString(m.english()), QStringLiteral("{0} {3} {x} {} one {12} {"));
    }

    void verbatimIsNotFilled() {
        const Message m = Message::verbatim("kept {1} as is");
        QVERIFY(m.isVerbatim());
        QCOMPARE(QString::fromStdString(m.english()), QStringLiteral("kept {1} as is"));
    }

    void errorsCarryTheirMessage() {
        try {
            throw InvalidArgument(Engine::tr("{1}: out of range"), "stride");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("stride: out of range"));
            QCOMPARE(QString::fromStdString(e.message().text()),
                     QStringLiteral("{1}: out of range"));
        }
        // An engine op's error: what() reads as before, and the template has its places.
        Graph graph;
        const Var a = graph.input(Tensor(Shape{2, 3}), "a");
        const Var b = graph.input(Tensor(Shape{2, 3}), "b");
        try {
            matmul(a, b);
            QFAIL("matmul of [2, 3] by [2, 3] was accepted");
        } catch (const ShapeError& e) {
            QVERIFY2(
                QString::fromUtf8(e.what()).contains(QStringLiteral("cannot multiply 'a' [2, 3]")),
                e.what());
            QVERIFY(QString::fromStdString(e.message().text()).contains(QStringLiteral("{2}")));
        }
    }
};

QTEST_APPLESS_MAIN(TestMessage)
#include "tst_message.moc"
