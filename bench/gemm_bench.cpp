// gradscope-bench-gemm: how much of an MLP epoch is matrix products, and how fast they could be.
// Prints one JSON line:
//
//   gradscope-bench-gemm HIDDEN THREADS
//   gradscope-bench-gemm batches
//
// - peak_gflops: the best rate of Gradscope's GEMM on THREADS threads over square products of
//   192, 384 and 768 (five tries each): what this machine's cores give a GEMM, the reference
//   for "peak".
// - epoch_gemm_flops: the floating-point operations of the products of one epoch of the
//   784-HIDDEN-10 MLP at batch 64 (938 steps: two forward products, the two weight gradients and
//   the hidden layer's input gradient; the first layer's input needs none).
// - epoch_gemm_seconds: those products alone, with the operand layouts the linear layer uses,
//   timed on THREADS threads; epoch_gemm_seconds_at_peak: the flops at peak_gflops.
//
// `batches`: what it costs a product that the batch comes from memory. The two products of one
// part of mnist-mlp's unit split (64 of 128 units: X·W1[u]ᵀ and dZᵀ·X, the batch's rows read
// where a 60,000 × 784 data set keeps them, as Trainer::unitStep does), on one thread, 2,000
// calls each: median microseconds with the same 64 rows every call (in cache), 64 random rows
// fresh every call (a shuffled epoch), and 64 consecutive rows fresh every call.
#include "core/Gemm.h"
#include "core/Parallel.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string_view>
#include <vector>

using namespace gs;

namespace {

Tensor random(const Shape& shape, std::mt19937& rng) {
    std::uniform_real_distribution<float> dist(-1, 1);
    Tensor t(shape);
    for (Index i = 0; i < t.numel(); ++i)
        t[i] = dist(rng);
    return t;
}

template <class F> double seconds(F f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The `batches` measurement (see the top of the file).
int batches() {
    setThreadCount(1);
    std::mt19937 rng(1);
    const Index rows = 64, in = 784, units = 64, hidden = 128, count = 60000;
    const Tensor data = random({count, in}, rng), w1 = random({units, in}, rng),
                 dz = random({rows, hidden}, rng);
    Tensor z({rows, hidden}), gw1({units, in});
    std::vector<Index> order(static_cast<std::size_t>(count));
    for (Index i = 0; i < count; ++i)
        order[static_cast<std::size_t>(i)] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<Index> offsets(static_cast<std::size_t>(rows));
    const auto median = [&](int kind, bool forward) {
        std::vector<double> times;
        for (Index call = 0; call < 2000; ++call) {
            for (Index r = 0; r < rows; ++r) {
                const Index next = (call * rows + r) % count;
                const Index row = kind == 0 ? r : kind == 1 ? order[std::size_t(next)] : next;
                offsets[static_cast<std::size_t>(r)] = row * in;
            }
            const GemmOperand x{data.data(), 0, 1, offsets.data()};
            times.push_back(seconds([&] {
                if (forward)
                    gemm(rows, units, in, x, {w1.data(), 1, in}, z.data(), hidden, false);
                else
                    gemm(units, in, rows, {dz.data(), 1, hidden}, x, gw1.data(), in, false);
            }));
        }
        std::nth_element(times.begin(), times.begin() + 1000, times.end());
        return times[1000] * 1e6;
    };
    std::printf("{\"forward_us_cached\": %.1f, \"forward_us_random\": %.1f, "
                "\"forward_us_consecutive\": %.1f, \"weight_grad_us_cached\": %.1f, "
                "\"weight_grad_us_random\": %.1f, \"weight_grad_us_consecutive\": %.1f}\n",
                median(0, true), median(1, true), median(2, true), median(0, false),
                median(1, false), median(2, false));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "batches") return batches();
    if (argc != 3) {
        std::fprintf(stderr, "usage: gradscope-bench-gemm HIDDEN THREADS | batches\n");
        return 2;
    }
    const Index hidden = std::atol(argv[1]);
    const int threads = std::atoi(argv[2]);
    if (hidden < 1 || hidden > 65536 || threads < 1) {
        std::fprintf(stderr, "HIDDEN must be 1 to 65536 and THREADS at least 1\n");
        return 2;
    }
    setThreadCount(threads);
    std::mt19937 rng(1);

    double peak = 0;
    for (const Index n : {Index(192), Index(384), Index(768)}) {
        const Tensor a = random({n, n}, rng), b = random({n, n}, rng);
        Tensor c({n, n});
        const int reps = int(std::max<Index>(1, Index(768 * 768 * 768) / (n * n * n)));
        for (int i = 0; i < 5; ++i) {
            const double t = seconds([&] {
                for (int r = 0; r < reps; ++r)
                    product(c.matrix(), a.matrix(), b.matrix());
            });
            peak = std::max(peak, 2.0 * double(reps) * double(n * n * n) / t / 1e9);
        }
    }

    const Index batch = 64, in = 784, out = 10, steps = 938;
    const Tensor x = random({batch, in}, rng), w1 = random({hidden, in}, rng),
                 w2 = random({out, hidden}, rng), g2 = random({batch, out}, rng),
                 g1 = random({batch, hidden}, rng);
    Tensor h({batch, hidden}), y({batch, out}), gw1({hidden, in}), gw2({out, hidden}),
        gh({batch, hidden});
    const auto step = [&] {
        product(h.matrix(), x.matrix(), w1.matrix().transpose());   // forward, layer 1
        product(y.matrix(), h.matrix(), w2.matrix().transpose());   // forward, layer 2
        product(gw2.matrix(), g2.matrix().transpose(), h.matrix()); // dL/dW2
        product(gh.matrix(), g2.matrix(), w2.matrix());             // dL/dh
        product(gw1.matrix(), g1.matrix().transpose(), x.matrix()); // dL/dW1
    };
    step();
    const double epoch = seconds([&] {
        for (Index s = 0; s < steps; ++s)
            step();
    });
    const double flops =
        2.0 * double(steps) * double(batch) * double(2 * in * hidden + 3 * hidden * out);
    std::printf("{\"hidden\": %lld, \"threads\": %d, \"peak_gflops\": %.1f, "
                "\"epoch_gemm_flops\": %.4g, \"epoch_gemm_seconds\": %.4f, "
                "\"epoch_gemm_seconds_at_peak\": %.4f}\n",
                static_cast<long long>(hidden), threads, peak, flops, epoch, flops / (peak * 1e9));
    return 0;
}
