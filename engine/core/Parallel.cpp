#include "Parallel.h"

#include <atomic>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif
#if defined(__linux__)
#include <sched.h>
#endif

namespace gs {

namespace {

void relax() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

// How long a worker keeps looking for the next part before it sleeps: long enough to cover the
// gaps between the parallel kernels of a training step (up to a few hundred microseconds of
// serial work between them, and waking a sleeping thread costs about as much), short enough not
// to hold a core from the window between steps the app paces.
constexpr auto kSpinTime = std::chrono::milliseconds(1);

// Set on the pool's workers, and on a caller while it runs its own parts: a nested call runs
// serially instead of waiting on a pool that is waiting on it.
thread_local bool t_inPart = false;

// A job's parts are claimed from one word, generation << 32 | parts << 16 | claims: a
// compare-and-swap takes a part only while the word still names the job, so a worker that wakes
// late can never take a part of the next one. The function and context are written before the
// word and read only after a part is claimed, and the caller waits for every part to be done
// before it returns (or writes the next job). Nobody waits for a worker that has not started:
// the caller runs whatever parts are still unclaimed itself, so a worker the system has
// descheduled (the window, another program) costs only the parts it has taken.
//
// Up to 16 parts, the claims are a mask and part p belongs first to thread p mod the team
// (the caller is thread 0, worker i thread i + 1): each thread runs its own parts, then helps
// with any still unclaimed (a worker that owns none does not: the caller does). So a job split
// the same way every time runs each part on the same thread every time unless its owner is
// late, and the data a part writes stays in that thread's core's cache (the system seldom moves
// a busy thread) for the next job split the same way. (Trainer's unit split: a part's rows of
// the weights, their gradient and optimizer state, 600 KB, crossed between the cores on more
// than a third of the steps when any thread took any part.) Beyond 16 parts the claims are a
// counter: the next part to take.
class Pool {
public:
    Pool()
        : m_threads(hardwareThreads()) {}
    ~Pool() {
        const std::lock_guard busy(m_busy);
        resize(0);
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    int threads() const { return m_threads.load(std::memory_order_relaxed); }
    void setThreads(int n) { m_threads.store(n, std::memory_order_relaxed); }

    void run(int parts, detail::PartFunction function, const void* context) {
        // (t_inPart first: a caller inside its own part already holds m_busy.)
        if (t_inPart || threads() <= 1 || parts > kMaxParts) {
            serial(parts, function, context);
            return;
        }
        std::unique_lock busy(m_busy, std::try_to_lock);
        if (!busy.owns_lock()) {
            serial(parts, function, context);
            return;
        }
        resize(threads() - 1);
        m_team.store(static_cast<int>(m_workers.size()) + 1, std::memory_order_relaxed);
        m_function = function;
        m_context = context;
        m_done.store(0, std::memory_order_relaxed);
        m_generation += 1;
        const std::uint64_t job = m_generation << 32 | std::uint64_t(parts) << 16;
        m_next.store(job, std::memory_order_release);
        bool wake = false;
        {
            const std::lock_guard lock(m_mutex);
            wake = m_sleepers > 0;
        }
        if (wake) m_wake.notify_all();
        t_inPart = true;
        claimParts(job, 0);
        t_inPart = false;
        while (m_done.load(std::memory_order_acquire) < parts)
            relax();
        // A part that threw (say std::bad_alloc): every other part has finished, so nothing
        // uses the caller's task any more; the first exception goes on to the caller.
        if (std::exception_ptr failure = std::exchange(m_failure, nullptr))
            std::rethrow_exception(failure);
    }

private:
    static void serial(int parts, detail::PartFunction function, const void* context) {
        struct InPart { // set while the parts run, cleared again even if one throws
            bool outer = !t_inPart;
            InPart() { t_inPart = true; }
            ~InPart() {
                if (outer) t_inPart = false;
            }
        } inPart;
        for (int part = 0; part < parts; ++part)
            function(context, part);
    }

    // Runs parts of `job` (its word with no claims) as thread `self` until none is left
    // unclaimed: with a mask, its own parts first.
    void claimParts(std::uint64_t job, int self) {
        const auto parts = static_cast<int>((job >> 16) & kPartMask);
        if (parts > kMaskParts) {
            std::uint64_t word = m_next.load(std::memory_order_acquire);
            for (;;) {
                if ((word & ~kPartMask) != job) return; // a newer job: this one is all done
                const auto part = static_cast<int>(word & kPartMask);
                if (part >= parts) return;
                if (m_next.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel)) {
                    runPart(part);
                    word = m_next.load(std::memory_order_acquire);
                } // else `word` now holds the current value
            }
        }
        // A worker that owns no part (more threads than parts) leaves the job to the threads
        // that do, and to the caller, who takes whatever a late owner has not.
        if (self >= parts) return;
        // (A late worker may read the next job's team: claim() then finds the job gone.)
        const int team = m_team.load(std::memory_order_relaxed);
        for (int part = self; part < parts; part += team)
            if (claim(job, part) == Claim::Gone) return;
        // Then help, from the last part: the owners go through theirs from the first.
        const std::uint64_t all = (std::uint64_t(1) << parts) - 1;
        for (;;) {
            const std::uint64_t word = m_next.load(std::memory_order_acquire);
            if ((word & ~kPartMask) != job || (word & all) == all) return;
            claim(job, std::bit_width(~word & all) - 1);
        }
    }

