#include "Csv.h"

#include "io/Files.h"
#include "io/NumberText.h"

#include <cmath>
#include <cstdio>

namespace gs {

namespace {

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

// A line or a field for a message: at most 60 characters, and bytes that are not printable
// ASCII written as \xNN, so that a binary file read by mistake gives a readable message.
std::string printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < 60; ++i) {
        const auto byte = static_cast<unsigned char>(s[i]);
        if (byte >= 0x20 && byte < 0x7f) {
            out += s[i];
        } else {
            char text[8];
            std::snprintf(text, sizeof text, "\\x%02x", byte);
            out += text;
        }
    }
    if (s.size() > 60) out += "…";
    return out;
}

enum class FieldKind { Number, Empty, Text };

struct Field {
    FieldKind kind = FieldKind::Text;
    double value = 0;
    Message problem; // for a Text field that looks like a number: why it is not one
};

Field readField(std::string_view text) {
    Field f;
    text = trimmed(text);
    if (text.empty()) {
        f.kind = FieldKind::Empty;
        return f;
    }
    const ScannedNumber n = scanNumber(text, NumberSyntax::Csv);
    if (!n.error && n.length == text.size()) {
        f.kind = FieldKind::Number;
        f.value = n.value;
        return f;
    }
    std::string word;
    for (char c : text.substr(text[0] == '-' || text[0] == '+' ? 1 : 0))
        word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (word == "inf" || word == "infinity" || word == "nan")
        f.problem = Message(Engine::tr("values must be finite numbers"));
    else if (n.tooLarge) // n.error is then "too large for a double" (io/NumberText.cpp)
        f.problem = Message(Engine::tr("the number is too large for a double"));
    else if ((text[0] >= '0' && text[0] <= '9') || text[0] == '-' || text[0] == '+' ||
             text[0] == '.')
        f.problem = Message(Engine::tr("only decimal numbers are read, such as 12, -0.5 or 3e-4"));
    return f;
}

} // namespace

int CsvRow::integer(std::size_t column, const std::string& source, int min, int max) const {
    const double v = values.at(column);
    if (v == std::floor(v) && v >= min && v <= max) return static_cast<int>(v);
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", v);
    throw DataError(
        Engine::tr("{1} line {2}: value {3} ({4}) must be a whole number from {5} to {6}"), source,
        line, column + 1, std::string(text), min, max);
}

std::vector<CsvRow> parseNumberCsv(const std::string& text, const std::string& source,
                                   std::vector<std::string>* header) {
    if (header) header->clear();
    std::vector<CsvRow> rows;
    int lineNumber = 0;
    bool first = true;
    std::size_t begin = 0;
    while (begin < text.size()) {
        auto end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + begin, end - begin);
        begin = end + 1;
        ++lineNumber;
        if (const auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        if (trimmed(line).empty()) continue;

        std::vector<Field> fields;
        std::vector<std::string_view> texts;
        for (std::size_t at = 0;;) {
            const auto comma = line.find(',', at);
            texts.push_back(line.substr(at, comma == std::string_view::npos ? comma : comma - at));
            fields.push_back(readField(texts.back()));
            if (comma == std::string_view::npos) break;
            at = comma + 1;
        }
        std::size_t numbers = 0;
        for (const Field& f : fields)
            numbers += f.kind == FieldKind::Number;

        // A first row is a header only when none of its fields is a number ("x1,x2,label"):
        // a row of numbers with one typo is an error, not a header to drop in silence.
        const bool wasFirst = first;
        first = false;
        if (wasFirst && numbers == 0) {
            bool allText = true;
            for (const Field& f : fields)
                allText = allText && f.kind == FieldKind::Text && f.problem.empty();
            if (allText) {
                if (header) {
                    for (std::string_view t : texts)
                        header->emplace_back(trimmed(t));
                }
                continue;
            }
        }
        CsvRow row{lineNumber, {}};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const Field& f = fields[i];
            if (f.kind == FieldKind::Empty)
                throw DataError(i + 1 == fields.size() && i > 0
                                    ? Engine::tr("{1} line {2}: value {3} is empty (a comma at "
                                                 "the end of the line?)")
                                    : Engine::tr("{1} line {2}: value {3} is empty"),
                                source, lineNumber, i + 1);
            if (f.kind == FieldKind::Text) {
                // {5}, why the text is not a number, is in the templates that have it.
                const Text sentence =
                    f.problem.empty()
                        ? (wasFirst ? Engine::tr("{1} line {2}: expected numbers, but value {3} is "
                                                 "\"{4}\"; line 1 is not a header either (a header "
                                                 "row has names in every field and no numbers)")
                                    : Engine::tr("{1} line {2}: expected numbers, but value {3} is "
                                                 "\"{4}\""))
                        : (wasFirst ? Engine::tr("{1} line {2}: expected numbers, but value {3} is "
                                                 "\"{4}\" ({5}); line 1 is not a header either (a "
                                                 "header row has names in every field and no "
                                                 "numbers)")
                                    : Engine::tr("{1} line {2}: expected numbers, but value {3} is "
                                                 "\"{4}\" ({5})"));
                throw DataError(sentence, source, lineNumber, i + 1, printable(trimmed(texts[i])),
                                f.problem);
            }
            if (const Message problem =
                    scalarProblemMessage(Message(Engine::tr("value {1}"), i + 1), f.value);
                !problem.empty())
                throw DataError(Engine::tr("{1} line {2}: {3}"), source, lineNumber, problem);
            row.values.push_back(f.value);
        }
        if (!rows.empty() && row.values.size() != rows.front().values.size())
            throw DataError(Engine::tr("{1} line {2}: has {3} values, but line {4} has {5}"),
                            source, lineNumber, row.values.size(), rows.front().line,
                            rows.front().values.size());
        if (static_cast<Index>(rows.size()) >= kMaxSamples)
            throw DataError(
                Engine::tr("{1} line {2}: more than {3} rows, the limit (docs/reliability.md)"),
                source, lineNumber, kMaxSamples);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string readCsvFile(const std::string& path) {
    try {
        return readFile(path, Message(Engine::tr("CSV file")));
    } catch (const FileError& e) {
        throw DataError(e.message());
    }
}

std::vector<CsvRow> readNumberCsv(const std::string& path, std::vector<std::string>* header) {
    return withMemoryNote(path, [&] { return parseNumberCsv(readCsvFile(path), path, header); });
}

} // namespace gs
