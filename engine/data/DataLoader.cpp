#include "DataLoader.h"

#include <algorithm>
#include <numeric>

namespace gs {

DataLoader::DataLoader(const Dataset& data, Index batchSize, bool shuffle, std::uint64_t seed,
                       bool dropLast)
    : m_data(data)
    , m_batchSize(batchSize)
    , m_shuffle(shuffle)
    , m_dropLast(dropLast)
    , m_rng(seed)
    , m_seed(seed) {
    if (batchSize < 1)
        throw InvalidArgument(Engine::tr("the batch size must be at least 1, got {1}"), batchSize);
    if (data.size() == 0) throw DataError(Engine::tr("the data set '{1}' is empty"), data.name);
    m_order.resize(static_cast<std::size_t>(data.size()));
    std::iota(m_order.begin(), m_order.end(), Index(0));
    startEpoch();
}

Index DataLoader::batchesPerEpoch() const {
    const Index n = m_data.size();
    if (m_dropLast) return n / m_batchSize;
    return (n + m_batchSize - 1) / m_batchSize;
}

void DataLoader::startEpoch() {
    if (m_shuffle) std::shuffle(m_order.begin(), m_order.end(), m_rng);
    m_position = 0;
    ++m_shuffles;
}

void DataLoader::rewind(long shuffles, Index position) {
    if (shuffles < 1 || position < 0 || position > m_data.size())
        throw InvalidArgument(Engine::tr("a recorded position does not fit this data"));
    m_rng.seed(m_seed);
    std::iota(m_order.begin(), m_order.end(), Index(0));
    m_shuffles = 0;
    for (long i = 0; i < shuffles; ++i)
        startEpoch();
    m_position = position;
}

bool DataLoader::atEpochEnd() const {
    const Index left = m_data.size() - m_position;
    return left <= 0 || (m_dropLast && left < m_batchSize);
}

bool DataLoader::skip() {
    if (atEpochEnd()) return false;
    m_position += std::min(m_batchSize, m_data.size() - m_position);
    return true;
}

Index DataLoader::nextBatchRows() const {
    return atEpochEnd() ? 0 : std::min(m_batchSize, m_data.size() - m_position);
}

void DataLoader::gather(Index begin, Index end, Batch& batch, bool inputs) const {
    end = std::min(end, nextBatchRows());
    const Index count = std::max<Index>(0, end - begin);
    const auto sample = [&](Index r) {
        return m_order[static_cast<std::size_t>(m_position + begin + r)];
    };
    if (inputs) {
        std::vector<Index> dims = m_data.inputs.shape().toVector();
        dims[0] = count;
        batch.inputs.resize(Shape::fromVector(dims));
        const Index width = m_data.inputs.cols();
        for (Index r = 0; r < count; ++r)
            std::copy_n(m_data.inputs.data() + sample(r) * width, width,
                        batch.inputs.data() + r * width);
    }
    batch.labels.clear();
    for (Index r = 0; r < count && !m_data.labels.empty(); ++r)
        batch.labels.push_back(m_data.labels[static_cast<std::size_t>(sample(r))]);
    if (!m_data.targets.empty()) {
        const Index tw = m_data.targets.cols();
        batch.targets.resize({count, tw});
        for (Index r = 0; r < count; ++r)
            std::copy_n(m_data.targets.data() + sample(r) * tw, tw, batch.targets.data() + r * tw);
    }
}

void DataLoader::rowOffsets(std::vector<Index>& out) const {
    const Index width = m_data.inputs.cols();
    out.resize(static_cast<std::size_t>(nextBatchRows()));
    for (std::size_t r = 0; r < out.size(); ++r)
        out[r] = m_order[static_cast<std::size_t>(m_position) + r] * width;
}

bool DataLoader::next(Batch& batch) {
    if (atEpochEnd()) return false;
    gather(0, m_batchSize, batch);
    m_position += nextBatchRows();
    return true;
}

} // namespace gs
