// A model for Keras (TensorFlow 2) and TensorFlow.js (docs/interop.md): the Keras model format
// tf.loadLayersModel reads (NAME.tfjs/model.json and its weights), and a Python script that
// rebuilds the same network as keras.Sequential, loads those weights and goes on training on
// the same data. Keras is channels-last: images are [height, width, channels], convolution
// kernels [kH, kW, in, out], and the first dense layer after a flatten takes its inputs in that
// order, so the weights are rearranged to give the same outputs.
#pragma once

#include "PytorchExport.h"

namespace gs {

// The files, the script first (NAME.py, NAME.tfjs/model.json, NAME.tfjs/weights.bin, and the
// data as for PyTorch). Throws Unsupported for a layer Keras is
// not given.
std::vector<ExportedFile> exportKeras(const LoadedModel& model,
                                      const PytorchExportOptions& options);

// Writes the export beside `scriptPath` (ending in .py), as writePytorchExport does.
std::vector<std::string> writeKerasExport(const LoadedModel& model, const std::string& scriptPath,
                                          PytorchExportOptions options);

} // namespace gs
