// Fuzz target: IDX files (data/Idx.h), raw or gzip (detected by the magic bytes), from the bytes
// readIdx reads. What parses holds exactly the bytes its dimensions promise; images or labels
// then make a data set with a made-up partner (labels 0, or 1×1 images).
#include "FuzzSupport.h"
#include "data/Idx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    IdxFile idx;
    try {
        idx = parseIdx(fuzz::text(data, size), "fuzz-idx");
    } catch (const Error&) {
        return 0;
    }
    Index total = 1;
    for (const Index d : idx.dims)
        total *= d;
    if (static_cast<Index>(idx.bytes.size()) != total) fuzz::fail("bytes match the dimensions");
    IdxFile partner;
    partner.dims = {idx.dims[0]};
    if (idx.dims.size() == 1) partner.dims = {idx.dims[0], 1, 1};
    partner.bytes.assign(static_cast<std::size_t>(idx.dims[0]), 0);
    try {
        const Dataset d = idx.dims.size() == 1 ? idxDataset(partner, "images", idx, "fuzz-idx")
                                               : idxDataset(idx, "fuzz-idx", partner, "labels");
        if (d.size() != idx.dims[0]) fuzz::fail("one sample per image");
    } catch (const Error&) {
    }
    return 0;
}
