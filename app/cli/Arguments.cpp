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
            if (switches.count(flag)) throw UsageError(flag + " takes no value");
            if (!valued.count(flag)) throw UsageError("unknown option '" + flag + "'");
            if (equals + 1 == a.size()) throw UsageError(flag + " needs a value");
            m_values[flag] = a.substr(equals + 1);
            continue;
        }
        if (switches.count(a)) {
            m_values[a] = "";
        } else if (valued.count(a)) {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            m_values[a] = args[++i];
        } else {
            throw UsageError("unknown option '" + a + "'");
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
        throw UsageError(flag + " needs a whole number, got '" + *t + "'");
    if (v < min || v > max)
        throw UsageError(flag + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + *t);
    return v;
}

std::optional<double> Arguments::number(const std::string& flag, double min, double max) const {
    const auto t = text(flag);
    if (!t) return std::nullopt;
    double v = 0;
    const auto r = std::from_chars(t->data(), t->data() + t->size(), v);
    if (r.ec != std::errc() || r.ptr != t->data() + t->size() || !std::isfinite(v))
        throw UsageError(flag + " needs a number, got '" + *t + "'");
    if (v < min || v > max)
        throw UsageError(flag + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + *t);
    return v;
}

} // namespace gs::cli
