// TrainingSession's probes: traces, gradient checks, the loss landscape, the plane maps and
// the image evaluation. None of them trains; each leaves the session as it found it.
#include "TrainingSession.h"

#include "core/Errors.h"
#include "ops/Ops.h"

#include <algorithm>
#include <cmath>

namespace gs {

StepTrace TrainingSession::traceOneSample(Index sample) const {
    if (m_data->train.size() == 0)
        throw InvalidArgument(
            Engine::tr("there are no training samples to trace (raise the train share)"));
    const Index row = std::clamp<Index>(sample, 0, m_data->train.size() - 1);
    const Dataset one = m_data->train.subset({row});
    Sequential copy(m_model->layers(), 0);
    assignParameters(copy, flattenParameters(*m_model));
    const Optimizer& optimizer = m_trainer->optimizer();
    TrainConfig config = m_trainer->config();
    config.batchSize = 1;
    config.shuffle = false;
    config.schedule = {};
    config.optimizer = optimizer.config(); // the rate in effect
    config.optimizer.learningRate = m_trainer->learningRate();
    Trainer trainer(copy, one, nullptr, config);
    if (optimizer.steps() > 0) {
        std::vector<OptimizerState> state;
        for (std::size_t i = 0; i < optimizer.parameters().size(); ++i)
            state.push_back(optimizer.state(i));
        trainer.optimizer().setState(optimizer.steps(), std::move(state));
    }
    StepTrace trace;
    trainer.step(&trace);
    trace.step = m_trainer->steps() + 1;
    trace.sample = row;
    return trace;
}

// The batch the next training step will draw, so that a check looks at what training sees.
Batch TrainingSession::checkBatch() const {
    return m_trainer->nextBatch();
}

std::vector<GradCheckEntry> TrainingSession::checkGradients(double epsilon,
                                                            Index limitPerParameter) {
    const TrainConfig& c = m_trainer->config();
    return gs::checkGradients(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                              c.regularization, epsilon, limitPerParameter);
}

GradCheckEntry TrainingSession::checkGradientEntry(const std::string& parameter, Index index,
                                                   double epsilon) {
    const TrainConfig& c = m_trainer->config();
    return gs::checkGradientEntry(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                  c.regularization, parameter, index, epsilon);
}

GradCheckEntry TrainingSession::checkNodeGradient(int layer, Index index, double epsilon) {
    const TrainConfig& c = m_trainer->config();
    return gs::checkLayerOutputGradient(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                        c.regularization, layer, index, epsilon);
}

std::vector<Tensor> TrainingSession::accumulatedGradients(int passes) {
    const TrainConfig& c = m_trainer->config();
    return gs::accumulatedGradients(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                    c.regularization, passes);
}

std::vector<Tensor> TrainingSession::gradientsWithEarlyNode(const std::string& node) {
    const TrainConfig& c = m_trainer->config();
    return gs::gradientsWithEarlyNode(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                      c.regularization, node);
}

double TrainingSession::forwardModeDerivative(const std::string& parameter, Index index) {
    const TrainConfig& c = m_trainer->config();
    return gs::forwardModeDerivative(*m_model, checkBatch(), c.loss, m_trainer->encoding(),
                                     c.regularization, parameter, index);
}

StaticReplay TrainingSession::staticGraphReplay() {
    // Built on the first training samples, one batch of them in order; fed the next batch.
    const Index rows = std::min(m_trainer->config().batchSize, m_data->train.size());
    std::vector<Index> first(static_cast<std::size_t>(rows));
    for (Index i = 0; i < rows; ++i)
        first[static_cast<std::size_t>(i)] = i;
    const Dataset part = m_data->train.subset(first);
    DataLoader loader(part, part.size(), false, 0);
    Batch built;
    loader.next(built);
    const TrainConfig& c = m_trainer->config();
    // The masks the next step's dropout will draw: from its graph's random state now.
    return gs::staticGraphReplay(*m_model, built, checkBatch(), c.loss, m_trainer->encoding(),
                                 c.regularization, m_trainer->graph().rng());
}

Batch TrainingSession::landscapeBatch() const {
    // The first training samples: 512 points, or 256 images (each grid point is a forward pass).
    const Index limit = m_imageSide > 0 ? 256 : 512;
    std::vector<Index> rows;
    for (Index i = 0; i < std::min(limit, m_data->train.size()); ++i)
        rows.push_back(i);
    const Dataset part = m_data->train.subset(rows);
    DataLoader loader(part, part.size(), false, 0);
    Batch batch;
    loader.next(batch);
    return batch;
}

LandscapeResult TrainingSession::computeLandscape(bool principal, int resolution, double span,
                                                  const LandscapeProgress& progress) {
    if (!(span > 0)) throw InvalidArgument(Engine::tr("the landscape's span must be positive"));
    if (resolution < 2)
        throw InvalidArgument(Engine::tr("the landscape needs at least 2 × 2 points"));
    m_lastTrajectoryStep = -1; // the current weights are the path's last point
    recordTrajectory();
    LandscapeResult result;
    auto plane = std::make_unique<LandscapePlane>(
        principal ? principalPlane(m_trajectory)
                  : randomPlane(*m_model, 1000 + std::uint64_t(m_trainer->steps())));
    double alpha = span, beta = span;
    if (principal) {
        alpha = beta = 1e-3;
        for (const auto& point : m_trajectory) {
            const auto ab = projectOntoPlane(*plane, point);
            result.path.push_back(ab);
            alpha = std::max(alpha, std::abs(ab[0]) * 1.25);
            beta = std::max(beta, std::abs(ab[1]) * 1.25);
        }
        result.explained = plane->explained;
    } else {
        result.path.push_back({0, 0});
    }
    const Batch batch = landscapeBatch();
    const TrainConfig& c = m_trainer->config();
    result.grid =
        evaluateLandscape(*m_model, *plane, batch, c.loss, m_trainer->encoding(), c.regularization,
                          resolution, -alpha, alpha, -beta, beta, progress);
    result.principal = principal;
    result.step = m_trainer->steps();
    result.samples = batch.size();
    const int mid = resolution / 2;
    result.centerLoss = resolution % 2 ? result.grid.at(mid, mid) : 0;
    m_plane = std::move(plane);
    result.id = ++m_landscapeId;
    return result;
}

std::optional<std::array<double, 2>> TrainingSession::landscapePoint() const {
    if (!m_plane) return std::nullopt;
    return projectOntoPlane(*m_plane, flattenParameters(*m_model));
}

// Forwards a grid over the input plane through the network (no gradients) and keeps every
// unit's output: the Playground's per-neuron pictures, and the decision surface.
PlaneMaps TrainingSession::planeMaps(int g) const {
    return planeMapsOf(*m_model, g);
}

PlaneMaps TrainingSession::planeMapsOf(const Sequential& model, int g) const {
    PlaneMaps maps;
    if (!m_planar || g < 1) return maps;
    Tensor points(Shape{Index(g) * g, 2});
    for (int r = 0; r < g; ++r)
        for (int c = 0; c < g; ++c) {
            points[2 * (r * g + c)] = Scalar(-6 + (c + 0.5) * 12.0 / g);
            points[2 * (r * g + c) + 1] = Scalar(6 - (r + 0.5) * 12.0 / g);
        }
    const Tensor features = expandFeatures(points, m_setup.features);
    Graph graph;
    NoGradGuard noGrad(graph);
    std::vector<Var> outputs;
    Var out = model.forward(graph, graph.inputView(features, "grid"), false, &outputs);
    const auto columnsOf = [&](const Tensor& t) {
        std::vector<std::vector<float>> units(static_cast<std::size_t>(t.cols()));
        for (Index u = 0; u < t.cols(); ++u) {
            auto& map = units[static_cast<std::size_t>(u)];
            map.resize(std::size_t(g) * g);
            for (Index i = 0; i < Index(g) * g; ++i)
                map[std::size_t(i)] = t[i * t.cols() + u];
        }
        return units;
    };
    maps.grid = g;
    maps.unitMaps.push_back(columnsOf(features));
    const auto& layers = model.layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].kind != LayerKind::Linear) continue;
        // A unit as the next layer sees it: after its norm, a skip added to it and its
        // activation (not softmax).
        std::size_t shown = i;
        while (shown + 1 < layers.size() && continuesUnits(layers, shown + 1))
            ++shown;
        maps.unitMaps.push_back(columnsOf(outputs[shown].value()));
    }
    const Tensor& y = out.value();
    maps.outputMap.resize(std::size_t(g) * g);
    const TargetEncoding enc = m_trainer->encoding();
    const Index k = y.cols();
    if ((enc == TargetEncoding::ClassIndex || enc == TargetEncoding::OneHot) && k > 2) {
        // The likeliest class and its softmax probability (of the outputs as logits).
        maps.outputClass.resize(std::size_t(g) * g);
        for (Index i = 0; i < Index(g) * g; ++i) {
            const Scalar* row = y.data() + i * k;
            const Index best = Index(std::max_element(row, row + k) - row);
            double sum = 0;
            for (Index c = 0; c < k; ++c)
                sum += std::exp(double(row[c]) - double(row[best]));
            maps.outputClass[std::size_t(i)] =
                static_cast<std::uint8_t>(std::min<Index>(best, 255));
            maps.outputMap[std::size_t(i)] = static_cast<float>(1 / sum);
        }
        return maps;
    }
    for (Index i = 0; i < Index(g) * g; ++i) {
        double v = y[i * y.cols()];
        if (enc == TargetEncoding::ClassIndex || enc == TargetEncoding::OneHot) {
            if (y.cols() >= 2) { // 2·softmax(·)[1] − 1 over the logits
                const double a = y[i * y.cols()], b = y[i * y.cols() + 1];
                v = std::tanh((b - a) / 2);
            }
        } else if (enc == TargetEncoding::ZeroOne) {
            v = std::tanh(v / 2); // 2·sigmoid(z) − 1
        }
        maps.outputMap[std::size_t(i)] = static_cast<float>(v);
    }
    return maps;
}

