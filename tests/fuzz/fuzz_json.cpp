// Fuzz target: the JSON parser (io/Json.h). Whatever parses must write and read back the same:
// dump → parse → dump gives identical bytes, indented and compact.
#include "FuzzSupport.h"
#include "io/Json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gs::Json json;
    try {
        json = gs::Json::parse(gs::fuzz::text(data, size), "fuzz.json");
    } catch (const gs::Error&) {
        return 0;
    }
    for (const int indent : {1, 0}) {
        const std::string once = json.dump(indent);
        const gs::Json again =
            gs::fuzz::mustLoad("dump reads back", [&] { return gs::Json::parse(once, "dump"); });
        if (again.dump(indent) != once) gs::fuzz::fail("dump → parse → dump is stable", once);
    }
    return 0;
}
