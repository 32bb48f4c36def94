// Compute backends: where a training step's arithmetic runs.
//
// The graph (core/Graph.h) is what the views show and what the step-through walks; it always
// runs on the host, through the engine's own kernels. A backend runs the bulk of training on a
// device instead: train/DeviceStep.h places a Sequential, its gradients and its optimizer's state
// in the backend's memory and runs whole steps there, and the host sees copies when it asks.
//
// The interface is a small set of kernels on raw buffers of the backend's memory, in the manner
// of ggml's per-backend kernels. Two implement it:
//   - the reference backend (CpuBackend.cpp): each kernel a loop over the element functions of
//     backend/Kernels.h, in host memory. It is what the tests compare the graph and the GPU
//     against; it is not the fast CPU path (that is the graph with the engine's threads);
//   - the CUDA backend (backend/cuda/), built with -DGRADSCOPE_CUDA=ON: the same element
//     functions as CUDA kernels, products through cuBLAS, and each step recorded once as a CUDA
//     graph and replayed, so a small batch is not dominated by launches.
// Buffers are allocated when a model is placed on the backend and kept: a step allocates
// nothing.
#pragma once

#include "Kernels.h"
#include "core/Errors.h"
#include "core/Scalar.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gs {

enum class Device { Cpu, Cuda };

// A device to train on: "cpu", "cuda" (the first GPU) or "cuda:N".
struct DeviceId {
    Device kind = Device::Cpu;
    int ordinal = 0;

    std::string str() const; // "cpu", "cuda:0"
    // Spelt out, not defaulted: nvcc compiles this header as C++17.
    bool operator==(const DeviceId& o) const { return kind == o.kind && ordinal == o.ordinal; }
};

// Reads "cpu", "cuda", "cuda:N"; throws InvalidArgument naming the text otherwise.
DeviceId parseDevice(const std::string& text);

struct DeviceInfo {
    DeviceId id;
    std::string name;             // "NVIDIA H200"
    std::size_t memory = 0;       // bytes
    std::string describe() const; // "cuda:0 — NVIDIA H200 (139 GiB)"
};

// The GPUs this build can use on this machine (asked once per process), and, when there are
// none, why not ("this build has no CUDA backend: ...", "no NVIDIA GPU was found").
struct GpuList {
    std::vector<DeviceInfo> gpus;
    Message why; // why there are none, to show (the UI translates it); empty when gpus is not
    std::string reason; // why.english()

    void setWhy(Message message) {
        why = std::move(message);
        reason = why.english();
    }
};
GpuList listGpus();

// A device buffer, typed for readability; the backend owns its memory.
template <class T> struct DeviceBuffer {
    T* data = nullptr;
    Index count = 0;
};

using StepValues = kernels::StepValues<Scalar>;
using StepTensors = kernels::StepTensors<Scalar>;

class Backend {
public:
    virtual ~Backend() = default;

    virtual DeviceId device() const = 0;
    virtual std::string name() const = 0;

    // --- Memory. Buffers live until the backend is destroyed. ------------------------------
    virtual void* allocateBytes(std::size_t bytes) = 0;
    virtual void uploadBytes(void* device, const void* host, std::size_t bytes) = 0;
    virtual void downloadBytes(void* host, const void* device, std::size_t bytes) = 0;
    // Waits until the queued work is done (downloads already wait for it).
    virtual void synchronize() = 0;

    template <class T> DeviceBuffer<T> allocate(Index count) {
        const std::size_t n = static_cast<std::size_t>(count > 0 ? count : 1);
        return {static_cast<T*>(allocateBytes(n * sizeof(T))), count};
    }
    template <class T> void upload(const DeviceBuffer<T>& to, const T* from, Index count) {
        uploadBytes(to.data, from, static_cast<std::size_t>(count) * sizeof(T));
    }
    template <class T> void download(T* to, const DeviceBuffer<T>& from, Index count) {
        downloadBytes(to, from.data, static_cast<std::size_t>(count) * sizeof(T));
    }

    // --- Recording. ------------------------------------------------------------------------
    // Runs `work`, a sequence of the kernels below. Backends that can record it (CUDA graphs)
    // do so the first time a key is seen and replay the recording after that, so `work` must
    // use the same buffers every time and read what changes (StepValues) from device memory.
    virtual void run(int key, const std::function<void()>& work) = 0;

