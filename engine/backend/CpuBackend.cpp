// The reference backend: every kernel a plain loop over backend/Kernels.h in host memory, and
// products through the engine's gemm(). Devices: naming, parsing, listing.
#include "Backend.h"

#include "core/Gemm.h"

#ifdef GRADSCOPE_HAVE_CUDA
#include "cuda/CudaBackend.h"
#endif

#include <charconv>
#include <cstring>

namespace gs {

using kernels::activate, kernels::activateGrad, kernels::bceElement, kernels::channelOf,
    kernels::channelSum, kernels::col2imElement, kernels::combine, kernels::correctRow,
    kernels::crossEntropyRow, kernels::dropoutMask, kernels::im2colElement, kernels::KIndex,
    kernels::maxPoolElement, kernels::maxPoolGradElement, kernels::mseElement,
    kernels::optimizerElement, kernels::penaltyGrad, kernels::productIndexOf,
    kernels::reductionTerm, kernels::softmaxGradRow, kernels::softmaxRow;
using kernels::Activation;
using kernels::ConvShape;
using kernels::PoolShape;
using kernels::Reduction;
using kernels::Targets;

std::string DeviceId::str() const {
    return kind == Device::Cpu ? std::string("cpu") : "cuda:" + std::to_string(ordinal);
}

DeviceId parseDevice(const std::string& text) {
    if (text == "cpu") return {};
    if (text == "cuda" || text == "gpu") return {Device::Cuda, 0};
    if (text.starts_with("cuda:")) {
        int ordinal = -1;
        const char* first = text.data() + 5;
        const char* last = text.data() + text.size();
        const auto [end, error] = std::from_chars(first, last, ordinal);
        if (error == std::errc() && end == last && first != last && ordinal >= 0 && ordinal < 64)
            return {Device::Cuda, ordinal};
    }
    throw InvalidArgument(Engine::tr("unknown device '{1}': use cpu, cuda or cuda:N (N from 0)"),
                          text);
}

std::string DeviceInfo::describe() const {
    const double gib = double(memory) / double(std::size_t(1) << 30);
    return id.str() + " — " + name + " (" + std::to_string(static_cast<long>(gib + 0.5)) + " GiB)";
}

GpuList listGpus() {
#ifdef GRADSCOPE_HAVE_CUDA
    // Asked once: starting the driver can take a second, and the GPUs do not come and go.
    static const GpuList gpus = cuda::listGpus();
    return gpus;
#else
    GpuList none;
    none.setWhy(Message(Engine::tr("this build has no CUDA backend: build with -DGRADSCOPE_CUDA=ON "
                                   "where the CUDA toolkit is installed (docs/engine.md, "
                                   "\"Training on a GPU\")")));
    return none;
#endif
}

std::unique_ptr<Backend> makeCudaBackend(int ordinal) {
#ifdef GRADSCOPE_HAVE_CUDA
    return cuda::createBackend(ordinal);
#else
    (void)ordinal;
    throw Unsupported(Engine::tr("cannot train on a GPU: {1}"), listGpus().why);
#endif
}

namespace {

template <class Body> void each(Index n, const Body& body) {
    for (Index i = 0; i < n; ++i)
        body(i);
}

class CpuBackend final : public Backend {
public:
    DeviceId device() const override { return {}; }
    std::string name() const override { return "CPU (reference kernels)"; }

    void* allocateBytes(std::size_t bytes) override {
        m_buffers.emplace_back(std::make_unique<std::byte[]>(bytes));
        return m_buffers.back().get();
    }
    void uploadBytes(void* device, const void* host, std::size_t bytes) override {
        if (bytes) std::memcpy(device, host, bytes);
    }
    void downloadBytes(void* host, const void* device, std::size_t bytes) override {
        if (bytes) std::memcpy(host, device, bytes);
    }
    void synchronize() override {}
    void run(int, const std::function<void()>& work) override { work(); }

