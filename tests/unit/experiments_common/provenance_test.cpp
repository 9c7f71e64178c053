#include <doctest/doctest.h>

#include "core/error.hpp"
#include "experiments/common/provenance.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

TEST_CASE("provenance: the default profile refuses a dirty build unless --allow-dirty") {
    const std::string& revision = build_revision();
    CHECK(!revision.empty());
    CHECK(build_is_dirty() == (revision == "unknown" || revision.ends_with("-dirty")));
    CHECK_NOTHROW(require_clean_build(Profile::quick, false, "toy"));
    CHECK_NOTHROW(require_clean_build(Profile::standard, true, "toy"));
    if (build_is_dirty())
        CHECK_THROWS_WITH_AS(require_clean_build(Profile::standard, false, "toy"), doctest::Contains("--allow-dirty"),
                             Error);
    else
        CHECK_NOTHROW(require_clean_build(Profile::standard, false, "toy"));
}
