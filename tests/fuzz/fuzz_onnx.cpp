// Fuzz target: ONNX models (io/Onnx.h), from the bytes loadOnnx reads. A model that loads must
// export and load again to the same network and weights.
#include "FuzzSupport.h"
#include "io/Onnx.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    LoadedModel loaded;
    try {
        loaded = parseOnnx(fuzz::text(data, size), "fuzz.onnx");
    } catch (const Error&) {
        return 0;
    }
    const std::string saved = onnxFromModel(loaded.model, loaded.sampleShape, "fuzz");
    const LoadedModel again =
        fuzz::mustLoad("an exported model loads", [&] { return parseOnnx(saved, "saved.onnx"); });
    if (again.model.layers() != loaded.model.layers() || again.sampleShape != loaded.sampleShape)
        fuzz::fail("the network survives a round trip");
    const auto& a = loaded.model.parameters();
    const auto& b = again.model.parameters();
    if (a.size() != b.size()) fuzz::fail("the parameters survive a round trip");
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i]->value.shape() != b[i]->value.shape() ||
            !std::equal(a[i]->value.data(), a[i]->value.data() + a[i]->value.numel(),
                        b[i]->value.data()))
            fuzz::fail("every weight survives a round trip", a[i]->name);
    return 0;
}
