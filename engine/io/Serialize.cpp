#include "Serialize.h"

#include <cmath>
#include <limits>

namespace gs {

namespace {
Scalar scalarOr(const Json& j, const char* key, Scalar fallback, const std::string& what) {
    return j.contains(key) ? scalarFromJson(j[key], what + "." + key) : fallback;
}

// A whole number from `min` to `max` (so that what is read into an int cannot wrap round). A
// fallback outside the range means the key is required: a linear layer without "in" is an
// error, not a layer of 0 inputs that no save could read back.
long long integerOr(const Json& j, const char* key, long long fallback, const std::string& what,
                    long long min, long long max) {
    if (j.contains(key)) return j[key].asInteger(what + "." + key, min, max);
    if (fallback < min || fallback > max)
        throw JsonError(Engine::tr("{1} is missing (a whole number from {2} to {3})"),
                        what + "." + key, min, max);
    return fallback;
}
} // namespace

Scalar scalarFromJson(const Json& j, const std::string& what) {
    const double v = j.asNumber(what);
    const auto scalar = toScalar(v);
    if (!scalar) throw JsonError(scalarProblemMessage(what, v));
    return *scalar;
}

Json shapeToJson(const Shape& s) {
    Json a = Json::array();
    for (Index d : s.toVector())
        a.push(Json(static_cast<long long>(d)));
    return a;
}

Shape shapeFromJson(const Json& j, const std::string& what) {
    std::vector<Index> dims;
    const auto& items = j.asArray(what);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const long long d = items[i].asInteger(what + "[" + std::to_string(i) + "]");
        if (d < 0)
            throw JsonError(Engine::tr("{1} must not be negative"),
                            what + "[" + std::to_string(i) + "]");
        dims.push_back(d);
    }
    try {
        return Shape::fromVector(dims);
    } catch (const ShapeError& e) {
        throw JsonError(Engine::tr("{1}: {2}"), what, e.message());
    }
}

Json tensorToJson(const Tensor& t) {
    Json data = Json::array();
    for (Index i = 0; i < t.numel(); ++i)
        data.push(Json(static_cast<double>(t[i])));
    Json j = Json::object();
    j.set("shape", shapeToJson(t.shape()));
    j.set("data", std::move(data));
    return j;
}

Tensor tensorFromJson(const Json& j, const std::string& what) {
    j.asObject(what);
    const Shape shape = shapeFromJson(j["shape"], what + ".shape");
    const auto& data = j["data"].asArray(what + ".data");
    if (static_cast<Index>(data.size()) != shape.numel())
        throw JsonError(Engine::tr("{1}: shape {2} needs {3} values, found {4}"), what, shape.str(),
                        shape.numel(), data.size());
    std::vector<Scalar> values;
    values.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i)
        values.push_back(scalarFromJson(data[i], what + ".data[" + std::to_string(i) + "]"));
    return Tensor(shape, std::move(values));
}

Json layerToJson(const LayerSpec& l) {
    Json j = Json::object();
    j.set("type", layerTypeName(l));
    switch (l.kind) {
    case LayerKind::Linear:
        j.set("in", Json(static_cast<long long>(l.in)));
        j.set("out", Json(static_cast<long long>(l.out)));
        break;
    case LayerKind::Conv2d:
        j.set("in", Json(static_cast<long long>(l.in)));
        j.set("out", Json(static_cast<long long>(l.out)));
        j.set("kernel", l.kernel);
        j.set("stride", l.stride);
        j.set("padding", l.padding);
        break;
    case LayerKind::MaxPool2d:
    case LayerKind::AvgPool2d:
        j.set("kernel", l.kernel);
        j.set("stride", l.stride);
        break;
    case LayerKind::BatchNorm1d:
    case LayerKind::BatchNorm2d:
    case LayerKind::LayerNorm:
        j.set("features", Json(static_cast<long long>(l.in)));
        break;
    case LayerKind::Activation:
        if (activationInfo(l.activation).hasSlope) j.set("slope", Json(l.slope));
        break;
    case LayerKind::Dropout:
        j.set("p", Json(l.p));
        break;
    default:
        break;
    }
    if (l.hasParameters() && !isNormalisation(l.kind)) { // a norm starts as the identity
        j.set("init", initName(l.init));
        j.set("bias", l.bias);
    }
    if (!l.inputs.empty()) { // a graph's wiring (model format version 2)
        Json inputs = Json::array();
        for (const int i : l.inputs)
            inputs.push(Json(i));
        j.set("inputs", std::move(inputs));
    }
    return j;
}

