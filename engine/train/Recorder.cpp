#include "Recorder.h"

#include <algorithm>

namespace gs {

Recorder::Recorder(std::size_t budget)
    : m_budget(budget) {
    setBudget(budget);
}

void Recorder::setBudget(std::size_t bytes) {
    if (bytes < kSmallestBudget)
        throw InvalidArgument(Engine::tr("the recording needs at least {1} MB, got {2} bytes"),
                              long(kSmallestBudget >> 20), static_cast<unsigned long>(bytes));
    m_budget = bytes;
    thin();
}

void Recorder::clear() {
    m_kept.clear();
    m_bytes = 0;
    m_interval = 1;
    m_last = -1;
}

void Recorder::record(const Trainer& trainer, Pin pin) {
    const long step = trainer.steps();
    // Gone back: what was kept after this step belongs to a future that is not taken.
    if (!m_kept.empty() && m_kept.back().state.steps > step) {
        while (!m_kept.empty() && m_kept.back().state.steps > step)
            m_kept.pop_back();
        recount();
    }
    if (!m_kept.empty() && m_kept.back().state.steps == step) {
        // The same step again: a pin replaces what was kept there (an edit changes it).
        if (pin == Pin::None) {
            m_last = step;
            return;
        }
        // The new state holds both changes; an edit keeps its kind (it is restored as it is).
        if (m_kept.back().pin == Pin::Edit) pin = Pin::Edit;
        m_kept.pop_back();
    }
    m_last = step;
    const bool due = m_kept.empty() || pin != Pin::None || step % m_interval == 0;
    if (!due) return;
    const TrainerState* previous = m_kept.empty() ? nullptr : &m_kept.back().state;
    m_kept.push_back({trainer.captureState(previous), pin});
    // A large state: one kept every so many steps from the start (a power of two, so that
    // the steps kept stay those the budget's thinning keeps).
    while (m_interval < kLongestStride &&
           m_kept.back().state.bytes() > kStrideBytes * std::size_t(m_interval))
        m_interval *= 2;
    if (pin != Pin::None) {
        recount(); // a replaced state may have taken shared parts with it
    } else {
        const TrainerState& s = m_kept.back().state;
        m_bytes += s.bytes();
        if (s.dropout && (!previous || previous->dropout != s.dropout))
            m_bytes += sizeof(*s.dropout);
    }
    if (m_bytes > m_budget) thin();
}

void Recorder::truncate(long step, bool settingsPinAtStep) {
    while (!m_kept.empty() && m_kept.back().state.steps > step)
        m_kept.pop_back();
    if (settingsPinAtStep && m_kept.size() > 1 && m_kept.back().state.steps == step &&
        m_kept.back().pin == Pin::Settings)
        m_kept.pop_back();
    m_last = std::min(m_last, step);
    recount();
}

Recorder Recorder::splitOff(long step) {
    Recorder later(m_budget);
    const TrainerState* base = from(step);
    if (!base) return later;
    for (Kept& k : m_kept) {
        if (k.state.steps < base->steps) continue;
        if (k.state.steps <= step)
            later.m_kept.push_back(k); // this run needs it too
        else
            later.m_kept.push_back(std::move(k));
    }
    later.m_interval = m_interval;
    later.m_last = m_last;
    later.recount();
    truncate(step, true);
    return later;
}

std::vector<Recorder::Entry> Recorder::entries() const {
    std::vector<Entry> out;
    out.reserve(m_kept.size());
    for (const Kept& k : m_kept)
        out.push_back({&k.state, k.pin});
    return out;
}

void Recorder::adopt(std::vector<std::pair<TrainerState, Pin>> states, long interval, long last) {
    if (interval < 1 || interval > kLongestInterval || (interval & (interval - 1)) != 0)
        throw InvalidArgument(Engine::tr("the recording's interval {1} is not a power of two"),
                              interval);
    long before = -1;
    for (const auto& [state, pin] : states) {
        if (state.steps <= before || state.steps > last ||
            (before >= 0 && state.steps - before > interval))
            throw InvalidArgument(Engine::tr("the recording's steps are out of order at step {1}"),
                                  state.steps);
        before = state.steps;
    }
    if (states.empty() || last < 0 || last - before > interval)
        throw InvalidArgument(Engine::tr("the recording holds no states"));
    m_kept.clear();
    for (auto& [state, pin] : states)
        m_kept.push_back({std::move(state), pin});
    m_interval = interval;
    m_last = last;
    recount();
    thin();
}

const TrainerState* Recorder::from(long step) const {
    if (m_kept.empty() || step < first() || step > m_last) return nullptr;
    // The last kept state at or before `step` …
    auto it = std::upper_bound(m_kept.begin(), m_kept.end(), step,
                               [](long s, const Kept& k) { return s < k.state.steps; });
    --it;
    // … replayed from the one before it, unless it is the first or an edit (its weights were
    // set by hand after that step ran, so no replay reaches them).
    // At the run's last step a pin is the state itself: the settings changed (or a weight was
    // set) after that step ran, and training goes on from there.
    const bool itself = it->pin == Pin::Edit || (it->pin != Pin::None && step == m_last);
    if (it->state.steps == step && it != m_kept.begin() && !itself) --it;
    return &it->state;
}

void Recorder::thin() {
    while (m_bytes > m_budget) {
        const std::size_t before = m_kept.size();
        m_interval = std::min(m_interval * 2, kLongestInterval);
        std::deque<Kept> kept;
        for (std::size_t i = 0; i < m_kept.size(); ++i) {
            const Kept& k = m_kept[i];
            if (i == 0 || k.pin != Pin::None || k.state.steps % m_interval == 0)
                kept.push_back(std::move(m_kept[i]));
        }
        m_kept = std::move(kept);
        recount();
        // Nothing left to drop (the first state and the pins alone are over the budget).
        if (m_kept.size() == before && m_interval >= kLongestInterval) break;
    }
}

void Recorder::recount() {
    // Each state's own values, and each shared part once (neighbours share them).
    std::size_t bytes = 0;
    const std::mt19937_64* dropout = nullptr;
    for (const Kept& k : m_kept) {
        bytes += k.state.bytes();
        if (k.state.dropout.get() != dropout) {
            dropout = k.state.dropout.get();
            if (dropout) bytes += sizeof(*dropout);
        }
    }
    m_bytes = bytes;
}

} // namespace gs
