// ONNX models (docs/interop.md), through Debian's ONNX and protobuf libraries: a Gradscope
// network written as an ONNX graph (opset 13) that Netron shows and any ONNX runtime runs, and
// an ONNX model made elsewhere (torch.onnx.export of an MLP or a small CNN) read back as a
// Gradscope network with its weights, ready to train, trace and step through.
#pragma once

#include "ModelFile.h"

#include <string>

namespace gs {

// The ONNX opset the export declares.
constexpr int kOnnxOpset = 13;

// Whether this build reads and writes ONNX (libonnx-dev and libprotobuf-dev when it was built).
bool onnxAvailable();

// The model as a serialised ONNX ModelProto: input "input" [batch, sample...], output
// "output", every parameter an initializer under its state_dict name. Checked with ONNX's own
// checker before it is returned.
std::string onnxFromModel(const Sequential& model, const Shape& sampleShape,
                          const std::string& graphName);
void saveOnnx(const std::string& path, const Sequential& model, const Shape& sampleShape);

// An ONNX model as a Gradscope network: a chain of Gemm/MatMul+Add, Conv, MaxPool, Relu,
// LeakyRelu, Sigmoid, Tanh, Softmax, Flatten, Dropout and Identity nodes over float32
// weights. Anything else is refused as Unsupported naming the op, the node and its place in
// the graph; a malformed file is a JsonError-like IoError naming the file. Nothing is
// half-loaded. The result has no loss, optimizer or experiment.
LoadedModel parseOnnx(const std::string& bytes, const std::string& source);
LoadedModel loadOnnx(const std::string& path);

} // namespace gs
