#include "Allocator.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gs {

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

} // namespace gs
