// Histograms for the distributions view: every finite value counted once, in the right bin,
// the ends included; NaN and ±∞ counted apart; a constant tensor and an empty one.
#include "TestUtil.h"
#include "train/Histogram.h"

#include <numeric>

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
    }
};

QTEST_APPLESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
