// Memory for tensors.
//
// keepFreedMemory: Eigen's GEMM allocates its blocking workspace on every call; with glibc's
// defaults a large block is mmap'ed and unmapped each time, so every call faults its pages in
// again (a 64×128×784 product fell from 150 to 53 GFLOP/s on the benchmark machine). Raising
// the mmap and trim thresholds makes those blocks come from, and return to, the heap.
//
// TensorAllocator: every tensor starts on a 64-byte boundary, so Eigen's vectorised loops split
// their work the same way on every run and the same seed gives the same numbers bit for bit.
// Buffers of 4 MiB and more (a data set, a wide layer's weights and their optimizer state) are
// aligned to 2 MiB and, on Linux, advised to use transparent huge pages: a mini-batch gathers
// rows from all over a 188 MB MNIST set, and with 4 KiB pages each row cost a TLB miss (very
// dear in a virtual machine); the gather took as long as all the step's matrix products.
#pragma once

#include <cstddef>
#include <limits>
#include <new>

namespace gs {

// Idempotent; a no-op where the C library has no such setting.
void keepFreedMemory();

// Aligned memory as described above; throws std::bad_alloc when there is none.
void* allocateTensorMemory(std::size_t bytes);
void freeTensorMemory(void* memory) noexcept;

template <class T> struct TensorAllocator {
    using value_type = T;
    TensorAllocator() = default;
    template <class U> TensorAllocator(const TensorAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_alloc();
        return static_cast<T*>(allocateTensorMemory(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t) noexcept { freeTensorMemory(p); }
    template <class U> bool operator==(const TensorAllocator<U>&) const noexcept { return true; }
};

} // namespace gs
