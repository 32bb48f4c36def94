#include "Metrics.h"

#include <cstdio>

namespace gs {

namespace {
std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}
} // namespace

std::string MetricsHistory::csv() const {
    std::string out;
    if (epochs.empty()) {
        out = "step,batch_loss\n";
        for (const auto& [step, loss] : stepLosses)
            out += std::to_string(step) + "," + number(loss) + "\n";
        return out;
    }
    out = "epoch,step,train_loss,test_loss,train_accuracy,test_accuracy,seconds,samples_per_s\n";
    for (const EpochReport& e : epochs) {
        out += std::to_string(e.epoch) + "," + std::to_string(e.step) + "," + number(e.trainLoss) +
               "," + (e.test.samples ? number(e.test.loss) : "") + "," +
               (e.trainAccuracy >= 0 ? number(e.trainAccuracy) : "") + "," +
               (e.test.accuracy >= 0 ? number(e.test.accuracy) : "") + "," + number(e.seconds) +
               "," + number(e.samplesPerSecond) + "\n";
    }
    return out;
}

} // namespace gs
