// The history of a training run: what the charts draw and what the CSV export writes.
#pragma once

#include "Trainer.h"

#include <deque>
#include <string>
#include <vector>

namespace gs {

struct MetricsHistory {
    // Deques: a long run at full speed appends millions of losses, and a vector's doubling
    // copied them all at once (an 80 ms stall of the app's GUI thread at 1.3 million).
    std::deque<EpochReport> epochs;
    std::deque<std::pair<long, double>> stepLosses; // (step, batch loss)
    // Each layer's gradient norm and update ratio, at the steps they were collected (while the
    // charts that draw them are shown).
    std::deque<std::pair<long, std::vector<LayerStats>>> layerStats;

    void add(const EpochReport& r) { epochs.push_back(r); }
    void add(const StepReport& r) {
        stepLosses.emplace_back(r.step, r.batchLoss);
        if (!r.layers.empty()) layerStats.emplace_back(r.step, r.layers);
    }

    // CSV with a header: one row per epoch (epoch,step,train_loss,test_loss,train_accuracy,
    // test_accuracy,seconds,samples_per_s), or one per step (step,batch_loss) when there are
    // no finished epochs. Accuracies are empty for regression.
    std::string csv() const;
    // CSV of the layer statistics: step, then each layer's grad_norm and update_ratio.
    std::string layerStatsCsv() const;
};

} // namespace gs
