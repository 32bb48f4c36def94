// Losses of a whole network's output against a batch, with the target encoding each needs,
// L1/L2 regularisation of the weights, and accuracy.
//
// Target encodings (chosen from the loss, the data and the network's output width):
//   cross-entropy        class indices; the network outputs one logit per class
//   BCE with logits      0/1 labels of a two-class set; one output
//   MSE, regression      the targets as they are
//   MSE, classes, 1 out  labels as −1/+1 (TensorFlow Playground's square loss with tanh)
//   MSE, classes, C out  one-hot rows
#pragma once

#include "core/Graph.h"
#include "data/DataLoader.h"
#include "nn/Sequential.h"

#include <optional>
#include <string>

namespace gs {

enum class LossKind { MSE, CrossEntropy, BCEWithLogits, Count };

const char* lossKindName(LossKind kind); // "mse", "cross_entropy", "bce_with_logits"
std::optional<LossKind> lossKindFromName(const std::string& name);

enum class TargetEncoding { Values, ClassIndex, ZeroOne, PlusMinusOne, OneHot };

// How `loss` reads targets for `data` when the network has `outputs` outputs; throws
// InvalidArgument saying what does not fit ("cross-entropy needs one output per class: ...").
TargetEncoding targetEncoding(LossKind loss, const Dataset& data, Index outputs);

// Makes a network's output and loss fit `data` where they do not (targetEncoding() would
// refuse them): a classification set gets one output per class under cross-entropy (a binary
// cross-entropy stays, with one output, on two classes), a regression set one output per target
// under MSE. The last Linear layer takes the new width and the layers after it (an output
// activation, which the new loss may not want) go. Returns whether anything changed; a network
// that does not end in a Linear layer and activations is left as it is, its error to be said.
bool fitOutputs(std::vector<LayerSpec>& layers, LossKind& loss, const Dataset& data);

struct Regularization {
    Scalar l1 = 0;
    Scalar l2 = 0;
};

// The targets of `batch` under an encoding that needs them written out (PlusMinusOne, ZeroOne,
// OneHot) for an output of shape `output`, into `out`.
void encodeTargets(TargetEncoding encoding, const Batch& batch, const Shape& output, Tensor& out);

// Records the loss of `output` against `batch` into the graph; `scratch` holds encoded
// targets between calls so that nothing is allocated once shapes are stable.
Var recordLoss(Graph& graph, LossKind loss, TargetEncoding encoding, const Var& output,
               const Batch& batch, Tensor& scratch);

// Adds l1·Σ|W| + l2·ΣW² over the weights (not the biases) of the model, if either is set.
Var addRegularization(Graph& graph, const Var& loss, const Sequential& model,
                      const Regularization& regularization);

// How many rows of `output` predict their label under `encoding`.
Index countCorrect(const Tensor& output, const std::vector<int>& labels, TargetEncoding encoding);
// The predicted class of row `row`.
int predictedClass(const Tensor& output, Index row, TargetEncoding encoding);

} // namespace gs
