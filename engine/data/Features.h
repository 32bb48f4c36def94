// Input features for 2-D data, as TensorFlow Playground offers them: the network sees any
// subset of x1, x2, x1², x2², x1·x2, sin x1, sin x2 computed from each point.
#pragma once

#include "Dataset.h"

#include <string>

namespace gs {

enum class Feature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2, Count };
constexpr int kFeatureCount = static_cast<int>(Feature::Count);

// A set of features as bits (1 << Feature). x1 and x2 alone: the raw points.
using FeatureMask = unsigned;
constexpr FeatureMask kRawFeatures = 0b11;
constexpr FeatureMask featureBit(Feature f) {
    return 1u << static_cast<unsigned>(f);
}

const char* featureName(Feature f); // "x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"
int featureCount(FeatureMask mask);
// The value of one feature at a point.
double featureValue(Feature f, double x1, double x2);
// [N, 2] points → [N, featureCount(mask)] in Feature order; throws InvalidArgument for an
// empty mask or inputs that are not 2-D points.
Tensor expandFeatures(const Tensor& points, FeatureMask mask);
// The same data set with expanded inputs (labels and targets kept).
Dataset withFeatures(const Dataset& data, FeatureMask mask);

} // namespace gs
