#include "Race.h"

#include "core/Errors.h"

#include <cmath>

namespace gs {

namespace {

// clang-format off
const RaceSurface kSurfaces[] = {
    {"bowl", "Quadratic bowl", "x² + 10·y²", -5, 5, -3, 3, -4.5, 2.5, 0, 0, 0.04},
    {"rosenbrock", "Rosenbrock", "(1 − x)² + 100·(y − x²)²", -2, 2, -1, 3, -1.5, 2.5, 1, 1, 0.001},
    {"beale", "Beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
     -4.5, 4.5, -4.5, 4.5, 0.7, 1.4, 3, 0.5, 0.01},
    {"saddle", "Saddle", "x² − y²", -5, 5, -5, 5, 4.5, 0.01, 0, 0, 0.05},
};
// clang-format on
static_assert(std::size(kSurfaces) == static_cast<std::size_t>(RaceFunction::Count));

constexpr double kRunaway = 1e6;

} // namespace

const RaceSurface& raceSurface(RaceFunction function) {
    const auto i = static_cast<std::size_t>(function);
    if (i >= std::size(kSurfaces)) throw InvalidArgument(Engine::tr("no such race function"));
    return kSurfaces[i];
}

std::optional<RaceFunction> raceFunctionFromName(const std::string& name) {
    for (int i = 0; i < static_cast<int>(RaceFunction::Count); ++i)
        if (name == kSurfaces[i].name) return static_cast<RaceFunction>(i);
    return std::nullopt;
}

double raceValue(RaceFunction function, double x, double y) {
    switch (function) {
    case RaceFunction::Bowl:
        return x * x + 10 * y * y;
    case RaceFunction::Rosenbrock:
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    case RaceFunction::Beale: {
        const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
        return a * a + b * b + c * c;
    }
    case RaceFunction::Saddle:
        return x * x - y * y;
    case RaceFunction::Count:
        break;
    }
    throw InvalidArgument(Engine::tr("no such race function"));
}

std::array<double, 2> raceGradient(RaceFunction function, double x, double y) {
    switch (function) {
    case RaceFunction::Bowl:
        return {2 * x, 20 * y};
    case RaceFunction::Rosenbrock:
        return {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
    case RaceFunction::Beale: {
        const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
        return {2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
                2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y};
    }
    case RaceFunction::Saddle:
        return {2 * x, -2 * y};
    case RaceFunction::Count:
        break;
    }
    throw InvalidArgument(Engine::tr("no such race function"));
}

std::vector<OptimizerConfig> raceField(double learningRate) {
    const auto withRate = [&](OptimizerConfig config) {
        config.learningRate = static_cast<Scalar>(learningRate);
        return config;
    };
    std::vector<OptimizerConfig> field;
    for (const OptimizerChoice& choice : optimizerChoices())
        if (choice.inRace) field.push_back(withRate(*OptimizerConfig::fromName(choice.name)));
    return field;
}

Race::Race(RaceFunction function, double startX, double startY,
           std::vector<OptimizerConfig> configs)
    : m_function(function) {
    raceSurface(function); // validates
    if (!std::isfinite(startX) || !std::isfinite(startY))
        throw InvalidArgument(Engine::tr("the race needs a finite start point"));
    for (const OptimizerConfig& config : configs) {
        config.validate();
        auto runner = std::make_unique<Runner>(
            Parameter("xy",
                      Tensor(Shape{2}, {static_cast<Scalar>(startX), static_cast<Scalar>(startY)})),
            config);
        Racer racer;
        racer.label = optimizerLabel(config);
        racer.config = config;
        const double x = runner->position.value[0], y = runner->position.value[1];
        racer.path.push_back({x, y, raceValue(function, x, y)});
        m_racers.push_back(std::move(racer));
        m_runners.push_back(std::move(runner));
    }
}

void Race::step(int steps) {
    for (int s = 0; s < steps; ++s) {
        for (std::size_t i = 0; i < m_runners.size(); ++i) {
            Racer& racer = m_racers[i];
            if (racer.diverged) continue;
            Parameter& position = m_runners[i]->position;
            const auto g = raceGradient(m_function, position.value[0], position.value[1]);
            position.grad[0] = static_cast<Scalar>(g[0]);
            position.grad[1] = static_cast<Scalar>(g[1]);
            m_runners[i]->optimizer.step();
            const double x = position.value[0], y = position.value[1];
            if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > kRunaway ||
                std::abs(y) > kRunaway) {
                racer.diverged = true;
                continue;
            }
            racer.path.push_back({x, y, raceValue(m_function, x, y)});
        }
        ++m_steps;
    }
}

} // namespace gs
