// The history of a training run: what the charts draw and what the CSV export writes.
#pragma once

#include "Trainer.h"

#include <algorithm>
#include <cstddef>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace gs {

// A series that keeps at most `cap` entries, so that a day of training stays within a fixed
// memory (the issue: 1.5 GB an hour of kept losses). When it is full, every other entry is
// dropped and from then on only every other entry offered is kept; then every fourth, and so
// on. The entries stay evenly spread over the whole run, first and latest included, at a
// resolution that halves each time the run doubles. A deque: a vector's doubling copied
// millions of entries at once (an 80 ms stall of the app's GUI thread at 1.3 million).
template <class T> class ThinnedSeries {
public:
    explicit ThinnedSeries(std::size_t cap)
        : m_cap(std::max<std::size_t>(cap, 2)) {}

    void push_back(T value) {
        if (m_offered++ % m_stride == 0) {
            m_items.push_back(std::move(value));
        } else {
            m_latest = std::move(value); // kept aside: the run's last entry is always shown
            m_hasLatest = true;
            return;
        }
        m_hasLatest = false;
        if (m_items.size() < m_cap) return;
        // Keeps entries 0, 2, 4, …: with an even count the newest kept entry is dropped, and
        // the next one kept then comes one old stride after it instead of two.
        const bool droppedNewest = m_items.size() % 2 == 0;
        if (droppedNewest) {
            m_latest = m_items.back(); // still the run's latest, until the next one comes
            m_hasLatest = true;
        }
        std::deque<T> kept;
        for (std::size_t i = 0; i < m_items.size(); i += 2)
            kept.push_back(std::move(m_items[i]));
        m_items = std::move(kept);
        m_offered = droppedNewest ? m_stride + 1 : 1;
        m_stride *= 2;
    }
    template <class... Args> void emplace_back(Args&&... args) {
        push_back(T(std::forward<Args>(args)...));
    }
    void clear() { *this = ThinnedSeries(m_cap); }
    ThinnedSeries& operator=(std::initializer_list<T> items) {
        clear();
        for (const T& item : items)
            push_back(item);
        return *this;
    }

    // The kept entries, then the latest one offered if it was not kept.
    std::size_t size() const { return m_items.size() + (m_hasLatest ? 1 : 0); }
    bool empty() const { return size() == 0; }
    const T& operator[](std::size_t i) const { return i < m_items.size() ? m_items[i] : m_latest; }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[size() - 1]; }
    // How many entries offered each kept one stands for (1 until the first thinning).
    std::size_t stride() const { return m_stride; }

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;
        const_iterator(const ThinnedSeries* s, std::size_t i)
            : m_s(s)
            , m_i(i) {}
        reference operator*() const { return (*m_s)[m_i]; }
        pointer operator->() const { return &(*m_s)[m_i]; }
        const_iterator& operator++() {
            ++m_i;
            return *this;
        }
        bool operator==(const const_iterator& o) const { return m_i == o.m_i; }

    private:
        const ThinnedSeries* m_s;
        std::size_t m_i;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    std::size_t m_cap;
    std::deque<T> m_items;
    T m_latest{};
    bool m_hasLatest = false;
    std::size_t m_stride = 1, m_offered = 0;
};

struct MetricsHistory {
    static constexpr std::size_t kMaxEpochs = 100'000;
    static constexpr std::size_t kMaxStepLosses = 200'000;
    static constexpr std::size_t kMaxLayerStats = 50'000;

    ThinnedSeries<EpochReport> epochs{kMaxEpochs};
    ThinnedSeries<std::pair<long, double>> stepLosses{kMaxStepLosses}; // (step, batch loss)
    // Each layer's gradient norm and update ratio, at the steps they were collected (while the
    // charts that draw them are shown).
    ThinnedSeries<std::pair<long, std::vector<LayerStats>>> layerStats{kMaxLayerStats};

    void add(const EpochReport& r) { epochs.push_back(r); }
    void add(const StepReport& r) {
        stepLosses.emplace_back(r.step, r.batchLoss);
        if (!r.layers.empty()) layerStats.emplace_back(r.step, r.layers);
    }

    // The history up to `step` (a branch drops what came after it).
    MetricsHistory upTo(long step) const;

    // CSV with a header: one row per epoch (epoch,step,train_loss,test_loss,train_accuracy,
    // test_accuracy,seconds,samples_per_s), or one per step (step,batch_loss) when there are
    // no finished epochs. Accuracies are empty for regression.
    std::string csv() const;
    // CSV of the layer statistics: step, then each layer's grad_norm and update_ratio.
    std::string layerStatsCsv() const;
};

} // namespace gs
