// Enum ⇄ name tables: each enum with a text form keeps one array of names in enum order.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace gs {

// The enum value whose name is `name`, or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> enumFromName(const char* const (&names)[N], const std::string& name) {
    for (std::size_t i = 0; i < N; ++i)
        if (name == names[i]) return static_cast<Enum>(i);
    return std::nullopt;
}

} // namespace gs
