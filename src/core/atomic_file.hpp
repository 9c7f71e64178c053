#pragma once
// A file that appears complete or not at all: text goes to "<path>.tmp-<pid>" beside the
// target and is renamed onto it by commit(). Destroyed without commit() (an error, an
// exception), the temporary is removed and the target is left untouched.
#include <filesystem>
#include <fstream>

namespace qmlr {

class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target);  // creates parent folders
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return out_; }
    const std::filesystem::path& target() const { return target_; }
    // Flushes, checks every write succeeded (else an Error naming the file) and renames.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    std::ofstream out_;
    bool committed_ = false;
};

}  // namespace qmlr
