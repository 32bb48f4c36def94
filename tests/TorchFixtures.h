// Reading the PyTorch fixture files in tests/fixtures (made by scripts/gen_*_fixtures.py).
#pragma once

#include "core/Tensor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gs::test {

inline QJsonObject loadFixture(const char* name) {
    QFile file(QStringLiteral(GRADSCOPE_FIXTURES "/") + QString::fromUtf8(name));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// {"shape": [...], "data": [...]} -> Tensor
inline Tensor tensorFromJson(const QJsonObject& o) {
    std::vector<Index> dims;
    for (const auto& d : o["shape"].toArray())
        dims.push_back(d.toInteger());
    std::vector<Scalar> values;
    for (const auto& v : o["data"].toArray())
        values.push_back(static_cast<Scalar>(v.toDouble()));
    return Tensor(Shape::fromVector(dims), std::move(values));
}

// max |a − b| / max(|b|, floor), the floor 1e-3 of the tensor's largest magnitude, so that an
// element that cancels to almost zero does not demand more digits than the inputs carry.
inline double relativeError(const Tensor& actual, const Tensor& expected) {
    if (actual.shape() != expected.shape()) return INFINITY;
    const double scale = expected.numel() ? double(expected.array().abs().maxCoeff()) : 0.0;
    const double floor = std::max(1e-3 * scale, 1e-12);
    double worst = 0;
    for (Index i = 0; i < actual.numel(); ++i) {
        const double b = expected[i];
        worst = std::max(worst, std::abs(double(actual[i]) - b) / std::max(std::abs(b), floor));
    }
    return worst;
}

} // namespace gs::test
