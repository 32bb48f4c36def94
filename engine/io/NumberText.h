// Decimal numbers in text, read the same way by the JSON parser and the CSV reader: the
// grammar is checked first, then std::from_chars converts (it is locale-independent, unlike
// strtod, whose decimal point follows the user's locale once Qt has set it).
//
// JSON follows RFC 8259 exactly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, so "-nan",
// "-inf", "0123", "1." and "0x10" are refused. CSV also takes a leading '+' and the forms
// spreadsheets write (".5", "1."), but never hex, inf or nan. A number too small for a double
// (1e-400) reads as 0 with its sign; one too large (1e400) is an error (`tooLarge`).
#pragma once

#include <cstddef>
#include <string_view>

namespace gs {

enum class NumberSyntax { Json, Csv };

struct ScannedNumber {
    std::size_t length = 0; // characters used; 0 with `error` set when there is no number
    double value = 0;
    // Why the text is not a number ("leading zeros are not ..."): a template without places,
    // marked Engine::tr, for a message to nest as Message(Text{error}).
    const char* error = nullptr;
    bool tooLarge = false; // with error: a number, but beyond a double's range
};

// Reads the number at the start of `text`; the rest of `text` is not looked at.
ScannedNumber scanNumber(std::string_view text, NumberSyntax syntax);

} // namespace gs