    // --- Kernels, on this backend's buffers. Matrices are row-major and contiguous. --------
    virtual void fill(Scalar* x, Index n, Scalar value) = 0;
    // C (m×n) = op(A)·op(B), or C += op(A)·op(B); op(A) is m×k, A stored k×m when transA.
    virtual void gemm(bool transA, bool transB, Index m, Index n, Index k, const Scalar* a,
                      const Scalar* b, Scalar* c, bool accumulate) = 0;
    // y[o, c, i] += bias[c] over [outer, channels, inner] (count = outer·channels·inner).
    virtual void addChannelBias(Index count, Index channels, Index inner, const Scalar* bias,
                                Scalar* y) = 0;
    // out[c] = Σ_{o, i} g[o, c, i].
    virtual void channelSums(Index outer, Index channels, Index inner, const Scalar* g,
                             Scalar* out) = 0;
    virtual void activation(kernels::Activation a, Index n, Scalar slope, const Scalar* x,
                            Scalar* y) = 0;
    virtual void activationGrad(kernels::Activation a, Index n, Scalar slope, const Scalar* x,
                                const Scalar* y, const Scalar* dy, Scalar* dx) = 0;
    virtual void softmax(Index rows, Index cols, const Scalar* x, Scalar* y) = 0;
    virtual void softmaxGrad(Index rows, Index cols, const Scalar* y, const Scalar* dy,
                             Scalar* dx) = 0;
    // mask = dropoutMask(values->seed ^ stream, i, p); y = x ⊙ mask.
    virtual void dropout(Index n, Scalar p, const StepValues* values, std::uint64_t stream,
                         const Scalar* x, Scalar* mask, Scalar* y) = 0;
    virtual void multiply(Index n, const Scalar* a, const Scalar* b, Scalar* out) = 0;
    virtual void im2col(const kernels::ConvShape& s, const Scalar* x, Scalar* columns) = 0;
    virtual void col2im(const kernels::ConvShape& s, const Scalar* columns, Scalar* dx) = 0;
    // product [batch·positions, outChannels] → NCHW [batch, outChannels, positions], and back.
    virtual void productToPlanes(Index count, Index outChannels, Index positions,
                                 const Scalar* product, Scalar* planes) = 0;
    virtual void planesToProduct(Index count, Index outChannels, Index positions,
                                 const Scalar* planes, Scalar* product) = 0;
    virtual void maxPool(const kernels::PoolShape& s, const Scalar* x, Scalar* y,
                         std::int64_t* where) = 0;
    virtual void maxPoolGrad(const kernels::PoolShape& s, const Scalar* dy,
                             const std::int64_t* where, Scalar* dx) = 0;
    // Losses: the per-row (cross-entropy) or per-element terms into `terms`, dL/d(output) into
    // `grad`, with the mean's 1/count folded in.
    virtual void crossEntropy(Index rows, Index cols, const Scalar* logits, const Scalar* labels,
                              Scalar* terms, Scalar* grad) = 0;
    virtual void mse(Index n, const Scalar* prediction, const Scalar* target, Scalar* terms,
                     Scalar* grad) = 0;
    virtual void bceWithLogits(Index n, const Scalar* logits, const Scalar* target, Scalar* terms,
                               Scalar* grad) = 0;
    // perRow[r] = 1 where row r predicts labels[r].
    virtual void correctRows(Index rows, Index cols, kernels::Targets encoding,
                             const Scalar* output, const Scalar* labels, Scalar* perRow) = 0;
    // out[0] = scale · the reduction of x (in double, in a fixed order), as a Scalar.
    virtual void reduce(kernels::Reduction r, Index n, const Scalar* x, double scale,
                        Scalar* out) = 0;
    // g += penaltyGrad(w, values->l1, values->l2).
    virtual void addPenaltyGrad(Index n, const StepValues* values, const Scalar* w, Scalar* g) = 0;
    // One optimizer step of n weights (optimizerElement); unused state slots may be null.
    virtual void optimizerStep(Index n, const StepValues* values, const StepTensors& t) = 0;
};

// The reference backend, in host memory.
std::unique_ptr<Backend> makeCpuBackend();
// The CUDA backend on GPU `ordinal`; throws Unsupported with listGpus()'s reason when this build
// or this machine has no such GPU.
std::unique_ptr<Backend> makeCudaBackend(int ordinal);

} // namespace gs
