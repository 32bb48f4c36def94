#include "Allocator.h"

#include <algorithm>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace gs {

namespace {
constexpr std::size_t kAlignment = 64;
constexpr std::size_t kHugePage = std::size_t(2) << 20;
constexpr std::size_t kHugeFrom = std::size_t(4) << 20;
} // namespace

void keepFreedMemory() {
#if defined(__GLIBC__)
    static const bool done = [] {
        mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
        return true;
    }();
    (void)done;
#endif
}

void* allocateTensorMemory(std::size_t bytes) {
    const bool huge = bytes >= kHugeFrom;
    const std::size_t alignment = huge ? kHugePage : kAlignment;
    // aligned_alloc wants a multiple of the alignment; the rounding is at most 2 MiB on 4.
    const std::size_t size =
        (std::max<std::size_t>(bytes, 1) + alignment - 1) / alignment * alignment;
    if (size < bytes) throw std::bad_alloc();
    void* memory = std::aligned_alloc(alignment, size);
    if (!memory) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (huge) madvise(memory, size, MADV_HUGEPAGE); // advice only: ignore a refusal
#endif
    return memory;
}

void freeTensorMemory(void* memory) noexcept {
    std::free(memory);
}

} // namespace gs
