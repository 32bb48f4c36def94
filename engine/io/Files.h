// Whole-file reads and atomic writes: the one way the engine opens a file, so that every
// loader (model, session, CSV, IDX) refuses the same things with the same messages.
//
// Reading accepts only regular files, up to a size limit (core/Limits.h): a directory, a FIFO
// (which would block forever) or a device such as /dev/zero (which never ends) is refused with
// "'x' is a directory, not a model file". Writing goes through a temporary file in the target's
// folder, then fsync, rename and an fsync of the folder: a crash at any point leaves either the
// old file or the new one, never half of one (see writeFileAtomic for the details).
#pragma once

#include "core/Errors.h"
#include "core/Limits.h"

#include <new>
#include <string>

namespace gs {

// A file could not be read or written; the message names the file and the reason.
class FileError : public Error {
public:
    using Error::Error;
};

// Opens `path` for reading after checking that it is a regular file of at most `maxBytes`;
// `kind` names it in messages (Message(Engine::tr("model file"))). Returns an open file
// descriptor the caller closes, and its size in `size`.
int openFileForReading(const std::string& path, const Message& kind, Index maxBytes, Index* size);

// The whole content of a regular file of at most `maxBytes`.
std::string readFile(const std::string& path, const Message& kind = Message(Engine::tr("file")),
                     Index maxBytes = kMaxTextFileBytes);

// Writes `content` to `path` atomically (see the note at the top). The file keeps the mode of
// the file it replaces (a new one gets 0666 less the umask); a symbolic link is written
// through, to the file it points to, and stays a link. The temporary file is
// ".<name>.tmp-<pid>.<n>"; one left behind by a process that no longer runs (a crash, a power
// cut) is removed by the next save of the same file.
void writeFileAtomic(const std::string& path, const std::string& content);

// Runs `load()` and turns running out of memory into a FileError that names the file: a file
// within the limits can still describe more than this machine holds.
template <class Load>
auto withMemoryNote(const std::string& path, Load&& load) -> decltype(load()) {
    try {
        return load();
    } catch (const std::bad_alloc&) {
        throw FileError(Engine::tr("{1}: not enough memory to load this file"), path);
    }
}

} // namespace gs
