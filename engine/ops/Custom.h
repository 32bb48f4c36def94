// A user-defined op: a forward and its backward written by hand, recorded into the graph like
// any built-in op (PyTorch's torch.autograd.Function). For teaching, to write a new op and check
// its gradient against finite differences, and for testing the gradient checker with an op
// whose backward is deliberately wrong.
#pragma once

#include "core/Graph.h"

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gs {

struct CustomFunction {
    std::string name;                                    // names the node: "cube"
    std::array<std::string, kMaxInputs> backwardFormula; // per input, as the step-through shows
    // The output from the inputs' values.
    std::function<Tensor(const std::vector<const Tensor*>& inputs)> forward;
    // dL/d(input `slot`) from the inputs, the output and dL/d(output); the shape of that input
    // (or one that broadcasts to it).
    std::function<Tensor(const std::vector<const Tensor*>& inputs, const Tensor& output,
                         const Tensor& gradOutput, int slot)>
        backward;
};

// Records `function` applied to one to three inputs.
Var custom(std::shared_ptr<const CustomFunction> function, std::initializer_list<Var> inputs);

} // namespace gs
