#include "Recording.h"

#include "Serialize.h"
#include "core/Errors.h"
#include "core/Limits.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <sstream>

namespace gs {

namespace {

constexpr long kMaxLong = std::numeric_limits<long>::max();

static_assert(std::endian::native == std::endian::little, "the numbers are written as they lie");

constexpr std::size_t kRowFields = 15;
constexpr std::size_t kRowBytes = 160; // a state's row of counters, as text, about
constexpr std::size_t kMaxDropoutText = 16 << 10;

const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string toBase64(const std::string& bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k)
            v = (v << 8) | (k < n ? std::uint8_t(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k)
            out += k <= n ? kBase64[(v >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
}

// Empty optional-like result: false where the text is not base64.
bool fromBase64(const std::string& text, std::string& out) {
    if (text.size() % 4 != 0) return false;
    int value[256];
    std::fill(std::begin(value), std::end(value), -1);
    for (int i = 0; i < 64; ++i)
        value[std::uint8_t(kBase64[i])] = i;
    out.clear();
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::uint32_t v = 0;
        int pad = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = text[i + k];
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                ++pad;
                v <<= 6;
                continue;
            }
            if (pad > 0 || value[std::uint8_t(c)] < 0) return false;
            v = (v << 6) | std::uint32_t(value[std::uint8_t(c)]);
        }
        for (int k = 0; k < 3 - pad; ++k)
            out += char((v >> (16 - 8 * k)) & 0xff);
    }
    return true;
}

Json settingsToJson(const TrainerState::Settings& s) {
    Json j = Json::object();
    j.set("optimizer", optimizerToJson(s.config.optimizer));
    j.set("in_effect", optimizerToJson(s.inEffect));
    j.set("schedule", scheduleToJson(s.config.schedule));
    j.set("l1", Json(s.config.regularization.l1));
    j.set("l2", Json(s.config.regularization.l2));
    return j;
}

TrainerState::Settings settingsFromJson(const Json& j, const TrainConfig& fixed,
                                        const std::string& what) {
    j.asObject(what);
    TrainerState::Settings s;
    s.config = fixed;
    s.config.optimizer = optimizerFromJson(j["optimizer"], what + ".optimizer");
    s.inEffect = optimizerFromJson(j["in_effect"], what + ".in_effect");
    if (s.inEffect.kind != s.config.optimizer.kind)
        throw JsonError(Engine::tr("{1}: the optimizer in effect is not the one chosen"), what);
    s.config.schedule = scheduleFromJson(j["schedule"], what + ".schedule");
    s.config.regularization.l1 = scalarFromJson(j["l1"], what + ".l1");
    s.config.regularization.l2 = scalarFromJson(j["l2"], what + ".l2");
    if (s.config.regularization.l1 < 0 || s.config.regularization.l2 < 0)
        throw JsonError(Engine::tr("{1}: L1 and L2 must not be negative"), what);
    s.version = Trainer::newSettingsVersion();
    return s;
}

// Every buffer an optimizer of this kind can hold.
std::vector<std::string> buffersOfKind(const OptimizerConfig& config) {
    OptimizerConfig every = config;
    every.momentum = Scalar(0.9);
    every.centered = true;
    std::vector<std::string> names;
    for (const OptimizerBuffer& b : optimizerBuffers(every))
        names.emplace_back(b.name);
    return names;
}

std::size_t parameterValues(const Sequential& model) {
    std::size_t n = 0;
    for (const Parameter* p : model.parameters())
        n += std::size_t(p->value.numel());
    for (const auto& b : model.buffers())
        n += std::size_t(b.value.numel());
    return n;
}

} // namespace

