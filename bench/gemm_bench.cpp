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
//
//   gradscope-bench-gemm together
//
// `together`: what two threads cost each other when each runs such a part (the two products
// and, between them, dL/dZ made from Z as a ReLU would), 2,000 times with fresh random rows:
// median microseconds on one thread alone (alone_us); the same thread alone with Z and dL/dZ in
// [64, 128] buffers, its 64 columns of each row (alone_side_by_side_us: the control for the
// wider stride); on two threads at once, each with its own weights, gradient, row order and
// buffers, sharing only the read-only data set (together_us: the slower thread's); both at once
// in the shared [64, 128] buffers, each thread writing its own 64 columns of every row side by
// side with the other's (side_by_side_us: no byte written by both, but neighbouring cache
// lines). Each is measured twice, in one order and then the reverse, and the two medians
// averaged. Last, the median round trip of one cache line handed between the two threads
// (round_trip_ns: how fast the cores exchange data at this moment).
//
//   gradscope-bench-gemm roundtrip
//
// The round trip alone (under a tenth of a second), to log the cores' state right beside other
// runs.
#include "core/Gemm.h"
#include "core/Parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string_view>
#include <thread>
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

// One thread's part for `together`: its own weights, gradient and row order over `data`, and
// its 64 columns of Z, in a buffer of its own or side by side with the other part's in one
// [64, 128] buffer (what the unit split's parts wrote before they had buffers of their own).
struct PartWork {
    static constexpr Index rows = 64, in = 784, units = 64, hidden = 128, calls = 2000;
    Tensor w1, dz, z{{rows, units}}, dzOwn{{rows, units}}, gw1{{units, in}};
    std::vector<Index> order, offsets = std::vector<Index>(std::size_t(rows));
    std::vector<double> times;

    PartWork(Index count, std::mt19937& rng)
        : w1(random({units, in}, rng))
        , dz(random({rows, units}, rng))
        , order(std::size_t(count)) {
        for (Index i = 0; i < count; ++i)
            order[std::size_t(i)] = i;
        std::shuffle(order.begin(), order.end(), rng);
    }
    // The median microseconds of `calls` pairs of products, fresh random rows for each, Z's
    // and dL/dZ's columns at `zp` and `dzp` with rows `ld` apart.
    double run(const Tensor& data, Scalar* zp, Scalar* dzp, Index ld) {
        const Index count = Index(order.size());
        times.clear();
        for (Index call = 0; call < calls; ++call) {
            for (Index r = 0; r < rows; ++r)
                offsets[std::size_t(r)] = order[std::size_t((call * rows + r) % count)] * in;
            const GemmOperand x{data.data(), 0, 1, offsets.data()};
            times.push_back(seconds([&] {
                gemm(rows, units, in, x, {w1.data(), 1, in}, zp, ld, false);
                for (Index r = 0; r < rows; ++r) // dL/dZ, as a ReLU's would be made
                    for (Index u = 0; u < units; ++u)
                        dzp[r * ld + u] = zp[r * ld + u] > 0 ? dz[r * units + u] : Scalar(0);
                gemm(units, in, rows, {dzp, 1, ld}, x, gw1.data(), in, false);
            }));
        }
        std::nth_element(times.begin(), times.begin() + calls / 2, times.end());
        return times[std::size_t(calls / 2)] * 1e6;
    }
};

// The median round trip, in nanoseconds, of one cache line handed back and forth between two
// threads (20 rounds of 10,000): how fast the cores exchange data at this moment.
double roundTripNs() {
    struct alignas(128) Ball { // a pair of cache lines of its own
        std::atomic<long> value = 0;
    } ball;
    constexpr long trips = 10000;
    std::vector<double> rounds;
    std::thread partner([&] {
        for (long n = 0; n < 20 * trips; ++n) {
            while (ball.value.load(std::memory_order_acquire) != 2 * n + 1) {
            }
            ball.value.store(2 * n + 2, std::memory_order_release);
        }
    });
    for (int round = 0; round < 20; ++round)
        rounds.push_back(seconds([&] {
            for (long n = round * trips; n < (round + 1) * trips; ++n) {
                ball.value.store(2 * n + 1, std::memory_order_release);
                while (ball.value.load(std::memory_order_acquire) != 2 * n + 2) {
                }
            }
        }));
    partner.join();
    std::nth_element(rounds.begin(), rounds.begin() + 10, rounds.end());
    return rounds[10] / double(trips) * 1e9;
}

// The `together` measurement (see the top of the file).
int together() {
    setThreadCount(1); // each gemm on the thread that calls it
    std::mt19937 rng(2);
    const Index count = 60000;
    const Tensor data = random({count, PartWork::in}, rng);
    PartWork first(count, rng), second(count, rng);
    Tensor z({PartWork::rows, PartWork::hidden}), dz({PartWork::rows, PartWork::hidden});
    const auto run = [&](PartWork& part, int p, bool sideBySide) {
        const Index u0 = p * PartWork::units;
        return sideBySide ? part.run(data, z.data() + u0, dz.data() + u0, PartWork::hidden)
                          : part.run(data, part.z.data(), part.dzOwn.data(), PartWork::units);
    };
    // Both parts at once: the slower one's median.
    const auto both = [&](bool sideBySide) {
        std::atomic<bool> go = false;
        double other = 0;
        std::thread helper([&] {
            while (!go.load(std::memory_order_acquire)) {
            }
            other = run(second, 1, sideBySide);
        });
        go.store(true, std::memory_order_release);
        const double mine = run(first, 0, sideBySide);
        helper.join();
        return std::max(mine, other);
    };
    // Each measurement twice, the second pass in the opposite order (so that neither is always
    // the later one while the machine warms or its state changes); the mean of the two.
    double alone = 0, aloneSideBySide = 0, own = 0, sideBySide = 0;
    const std::function<void()> steps[] = {
        [&] { alone += run(first, 0, false) / 2; },
        [&] { aloneSideBySide += run(first, 0, true) / 2; },
        [&] { own += both(false) / 2; },
        [&] { sideBySide += both(true) / 2; },
    };
    for (const auto& step : steps)
        step();
    for (auto step = std::rbegin(steps); step != std::rend(steps); ++step)
        (*step)();
    std::printf("{\"alone_us\": %.1f, \"alone_side_by_side_us\": %.1f, \"together_us\": %.1f, "
                "\"side_by_side_us\": %.1f, \"round_trip_ns\": %.0f}\n",
                alone, aloneSideBySide, own, sideBySide, roundTripNs());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string_view(argv[1]) == "batches") return batches();
    if (argc == 2 && std::string_view(argv[1]) == "together") return together();
    if (argc == 2 && std::string_view(argv[1]) == "roundtrip") {
        std::printf("{\"round_trip_ns\": %.0f}\n", roundTripNs());
        return 0;
    }
    if (argc != 3) {
        std::fprintf(
            stderr,
            "usage: gradscope-bench-gemm HIDDEN THREADS | batches | together | roundtrip\n");
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
