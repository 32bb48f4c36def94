// Gradient check: autodiff against central finite differences, entry by entry, on one batch.
// This teaches why autodiff is exact and numeric differentiation is not: in float32 the
// difference quotient loses digits to round-off (small ε) or to curvature (large ε).
#pragma once

#include "Loss.h"
#include "data/DataLoader.h"
#include "nn/Sequential.h"

#include <string>
#include <vector>

namespace gs {

struct GradCheckEntry {
    std::string parameter;
    Index index = 0; // flat index into the parameter
    double autodiff = 0, numeric = 0;
    double relativeError = 0; // |a − n| / max(|a| + |n|, 1e-4)
    // The passes at w + ε and w − ε fell on different sides of a kink (an input of a ReLU,
    // leaky ReLU or |·| changed sign between them): the difference quotient then straddles a
    // corner of the loss and is no test of the gradient, whatever its error.
    bool crossesKink = false;
};

// Every entry of every parameter (at most `limitPerParameter` each, evenly spaced, when > 0),
// checked with central differences (L(w + ε) − L(w − ε)) / 2ε. The model's weights are restored
// exactly afterwards, and so are their accumulated gradients. Sorted by relative error, worst
// first, with the entries that cross a kink after all the others (worst first among them).
std::vector<GradCheckEntry> checkGradients(Sequential& model, const Batch& batch, LossKind loss,
                                           TargetEncoding encoding,
                                           const Regularization& regularization,
                                           double epsilon = 1e-2, Index limitPerParameter = 0);

// One entry: `index` (flat) of the parameter named `parameter` ("0.weight"). Throws
// InvalidArgument for a parameter the network lacks or an index outside it.
GradCheckEntry checkGradientEntry(Sequential& model, const Batch& batch, LossKind loss,
                                  TargetEncoding encoding, const Regularization& regularization,
                                  const std::string& parameter, Index index, double epsilon = 1e-2);

// An interior node: entry `index` (flat, over the batch) of the output of layer `layer`, the
// gradient dL/dh that backward() computed against (L(h + ε) − L(h − ε)) / 2ε with the node's
// own value nudged. `parameter` in the result holds the node's name ("1.relu"). A negative index
// picks the entry with the largest gradient.
GradCheckEntry checkLayerOutputGradient(Sequential& model, const Batch& batch, LossKind loss,
                                        TargetEncoding encoding,
                                        const Regularization& regularization, int layer,
                                        Index index, double epsilon = 1e-2);

// Why zero_grad: the parameters' gradients after `passes` backward passes through one forward
// pass (PyTorch's loss.backward(retain_graph=True), again and again) with no zero_grad between
// them, as the engine really accumulates them: each pass adds the same gradient once more. In
// the order of model.parameters(); the model's own gradients are as they were afterwards.
// Throws InvalidArgument for passes outside 1 to 10.
std::vector<Tensor> accumulatedGradients(Sequential& model, const Batch& batch, LossKind loss,
                                         TargetEncoding encoding,
                                         const Regularization& regularization, int passes);

// Why the order matters: the parameters' gradients from one backward pass in which the node
// named `node` ("1.relu") is processed too early, as soon as the first of its consumers has
// sent it a gradient rather than after all of them (BackwardOptions::earlyNode). In the order
// of model.parameters(); the model's own gradients are as they were afterwards. Throws
// InvalidArgument for a node the pass does not have.
std::vector<Tensor> gradientsWithEarlyNode(Sequential& model, const Batch& batch, LossKind loss,
                                           TargetEncoding encoding,
                                           const Regularization& regularization,
                                           const std::string& node);

// Forward mode (core/ForwardMode.h): dL/dw for entry `index` of the parameter named
// `parameter`, from one forward pass that carries the tangent of that one weight along. The
// same number as backpropagation's, one weight per pass. Throws InvalidArgument for a
// parameter the network lacks or an index outside it, Unsupported for an op forward mode does
// not cover.
double forwardModeDerivative(Sequential& model, const Batch& batch, LossKind loss,
                             TargetEncoding encoding, const Regularization& regularization,
                             const std::string& parameter, Index index);

// Build-then-run (core/StaticGraph.h): the graph of the loss recorded once, on batch `built`,
// then run on batch `fed` (its inputs, targets and labels fed to the placeholders) with the
// weights as they are, its dropout masks drawn from `rng`. The loss equals, bit for bit, a
// define-by-run pass on `fed` whose graph starts from the same random state.
struct StaticReplay {
    double loss = 0;
    int ops = 0; // the nodes of the static graph that compute something
};
StaticReplay staticGraphReplay(Sequential& model, const Batch& built, const Batch& fed,
                               LossKind loss, TargetEncoding encoding,
                               const Regularization& regularization, const std::mt19937_64& rng);

} // namespace gs
