#include "Session.h"

#include "Onnx.h"
#include "Serialize.h"

#include <limits>

namespace gs {

Json sessionToJson(const Experiment& experiment, FeatureMask features, const Sequential& model,
                   const Shape& sampleShape, const Optimizer& optimizer, long steps, int epochs,
                   const MetricsHistory& history, int scheduleOrigin) {
    Json j = Json::object();
    j.set("format", "gradscope-session");
    j.set("version", kSessionFormatVersion);
    Json names = Json::array();
    for (int f = 0; f < kFeatureCount; ++f)
        if ((features >> f) & 1u) names.push(featureName(Feature(f)));
    j.set("features", std::move(names));
    j.set("model", modelToJson(model, sampleShape, experiment.train.loss, &optimizer,
                               experimentToJson(experiment)));
    Json position = Json::object();
    position.set("steps", steps);
    position.set("epochs", epochs);
    position.set("schedule_origin", scheduleOrigin);
    j.set("position", std::move(position));
    Json stepLosses = Json::array();
    for (const auto& [step, loss] : history.stepLosses) {
        stepLosses.push(step);
        stepLosses.push(loss);
    }
    Json epochList = Json::array();
    for (const EpochReport& e : history.epochs) {
        Json r = Json::object();
        r.set("epoch", e.epoch);
        r.set("step", e.step);
        r.set("train_loss", e.trainLoss);
        r.set("train_accuracy", e.trainAccuracy);
        r.set("test_loss", e.test.loss);
        r.set("test_accuracy", e.test.accuracy);
        r.set("test_samples", Json(static_cast<long long>(e.test.samples)));
        r.set("seconds", e.seconds);
        r.set("samples_per_s", e.samplesPerSecond);
        epochList.push(std::move(r));
    }
    Json h = Json::object();
    h.set("steps", std::move(stepLosses));
    h.set("epochs", std::move(epochList));
    if (!history.layerStats.empty()) {
        const std::size_t count = history.layerStats.front().second.size();
        Json layers = Json::array();
        for (const LayerStats& l : history.layerStats.front().second)
            layers.push(l.layer);
        Json rows = Json::array();
        for (const auto& [step, stats] : history.layerStats) {
            if (stats.size() != count) continue; // from before an architecture change
            rows.push(step);
            for (const LayerStats& l : stats) {
                rows.push(l.gradientNorm);
                rows.push(l.updateRatio);
            }
        }
        Json layerStats = Json::object();
        layerStats.set("layers", std::move(layers));
        layerStats.set("rows", std::move(rows));
        h.set("layer_stats", std::move(layerStats));
    }
    j.set("history", std::move(h));
    return j;
}

namespace {
// history.layer_stats: the layers' indices, then rows of a step and each layer's gradient norm
// and update ratio, flattened.
void readLayerStats(const Json& j, SessionData& s) {
    const auto& ids = j["layers"].asArray("history.layer_stats.layers");
    if (ids.empty()) throw JsonError(Engine::tr("history.layer_stats.layers: no layers"));
    std::vector<LayerStats> layers(ids.size());
    for (std::size_t l = 0; l < ids.size(); ++l)
        layers[l].layer = int(ids[l].asInteger("history.layer_stats.layers"));
    const auto& rows = j["rows"].asArray("history.layer_stats.rows");
    const std::size_t width = 1 + 2 * layers.size();
    if (rows.size() % width != 0)
        throw JsonError(Engine::tr("history.layer_stats.rows: needs rows of a step and, for each "
                                   "of the {1} layers, two numbers"),
                        layers.size());
    for (std::size_t r = 0; r < rows.size(); r += width) {
        for (std::size_t l = 0; l < layers.size(); ++l) {
            layers[l].gradientNorm = rows[r + 1 + 2 * l].asNumber("history.layer_stats.rows");
            layers[l].updateRatio = rows[r + 2 + 2 * l].asNumber("history.layer_stats.rows");
        }
        s.history.layerStats.emplace_back(long(rows[r].asInteger("history.layer_stats.rows")),
                                          layers);
    }
}
} // namespace

SessionData sessionFromJson(const Json& j, const std::string& source) {
    try {
        if (!j.isObject()) throw JsonError(Engine::tr("the session must be an object"));
        if (!j.contains("format") || j["format"].asString("format") != "gradscope-session")
            throw JsonError(
                Engine::tr("not a Gradscope session (no \"format\": \"gradscope-session\")"));
        const long long version = j["version"].asInteger("version");
        if (version > kSessionFormatVersion)
            throw JsonError(Engine::tr("written by a newer Gradscope (session format version {1}; "
                                       "this version reads up to {2})"),
                            version, kSessionFormatVersion);
        if (version < 1) throw JsonError(Engine::tr("version must be at least 1"));
        SessionData s;
        s.features = 0;
        const auto& names = j["features"].asArray("features");
        for (std::size_t i = 0; i < names.size(); ++i) {
            const std::string& name = names[i].asString("features[" + std::to_string(i) + "]");
            int found = -1;
            for (int f = 0; f < kFeatureCount; ++f)
                if (name == featureName(Feature(f))) found = f;
            if (found < 0) throw JsonError(Engine::tr("features: unknown feature \"{1}\""), name);
            s.features |= featureBit(Feature(found));
        }
        if (s.features == 0) throw JsonError(Engine::tr("features: none chosen"));
        s.model = modelFromJson(j["model"], source);
        if (s.model.experiment.isNull())
            throw JsonError(
                Engine::tr("model: the experiment (data and training settings) is missing"));
        s.experiment = experimentFromJson(s.model.experiment, source + ": model.experiment");
        if (j.contains("recording")) s.recording = j["recording"];
        if (j.contains("lesson_answers")) s.lessonAnswers = j["lesson_answers"];
        constexpr long kMaxLong = std::numeric_limits<long>::max();
        s.steps = long(j["position"]["steps"].asInteger("position.steps", 0, kMaxLong));
        s.epochs = j["position"]["epochs"].asInt("position.epochs", 0);
        // Files from before schedules could be restarted have no origin: the run's start.
        if (j["position"].contains("schedule_origin"))
            s.scheduleOrigin =
                j["position"]["schedule_origin"].asInt("position.schedule_origin", 0);
        if (s.steps < 0 || s.epochs < 0)
            throw JsonError(Engine::tr("position: steps and epochs must not be negative"));
        if (s.scheduleOrigin < 0 || s.scheduleOrigin > s.epochs)
            throw JsonError(Engine::tr("position.schedule_origin must be between 0 and the epochs "
                                       "finished ({1})"),
                            s.epochs);
        const auto& losses = j["history"]["steps"].asArray("history.steps");
        if (losses.size() % 2 != 0)
            throw JsonError(Engine::tr("history.steps: needs pairs of step and loss"));
        for (std::size_t i = 0; i < losses.size(); i += 2)
            s.history.stepLosses.emplace_back(
                long(losses[i].asInteger("history.steps", 0, kMaxLong)),
                losses[i + 1].asNumber("history.steps"));
        const auto& epochs = j["history"]["epochs"].asArray("history.epochs");
        for (std::size_t i = 0; i < epochs.size(); ++i) {
            const Json& r = epochs[i];
            const std::string what = "history.epochs[" + std::to_string(i) + "]";
            EpochReport e;
            e.epoch = r["epoch"].asInt(what + ".epoch", 0);
            e.step = long(r["step"].asInteger(what + ".step", 0, kMaxLong));
            e.trainLoss = r["train_loss"].asNumber(what + ".train_loss");
            e.trainAccuracy = r["train_accuracy"].asNumber(what + ".train_accuracy");
            e.test.loss = r["test_loss"].asNumber(what + ".test_loss");
            e.test.accuracy = r["test_accuracy"].asNumber(what + ".test_accuracy");
            e.test.samples =
                Index(r["test_samples"].asInteger(what + ".test_samples", 0, kMaxSamples));
            e.seconds = r["seconds"].asNumber(what + ".seconds");
            e.samplesPerSecond = r["samples_per_s"].asNumber(what + ".samples_per_s");
            s.history.add(e);
        }
        if (j["history"].contains("layer_stats")) readLayerStats(j["history"]["layer_stats"], s);
        return s;
    } catch (const JsonError& e) {
        if (std::string(e.what()).rfind(source, 0) == 0) throw; // already names the file
        throw JsonError(Engine::tr("{1}: {2}"), source, e.message());
    }
}

void saveSession(const std::string& path, const Json& session) {
    writeFileAtomic(path, session.dump(1) + "\n");
}

SessionData parseSession(const std::string& text, const std::string& source) {
    return sessionFromJson(Json::parse(text, source), source);
}

SessionData loadSession(const std::string& path) {
    return withMemoryNote(path, [&] {
        return parseSession(readFile(path, Message(Engine::tr("session file"))), path);
    });
}

LoadedModel loadModelOrSession(const std::string& path, FeatureMask* features) {
    if (features) *features = kRawFeatures;
    if (path.ends_with(".onnx")) return loadOnnx(path);
    if (!path.ends_with(".gradscope")) return loadModel(path);
    SessionData session = loadSession(path);
    if (features) *features = session.features;
    return std::move(session.model);
}

} // namespace gs
