// The recorder: a run kept as states, so that any step of it can be shown again.
//
// After every step the recorder may keep the trainer's state (TrainerState: everything the next
// step reads). To show step k, a session restores the last state kept before k and replays the
// steps from there; the trainer is deterministic, so the replay is the run itself, bit for bit,
// and every view sees exactly what it saw at step k (TrainingSession::seek).
//
// Memory stays within a budget the user sets (Recorder::kDefaultBudget by default). While it
// fits, every step of a small network is kept; when it no longer does, every other kept state
// goes and from then on one state is kept every `interval()` steps (1, 2, 4, …), so that a long
// run is covered end to end and a replay is never longer than the interval. A large network
// starts with a longer interval, one step per kStrideBytes of its state (up to kLongestStride):
// copying an MNIST network's 400 KB every step would cost a quarter of its training speed,
// and replaying a few dozen steps to show one costs milliseconds. The first state is always kept,
// and so are the pinned ones: the state at a change of settings (a replay across it would use
// the wrong rate) and after a weight edited by hand.
#pragma once

#include "Trainer.h"

#include <cstddef>
#include <deque>
#include <vector>

namespace gs {

class Recorder {
public:
    static constexpr std::size_t kDefaultBudget = std::size_t(256) << 20; // 256 MB
    static constexpr std::size_t kSmallestBudget = std::size_t(1) << 20;  // 1 MB
    static constexpr std::size_t kStrideBytes = std::size_t(4) << 10;     // 4 KB
    static constexpr long kLongestStride = 64;
    static constexpr long kLongestInterval = long(1) << 40; // pins alone over the budget

    // Why a state is kept whatever the interval.
    enum class Pin {
        None,
        Settings, // the settings changed before the next step: replays must not cross it
        Edit,     // a weight was set by hand: this state, not a replay, is the step
    };

    explicit Recorder(std::size_t budget = kDefaultBudget);

    // Throws InvalidArgument under kSmallestBudget; thins at once when over it.
    void setBudget(std::size_t bytes);
    std::size_t budget() const { return m_budget; }
    std::size_t bytes() const { return m_bytes; }
    long interval() const { return m_interval; }
    std::size_t count() const { return m_kept.size(); }

    void clear();
    // Called after each step (and at the start, and with a pin after a change): keeps the
    // trainer's state if it is due. A trainer that has gone back (a replay that goes on from an
    // earlier step) first drops what was kept after it.
    void record(const Trainer& trainer, Pin pin = Pin::None);

    // Drops everything after `step`, which becomes the last step recorded (a branch), and with
    // `settingsPinAtStep` a settings pin at `step` too (made after the step, for the future
    // dropped).
    void truncate(long step, bool settingsPinAtStep = false);
    // A branch at `step` that keeps the old run: returns the recording of steps `step` …
    // last() (from the state kept at or before `step` on) and truncates this one at `step`
    // with a settings pin there, as truncate(step, true). The states both need are copied,
    // the later ones moved. Empty where `step` is not recorded.
    Recorder splitOff(long step);

    bool empty() const { return m_kept.empty(); }
    long first() const { return m_kept.empty() ? 0 : m_kept.front().state.steps; }
    long last() const { return m_last; } // the last step recorded (kept or not)
    // The states kept, in step order (what a session file saves: io/Recording.h).
    struct Entry {
        const TrainerState* state = nullptr;
        Pin pin = Pin::None;
    };
    std::vector<Entry> entries() const;
    // Replaces the recording with states read back from a file: in step order (steps
    // increasing, none after `last`, never more than `interval` apart, a power of two), kept
    // every `interval` steps besides the first and the pins; then thinned to the budget. Throws
    // InvalidArgument where they are not.
    void adopt(std::vector<std::pair<TrainerState, Pin>> states, long interval, long last);

    // The state to replay from to show `step`: the last one kept before it (at it, for the
    // first step or an edit); null when `step` is outside [first(), last()].
    const TrainerState* from(long step) const;

private:
    struct Kept {
        TrainerState state;
        Pin pin = Pin::None;
    };
    void thin();
    void recount();

    std::deque<Kept> m_kept; // in step order (a deque: growing never moves the states)
    std::size_t m_budget;
    std::size_t m_bytes = 0;
    long m_interval = 1;
    long m_last = -1;
};

} // namespace gs
