// The history of a training run: what the charts draw and what the CSV export writes.
#pragma once

#include "Trainer.h"

#include <string>
#include <deque>
#include <vector>

namespace gs {

struct MetricsHistory {
    // Deques: a long run at full speed appends millions of losses, and a vector's doubling
    // copied them all at once (an 80 ms stall of the app's GUI thread at 1.3 million).
    std::deque<EpochReport> epochs;
    std::deque<std::pair<long, double>> stepLosses; // (step, batch loss)

    void add(const EpochReport& r) { epochs.push_back(r); }
    void add(const StepReport& r) { stepLosses.emplace_back(r.step, r.batchLoss); }

    // CSV with a header: one row per epoch (epoch,step,train_loss,test_loss,train_accuracy,
    // test_accuracy,seconds,samples_per_s), or one per step (step,batch_loss) when there are
    // no finished epochs. Accuracies are empty for regression.
    std::string csv() const;
};

} // namespace gs
