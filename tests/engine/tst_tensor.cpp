// Tensor and Shape: construction, views, resizing without reallocation, and bad shapes.
#include "TestUtil.h"
#include "core/Gemm.h"
#include "core/Tensor.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

Q_DECLARE_METATYPE(gs::GemmKernels)

using namespace gs;

class TestTensor : public QObject {
    Q_OBJECT
    // Each GEMM kernel: the portable loops, AVX2 and AVX-512 (skipped where the processor lacks
    // them).
    static void kernels_data() {
        QTest::addColumn<GemmKernels>("kernels");
        for (const GemmKernels k : {GemmKernels::Portable, GemmKernels::Avx2, GemmKernels::Avx512})
            QTest::newRow(gemmKernelsName(k)) << k;
    }
    // Selects the row's kernels; false (and the test skipped) where the processor lacks them.
    static bool useKernel() {
        QFETCH(GemmKernels, kernels);
        if (useGemmKernels(kernels) != kernels) {
            QTest::qSkip("this processor (or build) lacks these kernels", __FILE__, __LINE__);
            return false;
        }
        return true;
    }

private slots:
    void shapeBasics() {
        const Shape s{2, 3, 4};
        QCOMPARE(s.rank(), 3);
        QCOMPARE(s.numel(), Index(24));
        QCOMPARE(s.rows(), Index(2));
        QCOMPARE(s.cols(), Index(12));
        QCOMPARE(s.str(), std::string("[2, 3, 4]"));
        QCOMPARE(Shape{}.numel(), Index(1));
        QCOMPARE(Shape{}.str(), std::string("[]"));
        QVERIFY(Shape({2, 3}) == Shape::fromVector({2, 3}));
        QVERIFY(Shape({2, 3}) != Shape({3, 2}));
    }

    void badShapes() {
        GS_EXPECT_THROW_MSG(Shape({1, 2, 3, 4, 5}), ShapeError, {"at most 4"});
        GS_EXPECT_THROW_MSG(Shape({2, -1}), ShapeError, {"negative"});
        GS_EXPECT_THROW_MSG(Shape({1 << 20, 1 << 20}), ShapeError, {"too large"});
        GS_EXPECT_THROW_MSG(Tensor(Shape{2, 2}, std::vector<Scalar>{1, 2, 3}), ShapeError,
                            {"[2, 2]", "needs 4", "got 3"});
    }

