#include "core/Message.h"

#include <cstdio>

namespace gs {

Message Message::verbatim(std::string text) {
    Message m;
    m.m_text = std::move(text);
    m.m_verbatim = true;
    return m;
}

std::string Message::english() const {
    if (m_verbatim) return m_text;
    return fill(m_text, [](const Message& m) { return m.english(); });
}

// {n} with n from 1 to the argument count is replaced; anything else (a brace in a formula, {0},
// a place past the arguments) is kept as it is, so a translation with a stray brace still reads.
std::string Message::fillPlaces(const std::string& text, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(text.size() + 16 * args.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            std::size_t j = i + 1;
            std::size_t n = 0;
            while (j < text.size() && j < i + 4 && text[j] >= '0' && text[j] <= '9')
                n = n * 10 + std::size_t(text[j++] - '0');
            if (j > i + 1 && j < text.size() && text[j] == '}' && n >= 1 && n <= args.size()) {
                out += args[n - 1];
                i = j;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::string Message::number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

std::string Message::number(long long value) {
    return std::to_string(value);
}

std::string Message::number(unsigned long long value) {
    return std::to_string(value);
}

std::string shortNumber(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

} // namespace gs
