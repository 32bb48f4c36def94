// Fuzz target: gzip-compressed IDX files (data/Idx.h, parseIdx's inflating path). The input is
// a gzip file; one that does not start with gzip's magic bytes gets a minimal gzip header, so
// that every input reaches the inflater. What parses must give the same IDX file as its
// uncompressed form.
#include "FuzzSupport.h"
#include "data/Idx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    std::string bytes = fuzz::text(data, size);
    if (bytes.size() < 2 || bytes[0] != '\x1f' || bytes[1] != '\x8b')
        bytes.insert(0, std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
    IdxFile idx;
    try {
        idx = parseIdx(bytes, "fuzz-idx.gz");
    } catch (const Error&) {
        return 0;
    }
    std::string raw = {0, 0, 0x08, static_cast<char>(idx.dims.size())};
    for (const Index d : idx.dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            raw += static_cast<char>((d >> shift) & 0xff);
    raw.append(idx.bytes.begin(), idx.bytes.end());
    const IdxFile plain =
        fuzz::mustLoad("the inflated file parses raw", [&] { return parseIdx(raw, "fuzz-idx"); });
    if (plain.dims != idx.dims || plain.bytes != idx.bytes)
        fuzz::fail("compressed and raw give the same file");
    return 0;
}
