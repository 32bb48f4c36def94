#include "Json.h"

#include "NumberText.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_set>

namespace gs {

namespace {

const Json& nullJson() {
    static const Json value;
    return value;
}

// A character for a message: 'x' when printable, "byte 0x89" otherwise, so that a binary file
// read by mistake gives a readable message rather than a raw byte.
Message describeChar(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f)
        return Message(Engine::tr("character '{1}'"), std::string(1, c));
    char text[16];
    std::snprintf(text, sizeof text, "0x%02x", byte);
    return Message(Engine::tr("byte {1}"), std::string(text));
}

// Objects with more members than this find duplicate keys with a hash set; smaller ones (nearly
// all) with a scan, which is faster than hashing for a handful of keys.
constexpr std::size_t kScanKeysUpTo = 16;

// Hashes members of the object being parsed by their index, so that the set stays valid while
// the member vector grows (a string_view into a moved short string would not).
struct MemberKeyHash {
    const Json::Object* members;
    std::size_t operator()(std::size_t i) const {
        return std::hash<std::string>()((*members)[i].first);
    }
};
struct MemberKeyEqual {
    const Json::Object* members;
    bool operator()(std::size_t a, std::size_t b) const {
        return (*members)[a].first == (*members)[b].first;
    }
};

class Parser {
public:
    Parser(const std::string& text, const std::string& source)
        : m_text(text)
        , m_source(source) {}

    Json parseDocument() {
        Json value = parseValue(0);
        skipSpace();
        if (m_pos != m_text.size())
            fail(Engine::tr("unexpected text after the end of the document"));
        return value;
    }

private:
    // Throws `message` after the source and the line and column of the current position.
    [[noreturn]] void fail(const Message& message) const {
        int line = 1, column = 1;
        for (std::size_t i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw JsonError(Engine::tr("{1}:{2}:{3}: {4}"), m_source, line, column, message);
    }

    template <class... A> [[noreturn]] void fail(Text text, const A&... arguments) const {
        fail(Message(text, arguments...));
    }

    void skipSpace() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\t' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool consume(char c) {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    // `sentence` says what was expected, with the place {1} for `c`: "expected '{1}' after a key".
    void expect(char c, Text sentence) {
        if (!consume(c)) fail(sentence, std::string(1, c));
    }

    Json parseValue(int depth) {
        if (depth > 64) fail(Engine::tr("nested too deeply"));
        skipSpace();
        if (m_pos >= m_text.size()) fail(Engine::tr("unexpected end of the document"));
        const char c = m_text[m_pos];
        if (c == '{') return parseObject(depth);
        if (c == '[') return parseArray(depth);
        if (c == '"') return Json(parseString());
        if (m_text.compare(m_pos, 4, "true") == 0) {
            m_pos += 4;
            return Json(true);
        }
        if (m_text.compare(m_pos, 5, "false") == 0) {
            m_pos += 5;
            return Json(false);
        }
        if (m_text.compare(m_pos, 4, "null") == 0) {
            m_pos += 4;
            return Json();
        }
        if (c == '-' || (c >= '0' && c <= '9')) return Json(parseNumber());
        fail(Engine::tr("unexpected {1}"), describeChar(c));
    }

    Json parseObject(int depth) {
        ++m_pos;
        Json::Object members;
        if (consume('}')) return Json(std::move(members));
        // Built only for objects past kScanKeysUpTo members: most objects never need it.
        std::optional<std::unordered_set<std::size_t, MemberKeyHash, MemberKeyEqual>> keys;
        do {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                fail(Engine::tr("expected a quoted key"));
            const std::size_t keyStart = m_pos;
            members.emplace_back(parseString(), Json());
            const std::size_t index = members.size() - 1;
            bool duplicate = false;
            if (members.size() <= kScanKeysUpTo) {
                for (std::size_t i = 0; i < index && !duplicate; ++i)
                    duplicate = members[i].first == members[index].first;
            } else {
                if (!keys) {
                    keys.emplace(2 * index, MemberKeyHash{&members}, MemberKeyEqual{&members});
                    for (std::size_t i = 0; i < index; ++i)
                        keys->insert(i);
                }
                duplicate = !keys->insert(index).second;
            }
            if (duplicate) {
                m_pos = keyStart;
                fail(Engine::tr("duplicate key \"{1}\""), members[index].first);
            }
            expect(':', Engine::tr("expected '{1}' after a key"));
            members[index].second = parseValue(depth + 1);
        } while (consume(','));
        expect('}', Engine::tr("expected '{1}' to close the object"));
        return Json(std::move(members));
    }

    Json parseArray(int depth) {
        ++m_pos;
        Json::Array items;
        if (consume(']')) return Json(std::move(items));
        do
            items.push_back(parseValue(depth + 1));
        while (consume(','));
        expect(']', Engine::tr("expected '{1}' to close the array"));
        return Json(std::move(items));
    }

    std::string parseString() {
        ++m_pos; // opening quote
        std::string out;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) {
                --m_pos;
                fail(Engine::tr("control character ({1}) inside a string"), describeChar(c));
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size()) break;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                if (m_pos + 4 > m_text.size()) fail(Engine::tr("truncated \\u escape"));
                unsigned code = 0;
                const auto r =
                    std::from_chars(m_text.data() + m_pos, m_text.data() + m_pos + 4, code, 16);
                if (r.ptr != m_text.data() + m_pos + 4) fail(Engine::tr("bad \\u escape"));
                m_pos += 4;
                // UTF-8 encode (surrogate pairs are kept as two code units; not needed here)
                if (code < 0x80) {
                    out += static_cast<char>(code);
                } else if (code < 0x800) {
                    out += static_cast<char>(0xC0 | (code >> 6));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | (code >> 12));
                    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                }
                break;
            }
            default:
                fail(Engine::tr("bad escape: backslash then {1}"), describeChar(e));
            }
        }
        fail(Engine::tr("unterminated string"));
    }

    double parseNumber() {
        const ScannedNumber n =
            scanNumber(std::string_view(m_text).substr(m_pos), NumberSyntax::Json);
        if (n.error) fail(Engine::tr("bad number: {1}"), Message(Text{n.error}));
        m_pos += n.length;
        return n.value;
    }

    const std::string& m_text;
    const std::string& m_source;
    std::size_t m_pos = 0;
};

