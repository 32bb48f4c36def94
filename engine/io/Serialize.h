// JSON forms of the engine's objects, shared by model files, presets and the CLI. Readers
// check every field and throw JsonError naming it ("layers[1].out must be a whole number").
#pragma once

#include "Json.h"
#include "nn/Layer.h"
#include "optim/Optimizer.h"

#include <string>

namespace gs {

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

// Writes `content` to `path` through a temporary file in the same folder and a rename, so a
// crash mid-write never leaves a half-written file in place of the old one.
void writeFileAtomic(const std::string& path, const std::string& content);
std::string readFile(const std::string& path);

} // namespace gs
