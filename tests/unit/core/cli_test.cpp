#include <doctest/doctest.h>

#include <sstream>
#include <vector>

#include "core/cli.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/run_options.hpp"

namespace {

// Parses `args` (program name first) with the shared run options declared.
qmlr::Cli parsed(std::vector<const char*> args, bool* printed_help = nullptr) {
    qmlr::Cli cli("prog", "A test program.");
    qmlr::add_run_options(cli);
    cli.add_option("epochs", "N", "training epochs", "5");
    cli.add_flag("verbose", "say more");
    std::ostringstream out;
    const bool run = cli.parse(static_cast<int>(args.size()), args.data(), out);
    if (printed_help != nullptr) *printed_help = !run;
    return cli;
}

}  // namespace

TEST_CASE("options take values in both spellings, defaults apply, flags switch") {
    auto cli = parsed({"prog", "--epochs", "7", "--out=/tmp/x", "--verbose"});
    CHECK(cli.integer("epochs", 1, 100) == 7);
    CHECK(cli.value("out") == "/tmp/x");
    CHECK(cli.value("data") == "data");
    CHECK(cli.flag("verbose"));
    CHECK(cli.given("epochs"));
    CHECK_FALSE(cli.given("threads"));
}

TEST_CASE("--help prints every option with its default") {
    bool help = false;
    parsed({"prog", "--help"}, &help);
    CHECK(help);
    qmlr::Cli cli("prog", "A test program.");
    qmlr::add_run_options(cli);
    const std::string usage = cli.usage();
    CHECK(usage.find("usage: prog [options]") == 0);
    CHECK(usage.find("--profile NAME") != std::string::npos);
    CHECK(usage.find("(default: results/prog with --profile default, results-quick/prog or results-paper/prog "
                     "with the others") != std::string::npos);
}

TEST_CASE("bad command lines name the option and the fix") {
    CHECK_THROWS_WITH_AS(parsed({"prog", "--epoch", "3"}), "unknown option --epoch (see prog --help)", qmlr::Error);
    CHECK_THROWS_WITH_AS(parsed({"prog", "--epochs"}), "option --epochs expects a value (N)", qmlr::Error);
    CHECK_THROWS_WITH_AS(parsed({"prog", "stray"}), doctest::Contains("unexpected argument 'stray'"), qmlr::Error);
    CHECK_THROWS_WITH_AS(parsed({"prog", "--verbose=1"}), doctest::Contains("takes no value"), qmlr::Error);
    auto cli = parsed({"prog", "--epochs", "7x"});
    CHECK_THROWS_WITH_AS(cli.integer("epochs", 1, 100), "option --epochs expects an integer, got '7x'", qmlr::Error);
    auto big = parsed({"prog", "--epochs", "700"});
    CHECK_THROWS_WITH_AS(big.integer("epochs", 1, 100), "option --epochs must be in 1..100, got 700", qmlr::Error);
}

TEST_CASE("run options: seeds, profile, shard and threads") {
    auto options = qmlr::read_run_options(parsed({"prog", "--seeds", "0-2", "--profile", "quick", "--shard", "2/3", "--threads", "1"}));
    CHECK(options.seeds == std::vector<std::uint64_t>{0, 1, 2});
    CHECK(options.profile == qmlr::Profile::quick);
    CHECK(qmlr::thread_count() == 1);
    CHECK(options.shard.index == 2);
    CHECK(options.shard.count == 3);
    CHECK_FALSE(options.shard.selects(0));
    CHECK(options.shard.selects(1));
    CHECK(options.shard.selects(4));

    CHECK(qmlr::read_run_options(parsed({"prog", "--seed", "5", "--threads", "2"})).seeds ==
          std::vector<std::uint64_t>{5});
    CHECK(qmlr::parse_seed_list("3,1,4") == std::vector<std::uint64_t>{3, 1, 4});
    CHECK(qmlr::read_run_options(parsed({"prog"})).seeds.empty());
    CHECK(qmlr::to_string(qmlr::Profile::standard) == "default");

    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--profile", "fast"})),
                         "--profile expects quick, default or paper, got 'fast'", qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--shard", "4/3"})),
                         "--shard K must be in 1..3, got 4", qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--shard", "2"})),
                         doctest::Contains("--shard expects K/N"), qmlr::Error);
    CHECK_THROWS_AS(qmlr::read_run_options(parsed({"prog", "--seed", "1", "--seeds", "2"})), qmlr::Error);
    CHECK_THROWS_AS(qmlr::read_run_options(parsed({"prog", "--seed", "1,2"})), qmlr::Error);
    CHECK_THROWS_AS(qmlr::parse_seed_list("1,,2"), qmlr::Error);
    qmlr::set_thread_count(2);
}

TEST_CASE("run options: without --out, a profile other than default writes to results-<profile>/") {
    CHECK(qmlr::read_run_options(parsed({"prog", "--threads", "2"})).out == "results/prog");
    CHECK(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--profile", "default"})).out == "results/prog");
    CHECK(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--profile", "quick"})).out ==
          "results-quick/prog");
    CHECK(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--profile", "paper"})).out ==
          "results-paper/prog");
    CHECK(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--profile", "quick", "--out", "mine"})).out ==
          "mine");
    CHECK(qmlr::default_out_folder(qmlr::Profile::quick, "qplr") == "results-quick/qplr");
}

TEST_CASE("run options: an empty folder option is an error, not the current folder") {
    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--out", ""})),
                         doctest::Contains("--out expects a folder, got an empty string"), qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--out="})),
                         doctest::Contains("--out expects a folder, got an empty string"), qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--data", ""})),
                         doctest::Contains("--data expects a folder, got an empty string"), qmlr::Error);
}

TEST_CASE("run options: a seed listed twice is an error naming it") {
    CHECK_THROWS_WITH_AS(qmlr::parse_seed_list("0,0"),
                         "--seeds expects distinct seeds, got seed 0 twice in '0,0'; list each seed once",
                         qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::read_run_options(parsed({"prog", "--threads", "2", "--seeds", "3,1,4,1"})),
                         doctest::Contains("got seed 1 twice"), qmlr::Error);
    CHECK(qmlr::parse_seed_list("0-3").size() == 4);  // a range cannot repeat a seed
}
