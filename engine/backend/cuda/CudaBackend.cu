// The CUDA backend (backend/Backend.h): every kernel is the element function of
// backend/Kernels.h that the reference backend loops over, run once per thread; products go
// through cuBLAS; reductions run in one block in a fixed order, so a run repeats bit for bit.
//
// All work is queued on one stream. run() launches a step's work kernel by kernel the first time
// a key is seen, records it as a CUDA graph the second time and replays that after: a batch-64 MLP
// step is some forty small kernels, which launched one by one would cost more than their
// arithmetic. Set GRADSCOPE_CUDA_GRAPHS=0 to launch them one by one instead (to tell a recording
// problem from a kernel's).
#include "CudaBackend.h"

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <cstdlib>
#include <map>
#include <type_traits>

namespace gs::cuda {

static_assert(std::is_same_v<Scalar, float>, "the CUDA backend is built for float32");

using kernels::KIndex;

namespace {

constexpr int kThreads = 256;
constexpr std::size_t kCublasWorkspace = std::size_t(32) << 20;

// `what` is what was being done ("a kernel launch"); the library's own error text follows it.
void check(cudaError_t status, Text what) {
    if (status != cudaSuccess)
        throw Error(Engine::tr("CUDA: {1} failed: {2}"), Message(what), cudaGetErrorString(status));
}

void check(cublasStatus_t status, Text what) {
    if (status != CUBLAS_STATUS_SUCCESS)
        throw Error(Engine::tr("cuBLAS: {1} failed: {2}"), Message(what),
                    cublasGetStatusString(status));
}

template <class F> __global__ void eachKernel(KIndex n, F f) {
    for (KIndex i = KIndex(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
         i += KIndex(gridDim.x) * blockDim.x)
        f(i);
}

// f(i) for every i < n, one thread each (grid-stride past 2^20 blocks' worth).
template <class F> void launchEach(cudaStream_t stream, KIndex n, const F& f) {
    if (n <= 0) return;
    const KIndex blocks = std::min<KIndex>((n + kThreads - 1) / kThreads, KIndex(1) << 20);
    eachKernel<<<static_cast<unsigned>(blocks), kThreads, 0, stream>>>(n, f);
    check(cudaGetLastError(), Engine::tr("a kernel launch"));
}

// One block folds n terms in a fixed order: each thread a strided run, then a tree.
__global__ void reduceKernel(kernels::Reduction r, KIndex n, const float* x, double scale,
                             float* out) {
    __shared__ double partial[kThreads];
    double total = 0;
    for (KIndex i = threadIdx.x; i < n; i += kThreads)
        total = kernels::combine(r, total, kernels::reductionTerm(r, x[i]));
    partial[threadIdx.x] = total;
    __syncthreads();
    for (int half = kThreads / 2; half > 0; half /= 2) {
        if (int(threadIdx.x) < half)
            partial[threadIdx.x] =
                kernels::combine(r, partial[threadIdx.x], partial[threadIdx.x + half]);
        __syncthreads();
    }
    if (threadIdx.x == 0) out[0] = static_cast<float>(partial[0] * scale);
}

// One block per channel: out[c] = Σ_{o, i} g[o, c, i], in a fixed order.
__global__ void channelSumKernel(KIndex outer, KIndex channels, KIndex inner, const float* g,
                                 float* out) {
    __shared__ float partial[kThreads];
    const KIndex c = blockIdx.x;
    float total = 0;
    for (KIndex j = threadIdx.x; j < outer * inner; j += kThreads)
        total += g[((j / inner) * channels + c) * inner + j % inner];
    partial[threadIdx.x] = total;
    __syncthreads();
    for (int half = kThreads / 2; half > 0; half /= 2) {
        if (int(threadIdx.x) < half) partial[threadIdx.x] += partial[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[c] = partial[0];
}

class CudaBackend final : public Backend {
public:
    CudaBackend(int ordinal, std::string name)
        : m_ordinal(ordinal)
        , m_name(std::move(name)) {
        try {
            bind();
            check(cudaStreamCreateWithFlags(&m_stream, cudaStreamNonBlocking),
                  Engine::tr("creating a stream"));
            check(cublasCreate(&m_cublas), Engine::tr("creating a handle"));
            check(cublasSetStream(m_cublas, m_stream), Engine::tr("setting the stream"));
            // A workspace of our own, so that cuBLAS allocates nothing while a step is recorded.
            check(cudaMalloc(&m_workspace, kCublasWorkspace),
                  Engine::tr("allocating cuBLAS's workspace"));
            check(cublasSetWorkspace(m_cublas, m_workspace, kCublasWorkspace),
                  Engine::tr("setting the workspace"));
        } catch (...) {
            release();
            throw;
        }
        const char* graphs = std::getenv("GRADSCOPE_CUDA_GRAPHS");
        m_record = !(graphs && std::string(graphs) == "0");
    }

    ~CudaBackend() override { release(); }

    DeviceId device() const override { return {Device::Cuda, m_ordinal}; }
    std::string name() const override { return m_name; }

    void* allocateBytes(std::size_t bytes) override {
        bind();
        void* p = nullptr;
        const cudaError_t status = cudaMalloc(&p, bytes);
        if (status != cudaSuccess) {
            (void)cudaGetLastError(); // handled here: not a later launch's error
            throw Error(Engine::tr("the GPU ({1}) could not hold the model: {2} MiB more were "
                                   "needed ({3}); use a smaller batch or network"),
                        m_name, bytes >> 20, cudaGetErrorString(status));
        }
        m_buffers.push_back(p);
        return p;
    }
    void uploadBytes(void* device, const void* host, std::size_t bytes) override {
        bind();
        if (bytes)
            check(cudaMemcpyAsync(device, host, bytes, cudaMemcpyHostToDevice, m_stream),
                  Engine::tr("copying to the GPU"));
    }
    void downloadBytes(void* host, const void* device, std::size_t bytes) override {
        bind();
        if (bytes)
            check(cudaMemcpyAsync(host, device, bytes, cudaMemcpyDeviceToHost, m_stream),
                  Engine::tr("copying from the GPU"));
        synchronize();
    }
    void synchronize() override {
        check(cudaStreamSynchronize(m_stream), Engine::tr("running the step"));
    }

    void run(int key, const std::function<void()>& work) override {
        bind();
        if (const auto found = m_graphs.find(key); found != m_graphs.end()) {
            check(cudaGraphLaunch(found->second, m_stream), Engine::tr("replaying a step"));
            return;
        }
        // The first run of a key is launched kernel by kernel: cuBLAS chooses its algorithms
        // and sets itself up outside a recording. The second is recorded, and replayed after.
        int& seen = m_seen[key];
        if (m_record && seen == 1 && record(key, work)) return;
        if (seen == 1) seen = -1; // could not be recorded: always launch it
        if (seen == 0) seen = 1;
        work();
    }

    void fill(Scalar* x, Index n, Scalar value) override {
        each(n, [=] __device__(KIndex i) { x[i] = value; });
    }
    void gemm(bool transA, bool transB, Index m, Index n, Index k, const Scalar* a, const Scalar* b,
              Scalar* c, bool accumulate) override {
        // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ: the same buffers, the
        // operands swapped.
        const float one = 1, beta = accumulate ? 1.0f : 0.0f;
        if (m <= 0 || n <= 0) return;
        bind();
        if (k <= 0) {
            if (!accumulate) fill(c, m * n, 0);
            return;
        }
        check(cublasSgemm(m_cublas, transB ? CUBLAS_OP_T : CUBLAS_OP_N,
                          transA ? CUBLAS_OP_T : CUBLAS_OP_N, int(n), int(m), int(k), &one, b,
                          int(transB ? k : n), a, int(transA ? m : k), &beta, c, int(n)),
              Engine::tr("a matrix product"));
    }
    void addChannelBias(Index count, Index channels, Index inner, const Scalar* bias,
                        Scalar* y) override {
        each(count,
             [=] __device__(KIndex i) { y[i] += bias[kernels::channelOf(i, channels, inner)]; });
    }
    void channelSums(Index outer, Index channels, Index inner, const Scalar* g,
                     Scalar* out) override {
        if (channels <= 0) return;
        bind();
        channelSumKernel<<<unsigned(channels), kThreads, 0, m_stream>>>(outer, channels, inner, g,
                                                                        out);
        check(cudaGetLastError(), Engine::tr("a kernel launch"));
    }
    void activation(kernels::Activation a, Index n, Scalar slope, const Scalar* x,
                    Scalar* y) override {
        each(n, [=] __device__(KIndex i) { y[i] = kernels::activate(a, x[i], slope); });
    }
    void activationGrad(kernels::Activation a, Index n, Scalar slope, const Scalar* x,
                        const Scalar* y, const Scalar* dy, Scalar* dx) override {
        each(n, [=] __device__(KIndex i) {
            dx[i] = kernels::activateGrad(a, x[i], y[i], dy[i], slope);
        });
    }
    void softmax(Index rows, Index cols, const Scalar* x, Scalar* y) override {
        each(rows,
             [=] __device__(KIndex r) { kernels::softmaxRow(x + r * cols, y + r * cols, cols); });
    }
    void softmaxGrad(Index rows, Index cols, const Scalar* y, const Scalar* dy,
                     Scalar* dx) override {
        each(rows, [=] __device__(KIndex r) {
            kernels::softmaxGradRow(y + r * cols, dy + r * cols, dx + r * cols, cols);
        });
    }
    void dropout(Index n, Scalar p, const StepValues* values, std::uint64_t stream, const Scalar* x,
                 Scalar* mask, Scalar* y) override {
        each(n, [=] __device__(KIndex i) {
            mask[i] = kernels::dropoutMask(values->seed ^ stream, i, p);
            y[i] = x[i] * mask[i];
        });
    }
    void multiply(Index n, const Scalar* a, const Scalar* b, Scalar* out) override {
        each(n, [=] __device__(KIndex i) { out[i] = a[i] * b[i]; });
    }
    void im2col(const kernels::ConvShape& s, const Scalar* x, Scalar* columns) override {
        each(s.columnRows() * s.patch(),
             [=] __device__(KIndex i) { columns[i] = kernels::im2colElement(s, x, i); });
    }
    void col2im(const kernels::ConvShape& s, const Scalar* columns, Scalar* dx) override {
        each(s.batch * s.channels * s.height * s.width,
             [=] __device__(KIndex i) { dx[i] = kernels::col2imElement(s, columns, i); });
    }
    void productToPlanes(Index count, Index outChannels, Index positions, const Scalar* product,
                         Scalar* planes) override {
        each(count, [=] __device__(KIndex i) {
            planes[i] = product[kernels::productIndexOf(i, outChannels, positions)];
        });
    }
    void planesToProduct(Index count, Index outChannels, Index positions, const Scalar* planes,
                         Scalar* product) override {
        each(count, [=] __device__(KIndex i) {
            product[kernels::productIndexOf(i, outChannels, positions)] = planes[i];
        });
    }
    void maxPool(const kernels::PoolShape& s, const Scalar* x, Scalar* y,
                 std::int64_t* where) override {
        each(s.planes * s.outHeight * s.outWidth,
             [=] __device__(KIndex i) { y[i] = kernels::maxPoolElement(s, x, i, where + i); });
    }
    void maxPoolGrad(const kernels::PoolShape& s, const Scalar* dy, const std::int64_t* where,
                     Scalar* dx) override {
        each(s.planes * s.height * s.width,
             [=] __device__(KIndex i) { dx[i] = kernels::maxPoolGradElement(s, dy, where, i); });
    }
    void crossEntropy(Index rows, Index cols, const Scalar* logits, const Scalar* labels,
                      Scalar* terms, Scalar* grad) override {
        const Scalar scale = Scalar(1) / static_cast<Scalar>(rows);
        each(rows, [=] __device__(KIndex r) {
            terms[r] = kernels::crossEntropyRow(logits + r * cols, cols, KIndex(labels[r]), scale,
                                                grad + r * cols);
        });
    }
    void mse(Index n, const Scalar* prediction, const Scalar* target, Scalar* terms,
             Scalar* grad) override {
        const Scalar scale = Scalar(1) / static_cast<Scalar>(n);
        each(n, [=] __device__(KIndex i) {
            terms[i] = kernels::mseElement(prediction[i], target[i], scale, grad + i);
        });
    }
    void bceWithLogits(Index n, const Scalar* logits, const Scalar* target, Scalar* terms,
                       Scalar* grad) override {
        const Scalar scale = Scalar(1) / static_cast<Scalar>(n);
        each(n, [=] __device__(KIndex i) {
            terms[i] = kernels::bceElement(logits[i], target[i], scale, grad + i);
        });
    }
    void correctRows(Index rows, Index cols, kernels::Targets encoding, const Scalar* output,
                     const Scalar* labels, Scalar* perRow) override {
        each(rows, [=] __device__(KIndex r) {
            perRow[r] = kernels::correctRow(output + r * cols, cols, encoding, labels[r]);
        });
    }
    void reduce(kernels::Reduction r, Index n, const Scalar* x, double scale,
                Scalar* out) override {
        bind();
        reduceKernel<<<1, kThreads, 0, m_stream>>>(r, n, x, scale, out);
        check(cudaGetLastError(), Engine::tr("a kernel launch"));
    }
    void addPenaltyGrad(Index n, const StepValues* values, const Scalar* w, Scalar* g) override {
        each(n, [=] __device__(KIndex i) {
            g[i] += kernels::penaltyGrad(w[i], values->l1, values->l2);
        });
    }
    void optimizerStep(Index n, const StepValues* values, const StepTensors& t) override {
        each(n, [=] __device__(KIndex i) { kernels::optimizerElement(*values, t, i); });
    }

private:
    // The calling thread's current GPU is this one. Not while a step is being recorded: the
    // recording thread was bound when it began.
    void bind() {
        if (!m_capturing) check(cudaSetDevice(m_ordinal), Engine::tr("choosing the GPU"));
    }

    template <class F> void each(KIndex n, const F& f) {
        bind();
        launchEach(m_stream, n, f);
    }

    void release() noexcept {
        cudaSetDevice(m_ordinal);
        if (m_stream) cudaStreamSynchronize(m_stream);
        for (auto& [key, exec] : m_graphs)
            cudaGraphExecDestroy(exec);
        m_graphs.clear();
        for (void* p : m_buffers)
            cudaFree(p);
        m_buffers.clear();
        if (m_cublas) cublasDestroy(m_cublas); // before its workspace goes
        if (m_workspace) cudaFree(m_workspace);
        if (m_stream) cudaStreamDestroy(m_stream);
        m_cublas = nullptr;
        m_workspace = nullptr;
        m_stream = nullptr;
        (void)cudaGetLastError(); // nothing of this backend's is left for the next to report
    }

    // Records work() as a graph and launches it; false (nothing run, the error cleared) when
    // this step cannot be recorded, and it is then run one kernel at a time.
    bool record(int key, const std::function<void()>& work) {
        if (cudaStreamBeginCapture(m_stream, cudaStreamCaptureModeThreadLocal) != cudaSuccess) {
            (void)cudaGetLastError();
            return false;
        }
        cudaGraph_t graph = nullptr;
        m_capturing = true;
        try {
            work();
        } catch (...) {
            m_capturing = false;
            cudaStreamEndCapture(m_stream, &graph);
            if (graph) cudaGraphDestroy(graph);
            (void)cudaGetLastError();
            throw;
        }
        m_capturing = false;
        cudaGraphExec_t exec = nullptr;
        const bool made = cudaStreamEndCapture(m_stream, &graph) == cudaSuccess && graph &&
                          cudaGraphInstantiate(&exec, graph, 0) == cudaSuccess;
        if (graph) cudaGraphDestroy(graph);
        if (!made) {
            (void)cudaGetLastError();
            return false;
        }
        m_graphs[key] = exec;
        check(cudaGraphLaunch(exec, m_stream), Engine::tr("running a recorded step"));
        return true;
    }

    int m_ordinal;
    std::string m_name;
    cudaStream_t m_stream = nullptr;
    cublasHandle_t m_cublas = nullptr;
    void* m_workspace = nullptr;
    bool m_record = true;
    bool m_capturing = false;
    std::vector<void*> m_buffers;
    std::map<int, cudaGraphExec_t> m_graphs;
    std::map<int, int> m_seen; // how often each key has run: 1 run, then record; −1 never record
};

} // namespace

GpuList listGpus() {
    GpuList list;
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        cudaGetLastError(); // clear it
        list.setWhy(status == cudaErrorInsufficientDriver
                        ? Message(Engine::tr("no NVIDIA driver new enough for this build's CUDA "
                                             "was found (CUDA: {1})"),
                                  cudaGetErrorString(status))
                        : Message(Engine::tr("no NVIDIA GPU could be used (CUDA: {1})"),
                                  cudaGetErrorString(status)));
        return list;
    }
    for (int i = 0; i < count; ++i) {
        cudaDeviceProp props{};
        if (cudaGetDeviceProperties(&props, i) != cudaSuccess) {
            (void)cudaGetLastError();
            continue;
        }
        list.gpus.push_back({{Device::Cuda, i}, props.name, props.totalGlobalMem});
    }
    if (list.gpus.empty()) list.setWhy(Message(Engine::tr("no NVIDIA GPU was found")));
    return list;
}

std::unique_ptr<Backend> createBackend(int ordinal) {
    const GpuList list = listGpus();
    if (list.gpus.empty()) throw Unsupported(Engine::tr("cannot train on a GPU: {1}"), list.why);
    for (const DeviceInfo& gpu : list.gpus)
        if (gpu.id.ordinal == ordinal) return std::make_unique<CudaBackend>(ordinal, gpu.name);
    if (list.gpus.size() == 1)
        throw Unsupported(Engine::tr("cannot train on cuda:{1}: this machine has {2} GPU, from "
                                     "cuda:0"),
                          ordinal, list.gpus.size());
    throw Unsupported(
        Engine::tr("cannot train on cuda:{1}: this machine has {2} GPUs, from cuda:0"), ordinal,
        list.gpus.size());
}

} // namespace gs::cuda
