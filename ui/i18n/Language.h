// The language Gradscope speaks: which translations exist, which one is installed, and the
// engine's messages in it.
//
// Translations are Qt Linguist files (resources/translations/gradscope_<code>.ts) compiled into
// the programs. A volunteer's new .qm in <data folder>/translations (docs/install.md) is found
// too, without rebuilding. Qt's own translations (qtbase_<code>.qm, for the buttons of standard
// dialogs) come from Qt's folder when installed. Installing a language sends every widget a
// QEvent::LanguageChange (see Retranslate.h): a switch needs no restart.
#pragma once

#include "core/Errors.h"
#include "core/Message.h"

#include <QList>
#include <QString>

namespace gs::ui {

struct Language {
    QString code;       // "en", "zh_CN": the suffix of gradscope_<code>.qm
    QString nativeName; // "English", "简体中文": how the language names itself
};

// English (built in) and every language a translation is found for, English first.
QList<Language> availableLanguages();

// The code of the language whose translation is installed ("en" when none is).
QString currentLanguage();

// The language to use for `locale` (a system locale name such as "zh_CN" or "de_DE"): the
// translation that matches it best, "en" when none does.
QString languageForLocale(const QString& locale);

// Installs the translation for `code` ("en": none) in place of the current one. Returns false,
// changing nothing, for a code with no translation.
bool setLanguage(const QString& code);

// Installs the current translation in an application object made after setLanguage() (the CLI
// makes one only to fetch or to plot), so that tr() in Qt code translates there too.
void installInApplication();

// `source` of `context` in the current language, also in a program without a QCoreApplication
// (gradscope-cli, which makes a QApplication only to plot). Code outside a QObject marks its
// texts with a struct that has GS_TRANSLATABLE(context) and a static tr() calling this.
QString translate(const char* context, const char* source);

// A preset's description (resources/presets/*.json) in the current language (context
// gs::Presets, extracted by engine/CMakeLists.txt).
inline QString presetDescription(const std::string& description) {
    return translate("gs::Presets", description.c_str());
}

// A fixed text of the engine marked Engine::tr("…").source (Fashion-MNIST's class names) in the
// current language; any other text (a CSV file's own class names) as it is.
inline QString engineText(const std::string& text) {
    return translate("Engine", text.c_str());
}

// A formula the engine filled in (core/OpKind.h's fillFormula: {out}, {0}, … replaced by node
// names) with its words in the current language ("Σ over the batch of"): `englishTemplate` is
// the op table's template it was filled from. The names are read back from `filled` and put into
// the translated template. A text that does not match the template (a custom op's own formula)
// is returned as it is.
QString translatedFormula(const char* englishTemplate, const std::string& filled);

// `message` in the current language; the English text where a template has no translation.
QString translated(const gs::Message& message);
inline QString translated(const gs::Error& error) {
    return translated(error.message());
}

} // namespace gs::ui
