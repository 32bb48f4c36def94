#include "Landscape.h"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <random>

namespace gs {

namespace {

double dot(const std::vector<Scalar>& a, const std::vector<Scalar>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        s += double(a[i]) * double(b[i]);
    return s;
}

} // namespace

std::vector<Scalar> flattenParameters(const Sequential& model) {
    std::vector<Scalar> flat;
    flat.reserve(static_cast<std::size_t>(model.parameterCount()));
    for (const Parameter* p : model.parameters())
        flat.insert(flat.end(), p->value.data(), p->value.data() + p->value.numel());
    return flat;
}

void assignParameters(Sequential& model, const std::vector<Scalar>& flat) {
    if (static_cast<Index>(flat.size()) != model.parameterCount())
        throw InvalidArgument(
            Engine::tr("the weights have {1} values but the network has {2} parameters"),
            flat.size(), model.parameterCount());
    std::size_t at = 0;
    for (Parameter* p : model.parameters()) {
        std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(at), p->value.numel(),
                    p->value.data());
        at += static_cast<std::size_t>(p->value.numel());
    }
}

LandscapePlane randomPlane(const Sequential& model, std::uint64_t seed) {
    LandscapePlane plane;
    plane.center = flattenParameters(model);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    for (std::vector<Scalar>* d : {&plane.d1, &plane.d2}) {
        d->assign(plane.center.size(), 0);
        std::size_t at = 0;
        for (const Parameter* p : model.parameters()) {
            const Tensor& w = p->value;
            if (w.rank() >= 2) { // biases (rank 1) stay zero, as in Li et al.
                const Index rows = w.rows(), cols = w.cols();
                for (Index r = 0; r < rows; ++r) {
                    double wNorm = 0, dNorm = 0;
                    Scalar* row = d->data() + at + static_cast<std::size_t>(r * cols);
                    for (Index c = 0; c < cols; ++c) {
                        row[c] = static_cast<Scalar>(normal(rng));
                        dNorm += double(row[c]) * row[c];
                        wNorm += double(w[r * cols + c]) * w[r * cols + c];
                    }
                    const double scale = dNorm > 0 ? std::sqrt(wNorm / dNorm) : 0;
                    for (Index c = 0; c < cols; ++c)
                        row[c] = static_cast<Scalar>(row[c] * scale);
                }
            }
            at += static_cast<std::size_t>(w.numel());
        }
    }
    return plane;
}

LandscapePlane principalPlane(const std::vector<std::vector<Scalar>>& trajectory) {
    if (trajectory.size() < 3)
        throw InvalidArgument(
            Engine::tr("principal directions need at least three points of the path"));
    const std::vector<Scalar>& center = trajectory.back();
    const auto n = static_cast<Eigen::Index>(trajectory.size() - 1);
    const std::size_t size = center.size();
    for (const auto& p : trajectory)
        if (p.size() != size)
            throw InvalidArgument(Engine::tr("the points of the path have different sizes"));
    // Gram matrix of the offsets from the centre: its eigenvectors give the principal
    // directions without forming the (parameters × parameters) covariance.
    std::vector<std::vector<Scalar>> offsets(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        auto& o = offsets[static_cast<std::size_t>(i)];
        o.resize(size);
        for (std::size_t k = 0; k < size; ++k)
            o[k] = trajectory[static_cast<std::size_t>(i)][k] - center[k];
    }
    Eigen::MatrixXd gram(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j <= i; ++j)
            gram(i, j) = gram(j, i) =
                dot(offsets[static_cast<std::size_t>(i)], offsets[static_cast<std::size_t>(j)]);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(gram);
    const Eigen::VectorXd& values = solver.eigenvalues(); // ascending
    const double total = values.sum();
    if (!(values(n - 2) > 1e-12 * std::max(total, 1e-300)))
        throw InvalidArgument(
            Engine::tr("the path has moved along fewer than two directions so far"));
    LandscapePlane plane;
    plane.center = center;
    plane.principal = true;
    plane.explained = (values(n - 1) + values(n - 2)) / total;
    for (int k = 0; k < 2; ++k) {
        const Eigen::VectorXd u = solver.eigenvectors().col(n - 1 - k);
        std::vector<double> d(size, 0.0);
        for (Eigen::Index i = 0; i < n; ++i)
            for (std::size_t j = 0; j < size; ++j)
                d[j] += u(i) * offsets[static_cast<std::size_t>(i)][j];
        double norm = 0;
        for (double v : d)
            norm += v * v;
        norm = std::sqrt(norm);
        auto& out = k == 0 ? plane.d1 : plane.d2;
        out.resize(size);
        for (std::size_t j = 0; j < size; ++j)
            out[j] = static_cast<Scalar>(d[j] / norm);
    }
    return plane;
}

