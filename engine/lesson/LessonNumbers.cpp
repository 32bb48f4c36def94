#include "LessonNumbers.h"

#include "io/NumberText.h"
#include "train/TrainingSession.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace gs {

namespace {

// A placeholder taken apart: [next.]KIND[/SUB][:NAME[i,j,…]].
struct Key {
    bool next = false;
    std::string kind, sub, name;
    std::vector<Index> index;
    bool indexed = false;
};

enum class Target { None, Parameter, ParameterWhole, Node };
struct KindInfo {
    const char* kind;
    Target target;
    bool now; // computed at the weights after N steps, not from a step's trace
    bool sub; // takes /SUB
};
constexpr KindInfo kKinds[] = {
    {"step", Target::None, false, false},        {"loss", Target::None, false, false},
    {"lr", Target::None, false, false},          {"nodes", Target::None, false, false},
    {"weight", Target::Parameter, false, false}, {"after", Target::Parameter, false, false},
    {"grad", Target::Parameter, false, false},   {"update", Target::Parameter, false, false},
    {"state", Target::Parameter, false, true},   {"norm", Target::ParameterWhole, false, false},
    {"value", Target::Node, false, false},       {"upstream", Target::Node, false, false},
    {"local", Target::Node, false, false},       {"contrib", Target::Node, false, true},
    {"order", Target::Node, false, false},       {"fd", Target::Parameter, true, true},
    {"autodiff", Target::Parameter, true, true}, {"accum", Target::Parameter, true, true},
    {"early", Target::Parameter, true, true},    {"jvp", Target::Parameter, true, false},
    {"static", Target::None, true, false},       {"accuracy", Target::None, true, false},
    {"parameters", Target::None, true, false},
};

const KindInfo* kindInfo(const std::string& kind) {
    for (const KindInfo& k : kKinds)
        if (kind == k.kind) return &k;
    return nullptr;
}

std::string kindList() {
    std::string list;
    for (const KindInfo& k : kKinds)
        list += (list.empty() ? "" : ", ") + std::string(k.kind);
    return list;
}

Key parseKey(const std::string& text, const std::string& what) {
    const auto bad = [&](Text reason) {
        return LessonError(Engine::tr("{1}: the placeholder {{2}} {3}"), what, text,
                           Message(reason));
    };
    Key key;
    std::string rest = text;
    if (rest.starts_with("next.")) {
        key.next = true;
        rest = rest.substr(5);
    }
    const auto colon = rest.find(':');
    std::string head = rest.substr(0, colon);
    const auto slash = head.find('/');
    key.kind = head.substr(0, slash);
    if (slash != std::string::npos) key.sub = head.substr(slash + 1);
    const KindInfo* info = kindInfo(key.kind);
    if (!info)
        throw LessonError(Engine::tr("{1}: the placeholder {{2}} names \"{3}\", which is not "
                                     "one of {4}"),
                          what, text, key.kind, kindList());
    if (slash != std::string::npos && (!info->sub || key.sub.empty()))
        throw bad(Engine::tr("has a /… that this kind does not take"));
    if (info->now && key.next)
        throw bad(Engine::tr("is computed at the weights shown, before the next step: it takes "
                             "no \"next.\""));
    if ((info->kind == std::string("state") || info->kind == std::string("early")) &&
        key.sub.empty())
        throw bad(Engine::tr("names no buffer (state/exp_avg:…)"));
    if (info->target == Target::None) {
        if (colon != std::string::npos) throw bad(Engine::tr("takes no \":…\""));
        return key;
    }
    if (colon == std::string::npos) throw bad(Engine::tr("needs a parameter or node (\":…\")"));
    std::string target = rest.substr(colon + 1);
    const auto open = target.find('[');
    key.name = target.substr(0, open);
    if (key.name.empty()) throw bad(Engine::tr("needs a parameter or node (\":…\")"));
    if (open != std::string::npos) {
        if (info->target == Target::ParameterWhole)
            throw bad(Engine::tr("is about a whole tensor and takes no entry"));
        if (target.back() != ']') throw bad(Engine::tr("has an entry without its ']'"));
        key.indexed = true;
        std::string list = target.substr(open + 1, target.size() - open - 2);
        std::size_t at = 0;
        while (true) {
            const auto comma = list.find(',', at);
            const std::string part = list.substr(at, comma - at);
            if (part.empty() || part.size() > 9 ||
                !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw bad(Engine::tr("has an entry that is not whole numbers from 0, e.g. [1,0]"));
            key.index.push_back(std::stol(part));
            if (key.index.size() > std::size_t(Shape::kMaxRank))
                throw bad(Engine::tr("has an entry with too many indices"));
            if (comma == std::string::npos) break;
            at = comma + 1;
        }
    }
    return key;
}

// Calls `found` with each placeholder's key and where it stands in `text` (from its '{' to
// just past its '}'); throws for a '{' without its '}'. "{=EXPR}" holds an expression, whose
// own placeholders' braces nest.
void scanPlaceholders(
    const std::string& text, const std::string& what,
    const std::function<void(const std::string&, std::size_t, std::size_t)>& found) {
    std::size_t at = 0;
    while ((at = text.find('{', at)) != std::string::npos) {
        std::size_t end = at + 1;
        for (int depth = 1; end < text.size(); ++end) {
            if (text[end] == '{') ++depth;
            if (text[end] == '}' && --depth == 0) break;
        }
        if (end >= text.size())
            throw LessonError(Engine::tr("{1}: a '{' without its '}' at character {2}"), what,
                              at + 1);
        found(text.substr(at + 1, end - at - 1), at, end + 1);
        at = end + 1;
    }
}

// Expressions: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
// unary := '-' unary | number | {key} | '(' sum ')' | abs '(' sum ')'.
class Expression {
public:
    // `formOnly`: the expression is only read for its form (every placeholder is 1 then, so a
    // division by zero says nothing).
    Expression(const std::string& text, const std::string& what,
               std::function<double(const std::string&)> lookup, bool formOnly = false)
        : m_text(text)
        , m_what(what)
        , m_lookup(std::move(lookup))
        , m_formOnly(formOnly) {}

    double evaluate() {
        const double v = sum();
        skipSpace();
        if (m_at != m_text.size()) fail();
        return v;
    }

private:
    [[noreturn]] void fail() const {
        throw LessonError(Engine::tr("{1}: the expression \"{2}\" is not well formed at "
                                     "character {3}"),
                          m_what, m_text, m_at + 1);
    }
    void skipSpace() {
        while (m_at < m_text.size() && m_text[m_at] == ' ')
            ++m_at;
    }
    bool take(char c) {
        skipSpace();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    double sum() {
        if (++m_depth > 64) fail();
        double v = product();
        while (true) {
            if (take('+'))
                v += product();
            else if (take('-'))
                v -= product();
            else
                break;
        }
        --m_depth;
        return v;
    }
    double product() {
        double v = unary();
        while (true) {
            if (take('*')) {
                v *= unary();
            } else if (take('/')) {
                const double d = unary();
                if (d == 0 && m_formOnly) continue;
                if (d == 0)
                    throw LessonError(Engine::tr("{1}: the expression \"{2}\" divides by zero"),
                                      m_what, m_text);
                v /= d;
            } else {
                break;
            }
        }
        return v;
    }
    double unary() {
        if (++m_depth > 64) fail();
        double v = 0;
        skipSpace();
        if (take('-')) {
            v = -unary();
        } else if (take('(')) {
            v = sum();
            if (!take(')')) fail();
        } else if (m_text.compare(m_at, 4, "abs(") == 0) {
            m_at += 4;
            v = std::abs(sum());
            if (!take(')')) fail();
        } else if (take('{')) {
            const auto end = m_text.find('}', m_at);
            if (end == std::string::npos) fail();
            v = m_lookup(m_text.substr(m_at, end - m_at));
            m_at = end + 1;
        } else {
            const ScannedNumber n =
                scanNumber(std::string_view(m_text).substr(m_at), NumberSyntax::Csv);
            if (n.length == 0 || n.error) fail();
            m_at += n.length;
            v = n.value;
        }
        --m_depth;
        return v;
    }

    const std::string& m_text;
    const std::string& m_what;
    std::function<double(const std::string&)> m_lookup;
    std::size_t m_at = 0;
    int m_depth = 0;
    bool m_formOnly = false;
};

// Every expression and text of a step, with where it is (for messages).
void forEachText(const LessonStep& step,
                 const std::function<void(const std::string&, const std::string&, bool)>& f) {
    const auto both = [&](const LessonText& t, const std::string& what) {
        f(t.en, what + ".en", false);
        f(t.zh, what + ".zh_CN", false);
    };
    both(step.text, "text");
    if (!step.exercise) return;
    const Exercise& e = *step.exercise;
    both(e.question, "exercise.question");
    both(e.wrong, "exercise.wrong");
    both(e.reveal, "exercise.reveal");
    if (!e.answer.empty()) f(e.answer, "exercise.answer", true);
    for (std::size_t i = 0; i < e.choices.size(); ++i) {
        const std::string w = "exercise.choices[" + std::to_string(i) + "]";
        both(e.choices[i].label, w + ".label");
        f(e.choices[i].value, w + ".value", true);
    }
}

Index flatIndex(const Key& key, const Shape& shape, const std::string& text) {
    if (!key.indexed) {
        if (shape.numel() != 1)
            throw LessonError(Engine::tr("{{1}}: {2} is {3}; name an entry, e.g. {2}[0,0]"), text,
                              key.name, shape.str());
        return 0;
    }
    // One index: flat. Otherwise one per dimension.
    if (key.index.size() == 1) {
        if (key.index[0] >= shape.numel())
            throw LessonError(Engine::tr("{{1}}: {2} has {3} entries"), text, key.name,
                              shape.numel());
        return key.index[0];
    }
    if (int(key.index.size()) != shape.rank())
        throw LessonError(Engine::tr("{{1}}: {2} is {3}, so an entry has {4} indices"), text,
                          key.name, shape.str(), shape.rank());
    Index flat = 0;
    for (int d = 0; d < shape.rank(); ++d) {
        if (key.index[std::size_t(d)] >= shape[d])
            throw LessonError(Engine::tr("{{1}}: {2} is {3}"), text, key.name, shape.str());
        flat = flat * shape[d] + key.index[std::size_t(d)];
    }
    return flat;
}

const UpdateRecord& updateOf(const StepTrace& trace, const Key& key, const std::string& text) {
    for (const UpdateRecord& u : trace.updates)
        if (u.parameter == key.name) return u;
    std::string names;
    for (const UpdateRecord& u : trace.updates)
        names += (names.empty() ? "" : ", ") + u.parameter;
    throw LessonError(Engine::tr("{{1}}: the network has no parameter {2} (it has {3})"), text,
                      key.name, names);
}

const StepRecord& backwardOf(const StepTrace& trace, const Key& key, const std::string& text) {
    for (const StepRecord& r : trace.backward)
        if (r.nodeName == key.name) return r;
    throw LessonError(Engine::tr("{{1}}: the backward pass has no node {2}"), text, key.name);
}

double entryOf(const Tensor& t, const Key& key, const std::string& text) {
    return double(t[flatIndex(key, t.shape(), text)]);
}

double parseTolerantNumber(std::string text, bool& ok) {
    // "−" (U+2212) as a minus, spaces around.
    for (std::size_t at; (at = text.find("\xe2\x88\x92")) != std::string::npos;)
        text.replace(at, 3, "-");
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.erase(0, 1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.pop_back();
    const ScannedNumber n = scanNumber(text, NumberSyntax::Csv);
    ok = n.length == text.size() && n.length > 0 && !n.error;
    return n.value;
}

// A value of one step's trace.
double fromTrace(const StepTrace& trace, const Key& key, const std::string& text) {
    const std::string& k = key.kind;
    if (k == "step") return double(trace.step);
    if (k == "loss") return trace.loss;
    if (k == "lr") return trace.learningRate;
    if (k == "nodes") return double(trace.forward.size());
    if (k == "weight") return entryOf(updateOf(trace, key, text).before, key, text);
    if (k == "after") return entryOf(updateOf(trace, key, text).after, key, text);
    if (k == "grad") return entryOf(updateOf(trace, key, text).gradient, key, text);
    if (k == "update") return entryOf(updateOf(trace, key, text).update, key, text);
    if (k == "norm") {
        double s = 0;
        const Tensor& g = updateOf(trace, key, text).gradient;
        for (Index i = 0; i < g.numel(); ++i)
            s += double(g[i]) * double(g[i]);
        return std::sqrt(s);
    }
    if (k == "state") {
        const UpdateRecord& u = updateOf(trace, key, text);
        for (const auto& [name, buffer] : u.state)
            if (name == key.sub) return entryOf(buffer, key, text);
        throw LessonError(Engine::tr("{{1}}: this optimizer keeps no buffer {2} for {3}"), text,
                          key.sub, key.name);
    }
    if (k == "value") {
        for (const ForwardRecord& f : trace.forward)
            if (f.name == key.name) return entryOf(f.value, key, text);
        throw LessonError(Engine::tr("{{1}}: the forward pass has no node {2}"), text, key.name);
    }
    if (k == "upstream") return entryOf(backwardOf(trace, key, text).upstream, key, text);
    if (k == "order") return double(backwardOf(trace, key, text).index + 1);
    if (k == "contrib") {
        const StepRecord& r = backwardOf(trace, key, text);
        bool ok = false;
        const double n = parseTolerantNumber(key.sub, ok);
        if (!ok || n < 0 || n != std::round(n) || n >= double(r.contributions.size()))
            throw LessonError(Engine::tr("{{1}}: {2} got {3} gradients from its consumers, "
                                         "numbered from 0"),
                              text, key.name, r.contributions.size());
        return entryOf(r.contributions[std::size_t(n)].gradient, key, text);
    }
    if (k == "local") {
        const StepRecord& r = backwardOf(trace, key, text);
        if (r.edges.empty() || !r.edges[0].localDerivative)
            throw LessonError(Engine::tr("{{1}}: {2} has no elementwise local derivative (only "
                                         "activations such as ReLU have one)"),
                              text, key.name);
        return entryOf(*r.edges[0].localDerivative, key, text);
    }
    throw LessonError(Engine::tr("{{1}} cannot be read from a step"), text);
}

int rightChoice(const Exercise& e, const LessonRun& run) {
    int best = 0;
    double bestValue = -1;
    for (std::size_t i = 0; i < e.choices.size(); ++i) {
        const double v = std::abs(run.evaluate(e.choices[i].value));
        if (v > bestValue) {
            bestValue = v;
            best = int(i);
        }
    }
    return best;
}

const char* signOf(double v) {
    return v > 0 ? "+" : v < 0 ? "-" : "0";
}

} // namespace

std::vector<std::string> placeholdersIn(const std::string& text, const std::string& what) {
    std::vector<std::string> keys;
    scanPlaceholders(text, what, [&](const std::string& key, std::size_t, std::size_t) {
        if (key.starts_with('=')) {
            for (const std::string& inner : expressionPlaceholders(key.substr(1), what))
                keys.push_back(inner);
            return;
        }
        parseKey(key, what);
        keys.push_back(key);
    });
    return keys;
}

std::vector<std::string> expressionPlaceholders(const std::string& expression,
                                                const std::string& what) {
    std::vector<std::string> keys;
    Expression(
        expression, what,
        [&](const std::string& key) {
            parseKey(key, what);
            keys.push_back(key);
            return 1.0;
        },
        true)
        .evaluate();
    return keys;
}

Experiment lessonExperiment(const LessonSetup& setup) {
    const Experiment* preset = findPreset(setup.preset);
    if (!preset)
        throw LessonError(Engine::tr("the setup's preset \"{1}\" is not a built-in preset"),
                          setup.preset);
    if (setup.changes.isNull()) return *preset;
    Json json = experimentToJson(*preset);
    for (const auto& [key, value] : setup.changes.asObject("setup.changes")) {
        // An object member is merged one level down ("optimizer": {"kind": "adam"} keeps the
        // preset's rate), anything else replaced.
        if (value.isObject() && json[key].isObject()) {
            Json merged = json[key];
            for (const auto& [k, v] : value.asObject(key))
                merged.set(k, v);
            json.set(key, std::move(merged));
        } else {
            json.set(key, value);
        }
    }
    try {
        return experimentFromJson(json, "setup.changes");
    } catch (const LessonError&) {
        throw;
    } catch (const Error& e) {
        throw LessonError(Engine::tr("the setup's changes do not make a network that trains: "
                                     "{1}"),
                          e.message());
    }
}

std::string formatLessonNumber(double value) {
    char buffer[48];
    if (std::isfinite(value) && value == std::round(value) && std::abs(value) < 1e9)
        std::snprintf(buffer, sizeof buffer, "%.0f", value == 0 ? 0.0 : value);
    else
        std::snprintf(buffer, sizeof buffer, "%.4g", value);
    return buffer;
}

LessonRun::LessonRun(const LessonStep& step, const std::string& dataDir,
                     const std::atomic<bool>* cancelled)
    : m_session(std::make_unique<TrainingSession>())
    , m_steps(step.setup.steps) {
    std::vector<std::pair<std::string, std::string>> keys; // key, where
    forEachText(step, [&](const std::string& text, const std::string& what, bool expression) {
        for (const std::string& key :
             expression ? expressionPlaceholders(text, what) : placeholdersIn(text, what))
            keys.emplace_back(key, what);
    });
    bool needNext = false;
    for (const auto& [key, what] : keys) {
        const Key k = parseKey(key, what);
        needNext = needNext || k.next;
        if (!k.next && !kindInfo(k.kind)->now && m_steps == 0)
            throw LessonError(Engine::tr("{1}: {{2}} reads this step, but the setup takes no "
                                         "steps; write {next.{2}} for the step to come, or "
                                         "set \"steps\""),
                              what, key);
    }

    SessionSetup setup;
    setup.experiment = lessonExperiment(step.setup);
    setup.dataDir = dataDir;
    m_session->setRecording(false);
    m_session->load(setup);
    const auto take = [&](StepTrace* trace) {
        if (cancelled && cancelled->load())
            throw Cancelled(Engine::tr("the lesson step was left before it was set up"));
        try {
            m_session->step(trace);
        } catch (const TrainingError& e) {
            throw LessonError(Engine::tr("the setup's training stopped at step {1}: {2}"),
                              m_session->trainer().steps() + 1, e.message());
        }
    };
    for (long i = 1; i < m_steps; ++i)
        take(nullptr);
    // The checks (finite differences, autodiff, backward twice, too early, forward mode) look
    // at the step shown, as the step-through does: its weights before its update, its batch.
    // At step 0 they look at the first step to come.
    const auto computeNow = [&](bool atWeightsShown) {
        for (const auto& [key, what] : keys) {
            const std::string& kind = parseKey(key, what).kind;
            const bool shown = kind == "accuracy" || kind == "parameters";
            if (!m_values.count(key) && kindInfo(kind)->now && shown == atWeightsShown)
                m_values[key] = compute(key);
        }
    };
    computeNow(false);
    if (m_steps > 0) take(&m_trace.emplace());
    computeNow(true);
    if (needNext) take(&m_next.emplace());
    for (const auto& [key, what] : keys)
        if (!m_values.count(key)) m_values[key] = compute(key);
    // Every expression evaluated now (a division by a zero of this run is an error of the
    // step, reported here rather than when a text is drawn).
    forEachText(step, [&](const std::string& text, const std::string&, bool expression) {
        if (expression)
            evaluate(text);
        else
            render(text);
    });
}

LessonRun::~LessonRun() = default;

double LessonRun::compute(const std::string& text) {
    const Key key = parseKey(text, "");
    if (!kindInfo(key.kind)->now) return fromTrace(key.next ? *m_next : *m_trace, key, text);
    if (key.kind == "parameters") {
        double count = 0;
        for (const Parameter* p : m_session->model().parameters())
            count += double(p->value.numel());
        return count;
    }
    if (key.kind == "static") {
        try {
            return m_session->staticGraphReplay().loss;
        } catch (const Error& e) {
            throw LessonError(Engine::tr("{{1}}: {2}"), text, e.message());
        }
    }
    if (key.kind == "accuracy") {
        const Dataset* test = m_session->testData();
        const Evaluation e = m_session->trainer().evaluate(test ? *test : m_session->trainData());
        if (e.accuracy < 0)
            throw LessonError(Engine::tr("{{1}}: this network does regression, which has no "
                                         "accuracy"),
                              text);
        return 100 * e.accuracy;
    }
    Index index = 0;
    for (const Parameter* p : m_session->model().parameters())
        if (p->name == key.name) index = flatIndex(key, p->value.shape(), text);
    if (key.kind == "jvp") {
        try {
            return m_session->forwardModeDerivative(key.name, index);
        } catch (const Error& e) {
            throw LessonError(Engine::tr("{{1}}: {2}"), text, e.message());
        }
    }
    if (key.kind == "early") {
        const auto& params = m_session->model().parameters();
        std::vector<Tensor> grads;
        try {
            grads = m_session->gradientsWithEarlyNode(key.sub);
        } catch (const InvalidArgument& e) {
            throw LessonError(Engine::tr("{{1}}: {2}"), text, e.message());
        }
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i]->name == key.name) return double(grads[i][index]);
        throw LessonError(Engine::tr("{{1}}: the network has no parameter {2}"), text, key.name);
    }
    if (key.kind == "accum") {
        int passes = 2;
        if (!key.sub.empty()) {
            bool ok = false;
            const double n = parseTolerantNumber(key.sub, ok);
            if (!ok || n < 1 || n > 10 || n != std::round(n))
                throw LessonError(Engine::tr("{{1}}: accum/K takes K from 1 to 10"), text);
            passes = int(n);
        }
        bool found = false;
        double value = 0;
        const auto grads = m_session->accumulatedGradients(passes);
        const auto& params = m_session->model().parameters();
        for (std::size_t i = 0; i < params.size(); ++i)
            if (params[i]->name == key.name) {
                value = double(grads[i][index]);
                found = true;
            }
        if (!found)
            throw LessonError(Engine::tr("{{1}}: the network has no parameter {2}"), text,
                              key.name);
        return value;
    }
    double epsilon = 1e-2;
    if (!key.sub.empty()) {
        bool ok = false;
        epsilon = parseTolerantNumber(key.sub, ok);
        if (!ok || !(epsilon > 0 && epsilon <= 1))
            throw LessonError(Engine::tr("{{1}}: ε must be above 0 and at most 1"), text);
    }
    try {
        const GradCheckEntry e = m_session->checkGradientEntry(key.name, index, epsilon);
        return key.kind == "fd" ? e.numeric : e.autodiff;
    } catch (const InvalidArgument& e) {
        throw LessonError(Engine::tr("{{1}}: {2}"), text, e.message());
    }
}

double LessonRun::value(const std::string& key) const {
    const auto it = m_values.find(key);
    if (it == m_values.end())
        throw LessonError(Engine::tr("{{1}} was not computed for this step"), key);
    return it->second;
}

double LessonRun::evaluate(const std::string& expression) const {
    return Expression(expression, "exercise", [&](const std::string& key) { return value(key); })
        .evaluate();
}

std::string LessonRun::render(const std::string& text) const {
    std::string out;
    std::size_t at = 0;
    scanPlaceholders(text, "text", [&](const std::string& key, std::size_t open, std::size_t end) {
        out += text.substr(at, open - at);
        at = end;
        std::string number =
            formatLessonNumber(key.starts_with('=') ? evaluate(key.substr(1)) : value(key));
        if (number.starts_with('-')) {
            number.replace(0, 1, "\u2212"); // −, the minus sign
            // "0.01 × −0.49" reads as "0.01 × (−0.49)".
            std::size_t last = out.find_last_not_of(' ');
            const std::string before = last == std::string::npos ? "" : out.substr(0, last + 1);
            for (const char* op : {"\u00d7", "\u2212", "\u00b7", "+", "-", "*", "/"})
                if (before.ends_with(op)) {
                    number = "(" + number + ")";
                    break;
                }
        }
        out += number;
    });
    return out + text.substr(at);
}

std::string exerciseAnswer(const Exercise& e, const LessonRun& run) {
    switch (e.kind) {
    case ExerciseKind::Sign:
        return signOf(run.evaluate(e.answer));
    case ExerciseKind::UpDown:
        return run.evaluate(e.answer) > 0 ? "up" : "down";
    case ExerciseKind::Choose:
        return std::to_string(rightChoice(e, run));
    case ExerciseKind::Number: {
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%.9g", run.evaluate(e.answer));
        return buffer;
    }
    }
    return {};
}

std::string wrongExerciseAnswer(const Exercise& e, const LessonRun& run) {
    switch (e.kind) {
    case ExerciseKind::Sign:
        return run.evaluate(e.answer) > 0 ? "-" : "+";
    case ExerciseKind::UpDown:
        return run.evaluate(e.answer) > 0 ? "down" : "up";
    case ExerciseKind::Choose:
        return std::to_string((rightChoice(e, run) + 1) % int(e.choices.size()));
    case ExerciseKind::Number: {
        // Off by a factor of 2 and then some: a sum taken twice, a forgotten factor.
        const double v = run.evaluate(e.answer);
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "%.9g", v == 0 ? 1.0 : 2.5 * v);
        return buffer;
    }
    }
    return {};
}

