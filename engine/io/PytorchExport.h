// A model as a PyTorch program (docs/interop.md): one readable Python file that rebuilds the
// network as nn.Sequential, loads its weights, loads the same data with the same preprocessing,
// restores the optimizer with its state and the learning-rate schedule, and goes on training
// with the same loss, batch size and seed; or, distributed, the same for torchrun.
#pragma once

#include "ModelFile.h"
#include "data/Features.h"

#include <string>
#include <vector>

namespace gs {

struct PytorchExportOptions {
    std::string name = "model"; // the files' base name: NAME.py, NAME.weights.bin, NAME.train.csv
    bool distributed = false;   // DistributedDataParallel with a DistributedSampler (torchrun)
    std::string dataDir;        // where MNIST was read from (loadData's dataDir)
    FeatureMask features = kRawFeatures; // a session's input features for 2-D points
    // Weights and optimizer buffers of up to this many numbers in all are written into the
    // script; larger ones go beside it, as little-endian float32 (NAME.weights.bin).
    Index embedLimit = 4096;
    // The schedule's epoch where the run was (-1: the epochs its optimizer's steps make).
    int scheduleEpoch = -1;
};

// The shortest Python literal that reads back to the value (as float32 for a float).
std::string pythonNumber(float v);
std::string pythonNumber(double v);
// The tensor's values appended as little-endian float32 (the exports' weight files).
void appendFloat32(std::string& bytes, const Tensor& t);

struct ExportedFile {
    std::string name; // relative to the script's folder
    std::string contents;
};

// The files of the export, the script first. A model without an experiment is exported with
// the network, weights and (if any) optimizer, and a load_data() that says what to provide.
// Throws Unsupported for what PyTorch cannot be given, naming it.
std::vector<ExportedFile> exportPytorch(const LoadedModel& model,
                                        const PytorchExportOptions& options);

// Writes `files` into the folder of `path` (made if need be), each atomically; returns their
// paths.
std::vector<std::string> writeExportFiles(const std::string& path,
                                          const std::vector<ExportedFile>& files);

// Writes an export whose first file is a script: `scriptPath` must end in .py, and its stem
// names the files. What writePytorchExport and writeKerasExport do.
using ScriptExporter = std::vector<ExportedFile> (*)(const LoadedModel&,
                                                     const PytorchExportOptions&);
std::vector<std::string> writeScriptExport(const char* framework, ScriptExporter exporter,
                                           const LoadedModel& model, const std::string& scriptPath,
                                           PytorchExportOptions options);

// Writes the export beside `scriptPath` (which must end in .py; its stem names the files, and
// its folder is made if need be), each file atomically; returns the paths written.
std::vector<std::string> writePytorchExport(const LoadedModel& model, const std::string& scriptPath,
                                            PytorchExportOptions options);

} // namespace gs
