// gradscope-bench-toy: optimizer steps per second on the small networks of the interactive
// regime, where per-op overhead is everything. Prints one JSON line per run.
//
//   gradscope-bench-toy ce     2-8-8-2, tanh, cross-entropy, 500 spiral points, batch 10, SGD
//   gradscope-bench-toy mse    2-8-8-1, tanh hidden and output, MSE (labels ±1), 250 training
//                              points, batch 10, SGD: TensorFlow Playground's set-up
//   gradscope-bench-toy ce|mse STEPS record
//                              the same with the app's recorder keeping every step's state
//                              (train/Recorder.h, its default budget), as the app does
#include "data/Toy.h"
#include "train/Recorder.h"
#include "train/Trainer.h"

#include <chrono>
#include <cstdio>
#include <cstring>

using namespace gs;

int main(int argc, char** argv) {
    const bool mse = argc > 1 && std::strcmp(argv[1], "mse") == 0;
    const long steps = argc > 2 ? std::atol(argv[2]) : 100000;
    const Dataset all = makeToyDataset({ToyKind::Spiral, 500, 0.0, 1});
    const Split split = splitDataset(all, 0.5, 1);
    const Dataset& train = mse ? split.train : all;
    std::vector<LayerSpec> layers = {LayerSpec::linear(2, 8), LayerSpec::of(Activation::Tanh),
                                     LayerSpec::linear(8, 8), LayerSpec::of(Activation::Tanh),
                                     LayerSpec::linear(8, mse ? 1 : 2)};
    if (mse) layers.push_back(LayerSpec::of(Activation::Tanh));
    Sequential model(layers, 1);
    TrainConfig config;
    config.loss = mse ? LossKind::MSE : LossKind::CrossEntropy;
    config.optimizer = OptimizerConfig::defaults(OptimizerKind::SGD);
    config.optimizer.learningRate = Scalar(mse ? 0.015 : 0.03);
    config.batchSize = 10;
    Trainer trainer(model, train, nullptr, config);
    const bool record = argc > 3 && std::strcmp(argv[3], "record") == 0;
    Recorder recorder;
    if (record) trainer.setStepEndObserver([&] { recorder.record(trainer); });
    trainer.runSteps(1000); // warm up: buffers reach their sizes
    const auto start = std::chrono::steady_clock::now();
    trainer.runSteps(steps);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"network\":\"%s\",\"recorded\":%s,\"steps\":%ld,\"seconds\":%.6f,"
                "\"steps_per_s\":%.0f,\"recording_bytes\":%zu}\n",
                mse ? "2-8-8-1 tanh mse" : "2-8-8-2 tanh ce", record ? "true" : "false", steps,
                seconds, double(steps) / seconds, recorder.bytes());
    return 0;
}
