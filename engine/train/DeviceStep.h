// DeviceStep: a Sequential's training steps run on a compute backend (backend/Backend.h).
//
// The weights, their gradients, the optimizer's state and every layer's activations live in the
// backend's memory for as long as the DeviceStep does; buffers are made once, for the largest
// batch, so a step allocates nothing. A step is two recordings the backend may replay (CUDA
// graphs): the forward and backward pass, then, once the trainer has checked the loss and the
// gradients, the optimizer's update. Between them the host reads a handful of numbers: the
// loss, how many predictions were right, the largest gradient of each parameter.
//
// The layers' arithmetic mirrors the graph's ops (backend/Kernels.h), so a step here equals the
// graph's step within float32 rounding (tests/backend/tst_device_step.cpp), with one exception:
// dropout draws its masks from a counter-based generator on the device, not from the graph's.
#pragma once

#include "Loss.h"
#include "backend/Backend.h"
#include "optim/Optimizer.h"

#include <memory>
#include <vector>

namespace gs {

class DeviceStep {
public:
    // Places `model` (its layout; upload() copies the numbers) for batches of up to `maxBatch`
    // samples of `sampleShape`. Throws what the backend throws when memory runs out.
    DeviceStep(std::unique_ptr<Backend> backend, const Sequential& model, const Shape& sampleShape,
               Index maxBatch, LossKind loss, TargetEncoding encoding);
    ~DeviceStep();
    DeviceStep(const DeviceStep&) = delete;
    DeviceStep& operator=(const DeviceStep&) = delete;

    Backend& backend() { return *m_backend; }

    // Copies the weights and the optimizer's state and step count to the device.
    void upload(const Sequential& model, const Optimizer& optimizer);
    // Copies the weights, their gradients (unless `gradients` is false), the optimizer's state
    // (PyTorch's buffers, the last update, the step count) back, all or nothing.
    void download(Sequential& model, Optimizer& optimizer, bool gradients = true);

    struct Result {
        double dataLoss = 0;
        double penalty = 0;              // l1·Σ|W| + l2·ΣW²
        Index correct = 0;               // rows predicting their label (classification)
        std::vector<double> largestGrad; // max |dL/dp| of each parameter (NaN when one is)
    };
    // Forward and backward of one batch: the gradients are on the device, the weights unchanged.
    Result forwardBackward(const Batch& batch, const Regularization& regularization,
                           std::uint64_t dropoutSeed);
    struct Update {
        std::vector<double> largestWeight; // max |w| of each parameter afterwards
        // With norms: ‖dL/dp‖, ‖Δp‖ and ‖p‖ of each parameter (the app's layer statistics).
        std::vector<double> gradNorm, updateNorm, weightNorm;
    };
    // The optimizer's update from those gradients, with the schedule's rate already in
    // `config`.
    Update update(const OptimizerConfig& config, bool norms);
    long steps() const { return m_steps; }

    // The network's output for the last batch (rows × outputs), copied to the host.
    Tensor output() const;

private:
    struct Layer;
    struct Param {
        DeviceBuffer<Scalar> value, grad, update;
        std::array<DeviceBuffer<Scalar>, 3> state;
        Index numel = 0;
        bool isWeight = false;
    };

    const Scalar* outputOf(int layer) const; // the input for layer 0, through Flatten
    Scalar* gradOf(int layer) const;

    std::unique_ptr<Backend> m_backend;
    LossKind m_loss;
    TargetEncoding m_encoding;
    Index m_maxBatch;
    std::vector<Index> m_sampleSize; // elements per sample after each layer (−1: the input)
    std::vector<Layer> m_layers;
    std::vector<Param> m_params;
    DeviceBuffer<Scalar> m_input, m_targets, m_labels, m_terms, m_perRow, m_results;
    DeviceBuffer<StepValues> m_values;
    StepValues m_hostValues;
    std::vector<Scalar> m_hostResults;
    Tensor m_targetScratch;
    Index m_rows = 0; // the last batch's
    long m_steps = 0;
    bool m_first = true; // the optimizer's state has not been made yet
};

} // namespace gs
