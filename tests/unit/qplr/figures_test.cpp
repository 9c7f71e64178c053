// QPLR's report analysis (the sensitivity study section, figures.cpp) on generated tables in the
// declared format, against the committed reference's paper cells; and the figures' presence.
#include <doctest/doctest.h>

#include <string>

#include "experiments/common/paper.hpp"
#include "experiments/qplr/figures.hpp"
#include "experiments/qplr/tables.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;

namespace {

const std::filesystem::path kSource = QMLR_SOURCE_ROOT;

// sensitivity.csv rows of one MNIST setting: unclipped M1 and M3 accuracies at the three probes
// of the paper (σ 0.3, σ 0.5, σ 0.4 + 20°), a clean σ = 0 row the paper has no cell for, and
// clipped rows that must be ignored.
std::string setting_rows(const std::string& epochs, const std::string& scaling, const double m1[3],
                         const double m3[3]) {
    const char* probes[3][2] = {{"0.3", "0"}, {"0.5", "0"}, {"0.4", "20"}};
    std::string rows;
    for (const auto& [method, values] : {std::pair{"M1", m1}, std::pair{"M3", m3}}) {
        const std::string head = std::string("mnist,") + method + "," + epochs + "," + scaling + ",pixel,";
        const std::string tail = ",0,60000,10000,accuracy,";
        rows += head + "0,0,no" + tail + "99,percent\n";
        for (int p = 0; p < 3; ++p) {
            rows += head + probes[p][0] + "," + probes[p][1] + ",no" + tail + std::to_string(values[p]) + ",percent\n";
            rows += head + probes[p][0] + "," + probes[p][1] + ",yes" + tail + "1,percent\n";
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("the QPLR sensitivity analysis finds the setting closest to the paper's one-hot student") {
    test::TempDir dir;
    // The paper (tests/reference/qplr.csv): M1 85.50, 37.68, 36.03; M3 95.76, 70.13, 76.57.
    const double protocol_m1[3] = {95, 80, 70}, protocol_m3[3] = {97, 90, 85};
    const double close_m1[3] = {86.5, 38.68, 37.03}, close_m3[3] = {96, 72, 78};
    test::write_file(dir / "sensitivity.csv",
                     "dataset,method,student_epochs,input_scaling,noise_space,sigma,rotation,clipped,seed,train_size,"
                     "test_size,metric,value,unit\n" +
                         setting_rows("20", "raw", protocol_m1, protocol_m3) +
                         setting_rows("5", "mean_std", close_m1, close_m3));
    test::write_file(dir / "robustness.csv",
                     "dataset,method,sigma,rotation,clipped,seed,train_size,test_size,student_epochs,metric,value,unit\n"
                     "mnist,M1,0,0,no,0,60000,10000,20,accuracy,99,percent\n");
    const experiments::ReferenceTable reference(kSource / "tests/reference/qplr.csv");
    const experiments::ResultsFolder results(qplr::table_schemas(), dir.path());
    const std::string text = qplr::analysis({results, reference, "default"});

    CHECK(text.find("#### MNIST") != std::string::npos);
    CHECK(text.find("| M1 σ 0.3 | M1 σ 0.5 | M1 σ 0.4 + 20° | M3 σ 0.3 | M3 σ 0.5 | M3 σ 0.4 + 20° |") !=
          std::string::npos);
    CHECK(text.find("σ 0.0") == std::string::npos);  // the paper has no σ = 0 cell on MNIST
    CHECK(text.find("| paper | not stated | not stated | 85.5 | 37.7 | 36.0 | 95.8 | 70.1 | 76.6 | — | 27.8 |") !=
          std::string::npos);
    // Sorted by scaling: the protocol's row first, marked; means over the probes.
    CHECK(text.find("| **20** (protocol) | raw | pixel | 95.0 | 80.0 | 70.0 | 97.0 | 90.0 | 85.0 | 28.6 | 9.0 |") !=
          std::string::npos);
    CHECK(text.find("| 5 | mean_std | pixel | 86.5 | 38.7 | 37.0 | 96.0 | 72.0 | 78.0 | 1.0 | 27.9 |") !=
          std::string::npos);
    CHECK(text.find("matched best by 5 epochs, mean_std inputs, noise in pixel space: its M1 lies 1.0 pp from the "
                    "paper's on average, against 28.6 pp for the protocol's setting") != std::string::npos);
    CHECK(text.find("averages 27.9 pp (paper: 27.8 pp; protocol: 9.0 pp)") != std::string::npos);
    CHECK(text.find("in 2 of 2 settings") != std::string::npos);

    // One accuracy figure (MNIST without rotation: the only panel with rows); no reliability table.
    const auto figures = qplr::figures({results, reference, "default"});
    REQUIRE(figures.size() == 1);
    CHECK(figures[0].file == "qplr_accuracy_mnist.svg");
    CHECK(figures[0].svg.find("series: M1 (paper)") != std::string::npos);
}

TEST_CASE("the QPLR analysis and figures are empty without the study's results") {
    test::TempDir dir;
    const experiments::ReferenceTable reference(kSource / "tests/reference/qplr.csv");
    const experiments::ResultsFolder results(qplr::table_schemas(), dir.path());
    CHECK(qplr::analysis({results, reference, "default"}).empty());
    CHECK(qplr::figures({results, reference, "default"}).empty());
}
