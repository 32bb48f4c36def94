// Numeric CSV: rows of comma-separated decimal numbers, an optional header row, '#' comments,
// blank lines skipped. Bad rows are DataErrors naming the source, the line and the value: an
// empty value (a trailing comma), text, hex, inf or nan, or a number beyond float32's range.
// The first row is a header only when every field is a name and none a number; otherwise it is
// data, and a bad value in it is an error like any other (never a row dropped in silence).
#pragma once

#include "Dataset.h"

#include <string>
#include <vector>

namespace gs {

struct CsvRow {
    int line = 0;
    std::vector<double> values;

    // Value `column` as an int from `min` to `max`, else a DataError naming the line (a label
    // of 1e30 must not reach a cast to int).
    int integer(std::size_t column, const std::string& source, int min, int max) const;
};

// With `header`, the header row's names are stored there (empty when there is none), so the
// caller can say which line it took as a header.
std::vector<CsvRow> parseNumberCsv(const std::string& text, const std::string& source,
                                   std::vector<std::string>* header = nullptr);
std::vector<CsvRow> readNumberCsv(const std::string& path,
                                  std::vector<std::string>* header = nullptr);
// The text of a CSV file (a regular file within kMaxTextFileBytes), or a DataError.
std::string readCsvFile(const std::string& path);

} // namespace gs
