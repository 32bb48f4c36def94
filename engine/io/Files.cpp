#include "Files.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gs {

namespace {

Message sizeText(Index bytes) {
    if (bytes >= (Index(1) << 30) && bytes % (Index(1) << 30) == 0)
        return Message(Engine::tr("{1} GiB"), bytes >> 30);
    if (bytes >= (Index(1) << 20) && bytes % (Index(1) << 20) == 0)
        return Message(Engine::tr("{1} MiB"), bytes >> 20);
    return Message(Engine::tr("{1} bytes"), bytes);
}

// Why a file that is not a regular one is refused: "'x' is a directory, not a model file".
Message notRegular(const std::string& path, const Message& kind, mode_t mode) {
    if (S_ISDIR(mode)) return Message(Engine::tr("'{1}' is a directory, not a {2}"), path, kind);
    if (S_ISFIFO(mode))
        return Message(Engine::tr("'{1}' is a named pipe (FIFO), not a {2}"), path, kind);
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return Message(Engine::tr("'{1}' is a device, not a {2}"), path, kind);
    if (S_ISSOCK(mode)) return Message(Engine::tr("'{1}' is a socket, not a {2}"), path, kind);
    return Message(Engine::tr("'{1}' is not a regular file, not a {2}"), path, kind);
}

void checkRegular(const std::string& path, const Message& kind, const struct stat& st,
                  Index maxBytes) {
    if (!S_ISREG(st.st_mode)) throw FileError(notRegular(path, kind, st.st_mode));
    if (st.st_size > maxBytes)
        throw FileError(
            Engine::tr("'{1}' is {2} bytes; a {3} may be at most {4} (docs/reliability.md)"), path,
            st.st_size, kind, sizeText(maxBytes));
}

// Follows `path` through symbolic links to the file they finally name (which need not exist
// yet), so that saving through a link replaces the file it points to, not the link.
std::string resolveLinks(std::string path) {
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
        std::string target(PATH_MAX, '\0');
        const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
        if (n < 0 || n >= static_cast<ssize_t>(target.size())) return path;
        target.resize(static_cast<std::size_t>(n));
        if (target.front() == '/') {
            path = target;
        } else {
            const auto slash = path.rfind('/');
            path = slash == std::string::npos ? target : path.substr(0, slash + 1) + target;
        }
    }
    throw FileError(Engine::tr("'{1}': too many levels of symbolic links"), path);
}

// Removes ".<name>.tmp-<pid>.<n>" files in `folder` whose process no longer runs: what a save
// interrupted by a crash or a power cut left behind. Files of running processes (another save
// in progress) are left alone.
void removeStaleTemporaries(const std::string& folder, const std::string& name) {
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return;
    const std::string prefix = "." + name + ".tmp-";
    while (const dirent* entry = ::readdir(dir)) {
        const std::string file = entry->d_name;
        if (file.size() <= prefix.size() || file.compare(0, prefix.size(), prefix) != 0) continue;
        long pid = 0;
        const char* begin = file.data() + prefix.size();
        const auto [end, ec] = std::from_chars(begin, file.data() + file.size(), pid);
        if (ec != std::errc() || end == begin || pid <= 0 || pid == ::getpid()) continue;
        if (*end != '.' && end != file.data() + file.size()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        ::unlinkat(::dirfd(dir), entry->d_name, 0);
    }
    ::closedir(dir);
}

void syncFolder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd); // some file systems cannot sync a folder (EINVAL); the rename is done anyway
    ::close(fd);
}

} // namespace

int openFileForReading(const std::string& path, const Message& kind, Index maxBytes, Index* size) {
    // stat first, so that a FIFO or a device is refused without being opened (opening a FIFO
    // waits for a writer; opening some devices does something). fstat after the open checks
    // that the file opened is the one that was checked.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw FileError(Engine::tr("{1}: cannot open the {2} ({3})"), path, kind,
                        std::string(std::strerror(errno)));
    checkRegular(path, kind, st, maxBytes);
    int fd = -1;
    do
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        throw FileError(Engine::tr("{1}: cannot open the {2} ({3})"), path, kind,
                        std::string(std::strerror(errno)));
    if (::fstat(fd, &st) != 0) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        throw FileError(Engine::tr("{1}: cannot open the {2} ({3})"), path, kind, reason);
    }
    try {
        checkRegular(path, kind, st, maxBytes);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (size) *size = static_cast<Index>(st.st_size);
    return fd;
}

std::string readFile(const std::string& path, const Message& kind, Index maxBytes) {
    Index size = 0;
    const int fd = openFileForReading(path, kind, maxBytes, &size);
    std::string out;
    try {
        // The size from fstat is a hint: a file that grows while it is read is read to its
        // end, up to the limit.
        out.resize(static_cast<std::size_t>(size) + 1);
        std::size_t used = 0;
        for (;;) {
            if (used == out.size()) {
                if (static_cast<Index>(used) > maxBytes)
                    throw FileError(Engine::tr("'{1}' grew past {2} while it was read; a {3} may "
                                               "be at most {2}"),
                                    path, sizeText(maxBytes), kind);
                out.resize(
                    std::min<std::size_t>(out.size() * 2, static_cast<std::size_t>(maxBytes) + 1));
            }
            const ssize_t n = ::read(fd, out.data() + used, out.size() - used);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                throw FileError(Engine::tr("{1}: reading the {2} failed ({3})"), path, kind,
                                std::string(std::strerror(errno)));
            if (n == 0) break;
            used += static_cast<std::size_t>(n);
        }
        out.resize(used);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    return out;
}

void writeFileAtomic(const std::string& requested, const std::string& content) {
    const std::string path = resolveLinks(requested);
    const auto slash = path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    removeStaleTemporaries(folder, name);

    static std::atomic<unsigned> counter{0};
    const std::string temp = (slash == std::string::npos ? "" : folder) + "." + name + ".tmp-" +
                             std::to_string(::getpid()) + "." + std::to_string(counter++);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        throw FileError(Engine::tr("{1}: cannot write in {2} ({3})"), requested, folder,
                        std::string(std::strerror(errno)));
    // `sentence` has the places {1} (the file) and {2} (the system's reason).
    const auto fail = [&](Text sentence) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        ::unlink(temp.c_str());
        throw FileError(sentence, requested, reason);
    };
    // The new file takes the mode of the one it replaces (a private 0600 file stays private).
    struct stat old {};
    if (::stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode) &&
        ::fchmod(fd, old.st_mode & 07777) != 0)
        fail(Engine::tr("{1}: cannot set the file's mode ({2}); the old file is unchanged"));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(Engine::tr("{1}: writing failed ({2}); the old file is unchanged"));
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail(Engine::tr("{1}: writing failed ({2}); the old file is unchanged"));
    if (::close(fd) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        throw FileError(Engine::tr("{1}: writing failed ({2}); the old file is unchanged"),
                        requested, reason);
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        throw FileError(Engine::tr("{1}: cannot replace the file ({2})"), requested, reason);
    }
    // The rename is only durable once the folder's entry is on disk.
    syncFolder(folder);
}

} // namespace gs
