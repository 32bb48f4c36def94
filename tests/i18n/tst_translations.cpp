// The translations in resources/translations: every entry finished, every place (%1, {1}) and
// accelerator (&) kept, nothing left in English that should not be, and no text in the sources
// that a translation lacks (lupdate is run on the sources into a copy of each file, which must
// then still have no unfinished entry).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Entry {
    QString context, source, translation, type; // type: "", "unfinished", "vanished", …
};

QList<Entry> readTs(const QString& path) {
    QList<Entry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = Entry{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            // A plural's forms are <numerusform> elements inside: their text, run together.
            entry.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            entries.push_back(entry);
        }
    }
    return xml.hasError() ? QList<Entry>{} : entries;
}

// The places of a text: %1…%99 for the UI's texts, {1}… for the engine's templates.
QStringList places(const QString& text) {
    static const QRegularExpression place(QStringLiteral(R"(%\d+|\{\d+\}|\{out\})"));
    QStringList found;
    for (auto it = place.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

bool hasAccelerator(const QString& text) {
    return text.contains(QRegularExpression(QStringLiteral("&[^& ]")));
}

bool hasHan(const QString& text) {
    for (const QChar c : text)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
    return false;
}

// Whether a text left as it is in a translation is fine: no English words in it, only names
// (Adam, MNIST, ReLU, ONNX), identifiers, file patterns, formulas and numbers.
bool needsNoTranslation(const QString& source) {
    static const QSet<QString> names{
        QStringLiteral("adam"),    QStringLiteral("adamw"),    QStringLiteral("rmsprop"),
        QStringLiteral("adagrad"), QStringLiteral("mnist"),    QStringLiteral("fashion"),
        QStringLiteral("relu"),    QStringLiteral("tanh"),     QStringLiteral("sigmoid"),
        QStringLiteral("softmax"), QStringLiteral("matmul"),   QStringLiteral("onnx"),
        QStringLiteral("json"),    QStringLiteral("csv"),      QStringLiteral("png"),
        QStringLiteral("svg"),     QStringLiteral("pdf"),      QStringLiteral("gradscope"),
        QStringLiteral("keras"),   QStringLiteral("pytorch"),  QStringLiteral("torchrun"),
        QStringLiteral("netron"),  QStringLiteral("nesterov"), QStringLiteral("linear"),
        QStringLiteral("xor"),     QStringLiteral("leaky"),    QStringLiteral("cuda"),
        QStringLiteral("english"), QStringLiteral("sgd"),      QStringLiteral("gelu"),
        QStringLiteral("gib"),     QStringLiteral("mib"),      QStringLiteral("cpu"),
        QStringLiteral("gpu"),     QStringLiteral("dense"),    QStringLiteral("flatten"),
        QStringLiteral("dropout")};
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    QString text = source;
    text.remove(QRegularExpression(QStringLiteral(R"(\*\.\w+|<[^>]*>|&\w+;)"))); // *.png, tags
    for (auto it = word.globalMatch(text); it.hasNext();)
        if (!names.contains(it.next().captured().toLower())) return false;
    return true;
}

QStringList tsFiles() {
    QStringList files;
    const QDir dir(QStringLiteral(GRADSCOPE_TRANSLATIONS_DIR));
    for (const QString& f : dir.entryList({QStringLiteral("gradscope_*.ts")}, QDir::Files))
        files << dir.filePath(f);
    return files;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void everyEntryIsFinished_data() {
        QTest::addColumn<QString>("path");
        const QStringList files = tsFiles();
        QVERIFY2(files.size() >= 1, "no translations in resources/translations");
        for (const QString& f : files)
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }
    void everyEntryIsFinished() {
        QFETCH(QString, path);
        const QList<Entry> entries = readTs(path);
        QVERIFY2(entries.size() >= 500,
                 qPrintable(QStringLiteral("%1 entries").arg(entries.size())));
        QStringList problems;
        const bool chinese = path.contains(QStringLiteral("_zh"));
        int untouched = 0;
        for (const Entry& e : entries) {
            const QString where = e.context + QStringLiteral(": ") + e.source.left(70);
            if (!e.type.isEmpty())
                problems << e.type + QStringLiteral(" — ") + where;
            else if (e.translation.trimmed().isEmpty())
                problems << QStringLiteral("empty — ") + where;
            else if (places(e.source) != places(e.translation))
                problems << QStringLiteral("places %1 vs %2 — %3")
                                .arg(places(e.source).join(','), places(e.translation).join(','),
                                     where);
            else if (hasAccelerator(e.source) != hasAccelerator(e.translation))
                problems << QStringLiteral("accelerator — ") + where;
            else if (chinese && !hasHan(e.translation) && !needsNoTranslation(e.source))
                problems << QStringLiteral("still English — ") + where;
            if (e.translation == e.source) ++untouched;
        }
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 problems:\n").arg(problems.size()) +
                            problems.mid(0, 40).join('\n')));
        // Far fewer names and formulas than sentences.
        QVERIFY2(untouched * 10 < entries.size(), qPrintable(QString::number(untouched)));
    }

    // lupdate over today's sources, into a copy: a text added to the code without its
    // translation shows up as unfinished.
    void noSourceTextIsMissing() {
        QTemporaryDir dir;
        for (const QString& original : tsFiles()) {
            const QString copy = dir.filePath(QFileInfo(original).fileName());
            QVERIFY(QFile::copy(original, copy));
            QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
            QProcess lupdate;
            lupdate.setProcessChannelMode(QProcess::MergedChannels);
            lupdate.start(QStringLiteral(GRADSCOPE_LUPDATE),
                          {QStringLiteral("-I"), QStringLiteral(GRADSCOPE_ENGINE_DIR),
                           QStringLiteral("-locations"), QStringLiteral("none"),
                           QStringLiteral("-no-obsolete"), QStringLiteral("-tr-function-alias"),
                           QStringLiteral("Q_DECLARE_TR_FUNCTIONS+=GS_TRANSLATABLE"),
                           QStringLiteral("@" GRADSCOPE_TRANSLATED_SOURCES), QStringLiteral("-ts"),
                           copy});
            QVERIFY(lupdate.waitForFinished(300000));
            QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
            QStringList missing;
            for (const Entry& e : readTs(copy))
                if (!e.type.isEmpty()) missing << e.context + QStringLiteral(": ") + e.source;
            QVERIFY2(missing.isEmpty(),
                     qPrintable(QStringLiteral("%1 lacks %2 texts (run `ninja update_translations` "
                                               "and translate them):\n")
                                    .arg(QFileInfo(original).fileName())
                                    .arg(missing.size()) +
                                missing.mid(0, 40).join('\n')));
        }
    }
};

QTEST_APPLESS_MAIN(TestTranslations)
#include "tst_translations.moc"
