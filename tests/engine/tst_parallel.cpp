// The engine's threads (core/Parallel.h): every part runs once, nested and concurrent calls
// finish, and the kernels that split their work give the same bits on any number of threads,
// down to whole training steps of the MNIST networks.
#include "TestUtil.h"
#include "core/Gemm.h"
#include "core/Parallel.h"
#include "train/Experiment.h"
#include "train/Trainer.h"

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <thread>

#if defined(__linux__)
#include <sched.h>
#endif

using namespace gs;

namespace {

// Restores the thread count a test changed.
struct ThreadCountGuard {
    int saved = threadCount();
    ~ThreadCountGuard() { setThreadCount(saved); }
};

bool sameBits(const Tensor& a, const Tensor& b) {
    return a.shape() == b.shape() &&
           std::memcmp(a.data(), b.data(), sizeof(Scalar) * std::size_t(a.numel())) == 0;
}

// Where two tensors first differ, for a failure message.
std::string firstDifference(const Tensor& a, const Tensor& b) {
    if (!(a.shape() == b.shape())) return "shapes " + a.shape().str() + " and " + b.shape().str();
    for (Index i = 0; i < a.numel(); ++i)
        if (std::memcmp(a.data() + i, b.data() + i, sizeof(Scalar)) != 0)
            return "element " + std::to_string(i) + ": " + std::to_string(a[i]) + " and " +
                   std::to_string(b[i]);
    return "none";
}

// Random images and labels in the shape of MNIST's, without the files.
Dataset randomImages(Index samples, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Dataset d;
    d.name = "random digits";
    d.inputs = test::randomTensor({samples, 1, 28, 28}, rng);
    d.classes = 10;
    for (Index i = 0; i < samples; ++i)
        d.labels.push_back(int(rng() % 10));
    return d;
}

// The parameters after `steps` steps of `layers` on `data` with `threads` threads, and the
// test-set accuracy the evaluation pass finds after them.
struct Run {
    std::vector<Tensor> parameters;
    double testAccuracy = 0;
};
Run train(const std::vector<LayerSpec>& layers, const TrainConfig& config, const Dataset& data,
          long steps, int threads) {
    setThreadCount(threads);
    Sequential model(layers, 5);
    Trainer trainer(model, data, &data, config);
    trainer.runSteps(steps);
    Run run;
    for (const Parameter* p : model.parameters())
        run.parameters.push_back(p->value);
    run.testAccuracy = trainer.evaluate(data).accuracy;
    return run;
}

} // namespace

class TestParallel : public QObject {
    Q_OBJECT
private slots:
    void threadCountIsClamped() {
        const ThreadCountGuard guard;
        setThreadCount(0);
        QCOMPARE(threadCount(), hardwareThreads());
        setThreadCount(-3);
        QCOMPARE(threadCount(), hardwareThreads());
        setThreadCount(3);
        QCOMPARE(threadCount(), 3);
        setThreadCount(100000);
        QCOMPARE(threadCount(), kMaxThreads);
        setThreadCount(1);
        QCOMPARE(threadCount(), 1);
    }

    // A process allowed fewer processors than the machine has (taskset, a container's CPU set)
    // counts only those.
    void hardwareThreadsFollowTheAffinity() {
#if defined(__linux__)
        cpu_set_t saved;
        QCOMPARE(sched_getaffinity(0, sizeof saved, &saved), 0);
        cpu_set_t one;
        CPU_ZERO(&one);
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            if (CPU_ISSET(cpu, &saved)) {
                CPU_SET(cpu, &one);
                break;
            }
        QCOMPARE(sched_setaffinity(0, sizeof one, &one), 0);
        const int counted = hardwareThreads();
        QCOMPARE(sched_setaffinity(0, sizeof saved, &saved), 0);
        QCOMPARE(counted, 1);
        QCOMPARE(hardwareThreads(), std::min(CPU_COUNT(&saved), kMaxThreads));
#else
        QSKIP("CPU affinity is read on Linux only");
#endif
    }

