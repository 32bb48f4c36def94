// Replaces the global operator new of a test executable so that a test can make any single
// allocation above a size fail with std::bad_alloc, as it would on a machine without that much
// memory. Tests use it to show that a loader checks a size before allocating (a file that
// declares a huge layer must be refused without the allocation being tried) and that running
// out of memory is reported with the file's name. Include in one source file per executable.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <new>

namespace gs::test {

inline std::atomic<std::size_t> allocationLimit{std::numeric_limits<std::size_t>::max()};

// While alive, any single allocation of more than `bytes` throws std::bad_alloc.
class AllocationLimit {
public:
    explicit AllocationLimit(std::size_t bytes)
        : m_previous(allocationLimit.exchange(bytes)) {}
    ~AllocationLimit() { allocationLimit = m_previous; }
    AllocationLimit(const AllocationLimit&) = delete;
    AllocationLimit& operator=(const AllocationLimit&) = delete;

private:
    std::size_t m_previous;
};

} // namespace gs::test

void* operator new(std::size_t size) {
    if (size > gs::test::allocationLimit.load(std::memory_order_relaxed)) throw std::bad_alloc();
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    return operator new(size);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
