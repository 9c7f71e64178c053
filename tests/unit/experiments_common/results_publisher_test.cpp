#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "experiments/common/fault_injection.hpp"
#include "experiments/common/results_publisher.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

const std::vector<std::string> kManaged = {"a.csv", "b.csv", "old_only.csv", "meta.json"};

void publish_generation(const std::filesystem::path& out, const std::string& generation, bool with_old_only) {
    std::vector<PublishedFile> files = {{"a.csv", generation}, {"b.csv", generation}, {"meta.json", generation}};
    if (with_old_only) files.push_back({"old_only.csv", generation});
    publish_results(out, files, kManaged);
}

// Publishes generation "new" in a child process that stops dead at `fault`; returns its status.
int publish_killed_at(const std::filesystem::path& out, const char* fault) {
    const pid_t child = fork();
    if (child == 0) {
        setenv("QMLR_FAULT", fault, 1);
        publish_generation(out, "new", false);
        std::_Exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// "old" or "new" when every managed file is of one generation (old_only.csv present only in
// the old one), else "mixed".
std::string generation_of(const std::filesystem::path& out) {
    const std::string a = test::read_file(out / "a.csv");
    for (const char* name : {"b.csv", "meta.json"})
        if (test::read_file(out / name) != a) return "mixed";
    if (std::filesystem::exists(out / "old_only.csv") != (a == "old")) return "mixed";
    return a;
}

}  // namespace

TEST_CASE("publishing: a kill at any step leaves all old or, once recovered, all new tables") {
    const std::pair<const char*, const char*> cases[] = {
        {"publish:staged", "old"}, {"publish:journal", "new"}, {"publish:moving", "new"}};
    for (const auto& [fault, expected] : cases) {
        CAPTURE(fault);
        test::TempDir out;
        publish_generation(out.path(), "old", true);
        REQUIRE(generation_of(out.path()) == "old");
        CHECK(publish_killed_at(out.path(), fault) == kFaultExitStatus);
        // After the journal is written the folder is "pending" until recovered; readers refuse it.
        CHECK(publication_pending(out.path()) == (std::string(expected) == "new"));
        CHECK(recover_publication(out.path()));
        CHECK(generation_of(out.path()) == expected);
        CHECK_FALSE(std::filesystem::exists(out / ".publish-staging"));
        CHECK_FALSE(publication_pending(out.path()));
    }
}

TEST_CASE("publishing removes temporaries of dead writers and keeps unmanaged files") {
    test::TempDir out;
    test::write_file(out / "a.csv.tmp-999999999", "partial");  // no such process
    test::write_file(out / "notes.txt", "mine");
    publish_generation(out.path(), "new", false);
    CHECK_FALSE(std::filesystem::exists(out / "a.csv.tmp-999999999"));
    CHECK(test::read_file(out / "notes.txt") == "mine");
    CHECK(generation_of(out.path()) == "new");
}
