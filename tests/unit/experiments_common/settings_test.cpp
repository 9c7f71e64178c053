#include <doctest/doctest.h>

#include <cstdlib>

#include "core/error.hpp"
#include "core/simd_level.hpp"
#include "experiments/common/run_key.hpp"
#include "experiments/common/settings.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

const SettingsSchema& schema() {
    static const SettingsSchema s = [] {
        SettingsSchema s;
        s.add({.name = "epochs", .type = SettingType::integer, .help = "training epochs",
               .defaults = {"2", "20", "100"}, .min = 1, .max = 1000});
        s.add({.name = "sigmas", .type = SettingType::real_list, .help = "noise levels", .defaults = "0,0.1,0.2",
               .min = 0, .max = 1});
        s.add({.name = "squash", .type = SettingType::text, .help = "squashing", .defaults = "tanh",
               .choices = {"tanh", "hard_tanh"}});
        s.add({.name = "seeds", .type = SettingType::integer_list, .help = "seeds", .defaults = {"0", "0-2", "0"},
               .min = 0});
        return s;
    }();
    return s;
}

}  // namespace

TEST_CASE("settings: profile defaults, typed reads and canonical values") {
    const Settings quick(schema(), Profile::quick), standard(schema(), Profile::standard);
    CHECK(quick.integer("epochs") == 2);
    CHECK(standard.integer("epochs") == 20);
    CHECK(standard.integers("seeds") == std::vector<std::int64_t>{0, 1, 2});
    CHECK(standard.canonical("seeds") == "0,1,2");
    CHECK(standard.reals("sigmas") == std::vector<double>{0, 0.1, 0.2});
    Settings s(schema(), Profile::standard);
    s.apply({"sigmas", " 0.10 , 0.5 ", "--set"});
    CHECK(s.canonical("sigmas") == "0.1,0.5");
    CHECK_THROWS_WITH_AS(s.integer("sigmas"), doctest::Contains("list of numbers"), Error);
}

TEST_CASE("settings: unknown names and bad values are errors naming the setting, origin and what it accepts") {
    Settings s(schema(), Profile::standard);
    CHECK_THROWS_WITH_AS(s.apply({"epoch", "3", "--set"}), doctest::Contains("unknown setting 'epoch'"), Error);
    CHECK_THROWS_WITH_AS(s.apply({"epochs", "0", "cfg.txt:3"}),
                         doctest::Contains("cfg.txt:3: setting epochs = '0'"), Error);
    CHECK_THROWS_WITH_AS(s.apply({"epochs", "2.5", "--set"}), doctest::Contains("integer in [1, 1000]"), Error);
    CHECK_THROWS_WITH_AS(s.apply({"squash", "relu", "--set"}), doctest::Contains("one of {tanh, hard_tanh}"), Error);
    CHECK_THROWS_WITH_AS(s.apply({"sigmas", "0.1,0.1", "--set"}), doctest::Contains("listed twice"), Error);
    CHECK_THROWS_WITH_AS(s.apply({"sigmas", "", "--set"}), doctest::Contains("the list is empty"), Error);
    CHECK_THROWS_WITH_AS(parse_assignment("epochs 3", "--set"), doctest::Contains("expected name = value"), Error);
}

TEST_CASE("settings: --print-config text read back with --config resolves to the same settings") {
    test::TempDir dir;
    const Settings original = resolve_settings(schema(), Profile::standard,
                                               {{"profile", "quick", "--set"}, {"sigmas", "0.3", "--set"}});
    CHECK(original.profile() == Profile::quick);
    CHECK(original.integer("epochs") == 2);
    test::write_file(dir / "config.txt", original.config_text());
    // Read back under another --profile option: the file's profile line wins, every value matches.
    const Settings again = resolve_settings(schema(), Profile::paper, read_config_file(dir / "config.txt"));
    CHECK(again.profile() == Profile::quick);
    for (const SettingSpec& spec : schema().specs()) CHECK(again.canonical(spec.name) == original.canonical(spec.name));
    CHECK(again.config_text() == original.config_text());
}

TEST_CASE("run keys: every setting read through KeyedSettings enters the key") {
    Settings s(schema(), Profile::standard);
    const auto key_of = [](const Settings& settings) {
        RunKey key = RunKey::bare("train");
        KeyedSettings read(settings, key);
        read.integer("epochs");
        read.text("squash");
        return key;
    };
    const RunKey before = key_of(s);
    CHECK(before.text() == "stage=train;epochs=20;squash=tanh;");
    s.apply({"sigmas", "0.4", "--set"});  // not read by this stage: same key
    CHECK(key_of(s).hex() == before.hex());
    s.apply({"epochs", "21", "--set"});
    CHECK(key_of(s).hex() != before.hex());
    // FNV-1a 64 of "stage=train;" is fixed (the offset basis is that of the empty input).
    CHECK(RunKey::bare("train").hex() == RunKey::bare("train").hex());
}

TEST_CASE("run keys: the SIMD level in use is part of every key") {
    const char* before = std::getenv("QML_SIMD");
    const std::string saved = before != nullptr ? before : "";
    setenv("QML_SIMD", "scalar", 1);
    const RunKey scalar("train", 1);
    CHECK(scalar.text() == "stage=train;format=1;simd=scalar;");
    if (cpu_has_avx2_fma()) {
        setenv("QML_SIMD", "avx2", 1);
        CHECK(RunKey("train", 1).hex() != scalar.hex());
    }
    if (before != nullptr) setenv("QML_SIMD", saved.c_str(), 1); else unsetenv("QML_SIMD");
}