// Classifies the first test samples (no gradients): the confusion matrix and the digit grid,
// the first digits in order and then some of the mistakes.
ImageEvaluation TrainingSession::evaluateImages(Index samples, int digitsShown) const {
    ImageEvaluation v;
    if (m_imageSide <= 0) return v;
    const Dataset& data = m_data->test.size() > 0 ? m_data->test : m_data->train;
    const int k = data.classes;
    v.classes = k;
    v.classNames = data.classNames;
    if (v.classNames.size() != std::size_t(k)) {
        v.classNames.clear();
        for (int c = 0; c < k; ++c)
            v.classNames.push_back(std::to_string(c));
    }
    v.confusion.assign(std::size_t(k) * std::size_t(k), 0);
    const Index n = std::min(samples, data.size());
    v.evaluated = n;
    const Index width = data.inputs.cols();
    const double mean = m_setup.experiment.data.mean, sd = m_setup.experiment.data.std;
    const auto digitOf = [&](Index row, int predicted, float confidence) {
        ImageEvaluation::Digit d;
        d.pixels.resize(std::size_t(width));
        for (Index i = 0; i < width; ++i) {
            const double pixel = (double(data.inputs[row * width + i]) * sd + mean) * 255;
            d.pixels[std::size_t(i)] = static_cast<unsigned char>(std::clamp(pixel, 0.0, 255.0));
        }
        d.label = data.labels[std::size_t(row)];
        d.predicted = predicted;
        d.confidence = confidence;
        return d;
    };
    constexpr Index kBatch = 250;
    Graph graph;
    NoGradGuard noGrad(graph);
    for (Index start = 0; start < n; start += kBatch) {
        const Index count = std::min(kBatch, n - start);
        std::vector<Index> dims = data.inputs.shape().toVector();
        dims[0] = count;
        Tensor batch(Shape::fromVector(dims));
        std::copy_n(data.inputs.data() + start * width, count * width, batch.data());
        graph.reset();
        const Tensor& out = m_model->forward(graph, graph.inputView(batch), false).value();
        for (Index r = 0; r < count; ++r) {
            const Scalar* row = out.data() + r * out.cols();
            const int predicted = int(std::max_element(row, row + out.cols()) - row);
            double sum = 0;
            for (Index c = 0; c < out.cols(); ++c)
                sum += std::exp(double(row[c] - row[predicted]));
            const int label = data.labels[std::size_t(start + r)];
            if (label >= 0 && label < k && predicted < k)
                ++v.confusion[std::size_t(label * k + predicted)];
            if (Index(v.digits.size()) < Index(digitsShown) * 5 / 8)
                v.digits.push_back(digitOf(start + r, predicted, float(1 / sum)));
            else if (predicted != label && Index(v.digits.size()) < digitsShown)
                v.digits.push_back(digitOf(start + r, predicted, float(1 / sum)));
        }
    }
    return v;
}

