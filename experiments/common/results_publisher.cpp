#include "experiments/common/results_publisher.hpp"

#include <signal.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "experiments/common/fault_injection.hpp"

namespace qmlr::experiments {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStaging = ".publish-staging";
constexpr const char* kJournal = ".publish-journal";

// The journal: "keep <name>" per new file, "drop <name>" per old file to remove.
std::vector<std::pair<std::string, std::string>> read_journal(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::pair<std::string, std::string>> entries;
    std::string action, name;
    while (in >> action >> name) {
        require(action == "keep" || action == "drop", path.string() + ": unreadable journal line '" + action + " " + name +
                                                          "'; delete the journal and rerun the program");
        entries.emplace_back(action, name);
    }
    return entries;
}

// Step 3 and 4: idempotent, so a kill inside it is finished by the next recovery.
void apply_journal(const fs::path& out) {
    const fs::path staging = out / kStaging;
    bool first = true;
    for (const auto& [action, name] : read_journal(out / kJournal)) {
        if (action == "keep") {
            if (fs::exists(staging / name)) fs::rename(staging / name, out / name);
            if (first) fault_point("publish:moving");
            first = false;
        } else {
            fs::remove(out / name);
        }
    }
    fs::remove(out / kJournal);
    fs::remove_all(staging);
}

// "<name>.tmp-<pid>" files (AtomicFile's) of processes that no longer exist.
void remove_dead_temporaries(const fs::path& out) {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(out, error)) {
        const std::string name = entry.path().filename().string();
        const auto at = name.rfind(".tmp-");
        if (at == std::string::npos || !entry.is_regular_file()) continue;
        long pid = 0;
        try {
            pid = std::stol(name.substr(at + 5));
        } catch (const std::exception&) {
            continue;
        }
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove(entry.path(), error);
    }
}

}  // namespace

bool publication_pending(const fs::path& out) { return fs::exists(out / kJournal); }

bool recover_publication(const fs::path& out) {
    bool found = false;
    if (publication_pending(out)) {
        apply_journal(out);
        found = true;
    } else if (fs::exists(out / kStaging)) {
        fs::remove_all(out / kStaging);
        found = true;
    }
    remove_dead_temporaries(out);
    return found;
}

void publish_results(const fs::path& out, const std::vector<PublishedFile>& files,
                     const std::vector<std::string>& managed) {
    recover_publication(out);
    const fs::path staging = out / kStaging;
    fs::create_directories(staging);
    std::ostringstream journal;
    for (const PublishedFile& file : files) {
        require(file.name.find('/') == std::string::npos && !file.name.empty() && file.name[0] != '.',
                "cannot publish '" + file.name + "': not a plain file name");
        AtomicFile staged(staging / file.name);
        staged.stream().write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
        staged.commit();
        journal << "keep " << file.name << '\n';
    }
    for (const std::string& name : managed) {
        bool kept = false;
        for (const PublishedFile& file : files) kept = kept || file.name == name;
        if (!kept) journal << "drop " << name << '\n';
    }
    fault_point("publish:staged");
    AtomicFile commit(out / kJournal);  // the rename is the commit point
    commit.stream() << journal.str();
    commit.commit();
    fault_point("publish:journal");
    apply_journal(out);
}

}  // namespace qmlr::experiments
