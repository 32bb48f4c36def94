#include "Dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gs {

Shape Dataset::sampleShape() const {
    std::vector<Index> dims = inputs.shape().toVector();
    if (!dims.empty()) dims.erase(dims.begin());
    return Shape::fromVector(dims);
}

Dataset Dataset::subset(const std::vector<Index>& rows) const {
    Dataset out;
    out.name = name;
    out.classes = classes;
    out.classNames = classNames;
    out.columnNames = columnNames;
    std::vector<Index> dims = inputs.shape().toVector();
    dims[0] = static_cast<Index>(rows.size());
    out.inputs.resize(Shape::fromVector(dims));
    const Index width = inputs.cols();
    for (std::size_t r = 0; r < rows.size(); ++r)
        std::copy_n(inputs.data() + rows[r] * width, width,
                    out.inputs.data() + static_cast<Index>(r) * width);
    if (!labels.empty())
        for (Index r : rows)
            out.labels.push_back(labels[static_cast<std::size_t>(r)]);
    if (!targets.empty()) {
        std::vector<Index> tdims = targets.shape().toVector();
        tdims[0] = static_cast<Index>(rows.size());
        out.targets.resize(Shape::fromVector(tdims));
        const Index tw = targets.cols();
        for (std::size_t r = 0; r < rows.size(); ++r)
            std::copy_n(targets.data() + rows[r] * tw, tw,
                        out.targets.data() + static_cast<Index>(r) * tw);
    }
    return out;
}

Split splitDataset(const Dataset& all, double trainFraction, std::uint64_t seed) {
    if (!(trainFraction > 0 && trainFraction < 1))
        throw InvalidArgument(
            Engine::tr("the train fraction must be between 0 and 1 (exclusive), got {1}"),
            std::to_string(trainFraction));
    std::vector<Index> order(static_cast<std::size_t>(all.size()));
    std::iota(order.begin(), order.end(), Index(0));
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    const auto trainCount =
        static_cast<std::size_t>(std::llround(trainFraction * static_cast<double>(all.size())));
    Split split;
    split.train = all.subset({order.begin(), order.begin() + static_cast<long>(trainCount)});
    split.test = all.subset({order.begin() + static_cast<long>(trainCount), order.end()});
    return split;
}

} // namespace gs
