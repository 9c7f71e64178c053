#include "core/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "core/error.hpp"

namespace qmlr {

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
    if (target_.has_parent_path()) {
        std::error_code error;
        std::filesystem::create_directories(target_.parent_path(), error);
        if (error)
            throw Error("cannot create folder " + target_.parent_path().string() + ": " +
                        error.message());
    }
    temporary_ = target_;
    temporary_ += ".tmp-" + std::to_string(::getpid());
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_)
        throw Error("cannot open " + temporary_.string() + " for writing: " +
                    std::strerror(errno) + " (check the folder exists and is writable)");
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
    out_.flush();
    const bool written = static_cast<bool>(out_);
    out_.close();
    if (!written || out_.fail())
        throw Error("writing " + temporary_.string() + " failed (disk full?); " +
                    target_.string() + " was not changed");
    std::error_code error;
    std::filesystem::rename(temporary_, target_, error);
    if (error)
        throw Error("cannot rename " + temporary_.string() + " to " + target_.string() + ": " +
                    error.message());
    committed_ = true;
}

}  // namespace qmlr
