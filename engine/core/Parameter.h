// A model parameter: a named tensor that outlives any one forward pass, with the gradient that
// backward() accumulates into it (PyTorch's Parameter and its .grad).
//
// Layers own their Parameters; each forward pass puts them into the graph with Graph::param(),
// which refers to the Parameter rather than copying it. Optimizers read value and grad.
#pragma once

#include "Tensor.h"

#include <string>

namespace gs {

struct Parameter {
    Parameter() = default;
    Parameter(std::string name, Tensor value)
        : name(std::move(name))
        , value(std::move(value))
        , grad(Tensor::zeros(this->value.shape())) {}

    void zeroGrad() { grad.resize(value.shape()), grad.fill(0); }

    std::string name; // "0.weight", as in PyTorch's state_dict
    Tensor value;
    Tensor grad; // accumulated over backward() calls until zeroGrad()
};

} // namespace gs
