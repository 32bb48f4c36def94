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

// Parses the bytes of an IDX file, raw or gzip-compressed (detected by its magic bytes, one
// or more gzip members); `source` names it in messages. Data after the end of the compressed
// stream is an error. readIdx reads the file and parses it here.
IdxFile parseIdx(const std::string& bytes, const std::string& source);

// Reads `path`, or `path.gz` when `path` does not exist, then parseIdx.
IdxFile readIdx(const std::string& path);

// Images [N, 1, rows, cols] of a parsed images file, scaled to [0, 1] then normalised as
// (x − mean) / std, without labels (what a trained network is asked to predict).
Dataset idxImages(const IdxFile& images, const std::string& imagesSource, double mean = 0.5,
                  double std = 0.5);

// The data set of parsed images and labels (see loadIdxDataset); the sources name them in
// messages.
Dataset idxDataset(const IdxFile& images, const std::string& imagesSource, const IdxFile& labels,
                   const std::string& labelsSource, double mean = 0.5, double std = 0.5);

// Images [N, 1, rows, cols] scaled to [0, 1] then normalised as (x − mean) / std, and labels
// 0..9, from an images file and a labels file.
Dataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath,
                       double mean = 0.5, double std = 0.5);

} // namespace gs
