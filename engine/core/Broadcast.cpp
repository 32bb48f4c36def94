#include "Broadcast.h"

namespace gs {

std::optional<Broadcast> broadcastMode(const Shape& operand, const Shape& out) {
    if (operand == out) return Broadcast::Full;
    if (operand.numel() == 1) return Broadcast::Scalar;
    const bool isRow = (operand.rank() == 1 && operand[0] == out.cols()) ||
                       (operand.rank() == 2 && operand[0] == 1 && operand[1] == out.cols());
    if (out.rank() >= 2 && isRow) return Broadcast::Row;
    if (out.rank() >= 2 && operand.rank() == 2 && operand[1] == 1 && operand[0] == out.rows())
        return Broadcast::Column;
    return std::nullopt;
}

std::optional<Shape> broadcastShape(const Shape& a, const Shape& b) {
    if (a == b) return a;
    // The larger operand gives the shape; the other must stretch to it.
    const Shape& big = a.numel() >= b.numel() ? a : b;
    const Shape& small = a.numel() >= b.numel() ? b : a;
    if (broadcastMode(small, big)) return big;
    return std::nullopt;
}

Strides broadcastStrides(Broadcast mode, Index cols) {
    switch (mode) {
    case Broadcast::Full:
        return {cols, 1};
    case Broadcast::Scalar:
        return {0, 0};
    case Broadcast::Row:
        return {0, 1};
    case Broadcast::Column:
        return {1, 0};
    }
    return {cols, 1};
}

void reduceToShape(const Tensor& grad, const Shape& operandShape, Broadcast mode, Tensor& out) {
    out.resize(operandShape);
    const auto g = grad.matrix();
    switch (mode) {
    case Broadcast::Full:
        out.array() = grad.array();
        break;
    case Broadcast::Scalar:
        out[0] = grad.array().sum();
        break;
    case Broadcast::Row:
        Eigen::Map<Eigen::Matrix<Scalar, 1, Eigen::Dynamic>>(out.data(), g.cols()) =
            g.colwise().sum();
        break;
    case Broadcast::Column:
        Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>(out.data(), g.rows()) =
            g.rowwise().sum();
        break;
    }
}

} // namespace gs
