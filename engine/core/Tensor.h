// Tensor: a contiguous buffer of Scalars with a shape of up to four dimensions, batch first.
//
// The engine's maths views a tensor as an Eigen matrix: rows = the first dimension (the batch),
// cols = the product of the rest. `Scalar` is float in the normal build and double in the
// `gradscope_engine_f64` build used for finite-difference checks (see engine/CMakeLists.txt).
// Tensors always live in host memory: a compute backend (backend/Backend.h) keeps its own
// buffers and copies to and from tensors.
#pragma once

#include "Allocator.h"
#include "Errors.h"
#include "Scalar.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace gs {

// A shape of rank 0 (a scalar) to 4 (NCHW). Fixed capacity so that shapes never allocate.
class Shape {
public:
    static constexpr int kMaxRank = 4;

    Shape() = default;
    Shape(std::initializer_list<Index> dims);
    static Shape fromVector(const std::vector<Index>& dims);

    int rank() const { return m_rank; }
    Index operator[](int axis) const { return m_dims[static_cast<std::size_t>(axis)]; }
    Index numel() const;
    // First dimension (1 for a scalar) and the product of the others: the matrix view.
    Index rows() const { return m_rank == 0 ? 1 : m_dims[0]; }
    Index cols() const;
    std::vector<Index> toVector() const;
    std::string str() const; // "[64, 784]"

    bool operator==(const Shape& other) const;
    bool operator!=(const Shape& other) const { return !(*this == other); }

private:
    std::array<Index, kMaxRank> m_dims{};
    int m_rank = 0;
};

using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
using ArrayMap = Eigen::Map<Array>;
using ConstArrayMap = Eigen::Map<const Array>;

// Storage aligned to 64 bytes (core/Allocator.h): every tensor then starts at the same
// alignment, so Eigen's vectorised loops split their work the same way on every run and the
// same seed gives the same numbers bit for bit. (With malloc's 16-byte alignment a sum could
// round differently depending on where its buffer happened to land.) Large buffers get huge
// pages.
using Storage = std::vector<Scalar, TensorAllocator<Scalar>>;

class Tensor {
public:
    Tensor() = default; // empty: shape [0]
    explicit Tensor(const Shape& shape, Scalar fill = 0);
    Tensor(const Shape& shape, std::vector<Scalar> values);

    static Tensor zeros(const Shape& shape) { return Tensor(shape, Scalar(0)); }
    static Tensor ones(const Shape& shape) { return Tensor(shape, Scalar(1)); }
    static Tensor scalar(Scalar value) { return Tensor(Shape{}, value); }

    const Shape& shape() const { return m_shape; }
    int rank() const { return m_shape.rank(); }
    Index numel() const { return m_shape.numel(); }
    Index rows() const { return m_shape.rows(); }
    Index cols() const { return m_shape.cols(); }
    bool empty() const { return m_data.empty(); }

    Scalar* data() { return m_data.data(); }
    const Scalar* data() const { return m_data.data(); }
    Scalar& operator[](Index i) { return m_data[static_cast<std::size_t>(i)]; }
    Scalar operator[](Index i) const { return m_data[static_cast<std::size_t>(i)]; }
    const Storage& values() const { return m_data; }

    // The only value of a one-element tensor; throws ShapeError otherwise.
    Scalar item() const;

    // Changes the shape, keeping the buffer's capacity so that recycled tensors do not
    // allocate once shapes are stable. Contents are unspecified afterwards.
    void resize(const Shape& shape);
    // Same shape, every element set to `value`.
    void fill(Scalar value);
    // The largest |element| (0 when empty): +inf if any element is infinite, NaN if any is NaN.
    // One pass over the bits, for the trainer's divergence checks after every step.
    Scalar largestMagnitude() const;
    // Reinterprets the same elements under a new shape with equal numel.
    void reshape(const Shape& shape);

    MatrixMap matrix() { return {m_data.data(), rows(), cols()}; }
    ConstMatrixMap matrix() const { return {m_data.data(), rows(), cols()}; }
    ArrayMap array() { return {m_data.data(), numel()}; }
    ConstArrayMap array() const { return {m_data.data(), numel()}; }

private:
    Shape m_shape{0}; // a default tensor holds nothing: shape [0], not a scalar
    Storage m_data;
};

// Tensor::largestMagnitude of `count` elements at `data`.
Scalar largestMagnitude(const Scalar* data, Index count);

} // namespace gs
