#pragma once
// The options every experiment program shares (see DESIGN.md, "Programs and outputs"):
//   --seed S | --seeds LIST   LIST = "0,1,2" or a range "0-2"
//   --profile quick|default|paper
//   --threads T               0 = one per hardware thread
//   --out DIR, --data DIR
//   --shard K/N               run configurations i with i % N == K - 1 (K = 1..N)
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

std::vector<std::uint64_t> parse_seed_list(const std::string& text);

struct RunOptions {
    std::vector<std::uint64_t> seeds;  // empty: the program's profile default
    Profile profile = Profile::standard;
    int threads = 0;
    std::filesystem::path out;
    std::filesystem::path data;
    Shard shard;
};

void add_run_options(Cli& cli, const std::string& default_out);
// Reads and validates the shared options and applies --threads to the thread pool.
RunOptions read_run_options(const Cli& cli);

}  // namespace qmlr
