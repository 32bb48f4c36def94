// JSON forms of the engine's objects, shared by model files, presets and the CLI. Readers
// check every field and throw JsonError naming it ("layers[1].out must be a whole number").
#pragma once

#include "Files.h"
#include "Json.h"
#include "nn/Layer.h"
#include "optim/Optimizer.h"

#include <string>

namespace gs {

// A number that fits in Scalar: finite and, in the float32 build, within ±3.4e38 (1e39 is a
// finite double but +inf as a float), else a JsonError naming `what`.
Scalar scalarFromJson(const Json& j, const std::string& what);

Json tensorToJson(const Tensor& t); // {"shape": [...], "data": [...]}
Tensor tensorFromJson(const Json& j, const std::string& what);
Json shapeToJson(const Shape& s);
Shape shapeFromJson(const Json& j, const std::string& what);

Json layerToJson(const LayerSpec& layer);
LayerSpec layerFromJson(const Json& j, const std::string& what);

Json optimizerToJson(const OptimizerConfig& c);
OptimizerConfig optimizerFromJson(const Json& j, const std::string& what);

Json scheduleToJson(const Schedule& s);
Schedule scheduleFromJson(const Json& j, const std::string& what);

} // namespace gs
