// Weight initialisers, per layer. The default reproduces PyTorch's (kaiming_uniform_ with
// a = √5 for weights, U(±1/√fan_in) for biases): the same distributions, so a network starts
// where PyTorch's would, though not from the same random numbers.
#pragma once

#include "core/Tensor.h"

#include <optional>
#include <random>
#include <string>

namespace gs {

enum class Init {
    PyTorch, // weights and bias U(−1/√fan_in, 1/√fan_in)
    Zeros,   // all zero: every neuron learns the same thing (a lesson in symmetry)
    Uniform, // U(−0.1, 0.1)
    Normal,  // N(0, 0.1²)
    Xavier,  // U(±√(6 / (fan_in + fan_out))), Glorot & Bengio; biases zero
    He,      // N(0, 2 / fan_in), He et al., for ReLU networks; biases zero
};

const char* initName(Init init);
std::optional<Init> initFromName(const std::string& name);

// Fills a weight tensor and its bias (which may be null) for the given fans.
void initialise(Init init, Tensor& weight, Tensor* bias, Index fanIn, Index fanOut,
                std::mt19937_64& rng);

} // namespace gs
