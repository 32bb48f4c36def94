#include "ByteStream.h"

#include "Dataset.h" // DataError

#include <algorithm>
#include <new>

namespace gs {

ByteStream::ByteStream(const std::string& bytes, const std::string& source)
    : m_bytes(bytes)
    , m_source(source)
    , m_gzip(bytes.size() > 1 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
             static_cast<unsigned char>(bytes[1]) == 0x8b) {
    if (!m_gzip) return;
    const int rc = inflateInit2(&m_zlib, 16 + MAX_WBITS); // 16: gzip, not zlib, framing
    if (rc == Z_MEM_ERROR) throw std::bad_alloc();
    if (rc != Z_OK)
        throw DataError(Engine::tr("{1}: cannot inflate the compressed data"), m_source);
    m_inflating = true;
}

ByteStream::~ByteStream() {
    if (m_inflating) inflateEnd(&m_zlib);
}

std::size_t ByteStream::read(unsigned char* out, std::size_t count) {
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
        m_zlib.avail_in = static_cast<uInt>(std::min<std::size_t>(m_bytes.size() - m_at, 1u << 30));
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
                throw DataError(Engine::tr("{1}: {2} bytes after the end of the compressed data"),
                                m_source, left);
            }
        } else if (rc == Z_BUF_ERROR) { // no progress possible: the input ended mid-stream
            throw DataError(Engine::tr("{1}: corrupt compressed data (unexpected end of file)"),
                            m_source);
        } else if (rc == Z_MEM_ERROR) {
            throw std::bad_alloc();
        } else if (rc != Z_OK) {
            if (m_zlib.msg) // zlib's own text, not ours
                throw DataError(Engine::tr("{1}: corrupt compressed data ({2})"), m_source,
                                std::string(m_zlib.msg));
            throw DataError(Engine::tr("{1}: corrupt compressed data (not gzip)"), m_source);
        }
    }
    return done;
}

} // namespace gs