    // Every index in exactly one range, ranges aligned, at most kPartsPerThread per thread.
    void parallelForCoversEveryIndexOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<qlonglong>("count");
        QTest::addColumn<qlonglong>("grain");
        QTest::addColumn<qlonglong>("align");
        QTest::newRow("1 thread") << 1 << 1000LL << 10LL << 1LL;
        QTest::newRow("2 threads") << 2 << 1000LL << 10LL << 16LL;
        QTest::newRow("3 threads, odd count") << 3 << 1001LL << 1LL << 32LL;
        QTest::newRow("7 threads, fewer units than threads") << 7 << 40LL << 1LL << 16LL;
        QTest::newRow("4 threads, grain allows 2") << 4 << 100LL << 50LL << 1LL;
        QTest::newRow("5 threads, count 1") << 5 << 1LL << 1LL << 1LL;
        QTest::newRow("5 threads, count 0") << 5 << 0LL << 1LL << 1LL;
    }
    void parallelForCoversEveryIndexOnce() {
        QFETCH(int, threads);
        QFETCH(qlonglong, count);
        QFETCH(qlonglong, grain);
        QFETCH(qlonglong, align);
        const ThreadCountGuard guard;
        setThreadCount(threads);
        std::vector<std::atomic<int>> hits(static_cast<std::size_t>(count));
        std::atomic<int> ranges{0};
        std::atomic<bool> misaligned{false};
        parallelFor(count, grain, align, [&](Index begin, Index end) {
            ++ranges;
            if (begin % align != 0) misaligned = true;
            for (Index i = begin; i < end; ++i)
                ++hits[static_cast<std::size_t>(i)];
        });
        for (Index i = 0; i < count; ++i)
            QVERIFY2(hits[static_cast<std::size_t>(i)] == 1, qPrintable(QString::number(i)));
        QVERIFY(!misaligned);
        QVERIFY(ranges <= std::max(1, threads * kPartsPerThread));
        QCOMPARE(ranges.load() > 1, partsFor(count, grain) > 1 && count > align);
    }

    // A part that splits work again, and two threads splitting at once: both finish, every
    // part runs once (the inner and the second caller's parts on their own threads, in turn).
    void nestedAndConcurrentCallsFinish() {
        const ThreadCountGuard guard;
        setThreadCount(4);
        std::atomic<int> inner{0};
        runParts(4, [&](int) { runParts(3, [&](int) { ++inner; }); });
        QCOMPARE(inner.load(), 12);

        std::atomic<long> total{0};
        const auto work = [&] {
            for (int i = 0; i < 200; ++i)
                parallelFor(1000, 1, 1, [&](Index begin, Index end) { total += end - begin; });
        };
        std::thread other(work);
        work();
        other.join();
        QCOMPARE(total.load(), 2L * 200 * 1000);
    }

    // A part that throws (a std::bad_alloc in a convolution's buffer, say) reaches the caller
    // once the other parts are done, on any number of threads, and the pool works on.
    void anExceptionInAPartReachesTheCaller() {
        const ThreadCountGuard guard;
        for (const int threads : {1, 2, 4}) {
            setThreadCount(threads);
            std::atomic<int> ran{0};
            bool caught = false;
            try {
                runParts(8, [&](int part) {
                    ++ran;
                    if (part == 5) throw std::runtime_error("part 5 failed");
                });
            } catch (const std::runtime_error& e) {
                caught = QByteArray(e.what()) == "part 5 failed";
            }
            QVERIFY2(caught, qPrintable(QString("%1 threads").arg(threads)));
            QVERIFY(ran >= 6); // on one thread the parts after 5 do not run
            std::atomic<int> after{0};
            runParts(8, [&](int) { ++after; });
            QCOMPARE(after.load(), 8);
        }
    }

    // gemm() split across threads gives the bits of one thread: the operand layouts the ops use
    // (transposed, accumulated, rows at offsets), at sizes on both sides of the split.
    void gemmGivesTheSameBitsOnAnyThreads_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("transposeB");
        QTest::addColumn<bool>("accumulate");
        QTest::newRow("linear forward 64×1024×784, Bᵀ") << 64 << 1024 << 784 << true << false;
        QTest::newRow("weight gradient 1024×784×64") << 1024 << 784 << 64 << false << false;
        QTest::newRow("odd 97×1333×91, accumulate") << 97 << 1333 << 91 << false << true;
        QTest::newRow("tall 1500×20×300 (split by rows)") << 1500 << 20 << 300 << true << false;
        QTest::newRow("below the split 8×8×8") << 8 << 8 << 8 << false << false;
    }
    void gemmGivesTheSameBitsOnAnyThreads() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(bool, transposeB);
        QFETCH(bool, accumulate);
        const ThreadCountGuard guard;
        // The rows above 8×8×8 are large enough to be split.
        QCOMPARE(Index(m) * n * k >= kParallelProduct, m > 8);
        std::mt19937_64 rng(42);
        const Tensor a = test::randomTensor({m, k}, rng);
        const Tensor b = test::randomTensor(transposeB ? Shape{n, k} : Shape{k, n}, rng);
        const Tensor start = test::randomTensor({m, n}, rng);
        // Rows of A through an offset table, as a convolution reads its image: reversed.
        std::vector<Index> offsets(static_cast<std::size_t>(m));
        for (Index r = 0; r < m; ++r)
            offsets[static_cast<std::size_t>(r)] = (m - 1 - r) * k;
        const GemmOperand bOperand =
            transposeB ? GemmOperand{b.data(), 1, k} : GemmOperand{b.data(), n};
        // Each kernel this processor has: the portable loops, AVX2 and AVX-512.
        const GemmKernels best = bestGemmKernels();
        for (int kernel = 0; kernel <= int(best); ++kernel) {
            const GemmKernels kernels = useGemmKernels(GemmKernels(kernel));
            for (const bool viaOffsets : {false, true}) {
                GemmOperand aOperand{a.data(), k};
                if (viaOffsets) aOperand.rowOffsets = offsets.data();
                std::vector<Tensor> results;
                for (const int threads : {1, 2, 3, 8}) {
                    setThreadCount(threads);
                    Tensor c = start;
                    gemm(m, n, k, aOperand, bOperand, c.data(), n, accumulate);
                    results.push_back(std::move(c));
                }
                for (std::size_t i = 1; i < results.size(); ++i)
                    QVERIFY2(sameBits(results[0], results[i]),
                             qPrintable(QString("%1, %2: %3")
                                            .arg(gemmKernelsName(kernels))
                                            .arg(viaOffsets ? "rows at offsets" : "rows in order")
                                            .arg(QString::fromStdString(
                                                firstDifference(results[0], results[i])))));
            }
        }
        useGemmKernels(best);
    }

    // Whole training steps, with the evaluation pass after them: the same parameters, bit for
    // bit, on 1, 2 and 3 threads, for the networks whose kernels split (MNIST's CNN and a wide
    // MLP with tanh, batches large enough to split the elementwise passes, and parameters large
    // enough to split the optimizer's step).
    void trainingStepsGiveTheSameBitsOnAnyThreads_data() {
        QTest::addColumn<QString>("network");
        QTest::newRow("mnist-cnn preset") << "mnist-cnn";
        QTest::newRow("784-1024-10 tanh MLP, Adam, batch 512") << "wide";
        QTest::newRow("784-1024-10 tanh MLP, RMSprop centred, momentum, weight decay")
            << "wide-rmsprop";
    }
    void trainingStepsGiveTheSameBitsOnAnyThreads() {
        QFETCH(QString, network);
        const ThreadCountGuard guard;
        const Dataset data = randomImages(600, 9);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        if (network.startsWith("wide")) {
            layers = {LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(784, 1024),
                      LayerSpec::of(Activation::Tanh), LayerSpec::linear(1024, 10)};
            config.loss = LossKind::CrossEntropy;
            config.optimizer = *OptimizerConfig::fromName(network == "wide" ? "adam" : "rmsprop");
            config.optimizer.learningRate = Scalar(1e-3);
            if (network == "wide-rmsprop") {
                config.optimizer.centered = true;
                config.optimizer.momentum = Scalar(0.9);
                config.optimizer.weightDecay = Scalar(1e-3);
            }
            config.batchSize = 512; // 512 × 1024 activations: split in two
            config.seed = 3;
        } else {
            const Experiment* preset = findPreset(network.toStdString());
            QVERIFY(preset);
            layers = preset->layers;
            config = preset->train;
        }
        const Run one = train(layers, config, data, 5, 1);
        for (const int threads : {2, 3}) {
            const Run many = train(layers, config, data, 5, threads);
            QCOMPARE(many.parameters.size(), one.parameters.size());
            for (std::size_t i = 0; i < one.parameters.size(); ++i)
                QVERIFY2(sameBits(one.parameters[i], many.parameters[i]),
                         qPrintable(QString("%1 threads, parameter %2: %3")
                                        .arg(threads)
                                        .arg(i)
                                        .arg(QString::fromStdString(firstDifference(
                                            one.parameters[i], many.parameters[i])))));
            QCOMPARE(many.testAccuracy, one.testAccuracy);
        }
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "tst_parallel.moc"
