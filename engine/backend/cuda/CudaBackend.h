// The CUDA backend's entry points (backend/Backend.h), compiled by nvcc into gradscope_cuda.
#pragma once

#include "backend/Backend.h"

namespace gs::cuda {

GpuList listGpus();
// Throws Unsupported naming the problem (no such GPU, a CUDA or cuBLAS error).
std::unique_ptr<Backend> createBackend(int ordinal);

} // namespace gs::cuda