std::array<double, 2> projectOntoPlane(const LandscapePlane& plane,
                                       const std::vector<Scalar>& point) {
    if (point.size() != plane.center.size())
        throw InvalidArgument(Engine::tr("the point and the plane have different sizes"));
    double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
    for (std::size_t i = 0; i < point.size(); ++i) {
        const double p = double(point[i]) - plane.center[i];
        const double u = plane.d1[i], v = plane.d2[i];
        a11 += u * u, a12 += u * v, a22 += v * v, b1 += u * p, b2 += v * p;
    }
    const double det = a11 * a22 - a12 * a12;
    if (!(std::abs(det) > 0))
        throw InvalidArgument(Engine::tr("the plane's two directions are parallel"));
    return {(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det};
}

LandscapeGrid evaluateLandscape(Sequential& model, const LandscapePlane& plane, const Batch& batch,
                                LossKind loss, TargetEncoding encoding,
                                const Regularization& regularization, int resolution,
                                double alphaMin, double alphaMax, double betaMin, double betaMax,
                                const LandscapeProgress& progress) {
    if (resolution < 2 || resolution > 512)
        throw InvalidArgument(Engine::tr("the landscape's resolution must be 2 to 512, not {1}"),
                              resolution);
    if (!(alphaMax > alphaMin) || !(betaMax > betaMin))
        throw InvalidArgument(Engine::tr("the landscape's window is empty"));
    const std::vector<Scalar> saved = flattenParameters(model);
    if (plane.center.size() != saved.size())
        throw InvalidArgument(Engine::tr("the plane was made for another network"));
    LandscapeGrid grid;
    grid.resolution = resolution;
    grid.alphaMin = alphaMin, grid.alphaMax = alphaMax;
    grid.betaMin = betaMin, grid.betaMax = betaMax;
    grid.loss.resize(static_cast<std::size_t>(resolution * resolution));
    Graph graph;
    Tensor scratch;
    std::vector<Scalar> w(saved.size());
    for (int row = 0; row < resolution; ++row) {
        const double beta = betaMin + (betaMax - betaMin) * row / (resolution - 1);
        for (int column = 0; column < resolution; ++column) {
            const double alpha = alphaMin + (alphaMax - alphaMin) * column / (resolution - 1);
            for (std::size_t i = 0; i < w.size(); ++i)
                w[i] =
                    static_cast<Scalar>(plane.center[i] + alpha * plane.d1[i] + beta * plane.d2[i]);
            assignParameters(model, w);
            graph.reset();
            NoGradGuard noGrad(graph);
            Var out = model.forward(graph, graph.inputView(batch.inputs, "x"), false);
            Var l = addRegularization(graph, recordLoss(graph, loss, encoding, out, batch, scratch),
                                      model, regularization);
            grid.loss[static_cast<std::size_t>(row * resolution + column)] = l.value()[0];
        }
        if (progress && !progress(row + 1, resolution)) {
            assignParameters(model, saved);
            throw Cancelled(Engine::tr("the loss landscape was cancelled"));
        }
    }
    assignParameters(model, saved);
    return grid;
}

} // namespace gs
