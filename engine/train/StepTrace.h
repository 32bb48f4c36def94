// A training step written down as it runs: every forward node's value, the loss, every backward
// step-through record, and the optimizer's update of every parameter. Trainer::step(&trace)
// records one while taking an ordinary step, so the numbers are exactly those of training.
#pragma once

#include "core/Backward.h"

#include <string>
#include <utility>
#include <vector>

namespace gs {

struct ForwardRecord {
    int node = -1;
    std::string name;
    OpKind op = OpKind::Input;
    std::vector<std::string> inputs; // names of the input nodes
    std::vector<int> inputIds;       // their node ids
    Tensor value;
};

struct UpdateRecord {
    std::string parameter;
    Tensor before, gradient, update, after;
    // The optimizer's buffers after the step, under PyTorch's names; for Adam and AdamW also
    // the bias-corrected moments m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ) the rule divides.
    std::vector<std::pair<std::string, Tensor>> state;
};

struct StepTrace {
    long step = 0; // the step this is (1 for the first)
    Index batch = 0;
    Index sample = -1; // a one-sample step: the training sample's row; −1 for a mini-batch
    std::vector<ForwardRecord> forward;
    double loss = 0;
    std::vector<StepRecord> backward;
    std::vector<std::string> nodeNames; // by node id, for the records' edges
    std::string optimizer, rule;        // optimizerLabel(), updateRule()
    double learningRate = 0;
    std::vector<UpdateRecord> updates;
};

} // namespace gs
