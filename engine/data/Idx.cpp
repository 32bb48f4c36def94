#include "Idx.h"

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace gs {

namespace {

constexpr Index kMaxBytes = Index(1) << 31; // 2 GiB: far above MNIST's 47 MB

// Reads the whole file, inflating gzip. zlib's gzread passes plain files through unchanged.
std::vector<unsigned char> readAll(const std::string& path) {
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
    if (!file) throw DataError(path + ": cannot open the file");
    std::vector<unsigned char> out;
    unsigned char chunk[1 << 16];
    for (;;) {
        const int n = gzread(file.get(), chunk, sizeof chunk);
        if (n < 0) {
            int code = 0;
            const char* message = gzerror(file.get(), &code);
            throw DataError(path + ": corrupt compressed data (" + message + ")");
        }
        if (n == 0) break;
        if (static_cast<Index>(out.size()) + n > kMaxBytes)
            throw DataError(path + ": larger than 2 GiB, not an MNIST file");
        out.insert(out.end(), chunk, chunk + n);
    }
    return out;
}

} // namespace

IdxFile readIdx(const std::string& requested) {
    std::string path = requested;
    if (!std::filesystem::exists(path) && std::filesystem::exists(path + ".gz")) path += ".gz";
    if (!std::filesystem::exists(path)) throw DataError(requested + ": no such file");
    const std::vector<unsigned char> data = readAll(path);
    if (data.size() < 4)
        throw DataError(path + ": too short to be an IDX file (" + std::to_string(data.size()) +
                        " bytes)");
    // Magic: two zero bytes, the element type (0x08 = unsigned byte), the number of dims.
    if (data[0] != 0 || data[1] != 0)
        throw DataError(path + ": wrong magic number, not an IDX file");
    if (data[2] != 0x08) {
        char type[8];
        std::snprintf(type, sizeof type, "0x%02x", data[2]);
        throw DataError(path + ": element type " + type +
                        " is not supported (only unsigned bytes, 0x08)");
    }
    const int rank = data[3];
    if (rank < 1 || rank > 3)
        throw DataError(path + ": " + std::to_string(rank) +
                        " dimensions; MNIST files have 1 (labels) or 3 (images)");
    const std::size_t header = 4 + 4 * static_cast<std::size_t>(rank);
    if (data.size() < header) throw DataError(path + ": truncated header");
    IdxFile out;
    Index total = 1;
    for (int i = 0; i < rank; ++i) {
        const unsigned char* p = &data[4 + 4 * static_cast<std::size_t>(i)];
        const Index d = (Index(p[0]) << 24) | (Index(p[1]) << 16) | (Index(p[2]) << 8) | p[3];
        if (d == 0 || d > kMaxBytes || total > kMaxBytes / d)
            throw DataError(path + ": dimension " + std::to_string(i) + " is " + std::to_string(d) +
                            ", an absurd size");
        total *= d;
        out.dims.push_back(d);
    }
    const Index payload = static_cast<Index>(data.size() - header);
    if (payload < total)
        throw DataError(path + ": truncated: the header promises " + std::to_string(total) +
                        " bytes of data, the file holds " + std::to_string(payload));
    if (payload > total)
        throw DataError(path + ": " + std::to_string(payload - total) +
                        " bytes of unexpected data after the end");
    out.bytes.assign(data.begin() + static_cast<long>(header), data.end());
    return out;
}

Dataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath, double mean,
                       double std) {
    if (!(std > 0)) throw InvalidArgument("normalisation std must be > 0");
    const IdxFile images = readIdx(imagesPath);
    const IdxFile labels = readIdx(labelsPath);
    if (images.dims.size() != 3)
        throw DataError(imagesPath + ": expected images (3 dimensions), found " +
                        std::to_string(images.dims.size()));
    if (labels.dims.size() != 1)
        throw DataError(labelsPath + ": expected labels (1 dimension), found " +
                        std::to_string(labels.dims.size()));
    if (images.dims[0] != labels.dims[0])
        throw DataError(imagesPath + " holds " + std::to_string(images.dims[0]) + " images but " +
                        labelsPath + " holds " + std::to_string(labels.dims[0]) + " labels");
    Dataset d;
    d.classes = 10;
    const Index n = images.dims[0];
    d.inputs.resize({n, 1, images.dims[1], images.dims[2]});
    const double scale = 1.0 / (255.0 * std);
    const double shift = mean / std;
    for (Index i = 0; i < d.inputs.numel(); ++i)
        d.inputs[i] =
            static_cast<Scalar>(images.bytes[static_cast<std::size_t>(i)] * scale - shift);
    d.labels.reserve(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) {
        const int label = labels.bytes[static_cast<std::size_t>(i)];
        if (label > 9)
            throw DataError(labelsPath + ": label " + std::to_string(label) + " at index " +
                            std::to_string(i) + " is not a digit class 0..9");
        d.labels.push_back(label);
    }
    return d;
}

} // namespace gs
