// gradscope-cli's own sentences, in the user's language (ui/i18n/Language.h): Cli::tr("…")
// marks them for lupdate (GS_TRANSLATABLE stands for Q_DECLARE_TR_FUNCTIONS) and translates
// them without a QCoreApplication, which the CLI makes only to plot. Machine-readable output
// (JSON, CSV, the predict lines) stays as it is.
#pragma once

#include "Language.h"

#include <QLocale>
#include <QString>

#include <cstdio>
#include <string>

namespace gs::cli {

struct Cli {
    GS_TRANSLATABLE(Cli)
    static QString tr(const char* source) { return ui::translate("Cli", source); }
};

inline QString fromUtf8(const std::string& s) {
    return QString::fromStdString(s);
}

// Writes `text` (UTF-8) to `out`.
inline void print(std::FILE* out, const QString& text) {
    std::fputs(text.toUtf8().constData(), out);
}

// The engine's or the CLI's error in the user's language.
inline std::string translatedText(const Error& e) {
    return ui::translated(e).toStdString();
}

// Installs the language of the environment: GRADSCOPE_LANGUAGE, else the system locale
// (LC_ALL, LC_MESSAGES, LANG); English where no translation matches.
inline void chooseLanguage() {
    const QString forced = qEnvironmentVariable("GRADSCOPE_LANGUAGE");
    if (forced.isEmpty() || !ui::setLanguage(forced))
        ui::setLanguage(ui::languageForLocale(QLocale::system().name()));
}

} // namespace gs::cli
