// The engine's threads (core/Parallel.h): every part runs once, nested and concurrent calls
// finish, and the kernels that split their work give the same bits on any number of threads,
// down to whole training steps of the MNIST networks.
#include "TestUtil.h"
#include "core/Gemm.h"
#include "core/Parallel.h"
#include "data/Toy.h"
#include "train/Experiment.h"
#include "train/Trainer.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <limits>
#include <set>
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

// Random rows of 300 features and three regression targets: flat samples, no Flatten layer.
Dataset randomTable(Index samples, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Dataset d;
    d.name = "random table";
    d.inputs = test::randomTensor({samples, 300}, rng);
    d.targets = test::randomTensor({samples, 3}, rng);
    return d;
}

// The parameters after `steps` steps of `layers` on `data` with `threads` threads, and the
// test-set accuracy the evaluation pass finds after them.
struct Run {
    std::vector<Tensor> parameters;
    double testAccuracy = 0;
    std::vector<int> shards; // each step's (Trainer::lastStepShards)
    std::vector<int> units;  // each step's (Trainer::lastStepUnitParts)
    std::vector<Tensor> initial;
    std::vector<EpochReport> epochs;
};
// How a run's steps may be split across the threads: not at all (the app's steps), by rows
// only (data-parallel shards), or by units where the network begins as an MLP, else by rows.
enum class SplitBy { None, Rows, Units };
Run train(const std::vector<LayerSpec>& layers, const TrainConfig& config, const Dataset& data,
          long steps, int threads, SplitBy split = SplitBy::None) {
    setThreadCount(threads);
    Sequential model(layers, 5);
    Trainer trainer(model, data, &data, config);
    trainer.setDataParallel(split != SplitBy::None);
    trainer.setSplitByUnits(split == SplitBy::Units);
    Run run;
    trainer.setEpochObserver([&run](const EpochReport& r) { run.epochs.push_back(r); });
    for (const Parameter* p : model.parameters())
        run.initial.push_back(p->value);
    for (long s = 0; s < steps; ++s) {
        trainer.step();
        run.shards.push_back(trainer.lastStepShards());
        run.units.push_back(trainer.lastStepUnitParts());
    }
    for (const Parameter* p : model.parameters())
        run.parameters.push_back(p->value);
    run.testAccuracy = trainer.evaluate(data).accuracy;
    return run;
}

// ‖a − b‖ / ‖b − from‖: how far a is from b, against how far b has moved from `from`.
double relativeDifference(const Tensor& a, const Tensor& b, const Tensor& from) {
    double apart = 0, moved = 0;
    for (Index i = 0; i < a.numel(); ++i) {
        apart += std::pow(double(a[i]) - double(b[i]), 2);
        moved += std::pow(double(b[i]) - double(from[i]), 2);
    }
    return std::sqrt(apart / std::max(moved, 1e-300));
}

// Two runs split on `threads` threads (a, b) against one thread's: the epochs' mean loss and
// accuracy count every row once; a and b have the same bits; each parameter is within 1e-4 of
// one thread's, measured against how far it moved (Adam divides by the gradient's own size,
// so a gradient summed to nearly 0 moves by a rounding's worth more or less; seen: up to 2e-6
// with SGD, 2e-5 with Adam).
void compareWithOneThread(const Run& one, const Run& a, const Run& b, int threads) {
    QCOMPARE(a.epochs.size(), one.epochs.size());
    for (std::size_t e = 0; e < one.epochs.size(); ++e) {
        QVERIFY(std::abs(a.epochs[e].trainLoss - one.epochs[e].trainLoss) <=
                1e-5 * one.epochs[e].trainLoss);
        QVERIFY(std::abs(a.epochs[e].trainAccuracy - one.epochs[e].trainAccuracy) <= 2.0 / 1000);
    }
    QCOMPARE(a.parameters.size(), one.parameters.size());
    for (std::size_t i = 0; i < one.parameters.size(); ++i) {
        QVERIFY2(sameBits(a.parameters[i], b.parameters[i]),
                 qPrintable(QString("%1 threads, parameter %2 differs between two runs: %3")
                                .arg(threads)
                                .arg(i)
                                .arg(QString::fromStdString(
                                    firstDifference(a.parameters[i], b.parameters[i])))));
        const double d = relativeDifference(a.parameters[i], one.parameters[i], one.initial[i]);
        QVERIFY2(
            d < 1e-4,
            qPrintable(
                QString("%1 threads, parameter %2: %3 of its move").arg(threads).arg(i).arg(d)));
    }
}