Json recordingToJson(const Recorder& recorder, std::size_t maxBytes) {
    const std::vector<Recorder::Entry> all = recorder.entries();
    if (all.empty()) return {};
    // Every state kept, or where that is too large, thinned as the recorder thins (the first,
    // the pins and every `interval`-th step), the interval doubling until the numbers fit.
    long interval = recorder.interval();
    if (interval > kMaxSavedInterval) return {};
    std::vector<Recorder::Entry> kept;
    for (bool thinning = false;; thinning = true) {
        if (thinning && kept.size() <= 1) return {};
        kept.clear();
        std::size_t bytes = 0;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (!thinning || i == 0 || all[i].pin != Recorder::Pin::None ||
                all[i].state->steps % interval == 0) {
                kept.push_back(all[i]);
                bytes += all[i].state->values.size() * sizeof(Scalar) + kRowBytes;
            }
        if (bytes <= maxBytes) break;
        if (thinning) {
            if (interval >= kMaxSavedInterval) return {};
            interval *= 2;
        }
    }

    Json settings = Json::array(), buffers = Json::array(), dropout = Json::array();
    std::map<const void*, long> settingsIndex, buffersIndex, dropoutIndex;
    const auto indexOf = [](std::map<const void*, long>& index, const void* key, Json& list,
                            auto&& make) {
        const auto [it, added] = index.emplace(key, long(index.size()));
        if (added) list.push(make());
        return it->second;
    };
    Json rows = Json::array();
    std::string numbers;
    for (const Recorder::Entry& e : kept) {
        const TrainerState& s = *e.state;
        rows.push(s.steps);
        rows.push(s.epoch);
        rows.push(s.scheduleOrigin);
        rows.push(s.firstLoss);
        rows.push(s.epochLossSum);
        rows.push(Json(static_cast<long long>(s.epochCorrect)));
        rows.push(Json(static_cast<long long>(s.epochSamples)));
        rows.push(s.epochSeconds);
        rows.push(s.optimizerSteps);
        rows.push(indexOf(settingsIndex, s.settings.get(), settings,
                          [&] { return settingsToJson(*s.settings); }));
        rows.push(indexOf(buffersIndex, s.optimizerBuffers.get(), buffers, [&] {
            Json perParameter = Json::array();
            for (const auto& names : *s.optimizerBuffers) {
                Json n = Json::array();
                for (const std::string& name : names)
                    n.push(name);
                perParameter.push(std::move(n));
            }
            return perParameter;
        }));
        rows.push(s.shuffles);
        rows.push(Json(static_cast<long long>(s.position)));
        rows.push(static_cast<int>(e.pin));
        rows.push(s.dropout ? indexOf(dropoutIndex, s.dropout.get(), dropout,
                                      [&] {
                                          std::ostringstream text;
                                          text << *s.dropout;
                                          return Json(text.str());
                                      })
                            : -1L);
        numbers.append(reinterpret_cast<const char*>(s.values.data()),
                       s.values.size() * sizeof(Scalar));
    }
    uLongf packedSize = compressBound(uLong(numbers.size()));
    std::string packed(packedSize, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize,
                  reinterpret_cast<const Bytef*>(numbers.data()), uLong(numbers.size()),
                  Z_DEFAULT_COMPRESSION) != Z_OK)
        return {};
    packed.resize(packedSize);

    Json j = Json::object();
    j.set("interval", interval);
    j.set("last", recorder.last());
    j.set("settings", std::move(settings));
    j.set("buffers", std::move(buffers));
    j.set("dropout", std::move(dropout));
    j.set("states", std::move(rows));
    j.set("value_count", Json(static_cast<unsigned long>(numbers.size() / sizeof(Scalar))));
    j.set("values", toBase64(packed));
    return j;
}

