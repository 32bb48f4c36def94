// A small JSON value, parser and writer for model files and presets (the engine has no Qt).
//
// Objects keep their keys in insertion order, and numbers are written in the shortest form
// that reads back to the same double, so save → load → save gives identical bytes. Parse
// errors are JsonErrors with the line and column.
#pragma once

#include "core/Errors.h"

#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gs {

class JsonError : public Error {
public:
    using Error::Error;
};

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;

    Json() = default; // null
    Json(std::nullptr_t) {}
    Json(bool b)
        : m_value(b) {}
    Json(double d)
        : m_value(d) {}
    Json(float f)
        : m_value(double(f)) {}
    Json(int i)
        : m_value(double(i)) {}
    Json(long i)
        : m_value(double(i)) {}
    Json(long long i)
        : m_value(double(i)) {}
    Json(unsigned long i)
        : m_value(double(i)) {}
    Json(const char* s)
        : m_value(std::string(s)) {}
    Json(std::string s)
        : m_value(std::move(s)) {}
    Json(Array a)
        : m_value(std::move(a)) {}
    Json(Object o)
        : m_value(std::move(o)) {}

    static Json object() { return Json(Object{}); }
    static Json array() { return Json(Array{}); }

    bool isNull() const { return std::holds_alternative<std::monostate>(m_value); }
    bool isBool() const { return std::holds_alternative<bool>(m_value); }
    bool isNumber() const { return std::holds_alternative<double>(m_value); }
    bool isString() const { return std::holds_alternative<std::string>(m_value); }
    bool isArray() const { return std::holds_alternative<Array>(m_value); }
    bool isObject() const { return std::holds_alternative<Object>(m_value); }

    // Typed access; `what` names the value in the error ("layers[2].out").
    bool asBool(const std::string& what) const;
    double asNumber(const std::string& what) const;
    long long asInteger(const std::string& what) const; // a whole number, |n| ≤ 2^53
    // A whole number from `min` to `max`, else a JsonError that says so and gives the value
    // ("training.epochs must be a whole number from 1 to 2147483647, not 4294967297"): what
    // reads into an int or a long uses this, never a cast that would wrap round.
    long long asInteger(const std::string& what, long long min, long long max) const;
    int asInt(const std::string& what, int min = std::numeric_limits<int>::min(),
              int max = std::numeric_limits<int>::max()) const;
    const std::string& asString(const std::string& what) const;
    const Array& asArray(const std::string& what) const;
    const Object& asObject(const std::string& what) const;

    // Object access: the member or null.
    const Json& operator[](const std::string& key) const;
    bool contains(const std::string& key) const;
    // Sets or appends a member (objects) / appends (arrays).
    Json& set(const std::string& key, Json value);
    Json& push(Json value);

    std::string dump(int indent = 1) const;
    static Json parse(const std::string& text, const std::string& source = "JSON");

private:
    void write(std::string& out, int indent, int depth) const;
    std::variant<std::monostate, bool, double, std::string, Array, Object> m_value;
};

} // namespace gs
