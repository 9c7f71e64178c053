#include "experiments/common/output_folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "core/error.hpp"

namespace qmlr::experiments {

namespace {

[[noreturn]] void fail(const std::filesystem::path& folder, const std::string& what, const std::string& reason) {
    throw Error("--out: cannot " + what + " the output folder " + folder.string() + " (" + reason +
                "); pass a folder you can write to with --out DIR, or fix its permissions");
}

}  // namespace

void prepare_output_folder(const std::filesystem::path& folder) {
    std::error_code error;
    if (std::filesystem::exists(folder, error) && !std::filesystem::is_directory(folder, error))
        fail(folder, "use", "it is a file, not a folder");
    std::filesystem::create_directories(folder, error);
    if (error) fail(folder, "create", error.message());
    // O_EXCL with the process id: shards sharing the folder never remove each other's probe.
    const std::filesystem::path probe = folder / (".write-probe-" + std::to_string(::getpid()));
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) fail(folder, "write to", std::strerror(errno));
    ::close(fd);
    std::filesystem::remove(probe, error);
}

}  // namespace qmlr::experiments
