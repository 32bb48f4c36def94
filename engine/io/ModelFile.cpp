#include "ModelFile.h"

#include "Serialize.h"

#include <algorithm>
#include <limits>

namespace gs {

Json modelToJson(const Sequential& model, const Shape& sampleShape, std::optional<LossKind> loss,
                 const Optimizer* optimizer, const Json& experiment) {
    Json j = Json::object();
    j.set("format", "gradscope-model");
    // Version 1 for a chain, which every Gradscope reads; 2 for a graph (layers' "inputs").
    j.set("version", isChain(model.layers()) ? 1 : kModelFormatVersion);
    j.set("input_shape", shapeToJson(sampleShape));
    Json layers = Json::array();
    for (const LayerSpec& l : model.layers())
        layers.push(layerToJson(l));
    j.set("layers", std::move(layers));
    if (loss) j.set("loss", lossKindName(*loss));
    Json params = Json::object();
    for (const Parameter* p : model.parameters())
        params.set(p->name, tensorToJson(p->value));
    j.set("parameters", std::move(params));
    if (!model.buffers().empty()) {
        Json buffers = Json::object();
        for (const Sequential::Buffer& b : model.buffers())
            buffers.set(b.name, tensorToJson(b.value));
        j.set("buffers", std::move(buffers));
    }
    if (optimizer) {
        Json o = optimizerToJson(optimizer->config());
        o.set("steps", Json(optimizer->steps()));
        Json state = Json::object();
        for (std::size_t i = 0; i < optimizer->parameters().size(); ++i) {
            Json buffers = Json::object();
            for (const auto& [name, tensor] : optimizer->state(i).buffers)
                buffers.set(name, tensorToJson(tensor));
            state.set(optimizer->parameters()[i]->name, std::move(buffers));
        }
        o.set("state", std::move(state));
        j.set("optimizer", std::move(o));
    }
    if (!experiment.isNull()) j.set("experiment", experiment);
    return j;
}

LoadedModel modelFromJson(const Json& j, const std::string& source) {
    try {
        if (!j.isObject()) throw JsonError(Engine::tr("the file must be an object"));
        if (j["format"].isNull() || j["format"].asString("format") != "gradscope-model")
            throw JsonError(
                Engine::tr("not a Gradscope model file (\"format\" is not \"gradscope-model\")"));
        const long long version = j["version"].asInteger("version");
        if (version > kModelFormatVersion)
            throw JsonError(
                Engine::tr("written by a newer Gradscope (format version {1}); this one reads "
                           "version {2}"),
                version, kModelFormatVersion);
        if (version < 1) throw JsonError(Engine::tr("format version {1} is not valid"), version);
        const Shape sampleShape = shapeFromJson(j["input_shape"], "input_shape");
        std::vector<LayerSpec> layers;
        const auto& list = j["layers"].asArray("layers");
        if (list.empty())
            throw JsonError(Engine::tr("layers is empty: a model needs at least one layer"));
        for (std::size_t i = 0; i < list.size(); ++i)
            layers.push_back(layerFromJson(list[i], "layers[" + std::to_string(i) + "]"));
        std::vector<Index> dims = sampleShape.toVector();
        dims.insert(dims.begin(), 1);
        Sequential::shapes(layers, Shape::fromVector(dims)); // the architecture must fit the input

        // Every parameter is read and checked against the architecture before the model is
        // built: the model's weights are allocated only once the file has shown that it holds
        // them, so a small file declaring a huge layer costs nothing.
        const std::vector<Sequential::ParameterSpec> specs = Sequential::parameterSpecs(layers);
        const auto& params = j["parameters"].asObject("parameters");
        if (params.size() != specs.size())
            throw JsonError(
                Engine::tr("parameters: the architecture has {1} parameter tensors, the file {2}"),
                specs.size(), params.size());
        std::vector<Tensor> values(specs.size());
        for (const auto& member : params) {
            // Named, not structured bindings: clang 14 cannot capture those in a lambda.
            const std::string& name = member.first;
            const Json& value = member.second;
            const auto spec = std::find_if(specs.begin(), specs.end(),
                                           [&](const auto& s) { return s.name == name; });
            if (spec == specs.end())
                throw JsonError(
                    Engine::tr("parameters: \"{1}\" is not a parameter of this architecture"),
                    name);
            Tensor t = tensorFromJson(value, "parameters." + name);
            if (t.shape() != spec->shape)
                throw JsonError(Engine::tr("{1} has shape {2} but the architecture needs {3}"),
                                "parameters." + name, t.shape().str(), spec->shape.str());
            values[static_cast<std::size_t>(spec - specs.begin())] = std::move(t);
        }

        // Batch norm's running statistics: each one the architecture has, with its shape.
        const std::vector<Sequential::ParameterSpec> bufferSpecs = Sequential::bufferSpecs(layers);
        std::vector<Tensor> bufferValues;
        if (!bufferSpecs.empty() || j.contains("buffers")) {
            const Json& buffers = j["buffers"];
            if (buffers.asObject("buffers").size() != bufferSpecs.size())
                throw JsonError(Engine::tr("buffers: the architecture has {1} running statistics "
                                           "(batch norm's mean, variance and count), the file {2}"),
                                bufferSpecs.size(), buffers.asObject("buffers").size());
            for (const Sequential::ParameterSpec& spec : bufferSpecs) {
                if (!buffers.contains(spec.name))
                    throw JsonError(Engine::tr("buffers: \"{1}\" is missing"), spec.name);
                Tensor t = tensorFromJson(buffers[spec.name], "buffers." + spec.name);
                if (t.shape() != spec.shape)
                    throw JsonError(Engine::tr("{1} has shape {2} but the architecture needs {3}"),
                                    "buffers." + spec.name, t.shape().str(), spec.shape.str());
                for (Index k = 0; k < t.numel(); ++k)
                    if (!(t[k] >= 0) && !spec.name.ends_with(".running_mean"))
                        throw JsonError(Engine::tr("{1} must not be negative, found {2}"),
                                        "buffers." + spec.name, double(t[k]));
                bufferValues.push_back(std::move(t));
            }
        }

        LoadedModel out{Sequential(layers, 0), sampleShape, std::nullopt, std::nullopt, 0, {}, {}};
        for (std::size_t i = 0; i < bufferValues.size(); ++i)
            out.model.buffer(bufferSpecs[i].name)->value = std::move(bufferValues[i]);
        if (j.contains("experiment")) out.experiment = j["experiment"];
        for (std::size_t i = 0; i < values.size(); ++i) {
            Parameter* p = out.model.parameters()[i];
            p->value = std::move(values[i]);
            p->zeroGrad();
        }
        if (j.contains("loss")) {
            const auto loss = lossKindFromName(j["loss"].asString("loss"));
            if (!loss)
                throw JsonError(Engine::tr("loss: unknown loss \"{1}\""),
                                j["loss"].asString("loss"));
            out.loss = loss;
        }
        if (j.contains("optimizer")) {
            const Json& o = j["optimizer"];
            constexpr long kMaxLong = std::numeric_limits<long>::max();
            out.optimizer = optimizerFromJson(o, "optimizer");
            out.optimizerSteps =
                o.contains("steps") ? o["steps"].asInteger("optimizer.steps", 0, kMaxLong) : 0;
            if (o.contains("state")) {
                const auto& state = o["state"].asObject("optimizer.state");
                out.optimizerState.resize(out.model.parameters().size());
                for (const auto& member : state) {
                    const std::string& name = member.first;
                    const Json& buffers = member.second;
                    const auto& ps = out.model.parameters();
                    const auto it = std::find_if(
                        ps.begin(), ps.end(), [&](const Parameter* p) { return p->name == name; });
                    if (it == ps.end())
                        throw JsonError(Engine::tr("optimizer.state: \"{1}\" is not a parameter"),
                                        name);
                    auto& target = out.optimizerState[static_cast<std::size_t>(it - ps.begin())];
                    for (const auto& [buffer, tensor] :
                         buffers.asObject("optimizer.state." + name)) {
                        Tensor t = tensorFromJson(tensor, "optimizer.state." + name + "." + buffer);
                        if (t.shape() != (*it)->value.shape())
                            throw JsonError(Engine::tr("{1} has shape {2}, the parameter {3}"),
                                            "optimizer.state." + name + "." + buffer,
                                            t.shape().str(), (*it)->value.shape().str());
                        target.buffers.emplace_back(buffer, std::move(t));
                    }
                }
            }
        }
        return out;
    } catch (const JsonError& e) {
        throw JsonError(Engine::tr("{1}: {2}"), source, e.message());
    } catch (const Error& e) { // a shape that does not fit, from the architecture check
        throw JsonError(Engine::tr("{1}: {2}"), source, e.message());
    }
}

void saveModel(const std::string& path, const Sequential& model, const Shape& sampleShape,
               std::optional<LossKind> loss, const Optimizer* optimizer, const Json& experiment) {
    writeFileAtomic(path, modelToJson(model, sampleShape, loss, optimizer, experiment).dump());
}

LoadedModel parseModel(const std::string& text, const std::string& source) {
    return modelFromJson(Json::parse(text, source), source);
}

LoadedModel loadModel(const std::string& path) {
    return withMemoryNote(
        path, [&] { return parseModel(readFile(path, Message(Engine::tr("model file"))), path); });
}

} // namespace gs
