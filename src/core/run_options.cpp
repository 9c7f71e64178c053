#include "core/run_options.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/parallel.hpp"

namespace qmlr {

std::string to_string(Profile profile) {
    switch (profile) {
        case Profile::quick: return "quick";
        case Profile::standard: return "default";
        case Profile::paper: return "paper";
    }
    return "?";
}

Profile parse_profile(const std::string& text) {
    if (text == "quick") return Profile::quick;
    if (text == "default") return Profile::standard;
    if (text == "paper") return Profile::paper;
    throw Error("--profile expects quick, default or paper, got '" + text + "'");
}

Shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    if (slash == std::string::npos)
        throw Error("--shard expects K/N (e.g. 2/4: the second of four shards), got '" + text + "'");
    Shard shard;
    shard.count = static_cast<int>(parse_integer(text.substr(slash + 1), 1, 100000, "--shard N"));
    shard.index = static_cast<int>(parse_integer(text.substr(0, slash), 1, shard.count, "--shard K"));
    return shard;
}

std::vector<std::uint64_t> parse_seed_list(const std::string& text) {
    constexpr std::int64_t kMaxSeed = std::int64_t{1} << 62;
    std::vector<std::uint64_t> seeds;
    if (const auto dash = text.find('-'); dash != std::string::npos && dash > 0) {
        const auto first = parse_integer(text.substr(0, dash), 0, kMaxSeed, "--seeds range start");
        const auto last = parse_integer(text.substr(dash + 1), first, first + 9999, "--seeds range end");
        for (auto s = first; s <= last; ++s) seeds.push_back(static_cast<std::uint64_t>(s));
        return seeds;
    }
    std::size_t begin = 0;
    while (begin <= text.size()) {
        const auto comma = std::min(text.find(',', begin), text.size());
        const auto seed = static_cast<std::uint64_t>(
            parse_integer(text.substr(begin, comma - begin), 0, kMaxSeed, "--seeds entry"));
        // A repeated seed would run (and average) the same run twice.
        if (std::find(seeds.begin(), seeds.end(), seed) != seeds.end())
            throw Error("--seeds expects distinct seeds, got seed " + std::to_string(seed) + " twice in '" +
                        text + "'; list each seed once");
        seeds.push_back(seed);
        begin = comma + 1;
    }
    return seeds;
}

std::filesystem::path default_out_folder(Profile profile, const std::string& program) {
    const std::filesystem::path base = profile == Profile::standard ? "results" : "results-" + to_string(profile);
    return base / program;
}

namespace {

// A folder option given as '' would silently mean the current folder.
std::filesystem::path folder_option(const Cli& cli, const std::string& name) {
    if (cli.given(name) && cli.value(name).empty())
        throw Error("--" + name + " expects a folder, got an empty string (use --" + name + " . for the current folder)");
    return cli.value(name);
}

}  // namespace

void add_run_options(Cli& cli) {
    cli.add_option("seed", "S", "run one seed");
    cli.add_option("seeds", "LIST", "seeds to run: 0,1,2 or a range 0-2 (default: the profile's)");
    cli.add_option("profile", "NAME", "quick (seconds, smoke test) | default | paper (full settings)", "default");
    cli.add_option("threads", "T", "worker threads; 0 = one per CPU this process may use (affinity, cgroup quota, Slurm)", "0");
    cli.add_option("out", "DIR",
                   "where the CSV files go (default: " + default_out_folder(Profile::standard, cli.program()).string() +
                       " with --profile default, " + default_out_folder(Profile::quick, cli.program()).string() +
                       " or " + default_out_folder(Profile::paper, cli.program()).string() +
                       " with the others, so they never overwrite the committed results)");
    cli.add_option("data", "DIR", "dataset folder filled by `make data`", "data");
    cli.add_option("shard", "K/N", "compute only every N-th group of runs, starting at the K-th (--list-runs shows the groups)", "1/1");
}

RunOptions read_run_options(const Cli& cli) {
    RunOptions options;
    if (cli.given("seed") && cli.given("seeds"))
        throw Error("give either --seed or --seeds, not both");
    if (cli.given("seed")) options.seeds = parse_seed_list(cli.value("seed"));
    if (cli.given("seeds")) options.seeds = parse_seed_list(cli.value("seeds"));
    if (cli.given("seed") && options.seeds.size() != 1)
        throw Error("--seed expects one integer, got '" + cli.value("seed") + "' (use --seeds for a list)");
    options.profile = parse_profile(cli.value("profile"));
    options.threads = static_cast<int>(cli.integer("threads", 0, 1024));
    options.out = cli.given("out") ? folder_option(cli, "out") : default_out_folder(options.profile, cli.program());
    options.data = folder_option(cli, "data");
    options.shard = parse_shard(cli.value("shard"));
    set_thread_count(options.threads);
    return options;
}

}  // namespace qmlr
