#include "Language.h"

#include "core/OpKind.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

#include <memory>

namespace gs::ui {
namespace {

constexpr char kEngineContext[] = "Engine"; // Engine::tr's context (engine/core/Message.h)
constexpr char kBuiltIn[] = ":/i18n";

// Where translations are looked for, in order: a volunteer's folders, then the built-in ones.
QStringList translationFolders() {
    QStringList folders;
    for (const QString& data : QStandardPaths::standardLocations(QStandardPaths::AppDataLocation))
        folders << data + QStringLiteral("/translations");
    folders << QString::fromLatin1(kBuiltIn);
    return folders;
}

QString codeOf(const QString& fileName) {
    // gradscope_zh_CN.qm -> zh_CN
    return fileName.mid(int(qstrlen("gradscope_"))).chopped(int(qstrlen(".qm")));
}

struct Installed {
    QString code = QStringLiteral("en");
    std::unique_ptr<QTranslator> ours;
    std::unique_ptr<QTranslator> qts;
};

Installed& installed() {
    static Installed state;
    return state;
}

} // namespace

QList<Language> availableLanguages() {
    QList<Language> languages{{QStringLiteral("en"), QStringLiteral("English")}};
    for (const QString& folder : translationFolders()) {
        const QStringList files =
            QDir(folder).entryList({QStringLiteral("gradscope_*.qm")}, QDir::Files, QDir::Name);
        for (const QString& file : files) {
            const QString code = codeOf(file);
            const bool known = std::any_of(languages.begin(), languages.end(),
                                           [&](const Language& l) { return l.code == code; });
            if (known) continue;
            QString name = QLocale(code).nativeLanguageName();
            if (code == QStringLiteral("zh_CN")) name = QStringLiteral("简体中文");
            languages.push_back({code, name.isEmpty() ? code : name});
        }
    }
    return languages;
}

QString currentLanguage() {
    return installed().code;
}

QString languageForLocale(const QString& locale) {
    const QList<Language> languages = availableLanguages();
    const QLocale wanted(locale);
    // The exact locale first (zh_CN), then the language alone (zh_TW falls back to zh_CN only if
    // no other Chinese translation exists; de_AT to de).
    for (const Language& l : languages)
        if (l.code == wanted.name()) return l.code;
    for (const Language& l : languages)
        if (QLocale(l.code).language() == wanted.language()) return l.code;
    return QStringLiteral("en");
}

bool setLanguage(const QString& code) {
    Installed& state = installed();
    if (code == state.code) return true;
    std::unique_ptr<QTranslator> ours;
    if (code != QStringLiteral("en")) {
        ours = std::make_unique<QTranslator>();
        bool loaded = false;
        for (const QString& folder : translationFolders()) {
            loaded = ours->load(QStringLiteral("gradscope_") + code, folder);
            if (loaded) break;
        }
        if (!loaded) return false;
    }
    // Without an application object (the CLI) the translator is only kept, for translate().
    const bool application = QCoreApplication::instance() != nullptr;
    if (application && state.ours) QCoreApplication::removeTranslator(state.ours.get());
    if (application && state.qts) QCoreApplication::removeTranslator(state.qts.get());
    state.qts.reset();
    if (ours && application) {
        auto qts = std::make_unique<QTranslator>();
        if (qts->load(QStringLiteral("qtbase_") + code,
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qts.get());
            state.qts = std::move(qts);
        }
        QCoreApplication::installTranslator(ours.get());
    }
    state.ours = std::move(ours);
    state.code = code;
    return true;
}

void installInApplication() {
    Installed& state = installed();
    if (!QCoreApplication::instance() || !state.ours) return;
    auto qts = std::make_unique<QTranslator>();
    if (qts->load(QStringLiteral("qtbase_") + state.code,
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qts.get());
        state.qts = std::move(qts);
    }
    QCoreApplication::installTranslator(state.ours.get());
}

QString translate(const char* context, const char* source) {
    if (QCoreApplication::instance()) return QCoreApplication::translate(context, source);
    const Installed& state = installed();
    if (state.ours) {
        const QString text = state.ours->translate(context, source);
        if (!text.isEmpty()) return text;
    }
    return QString::fromUtf8(source);
}

QString translatedFormula(const char* englishTemplate, const std::string& filled) {
    const QString fallback = QString::fromStdString(filled);
    if (!englishTemplate) return fallback;
    const QString translatedTemplate = translate(kEngineContext, englishTemplate);
    if (translatedTemplate == QString::fromUtf8(englishTemplate)) return fallback;
    // The template as literal pieces and places: {out} is place kMaxInputs, {k} place k.
    struct Piece {
        std::string literal;
        int place = -1;
    };
    std::vector<Piece> pieces;
    const std::string_view text = englishTemplate;
    for (std::size_t i = 0; i < text.size();) {
        int place = -1;
        std::size_t length = 0;
        if (text.substr(i).starts_with("{out}")) {
            place = kMaxInputs;
            length = 5;
        } else if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '0' &&
                   text[i + 1] < char('0' + kMaxInputs) && text[i + 2] == '}') {
            place = text[i + 1] - '0';
            length = 3;
        }
        if (place >= 0) {
            pieces.push_back({{}, place});
            i += length;
        } else {
            if (pieces.empty() || pieces.back().place >= 0) pieces.push_back({});
            pieces.back().literal += text[i++];
        }
    }
    // Read each place's name back: it runs up to where the next literal piece begins.
    std::array<std::string, kMaxInputs + 1> names;
    std::array<bool, kMaxInputs + 1> known{};
    std::size_t at = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        const Piece& piece = pieces[k];
        if (piece.place < 0) {
            if (filled.compare(at, piece.literal.size(), piece.literal) != 0) return fallback;
            at += piece.literal.size();
            continue;
        }
        std::size_t end = filled.size();
        if (k + 1 < pieces.size()) {
            if (pieces[k + 1].place >= 0) return fallback; // two places in a row: ambiguous
            end = filled.find(pieces[k + 1].literal, at);
            if (end == std::string::npos) return fallback;
        }
        const std::string name = filled.substr(at, end - at);
        const auto p = std::size_t(piece.place);
        if (known[p] && names[p] != name) return fallback;
        names[p] = name;
        known[p] = true;
        at = end;
    }
    if (at != filled.size()) return fallback;
    std::array<std::string, kMaxInputs> inputs;
    std::copy_n(names.begin(), kMaxInputs, inputs.begin());
    const std::string translatedText = translatedTemplate.toStdString();
    return QString::fromStdString(fillFormula(translatedText.c_str(), names[kMaxInputs], inputs));
}

QString translated(const gs::Message& message) {
    if (message.isVerbatim()) return QString::fromStdString(message.text());
    const QString text = translate(kEngineContext, message.text().c_str());
    const std::string filled = message.fill(
        text.toStdString(), [](const gs::Message& m) { return translated(m).toStdString(); });
    return QString::fromStdString(filled);
}

} // namespace gs::ui
