// The engine's number and index types, on their own so that code without Eigen (the CUDA
// backend, compiled by nvcc) can share them.
#pragma once

#include <cstdint>

namespace gs {

#ifdef GRADSCOPE_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif
using Index = std::int64_t;

} // namespace gs
