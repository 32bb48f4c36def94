// The product's limits, in one place: the largest tensor, model, file and data set the engine
// accepts. A file or a setting beyond one of them is refused with a message that names the file
// and the limit, before anything of that size is allocated; docs/reliability.md lists them and
// says why each is where it is. Sizes are checked in 64 bits with overflow checks
// (checkedMul, checkedAdd), so a corrupt header cannot wrap round into a small, "valid" size.
#pragma once

#include "Tensor.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace gs {

// Elements of one tensor: 2^31 (8 GiB of float32). MNIST's whole training set is 47 million.
constexpr Index kMaxTensorElements = Index(1) << 31;
// Parameters of a whole model, all layers together: 2^28 (1 GiB of float32 weights; GPT-2
// small has 124 million). Checked from the architecture before any weight is allocated.
constexpr Index kMaxModelParameters = Index(1) << 28;
// Kernel size, stride and padding of conv2d and max_pool2d.
constexpr Index kMaxConvWindow = 4096;
// Bytes of a model, session, preset or CSV file read whole into memory: 256 MiB. A model file
// takes 10–20 bytes per weight, so this holds over ten million weights.
constexpr Index kMaxTextFileBytes = Index(256) << 20;
// Bytes of an IDX file after decompression: 2 GiB (MNIST's training images are 47 MB).
constexpr Index kMaxIdxBytes = Index(1) << 31;
// Samples in one data set (IDX, CSV, random regression): 2^24 = 16,777,216.
constexpr Index kMaxSamples = Index(1) << 24;
// Layer widths and channel counts in a model file or a preset.
constexpr Index kMaxLayerWidth = Index(1) << 24;
// Classes of a classification set: labels are 0 .. kMaxClasses − 1.
constexpr Index kMaxClasses = Index(1) << 20;

// a·b or a+b of non-negative sizes, or nothing when it would pass `limit`.
inline std::optional<Index> checkedMul(Index a, Index b, Index limit = kMaxTensorElements) {
    if (a < 0 || b < 0) return std::nullopt;
    if (a != 0 && b > limit / a) return std::nullopt;
    return a * b;
}
inline std::optional<Index> checkedAdd(Index a, Index b, Index limit = kMaxTensorElements) {
    if (a < 0 || b < 0 || a > limit - b) return std::nullopt;
    return a + b;
}

// The name of Scalar in messages: "float32" (the app) or "float64" (the test build).
constexpr const char* kScalarName = sizeof(Scalar) == 4 ? "float32" : "float64";

// A finite double that fits in Scalar, as a Scalar; nothing for ±inf, NaN, or a finite value
// beyond Scalar's range (1e39 is finite as a double but +inf as a float32).
inline std::optional<Scalar> toScalar(double v) {
    if (!std::isfinite(v) || std::abs(v) > double(std::numeric_limits<Scalar>::max()))
        return std::nullopt;
    return static_cast<Scalar>(v);
}

// What is wrong with `v` as a Scalar, as a sentence about `name` ("lr is 1e+39, out of float32
// range", "lr is not finite"), or an empty Message when toScalar(v) accepts it. `name` is a
// plain std::string when it is an identifier (a field, a key) and a Message of our own when it
// is words ("The weight").
template <class Name> Message scalarProblemMessage(const Name& name, double v) {
    if (!std::isfinite(v)) return Message(Engine::tr("{1} is not finite"), name);
    if (toScalar(v)) return {};
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    return Message(Engine::tr("{1} is {2}, out of {3} range"), name, std::string(text, end),
                   std::string(kScalarName));
}

} // namespace gs
