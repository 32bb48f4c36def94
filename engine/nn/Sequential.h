// Sequential: a stack of layers, PyTorch's nn.Sequential; with skip connections (a layer that
// reads an earlier output than the one before: LayerSpec::inputs) a graph of layers in order.
//
// Parameters are named as PyTorch's state_dict names them ("0.weight", "0.bias", "2.weight"),
// so a model can be moved between the two and compared number for number. forward() records
// the layers into a graph under name scopes "0", "1", ... so graph nodes read "0.linear",
// "1.relu". Parameters live at stable addresses for the model's lifetime.
#pragma once

#include "Layer.h"
#include "core/Graph.h"

#include <memory>
#include <string>
#include <vector>

namespace gs {

// A shape problem in one layer of a network: which layer, and why.
class LayerError : public ShapeError {
public:
    LayerError(int layer, Message message)
        : ShapeError(std::move(message))
        , m_layer(layer) {}
    // LayerError(2, Engine::tr("layer {1} ({2}): {3}"), ...): the Message in place.
    template <class... A>
    LayerError(int layer, Text text, const A&... arguments)
        : LayerError(layer, Message(text, arguments...)) {}
    int layer() const { return m_layer; }

private:
    int m_layer;
};

// Adds `delta` to one entry of one layer's output during a forward pass: the finite-difference
// check of an interior node's gradient perturbs the node itself.
struct LayerNudge {
    int layer = -1;
    Index index = 0; // flat, over the whole batch's output
    Scalar delta = 0;
};

class Sequential {
public:
    Sequential() = default;
    // Builds the layers and initialises their parameters from `seed`.
    explicit Sequential(std::vector<LayerSpec> layers, std::uint64_t seed = 0);
    Sequential(const Sequential&) = delete;
    Sequential& operator=(const Sequential&) = delete;
    Sequential(Sequential&&) = default;
    Sequential& operator=(Sequential&&) = default;

    const std::vector<LayerSpec>& layers() const { return m_layers; }
    // Numbers a layer keeps that are not trained by gradients: batch norm's running mean and
    // variance and how many batches they have seen, named as PyTorch's state_dict names them
    // ("1.running_mean", "1.running_var", "1.num_batches_tracked").
    struct Buffer {
        std::string name;
        Tensor value;
    };
    const std::vector<Buffer>& buffers() const { return m_buffers; }
    Buffer* buffer(const std::string& name); // null if absent
    const Buffer* buffer(const std::string& name) const;
    // In state_dict order: layer by layer, weight before bias.
    const std::vector<Parameter*>& parameters() const { return m_parameterList; }
    Parameter* parameter(const std::string& name) const; // null if absent
    // The parameters of one layer (empty for activations).
    std::vector<Parameter*> layerParameters(int layer) const;
    // A layer's weight and bias, or null (no allocation: used on every forward pass).
    Parameter* weight(int layer) const;
    Parameter* bias(int layer) const;
    Index parameterCount() const;

    void initialise(std::uint64_t seed);
    // Shapes after each layer for an input shape; throws LayerError naming the layer.
    std::vector<Shape> shapes(const Shape& input) const;
    static std::vector<Shape> shapes(const std::vector<LayerSpec>& layers, const Shape& input);
    // Throws LayerError unless every layer reads earlier outputs (two for a merge, one for the
    // others) and every output but the last is read: a graph without cycles or loose ends.
    static void checkWiring(const std::vector<LayerSpec>& layers);

    // The names and shapes the parameters of `layers` will have, in state_dict order, without
    // allocating them; a LayerError when they pass kMaxModelParameters (core/Limits.h). Loaders
    // check a file against this before building the model.
    struct ParameterSpec {
        std::string name;
        Shape shape;
    };
    static std::vector<ParameterSpec> parameterSpecs(const std::vector<LayerSpec>& layers);
    static std::vector<ParameterSpec> bufferSpecs(const std::vector<LayerSpec>& layers);

    // Records the layers into `graph`; with layerOutputs, also appends each layer's output
    // (the app's per-neuron heatmaps read them); with a nudge, offsets that layer's output.
    // Training, batch normalisation uses the batch's statistics; in evaluation, the running ones.
    // From firstLayer on, `input` is the output of the layer before it (a chain only: the rest
    // of a network whose first layers ran elsewhere, as Trainer's steps split by units do);
    // layerOutputs then gets the outputs from that layer on.
    Var forward(Graph& graph, const Var& input, bool training,
                std::vector<Var>* layerOutputs = nullptr, const LayerNudge* nudge = nullptr,
                int firstLayer = 0) const;
    // After a training step: moves each batch norm's running mean and variance towards the
    // batch's, from the nodes that a training forward pass recorded in `graph` (momentum 0.1,
    // the unbiased variance, as PyTorch). A forward pass alone changes nothing, so gradient
    // checks and probes leave the statistics as they are.
    void updateRunningStatistics(const Graph& graph);

private:
    std::vector<LayerSpec> m_layers;
    std::vector<std::unique_ptr<Parameter>> m_parameters;
    std::vector<Parameter*> m_parameterList;
    std::vector<int> m_firstParameter; // per layer: index into m_parameters, -1 if none
    bool m_chain = true; // every layer reads the one before (forward skips the wiring)
    std::vector<Buffer> m_buffers;
    std::vector<int> m_firstBuffer; // per layer: index into m_buffers, -1 if none
};

} // namespace gs
