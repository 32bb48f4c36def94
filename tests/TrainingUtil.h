// Networks and training settings shared by the trainer's and the backends' tests.
#pragma once

#include "nn/Layer.h"
#include "train/Trainer.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace gs::test {

// Linear layers of the given widths with `activation` between them.
inline std::vector<LayerSpec> mlp(std::initializer_list<Index> widths, Activation activation) {
    std::vector<LayerSpec> layers;
    const std::vector<Index> w(widths);
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
        layers.push_back(LayerSpec::linear(w[i], w[i + 1]));
        if (i + 2 < w.size()) layers.push_back(LayerSpec::of(activation));
    }
    return layers;
}

// A loss, an optimizer by name ("sgd", "adam", ...) at a rate, and a batch size; seed 11.
inline TrainConfig config(LossKind loss, const std::string& optimizer, double lr, Index batch) {
    TrainConfig c;
    c.loss = loss;
    c.optimizer = *OptimizerConfig::fromName(optimizer);
    c.optimizer.learningRate = Scalar(lr);
    c.batchSize = batch;
    c.seed = 11;
    return c;
}

} // namespace gs::test