LayerSpec layerFromJson(const Json& j, const std::string& what) {
    j.asObject(what);
    const std::string& type = j["type"].asString(what + ".type");
    const auto read = layerFromTypeName(type);
    if (!read)
        throw JsonError(Engine::tr("{1}: unknown layer type \"{2}\" ({3})"), what + ".type", type,
                        layerTypeNames());
    LayerSpec l = *read;
    // Sizes within the limits of core/Limits.h, read as whole numbers in range (a size with
    // no default, such as a linear layer's in and out, must be there).
    const auto width = [&](const char* key) {
        return integerOr(j, key, 0, what, 1, kMaxLayerWidth);
    };
    const auto window = [&](const char* key, long long fallback, long long min) {
        return static_cast<int>(integerOr(j, key, fallback, what, min, kMaxConvWindow));
    };
    switch (l.kind) {
    case LayerKind::Linear:
        l.in = width("in");
        l.out = width("out");
        break;
    case LayerKind::Conv2d:
        l.in = width("in");
        l.out = width("out");
        l.kernel = window("kernel", 0, 1);
        l.stride = window("stride", 1, 1);
        l.padding = window("padding", 0, 0);
        break;
    case LayerKind::MaxPool2d:
    case LayerKind::AvgPool2d:
        l.kernel = window("kernel", 2, 1);
        l.stride = window("stride", l.kernel, 1);
        break;
    case LayerKind::BatchNorm1d:
    case LayerKind::BatchNorm2d:
    case LayerKind::LayerNorm:
        l.in = l.out = width("features");
        break;
    case LayerKind::Activation:
        if (activationInfo(l.activation).hasSlope)
            l.slope = scalarOr(j, "slope", Scalar(0.01), what);
        break;
    case LayerKind::Dropout:
        l.p = scalarOr(j, "p", Scalar(0.5), what);
        if (!(l.p >= 0 && l.p < 1))
            throw JsonError(Engine::tr("{1} must be in [0, 1)"), what + ".p");
        break;
    default:
        break;
    }
    if (l.hasParameters() && !isNormalisation(l.kind)) {
        if (j.contains("init")) {
            const auto init = initFromName(j["init"].asString(what + ".init"));
            if (!init)
                throw JsonError(Engine::tr("{1}: unknown initialiser \"{2}\" ({3})"),
                                what + ".init", j["init"].asString(""),
                                "pytorch, zeros, uniform, normal, xavier, he");
            l.init = *init;
        }
        if (j.contains("bias")) l.bias = j["bias"].asBool(what + ".bias");
    }
    if (j.contains("inputs")) {
        // Whether they are earlier layers is checked with the whole network (checkWiring).
        const auto& inputs = j["inputs"].asArray(what + ".inputs");
        if (inputs.empty() || inputs.size() > 2)
            throw JsonError(Engine::tr("{1} must list one or two layers"), what + ".inputs");
        for (std::size_t k = 0; k < inputs.size(); ++k)
            l.inputs.push_back(static_cast<int>(inputs[k].asInteger(
                what + ".inputs[" + std::to_string(k) + "]", -1, kMaxLayerWidth)));
    }
    return l;
}

Json optimizerToJson(const OptimizerConfig& c) {
    Json j = Json::object();
    j.set("kind", optimizerKindName(c.kind));
    j.set("lr", Json(c.learningRate));
    j.set("weight_decay", Json(c.weightDecay));
    // The settings its kind reads, in its table's order.
    for (const char* key : optimizerInfo(c.kind).settings) {
        const OptimizerSetting& setting = optimizerSetting(key);
        if (setting.flag)
            j.set(key, c.*setting.flag);
        else
            j.set(key, Json(c.*setting.number));
    }
    return j;
}

OptimizerConfig optimizerFromJson(const Json& j, const std::string& what) {
    j.asObject(what);
    const std::string& kind = j["kind"].asString(what + ".kind");
    auto base = OptimizerConfig::fromName(kind);
    if (!base)
        throw JsonError(Engine::tr("{1}: unknown optimizer \"{2}\" ({3})"), what + ".kind", kind,
                        optimizerChoiceNames());
    OptimizerConfig c = *base;
    c.learningRate = scalarOr(j, "lr", c.learningRate, what);
    c.weightDecay = scalarOr(j, "weight_decay", c.weightDecay, what);
    for (const OptimizerSetting& s : optimizerSettings()) {
        if (s.number)
            c.*s.number = scalarOr(j, s.key, c.*s.number, what);
        else if (j.contains(s.key))
            c.*s.flag = j[s.key].asBool(what + "." + s.key);
    }
    try {
        c.validate();
    } catch (const InvalidArgument& e) {
        throw JsonError(Engine::tr("{1}: {2}"), what, e.message());
    }
    return c;
}

Json scheduleToJson(const Schedule& s) {
    Json j = Json::object();
    j.set("kind", scheduleKindName(s.kind));
    if (s.kind == ScheduleKind::Step) j.set("step_size", s.stepSize);
    if (s.kind == ScheduleKind::Step || s.kind == ScheduleKind::Exponential)
        j.set("gamma", Json(s.gamma));
    if (s.kind == ScheduleKind::Cosine) {
        j.set("max_epochs", s.maxEpochs);
        j.set("min_lr", Json(s.minLearningRate));
    }
    return j;
}

Schedule scheduleFromJson(const Json& j, const std::string& what) {
    j.asObject(what);
    Schedule s;
    const std::string& kind = j["kind"].asString(what + ".kind");
    const auto k = Schedule::kindFromName(kind);
    if (!k)
        throw JsonError(Engine::tr("{1}: unknown schedule \"{2}\" ({3})"), what + ".kind", kind,
                        "constant, step, exponential, cosine");
    s.kind = *k;
    constexpr int kMaxInt = std::numeric_limits<int>::max();
    s.stepSize = static_cast<int>(integerOr(j, "step_size", s.stepSize, what, -kMaxInt, kMaxInt));
    s.gamma = scalarOr(j, "gamma", s.gamma, what);
    s.maxEpochs =
        static_cast<int>(integerOr(j, "max_epochs", s.maxEpochs, what, -kMaxInt, kMaxInt));
    s.minLearningRate = scalarOr(j, "min_lr", s.minLearningRate, what);
    try {
        s.validate();
    } catch (const InvalidArgument& e) {
        throw JsonError(Engine::tr("{1}: {2}"), what, e.message());
    }
    return s;
}

} // namespace gs
