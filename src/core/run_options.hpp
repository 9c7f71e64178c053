#pragma once
// The options every experiment program shares (see docs/conventions.md §10, "Programs and outputs"):
//   --seed S | --seeds LIST   LIST = "0,1,2" or a range "0-2"
//   --profile quick|default|paper
//   --threads T               0 = one per CPU this process may use (usable_cpu_count)
//   --out DIR                 default: results/<program> with the default profile,
//                             results-<profile>/<program> with another, so a quick or paper run
//                             never overwrites the committed results; an explicit --out wins
//   --data DIR
//   --shard K/N               compute the groups of runs g with g % N == K - 1 (K = 1..N)
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/cli.hpp"

namespace qmlr {

enum class Profile { quick, standard, paper };  // "default" is a C++ keyword: `standard`
std::string to_string(Profile profile);
Profile parse_profile(const std::string& text);

struct Shard {
    int index = 1;  // K, 1-based
    int count = 1;  // N
    bool selects(std::size_t configuration) const {
        return configuration % static_cast<std::size_t>(count) == static_cast<std::size_t>(index - 1);
    }
};
Shard parse_shard(const std::string& text);

// "0,1,2" or "0-2"; a seed listed twice is an Error naming it.
std::vector<std::uint64_t> parse_seed_list(const std::string& text);

// Where a program's tables go when --out is not given (see above); `program` is the program's
// name, which is also its paper's folder name.
std::filesystem::path default_out_folder(Profile profile, const std::string& program);

struct RunOptions {
    std::vector<std::uint64_t> seeds;  // empty: the program's profile default
    Profile profile = Profile::standard;
    int threads = 0;
    std::filesystem::path out;
    std::filesystem::path data;
    Shard shard;
};

// Declares the shared options; the default --out is named after cli.program().
void add_run_options(Cli& cli);
// Reads and validates the shared options, resolves the --out default and applies --threads to
// the thread pool.
RunOptions read_run_options(const Cli& cli);

}  // namespace qmlr