bool exerciseAccepts(const Exercise& e, const LessonRun& run, const std::string& answer) {
    if (e.kind != ExerciseKind::Number) return answer == exerciseAnswer(e, run);
    bool ok = false;
    const double typed = parseTolerantNumber(answer, ok);
    if (!ok) return false;
    const double right = run.evaluate(e.answer);
    // Relative, with a floor so that an answer of 0 can be typed as 0.0001 at 4 digits.
    return std::abs(typed - right) <= e.tolerance * std::max(std::abs(right), 1e-4);
}

std::vector<LessonProblem> checkLesson(const Lesson& lesson, const std::string& dataDir) {
    std::vector<LessonProblem> problems;
    // The titles, in both languages too.
    const auto title = [&](const LessonText& t, int step, const char* what) {
        if (!t.en.empty() && t.zh.empty())
            problems.push_back(
                {step, Message(Engine::tr("{1} has no 简体中文 (zh_CN) text"), what), true});
    };
    title(lesson.title, -1, "title.zh_CN");
    title(lesson.summary, -1, "summary.zh_CN");
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        const int s = int(i);
        title(step.title, s, "title.zh_CN");
        try {
            LessonRun run(step, dataDir);
            forEachText(step, [&](const std::string& text, const std::string& what, bool expr) {
                if (expr) return;
                if (text.empty() && what.ends_with(".zh_CN")) {
                    const std::string en = what.substr(0, what.size() - 6) + ".en";
                    bool hasEnglish = false;
                    forEachText(step, [&](const std::string& t, const std::string& w, bool) {
                        hasEnglish = hasEnglish || (w == en && !t.empty());
                    });
                    if (hasEnglish)
                        problems.push_back(
                            {s, Message(Engine::tr("{1} has no 简体中文 (zh_CN) text"), what),
                             true});
                }
                run.render(text);
            });
            // Both languages name the same numbers.
            const auto compare = [&](const LessonText& t, const std::string& what) {
                auto en = placeholdersIn(t.en, what), zh = placeholdersIn(t.zh, what);
                std::sort(en.begin(), en.end());
                std::sort(zh.begin(), zh.end());
                if (!t.zh.empty() && en != zh)
                    problems.push_back({s, Message(Engine::tr("{1}: the English and the 简体中文 "
                                                              "texts name different numbers"),
                                                   what)});
            };
            compare(step.text, "text");
            if (step.exercise) {
                const Exercise& e = *step.exercise;
                compare(e.question, "exercise.question");
                compare(e.wrong, "exercise.wrong");
                compare(e.reveal, "exercise.reveal");
                if (!exerciseAccepts(e, run, exerciseAnswer(e, run)))
                    problems.push_back(
                        {s, Message(Engine::tr("the exercise refuses its own right answer {1}"),
                                    exerciseAnswer(e, run))});
                if (exerciseAccepts(e, run, wrongExerciseAnswer(e, run)))
                    problems.push_back(
                        {s, Message(Engine::tr("the exercise accepts the wrong answer {1}"),
                                    wrongExerciseAnswer(e, run))});
                if (e.kind == ExerciseKind::Sign || e.kind == ExerciseKind::UpDown) {
                    if (run.evaluate(e.answer) == 0)
                        problems.push_back(
                            {s, Message(Engine::tr("the exercise's answer is exactly 0, so "
                                                   "its sign is no question"))});
                }
                if (e.kind == ExerciseKind::Choose) {
                    std::vector<double> v;
                    for (const ExerciseChoice& c : e.choices)
                        v.push_back(std::abs(run.evaluate(c.value)));
                    std::sort(v.rbegin(), v.rend());
                    if (v[0] - v[1] <= 1e-6 * v[0])
                        problems.push_back({s, Message(Engine::tr("the exercise's two largest "
                                                                  "choices tie ({1})"),
                                                       v[0])});
                }
            }
        } catch (const Error& e) {
            problems.push_back({s, e.message()});
        }
        if (step.advance == LessonAdvance::Step && i + 1 < lesson.steps.size()) {
            LessonSetup expected = step.setup;
            ++expected.steps;
            if (!(lesson.steps[i + 1].setup == expected))
                problems.push_back(
                    {s, Message(Engine::tr("this step goes on with a training step, so the next "
                                           "step's setup must be the same with \"steps\": {1}"),
                                expected.steps)});
        }
    }
    return problems;
}

} // namespace gs
