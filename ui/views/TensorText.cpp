#include "TensorText.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace gs::ui {

namespace {

// The words of a tensor's summary (lupdate reads the macro).
struct TensorText {
    Q_DECLARE_TR_FUNCTIONS(gs::ui::TensorText)
};

} // namespace

double tensorNorm(const Tensor& t) {
    double squares = 0;
    for (Index i = 0; i < t.numel(); ++i)
        squares += double(t[i]) * double(t[i]);
    return std::sqrt(squares);
}

QString tensorText(const Tensor& t, Index fullUpTo) {
    if (t.numel() == 0) return QStringLiteral("—");
    const QString shape = QString::fromStdString(t.shape().str());
    if (t.numel() <= fullUpTo) {
        QStringList values;
        for (Index i = 0; i < t.numel(); ++i)
            values << QString::number(double(t[i]), 'g', 5);
        return shape + QStringLiteral(" [") + values.join(QStringLiteral(", ")) +
               QStringLiteral("]");
    }
    double low = 1e300, high = -1e300, sum = 0;
    for (Index i = 0; i < t.numel(); ++i) {
        const double v = t[i];
        low = std::min(low, v);
        high = std::max(high, v);
        sum += v;
    }
    //: A big tensor's summary: its shape, then its smallest, mean and largest entry and its norm.
    return TensorText::tr("%1: min %2, mean %3, max %4, ‖·‖ %5")
        .arg(shape)
        .arg(low, 0, 'g', 4)
        .arg(sum / double(t.numel()), 0, 'g', 4)
        .arg(high, 0, 'g', 4)
        .arg(tensorNorm(t), 0, 'g', 4);
}

QString exactText(double value) {
    return QString::number(value, 'g', 7);
}

std::vector<Index> multiIndex(const Shape& shape, Index flat) {
    std::vector<Index> index(std::size_t(shape.rank()), 0);
    for (int axis = shape.rank() - 1; axis >= 0; --axis) {
        const Index size = std::max<Index>(1, shape[axis]);
        index[std::size_t(axis)] = flat % size;
        flat /= size;
    }
    return index;
}

QString indexText(const Shape& shape, Index flat) {
    QStringList parts;
    for (Index i : multiIndex(shape, flat))
        parts << QString::number(i);
    return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

Index flatIndex(const Shape& shape, const std::vector<Index>& index) {
    if (int(index.size()) != shape.rank()) return -1;
    Index flat = 0;
    for (int axis = 0; axis < shape.rank(); ++axis) {
        const Index i = index[std::size_t(axis)];
        if (i < 0 || i >= shape[axis]) return -1;
        flat = flat * shape[axis] + i;
    }
    return flat;
}

} // namespace gs::ui
