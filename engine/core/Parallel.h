// The engine's threads: a small pool that splits one kernel's work into parts (docs/engine.md,
// "Threads").
//
// Work is split only where every output element is computed by one part, the same way whatever
// the split: a GEMM by blocks of rows or columns of C (each element still sums over k in the
// same order), a convolution by samples, an elementwise pass by ranges. So a training step
// gives the same bits on any number of threads; nothing is reduced across parts. (A
// data-parallel step, Trainer::setDataParallel, is the exception: its shards' gradients are
// summed, so it gives the same bits for the same thread count only.)
//
// Parts are claimed one at a time by the caller and the workers alike, so a worker the system
// has descheduled delays nobody: the caller runs what is left. Up to 16 parts, part p goes
// first to thread p mod the team (the caller is thread 0): a pass split the same way every
// time finds its part's data in the same core's cache. A call from inside a part, or
// while another thread has the pool, runs its parts one after another on the calling thread:
// the same result, no deadlock, no oversubscription. Workers spin briefly after a job (a
// training step calls the pool many times a millisecond), then sleep.
#pragma once

#include "Tensor.h"

#include <algorithm>
#include <type_traits>

namespace gs {

// The most threads the engine will use (more than any desktop has cores to give it).
inline constexpr int kMaxThreads = 256;

// The processors this process may run on (its CPU affinity on Linux; at least 1).
int hardwareThreads();
// The threads the engine's kernels use now (1 = everything on the calling thread). The default
// is hardwareThreads().
int threadCount();
// Sets the thread count: 0 means all hardware threads; otherwise clamped to [1, kMaxThreads].
// Workers are started or stopped here, never inside a kernel. Not to be called while another
// thread is training (the app changes it from the training thread, between steps).
void setThreadCount(int threads);

namespace detail {
// A task as a function pointer and its context, so that dispatching allocates nothing.
using PartFunction = void (*)(const void* context, int part);
void runParts(int parts, PartFunction function, const void* context);
} // namespace detail

// Runs task(part) for every part in [0, parts) and returns when all are done, at most
// threadCount() at a time, in no particular order (part p on thread p mod threadCount() where
// that thread is there to take it, up to 16 parts). If parts throw, the first exception is
// rethrown here once every part has finished (the others still run).
template <class Task> void runParts(int parts, const Task& task) {
    if (parts <= 1) {
        if (parts == 1) task(0);
        return;
    }
    detail::runParts(
        parts, [](const void* context, int part) { (*static_cast<const Task*>(context))(part); },
        &task);
}

// Parts per thread that parallelFor aims at: a few, so that when one thread is held up the
// others take its share.
inline constexpr int kPartsPerThread = 4;

// How many parts to split `count` items into: kPartsPerThread per thread, but none smaller
// than `grain` items (below that a part costs more to hand out than it saves); 1 on one thread.
inline int partsFor(Index count, Index grain) {
    const int threads = threadCount();
    if (threads <= 1) return 1;
    const Index byWork = std::max<Index>(1, count / std::max<Index>(1, grain));
    return static_cast<int>(std::min<Index>(Index(threads) * kPartsPerThread, byWork));
}

// body(begin, end) over [0, count) in partsFor(count, grain) contiguous ranges whose bounds are
// multiples of `align` (but the last). The ranges depend only on count, grain, align and the
// thread count.
template <class Body> void parallelRanges(Index count, int parts, Index align, const Body& body);

template <class Body> void parallelFor(Index count, Index grain, Index align, const Body& body) {
    parallelRanges(count, partsFor(count, grain), align, body);
}

// body(begin, end) over [0, count) in exactly `parts` contiguous ranges (fewer only where count
// has fewer units of `align`), bounds multiples of `align`: for passes that give each thread the
// same range every time (Trainer's data-parallel steps keep their data where it is).
template <class Body> void parallelRanges(Index count, int parts, Index align, const Body& body) {
    if (parts <= 1) {
        if (count > 0) body(Index(0), count);
        return;
    }
    align = std::max<Index>(1, align);
    const Index units = (count + align - 1) / align;
    runParts(parts, [&](int part) {
        const Index begin = std::min(count, units * part / parts * align);
        const Index end = std::min(count, units * (part + 1) / parts * align);
        if (begin < end) body(begin, end);
    });
}

// Elementwise passes are split from this many elements a part on (1 MiB of float32 each):
// about 50 µs of a simple op. Handing a part out takes a microsecond, but the data must also
// move between the cores' caches; smaller splits (a 784-128-10 MLP's activations and
// optimizer step) cost more than they saved on the machine of docs/benchmarks.md.
inline constexpr Index kParallelElements = Index(1) << 18;

// body(begin, end) over the elements [0, count) of an elementwise pass, split as parallelFor
// does (in multiples of 16 elements, whole vectors).
template <class Body> void forElements(Index count, const Body& body) {
    parallelFor(count, kParallelElements, 16, body);
}

} // namespace gs
