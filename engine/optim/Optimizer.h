// Optimizers with exactly PyTorch's update rules and defaults (torch.optim, single-tensor
// implementations, version 1.13), so a run can be reproduced step for step there.
//
// One class, one switch: the rules read side by side in Optimizer.cpp, each under a comment
// with its formula. Per-parameter state is exposed with PyTorch's buffer names
// ("momentum_buffer", "exp_avg", "exp_avg_sq", "square_avg", "grad_avg", "sum") together with
// the last update applied (Δw), for the app's optimizer view.
#pragma once

#include "backend/Kernels.h"
#include "core/Parameter.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gs {

enum class OptimizerKind { SGD, Adam, AdamW, RMSprop, Adagrad, Count };

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
    // "sgd", "momentum" (SGD, 0.9), "nesterov" (SGD, 0.9, Nesterov), "adam", "adamw",
    // "rmsprop", "adagrad"; nullopt for anything else.
    static std::optional<OptimizerConfig> fromName(const std::string& name);
    // Throws InvalidArgument naming the setting that is out of range.
    void validate() const;
};

const char* optimizerKindName(OptimizerKind kind);
Message optimizerLabel(const OptimizerConfig& config); // "SGD (momentum 0.9, Nesterov)"
// The update rule in the notation of PyTorch's documentation, with this configuration's
// options: "w ← w − lr·g" for plain SGD; momentum, Adam's m, v, m̂, v̂, ... for the others.
// Its only words are kFirstStepNote's (in brackets), which the UI shows translated.
std::string updateRule(const OptimizerConfig& config);
inline constexpr const char* kFirstStepNote = Engine::tr("b = g at the first step").source;

// The state buffers a configuration keeps for each parameter, in slot order, with PyTorch's
// names and their starting values: what Optimizer::step makes at the first step, and what a
// device step (train/DeviceStep.h) keeps on the device.
struct OptimizerBuffer {
    const char* name;
    Scalar initial;
};
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

    // One update from the parameters' accumulated gradients.
    void step();
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
    Tensor& buffer(std::size_t index, int slot, const char* name, Scalar initial = 0);

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
