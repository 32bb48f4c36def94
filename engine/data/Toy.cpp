#include "Toy.h"

#include "core/Names.h"

#include "Csv.h"
#include "io/Files.h"

#include <cmath>
#include <numbers>

namespace gs {

namespace {
constexpr const char* kNames[] = {"spiral", "circles", "xor",           "gaussians", "moons",
                                  "blobs",  "plane",   "gaussian-bump", "sine"};
static_assert(std::size(kNames) == static_cast<std::size_t>(ToyKind::Count));

constexpr double kPi = std::numbers::pi;

struct Builder {
    std::mt19937_64 rng;
    std::vector<Scalar> xs;
    std::vector<int> labels;
    std::vector<Scalar> ys;

    double uniform(double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng); }
    double normal(double mean, double sd) { return std::normal_distribution<>(mean, sd)(rng); }
    void point(double x1, double x2, int label) {
        xs.push_back(static_cast<Scalar>(x1));
        xs.push_back(static_cast<Scalar>(x2));
        labels.push_back(label);
    }
    void value(double x1, double x2, double y) {
        xs.push_back(static_cast<Scalar>(x1));
        xs.push_back(static_cast<Scalar>(x2));
        ys.push_back(static_cast<Scalar>(y));
    }
};
} // namespace

const char* toyKindName(ToyKind kind) {
    return kNames[static_cast<int>(kind)];
}

std::optional<ToyKind> toyKindFromName(const std::string& name) {
    return enumFromName<ToyKind>(kNames, name);
}

bool isRegression(ToyKind kind) {
    return kind == ToyKind::Plane || kind == ToyKind::GaussianBump || kind == ToyKind::Sine;
}

bool hasClassCount(ToyKind kind) {
    return kind == ToyKind::Spiral || kind == ToyKind::Blobs;
}

