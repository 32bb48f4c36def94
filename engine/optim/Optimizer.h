// Optimizers with exactly PyTorch's update rules and defaults (torch.optim, single-tensor
// implementations, version 1.13), so a run can be reproduced step for step there.
//
// Each optimizer is defined once: its arithmetic, one weight at a time, in backend/Kernels.h
// (shared with the CUDA backend), and everything else about it (its names in files, the CLI,
// PyTorch and Keras, its defaults, settings, state buffers and update rule in words) in one entry
// of the table in Optimizer.cpp, which the app's lists, the readers, the exporters and the race
// read. Per-parameter state is exposed with PyTorch's buffer names ("momentum_buffer",
// "exp_avg", "exp_avg_sq", "exp_inf", "square_avg", "grad_avg", "sum") together with the last
// update applied (Δw), for the app's optimizer view.
#pragma once

#include "backend/Kernels.h"
#include "core/Parallel.h"
#include "core/Parameter.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs {

// In kernels::OptimizerRule's order, from the same list.
#define GS_OPTIMIZER_KIND_ENUM(R) R,
enum class OptimizerKind { GS_OPTIMIZER_RULES(GS_OPTIMIZER_KIND_ENUM) Count };
#undef GS_OPTIMIZER_KIND_ENUM

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::SGD;
    Scalar learningRate = Scalar(0.01);
    Scalar weightDecay = 0;
    // SGD
    Scalar momentum = 0; // also RMSprop's
    Scalar dampening = 0;
    bool nesterov = false;
    // Adam, AdamW
    Scalar beta1 = Scalar(0.9);
    Scalar beta2 = Scalar(0.999);
    Scalar eps = Scalar(1e-8);
    // RMSprop
    Scalar alpha = Scalar(0.99);
    bool centered = false;
    // Adagrad
    Scalar learningRateDecay = 0;
    Scalar initialAccumulator = 0;

    // PyTorch's defaults for each optimizer (SGD has none for lr there; 0.01 here).
    static OptimizerConfig defaults(OptimizerKind kind);
    // A choice's name (optimizerChoices()): "sgd", "momentum" (SGD, 0.9), "nesterov" (SGD, 0.9,
    // Nesterov), "adam", ...; nullopt for anything else.
    static std::optional<OptimizerConfig> fromName(const std::string& name);
    // Throws InvalidArgument naming the setting that is out of range.
    void validate() const;
};

// The state buffers a configuration keeps for each parameter, in slot order, with PyTorch's
// names and their starting values: what Optimizer::step makes at the first step, and what a
// device step (train/DeviceStep.h) keeps on the device.
struct OptimizerBuffer {
    const char* name;
    Scalar initial;
};

// A setting of OptimizerConfig besides the learning rate and weight decay, under its names in
// the model file and the CLI, in torch.optim and in keras.optimizers.
struct OptimizerSetting {
    const char* key;     // "beta1"
    const char* pytorch; // "betas": two settings in a row with one name make a tuple
    const char* keras;   // "beta_1"; nullptr where Keras has none
    Scalar OptimizerConfig::*number = nullptr;
    bool OptimizerConfig::*flag = nullptr; // the setting is a switch (nesterov, centered)
};
// Every setting, for the readers; one by its key (an InvalidArgument for no such key).
const std::vector<OptimizerSetting>& optimizerSettings();
const OptimizerSetting& optimizerSetting(std::string_view key);

// Everything about one optimizer but its arithmetic (backend/Kernels.h).
struct OptimizerInfo {
    OptimizerKind kind;
    const char* name;    // in files and the CLI: "adam"
    const char* label;   // "Adam"
    const char* pytorch; // torch.optim's class
    const char* keras;   // keras.optimizers' class, the nearest where Keras has no equal
    // PyTorch's defaults where they are not OptimizerConfig's (SGD has no default lr there).
    Scalar learningRate;
    Scalar weightDecay;
    Scalar eps;
    // The settings it reads besides lr and weight_decay, by key, in torch.optim's order.
    std::vector<const char*> settings;
    // Its state buffers for this configuration, in slot order (optimizerBuffers()).
    std::vector<OptimizerBuffer> (*buffers)(const OptimizerConfig&);
    // Its update rule in PyTorch's notation after "g = ∇w; " (or with weight decay), which is g.
    std::string (*rule)(const OptimizerConfig&, const std::string& g);
    bool pytorchStep; // PyTorch keeps a "step" in its state
    bool biasCorrected; // exp_avg (and exp_avg_sq) are divided by 1 − βᵗ: the step-through shows m̂,
                        // v̂
};
const OptimizerInfo& optimizerInfo(OptimizerKind kind);

// What the app's list, the CLI and the race offer: each optimizer by its name, and SGD with
// momentum 0.9 ("momentum") and Nesterov momentum ("nesterov").
struct OptimizerChoice {
    const char* name;
    Message label;
    bool inRace; // the race runs it (AdamW's decay and Adamax add nothing on a 2-D function)
};
const std::vector<OptimizerChoice>& optimizerChoices();
std::string optimizerChoiceNames(); // "sgd, momentum, nesterov, adam, …", for messages
// The choice a configuration is: "nesterov" for SGD with Nesterov momentum.
std::string optimizerChoiceOf(const OptimizerConfig& config);
// The settings of this configuration's kind as Python keyword arguments of torch.optim's class
// (pytorch) or keras.optimizers' (else), after lr: ", momentum=0.9, nesterov=True".
std::string optimizerArguments(const OptimizerConfig& config, bool pytorch,
                               std::string (*number)(double));

