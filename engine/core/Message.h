// A sentence the user reads, kept as an English template and the arguments that fill it.
//
// The engine has no Qt and no translations, yet the app and the CLI show its messages in the
// user's language. So every error and notice is a Message: a template with numbered places
// {1}, {2}, … (the key the translations are filed under) and its arguments. english() fills in
// the English text, which is what() of an engine error, the CLI's fallback and what the tests
// read; the UI looks the template up in its translations and fills in the same arguments
// (ui/i18n/Language.h). An argument is either plain text that no language changes (a node's
// name, a shape, a number, a path) or a Message of its own, translated in its turn.
//
// Templates are written Engine::tr("…"): lupdate finds them there, in the context "Engine"
// (ui/CMakeLists.txt), and a Message takes its template only as a Text, so a plain literal that
// lupdate would miss does not compile.
#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

// Tells lupdate that Engine::tr is a translation function of the context "Engine" (it is
// Q_DECLARE_TR_FUNCTIONS under another name; the engine has no Qt).
#define GS_TRANSLATABLE(context)

namespace gs {

// A message template marked for translation.
struct Text {
    const char* source;
};

// Marks a template: Engine::tr("{1}: needs a matrix, got {2}"). Translates nothing here; the UI
// translates Message::text() in this context.
struct Engine {
    GS_TRANSLATABLE(Engine)
    static constexpr Text tr(const char* source) { return {source}; }
};

class Message {
public:
    // One filling for a place: text as it is, or a message to translate.
    struct Argument {
        std::string text;
        std::shared_ptr<const Message> message; // set when the argument is itself a message
    };

    Message() = default;
    // A template without places, or with the places filled by `arguments` in order. Numbers
    // are written as the engine always writes them (integers in full, floating point with %g).
    template <class... A>
    explicit Message(Text text, const A&... arguments)
        : m_text(text.source) {
        m_arguments.reserve(sizeof...(A));
        (m_arguments.push_back(argument(arguments)), ...);
    }
    // Text that is not translated (a file's own error text, a message from another library).
    static Message verbatim(std::string text);

    const std::string& text() const { return m_text; }
    const std::vector<Argument>& arguments() const { return m_arguments; }
    bool isVerbatim() const { return m_verbatim; }
    bool empty() const { return m_text.empty(); }

    // The template with every place filled, nested messages in English.
    std::string english() const;
    // Fills `text` (this message's template, or its translation) with the arguments, each nested
    // message written by `nested`: the shared place-filling of english() and the UI.
    template <class Nested> std::string fill(const std::string& text, Nested&& nested) const {
        std::vector<std::string> filled;
        filled.reserve(m_arguments.size());
        for (const Argument& a : m_arguments)
            filled.push_back(a.message ? std::string(nested(*a.message)) : a.text);
        return fillPlaces(text, filled);
    }

private:
    static std::string fillPlaces(const std::string& text, const std::vector<std::string>& args);
    static Argument argument(const Message& m) { return {{}, std::make_shared<Message>(m)}; }
    static Argument argument(const std::string& s) { return {s, nullptr}; }
    static Argument argument(const char* s) { return {s, nullptr}; }
    // enable_if rather than requires: nvcc reads this header as C++17 (engine/CMakeLists.txt).
    template <class N, std::enable_if_t<std::is_arithmetic_v<N>, int> = 0>
    static Argument argument(N n) {
        return {number(n), nullptr};
    }
    static std::string number(double value);
    static std::string number(long long value);
    static std::string number(unsigned long long value);
    template <class N> static std::string number(N n) {
        if constexpr (std::is_floating_point_v<N>)
            return number(double(n));
        else if constexpr (std::is_signed_v<N>)
            return number(static_cast<long long>(n));
        else
            return number(static_cast<unsigned long long>(n));
    }

    std::string m_text;
    std::vector<Argument> m_arguments;
    bool m_verbatim = false;
};

// A number in three significant digits ("0.0244", "1.63e+05"): for the measurements a message
// quotes, where full precision would only hide the point.
std::string shortNumber(double v);

} // namespace gs
