#include "Idx.h"

#include "io/Files.h"

#include <zlib.h>

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

// The bytes of an IDX file as a stream: read as they are, or inflated when they start with
// gzip's magic bytes (RFC 1952; members one after another are read as one stream, as gzip does).
// Inflating happens only as bytes are asked for, so a small file that inflates to gigabytes
// costs only what the reader takes.
class IdxStream {
public:
    IdxStream(const std::string& bytes, const std::string& source)
        : m_bytes(bytes)
        , m_source(source)
        , m_gzip(bytes.size() > 1 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
                 static_cast<unsigned char>(bytes[1]) == 0x8b) {
        if (!m_gzip) return;
        const int rc = inflateInit2(&m_zlib, 16 + MAX_WBITS); // 16: gzip, not zlib, framing
        if (rc == Z_MEM_ERROR) throw std::bad_alloc();
        if (rc != Z_OK) throw DataError(m_source + ": cannot inflate the compressed data");
        m_inflating = true;
    }
    ~IdxStream() {
        if (m_inflating) inflateEnd(&m_zlib);
    }
    IdxStream(const IdxStream&) = delete;
    IdxStream& operator=(const IdxStream&) = delete;

    // Reads up to `count` bytes, fewer only at the end of the data.
    std::size_t read(unsigned char* out, std::size_t count) {
        if (!m_gzip) {
            const std::size_t n = std::min(count, m_bytes.size() - m_at);
            std::copy_n(m_bytes.data() + m_at, n, out);
            m_at += n;
            return n;
        }
        std::size_t done = 0;
        while (done < count && !m_ended) {
            const auto* in = reinterpret_cast<const Bytef*>(m_bytes.data() + m_at);
            m_zlib.next_in = const_cast<Bytef*>(in); // zlib's API is not const; it only reads
            m_zlib.avail_in =
                static_cast<uInt>(std::min<std::size_t>(m_bytes.size() - m_at, 1u << 30));
            m_zlib.next_out = out + done;
            m_zlib.avail_out = static_cast<uInt>(std::min<std::size_t>(count - done, 1u << 30));
            const int rc = inflate(&m_zlib, Z_NO_FLUSH);
            m_at += static_cast<std::size_t>(m_zlib.next_in - in);
            done += static_cast<std::size_t>(m_zlib.next_out - (out + done));
            if (rc == Z_STREAM_END) {
                const std::size_t left = m_bytes.size() - m_at;
                if (left == 0) {
                    m_ended = true;
                } else if (left > 1 && static_cast<unsigned char>(m_bytes[m_at]) == 0x1f &&
                           static_cast<unsigned char>(m_bytes[m_at + 1]) == 0x8b) {
                    inflateReset(&m_zlib); // the next gzip member
                } else {
                    throw DataError(m_source + ": " + std::to_string(left) +
                                    " bytes after the end of the compressed data");
                }
            } else if (rc == Z_BUF_ERROR) { // no progress possible: the input ended mid-stream
                throw DataError(m_source + ": corrupt compressed data (unexpected end of file)");
            } else if (rc == Z_MEM_ERROR) {
                throw std::bad_alloc();
            } else if (rc != Z_OK) {
                throw DataError(m_source + ": corrupt compressed data (" +
                                (m_zlib.msg ? m_zlib.msg : "not gzip") + ")");
            }
        }
        return done;
    }

private:
    const std::string& m_bytes;
    const std::string& m_source;
    const bool m_gzip;
    z_stream m_zlib{};
    bool m_inflating = false;
    bool m_ended = false;
    std::size_t m_at = 0;
};

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
            throw DataError(path + ": dimension " + std::to_string(i) + " is 0 (" + all() +
                            "), an absurd size");
    if (dims[0] > kMaxSamples)
        throw DataError(path + ": dimension 0, the number of samples, is " +
                        std::to_string(dims[0]) + ", an absurd size (the limit is " +
                        std::to_string(kMaxSamples) + " samples, docs/reliability.md)");
    Index total = 1;
    for (Index d : dims) {
        const auto next = checkedMul(total, d, kMaxIdxBytes);
        if (!next)
            throw DataError(path + ": the dimensions " + all() + " make more than " +
                            std::to_string(kMaxIdxBytes >> 30) +
                            " GiB of data, an absurd size (docs/reliability.md)");
        total = *next;
    }
    return dims;
}

} // namespace

