// Keeps freed memory in the process instead of handing it back to the OS.
//
// Eigen's GEMM allocates its blocking workspace on every call; with glibc's defaults a large
// block is mmap'ed and unmapped each time, so every call faults its pages in again (a
// 64×128×784 product fell from 150 to 53 GFLOP/s on the benchmark machine). Raising the
// mmap and trim thresholds makes those blocks come from, and return to, the heap.
#pragma once

namespace gs {

// Idempotent; a no-op where the C library has no such setting.
void keepFreedMemory();

} // namespace gs
