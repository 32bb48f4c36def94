#include "Features.h"

#include "core/Errors.h"

#include <array>
#include <cmath>

namespace gs {

namespace {
constexpr std::array<const char*, kFeatureCount> kNames = {"x1",    "x2",     "x1²",   "x2²",
                                                           "x1·x2", "sin x1", "sin x2"};
}

const char* featureName(Feature f) {
    return kNames[static_cast<std::size_t>(f)];
}

int featureCount(FeatureMask mask) {
    int n = 0;
    for (int f = 0; f < kFeatureCount; ++f)
        n += (mask >> f) & 1u;
    return n;
}

double featureValue(Feature f, double x1, double x2) {
    switch (f) {
    case Feature::X1:
        return x1;
    case Feature::X2:
        return x2;
    case Feature::X1Squared:
        return x1 * x1;
    case Feature::X2Squared:
        return x2 * x2;
    case Feature::X1TimesX2:
        return x1 * x2;
    case Feature::SinX1:
        return std::sin(x1);
    case Feature::SinX2:
        return std::sin(x2);
    case Feature::Count:
        break;
    }
    return 0;
}

Tensor expandFeatures(const Tensor& points, FeatureMask mask) {
    if (featureCount(mask) == 0)
        throw InvalidArgument(Engine::tr("choose at least one input feature"));
    if (points.shape().rank() != 2 || points.shape()[1] != 2)
        throw InvalidArgument(Engine::tr("input features need 2-D points [N, 2], got {1}"),
                              points.shape().str());
    const Index n = points.rows();
    const Index width = featureCount(mask);
    Tensor out(Shape{n, width});
    for (Index i = 0; i < n; ++i) {
        Index column = 0;
        for (int f = 0; f < kFeatureCount; ++f)
            if ((mask >> f) & 1u)
                out[i * width + column++] = static_cast<Scalar>(
                    featureValue(static_cast<Feature>(f), points[2 * i], points[2 * i + 1]));
    }
    return out;
}

Dataset withFeatures(const Dataset& data, FeatureMask mask) {
    Dataset out = data;
    out.inputs = expandFeatures(data.inputs, mask);
    return out;
}

} // namespace gs