SavedRecording recordingFromJson(const Json& j, const Sequential& model, const TrainConfig& fixed,
                                 long steps, int epochs, Index trainSamples,
                                 const std::string& what) {
    j.asObject(what);
    SavedRecording out;
    out.interval = long(j["interval"].asInteger(what + ".interval", 1, kMaxSavedInterval));
    if ((out.interval & (out.interval - 1)) != 0)
        throw JsonError(Engine::tr("{1}.interval must be a power of two"), what);
    out.last = long(j["last"].asInteger(what + ".last", 0, kMaxLong));
    if (out.last != steps)
        throw JsonError(Engine::tr("{1}.last is step {2}, the session stands at step {3}"), what,
                        out.last, steps);

    std::vector<std::shared_ptr<const TrainerState::Settings>> settings;
    const auto& settingsList = j["settings"].asArray(what + ".settings");
    for (std::size_t i = 0; i < settingsList.size(); ++i)
        settings.push_back(std::make_shared<const TrainerState::Settings>(settingsFromJson(
            settingsList[i], fixed, what + ".settings[" + std::to_string(i) + "]")));

    const auto& parameters = model.parameters();
    using Names = std::vector<std::vector<std::string>>;
    std::vector<std::shared_ptr<const Names>> buffers;
    const auto& buffersList = j["buffers"].asArray(what + ".buffers");
    for (std::size_t i = 0; i < buffersList.size(); ++i) {
        const std::string at = what + ".buffers[" + std::to_string(i) + "]";
        const auto& perParameter = buffersList[i].asArray(at);
        if (perParameter.size() != parameters.size())
            throw JsonError(Engine::tr("{1} names buffers of {2} parameters, the network has {3}"),
                            at, static_cast<unsigned long>(perParameter.size()),
                            static_cast<unsigned long>(parameters.size()));
        Names names(perParameter.size());
        for (std::size_t p = 0; p < perParameter.size(); ++p)
            for (const Json& name : perParameter[p].asArray(at))
                names[p].push_back(name.asString(at));
        buffers.push_back(std::make_shared<const Names>(std::move(names)));
    }

    std::vector<std::shared_ptr<const std::mt19937_64>> dropout;
    for (const Json& d : j["dropout"].asArray(what + ".dropout")) {
        const std::string& text = d.asString(what + ".dropout");
        if (text.size() > kMaxDropoutText)
            throw JsonError(Engine::tr("{1}.dropout: a generator's state is too long"), what);
        std::istringstream in(text);
        auto rng = std::make_shared<std::mt19937_64>();
        in >> *rng;
        if (!in) throw JsonError(Engine::tr("{1}.dropout: not a generator's state"), what);
        dropout.push_back(std::move(rng));
    }

    // The numbers: as many as the states need, no more; inflated into exactly that room.
    const auto& rows = j["states"].asArray(what + ".states");
    if (rows.empty() || rows.size() % kRowFields != 0)
        throw JsonError(Engine::tr("{1}.states must hold {2} numbers per state"), what,
                        long(kRowFields));
    const std::size_t count = rows.size() / kRowFields;
    const std::size_t perState = parameterValues(model);
    const auto valueCount = std::size_t(j["value_count"].asInteger(
        what + ".value_count", 0, static_cast<long long>(kMaxSavedRecording / sizeof(Scalar))));
    std::string packed;
    if (!fromBase64(j["values"].asString(what + ".values"), packed))
        throw JsonError(Engine::tr("{1}.values is not base64"), what);
    std::vector<Scalar> numbers(valueCount);
    uLongf size = uLongf(valueCount * sizeof(Scalar));
    if (uncompress(reinterpret_cast<Bytef*>(numbers.data()), &size,
                   reinterpret_cast<const Bytef*>(packed.data()), uLong(packed.size())) != Z_OK ||
        size != valueCount * sizeof(Scalar))
        throw JsonError(Engine::tr("{1}.values does not inflate to {2} numbers"), what,
                        static_cast<unsigned long>(valueCount));
    if (!std::all_of(numbers.begin(), numbers.end(), [](Scalar v) { return std::isfinite(v); }))
        throw JsonError(Engine::tr("{1}.values holds a number that is not finite"), what);

    std::size_t taken = 0;
    for (std::size_t r = 0; r < count; ++r) {
        const std::string at = what + ".states[" + std::to_string(r) + "]";
        const auto field = [&](std::size_t f) -> const Json& { return rows[r * kRowFields + f]; };
        TrainerState s;
        s.steps = long(field(0).asInteger(at, 0, steps));
        s.epoch = field(1).asInt(at, 0, epochs);
        s.scheduleOrigin = field(2).asInt(at, 0, s.epoch);
        s.firstLoss = field(3).asNumber(at);
        s.epochLossSum = field(4).asNumber(at);
        s.epochCorrect = Index(field(5).asInteger(at, 0, kMaxSamples));
        s.epochSamples = Index(field(6).asInteger(at, 0, kMaxSamples));
        s.epochSeconds = field(7).asNumber(at);
        s.optimizerSteps = long(field(8).asInteger(at, 0, s.steps));
        const auto pick = [&](const auto& list, std::size_t f) {
            const auto i =
                std::size_t(field(f).asInteger(at, 0, static_cast<long long>(list.size()) - 1));
            return list[i];
        };
        if (settings.empty() || buffers.empty())
            throw JsonError(Engine::tr("{1}: no settings or buffers to refer to"), at);
        s.settings = pick(settings, 9);
        s.optimizerBuffers = pick(buffers, 10);
        s.shuffles = long(field(11).asInteger(at, 1, static_cast<long long>(s.epoch) + 2));
        s.position = Index(field(12).asInteger(at, 0, trainSamples));
        const int pin = field(13).asInt(at, 0, 2);
        const long d =
            long(field(14).asInteger(at, -1, static_cast<long long>(dropout.size()) - 1));
        if (d >= 0) s.dropout = dropout[std::size_t(d)];
        // The buffers named are ones this kind of optimizer has (with any of its options: a
        // buffer stays when its option is turned off), each once; the optimizer finds them by
        // name.
        std::size_t need = perState;
        const std::vector<std::string> known = buffersOfKind(s.settings->inEffect);
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            const auto& names = (*s.optimizerBuffers)[p];
            for (std::size_t k = 0; k < names.size(); ++k)
                if (std::find(known.begin(), known.end(), names[k]) == known.end() ||
                    std::find(names.begin(), names.begin() + std::ptrdiff_t(k), names[k]) !=
                        names.begin() + std::ptrdiff_t(k))
                    throw JsonError(
                        Engine::tr("{1}: \"{2}\" is not a buffer of this optimizer, or twice"), at,
                        names[k]);
            need += names.size() * std::size_t(parameters[p]->value.numel());
        }
        if (need > valueCount - taken)
            throw JsonError(Engine::tr("{1}: {2}.values ends before this state's numbers"), at,
                            what);
        s.values.assign(numbers.begin() + std::ptrdiff_t(taken),
                        numbers.begin() + std::ptrdiff_t(taken + need));
        taken += need;
        out.states.emplace_back(std::move(s), static_cast<Recorder::Pin>(pin));
    }
    if (taken != valueCount)
        throw JsonError(Engine::tr("{1}.values holds {2} numbers more than its states"), what,
                        static_cast<unsigned long>(valueCount - taken));
    // In order, and never more than `interval` steps apart (to the last step too): no replay
    // is longer than that.
    long before = -1;
    for (const auto& [state, pin] : out.states) {
        if (state.steps <= before)
            throw JsonError(Engine::tr("{1}: the states' steps must increase (step {2})"), what,
                            state.steps);
        if (before >= 0 && state.steps - before > out.interval)
            throw JsonError(Engine::tr("{1}: steps {2} to {3} are further apart than the interval"),
                            what, before, state.steps);
        before = state.steps;
    }
    if (out.last - before > out.interval)
        throw JsonError(Engine::tr("{1}: steps {2} to {3} are further apart than the interval"),
                        what, before, out.last);
    return out;
}

} // namespace gs
