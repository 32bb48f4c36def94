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

std::string MetricsHistory::layerStatsCsv() const {
    std::string out = "step";
    if (!layerStats.empty())
        for (const LayerStats& l : layerStats.front().second)
            out += ",layer" + std::to_string(l.layer) + "_grad_norm,layer" +
                   std::to_string(l.layer) + "_update_ratio";
    out += "\n";
    for (const auto& [step, layers] : layerStats) {
        out += std::to_string(step);
        for (const LayerStats& l : layers)
            out += "," + number(l.gradientNorm) + "," + number(l.updateRatio);
        out += "\n";
    }
    return out;
}

MetricsHistory MetricsHistory::upTo(long step) const {
    MetricsHistory h;
    for (const EpochReport& r : epochs)
        if (r.step <= step) h.epochs.push_back(r);
    for (const auto& loss : stepLosses)
        if (loss.first <= step) h.stepLosses.push_back(loss);
    for (const auto& stats : layerStats)
        if (stats.first <= step) h.layerStats.push_back(stats);
    return h;
}

} // namespace gs