// The layers and settings of a network the tests train: a preset's, or a wide MLP's.
void networkFor(const QString& network, std::vector<LayerSpec>& layers, TrainConfig& config) {
    if (network.startsWith("wide")) {
        layers = {LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(784, 1024),
                  LayerSpec::of(Activation::Tanh), LayerSpec::linear(1024, 10)};
        config.loss = LossKind::CrossEntropy;
        config.optimizer =
            *OptimizerConfig::fromName(network == "wide-rmsprop" ? "rmsprop" : "adam");
        config.optimizer.learningRate = Scalar(1e-3);
        if (network == "wide-rmsprop") {
            config.optimizer.centered = true;
            config.optimizer.momentum = Scalar(0.9);
            config.optimizer.weightDecay = Scalar(1e-3);
        }
        config.batchSize = 512; // 512 × 1024 activations: split in two
        config.seed = 3;
        return;
    }
    if (network == "tabular") { // 100 units: blocks of 16 do not divide it; no first bias
        layers = {LayerSpec::linear(300, 100), LayerSpec::of(Activation::Sigmoid),
                  LayerSpec::linear(100, 3)};
        layers[0].bias = false;
        config.loss = LossKind::MSE;
        config.optimizer = *OptimizerConfig::fromName("sgd");
        config.optimizer.learningRate = Scalar(0.05);
        config.batchSize = 128;
        config.seed = 6;
        return;
    }
    if (network == "gelu-mse") { // 96 units: three parts of 32 on three threads, two of 48
        layers = {LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(784, 96),
                  LayerSpec::of(Activation::Gelu), LayerSpec::linear(96, 10)};
        layers[3].bias = false;
        config.loss = LossKind::MSE;
        config.optimizer = *OptimizerConfig::fromName("sgd");
        config.optimizer.momentum = Scalar(0.9);
        config.optimizer.learningRate = Scalar(0.02);
        config.batchSize = 64;
        config.seed = 4;
        return;
    }
    // "mnist-mlp-256": the preset with batches of 256 (32-row shards do not pay: shardsFor).
    const bool batch256 = network.endsWith("-256");
    const Experiment* preset = findPreset((batch256 ? network.chopped(4) : network).toStdString());
    QVERIFY(preset);
    layers = preset->layers;
    config = preset->train;
    if (batch256) config.batchSize = 256;
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

    // Every part runs exactly once, up to 16 parts (claimed from a mask, each first by its own
    // thread) and beyond (claimed from a counter), on teams smaller and larger than the job.
    void everyPartRunsOnce() {
        const ThreadCountGuard guard;
        for (const int threads : {2, 3, 5}) {
            setThreadCount(threads);
            for (int parts = 2; parts <= 40; ++parts) {
                std::vector<std::atomic<int>> runs(static_cast<std::size_t>(parts));
                for (int repeat = 0; repeat < 20; ++repeat)
                    runParts(parts, [&](int part) { ++runs[static_cast<std::size_t>(part)]; });
                for (int part = 0; part < parts; ++part)
                    QVERIFY2(runs[static_cast<std::size_t>(part)] == 20,
                             qPrintable(QString("%1 threads, part %2 of %3")
                                            .arg(threads)
                                            .arg(part)
                                            .arg(parts)));
            }
        }
    }

    // Part p goes to thread p mod the team (the caller is thread 0) whenever that thread is
    // there to take it, so a job split the same way keeps each part's data in one core's cache
    // (the unit split's weights); a worker that owns no part (more threads than parts) takes
    // none. Here the parts wait until all have started: every owner is inside its part at once,
    // nobody else can take one, and the mapping is the same every time. (The wait gives up
    // after a minute, so that a pool that ran the parts one after another fails, not hangs.)
    void partsGoToTheirOwnThreads() {
        const ThreadCountGuard guard;
        for (const auto& [team, job] : {std::pair(2, 2), std::pair(3, 3), std::pair(3, 2)}) {
            const int threads = team, parts = job; // (clang 14: no structured bindings in lambdas)
            setThreadCount(threads);
            const QString where = QString("%1 parts on %2 threads").arg(parts).arg(threads);
            std::vector<std::thread::id> first;
            for (int repeat = 0; repeat < 20; ++repeat) {
                std::vector<std::thread::id> ran(static_cast<std::size_t>(parts));
                std::atomic<int> started{0};
                const auto giveUp = std::chrono::steady_clock::now() + std::chrono::minutes(1);
                runParts(parts, [&](int part) {
                    ran[static_cast<std::size_t>(part)] = std::this_thread::get_id();
                    ++started;
                    while (started.load() < parts && std::chrono::steady_clock::now() < giveUp)
                        std::this_thread::yield();
                });
                QVERIFY2(started == parts, qPrintable(where));
                QVERIFY2(ran[0] == std::this_thread::get_id(), qPrintable(where));
                QVERIFY2(std::set(ran.begin(), ran.end()).size() == std::size_t(parts),
                         qPrintable(where));
                if (first.empty()) first = ran;
                QVERIFY2(ran == first, qPrintable(QString("%1, repeat %2").arg(where).arg(repeat)));
            }
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
        networkFor(network, layers, config);
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

    // parallelRanges: exactly the parts asked for, whether or not they divide the count.
    void parallelRangesGivesThePartsAskedFor() {
        const ThreadCountGuard guard;
        setThreadCount(3);
        for (const Index count : {Index(100352), Index(100353), Index(802816), Index(33)})
            for (const int parts : {2, 3, 6}) {
                std::atomic<int> ranges{0};
                std::atomic<Index> covered{0};
                parallelRanges(count, parts, 16, [&](Index begin, Index end) {
                    ++ranges;
                    covered += end - begin;
                    QVERIFY(begin % 16 == 0);
                });
                QCOMPARE(covered.load(), count);
                QCOMPARE(ranges.load(), std::min<int>(parts, int((count + 15) / 16)));
            }
    }

    // Data-parallel steps (Trainer::setDataParallel): each thread takes a shard of the batch.
    // Its steps equal one thread's within float32 rounding, give the same bits again for the
    // same thread count, and split uneven batches (256 rows in three, the epochs' last batches
    // of 232, 40 and 488 rows) by their rows.
    void dataParallelStepsEqualOneThreadWithinRounding_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<long>("steps");
        QTest::newRow("784-128-10 MLP, batch 256, two epochs (1000 = 3 · 256 + 232)")
            << "mnist-mlp-256" << 8L;
        QTest::newRow("mnist-cnn preset") << "mnist-cnn" << 4L;
        QTest::newRow("784-1024-10 tanh MLP, Adam, batch 512") << "wide" << 3L;
    }
    void dataParallelStepsEqualOneThreadWithinRounding() {
        QFETCH(QString, network);
        QFETCH(long, steps);
        const ThreadCountGuard guard;
        const Dataset data = randomImages(1000, 9);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor(network, layers, config);
        const Run one = train(layers, config, data, steps, 1, SplitBy::Rows);
        QVERIFY(std::all_of(one.shards.begin(), one.shards.end(), [](int s) { return s == 1; }));
        for (const int threads : {2, 3}) {
            const Run a = train(layers, config, data, steps, threads, SplitBy::Rows);
            const Run b = train(layers, config, data, steps, threads, SplitBy::Rows);
            // Every step was split, one shard per thread (fewer where the last batch is small).
            for (const int shards : a.shards)
                QVERIFY(shards > 1 && shards <= threads);
            QCOMPARE(a.shards.front(), threads);
            compareWithOneThread(one, a, b, threads);
        }
    }

    // Where a shard would not compute its rows as the whole batch does (batch norm, dropout),
    // with a penalty, below the work that pays, or unless asked for, the batch is not split.
    void dataParallelOnlyWhereItHolds_data() {
        QTest::addColumn<QString>("what");
        QTest::newRow("not asked for") << "off";
        QTest::newRow("dropout") << "dropout";
        QTest::newRow("batch norm") << "batchnorm";
        QTest::newRow("L2 penalty") << "l2";
        QTest::newRow("a toy network") << "toy";
        QTest::newRow("784-128-10 MLP in 32-row shards") << "mnist-mlp";
        QTest::newRow("a traced step") << "trace";
    }
    void dataParallelOnlyWhereItHolds() {
        QFETCH(QString, what);
        const ThreadCountGuard guard;
        setThreadCount(2);
        Dataset data = randomImages(300, 4);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor("mnist-mlp-256", layers, config);
        if (what == "dropout") layers.insert(layers.begin() + 3, LayerSpec::dropout(Scalar(0.2)));
        if (what == "batchnorm")
            layers.insert(layers.begin() + 2, LayerSpec::norm(LayerKind::BatchNorm1d, 128));
        if (what == "l2") config.regularization.l2 = Scalar(1e-4);
        if (what == "mnist-mlp") config.batchSize = 64;
        if (what == "toy") {
            ToyConfig toy;
            toy.kind = ToyKind::Circles;
            toy.samples = 200;
            data = makeToyDataset(toy);
            layers = {LayerSpec::linear(2, 8), LayerSpec::of(Activation::Tanh),
                      LayerSpec::linear(8, 2)};
            config.batchSize = 64;
        }
        Sequential model(layers, 5);
        Trainer trainer(model, data, nullptr, config);
        trainer.setDataParallel(what != "off");
        trainer.setSplitByUnits(false);
        trainer.step();
        // The control: the same network as it stands splits its next untraced step.
        const bool splits = what == "trace";
        QCOMPARE(trainer.lastStepShards(), splits ? 2 : 1);
        if (what == "trace") {
            StepTrace trace;
            trainer.step(&trace);
            QCOMPARE(trainer.lastStepShards(), 1);
        }
    }

    // A NaN in the second shard's rows (row 200 of 256): the step is refused as on one thread,
    // naming the node where it began (the whole batch's graph looks for it), and nothing changes.
    void aNaNInAShardIsFoundOnTheWholeBatch() {
        const ThreadCountGuard guard;
        setThreadCount(2);
        Dataset data = randomImages(512, 6);
        data.inputs[200 * 784 + 300] = std::numeric_limits<Scalar>::quiet_NaN();
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor("mnist-mlp-256", layers, config);
        config.shuffle = false;
        Sequential model(layers, 5);
        std::vector<Tensor> before;
        for (const Parameter* p : model.parameters())
            before.push_back(p->value);
        {
            // The control: the same network on the data without the NaN splits its step.
            Dataset clean = randomImages(512, 6);
            Sequential other(layers, 5);
            Trainer control(other, clean, nullptr, config);
            control.setDataParallel(true);
            control.setSplitByUnits(false);
            control.step();
            QCOMPARE(control.lastStepShards(), 2);
        }
        Trainer trainer(model, data, nullptr, config);
        trainer.setDataParallel(true);
        trainer.setSplitByUnits(false);
        bool refused = false;
        try {
            trainer.step();
        } catch (const TrainingError& e) {
            refused = true;
            QVERIFY2(e.origin() != nullptr, e.what());
        }
        QVERIFY(refused);
        QCOMPARE(trainer.steps(), 0L);
        for (std::size_t i = 0; i < before.size(); ++i) {
            QVERIFY(sameBits(model.parameters()[i]->value, before[i]));
            QCOMPARE(model.parameters()[i]->grad.largestMagnitude(), Scalar(0)); // as made
        }
        // Past the refused batch, as on one thread: the next one is rows 256 to 511.
        QCOMPARE(trainer.nextBatch().labels,
                 std::vector<int>(data.labels.begin() + 256, data.labels.end()));
    }

    // A shard that throws (a label past the classes, in the second shard's rows): the error
    // reaches the caller, and the loader has moved past the batch, as on one thread.
    void aShardThatThrowsLeavesTheBatchBehind() {
        const ThreadCountGuard guard;
        setThreadCount(2);
        Dataset data = randomImages(512, 6);
        data.labels[200] = 12;
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor("mnist-mlp-256", layers, config);
        config.shuffle = false;
        std::vector<int> labels[2];
        for (const bool split : {false, true}) {
            Sequential model(layers, 5);
            Trainer trainer(model, data, nullptr, config);
            trainer.setDataParallel(split);
            trainer.setSplitByUnits(false);
            QVERIFY_THROWS_EXCEPTION(Error, trainer.step());
            QCOMPARE(trainer.steps(), 0L);
            labels[split] = trainer.nextBatch().labels;
        }
        QCOMPARE(labels[1], labels[0]);
        QCOMPARE(labels[1].size(), std::size_t(256));
    }
    // Steps split by units (Trainer::setSplitByUnits): each thread computes a range of the
    // hidden layer's units with the whole batch. Its steps equal one thread's within float32
    // rounding, give the same bits again for the same thread count, split the epoch's short last
    // batch too (1000 = 15 · 64 + 40), and leave what follows the head (mnist-mlp-deep's second
    // ReLU and last layer, the loss) to the graph.
    void unitSplitStepsEqualOneThreadWithinRounding_data() {
        QTest::addColumn<QString>("network");
        QTest::addColumn<long>("steps");
        QTest::newRow("mnist-mlp preset, batch 64, past an epoch") << "mnist-mlp" << 20L;
        QTest::newRow("mnist-mlp-deep preset (784-128-64-10)") << "mnist-mlp-deep" << 6L;
        QTest::newRow("784-1024-10 tanh MLP, Adam, batch 512") << "wide" << 3L;
        QTest::newRow("784-96-10 GELU, no second bias, MSE, momentum") << "gelu-mse" << 6L;
        QTest::newRow(
            "300-100-3 sigmoid regression, flat rows, no first bias (1000 = 7 · 128 + 104)")
            << "tabular" << 9L;
        QTest::newRow("mnist-mlp on the portable kernels (the batch copied once)")
            << "mnist-mlp-portable" << 4L;
    }
    void unitSplitStepsEqualOneThreadWithinRounding() {
        QFETCH(QString, network);
        QFETCH(long, steps);
        const ThreadCountGuard guard;
        const Dataset data = network == "tabular" ? randomTable(1000, 9) : randomImages(1000, 9);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        const bool portable = network.endsWith("-portable");
        networkFor(portable ? network.chopped(9) : network, layers, config);
        const GemmKernels best = gemmKernels();
        struct Restore {
            GemmKernels kernels;
            ~Restore() { useGemmKernels(kernels); }
        } restore{best};
        if (portable) useGemmKernels(GemmKernels::Portable);
        const Run one = train(layers, config, data, steps, 1, SplitBy::Units);
        QVERIFY(std::all_of(one.units.begin(), one.units.end(), [](int u) { return u == 1; }));
        for (const int threads : {2, 3}) {
            const Run a = train(layers, config, data, steps, threads, SplitBy::Units);
            const Run b = train(layers, config, data, steps, threads, SplitBy::Units);
            for (std::size_t s = 0; s < a.units.size(); ++s) {
                QVERIFY2(a.units[s] > 1 && a.units[s] <= threads,
                         qPrintable(QString("%1 threads, step %2: %3 parts")
                                        .arg(threads)
                                        .arg(s + 1)
                                        .arg(a.units[s])));
                QCOMPARE(a.shards[s], 1);
            }
            QCOMPARE(a.units.front(), threads);
            compareWithOneThread(one, a, b, threads);
        }
    }

    // Where the network does not begin as an MLP's head, where its rows are not independent,
    // with a penalty, a traced step, too little work, or unless asked for, the units are not
    // split (a CNN's batch is split by rows instead).
    void unitSplitOnlyWhereItHolds_data() {
        QTest::addColumn<QString>("what");
        QTest::newRow("data-parallel steps off") << "off";
        QTest::newRow("split by rows only") << "rows";
        QTest::newRow("L2 penalty") << "l2";
        QTest::newRow("dropout after the head") << "dropout";
        QTest::newRow("a layer norm between the linear layers") << "layernorm";
        QTest::newRow("a second weight of 256 × 128") << "wide-second";
        QTest::newRow("a toy network") << "toy";
        QTest::newRow("mnist-cnn (split by rows)") << "cnn";
        QTest::newRow("a traced step") << "trace";
    }
    void unitSplitOnlyWhereItHolds() {
        QFETCH(QString, what);
        const ThreadCountGuard guard;
        setThreadCount(2);
        Dataset data = randomImages(300, 4);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor(what == "cnn" ? "mnist-cnn" : "mnist-mlp", layers, config);
        if (what == "l2") config.regularization.l2 = Scalar(1e-4);
        if (what == "dropout") layers.push_back(LayerSpec::dropout(Scalar(0.2)));
        if (what == "layernorm")
            layers.insert(layers.begin() + 2, LayerSpec::norm(LayerKind::LayerNorm, 128));
        if (what == "wide-second")
            layers = {LayerSpec::of(LayerKind::Flatten), LayerSpec::linear(784, 256),
                      LayerSpec::of(Activation::Relu),   LayerSpec::linear(256, 128),
                      LayerSpec::of(Activation::Relu),   LayerSpec::linear(128, 10)};
        if (what == "toy") {
            ToyConfig toy;
            toy.kind = ToyKind::Circles;
            toy.samples = 200;
            data = makeToyDataset(toy);
            layers = {LayerSpec::linear(2, 64), LayerSpec::of(Activation::Tanh),
                      LayerSpec::linear(64, 2)};
        }
        Sequential model(layers, 5);
        Trainer trainer(model, data, nullptr, config);
        trainer.setDataParallel(what != "off");
        trainer.setSplitByUnits(what != "rows");
        trainer.step();
        // The control: the mnist-mlp preset as it stands splits its next untraced step.
        QCOMPARE(trainer.lastStepUnitParts(), what == "trace" ? 2 : 1);
        if (what == "cnn") QCOMPARE(trainer.lastStepShards(), 2);
        if (what == "trace") {
            StepTrace trace;
            trainer.step(&trace);
            QCOMPARE(trainer.lastStepUnitParts(), 1);
        }
    }

    // The activations a step split by units shows the detectors are the hidden layer's for the
    // whole batch, every part's units: those of a graph's pass over the same batch and weights;
    // its layer statistics are those of the whole gradients.
    void aStepSplitByUnitsShowsTheWholeHiddenLayer() {
        const ThreadCountGuard guard;
        setThreadCount(2);
        const Dataset data = randomImages(300, 5);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor("mnist-mlp-deep", layers, config);
        Sequential model(layers, 5);
        Trainer trainer(model, data, nullptr, config);
        trainer.setDataParallel(true);
        trainer.setCollectLayerStats(true);
        const Batch batch = trainer.nextBatch();
        Graph graph;
        std::vector<Var> outputs;
        model.forward(graph, graph.input(batch.inputs, "x"), true, &outputs);
        const StepReport report = trainer.step();
        QCOMPARE(trainer.lastStepUnitParts(), 2);
        // The layer statistics, summed by the parts over their rows of the first weight: each
        // weight's gradient norm and update ratio.
        QCOMPARE(report.layers.size(), std::size_t(3));
        const std::vector<Parameter*>& parameters = trainer.optimizer().parameters();
        const auto squares = [](const Tensor& t) {
            double sum = 0;
            for (Index i = 0; i < t.numel(); ++i)
                sum += double(t[i]) * double(t[i]);
            return sum;
        };
        for (const LayerStats& s : report.layers) {
            const Parameter& w = *model.weight(s.layer);
            const double grad = std::sqrt(squares(w.grad));
            QVERIFY2(
                std::abs(s.gradientNorm - grad) <= 1e-5 * grad,
                qPrintable(
                    QString("layer %1: %2, not %3").arg(s.layer).arg(s.gradientNorm).arg(grad)));
            const auto at = std::find(parameters.begin(), parameters.end(), &w);
            QVERIFY(at != parameters.end());
            const Tensor& update =
                trainer.optimizer().state(std::size_t(at - parameters.begin())).lastUpdate;
            const double ratio = std::sqrt(squares(update) / squares(w.value));
            QVERIFY(ratio > 0);
            QVERIFY2(std::abs(s.updateRatio - ratio) <= 1e-5 * ratio,
                     qPrintable(QString("layer %1: update ratio %2, not %3")
                                    .arg(s.layer)
                                    .arg(s.updateRatio)
                                    .arg(ratio)));
        }
        // Then every batch of the epoch, the last one short (300 = 4 · 64 + 44 rows), with
        // three parts, one (the graph's step) and two again: each step's activations are its
        // own batch's, whatever the step before was split into.
        const std::vector<int> threads = {2, 3, 3, 1, 2};
        for (std::size_t step = 0; step < threads.size(); ++step) {
            if (step > 0) {
                setThreadCount(threads[step]);
                const Batch next = trainer.nextBatch();
                graph.reset();
                outputs.clear();
                model.forward(graph, graph.input(next.inputs, "x"), true, &outputs);
                trainer.step();
                QCOMPARE(trainer.lastStepUnitParts(), threads[step]);
            }
            QCOMPARE(outputs[2].value().shape()[0], Index(step + 1 < threads.size() ? 64 : 44));
            std::vector<LayerActivation> seen;
            trainer.stepActivations(seen);
            QCOMPARE(seen.size(), std::size_t(2)); // both ReLU layers: the head's, the graph's
            for (const LayerActivation& a : seen) {
                QCOMPARE(a.op, OpKind::Relu);
                QVERIFY(a.layer == 2 || a.layer == 4);
                const Tensor& expected = outputs[std::size_t(a.layer)].value();
                QCOMPARE(a.value->shape(), expected.shape());
                double largest = 0;
                for (Index i = 0; i < expected.numel(); ++i)
                    largest =
                        std::max(largest, std::abs(double((*a.value)[i]) - double(expected[i])));
                QVERIFY2(largest <= 1e-5 * std::max(1.0, double(expected.largestMagnitude())),
                         qPrintable(QString("step %1, layer %2: %3 apart")
                                        .arg(step)
                                        .arg(a.layer)
                                        .arg(largest)));
            }
        }
    }

    // A NaN in the batch: the step split by units is refused as on one thread, naming where
    // the NaN began (the whole batch's graph looks for it); nothing changes; the loader is past
    // the batch. A label past the classes throws, and also leaves the batch behind.
    void aStepSplitByUnitsRefusesAsOneThreadDoes() {
        const ThreadCountGuard guard;
        setThreadCount(2);
        std::vector<LayerSpec> layers;
        TrainConfig config;
        networkFor("mnist-mlp", layers, config);
        config.shuffle = false;
        {
            // The control: the same network on the data without the NaN splits its step.
            const Dataset clean = randomImages(256, 6);
            Sequential model(layers, 5);
            Trainer control(model, clean, nullptr, config);
            control.setDataParallel(true);
            control.step();
            QCOMPARE(control.lastStepUnitParts(), 2);
        }
        Dataset data = randomImages(256, 6);
        data.inputs[20 * 784 + 300] = std::numeric_limits<Scalar>::quiet_NaN();
        Sequential model(layers, 5);
        std::vector<Tensor> before;
        for (const Parameter* p : model.parameters())
            before.push_back(p->value);
        Trainer trainer(model, data, nullptr, config);
        trainer.setDataParallel(true);
        bool refused = false;
        try {
            trainer.step();
        } catch (const TrainingError& e) {
            refused = true;
            QVERIFY2(e.origin() != nullptr, e.what());
        }
        QVERIFY(refused);
        QCOMPARE(trainer.steps(), 0L);
        for (std::size_t i = 0; i < before.size(); ++i)
            QVERIFY(sameBits(model.parameters()[i]->value, before[i]));
        QCOMPARE(trainer.nextBatch().labels,
                 std::vector<int>(data.labels.begin() + 64, data.labels.begin() + 128));

        // A loss far past the first step's (inputs 10⁶ times larger) is refused before any
        // gradient changes: they stay those of the last step taken.
        data = randomImages(256, 6);
        {
            Sequential other(layers, 5);
            Trainer t(other, data, nullptr, config);
            t.setDataParallel(true);
            t.step();
            QCOMPARE(t.lastStepUnitParts(), 2);
            std::vector<Tensor> grads;
            for (const Parameter* p : other.parameters())
                grads.push_back(p->grad);
            for (Index i = 64 * 784; i < 128 * 784; ++i)
                data.inputs[i] *= Scalar(1e6);
            QVERIFY_THROWS_EXCEPTION(TrainingError, t.step());
            QCOMPARE(t.steps(), 1L);
            for (std::size_t i = 0; i < grads.size(); ++i)
                QVERIFY(sameBits(other.parameters()[i]->grad, grads[i]));
            QCOMPARE(t.nextBatch().labels.front(), data.labels[128]);
        }
        data = randomImages(256, 6);
        data.labels[20] = 12;
        std::vector<int> labels[2];
        for (const bool split : {false, true}) {
            Sequential other(layers, 5);
            Trainer t(other, data, nullptr, config);
            t.setDataParallel(split);
            QVERIFY_THROWS_EXCEPTION(Error, t.step());
            QCOMPARE(t.steps(), 0L);
            labels[split] = t.nextBatch().labels;
        }
        QCOMPARE(labels[1], labels[0]);
        QCOMPARE(labels[1].front(), data.labels[64]);
    }

    // Optimizer::step with ranges aligned per parameter (a step split by units updates W1 by
    // whole rows of units): Adam's weights and buffers, the same bits as one range each.
    void optimizerStepsGiveTheSameBitsWhateverTheRanges() {
        const ThreadCountGuard guard;
        setThreadCount(3);
        std::mt19937_64 rng(3);
        std::vector<Tensor> values, grads;
        for (const Shape& s : {Shape{96, 784}, Shape{96}, Shape{10, 96}}) {
            values.push_back(test::randomTensor(s, rng));
            grads.push_back(test::randomTensor(s, rng));
        }
        std::vector<Tensor> results[2];
        for (const int way : {0, 1}) {
            std::vector<std::unique_ptr<Parameter>> owned;
            std::vector<Parameter*> parameters;
            for (std::size_t i = 0; i < values.size(); ++i) {
                owned.push_back(std::make_unique<Parameter>());
                owned.back()->name = std::to_string(i);
                owned.back()->value = values[i];
                parameters.push_back(owned.back().get());
            }
            OptimizerConfig c = *OptimizerConfig::fromName("adam");
            c.learningRate = Scalar(1e-2);
            Optimizer optimizer(parameters, c);
            const std::vector<Index> align = {16 * 784, 0, 0};
            for (int step = 0; step < 3; ++step) {
                for (std::size_t i = 0; i < values.size(); ++i)
                    parameters[i]->grad = grads[i];
                if (way == 0)
                    optimizer.step(Index(1) << 30);
                else
                    optimizer.step(kParallelElements, 3, align);
            }
            for (const Parameter* p : parameters)
                results[way].push_back(p->value);
            for (std::size_t i = 0; i < parameters.size(); ++i)
                for (const auto& [name, buffer] : optimizer.state(i).buffers)
                    results[way].push_back(buffer);
        }
        QCOMPARE(results[1].size(), results[0].size());
        for (std::size_t i = 0; i < results[0].size(); ++i)
            QVERIFY2(
                sameBits(results[0][i], results[1][i]),
                qPrintable(QString::fromStdString(firstDifference(results[0][i], results[1][i]))));
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "tst_parallel.moc"
