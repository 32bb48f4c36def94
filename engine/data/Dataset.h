// A dataset in memory: inputs batch first, with class labels or regression targets.
//
// 2-D toy sets have inputs [N, 2]; MNIST-like images [N, 1, 28, 28]. Classification sets hold
// labels 0..classes−1; regression sets hold targets [N, outputs] and classes = 0.
#pragma once

#include "core/Errors.h"
#include "core/Tensor.h"

#include <random>
#include <string>
#include <vector>

namespace gs {

// A file or data problem: a corrupt IDX file, a bad CSV row, a missing data set.
class DataError : public Error {
public:
    using Error::Error;
};

struct Dataset {
    std::string name;
    Tensor inputs;
    std::vector<int> labels; // classification
    Tensor targets;          // regression
    int classes = 0;         // 0: regression
    std::vector<std::string> classNames;
    // The column names of a CSV file whose first row was a header, not a sample (empty for
    // every other source): said to the user, who may have meant it as data.
    std::vector<std::string> columnNames;

    Index size() const { return inputs.rows(); }
    bool isClassification() const { return classes > 0; }
    // The shape of one sample: [2] for points, [1, 28, 28] for digits.
    Shape sampleShape() const;
    // The samples at the given rows, in that order.
    Dataset subset(const std::vector<Index>& rows) const;
};

struct Split {
    Dataset train;
    Dataset test;
};

// Shuffles with `seed` and puts round(trainFraction · N) samples in train, the rest in test.
Split splitDataset(const Dataset& all, double trainFraction, std::uint64_t seed);

} // namespace gs
