// Model files (docs/model-format.md): JSON with the architecture, every parameter under its
// PyTorch state_dict name, and optionally the loss and the optimizer with its state.
// Writes are atomic; malformed, mismatched or newer-version files are JsonErrors naming the
// file and the problem, and nothing is half-loaded.
#pragma once

#include "Json.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"
#include "train/Loss.h"

#include <optional>

namespace gs {

// 1: a chain of layers; 2: layers may name their inputs ("inputs"), making a graph.
constexpr int kModelFormatVersion = 2;

struct LoadedModel {
    Sequential model;
    Shape sampleShape; // one sample's shape: [2], [1, 28, 28]
    std::optional<LossKind> loss;
    std::optional<OptimizerConfig> optimizer;
    long optimizerSteps = 0;
    std::vector<OptimizerState> optimizerState; // empty when the file has none
    Json experiment; // the data and training settings it was trained with, or null
};

// `experiment` (may be null) records how the model was trained, so that training can go on.
Json modelToJson(const Sequential& model, const Shape& sampleShape, std::optional<LossKind> loss,
                 const Optimizer* optimizer, const Json& experiment = {});
LoadedModel modelFromJson(const Json& json, const std::string& source);
// The text of a model file, parsed and read (what loadModel does once the file is read).
LoadedModel parseModel(const std::string& text, const std::string& source);

void saveModel(const std::string& path, const Sequential& model, const Shape& sampleShape,
               std::optional<LossKind> loss, const Optimizer* optimizer,
               const Json& experiment = {});
LoadedModel loadModel(const std::string& path);

} // namespace gs