Dataset makeToyDataset(const ToyConfig& c) {
    if (c.samples < 2 || c.samples > 1'000'000)
        throw InvalidArgument(Engine::tr("a toy data set needs 2 to 1,000,000 samples, got {1}"),
                              c.samples);
    if (!(c.noise >= 0 && c.noise <= 1))
        throw InvalidArgument(Engine::tr("noise must be between 0 and 1, got {1}"),
                              std::to_string(c.noise));
    const int classes = c.classes;
    if (hasClassCount(c.kind) ? classes < 2 || classes > kMaxToyClasses : classes != 2)
        throw InvalidArgument(hasClassCount(c.kind)
                                  ? Engine::tr("the {1} data set has 2 to {3} classes, not {2}")
                                  : Engine::tr("the {1} data set has 2 classes, not {2}"),
                              toyKindName(c.kind), classes, kMaxToyClasses);
    if (c.samples < classes)
        throw InvalidArgument(Engine::tr("{1} classes need at least {1} samples, got {2}"), classes,
                              c.samples);
    Builder b{std::mt19937_64(c.seed), {}, {}, {}};
    const Index n = c.samples;
    const double noise = c.noise;
    switch (c.kind) {
    case ToyKind::Spiral: // interleaved arms, two as in Playground's classifySpiralData
        for (int arm = 0; arm < classes; ++arm) {
            const Index perArm = n / classes;
            for (Index i = 0; i < perArm + (arm < n % classes ? 1 : 0); ++i) {
                const double r = double(i) / double(perArm) * 5;
                const double t =
                    1.75 * double(i) / double(perArm) * 2 * kPi + arm * 2 * kPi / classes;
                b.point(r * std::sin(t) + b.uniform(-1, 1) * noise,
                        r * std::cos(t) + b.uniform(-1, 1) * noise, arm);
            }
        }
        break;
    case ToyKind::Circles: // a disc inside a ring (classifyCircleData)
        for (Index i = 0; i < n; ++i) {
            const bool inner = i < n / 2;
            const double r = inner ? b.uniform(0, 2.5) : b.uniform(3.5, 5);
            const double angle = b.uniform(0, 2 * kPi);
            const double x1 = r * std::sin(angle) + b.uniform(-5, 5) * noise;
            const double x2 = r * std::cos(angle) + b.uniform(-5, 5) * noise;
            b.point(x1, x2, std::hypot(x1, x2) < 3 ? 1 : 0);
        }
        break;
    case ToyKind::Xor: // quadrants (classifyXORData)
        for (Index i = 0; i < n; ++i) {
            double x1 = b.uniform(-5, 5), x2 = b.uniform(-5, 5);
            x1 += x1 > 0 ? 0.3 : -0.3; // keep points off the axes
            x2 += x2 > 0 ? 0.3 : -0.3;
            const int label = x1 * x2 >= 0 ? 1 : 0;
            b.point(x1 + b.uniform(-5, 5) * noise, x2 + b.uniform(-5, 5) * noise, label);
        }
        break;
    case ToyKind::Gaussians: { // two blobs (classifyTwoGaussData)
        const double sd = std::sqrt(0.5 + 3.5 * noise);
        for (Index i = 0; i < n; ++i) {
            const int label = i < n / 2 ? 1 : 0;
            const double centre = label ? 2 : -2;
            b.point(b.normal(centre, sd), b.normal(centre, sd), label);
        }
        break;
    }
    case ToyKind::Moons: // two half circles (scikit-learn's make_moons, scaled to ±6)
        for (Index i = 0; i < n; ++i) {
            const int label = i < n / 2 ? 0 : 1;
            const double t = b.uniform(0, kPi);
            const double x1 = label ? 1 - std::cos(t) : std::cos(t);
            const double x2 = label ? 0.5 - std::sin(t) : std::sin(t);
            b.point((x1 - 0.5) * 3 + b.normal(0, 0.6 * noise + 1e-9),
                    (x2 - 0.25) * 3 + b.normal(0, 0.6 * noise + 1e-9), label);
        }
        break;
    case ToyKind::Blobs: { // Gaussian clouds on a circle, one per class, in turn
        const double sd = std::sqrt(0.4 + 2.6 * noise);
        for (Index i = 0; i < n; ++i) {
            const int label = static_cast<int>(i % classes);
            const double angle = kPi / 2 + 2 * kPi * label / classes;
            b.point(3.5 * std::cos(angle) + b.normal(0, sd),
                    3.5 * std::sin(angle) + b.normal(0, sd), label);
        }
        break;
    }
    case ToyKind::Plane: // y = (x1 + x2) / 10 (regressPlane)
        for (Index i = 0; i < n; ++i) {
            const double x1 = b.uniform(-6, 6), x2 = b.uniform(-6, 6);
            b.value(x1, x2, (x1 + x2) / 10 + b.uniform(-1, 1) * noise * 0.5);
        }
        break;
    case ToyKind::GaussianBump: // a bump at the centre, a dip at two corners (regressGaussian)
        for (Index i = 0; i < n; ++i) {
            const double x1 = b.uniform(-6, 6), x2 = b.uniform(-6, 6);
            const auto bump = [&](double cx, double cy, double sign) {
                return sign * std::exp(-((x1 - cx) * (x1 - cx) + (x2 - cy) * (x2 - cy)) / 8);
            };
            const double y = bump(0, 0, 1) + bump(-4, 4, -1) + bump(4, -4, -1);
            b.value(x1, x2, y + b.uniform(-1, 1) * noise * 0.5);
        }
        break;
    case ToyKind::Sine: // y = sin(x1), x2 = 0: a 1-D curve drawn on the plane
        for (Index i = 0; i < n; ++i) {
            const double x1 = b.uniform(-6, 6);
            b.value(x1, 0, std::sin(x1) + b.uniform(-1, 1) * noise * 0.5);
        }
        break;
    case ToyKind::Count:
        break;
    }
    Dataset d;
    d.name = toyKindName(c.kind);
    const Index count = static_cast<Index>(b.xs.size() / 2);
    d.inputs = Tensor({count, 2}, std::move(b.xs));
    if (isRegression(c.kind)) {
        d.targets = Tensor({count, 1}, std::move(b.ys));
    } else {
        d.classes = classes;
        d.labels = std::move(b.labels);
        for (int k = 0; k < classes; ++k)
            d.classNames.push_back(std::to_string(k));
    }
    return d;
}

