// The loss landscape around the current weights, on a 2-D slice of weight space:
//
//   L(α, β) = loss(θ + α·d₁ + β·d₂)
//
// with d₁, d₂ either two random directions, filter-normalised as in Li et al., "Visualizing the
// Loss Landscape of Neural Nets" (2018) (each row of a weight matrix, one neuron's or filter's
// weights, scaled to the norm of the same row of θ; biases left out), or the top two principal
// directions of the optimizer's trajectory. Points of the trajectory are projected onto the
// plane so the optimizer's path can be drawn over the contours.
#pragma once

#include "Loss.h"
#include "data/DataLoader.h"
#include "nn/Sequential.h"

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace gs {

// Every parameter of the model, one after the other in state_dict order.
std::vector<Scalar> flattenParameters(const Sequential& model);
// The inverse: throws InvalidArgument when the size does not match.
void assignParameters(Sequential& model, const std::vector<Scalar>& flat);

struct LandscapePlane {
    std::vector<Scalar> center; // θ
    std::vector<Scalar> d1, d2; // directions, same length as θ
    bool principal = false;     // from the trajectory, not random
    double explained = 0;       // principal: share of the trajectory's variance in the plane
};

// Filter-normalised random Gaussian directions from `seed`, centred at the current weights.
LandscapePlane randomPlane(const Sequential& model, std::uint64_t seed);

// The two principal directions of the trajectory's points relative to its last point (the
// centre), scaled to unit length; throws InvalidArgument with fewer than three distinct points.
LandscapePlane principalPlane(const std::vector<std::vector<Scalar>>& trajectory);

// (α, β) such that centre + α·d₁ + β·d₂ is nearest to `point` (least squares).
std::array<double, 2> projectOntoPlane(const LandscapePlane& plane,
                                       const std::vector<Scalar>& point);

struct LandscapeGrid {
    int resolution = 0; // resolution × resolution values
    double alphaMin = 0, alphaMax = 0, betaMin = 0, betaMax = 0;
    std::vector<double> loss; // row-major, row 0 at betaMin, column 0 at alphaMin
    double at(int row, int column) const {
        return loss[static_cast<std::size_t>(row * resolution + column)];
    }
};

// Told after each row of a landscape (rows done, rows in all); returning false stops the work.
using LandscapeProgress = std::function<bool(int done, int total)>;

// The loss on a resolution² grid over [αmin, αmax] × [βmin, βmax], on `batch` and without
// dropout; the model's weights are restored exactly afterwards, also when `progress` cancels
// (then Cancelled is thrown).
LandscapeGrid evaluateLandscape(Sequential& model, const LandscapePlane& plane, const Batch& batch,
                                LossKind loss, TargetEncoding encoding,
                                const Regularization& regularization, int resolution,
                                double alphaMin, double alphaMax, double betaMin, double betaMax,
                                const LandscapeProgress& progress = {});

} // namespace gs
