// SHA-256 (FIPS 180-4), for checking downloads against their published sums without a crypto
// library: Sha256 hashes bytes in pieces, sha256Hex all at once.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace gs {

class Sha256 {
public:
    Sha256();
    void add(const void* data, std::size_t size);
    // The digest as 64 lower-case hex digits; the object is spent afterwards.
    std::string hex();

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 8> m_state;
    std::array<unsigned char, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0; // bytes hashed so far
};

std::string sha256Hex(const void* data, std::size_t size);

} // namespace gs
