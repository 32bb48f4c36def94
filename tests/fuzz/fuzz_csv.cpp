// Fuzz target: CSV (data/Csv.h) and CSV points (data/Toy.h, parsePointsCsv), from the text
// loadPointsCsv reads. Every value read is finite and within float32's range, every row as long
// as the first.
#include "FuzzSupport.h"
#include "data/Csv.h"
#include "data/Toy.h"

#include <cmath>
#include <limits>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    const std::string text = fuzz::text(data, size);
    try {
        std::vector<std::string> header;
        const std::vector<CsvRow> rows = parseNumberCsv(text, "fuzz.csv", &header);
        for (const CsvRow& row : rows) {
            if (row.values.size() != rows.front().values.size())
                fuzz::fail("rows have the same length", "line " + std::to_string(row.line));
            for (const double v : row.values)
                if (!std::isfinite(v) || std::abs(v) > std::numeric_limits<float>::max())
                    fuzz::fail("values are finite float32", "line " + std::to_string(row.line));
        }
    } catch (const Error&) {
    }
    try {
        const Dataset d = parsePointsCsv(text, "fuzz.csv");
        if (d.inputs.shape() != Shape{d.size(), 2}) fuzz::fail("points are [N, 2]");
        if (d.classes > 0 && static_cast<Index>(d.labels.size()) != d.size())
            fuzz::fail("one label per point");
        for (const int label : d.labels)
            if (label < 0 || label >= d.classes) fuzz::fail("labels within the classes");
    } catch (const Error&) {
    }
    return 0;
}
