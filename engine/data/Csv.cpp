#include "Csv.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace gs {

std::vector<CsvRow> parseNumberCsv(const std::string& text, const std::string& source) {
    std::istringstream in(text);
    std::string line;
    std::vector<CsvRow> rows;
    int lineNumber = 0;
    bool headerAllowed = true;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        CsvRow row{lineNumber, {}};
        std::istringstream fields(line);
        std::string field;
        bool numeric = true;
        while (std::getline(fields, field, ',')) {
            try {
                std::size_t used = 0;
                const double v = std::stod(field, &used);
                if (field.find_first_not_of(" \t\r", used) != std::string::npos) numeric = false;
                row.values.push_back(v);
            } catch (const std::exception&) {
                numeric = false;
            }
        }
        const bool wasHeaderAllowed = headerAllowed;
        headerAllowed = false;
        const std::string where = source + " line " + std::to_string(lineNumber) + ": ";
        if (!numeric) {
            if (wasHeaderAllowed) continue; // a header row
            throw DataError(where + "expected numbers, got \"" + line + "\"");
        }
        for (double v : row.values)
            if (!std::isfinite(v)) throw DataError(where + "values must be finite numbers");
        if (!rows.empty() && row.values.size() != rows.front().values.size())
            throw DataError(where + "has " + std::to_string(row.values.size()) +
                            " values, but line " + std::to_string(rows.front().line) + " has " +
                            std::to_string(rows.front().values.size()));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<CsvRow> readNumberCsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw DataError(path + ": cannot open the file");
    std::ostringstream text;
    text << in.rdbuf();
    return parseNumberCsv(text.str(), path);
}

} // namespace gs
