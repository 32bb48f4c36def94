// What a TrainingSession computes for the views besides training itself: the data points and
// the maps over the input plane of 2-D data, the image evaluation (confusion matrix and digits),
// and the loss landscape with the optimizer's path on it. Plain values, made on the session's
// thread and copied by whoever shows them.
#pragma once

#include "Landscape.h"
#include "core/Tensor.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

// A data point on the input plane (raw x1, x2, before feature expansion).
struct PlanePoint {
    float x1 = 0, x2 = 0;
    float value = 0; // class label, or regression target
    bool test = false;
};

// The network over a grid on the input plane [−6, 6]²: grid × grid values per map, row 0 at
// the top (x2 = +6), column 0 at the left (x1 = −6).
struct PlaneMaps {
    int grid = 0;
    // [column][unit]: column 0 holds the input features, then one column per Linear layer (its
    // output after the activation that follows it).
    std::vector<std::vector<std::vector<float>>> unitMaps;
    // Two classes: 2·P(class 1) − 1; regression: the output. More than two classes: the
    // probability of the likeliest class, which outputClass names.
    std::vector<float> outputMap;
    std::vector<std::uint8_t> outputClass; // more than two classes only
};

// Image classification measured on the first test samples (no gradients).
struct ImageEvaluation {
    int classes = 0;
    std::vector<std::string> classNames;
    std::vector<int> confusion; // [true · classes + predicted]
    Index evaluated = 0;        // samples counted in the confusion matrix
    struct Digit {
        std::vector<unsigned char> pixels; // side × side, 0 black … 255 white ink
        int label = 0, predicted = 0;
        float confidence = 0; // softmax probability of the prediction
    };
    std::vector<Digit> digits; // the first test samples, then some of the mistakes
};

// One convolution of the network at work on the explained picture: each channel's feature map
// (after the activation that follows the convolution, where one does), the filters, and the
// gradients of the explained class's logit with respect to both, from the saliency's backward
// pass. Channel-major: map c is values[c·height·width …]; filter c's weights for input i are
// filters[(c·in + i)·kernel² …].
struct FeatureMaps {
    int layer = 0;       // the Conv2d layer's index
    int activation = -1; // the activation layer the maps are taken after, or −1
    Index channels = 0, height = 0, width = 0;
    std::vector<float> values, gradients; // channels × height × width
    Index in = 0, kernel = 0;
    std::vector<float> filters, filterGradients; // channels × in × kernel × kernel
};

// An image drawn by hand, classified, with a saliency map: how much each pixel moves the score
// (the logit) of one class, d logit / d pixel, from the same forward pass's backward pass
// (Simonyan, Vedaldi and Zisserman 2014).
struct ImageExplanation {
    std::vector<float> probabilities; // softmax over the classes
    int predicted = 0;
    int explained = 0;                     // the class the saliency is of
    std::vector<float> saliency;           // side × side, per unit of ink (a pixel from 0 to 1)
    std::vector<FeatureMaps> convolutions; // every Conv2d layer, in order
};

// A loss landscape around the weights at `step`, and the optimizer's path on its plane so far.
struct LandscapeResult {
    int id = 0; // which landscape: the session counts them
    LandscapeGrid grid;
    bool principal = false;
    double explained = 0; // principal: share of the path's variance in the plane
    double centerLoss = 0;
    long step = 0;
    Index samples = 0; // the training samples the loss is measured on
    std::vector<std::array<double, 2>> path;
};

} // namespace gs