void writeString(std::string& out, const std::string& s) {
    out += '"';
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

bool Json::asBool(const std::string& what) const {
    if (!isBool()) throw JsonError(Engine::tr("{1} must be true or false"), what);
    return std::get<bool>(m_value);
}

double Json::asNumber(const std::string& what) const {
    if (!isNumber()) throw JsonError(Engine::tr("{1} must be a number"), what);
    return std::get<double>(m_value);
}

long long Json::asInteger(const std::string& what) const {
    const double d = asNumber(what);
    if (d != std::floor(d) || std::abs(d) > 9e15)
        throw JsonError(Engine::tr("{1} must be a whole number"), what);
    return static_cast<long long>(d);
}

long long Json::asInteger(const std::string& what, long long min, long long max) const {
    const double d = asNumber(what);
    if (d != std::floor(d) || std::abs(d) > 9e15) {
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, d).ptr;
        throw JsonError(Engine::tr("{1} must be a whole number from {2} to {3}, not {4}"), what,
                        min, max, std::string(text, end));
    }
    const auto n = static_cast<long long>(d);
    if (n < min || n > max)
        throw JsonError(Engine::tr("{1} must be a whole number from {2} to {3}, not {4}"), what,
                        min, max, n);
    return n;
}

int Json::asInt(const std::string& what, int min, int max) const {
    return static_cast<int>(asInteger(what, min, max));
}

const std::string& Json::asString(const std::string& what) const {
    if (!isString()) throw JsonError(Engine::tr("{1} must be a string"), what);
    return std::get<std::string>(m_value);
}

const Json::Array& Json::asArray(const std::string& what) const {
    if (!isArray()) throw JsonError(Engine::tr("{1} must be an array"), what);
    return std::get<Array>(m_value);
}

const Json::Object& Json::asObject(const std::string& what) const {
    if (!isObject()) throw JsonError(Engine::tr("{1} must be an object"), what);
    return std::get<Object>(m_value);
}

const Json& Json::operator[](const std::string& key) const {
    if (!isObject()) return nullJson();
    for (const auto& [k, v] : std::get<Object>(m_value))
        if (k == key) return v;
    return nullJson();
}

bool Json::contains(const std::string& key) const {
    if (!isObject()) return false;
    for (const auto& [k, v] : std::get<Object>(m_value))
        if (k == key) return true;
    return false;
}

Json& Json::set(const std::string& key, Json value) {
    if (isNull()) m_value = Object{};
    auto& members = std::get<Object>(m_value);
    for (auto& [k, v] : members)
        if (k == key) {
            v = std::move(value);
            return *this;
        }
    members.emplace_back(key, std::move(value));
    return *this;
}

Json& Json::push(Json value) {
    if (isNull()) m_value = Array{};
    std::get<Array>(m_value).push_back(std::move(value));
    return *this;
}

void Json::write(std::string& out, int indent, int depth) const {
    const auto newline = [&](int d) {
        if (indent <= 0) return;
        out += '\n';
        out.append(static_cast<std::size_t>(indent * d), ' ');
    };
    if (isNull()) {
        out += "null";
    } else if (isBool()) {
        out += std::get<bool>(m_value) ? "true" : "false";
    } else if (isNumber()) {
        const double d = std::get<double>(m_value);
        if (!std::isfinite(d))
            throw JsonError(Engine::tr("cannot write a non-finite number ({1}) to JSON"),
                            std::to_string(d));
        // Shortest text that reads back to the same value; as a float where the value is a
        // float (weights are), which keeps "0.1f" as "0.1" instead of 0.10000000149011612.
        char buf[32];
        const float f = static_cast<float>(d);
        const auto r = static_cast<double>(f) == d ? std::to_chars(buf, buf + sizeof buf, f)
                                                   : std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, r.ptr);
    } else if (isString()) {
        writeString(out, std::get<std::string>(m_value));
    } else if (isArray()) {
        const auto& items = std::get<Array>(m_value);
        // Arrays of numbers stay on one line: weight tensors would otherwise be very tall.
        bool flat = true;
        for (const auto& item : items)
            flat = flat && (item.isNumber() || item.isBool() || item.isNull());
        out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += flat ? ", " : ",";
            if (!flat) newline(depth + 1);
            items[i].write(out, indent, depth + 1);
        }
        if (!flat && !items.empty()) newline(depth);
        out += ']';
    } else {
        const auto& members = std::get<Object>(m_value);
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i) out += ',';
            newline(depth + 1);
            writeString(out, members[i].first);
            out += indent > 0 ? ": " : ":";
            members[i].second.write(out, indent, depth + 1);
        }
        if (!members.empty()) newline(depth);
        out += '}';
    }
}

std::string Json::dump(int indent) const {
    std::string out;
    write(out, indent, 0);
    if (indent > 0) out += '\n';
    return out;
}

Json Json::parse(const std::string& text, const std::string& source) {
    return Parser(text, source).parseDocument();
}

} // namespace gs
