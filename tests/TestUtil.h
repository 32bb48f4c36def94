// Small helpers shared by the engine tests.
#pragma once

#include "core/Graph.h"

#include <QTest>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace gs::test {

inline Tensor tensor(const Shape& shape, std::vector<double> values) {
    std::vector<Scalar> v(values.begin(), values.end());
    return Tensor(shape, std::move(v));
}

inline Tensor randomTensor(const Shape& shape, std::mt19937_64& rng, double lo = -1,
                           double hi = 1) {
    std::uniform_real_distribution<double> dist(lo, hi);
    Tensor t(shape);
    for (Index i = 0; i < t.numel(); ++i)
        t[i] = static_cast<Scalar>(dist(rng));
    return t;
}

// Elementwise |a - b| <= tol·max(1, |b|); reports the first mismatch with its index.
inline bool closeTo(const Tensor& actual, const std::vector<double>& expected, double tol,
                    std::string* why = nullptr) {
    if (actual.numel() != static_cast<Index>(expected.size())) {
        if (why)
            *why = "size " + std::to_string(actual.numel()) + " vs expected " +
                   std::to_string(expected.size());
        return false;
    }
    for (Index i = 0; i < actual.numel(); ++i) {
        const double a = actual[i];
        const double b = expected[static_cast<std::size_t>(i)];
        if (!(std::abs(a - b) <= tol * std::max(1.0, std::abs(b)))) {
            if (why)
                *why = "element " + std::to_string(i) + ": " + std::to_string(a) + " vs " +
                       std::to_string(b);
            return false;
        }
    }
    return true;
}

} // namespace gs::test

#define GS_COMPARE_TENSOR(actual, ...)                                                             \
    do {                                                                                           \
        std::string why_;                                                                          \
        if (!gs::test::closeTo((actual), std::vector<double> __VA_ARGS__, 1e-5, &why_))            \
            QFAIL(qPrintable(QString::fromStdString(#actual ": " + why_)));                        \
    } while (false)

// Runs `statement`, expects exception type `type` whose message contains every listed part.
#define GS_EXPECT_THROW_MSG(statement, type, ...)                                                  \
    do {                                                                                           \
        bool thrown_ = false;                                                                      \
        try {                                                                                      \
            statement;                                                                             \
        } catch (const type& e) {                                                                  \
            thrown_ = true;                                                                        \
            const std::string msg_ = e.what();                                                     \
            for (const std::string& part_ : std::initializer_list<std::string> __VA_ARGS__)        \
                if (msg_.find(part_) == std::string::npos)                                         \
                    QFAIL(qPrintable(QString("message lacks '%1': %2")                             \
                                         .arg(QString::fromStdString(part_), msg_.c_str())));      \
        }                                                                                          \
        if (!thrown_) QFAIL("expected " #type " from: " #statement);                               \
    } while (false)
