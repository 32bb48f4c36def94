#include "MnistArchive.h"

#include "ByteStream.h"
#include "Dataset.h" // DataError
#include "io/Files.h"
#include "io/Sha256.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace gs {

const std::vector<ExpectedFile>& mnistFiles() {
    static const std::vector<ExpectedFile> files{
        {"train-images-idx3-ubyte", 47040016,
         "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
        {"train-labels-idx1-ubyte", 60008,
         "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
        {"t10k-images-idx3-ubyte", 7840016,
         "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
        {"t10k-labels-idx1-ubyte", 10008,
         "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
    };
    return files;
}

std::string mnistFolder(const std::string& dataDir) {
    return dataDir + "/mnist";
}

namespace {

constexpr std::size_t kBlock = 512; // tar's unit: headers and data in 512-byte blocks

// Reads exactly `count` bytes, or throws naming what was cut short: the file `name`, or with
// nullptr a file that is skipped.
void readExactly(ByteStream& in, unsigned char* out, std::size_t count, const std::string& source,
                 const std::string* name) {
    if (in.read(out, count) == count) return;
    if (name)
        throw DataError(Engine::tr("{1}: the archive ends inside {2} (a broken download?)"), source,
                        *name);
    throw DataError(Engine::tr("{1}: the archive ends inside a file (a broken download?)"), source);
}

// A tar header's octal number (size, checksum): digits, then spaces or NULs. nullopt-like -1 for
// anything else, including GNU's base-256 form, which only files over 8 GiB need.
long long octal(const unsigned char* field, std::size_t width) {
    std::size_t i = 0;
    while (i < width && field[i] == ' ')
        ++i;
    long long value = 0;
    bool digits = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value > (1LL << 40)) return -1;
        value = value * 8 + (field[i] - '0');
        digits = true;
    }
    for (; i < width; ++i)
        if (field[i] != ' ' && field[i] != '\0') return -1;
    return digits ? value : -1;
}

bool allZero(const unsigned char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (p[i]) return false;
    return true;
}

std::string fieldText(const unsigned char* field, std::size_t width) {
    std::size_t n = 0;
    while (n < width && field[n])
        ++n;
    return std::string(reinterpret_cast<const char*>(field), n);
}

const ExpectedFile* wantedBy(const std::string& path, const std::vector<ExpectedFile>& wanted) {
    const std::string base = path.substr(path.find_last_of('/') + 1);
    for (const ExpectedFile& f : wanted)
        if (f.name == base) return &f;
    return nullptr;
}

// Reads and drops `count` bytes.
void skip(ByteStream& in, long long count, const std::string& source) {
    unsigned char sink[16 * kBlock];
    while (count > 0) {
        const std::size_t n = static_cast<std::size_t>(std::min<long long>(count, sizeof sink));
        readExactly(in, sink, n, source, nullptr);
        count -= static_cast<long long>(n);
    }
}

} // namespace

std::map<std::string, std::string> filesFromTar(const std::string& archive,
                                                const std::string& source,
                                                const std::vector<ExpectedFile>& wanted) {
    ByteStream in(archive, source);
    std::map<std::string, std::string> files;
    unsigned char header[kBlock];
    for (long long entry = 0;; ++entry) {
        const std::size_t got = in.read(header, kBlock);
        if (got == 0 && entry > 0) break; // an archive without the closing zero blocks
        if (got != kBlock)
            throw DataError(entry == 0 ? Engine::tr("{1}: not a tar archive (too short)")
                                       : Engine::tr("{1}: the archive ends inside a header"),
                            source);
        if (allZero(header, kBlock)) break; // the end
        // The checksum: the header's bytes summed with its own field read as spaces.
        const long long stored = octal(header + 148, 8);
        long long sum = 0;
        for (std::size_t i = 0; i < kBlock; ++i)
            sum += (i >= 148 && i < 156) ? ' ' : header[i];
        if (stored < 0 || stored != sum)
            throw DataError(entry == 0
                                ? Engine::tr("{1}: not a tar archive")
                                : Engine::tr("{1}: a header's checksum is wrong (entry {2})"),
                            source, entry + 1);
        const long long size = octal(header + 124, 12);
        if (size < 0)
            throw DataError(Engine::tr("{1}: entry {2} has no valid size"), source, entry + 1);
        const long long padded = (size + kBlock - 1) / kBlock * kBlock;
        std::string name = fieldText(header, 100);
        if (std::memcmp(header + 257, "ustar", 5) == 0 && header[345])
            name = fieldText(header + 345, 155) + "/" + name;
        const char type = static_cast<char>(header[156]);
        const ExpectedFile* file = (type == '0' || type == '\0') ? wantedBy(name, wanted) : nullptr;
        if (!file || files.count(file->name)) {
            skip(in, padded, source); // folders, pax headers, everything else: their data skipped
            continue;
        }
        if (size != file->bytes)
            throw DataError(
                Engine::tr("{1}: {2} has {3} bytes, not {4} (a different version of the data?)"),
                source, file->name, size, file->bytes);
        std::string content(static_cast<std::size_t>(size), '\0');
        readExactly(in, reinterpret_cast<unsigned char*>(content.data()), content.size(), source,
                    &file->name);
        skip(in, padded - size, source);
        files.emplace(file->name, std::move(content));
    }
    return files;
}

std::string fileFromGzip(const std::string& bytes, const std::string& source,
                         const ExpectedFile& expected) {
    ByteStream in(bytes, source);
    std::string content(static_cast<std::size_t>(expected.bytes), '\0');
    const std::size_t got =
        in.read(reinterpret_cast<unsigned char*>(content.data()), content.size());
    unsigned char more = 0;
    if (got != content.size() || in.read(&more, 1) != 0)
        throw DataError(got != content.size()
                            ? Engine::tr("{1}: {2} should have {3} bytes, not {4}")
                            : Engine::tr("{1}: {2} should have {3} bytes, not more"),
                        source, expected.name, expected.bytes, got);
    return content;
}

void installCheckedFiles(const std::string& folder, const std::map<std::string, std::string>& files,
                         const std::vector<ExpectedFile>& expected) {
    for (const ExpectedFile& f : expected) {
        const auto it = files.find(f.name);
        if (it == files.end()) throw DataError(Engine::tr("the download has no {1}"), f.name);
        if (Index(it->second.size()) != f.bytes)
            throw DataError(Engine::tr("{1} has {2} bytes, not {3}"), f.name, it->second.size(),
                            f.bytes);
        if (sha256Hex(it->second.data(), it->second.size()) != f.sha256)
            throw DataError(Engine::tr("{1} failed its SHA-256 check (a corrupt or altered "
                                       "download); nothing was installed"),
                            f.name);
    }
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) // error.message(): the system's text, not ours
        throw FileError(Engine::tr("{1}: cannot make the folder ({2})"), folder, error.message());
    for (const ExpectedFile& f : expected)
        writeFileAtomic(folder + "/" + f.name, files.at(f.name));
}

} // namespace gs