    enum class Claim { Ran, Taken, Gone }; // Gone: the word names a newer job
    // Claims and runs `part` of `job` (a mask job), unless another thread has taken it.
    Claim claim(std::uint64_t job, int part) {
        const std::uint64_t bit = std::uint64_t(1) << part;
        std::uint64_t word = m_next.load(std::memory_order_acquire);
        do {
            if ((word & ~kPartMask) != job) return Claim::Gone;
            if (word & bit) return Claim::Taken;
        } while (!m_next.compare_exchange_weak(word, word | bit, std::memory_order_acq_rel));
        runPart(part);
        return Claim::Ran;
    }

    void runPart(int part) {
        try {
            m_function(m_context, part);
        } catch (...) {
            const std::lock_guard lock(m_mutex);
            if (!m_failure) m_failure = std::current_exception();
        }
        m_done.fetch_add(1, std::memory_order_release);
    }

    // Starts or stops workers until there are `workers`; the caller holds m_busy.
    void resize(int workers) {
        if (static_cast<int>(m_workers.size()) == workers) return;
        if (!m_workers.empty()) {
            {
                const std::lock_guard lock(m_mutex);
                m_stop.store(true, std::memory_order_release);
            }
            m_wake.notify_all();
            for (std::thread& t : m_workers)
                t.join();
            m_workers.clear();
            m_stop.store(false, std::memory_order_relaxed);
        }
        for (int i = 0; i < workers; ++i)
            m_workers.emplace_back([this, seen = m_generation, i] { work(seen, i + 1); });
    }

    void work(std::uint64_t seen, int self) {
        t_inPart = true;
        for (;;) {
            const std::uint64_t job = next(seen) & ~kPartMask;
            if (m_stop.load(std::memory_order_acquire)) return;
            seen = job >> 32;
            claimParts(job, self);
        }
    }

    // Waits for a job newer than generation `seen` (or for the stop): spins, then sleeps.
    std::uint64_t next(std::uint64_t seen) {
        const auto fresh = [&](std::uint64_t word) { return (word >> 32) != seen; };
        const auto start = std::chrono::steady_clock::now();
        for (int spins = 0;; ++spins) {
            const std::uint64_t word = m_next.load(std::memory_order_acquire);
            if (fresh(word) || m_stop.load(std::memory_order_acquire)) return word;
            relax();
            if (spins % 64 == 63 && std::chrono::steady_clock::now() - start > kSpinTime) break;
        }
        std::unique_lock lock(m_mutex);
        ++m_sleepers;
        m_wake.wait(lock, [&] {
            return fresh(m_next.load(std::memory_order_acquire)) ||
                   m_stop.load(std::memory_order_acquire);
        });
        --m_sleepers;
        return m_next.load(std::memory_order_acquire);
    }

    static constexpr std::uint64_t kPartMask = 0xffff;
    static constexpr int kMaxParts = 0xffff; // more run on the calling thread
    static constexpr int kMaskParts = 16;    // up to this many, parts go to their own threads

    std::atomic<int> m_threads;
    std::mutex m_busy; // held by the thread whose job the workers run
    std::vector<std::thread> m_workers;
    std::uint64_t m_generation = 0; // written under m_busy
    std::atomic<int> m_team{1};     // the caller and the workers, written before the job's word
    std::atomic<std::uint64_t> m_next{0};
    std::atomic<int> m_done{0};
    std::atomic<bool> m_stop{false};
    detail::PartFunction m_function = nullptr;
    const void* m_context = nullptr;
    std::exception_ptr m_failure; // the first exception of the job's parts, under m_mutex
    std::mutex m_mutex;           // for sleeping and waking, and m_failure
    std::condition_variable m_wake;
    int m_sleepers = 0;
};

Pool& pool() {
    static Pool instance;
    return instance;
}

} // namespace

int hardwareThreads() {
    // The processors this process may run on (a container or `taskset` may allow fewer than the
    // machine has, and hardware_concurrency counts them all).
    unsigned count = std::thread::hardware_concurrency();
#if defined(__linux__)
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
        count = static_cast<unsigned>(CPU_COUNT(&allowed));
#endif
    return static_cast<int>(std::clamp<unsigned>(count, 1u, static_cast<unsigned>(kMaxThreads)));
}

int threadCount() {
    return pool().threads();
}

void setThreadCount(int threads) {
    pool().setThreads(threads <= 0 ? hardwareThreads() : std::clamp(threads, 1, kMaxThreads));
}

namespace detail {
void runParts(int parts, PartFunction function, const void* context) {
    pool().run(parts, function, context);
}
} // namespace detail

} // namespace gs
