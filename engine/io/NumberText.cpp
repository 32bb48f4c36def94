#include "NumberText.h"

#include "core/Message.h"

#include <charconv>
#include <system_error>

namespace gs {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t digitsFrom(std::string_view text, std::size_t i) {
    while (i < text.size() && isDigit(text[i]))
        ++i;
    return i;
}

// Whether a number that from_chars found out of range is tiny (underflow: read as 0) rather
// than huge: the power of ten of its first non-zero digit is negative.
bool underflows(std::string_view digits, std::size_t intEnd, std::size_t fracEnd,
                std::string_view exponent) {
    long long power = 0; // saturates: only the sign matters
    bool negative = false;
    std::size_t i = 0;
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
        negative = exponent[0] == '-';
        ++i;
    }
    for (; i < exponent.size(); ++i)
        if (power < 1'000'000'000) power = power * 10 + (exponent[i] - '0');
    if (negative) power = -power;
    for (std::size_t k = 0; k < fracEnd; ++k) {
        if (k == intEnd || digits[k] == '0') continue;
        const long long position = k < intEnd ? static_cast<long long>(intEnd - k - 1)
                                              : -static_cast<long long>(k - intEnd);
        return position + power < 0;
    }
    return true; // all zeros: cannot be out of range, but 0 is the right reading
}

} // namespace

ScannedNumber scanNumber(std::string_view text, NumberSyntax syntax) {
    ScannedNumber out;
    const bool json = syntax == NumberSyntax::Json;
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || (!json && text[i] == '+'))) {
        negative = text[i] == '-';
        ++i;
    }
    const std::size_t start = i; // first digit or '.'
    const std::size_t intEnd = digitsFrom(text, i);
    const bool hasInt = intEnd > start;
    if (json) {
        if (!hasInt) {
            out.error = Engine::tr("expected a digit after '-'").source;
            return out;
        }
        if (text[start] == '0' && intEnd > start + 1) {
            out.error = Engine::tr("leading zeros are not allowed in a JSON number").source;
            return out;
        }
    }
    i = intEnd;
    std::size_t fracEnd = intEnd;
    if (i < text.size() && text[i] == '.') {
        fracEnd = digitsFrom(text, i + 1);
        if (fracEnd == i + 1 && (json || !hasInt)) {
            out.error = Engine::tr("expected a digit after the decimal point").source;
            return out;
        }
        i = fracEnd;
    } else if (!hasInt) {
        out.error = Engine::tr("not a number").source;
        return out;
    }
    std::string_view exponent;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t e = i + 1;
        if (e < text.size() && (text[e] == '+' || text[e] == '-')) ++e;
        const std::size_t expEnd = digitsFrom(text, e);
        if (expEnd == e) {
            out.error = Engine::tr("expected digits in the exponent").source;
            return out;
        }
        exponent = text.substr(i + 1, expEnd - i - 1);
        i = expEnd;
    }
    // from_chars takes no '+'; it starts at the '-' or the first digit.
    const char* first = text.data() + (negative ? start - 1 : start);
    const char* last = text.data() + i;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range) {
        if (!underflows(text.substr(start), intEnd - start, fracEnd - start, exponent)) {
            out.error = Engine::tr("too large for a double").source;
            out.tooLarge = true;
            return out;
        }
        value = negative ? -0.0 : 0.0;
    } else if (ec != std::errc() || ptr != last) {
        out.error = Engine::tr("not a number").source;
        return out;
    }
    out.length = i;
    out.value = value;
    return out;
}

} // namespace gs
