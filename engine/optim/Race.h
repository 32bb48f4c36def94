// The optimizer race: the classic 2-D test functions, and every optimizer started from one
// point on them. Each racer is an ordinary Optimizer over a two-element Parameter (x, y), its
// gradient set from the function's analytic derivative, so the paths drawn are exactly what the
// training optimizers would do on that surface.
#pragma once

#include "Optimizer.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gs {

enum class RaceFunction { Bowl, Rosenbrock, Beale, Saddle, Count };

struct RaceSurface {
    const char* name;              // "rosenbrock"
    const char* label;             // "Rosenbrock"
    const char* formula;           // "(1 − x)² + 100·(y − x²)²"
    double xMin, xMax, yMin, yMax; // the window drawn
    double startX, startY;         // the classic start
    double minimumX, minimumY;     // where the global minimum is (the saddle: its saddle point)
    double suggestedLearningRate;  // for plain SGD to make progress without diverging
};

const RaceSurface& raceSurface(RaceFunction function);
std::optional<RaceFunction> raceFunctionFromName(const std::string& name);

// f(x, y) and its gradient, in double precision.
double raceValue(RaceFunction function, double x, double y);
std::array<double, 2> raceGradient(RaceFunction function, double x, double y);

struct RacePoint {
    double x = 0, y = 0, value = 0;
};

// One optimizer's run: its configuration, label and path (the start, then one point per step).
struct Racer {
    Message label; // optimizerLabel()
    OptimizerConfig config;
    std::vector<RacePoint> path;
    bool diverged = false; // ran off to infinity (|x| or |y| above 1e6); the path stops there
};

// The field of racers: SGD, momentum (0.9), Nesterov (0.9), Adagrad, RMSprop and Adam, each
// with PyTorch's defaults and the one learning rate given, so the race is fair: the adaptive
// ones take steps of about lr whatever the gradient's size; SGD's steps scale with it.
std::vector<OptimizerConfig> raceField(double learningRate);

class Race {
public:
    Race(RaceFunction function, double startX, double startY, std::vector<OptimizerConfig> configs);

    // Advances every racer that has not diverged by `steps` optimizer steps.
    void step(int steps = 1);
    long steps() const { return m_steps; }
    RaceFunction function() const { return m_function; }
    const std::vector<Racer>& racers() const { return m_racers; }

private:
    struct Runner {
        Runner(Parameter start, const OptimizerConfig& config)
            : position(std::move(start))
            , optimizer({&position}, config) {}
        Parameter position; // (x, y): declared first, the optimizer points at it
        Optimizer optimizer;
    };
    RaceFunction m_function;
    std::vector<Racer> m_racers;
    std::vector<std::unique_ptr<Runner>> m_runners;
    long m_steps = 0;
};

} // namespace gs
