#include "Tensor.h"

#include "Gemm.h" // which kernels are in use (AVX2 or not)
#include "Limits.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <sstream>
#include <type_traits>

namespace gs {

namespace {
// Guards against absurd shapes (a corrupt file, a typo) before they become huge allocations.
void checkDims(const Index* dims, int rank) {
    Index total = 1;
    for (int i = 0; i < rank; ++i) {
        if (dims[i] < 0)
            throw ShapeError(Engine::tr("shape has a negative dimension ({1})"), dims[i]);
        if (dims[i] > 0 && total > kMaxTensorElements / dims[i])
            throw ShapeError(Engine::tr("shape is too large: more than 2^31 elements (the limit "
                                        "of one tensor, docs/reliability.md)"));
        total *= dims[i];
    }
}
} // namespace

Shape::Shape(std::initializer_list<Index> dims) {
    if (dims.size() > kMaxRank)
        throw ShapeError(Engine::tr("tensors have at most 4 dimensions, got {1}"), dims.size());
    for (Index d : dims)
        m_dims[static_cast<std::size_t>(m_rank++)] = d;
    checkDims(m_dims.data(), m_rank);
}

Shape Shape::fromVector(const std::vector<Index>& dims) {
    if (dims.size() > kMaxRank)
        throw ShapeError(Engine::tr("tensors have at most 4 dimensions, got {1}"), dims.size());
    Shape s;
    for (Index d : dims)
        s.m_dims[static_cast<std::size_t>(s.m_rank++)] = d;
    checkDims(s.m_dims.data(), s.m_rank);
    return s;
}

Index Shape::numel() const {
    Index n = 1;
    for (int i = 0; i < m_rank; ++i)
        n *= m_dims[static_cast<std::size_t>(i)];
    return n;
}

Index Shape::cols() const {
    Index n = 1;
    for (int i = 1; i < m_rank; ++i)
        n *= m_dims[static_cast<std::size_t>(i)];
    return n;
}

std::vector<Index> Shape::toVector() const {
    return {m_dims.begin(), m_dims.begin() + m_rank};
}

std::string Shape::str() const {
    std::ostringstream out;
    out << '[';
    for (int i = 0; i < m_rank; ++i)
        out << (i ? ", " : "") << m_dims[static_cast<std::size_t>(i)];
    out << ']';
    return out.str();
}

bool Shape::operator==(const Shape& other) const {
    if (m_rank != other.m_rank) return false;
    for (int i = 0; i < m_rank; ++i)
        if (m_dims[static_cast<std::size_t>(i)] != other.m_dims[static_cast<std::size_t>(i)])
            return false;
    return true;
}

Tensor::Tensor(const Shape& shape, Scalar fill)
    : m_shape(shape)
    , m_data(static_cast<std::size_t>(shape.numel()), fill) {}

Tensor::Tensor(const Shape& shape, std::vector<Scalar> values)
    : m_shape(shape)
    , m_data(values.begin(), values.end()) {
    if (static_cast<Index>(m_data.size()) != shape.numel())
        throw ShapeError(Engine::tr("tensor of shape {1} needs {2} values, got {3}"), shape.str(),
                         shape.numel(), m_data.size());
}

Scalar Tensor::item() const {
    if (numel() != 1)
        throw ShapeError(Engine::tr("item() needs a tensor with one element, got shape {1}"),
                         m_shape.str());
    return m_data[0];
}

void Tensor::resize(const Shape& shape) {
    m_shape = shape;
    m_data.resize(static_cast<std::size_t>(shape.numel()));
}

void Tensor::fill(Scalar value) {
    std::fill(m_data.begin(), m_data.end(), value);
}

namespace {

// With the sign bit cleared, the bits of floats order as their magnitudes do, and those of NaN
// above those of infinity, so an integer maximum (which vectorises) finds both. Signed: with the
// sign bit clear the order is the same, and plain x86-64 (SSE2) can compare signed 32-bit
// integers four at a time but has no unsigned maximum.
using MagnitudeBits = std::conditional_t<sizeof(Scalar) == 4, std::int32_t, std::int64_t>;

[[gnu::always_inline]] inline MagnitudeBits largestBits(const Scalar* data, std::size_t count) {
    constexpr MagnitudeBits kMagnitude = std::numeric_limits<MagnitudeBits>::max();
    MagnitudeBits largest = 0;
    for (std::size_t i = 0; i < count; ++i)
        largest = std::max(largest, std::bit_cast<MagnitudeBits>(data[i]) & kMagnitude);
    return largest;
}

#ifdef GRADSCOPE_OWN_GEMM
// Eight at a time where the processor has AVX2 (chosen with the GEMM's kernels, core/Gemm.h).
__attribute__((target("avx2"))) MagnitudeBits largestBitsAvx2(const Scalar* data,
                                                              std::size_t count) {
    return largestBits(data, count);
}
#endif

} // namespace

Scalar largestMagnitude(const Scalar* data, Index count) {
    const auto n = static_cast<std::size_t>(std::max<Index>(0, count));
#ifdef GRADSCOPE_OWN_GEMM
    if (gemmKernels() != GemmKernels::Portable)
        return std::bit_cast<Scalar>(largestBitsAvx2(data, n));
#endif
    return std::bit_cast<Scalar>(largestBits(data, n));
}

Scalar Tensor::largestMagnitude() const {
    return gs::largestMagnitude(m_data.data(), static_cast<Index>(m_data.size()));
}

void Tensor::reshape(const Shape& shape) {
    if (shape.numel() != numel())
        throw ShapeError(Engine::tr("cannot reshape {1} ({2} elements) to {3} ({4} elements)"),
                         m_shape.str(), numel(), shape.str(), shape.numel());
    m_shape = shape;
}

} // namespace gs