IdxFile parseIdx(const std::string& bytes, const std::string& path) {
    IdxStream file(bytes, path);
    unsigned char header[4 + 4 * 3];
    const std::size_t got = file.read(header, 4);
    if (got < 4)
        throw DataError(path + ": too short to be an IDX file (" + std::to_string(got) + " bytes)");
    // Magic: two zero bytes, the element type (0x08 = unsigned byte), the number of dims.
    if (header[0] != 0 || header[1] != 0)
        throw DataError(path + ": wrong magic number, not an IDX file");
    if (header[2] != 0x08) {
        char type[8];
        std::snprintf(type, sizeof type, "0x%02x", header[2]);
        throw DataError(path + ": element type " + type +
                        " is not supported (only unsigned bytes, 0x08)");
    }
    const int rank = header[3];
    if (rank < 1 || rank > 3)
        throw DataError(path + ": " + std::to_string(rank) +
                        " dimensions; MNIST files have 1 (labels) or 3 (images)");
    const auto dimBytes = static_cast<std::size_t>(4 * rank);
    if (file.read(header + 4, dimBytes) < dimBytes) throw DataError(path + ": truncated header");
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
        throw DataError(path + ": truncated: the header promises " + std::to_string(total) +
                        " bytes of data, the file holds " + std::to_string(used));
    unsigned char extra[4096];
    const std::size_t more = file.read(extra, sizeof extra);
    if (more > 0)
        throw DataError(path + ": unexpected data after the " + std::to_string(total) +
                        " bytes the header promises" +
                        (more < sizeof extra ? " (" + std::to_string(more) + " more bytes)"
                                             : std::string(" (at least 4096 more bytes)")));
    return out;
}

IdxFile readIdx(const std::string& requested) {
    std::string path = requested;
    if (!std::filesystem::exists(path) && std::filesystem::exists(path + ".gz")) path += ".gz";
    if (!std::filesystem::exists(path)) throw DataError(requested + ": no such file");
    return withMemoryNote(path, [&] {
        std::string bytes;
        try {
            // Only a regular file (not a FIFO or a device), of at most kMaxIdxBytes compressed.
            bytes = readFile(path, "IDX file", kMaxIdxBytes);
        } catch (const FileError& e) {
            throw DataError(e.what());
        }
        return parseIdx(bytes, path);
    });
}

Dataset loadIdxDataset(const std::string& imagesPath, const std::string& labelsPath, double mean,
                       double std) {
    if (!(std > 0)) throw InvalidArgument("normalisation std must be > 0");
    const IdxFile images = readIdx(imagesPath);
    const IdxFile labels = readIdx(labelsPath);
    return withMemoryNote(
        imagesPath, [&] { return idxDataset(images, imagesPath, labels, labelsPath, mean, std); });
}

Dataset idxImages(const IdxFile& images, const std::string& imagesPath, double mean, double std) {
    if (!(std > 0)) throw InvalidArgument("normalisation std must be > 0");
    if (images.dims.size() != 3)
        throw DataError(imagesPath + ": expected images (3 dimensions), found " +
                        std::to_string(images.dims.size()));
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
    if (!(std > 0)) throw InvalidArgument("normalisation std must be > 0");
    if (images.dims.size() != 3)
        throw DataError(imagesPath + ": expected images (3 dimensions), found " +
                        std::to_string(images.dims.size()));
    if (labels.dims.size() != 1)
        throw DataError(labelsPath + ": expected labels (1 dimension), found " +
                        std::to_string(labels.dims.size()));
    if (images.dims[0] != labels.dims[0])
        throw DataError(imagesPath + " holds " + std::to_string(images.dims[0]) + " images but " +
                        labelsPath + " holds " + std::to_string(labels.dims[0]) + " labels");
    Dataset d = idxImages(images, imagesPath, mean, std);
    d.name.clear();
    d.classes = 10;
    const Index n = images.dims[0];
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
