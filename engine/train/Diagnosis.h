// Where a NaN or an infinity began, and why, in words a student can act on.
//
// Training stops before the update when the loss or a gradient is not finite (Trainer.h). These
// functions read the refused step's graph to find the first value that went wrong: the first
// node, in forward order, whose output is not finite although its inputs are; or, in the
// backward pass, the first node whose chain-rule step sent a non-finite gradient although the
// gradient it received was finite. They then look at the element where it happened and name
// its cause from the op and its inputs there ("exp of 93.2 is past float32's largest number",
// "log of 0 is −∞", "a division by 0"), with what usually fixes it.
#pragma once

#include "core/Graph.h"
#include "core/Message.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

struct NonFiniteOrigin {
    bool backward = false; // a gradient went non-finite, not a value
    int node = -1;         // the node whose forward (or backward) rule made it
    std::string name;      // that node's name
    OpKind op = OpKind::Input;
    int layer = -1;     // the Sequential layer that recorded the node, −1 for none
    std::string input;  // backward: the input whose gradient it was
    Index element = -1; // flat index of the first non-finite element (of the output or
                        // of that input's gradient)
    double result = 0;  // its value: NaN or ±∞
    Message cause;      // what happened there, with the numbers
    Message advice;     // what usually fixes it
};

// The first node of the forward pass whose output is not finite, or nullopt if all are.
std::optional<NonFiniteOrigin> forwardOrigin(const Graph& graph);

// After a backward pass: the first chain-rule step, in backward order, that sent a non-finite
// gradient to one of its inputs; nullopt if every gradient is finite.
std::optional<NonFiniteOrigin> backwardOrigin(const Graph& graph);

// One sentence: "It began at node 'h1' (exp), element 3: exp of 93.2 is … ."; the advice
// follows as a sentence of its own.
Message describe(const NonFiniteOrigin& origin);

} // namespace gs
