// The IDX format of MNIST and Fashion-MNIST (raw or gzip-compressed), read defensively: a
// wrong magic number, a truncated file, a count mismatch between images and labels or an
// absurd size is a DataError naming the file and the problem, never a crash or a huge
// allocation.
#pragma once

#include "Dataset.h"

#include <string>
#include <vector>

namespace gs {

// Raw IDX content: dimensions and unsigned bytes.
struct IdxFile {
    std::vector<Index> dims;
    std::vector<unsigned char> bytes;
};

// Reads `path`, or `path.gz` when `path` does not exist; gzip is detected by its magic bytes.
IdxFile readIdx(const std::string& path);

// Images [N, 1, rows, cols] scaled to [0, 1] then normalised as (x − mean) / std, and labels
// 0..9, from an images file and a labels file.
Dataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath,
                       double mean = 0.5, double std = 0.5);

} // namespace gs
