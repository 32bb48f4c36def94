// Fuzz target: tar archives, plain or gzip-compressed, as the MNIST download reads them
// (data/MnistArchive.h). Whatever parses must hold exactly the wanted files at their sizes.
#include "FuzzSupport.h"
#include "data/MnistArchive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gs;
    const std::string bytes = fuzz::text(data, size);
    const std::vector<ExpectedFile> wanted{{"images", 100, ""}, {"labels", 10, ""}};
    std::map<std::string, std::string> files;
    try {
        files = filesFromTar(bytes, "fuzz.tgz", wanted);
    } catch (const Error&) {
        return 0;
    }
    for (const auto& [name, content] : files) {
        const bool known = name == "images" || name == "labels";
        if (!known) fuzz::fail("only wanted files come out");
        if (Index(content.size()) != (name == "images" ? 100 : 10))
            fuzz::fail("a file comes out at its expected size");
    }
    return 0;
}