Dataset loadPointsCsv(const std::string& path) {
    return withMemoryNote(path, [&] { return parsePointsCsv(readCsvFile(path), path); });
}

int drawnClassCount(const std::vector<DrawnPoint>& points) {
    int classes = 2;
    for (const DrawnPoint& p : points)
        classes = std::max(classes, p.label + 1);
    return classes;
}

Dataset drawnDataset(const std::vector<DrawnPoint>& points) {
    if (points.empty())
        throw DataError(Engine::tr("No points drawn yet: click on the output view to add some "
                                   "(the right button erases)."));
    if (Index(points.size()) > kMaxDrawnPoints)
        throw DataError(Engine::tr("{1} drawn points are more than the {2} a drawn set holds"),
                        points.size(), kMaxDrawnPoints);
    Dataset d;
    d.name = "drawn";
    d.classes = drawnClassCount(points);
    d.inputs.resize({Index(points.size()), 2});
    for (std::size_t i = 0; i < points.size(); ++i) {
        const DrawnPoint& p = points[i];
        const auto inPlane = [](float v) { return std::isfinite(v) && std::abs(v) <= 6; };
        if (!inPlane(p.x1) || !inPlane(p.x2))
            throw DataError(
                Engine::tr("drawn point {1} at ({2}, {3}) is outside the plane [−6, 6]²"), i + 1,
                std::to_string(p.x1), std::to_string(p.x2));
        if (p.label < 0 || p.label >= kMaxToyClasses)
            throw DataError(
                Engine::tr("drawn point {1} is of class {2}; classes run from 0 to {3}"), i + 1,
                p.label, kMaxToyClasses - 1);
        d.inputs[Index(2 * i)] = p.x1;
        d.inputs[Index(2 * i + 1)] = p.x2;
        d.labels.push_back(p.label);
    }
    return d;
}

Dataset parsePointsCsv(const std::string& text, const std::string& source) {
    std::vector<std::string> header;
    const std::vector<CsvRow> rows = parseNumberCsv(text, source, &header);
    if (rows.size() < 2)
        throw DataError(Engine::tr("{1}: needs at least 2 points, found {2}"), source, rows.size());
    if (rows.front().values.size() != 3)
        throw DataError(
            Engine::tr("{1} line {2}: expected 3 values (x1,x2,label or x1,x2,y), got {3}"), source,
            rows.front().line, rows.front().values.size());
    // Whole numbers from 0 to 99 make a classification set; anything else, regression.
    // (Compared as doubles first: casting 1e300 to int would be undefined.)
    bool integers = true;
    for (const CsvRow& r : rows) {
        const double v = r.values[2];
        integers = integers && v >= 0 && v == std::floor(v) && v < 100;
    }
    int maxLabel = 0;
    if (integers)
        for (const CsvRow& r : rows)
            maxLabel = std::max(maxLabel, r.integer(2, source, 0, 99));
    Dataset d;
    d.name = source;
    d.columnNames = std::move(header);
    const auto count = static_cast<Index>(rows.size());
    d.inputs.resize({count, 2});
    for (Index i = 0; i < count; ++i) {
        d.inputs[2 * i] = static_cast<Scalar>(rows[static_cast<std::size_t>(i)].values[0]);
        d.inputs[2 * i + 1] = static_cast<Scalar>(rows[static_cast<std::size_t>(i)].values[1]);
    }
    if (integers && maxLabel >= 1) {
        d.classes = maxLabel + 1;
        for (const CsvRow& r : rows)
            d.labels.push_back(r.integer(2, source, 0, 99));
        for (int k = 0; k < d.classes; ++k)
            d.classNames.push_back(std::to_string(k));
    } else {
        d.targets.resize({count, 1});
        for (Index i = 0; i < count; ++i)
            d.targets[i] = static_cast<Scalar>(rows[static_cast<std::size_t>(i)].values[2]);
    }
    return d;
}

} // namespace gs
