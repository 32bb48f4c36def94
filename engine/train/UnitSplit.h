// Trainer's steps split by units: the state they keep between steps (UnitSplit.cpp says how
// the work is split). Included by Trainer.cpp and UnitSplit.cpp only.
#pragma once

#include "Trainer.h"
#include "core/Gemm.h"

namespace gs {

namespace unitsplit {

// Each part at least this many hidden units (a row of them fills a cache line: where the
// hidden layer's width is a multiple of it, the parts' rows of W1 and columns of W2 never share
// one)
// and this many multiply-adds a step (the data-parallel steps' kShardWork: below it handing
// the parts out costs more than they save).
inline constexpr Index kUnitAlign = 16;
inline constexpr double kUnitWork = double(1 << 20);
// The second weight and the biases are updated whole, by whichever thread runs the optimizer's
// small parameters: only where the second weight is this small (a few pages) does moving it
// cost nothing next to the first's products. A larger one would need its columns updated by
// their parts.
inline constexpr Index kSmallSecondWeight = Index(1) << 14;
} // namespace unitsplit

struct Trainer::UnitSplit {
    int first = 0, activation = 0, second = 0; // the head's layers
    Index in = 0, hidden = 0, out = 0;
    Activation function = Activation::Relu;
    Scalar slope = 0;
    std::vector<Parameter*> tail; // the parameters after the head's (through the graph)
    Batch batch; // the labels, and the inputs where the products cannot read them in place
    std::vector<Index> offsets; // where the batch's samples are in the dataset's inputs
    // Each part's own buffers, made and written on its own thread: its units' columns of Z,
    // H, dL/dH and dL/dZ ([rows, units]) and its P_p, on cache lines of their own. (In shared
    // [rows, hidden] buffers a part's columns of each row sat next to the other part's, and the
    // cores' prefetchers pulled them across: each part's products ran up to a quarter slower while
    // the cores exchanged data slowly; docs/benchmarks.md.)
    struct alignas(64) Buffers {
        Tensor z, h, dh, dz, partial;
    };
    std::vector<Buffers> buffers;
    // The last step's hidden layer H, [rows, hidden]: every part's units, copied side by side
    // when asked for (the detectors read it, on the training thread: it writes `h`).
    const Tensor& hiddenLayer() const;
    mutable Tensor h;
    Tensor y; // the head's output, the rest of the network's input
    Tensor targetScratch;
    std::vector<Index> align; // per optimizer parameter: W1's rows of whole unit blocks
    Parameter *w1 = nullptr, *w2 = nullptr, *b1 = nullptr, *b2 = nullptr; // the head's
    // This step's: its rows, and the batch's rows where the dataset keeps them (inPlace; else
    // in batch.inputs).
    Index rows = 0;
    bool inPlace = false;
    GemmOperand x;

    // Part p of `parts`: the forward pass of its units (Z, H, its P_p), and the backward pass
    // from dL/dY; false when a gradient it wrote is not finite.
    void forward(int p, int parts);
    bool backward(int p, int parts, const Tensor& dy);

    // Units [begin, end) of part p of `parts`, in whole blocks of kUnitAlign units, as
    // parallelRanges splits W1's hidden·in entries with align kUnitAlign·in.
    std::pair<Index, Index> units(int p, int parts) const {
        using unitsplit::kUnitAlign;
        const Index blocks = (hidden + kUnitAlign - 1) / kUnitAlign;
        return {std::min(hidden, blocks * p / parts * kUnitAlign),
                std::min(hidden, blocks * (p + 1) / parts * kUnitAlign)};
    }
};

} // namespace gs
