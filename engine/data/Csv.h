// Numeric CSV: rows of comma-separated numbers, an optional header row, '#' comments, blank
// lines skipped. Bad rows are DataErrors naming the source and the line.
#pragma once

#include "Dataset.h"

#include <string>
#include <vector>

namespace gs {

struct CsvRow {
    int line = 0;
    std::vector<double> values;
};

std::vector<CsvRow> parseNumberCsv(const std::string& text, const std::string& source);
std::vector<CsvRow> readNumberCsv(const std::string& path);

} // namespace gs
