#include "Idx.h"

#include "ByteStream.h"
#include "io/Files.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <new>

namespace gs {

namespace {

std::uint32_t bigEndian(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           p[3];
}

// The header's dimensions, checked against the limits before anything is allocated: the number
// of samples against kMaxSamples, the total against kMaxIdxBytes (core/Limits.h).
std::vector<Index> checkedDims(const std::string& path, const unsigned char* header, int rank) {
    std::vector<Index> dims;
    for (int i = 0; i < rank; ++i)
        dims.push_back(bigEndian(header + 4 * i));
    const auto all = [&] {
        std::string text;
        for (Index d : dims)
            text += (text.empty() ? "" : " × ") + std::to_string(d);
        return text;
    };
    for (int i = 0; i < rank; ++i)
        if (dims[static_cast<std::size_t>(i)] == 0)
            throw DataError(Engine::tr("{1}: dimension {2} is 0 ({3}), an absurd size"), path, i,
                            all());
    if (dims[0] > kMaxSamples)
        throw DataError(Engine::tr("{1}: dimension 0, the number of samples, is {2}, an absurd "
                                   "size (the limit is {3} samples, docs/reliability.md)"),
                        path, dims[0], kMaxSamples);
    Index total = 1;
    for (Index d : dims) {
        const auto next = checkedMul(total, d, kMaxIdxBytes);
        if (!next)
            throw DataError(Engine::tr("{1}: the dimensions {2} make more than {3} GiB of data, "
                                       "an absurd size (docs/reliability.md)"),
                            path, all(), kMaxIdxBytes >> 30);
        total = *next;
    }
    return dims;
}

} // namespace

IdxFile parseIdx(const std::string& bytes, const std::string& path) {
    ByteStream file(bytes, path);
    unsigned char header[4 + 4 * 3];
    const std::size_t got = file.read(header, 4);
    if (got < 4)
        throw DataError(Engine::tr("{1}: too short to be an IDX file ({2} bytes)"), path, got);
    // Magic: two zero bytes, the element type (0x08 = unsigned byte), the number of dims.
    if (header[0] != 0 || header[1] != 0)
        throw DataError(Engine::tr("{1}: wrong magic number, not an IDX file"), path);
    if (header[2] != 0x08) {
        char type[8];
        std::snprintf(type, sizeof type, "0x%02x", header[2]);
        throw DataError(
            Engine::tr("{1}: element type {2} is not supported (only unsigned bytes, 0x08)"), path,
            std::string(type));
    }
    const int rank = header[3];
    if (rank < 1 || rank > 3)
        throw DataError(
            Engine::tr("{1}: {2} dimensions; MNIST files have 1 (labels) or 3 (images)"), path,
            rank);
    const auto dimBytes = static_cast<std::size_t>(4 * rank);
    if (file.read(header + 4, dimBytes) < dimBytes)
        throw DataError(Engine::tr("{1}: truncated header"), path);
    IdxFile out;
    out.dims = checkedDims(path, header + 4, rank);
    Index total = 1;
    for (Index d : out.dims)
        total *= d;
    // The data is read in chunks into a buffer that grows as it fills, never past what the
    // header promises: a small compressed file that inflates to gigabytes (or a header that
    // promises more than the file holds) costs only what is really there. The first chunk is
    // small (64 KiB) so that a short file costs little; doubling reaches MNIST's 47 MB in ten.
    std::size_t used = 0;
    while (static_cast<Index>(used) < total) {
        const auto want = static_cast<std::size_t>(
            std::min<Index>(total, std::max<Index>(Index(1) << 16, 2 * Index(used))));
        out.bytes.resize(want);
        const std::size_t n = file.read(out.bytes.data() + used, want - used);
        used += n;
        if (used < want) break; // the end of the data
    }
    if (static_cast<Index>(used) < total)
        throw DataError(
            Engine::tr("{1}: truncated: the header promises {2} bytes of data, the file holds {3}"),
            path, total, used);
    unsigned char extra[4096];
    const std::size_t more = file.read(extra, sizeof extra);
    if (more > 0)
        throw DataError(more < sizeof extra
                            ? Engine::tr("{1}: unexpected data after the {2} bytes the header "
                                         "promises ({3} more bytes)")
                            : Engine::tr("{1}: unexpected data after the {2} bytes the header "
                                         "promises (at least 4096 more bytes)"),
                        path, total, more);
    return out;
}

IdxFile readIdx(const std::string& requested) {
    std::string path = requested;
    if (!std::filesystem::exists(path) && std::filesystem::exists(path + ".gz")) path += ".gz";
    if (!std::filesystem::exists(path)) throw DataError(Engine::tr("{1}: no such file"), requested);
    return withMemoryNote(path, [&] {
        std::string bytes;
        try {
            // Only a regular file (not a FIFO or a device), of at most kMaxIdxBytes compressed.
            bytes = readFile(path, Message(Engine::tr("IDX file")), kMaxIdxBytes);
        } catch (const FileError& e) {
            throw DataError(e.message());
        }
        return parseIdx(bytes, path);
    });
}

Dataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath, double mean,
                       double std) {
    if (!(std > 0)) throw InvalidArgument(Engine::tr("normalisation std must be > 0"));
    const IdxFile images = readIdx(imagesPath);
    const IdxFile labels = readIdx(labelsPath);
    return withMemoryNote(
        imagesPath, [&] { return idxDataset(images, imagesPath, labels, labelsPath, mean, std); });
}

Dataset idxImages(const IdxFile& images, const std::string& imagesPath, double mean, double std) {
    if (!(std > 0)) throw InvalidArgument(Engine::tr("normalisation std must be > 0"));
    if (images.dims.size() != 3)
        throw DataError(Engine::tr("{1}: expected images (3 dimensions), found {2}"), imagesPath,
                        images.dims.size());
    Dataset d;
    d.name = imagesPath;
    const Index n = images.dims[0];
    d.inputs.resize({n, 1, images.dims[1], images.dims[2]});
    const double scale = 1.0 / (255.0 * std);
    const double shift = mean / std;
    for (Index i = 0; i < d.inputs.numel(); ++i)
        d.inputs[i] =
            static_cast<Scalar>(images.bytes[static_cast<std::size_t>(i)] * scale - shift);
    return d;
}

Dataset idxDataset(const IdxFile& images, const std::string& imagesPath, const IdxFile& labels,
                   const std::string& labelsPath, double mean, double std) {
    if (!(std > 0)) throw InvalidArgument(Engine::tr("normalisation std must be > 0"));
    if (images.dims.size() != 3)
        throw DataError(Engine::tr("{1}: expected images (3 dimensions), found {2}"), imagesPath,
                        images.dims.size());
    if (labels.dims.size() != 1)
        throw DataError(Engine::tr("{1}: expected labels (1 dimension), found {2}"), labelsPath,
                        labels.dims.size());
    if (images.dims[0] != labels.dims[0])
        throw DataError(Engine::tr("{1} holds {2} images but {3} holds {4} labels"), imagesPath,
                        images.dims[0], labelsPath, labels.dims[0]);
    Dataset d = idxImages(images, imagesPath, mean, std);
    d.name.clear();
    d.classes = 10;
    const Index n = images.dims[0];
    d.labels.reserve(static_cast<std::size_t>(n));
    for (Index i = 0; i < n; ++i) {
        const int label = labels.bytes[static_cast<std::size_t>(i)];
        if (label > 9)
            throw DataError(Engine::tr("{1}: label {2} at index {3} is not a digit class 0..9"),
                            labelsPath, label, i);
        d.labels.push_back(label);
    }
    return d;
}

} // namespace gs
