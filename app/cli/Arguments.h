// Command-line flags of gradscope-cli: "--name value" (or "--name=value") and "--switch",
// checked against the flags a command accepts, with one-line errors for anything else.
#pragma once

#include "core/Errors.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gs::cli {

// A wrong flag or value: printed as one line, exit code 2. A gs::Error, so that its message is
// a translatable template (core/Message.h) like the engine's.
class UsageError : public Error {
public:
    using Error::Error;
};

class Arguments {
public:
    // `valued`: flags that take a value; `switches`: flags that do not.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
              const std::set<std::string>& switches);

    bool has(const std::string& flag) const { return m_values.count(flag) > 0; }
    std::optional<std::string> text(const std::string& flag) const;
    std::optional<long long> integer(const std::string& flag, long long min, long long max) const;
    std::optional<double> number(const std::string& flag, double min, double max) const;

private:
    std::map<std::string, std::string> m_values;
};

} // namespace gs::cli
