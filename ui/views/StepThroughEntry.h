// One entry followed through a traced step: a weight w[i, j], a bias b[i] or one unit of a
// layer's output, on a network of any size. Where the step-through shows a big tensor as a
// summary, this shows the picked entry's own numbers exactly, for the node the walk is at: its
// value in the forward pass; in the backward pass the upstream gradient, the local derivative
// and their product, or for a weight the sum over the batch term by term
// (dL/dw[i, j] = Σ_b upstream[b, i] · x[b, j]); in the update, the optimizer's numbers.
// Everything is read from the trace's own tensors (gs::entryGradient does the arithmetic).
#pragma once

#include "Snapshot.h"

#include <QString>

#include <string>
#include <vector>

namespace gs::ui {

enum class TracePhase { Forward, Loss, Backward, Update };

// What to follow. A parameter by its name ("0.weight"), or the output of a Sequential layer.
struct FocusEntry {
    std::string parameter;    // "0.weight"; empty: the output of `layer`
    int layer = -1;           // the layer whose output is followed (parameter empty)
    std::vector<Index> index; // one per dimension: weight [unit, input], output [sample, unit]

    static FocusEntry weight(int layer, Index unit, Index input);
    static FocusEntry bias(int layer, Index unit);
    static FocusEntry output(int layer, Index sample, Index unit);
    bool empty() const { return parameter.empty() && layer < 0; }
    bool operator==(const FocusEntry&) const = default;
};

// A FocusEntry found in one trace.
struct ResolvedEntry {
    int node = -1;  // whose value holds it
    Index flat = 0; // flat index into that value
    QString label;  // "0.weight[3, 1]"
    QString error;  // why it could not be found (empty when found)
    bool found() const { return node >= 0; }
};
ResolvedEntry resolveEntry(const StepTrace& trace, const FocusEntry& focus);

// The HTML section for the entry at one position of the walk (`index` into the trace's
// forward, backward or updates list, as the step-through's items).
QString entryHtml(const StepTrace& trace, const ResolvedEntry& entry, TracePhase phase, int index);

} // namespace gs::ui