    void fill(Scalar* x, Index n, Scalar value) override {
        each(n, [&](Index i) { x[i] = value; });
    }
    void gemm(bool transA, bool transB, Index m, Index n, Index k, const Scalar* a, const Scalar* b,
              Scalar* c, bool accumulate) override {
        // op(A)(r, q) at a[r·rowStride + q·colStride].
        const GemmOperand opA{a, transA ? 1 : k, transA ? m : 1};
        const GemmOperand opB{b, transB ? 1 : n, transB ? k : 1};
        gs::gemm(m, n, k, opA, opB, c, n, accumulate);
    }
    void addChannelBias(Index count, Index channels, Index inner, const Scalar* bias,
                        Scalar* y) override {
        each(count, [&](Index i) { y[i] += bias[channelOf(i, channels, inner)]; });
    }
    void channelSums(Index outer, Index channels, Index inner, const Scalar* g,
                     Scalar* out) override {
        each(channels, [&](Index c) { out[c] = channelSum(g, outer, channels, inner, c); });
    }
    void activation(Activation a, Index n, Scalar slope, const Scalar* x, Scalar* y) override {
        each(n, [&](Index i) { y[i] = activate(a, x[i], slope); });
    }
    void activationGrad(Activation a, Index n, Scalar slope, const Scalar* x, const Scalar* y,
                        const Scalar* dy, Scalar* dx) override {
        each(n, [&](Index i) { dx[i] = activateGrad(a, x[i], y[i], dy[i], slope); });
    }
    void softmax(Index rows, Index cols, const Scalar* x, Scalar* y) override {
        each(rows, [&](Index r) { softmaxRow(x + r * cols, y + r * cols, cols); });
    }
    void softmaxGrad(Index rows, Index cols, const Scalar* y, const Scalar* dy,
                     Scalar* dx) override {
        each(rows,
             [&](Index r) { softmaxGradRow(y + r * cols, dy + r * cols, dx + r * cols, cols); });
    }
    void dropout(Index n, Scalar p, const StepValues* values, std::uint64_t stream, const Scalar* x,
                 Scalar* mask, Scalar* y) override {
        each(n, [&](Index i) {
            mask[i] = dropoutMask(values->seed ^ stream, i, p);
            y[i] = x[i] * mask[i];
        });
    }
    void multiply(Index n, const Scalar* a, const Scalar* b, Scalar* out) override {
        each(n, [&](Index i) { out[i] = a[i] * b[i]; });
    }
    void im2col(const ConvShape& s, const Scalar* x, Scalar* columns) override {
        each(s.columnRows() * s.patch(), [&](Index i) { columns[i] = im2colElement(s, x, i); });
    }
    void col2im(const ConvShape& s, const Scalar* columns, Scalar* dx) override {
        each(s.batch * s.channels * s.height * s.width,
             [&](Index i) { dx[i] = col2imElement(s, columns, i); });
    }
    void productToPlanes(Index count, Index outChannels, Index positions, const Scalar* product,
                         Scalar* planes) override {
        each(count,
             [&](Index i) { planes[i] = product[productIndexOf(i, outChannels, positions)]; });
    }
    void planesToProduct(Index count, Index outChannels, Index positions, const Scalar* planes,
                         Scalar* product) override {
        each(count,
             [&](Index i) { product[productIndexOf(i, outChannels, positions)] = planes[i]; });
    }
    void maxPool(const PoolShape& s, const Scalar* x, Scalar* y, std::int64_t* where) override {
        each(s.planes * s.outHeight * s.outWidth,
             [&](Index i) { y[i] = maxPoolElement(s, x, i, where + i); });
    }
    void maxPoolGrad(const PoolShape& s, const Scalar* dy, const std::int64_t* where,
                     Scalar* dx) override {
        each(s.planes * s.height * s.width,
             [&](Index i) { dx[i] = maxPoolGradElement(s, dy, where, i); });
    }
    void crossEntropy(Index rows, Index cols, const Scalar* logits, const Scalar* labels,
                      Scalar* terms, Scalar* grad) override {
        const Scalar scale = Scalar(1) / static_cast<Scalar>(rows);
        each(rows, [&](Index r) {
            terms[r] = crossEntropyRow(logits + r * cols, cols, static_cast<KIndex>(labels[r]),
                                       scale, grad + r * cols);
        });
    }
    void mse(Index n, const Scalar* prediction, const Scalar* target, Scalar* terms,
             Scalar* grad) override {
        const Scalar scale = Scalar(1) / static_cast<Scalar>(n);
        each(n, [&](Index i) { terms[i] = mseElement(prediction[i], target[i], scale, grad + i); });
    }
    void bceWithLogits(Index n, const Scalar* logits, const Scalar* target, Scalar* terms,
                       Scalar* grad) override {
        const Scalar scale = Scalar(1) / static_cast<Scalar>(n);
        each(n, [&](Index i) { terms[i] = bceElement(logits[i], target[i], scale, grad + i); });
    }
    void correctRows(Index rows, Index cols, Targets encoding, const Scalar* output,
                     const Scalar* labels, Scalar* perRow) override {
        each(rows, [&](Index r) {
            perRow[r] = correctRow(output + r * cols, cols, encoding, labels[r]);
        });
    }
    void reduce(Reduction r, Index n, const Scalar* x, double scale, Scalar* out) override {
        double total = 0;
        each(n, [&](Index i) { total = combine(r, total, reductionTerm(r, x[i])); });
        out[0] = static_cast<Scalar>(total * scale);
    }
    void addPenaltyGrad(Index n, const StepValues* values, const Scalar* w, Scalar* g) override {
        each(n, [&](Index i) { g[i] += penaltyGrad(w[i], values->l1, values->l2); });
    }
    void optimizerStep(Index n, const StepValues* values, const StepTensors& t) override {
        each(n, [&](Index i) { optimizerElement(*values, t, i); });
    }

private:
    std::vector<std::unique_ptr<std::byte[]>> m_buffers;
};

} // namespace

std::unique_ptr<Backend> makeCpuBackend() {
    return std::make_unique<CpuBackend>();
}

} // namespace gs
