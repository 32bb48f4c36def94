// Bytes read as a stream: as they are, or inflated when they start with gzip's magic bytes
// (RFC 1952; members one after another are read as one stream, as gzip does). Inflating happens
// only as bytes are asked for, so a small file that inflates to gigabytes costs only what the
// reader takes. The IDX reader and the MNIST package reader (data/MnistArchive.h) read so.
#pragma once

#include <cstddef>
#include <string>
#include <zlib.h>

namespace gs {

class ByteStream {
public:
    // `bytes` and `source` (the file's name, for messages) must outlive the stream.
    ByteStream(const std::string& bytes, const std::string& source);
    ~ByteStream();
    ByteStream(const ByteStream&) = delete;
    ByteStream& operator=(const ByteStream&) = delete;

    // Reads up to `count` bytes, fewer only at the end of the data; throws DataError on corrupt
    // compressed data.
    std::size_t read(unsigned char* out, std::size_t count);

private:
    const std::string& m_bytes;
    const std::string& m_source;
    const bool m_gzip;
    z_stream m_zlib{};
    bool m_inflating = false;
    bool m_ended = false;
    std::size_t m_at = 0;
};

} // namespace gs
