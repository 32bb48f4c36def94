// Histograms for the distributions view: every finite value counted once, in the right bin,
// the ends included; NaN and ±∞ counted apart; a constant tensor and an empty one.
#include "TestUtil.h"
#include "train/Histogram.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace gs;
using test::tensor;

class TestHistogram : public QObject {
    Q_OBJECT
private slots:
    void binsSplitTheRange() {
        const Histogram h = histogram(tensor({6}, {-1, -0.5, 0, 0.2, 0.5, 1}), 4);
        QCOMPARE(h.low, -1.0);
        QCOMPARE(h.high, 1.0);
        QCOMPARE(h.total, Index(6));
        // [-1, -0.5) [-0.5, 0) [0, 0.5) [0.5, 1]
        QCOMPARE(h.counts, (std::vector<std::uint32_t>{1, 1, 2, 2}));
        QCOMPARE(h.nearZero, 1.0 / 6);
    }

    void nonFiniteValuesAreCountedApart() {
        const Histogram h = histogram(tensor({4}, {1, NAN, INFINITY, 3}), 2);
        QCOMPARE(h.nonFinite, Index(2));
        QCOMPARE(h.total, Index(2));
        QCOMPARE(h.counts, (std::vector<std::uint32_t>{1, 1}));
    }

    void constantAndEmpty() {
        const Histogram c = histogram(tensor({3}, {2, 2, 2}), 5);
        QCOMPARE(c.low, 1.5);
        QCOMPARE(c.high, 2.5);
        QCOMPARE(c.counts[2], std::uint32_t(3));
        const Histogram e = histogram(Tensor(), 5);
        QCOMPARE(e.total, Index(0));
        QCOMPARE(std::accumulate(e.counts.begin(), e.counts.end(), 0u), 0u);
        QCOMPARE(e.percentiles[4], 0.0);
    }

    // The percentiles, against a sort and numpy's linear rule, on shuffled values with NaN
    // among them (left out), and on 0 … 100 where they are the percentages themselves.
    void percentilesAreLinearBetweenNeighbours() {
        std::vector<Scalar> hundred(101);
        std::iota(hundred.begin(), hundred.end(), Scalar(0));
        std::mt19937 rng(3);
        std::shuffle(hundred.begin(), hundred.end(), rng);
        const Histogram h = histogram(hundred.data(), Index(hundred.size()), 10);
        for (int k = 0; k < Histogram::kBands; ++k)
            QVERIFY2(std::abs(h.percentiles[std::size_t(k)] - kPercentiles[std::size_t(k)]) < 1e-9,
                     qPrintable(QString::number(h.percentiles[std::size_t(k)])));
        std::vector<Scalar> values;
        std::normal_distribution<float> normal(2, 3);
        for (int i = 0; i < 777; ++i)
            values.push_back(i % 50 == 0 ? std::nanf("") : normal(rng));
        const Histogram g = histogram(values.data(), Index(values.size()), 10);
        std::vector<double> sorted;
        for (const Scalar v : values)
            if (std::isfinite(v)) sorted.push_back(v);
        std::sort(sorted.begin(), sorted.end());
        for (int k = 0; k < Histogram::kBands; ++k) {
            const double at = kPercentiles[std::size_t(k)] / 100 * double(sorted.size() - 1);
            const auto i = std::size_t(at);
            const double expected =
                sorted[i] + (sorted[std::min(i + 1, sorted.size() - 1)] - sorted[i]) * (at - i);
            QVERIFY2(std::abs(g.percentiles[std::size_t(k)] - expected) < 1e-9,
                     qPrintable(QString("%1: %2, expected %3")
                                    .arg(kPercentiles[std::size_t(k)])
                                    .arg(g.percentiles[std::size_t(k)])
                                    .arg(expected)));
        }
        QCOMPARE(g.percentiles[0], sorted.front());
        QCOMPARE(g.percentiles[8], sorted.back());
    }
};

QTEST_APPLESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
