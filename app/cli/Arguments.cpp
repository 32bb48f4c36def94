#include "Arguments.h"

#include <charconv>
#include <cmath>

namespace gs::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
                     const std::set<std::string>& switches) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        // --flag=value, the same as --flag value.
        if (const auto equals = a.find('='); a.starts_with("--") && equals != std::string::npos) {
            const std::string flag = a.substr(0, equals);
            if (switches.count(flag)) throw UsageError(Engine::tr("{1} takes no value"), flag);
            if (!valued.count(flag)) throw UsageError(Engine::tr("unknown option '{1}'"), flag);
            if (equals + 1 == a.size()) throw UsageError(Engine::tr("{1} needs a value"), flag);
            m_values[flag] = a.substr(equals + 1);
            continue;
        }
        if (switches.count(a)) {
            m_values[a] = "";
        } else if (valued.count(a)) {
            if (i + 1 >= args.size()) throw UsageError(Engine::tr("{1} needs a value"), a);
            m_values[a] = args[++i];
        } else {
            throw UsageError(Engine::tr("unknown option '{1}'"), a);
        }
    }
}

std::optional<std::string> Arguments::text(const std::string& flag) const {
    const auto it = m_values.find(flag);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::optional<long long> Arguments::integer(const std::string& flag, long long min,
                                            long long max) const {
    const auto t = text(flag);
    if (!t) return std::nullopt;
    long long v = 0;
    const auto r = std::from_chars(t->data(), t->data() + t->size(), v);
    if (r.ec != std::errc() || r.ptr != t->data() + t->size())
        throw UsageError(Engine::tr("{1} needs a whole number, got '{2}'"), flag, *t);
    if (v < min || v > max)
        throw UsageError(Engine::tr("{1} must be between {2} and {3}, got {4}"), flag, min, max,
                         *t);
    return v;
}

std::optional<double> Arguments::number(const std::string& flag, double min, double max) const {
    const auto t = text(flag);
    if (!t) return std::nullopt;
    double v = 0;
    const auto r = std::from_chars(t->data(), t->data() + t->size(), v);
    if (r.ec != std::errc() || r.ptr != t->data() + t->size() || !std::isfinite(v))
        throw UsageError(Engine::tr("{1} needs a number, got '{2}'"), flag, *t);
    if (v < min || v > max)
        throw UsageError(Engine::tr("{1} must be between {2} and {3}, got {4}"), flag,
                         std::to_string(min), std::to_string(max), *t);
    return v;
}

} // namespace gs::cli
