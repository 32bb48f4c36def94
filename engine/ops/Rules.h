// Backward rules and local derivatives of every op, referenced by the op table (OpTable.cpp).
// Each is defined next to its forward in the op's family file.
#pragma once

#include "core/BackwardContext.h"

namespace gs::rules {

void addBackward(BackwardContext&);
void subBackward(BackwardContext&);
void mulBackward(BackwardContext&);
void divBackward(BackwardContext&);
void negBackward(BackwardContext&);
void absBackward(BackwardContext&);
void expBackward(BackwardContext&);
void logBackward(BackwardContext&);
void powBackward(BackwardContext&);
void activationBackward(BackwardContext&); // every activation (ops/Activations.h)
void dropoutBackward(BackwardContext&);
void matmulBackward(BackwardContext&);
void transposeBackward(BackwardContext&);
void linearBackward(BackwardContext&);
void sumBackward(BackwardContext&);
void meanBackward(BackwardContext&);
void sumAxisBackward(BackwardContext&);
void meanAxisBackward(BackwardContext&);
void softmaxBackward(BackwardContext&);
void logSoftmaxBackward(BackwardContext&);
void reshapeBackward(BackwardContext&);
void concatBackward(BackwardContext&);
void mseLossBackward(BackwardContext&);
void crossEntropyBackward(BackwardContext&);
void bceWithLogitsBackward(BackwardContext&);
void conv2dBackward(BackwardContext&);
void maxPool2dBackward(BackwardContext&);
void avgPool2dBackward(BackwardContext&);
void globalAvgPool2dBackward(BackwardContext&);
void batchNormBackward(BackwardContext&);
void layerNormBackward(BackwardContext&);
void customBackward(BackwardContext&);

// d(output)/d(input) elementwise, for the step-through's "local derivative".
bool binaryLocal(const Graph&, const Node&, int slot, Tensor& out);
bool unaryLocal(const Graph&, const Node&, int slot, Tensor& out);

} // namespace gs::rules
