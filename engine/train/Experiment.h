// An experiment: data, network, loss, optimizer and training length — what a preset file in
// resources/presets describes, what the CLI trains and what the app loads.
#pragma once

#include "Trainer.h"
#include "data/Toy.h"
#include "io/Json.h"

#include <optional>
#include <string>
#include <vector>

namespace gs {

enum class DataSource { Toy, Mnist, FashionMnist, Inline, RandomRegression, Csv, Drawn };

// Points the user brought (a CSV file, or drawn by hand): their classes are known once they are
// read, and the network's output is made to fit them.
constexpr bool userPoints(DataSource s) {
    return s == DataSource::Csv || s == DataSource::Drawn;
}

struct DataSpec {
    DataSource source = DataSource::Toy;
    ToyConfig toy;                  // Toy
    double trainFraction = 0.5;     // Toy, RandomRegression, Csv, Inline (1: no test set)
    Tensor inputs, targets;         // Inline
    Index samples = 100;            // RandomRegression
    Index features = 10;            // RandomRegression
    std::string path;               // Csv
    std::vector<DrawnPoint> points; // Drawn: "points": [[x1, x2, class], ...]
    double mean = 0.5, std = 0.5;   // MNIST-like normalisation
    Index trainLimit = 0;           // use only the first N training samples (0: all)
    std::uint64_t seed = 1;
};

struct Experiment {
    std::string name;
    std::string description;
    DataSpec data;
    std::vector<LayerSpec> layers;
    TrainConfig train;
    int epochs = 10;
    double expectedTestAccuracy = -1; // what the preset should reach (tests check it)
    // A preset that shows a failure (a deep sigmoid network without batch norm): the accuracy
    // it stays at or below; −1 for the others.
    double expectedFailure = -1;
    // The detectors that fire on a full run (train/Detectors.h findingKey: "overfitting", …),
    // for presets that show a failure; the tests check that these, and only these, fire.
    std::vector<std::string> expectedFindings;
};

Experiment experimentFromJson(const Json& json, const std::string& source);
// The text of a preset file, parsed and read (how the built-in presets are read).
Experiment parseExperiment(const std::string& text, const std::string& source);
Json experimentToJson(const Experiment& experiment);

// The message of the DataError thrown where MNIST or Fashion-MNIST is not installed (its
// template: tell it from other errors).
Text missingDataText();

// $GRADSCOPE_DATA, or ~/.local/share/gradscope.
std::string defaultDataDir();
// Where Debian's dataset-fashion-mnist installs the files.
constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// Loads or generates the data. A missing MNIST is a DataError that says how to fetch it.
Split loadData(const DataSpec& spec, const std::string& dataDir);

// The experiment a model trains under when it is opened: its own (a model file's experiment),
// else one whose data fit its input: `current` when its data do (2-D points, say), MNIST's
// (mnist-mlp's settings) for 28×28 images, the spiral for other 2-D points. The layers are the
// model's, the loss and optimizer its own where it has them. Throws InvalidArgument when no
// data set fits the input, saying how to give it one.
struct LoadedModel;
Experiment experimentForModel(const LoadedModel& model, const Experiment* current,
                              const Shape& currentSample);

// The built-in presets (resources/presets/*.json, compiled in), in a fixed order.
const std::vector<Experiment>& presets();
const Experiment* findPreset(const std::string& name);

} // namespace gs
