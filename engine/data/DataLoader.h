// DataLoader: mini-batches of a dataset, shuffled with a seed, gathered into reused buffers.
#pragma once

#include "Dataset.h"

namespace gs {

struct Batch {
    Tensor inputs;
    std::vector<int> labels;
    Tensor targets;
    Index size() const { return inputs.rows(); }
};

class DataLoader {
public:
    DataLoader(const Dataset& data, Index batchSize, bool shuffle, std::uint64_t seed,
               bool dropLast = false);

    Index batchSize() const { return m_batchSize; }
    Index batchesPerEpoch() const;
    // Reorders the samples for a new epoch (when shuffling) and rewinds.
    void startEpoch();
    // The next batch of this epoch into `batch` (buffers reused); false at the epoch's end.
    bool next(Batch& batch);
    // Moves past the next batch without copying it (replaying a saved run's position).
    bool skip();
    // The rows of the next batch (0 at the epoch's end).
    Index nextBatchRows() const;
    // Rows [begin, end) of the next batch into `batch` (buffers reused), without moving past
    // it: threads gather their parts of one batch at once (Trainer's data-parallel steps).
    // Without `inputs`, only the labels and targets (the inputs are read in place: rowOffsets),
    // and batch.inputs, and with it batch.size(), keep what they held.
    void gather(Index begin, Index end, Batch& batch, bool inputs = true) const;
    // Where each sample of the next batch begins in the dataset's inputs (in elements), so that
    // a product can read the batch's rows where they are (GemmOperand::rowOffsets).
    void rowOffsets(std::vector<Index>& out) const;
    bool atEpochEnd() const;
    Index position() const { return m_position; }
    // This epoch's sample order: batch b holds samples order()[b·batchSize, (b+1)·batchSize).
    const std::vector<Index>& order() const { return m_order; }

    // How many times the samples have been shuffled (startEpoch, the first in the constructor),
    // and back to after the n-th shuffle at `position`: the order is shuffled again from the
    // seed, n times, so a recorder keeps two numbers rather than the order (Recorder.h).
    long shuffles() const { return m_shuffles; }
    void rewind(long shuffles, Index position);

private:
    const Dataset& m_data;
    Index m_batchSize;
    bool m_shuffle;
    bool m_dropLast;
    std::mt19937_64 m_rng;
    std::vector<Index> m_order;
    Index m_position = 0;
    std::uint64_t m_seed;
    long m_shuffles = 0;
};

} // namespace gs
