#pragma once
// A fresh directory under the system temp folder, removed with everything in it when the
// object goes out of scope. Tests write their generated fixtures here.
#include <filesystem>
#include <string>
#include <string_view>

namespace qmlr::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Writes `bytes` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, std::string_view bytes);
std::string read_file(const std::filesystem::path& path);

}  // namespace qmlr::test
