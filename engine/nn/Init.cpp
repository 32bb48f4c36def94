#include "Init.h"

#include "core/Names.h"

#include <cmath>

namespace gs {

namespace {
constexpr const char* kNames[] = {"pytorch", "zeros", "uniform", "normal", "xavier", "he"};

void fillUniform(Tensor& t, double bound, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> dist(-bound, bound);
    for (Index i = 0; i < t.numel(); ++i)
        t[i] = static_cast<Scalar>(dist(rng));
}

void fillNormal(Tensor& t, double stddev, std::mt19937_64& rng) {
    std::normal_distribution<double> dist(0.0, stddev);
    for (Index i = 0; i < t.numel(); ++i)
        t[i] = static_cast<Scalar>(dist(rng));
}
} // namespace

const char* initName(Init init) {
    return kNames[static_cast<int>(init)];
}

std::optional<Init> initFromName(const std::string& name) {
    return enumFromName<Init>(kNames, name);
}

void initialise(Init init, Tensor& weight, Tensor* bias, Index fanIn, Index fanOut,
                std::mt19937_64& rng) {
    const double inverseRoot = fanIn > 0 ? 1.0 / std::sqrt(double(fanIn)) : 0.0;
    switch (init) {
    case Init::PyTorch:
        fillUniform(weight, inverseRoot, rng);
        if (bias) fillUniform(*bias, inverseRoot, rng);
        return;
    case Init::Zeros:
        weight.fill(0);
        break;
    case Init::Uniform:
        fillUniform(weight, 0.1, rng);
        break;
    case Init::Normal:
        fillNormal(weight, 0.1, rng);
        break;
    case Init::Xavier:
        fillUniform(weight, std::sqrt(6.0 / double(fanIn + fanOut)), rng);
        break;
    case Init::He:
        fillNormal(weight, std::sqrt(2.0 / double(fanIn)), rng);
        break;
    }
    if (bias) bias->fill(0);
}

} // namespace gs
