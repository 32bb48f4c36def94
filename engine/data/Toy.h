// 2-D toy data sets, seeded, with noise: the classification sets of TensorFlow Playground
// (spiral, circles, XOR, two Gaussians) plus moons and blobs, and regression sets (plane,
// Gaussian bump, 1-D sine). Points lie in [−6, 6]², as in the Playground. Labels run from 0 to
// classes − 1: two classes, or 2 to kMaxToyClasses for the spiral's arms and the blobs.
#pragma once

#include "Dataset.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

enum class ToyKind {
    Spiral,
    Circles,
    Xor,
    Gaussians,
    Moons,
    Blobs,
    Plane,
    GaussianBump,
    Sine,
    Count
};

constexpr int kMaxToyClasses = 5;

struct ToyConfig {
    ToyKind kind = ToyKind::Spiral;
    Index samples = 500;
    double noise = 0.0; // 0..1, as the Playground's 0..50 % slider / 50
    std::uint64_t seed = 1;
    int classes = 2; // 2..kMaxToyClasses where hasClassCount(kind), else 2
};

const char* toyKindName(ToyKind kind); // "spiral", ..., "gaussian-bump", "sine"
std::optional<ToyKind> toyKindFromName(const std::string& name);
bool isRegression(ToyKind kind);
// Whether the number of classes is the user's to choose: the spiral's arms, the blobs.
bool hasClassCount(ToyKind kind);

Dataset makeToyDataset(const ToyConfig& config);

// Points from a CSV file: "x1,x2,label" (integer labels 0..K−1, classification) or "x1,x2,y"
// (any other numbers, regression); an optional header row; '#' starts a comment. Bad rows
// are DataErrors naming the file, the line and the problem.
Dataset loadPointsCsv(const std::string& path);

// Points drawn by hand on the output view: x1, x2 in [−6, 6] and a class 0..kMaxToyClasses − 1.
struct DrawnPoint {
    float x1 = 0, x2 = 0;
    int label = 0;
    bool operator==(const DrawnPoint&) const = default;
};
constexpr Index kMaxDrawnPoints = 10'000;
// How many classes drawn points make: max(2, largest label + 1).
int drawnClassCount(const std::vector<DrawnPoint>& points);
// The drawn points as a classification set of drawnClassCount() classes. A DataError
// when there are none, or one is out of the plane or has no such class.
Dataset drawnDataset(const std::vector<DrawnPoint>& points);
Dataset parsePointsCsv(const std::string& text, const std::string& sourceName);

} // namespace gs
