// 2-D toy data sets, seeded, with noise: the classification sets of TensorFlow Playground
// (spiral, circles, XOR, two Gaussians) plus moons, and regression sets (plane, Gaussian bump,
// 1-D sine). Points lie in [−6, 6]², as in the Playground. Classification labels are 0 and 1.
#pragma once

#include "Dataset.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

enum class ToyKind { Spiral, Circles, Xor, Gaussians, Moons, Plane, GaussianBump, Sine, Count };

struct ToyConfig {
    ToyKind kind = ToyKind::Spiral;
    Index samples = 500;
    double noise = 0.0; // 0..1, as the Playground's 0..50 % slider / 50
    std::uint64_t seed = 1;
};

const char* toyKindName(ToyKind kind); // "spiral", ..., "gaussian-bump", "sine"
std::optional<ToyKind> toyKindFromName(const std::string& name);
bool isRegression(ToyKind kind);

Dataset makeToyDataset(const ToyConfig& config);

// Points from a CSV file: "x1,x2,label" (integer labels 0..K−1, classification) or "x1,x2,y"
// (any other numbers, regression); an optional header row; '#' starts a comment. Bad rows
// are DataErrors naming the file, the line and the problem.
Dataset loadPointsCsv(const std::string& path);
Dataset parsePointsCsv(const std::string& text, const std::string& sourceName);

} // namespace gs