ImageExplanation TrainingSession::explainImage(const std::vector<float>& ink, int explained) {
    const Index side = m_imageSide;
    if (side <= 0)
        throw InvalidArgument(
            Engine::tr("drawing a digit needs image data (MNIST, Fashion-MNIST)"));
    if (Index(ink.size()) != side * side)
        throw InvalidArgument(Engine::tr("a drawing of {1} pixels for images of {2} × {2}"),
                              ink.size(), side);
    std::vector<Index> dims = m_data->train.sampleShape().toVector();
    dims.insert(dims.begin(), 1);
    Tensor x(Shape::fromVector(dims));
    const double mean = m_setup.experiment.data.mean, sd = m_setup.experiment.data.std;
    for (Index i = 0; i < side * side; ++i)
        x[i] = static_cast<Scalar>((std::clamp(double(ink[std::size_t(i)]), 0.0, 1.0) - mean) / sd);

    // The backward pass adds into the parameters' gradients: they are kept and put back.
    std::vector<Tensor> kept;
    for (const Parameter* p : m_model->parameters())
        kept.push_back(p->grad);
    Graph graph;
    Var input = graph.leaf(x, "drawing");
    std::vector<Var> outputs;
    const Var out = m_model->forward(graph, input, false, &outputs);
    const Tensor& logits = out.value();
    const Index k = logits.cols();
    ImageExplanation e;
    e.predicted = int(std::max_element(logits.data(), logits.data() + k) - logits.data());
    double total = 0;
    for (Index c = 0; c < k; ++c)
        total += std::exp(double(logits[c]) - double(logits[e.predicted]));
    for (Index c = 0; c < k; ++c)
        e.probabilities.push_back(
            static_cast<float>(std::exp(double(logits[c]) - double(logits[e.predicted])) / total));
    e.explained = explained >= 0 && explained < k ? explained : e.predicted;
    Tensor pick = Tensor::zeros(logits.shape());
    pick[e.explained] = 1;
    for (Parameter* p : m_model->parameters())
        p->zeroGrad();
    graph.backward(sum(out * graph.input(pick)));
    // Each convolution's maps (after its activation) and filters, with d logit / d each.
    const auto& layers = m_model->layers();
    const auto floats = [](const Tensor& t) {
        return std::vector<float>(t.data(), t.data() + t.numel());
    };
    for (int l = 0; l < int(layers.size()); ++l) {
        if (layers[std::size_t(l)].kind != LayerKind::Conv2d) continue;
        FeatureMaps f;
        f.layer = l;
        // The maps as the next layer sees them: after a batch norm and an activation that
        // read this convolution's output (Conv2d → BatchNorm2d → ReLU).
        int shown = l;
        const auto reads = [&](int next) {
            return next < int(layers.size()) &&
                   layerInputs(layers, std::size_t(next)) == std::vector<int>{next - 1};
        };
        while (reads(shown + 1) && isBatchNorm(layers[std::size_t(shown) + 1].kind))
            ++shown;
        const bool activated =
            reads(shown + 1) && layers[std::size_t(shown) + 1].kind == LayerKind::Activation;
        if (activated) ++shown;
        f.activation = activated ? shown : -1;
        const Var& map = outputs[std::size_t(shown)];
        const Shape& shape = map.value().shape(); // [1, channels, height, width]
        if (shape.rank() != 4) continue;
        f.channels = shape[1];
        f.height = shape[2];
        f.width = shape[3];
        f.values = floats(map.value());
        f.gradients = map.grad().numel() == map.value().numel()
                          ? floats(map.grad())
                          : std::vector<float>(f.values.size(), 0.0f);
        const Parameter& w = *m_model->weight(l);
        f.in = w.value.shape()[1];
        f.kernel = w.value.shape()[2];
        f.filters = floats(w.value);
        f.filterGradients = w.grad.numel() == w.value.numel()
                                ? floats(w.grad)
                                : std::vector<float>(f.filters.size(), 0.0f);
        e.convolutions.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < kept.size(); ++i)
        m_model->parameters()[i]->grad = std::move(kept[i]);
    // d logit / d ink = d logit / d x · dx / d ink, with x = (ink − mean) / sd.
    const Tensor& g = input.grad();
    for (Index i = 0; i < side * side; ++i)
        e.saliency.push_back(static_cast<float>(g[i] / sd));
    return e;
}

} // namespace gs
