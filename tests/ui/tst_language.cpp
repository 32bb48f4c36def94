// The app in Chinese: View › Language switches without a restart and every text follows
// (menus, toolbars, docks, panels, views, charts); nothing is left in English that has a
// translation, nothing is clipped, and the window still fits 1280×720; back in English no
// Chinese is left. Also the engine's messages in Chinese, with their arguments.
#include "ChartsPanel.h"
#include "Language.h"
#include "MainWindow.h"
#include "OptimizerPanel.h"
#include "core/OpKind.h"
#include "ops/Ops.h"
#include "optim/Optimizer.h"
#include "train/Experiment.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace gs;
using namespace gs::ui;

namespace {

bool hasHan(const QString& text) {
    for (const QChar c : text)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
    return false;
}

QString plain(QString text) {
    text.remove(QLatin1Char('&'));
    return text.trimmed();
}

// The English texts of the zh_CN translation that read differently in Chinese.
QSet<QString> translatedSources() {
    QSet<QString> sources;
    QFile file(QStringLiteral(GRADSCOPE_TRANSLATIONS_DIR "/gradscope_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly)) return sources;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("source")) source = xml.readElementText();
        if (xml.name() == QLatin1String("translation")) {
            const QString translation = xml.readElementText();
            if (!translation.isEmpty() && plain(translation) != plain(source) &&
                !source.contains(QLatin1Char('%')))
                sources.insert(plain(source));
        }
    }
    return sources;
}

// Every text the window shows or can show: actions and menus, buttons, labels, group and
// dock titles, tabs, combo box items, tooltips, table headers, chart and axis titles.
struct Shown {
    QString where, text;
};

void addText(QList<Shown>& out, const QObject* o, const QString& text) {
    if (!text.trimmed().isEmpty())
        out.push_back(
            {QString::fromLatin1(o->metaObject()->className()) + QLatin1Char(' ') + o->objectName(),
             text});
}

QList<Shown> shownTexts(QMainWindow& window) {
    QList<Shown> out;
    QList<QObject*> objects = window.findChildren<QObject*>();
    objects << &window;
    for (QObject* o : objects) {
        if (auto* a = qobject_cast<QAction*>(o)) {
            if (a->isSeparator()) continue;
            addText(out, a, a->text());
            addText(out, a, a->toolTip() == plain(a->text()) ? QString() : a->toolTip());
            continue;
        }
        auto* w = qobject_cast<QWidget*>(o);
        if (!w) continue;
        addText(out, w, w->toolTip());
        if (auto* m = qobject_cast<QMenu*>(w)) addText(out, m, m->title());
        if (auto* b = qobject_cast<QAbstractButton*>(w)) addText(out, b, b->text());
        if (auto* l = qobject_cast<QLabel*>(w)) addText(out, l, l->text());
        if (auto* g = qobject_cast<QGroupBox*>(w)) addText(out, g, g->title());
        if (auto* d = qobject_cast<QDockWidget*>(w)) addText(out, d, d->windowTitle());
        if (auto* t = qobject_cast<QTabBar*>(w))
            for (int i = 0; i < t->count(); ++i)
                addText(out, t, t->tabText(i));
        if (auto* c = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < c->count(); ++i)
                addText(out, c, c->itemText(i));
        if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model())
            for (int i = 0; i < v->model()->columnCount(); ++i)
                addText(out, v, v->model()->headerData(i, Qt::Horizontal).toString());
        if (auto* c = qobject_cast<QChartView*>(w); c && c->chart()) {
            addText(out, c, c->chart()->title());
            for (QAbstractAxis* axis : c->chart()->axes())
                addText(out, c, axis->titleText());
            for (QAbstractSeries* s : c->chart()->series())
                addText(out, c, s->name());
        }
    }
    return out;
}

// A label or button whose text needs more room than it has (single line, not elided on
// purpose: a word-wrapped label wraps).
QStringList clipped(QMainWindow& window) {
    QStringList found;
    for (QWidget* w : window.findChildren<QWidget*>()) {
        if (!w->isVisible() || w->width() <= 0) continue;
        QString text;
        if (auto* l = qobject_cast<QLabel*>(w); l && !l->wordWrap() && l->pixmap().isNull())
            text = l->textFormat() == Qt::RichText || Qt::mightBeRichText(l->text())
                       ? QString()
                       : QString(l->text()).remove(QLatin1Char('&')); // a mnemonic's & is not drawn
        if (auto* b = qobject_cast<QAbstractButton*>(w)) text = plain(b->text());
        if (text.isEmpty() || text.contains(QLatin1Char('\n'))) continue;
        const int needed = w->fontMetrics().horizontalAdvance(text);
        if (needed > w->width() + 1)
            found << QStringLiteral("%1 '%2': %3 of %4 px")
                         .arg(QString::fromLatin1(w->metaObject()->className()), text)
                         .arg(w->width())
                         .arg(needed);
    }
    return found;
}

} // namespace

class TestLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("GRADSCOPE_DATA", m_dir.path().toUtf8());
        qunsetenv("GRADSCOPE_LANGUAGE");
        QSettings().clear();
    }
    void cleanup() {
        QVERIFY(setLanguage(QStringLiteral("en")));
        QSettings().remove(QStringLiteral("language"));
    }

    void listsChineseAndMatchesLocales() {
        const QList<Language> languages = availableLanguages();
        QCOMPARE(languages.value(0).code, QStringLiteral("en"));
        const auto zh = std::find_if(languages.begin(), languages.end(),
                                     [](const Language& l) { return l.code == "zh_CN"; });
        QVERIFY(zh != languages.end());
        QCOMPARE(zh->nativeName, QStringLiteral("简体中文"));
        QCOMPARE(languageForLocale(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(languageForLocale(QStringLiteral("zh_SG")), QStringLiteral("zh_CN"));
        QCOMPARE(languageForLocale(QStringLiteral("de_DE")), QStringLiteral("en"));
        QCOMPARE(languageForLocale(QStringLiteral("en_GB")), QStringLiteral("en"));
        QVERIFY(!setLanguage(QStringLiteral("xx_YY")));
        QCOMPARE(currentLanguage(), QStringLiteral("en"));
    }

    void engineMessagesInChinese() {
        Graph graph;
        const Var a = graph.input(Tensor(Shape{2, 3}), "a");
        const Var b = graph.input(Tensor(Shape{2, 3}), "b");
        try {
            matmul(a, b);
            QFAIL("matmul of [2, 3] by [2, 3] was accepted");
        } catch (const Error& e) {
            QCOMPARE(translated(e), QString::fromUtf8(e.what()));
            QVERIFY(setLanguage(QStringLiteral("zh_CN")));
            const QString chinese = translated(e);
            QVERIFY2(hasHan(chinese), qPrintable(chinese));
            QVERIFY2(chinese.contains(QStringLiteral("'a' [2, 3]")) &&
                         chinese.contains(QStringLiteral("'b' [2, 3]")),
                     qPrintable(chinese));
            QCOMPARE(QString::fromUtf8(e.what()).contains(QStringLiteral("cannot multiply")), true);
        }
    }

    // The op table's formulas keep their node names and get their words translated; a text
    // that is not the template's filling (a custom op's own formula) is left as it is.
    void formulasInChinese() {
        const char* rule = opInfo(OpKind::Linear).backward[2];
        const std::string filled = fillFormula(rule, "0.linear", {"x", "0.weight", "0.bias"});
        QCOMPARE(translatedFormula(rule, filled), QString::fromStdString(filled)); // English
        QVERIFY(setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = translatedFormula(rule, filled);
        QVERIFY2(hasHan(chinese) && chinese.contains(QStringLiteral("dL/d0.bias")) &&
                     chinese.contains(QStringLiteral("dL/d0.linear")) &&
                     !chinese.contains(QStringLiteral("over the batch")),
                 qPrintable(chinese));
        QCOMPARE(translatedFormula(rule, "dL/db = my own rule"),
                 QStringLiteral("dL/db = my own rule"));
        const char* forward = opInfo(OpKind::MaxPool2d).forward;
        const QString pool = translatedFormula(forward, fillFormula(forward, "pool", {"conv"}));
        QVERIFY2(hasHan(pool) && pool.startsWith(QStringLiteral("pool = ")) &&
                     pool.contains(QStringLiteral("conv")),
                 qPrintable(pool));
    }

    // The update rule's only words ("b = g at the first step") are shown translated, its
    // formulas as they are.
    void updateRuleInChinese() {
        OptimizerConfig config;
        config.kind = OptimizerKind::SGD;
        config.momentum = 0.9f;
        const std::string rule = updateRule(config);
        QCOMPARE(OptimizerPanel::ruleText(rule), QString::fromStdString(rule));
        QVERIFY(setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = OptimizerPanel::ruleText(rule);
        QVERIFY2(hasHan(chinese) && !chinese.contains(QStringLiteral("first step")) &&
                     chinese.contains(QStringLiteral("b ← μ·b + (1 − dampening)·g")),
                 qPrintable(chinese));
    }

    void switchesWithoutARestart() {
        const QSet<QString> english = translatedSources();
        QVERIFY2(english.size() > 400, qPrintable(QString::number(english.size())));
        MainWindow window;
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.canTrain());
        window.stepBatch();
        QTRY_VERIFY(window.lastSnapshot() && window.lastSnapshot()->step >= 1);

        for (const ViewEntry& v : window.views().views())
            QCOMPARE(v.widget->accessibleName(), v.title()); // what a screen reader says

        window.setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(currentLanguage(), QStringLiteral("zh_CN"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
        const auto leftInEnglish = [&] {
            QStringList left;
            for (const Shown& s : shownTexts(window))
                // Preset names are identifiers (--preset spiral), whatever the language.
                if (english.contains(plain(s.text)) && !findPreset(s.text.toStdString()))
                    left << s.where + QStringLiteral(": ") + s.text;
            return left;
        };
        QTRY_VERIFY2(leftInEnglish().isEmpty(), qPrintable(leftInEnglish().join('\n')));
        int chinese = 0;
        for (const Shown& s : shownTexts(window))
            chinese += hasHan(s.text);
        QVERIFY2(chinese > 200, qPrintable(QString::number(chinese)));

        // Screen readers name each view in the language shown.
        for (const ViewEntry& v : window.views().views())
            QVERIFY2(hasHan(v.widget->accessibleName()), qPrintable(v.name));
        // Fits the projector, nothing cut off; the picture is kept for a person to look at.
        const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
        QVERIFY2(minimum.width() <= 1280 && minimum.height() <= 720,
                 qPrintable(QStringLiteral("%1×%2").arg(minimum.width()).arg(minimum.height())));
        QCOMPARE(window.size(), QSize(1280, 720));
        QApplication::processEvents();
        QVERIFY2(clipped(window).isEmpty(), qPrintable(clipped(window).join('\n')));
        const QString picture = QDir::current().filePath(QStringLiteral("tst_language_zh_CN.png"));
        QVERIFY(window.grab().save(picture));
        qInfo("The main window in Chinese: %s", qPrintable(picture));

        // And back: no Chinese left but the languages' own names.
        window.setLanguage(QStringLiteral("en"));
        const auto leftInChinese = [&] {
            QStringList left;
            for (const Shown& s : shownTexts(window))
                if (hasHan(QString(s.text).remove(QStringLiteral("简体中文")))) // its own name
                    left << s.where + QStringLiteral(": ") + s.text;
            return left;
        };
        QTRY_VERIFY2(leftInChinese().isEmpty(), qPrintable(leftInChinese().join('\n')));
    }

    void followsTheSystemByDefault() {
        MainWindow window;
        QCOMPARE(window.language(), QStringLiteral("system"));
        QMenu* menu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
        QVERIFY(menu);
        QStringList names;
        for (QAction* a : menu->actions())
            names << a->text();
        QVERIFY2(names.contains(QStringLiteral("简体中文")) &&
                     names.contains(QStringLiteral("English")),
                 qPrintable(names.join(',')));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