    void matrixViewIsRowMajorBatchFirst() {
        Tensor t = test::tensor({2, 3}, {1, 2, 3, 4, 5, 6});
        QCOMPARE(t.matrix()(0, 2), Scalar(3));
        QCOMPARE(t.matrix()(1, 0), Scalar(4));
        Tensor image = test::tensor({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
        QCOMPARE(image.rows(), Index(2));
        QCOMPARE(image.cols(), Index(4));
        QCOMPARE(image.matrix()(1, 3), Scalar(8));
    }

    void itemNeedsOneElement() {
        QCOMPARE(Tensor::scalar(2.5).item(), Scalar(2.5));
        GS_EXPECT_THROW_MSG(Tensor(Shape{2}).item(), ShapeError, {"[2]"});
    }

    void resizeKeepsBuffer() {
        Tensor t(Shape{64, 128});
        const Scalar* before = t.data();
        t.resize({32, 128});
        t.resize({64, 128});
        QCOMPARE(t.data(), before);
        QCOMPARE(t.shape(), (Shape{64, 128}));
    }

    void cleanup() { useGemmKernels(bestGemmKernels()); }

    void productMatchesReference_data() { kernels_data(); }
    // product() (Gradscope's own GEMM in the float32 AVX2 build, Eigen otherwise) against a
    // double-precision triple loop: edge tiles in every dimension, k split into blocks,
    // transposed operands (read in place or packed), and accumulation.
    void productMatchesReference() {
        if (!useKernel()) return;
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(-1, 1);
        const Index sizes[] = {1, 5, 6, 7, 16, 17, 40, 129, 600};
        int checked = 0;
        for (Index m : sizes)
            for (Index n : sizes)
                for (Index k : sizes) {
                    if (m * n * k > 3'000'000) continue;
                    for (int variant = 0; variant < 4; ++variant) {
                        const bool ta = variant & 1, tb = variant & 2;
                        Tensor a(ta ? Shape{k, m} : Shape{m, k});
                        Tensor b(tb ? Shape{n, k} : Shape{k, n});
                        Tensor c(Shape{m, n});
                        for (Index i = 0; i < a.numel(); ++i)
                            a[i] = Scalar(u(rng));
                        for (Index i = 0; i < b.numel(); ++i)
                            b[i] = Scalar(u(rng));
                        for (Index i = 0; i < c.numel(); ++i)
                            c[i] = Scalar(u(rng));
                        const Tensor before = c;
                        const bool accumulate = (m + n + k) % 2 == 1;
                        const auto am = a.matrix();
                        const auto bm = b.matrix();
                        if (ta && tb)
                            product(c.matrix(), am.transpose(), bm.transpose(), accumulate);
                        else if (ta)
                            product(c.matrix(), am.transpose(), bm, accumulate);
                        else if (tb)
                            product(c.matrix(), am, bm.transpose(), accumulate);
                        else
                            product(c.matrix(), am, bm, accumulate);
                        for (Index i = 0; i < m; ++i)
                            for (Index j = 0; j < n; ++j) {
                                double want = accumulate ? double(before[i * n + j]) : 0.0;
                                double scale = 1;
                                for (Index p = 0; p < k; ++p) {
                                    const double x = ta ? am(p, i) : am(i, p);
                                    const double y = tb ? bm(j, p) : bm(p, j);
                                    want += x * y;
                                    scale += std::abs(x * y);
                                }
                                const double got = c[i * n + j];
                                if (std::abs(got - want) > 1e-5 * scale)
                                    QFAIL(qPrintable(QString("m %1 n %2 k %3 variant %4 at (%5, "
                                                             "%6): %7, want %8")
                                                         .arg(m)
                                                         .arg(n)
                                                         .arg(k)
                                                         .arg(variant)
                                                         .arg(i)
                                                         .arg(j)
                                                         .arg(got)
                                                         .arg(want)));
                            }
                        ++checked;
                    }
                }
        QVERIFY(checked > 2000);
    }

    void gemmReadsRowsThroughOffsets_data() { kernels_data(); }
    // gemm() with row-offset tables (how conv2d reads its column matrix out of the padded
    // image): rows of A and B at scattered, overlapping offsets into one buffer, against a
    // double-precision loop.
    void gemmReadsRowsThroughOffsets() {
        if (!useKernel()) return;
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(-1, 1);
        std::vector<Scalar> buffer(5000);
        for (Scalar& x : buffer)
            x = Scalar(u(rng));
        const Index sizes[] = {1, 7, 8, 9, 16, 17, 33, 300};
        int checked = 0;
        for (Index m : sizes)
            for (Index n : sizes)
                for (Index k : {Index(3), Index(25), Index(300)}) {
                    std::uniform_int_distribution<Index> aAt(0, Index(buffer.size()) - k);
                    std::uniform_int_distribution<Index> bAt(0, Index(buffer.size()) - n);
                    std::vector<Index> aRows(static_cast<std::size_t>(m));
                    std::vector<Index> bRows(static_cast<std::size_t>(k));
                    for (Index& r : aRows)
                        r = aAt(rng);
                    for (Index& r : bRows)
                        r = bAt(rng);
                    const GemmOperand a{buffer.data(), 0, 1, aRows.data()};
                    const GemmOperand b{buffer.data(), 0, 1, bRows.data()};
                    std::vector<Scalar> c(static_cast<std::size_t>(m * n));
                    gemm(m, n, k, a, b, c.data(), n, false);
                    for (Index i = 0; i < m; ++i)
                        for (Index j = 0; j < n; ++j) {
                            double want = 0, scale = 1;
                            for (Index p = 0; p < k; ++p) {
                                const double x = buffer[std::size_t(aRows[std::size_t(i)] + p)];
                                const double y = buffer[std::size_t(bRows[std::size_t(p)] + j)];
                                want += x * y;
                                scale += std::abs(x * y);
                            }
                            const double got = c[std::size_t(i * n + j)];
                            if (std::abs(got - want) > 1e-5 * scale)
                                QFAIL(qPrintable(QString("m %1 n %2 k %3 at (%4, %5): %6, want %7")
                                                     .arg(m)
                                                     .arg(n)
                                                     .arg(k)
                                                     .arg(i)
                                                     .arg(j)
                                                     .arg(got)
                                                     .arg(want)));
                        }
                    ++checked;
                }
        QCOMPARE(checked, 8 * 8 * 3);
    }

    void dotLanesMatchReference_data() { kernels_data(); }
    // dotLanes (a convolution's dL/dW as dot products kept in 16 lanes) against a
    // double-precision loop, over two calls (two samples) and folded: tiles of 3 × 8 and their
    // remainders in rows and columns, k with and without a partial chunk of 16.
    void dotLanesMatchReference() {
        if (!useKernel()) return;
        std::mt19937 rng(13);
        std::uniform_real_distribution<double> u(-1, 1);
        std::vector<Scalar> buffer(4000);
        for (Scalar& x : buffer)
            x = Scalar(u(rng));
        for (Index m : {Index(1), Index(3), Index(25), Index(7)})
            for (Index n : {Index(1), Index(8), Index(16), Index(11)})
                for (Index k : {Index(5), Index(16), Index(252), Index(900)}) {
                    std::uniform_int_distribution<Index> at(0, 4000 - k);
                    std::vector<Index> rows(static_cast<std::size_t>(m));
                    for (Index& r : rows)
                        r = at(rng);
                    const Index ldb = k + 3;
                    std::vector<Scalar> b1(static_cast<std::size_t>(n * ldb)), b2(b1.size());
                    for (std::size_t i = 0; i < b1.size(); ++i) {
                        b1[i] = Scalar(u(rng));
                        b2[i] = Scalar(u(rng));
                    }
                    std::vector<Scalar> lanes(static_cast<std::size_t>(m * n * 16), 0);
                    dotLanes(m, n, k, buffer.data(), rows.data(), b1.data(), ldb, lanes.data());
                    dotLanes(m, n, k, buffer.data(), rows.data(), b2.data(), ldb, lanes.data());
                    std::vector<Scalar> got(static_cast<std::size_t>(m * n));
                    foldLanes(m * n, lanes.data(), got.data());
                    for (Index r = 0; r < m; ++r)
                        for (Index j = 0; j < n; ++j) {
                            double want = 0, scale = 1;
                            for (const auto* b : {&b1, &b2})
                                for (Index p = 0; p < k; ++p) {
                                    const double x = buffer[std::size_t(rows[std::size_t(r)] + p)];
                                    const double y = (*b)[std::size_t(j * ldb + p)];
                                    want += x * y;
                                    scale += std::abs(x * y);
                                }
                            const double g = got[std::size_t(r * n + j)];
                            if (std::abs(g - want) > 1e-5 * scale)
                                QFAIL(qPrintable(QString("m %1 n %2 k %3 at (%4, %5): %6, want %7")
                                                     .arg(m)
                                                     .arg(n)
                                                     .arg(k)
                                                     .arg(r)
                                                     .arg(j)
                                                     .arg(g)
                                                     .arg(want)));
                        }
                }
    }

    // dotLanes gives the same bits with every kernel (each lane's sum in the same order).
    void dotLanesAgreeBitForBit() {
        if (bestGemmKernels() == GemmKernels::Portable) QSKIP("this processor has no AVX2");
        std::mt19937 rng(17);
        std::uniform_real_distribution<float> u(-1, 1);
        std::vector<Scalar> a(3000), b(16 * 300);
        for (Scalar& x : a)
            x = u(rng);
        for (Scalar& x : b)
            x = u(rng);
        const std::vector<Index> rows{0, 7, 100, 1000, 2500, 33, 64};
        for (Index n : {Index(8), Index(13)}) {
            std::vector<Scalar> portable(std::size_t(7 * n * 16), 0);
            useGemmKernels(GemmKernels::Portable);
            dotLanes(7, n, 290, a.data(), rows.data(), b.data(), 300, portable.data());
            for (int k = 1; k <= int(bestGemmKernels()); ++k) {
                std::vector<Scalar> lanes(portable.size(), 0);
                useGemmKernels(GemmKernels(k));
                dotLanes(7, n, 290, a.data(), rows.data(), b.data(), 300, lanes.data());
                QVERIFY2(
                    std::memcmp(lanes.data(), portable.data(), lanes.size() * sizeof(Scalar)) == 0,
                    gemmKernelsName(GemmKernels(k)));
            }
        }
    }

    // The AVX-512 and AVX2 kernels sum each element over the same blocks in the same order:
    // the same bits, so a run is reproducible across the two.
    void kernelsAgreeBitForBit() {
        if (useGemmKernels(GemmKernels::Avx512) != GemmKernels::Avx512)
            QSKIP("this processor has no AVX-512F");
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(-1, 1);
        for (Index m : {Index(8), Index(25), Index(64)})
            for (Index n : {Index(8), Index(16), Index(130)})
                for (Index k : {Index(25), Index(784)}) {
                    Tensor a(Shape{m, k}), b(Shape{k, n}), c512(Shape{m, n}), c2(Shape{m, n});
                    for (Index i = 0; i < a.numel(); ++i)
                        a[i] = u(rng);
                    for (Index i = 0; i < b.numel(); ++i)
                        b[i] = u(rng);
                    useGemmKernels(GemmKernels::Avx512);
                    gemm(m, n, k, {a.data(), k}, {b.data(), n}, c512.data(), n, false);
                    useGemmKernels(GemmKernels::Avx2);
                    gemm(m, n, k, {a.data(), k}, {b.data(), n}, c2.data(), n, false);
                    QVERIFY2(std::memcmp(c512.data(), c2.data(), sizeof(Scalar) * m * n) == 0,
                             qPrintable(QString("m %1 n %2 k %3").arg(m).arg(n).arg(k)));
                }
    }

    void layoutsAgreeBitForBit_data() { kernels_data(); }
    // How B is laid out and how many rows a tile has change no bit of C: B read in place
    // against the same B stored transposed (packed eight by eight in registers, with the tails
    // of k and of the columns one element at a time), and the first rows of a product against
    // the same rows computed alone (tiles of at most four rows run a kernel of four).
    void layoutsAgreeBitForBit() {
        if (!useKernel()) return;
        std::mt19937 rng(11);
        std::uniform_real_distribution<float> u(-1, 1);
        int checked = 0;
        for (Index m : {Index(6), Index(40), Index(64)})
            for (Index n : {Index(16), Index(17), Index(40), Index(64)})
                for (Index k : {Index(8), Index(129), Index(784)}) {
                    Tensor a(Shape{m, k}), b(Shape{k, n}), bt(Shape{n, k});
                    for (Index i = 0; i < a.numel(); ++i)
                        a[i] = u(rng);
                    for (Index p = 0; p < k; ++p)
                        for (Index j = 0; j < n; ++j)
                            bt[j * k + p] = b[p * n + j] = u(rng);
                    Tensor inPlace(Shape{m, n}), packed(Shape{m, n});
                    gemm(m, n, k, {a.data(), k}, {b.data(), n}, inPlace.data(), n, false);
                    gemm(m, n, k, {a.data(), k}, {bt.data(), 1, k}, packed.data(), n, false);
                    const QString where = QString("m %1 n %2 k %3").arg(m).arg(n).arg(k);
                    QVERIFY2(std::memcmp(inPlace.data(), packed.data(), sizeof(Scalar) * m * n) ==
                                 0,
                             qPrintable("transposed B: " + where));
                    for (Index rows = 1; rows <= 4; ++rows) {
                        Tensor alone(Shape{rows, n});
                        gemm(rows, n, k, {a.data(), k}, {bt.data(), 1, k}, alone.data(), n, false);
                        QVERIFY2(std::memcmp(alone.data(), inPlace.data(),
                                             sizeof(Scalar) * rows * n) == 0,
                                 qPrintable(QString("%1 rows alone: ").arg(rows) + where));
                    }
                    ++checked;
                }
        QCOMPARE(checked, 36);
    }

    // The largest |x|, with infinity above every number and NaN above infinity, over lengths
    // that are not whole vectors; with each kernel set (AVX2 and portable loops).
    void largestMagnitudeOrdersInfinityAndNaN_data() { kernels_data(); }
    void largestMagnitudeOrdersInfinityAndNaN() {
        if (!useKernel()) return;
        for (const Index n : {Index(1), Index(7), Index(33), Index(1000)}) {
            Tensor t(Shape{n});
            for (Index i = 0; i < n; ++i)
                t[i] = Scalar(i % 5) - Scalar(2.5);
            t[n - 1] = -Scalar(1e30);
            QCOMPARE(t.largestMagnitude(), Scalar(1e30));
            t[n / 2] = -std::numeric_limits<Scalar>::infinity();
            QCOMPARE(t.largestMagnitude(), std::numeric_limits<Scalar>::infinity());
            t[0] = std::numeric_limits<Scalar>::quiet_NaN();
            QVERIFY(std::isnan(t.largestMagnitude()));
        }
        QCOMPARE(Tensor(Shape{3}, -0.0f).largestMagnitude(), Scalar(0));
    }

    void reshapeChecksCount() {
        Tensor t = test::tensor({2, 3}, {1, 2, 3, 4, 5, 6});
        t.reshape({3, 2});
        QCOMPARE(t.shape(), (Shape{3, 2}));
        QCOMPARE(t[5], Scalar(6));
        GS_EXPECT_THROW_MSG(t.reshape({4, 2}), ShapeError, {"[3, 2]", "[4, 2]"});
    }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "tst_tensor.moc"