const char* optimizerKindName(OptimizerKind kind);
Message optimizerLabel(const OptimizerConfig& config); // "SGD (momentum 0.9, Nesterov)"
// The update rule in the notation of PyTorch's documentation, with this configuration's
// options: "w ← w − lr·g" for plain SGD; momentum, Adam's m, v, m̂, v̂, ... for the others.
// Its only words are kFirstStepNote's (in brackets), which the UI shows translated.
std::string updateRule(const OptimizerConfig& config);
inline constexpr const char* kFirstStepNote = Engine::tr("b = g at the first step").source;

// The state buffers a configuration keeps for each parameter (its kind's OptimizerInfo::buffers).
std::vector<OptimizerBuffer> optimizerBuffers(const OptimizerConfig& config);

// Sets the optimizer's part of the values the element functions read (backend/Kernels.h) for
// step `step` (from 1) of this configuration; `first`: the parameter's state is new.
void setStepValues(kernels::StepValues<Scalar>& values, const OptimizerConfig& config, long step,
                   bool first);

struct OptimizerState {
    std::vector<std::pair<std::string, Tensor>> buffers; // PyTorch's names
    Tensor lastUpdate;                                   // Δw of the last step
};

class Optimizer {
public:
    Optimizer(std::vector<Parameter*> parameters, OptimizerConfig config);

    // One update from the parameters' accumulated gradients. A parameter is split across the
    // engine's threads in parts of at least `grain` elements (core/Parallel.h), or, with
    // `parts`, a parameter of `grain` elements or more into that many equal ranges (a
    // data-parallel step's, so that each thread updates the same range every step): the same
    // bits whatever the split. With `align` (one entry per parameter, else ignored), only the
    // parameters whose entry is not 0 are split into `parts`, with range bounds multiples of it (a
    // step split by units: each thread updates the rows of the units it computes).
    void step(Index grain = kParallelElements, int parts = 0, std::span<const Index> align = {});
    // The largest magnitude among parameter `index`'s weights after the last step (NaN if one
    // is NaN): the divergence check, found in the update's own pass.
    Scalar largestWeight(std::size_t index) const { return m_largestWeight.at(index); }
    // Sets every parameter's gradient to zero (optimizer.zero_grad()).
    void zeroGrad();

    const OptimizerConfig& config() const { return m_config; }
    // Changes settings without losing state (a live learning-rate change). Changing the kind
    // starts its state afresh.
    void setConfig(const OptimizerConfig& config);
    void setLearningRate(Scalar learningRate);
    long steps() const { return m_steps; }
    const std::vector<Parameter*>& parameters() const { return m_parameters; }
    const OptimizerState& state(std::size_t index) const { return m_state.at(index); }
    // Replaces the state (loading a saved run); buffers must match the parameters' shapes.
    void setState(long steps, std::vector<OptimizerState> state);
    void resetState();

private:
    // Puts parameter `index`'s buffers in the slots the rules read them from, by name,
    // making those that do not exist yet.
    void arrangeBuffers(std::size_t index, const std::vector<OptimizerBuffer>& made);

    std::vector<Parameter*> m_parameters;
    OptimizerConfig m_config;
    std::vector<OptimizerState> m_state;
    long m_steps = 0;
    std::vector<Scalar> m_largestWeight;
};

// Learning-rate schedules, evaluated per epoch as PyTorch's schedulers are stepped.
enum class ScheduleKind { Constant, Step, Exponential, Cosine, Count };

struct Schedule {
    ScheduleKind kind = ScheduleKind::Constant;
    int stepSize = 10; // Step: multiply by gamma every stepSize epochs
    Scalar gamma = Scalar(0.1);
    int maxEpochs = 100;        // Cosine: T_max
    Scalar minLearningRate = 0; // Cosine: eta_min

    Scalar learningRate(Scalar base, int epoch) const;
    // Whether the schedule has run its course by `epoch` (epochs since it began): cosine at
    // T_max, where it stops changing; step and exponential once η is under a thousandth of the
    // base rate (kScheduleEndFraction), where training has all but stopped. Constant never ends.
    bool ended(int epoch) const;
    // Throws InvalidArgument naming the setting that is out of range.
    void validate() const;
    static std::optional<ScheduleKind> kindFromName(const std::string& name);
    bool operator==(const Schedule&) const = default;
};

// Step and exponential schedules end when η falls below this fraction of the base rate.
constexpr double kScheduleEndFraction = 1e-3;

const char* scheduleKindName(ScheduleKind kind);
// In words, for the toolbar and the CLI: "constant", "× 0.1 every 10 epochs",
// "× 0.95 every epoch", "cosine to 0 over 200 epochs".
std::string describeSchedule(const Schedule& schedule);

} // namespace gs
