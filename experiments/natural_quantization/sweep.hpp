#pragma once
// The sweeps of docs/natural_quantization.md §8.5 as a list of runs, one per (configuration, seed),
// in a fixed order, with the sizes of each profile, and the per-run table they write.
//   model1_a_sweep   Model 1 (g = π/2) over the a-grid
//   model2_g_sweep   Model 2 over g = kπ/40 at a = 0
//   classical        the sign network (must equal Model 1 at a = 0 bit for bit, check E1)
#include <cstdint>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/run_options.hpp"
#include "experiments/common/run_store.hpp"
#include "experiments/natural_quantization/network.hpp"
#include "experiments/natural_quantization/training.hpp"

namespace qmlr::natural_quantization {

enum class Experiment { model1_a_sweep, model2_g_sweep, classical };
// Also the name of the merged table: results/natural_quantization/<name>.csv.
std::string to_string(Experiment experiment);
inline constexpr Experiment kExperiments[] = {Experiment::model1_a_sweep, Experiment::model2_g_sweep,
                                              Experiment::classical};

struct ProfileSizes {
    int train_images = 5000;        // the first images of the MNIST training file
    int validation_images = 10000;  // the first images of the MNIST test file
    TrainingPlan plan;
    std::vector<double> a_grid;
    std::vector<int> g_steps;       // k of g = kπ/40
    std::vector<std::uint64_t> seeds;
};
ProfileSizes profile_sizes(Profile profile);

struct SweepRun {
    Experiment experiment;
    NetworkSpec spec;
    TrainingPlan plan;  // the profile's, with 1 validation shot for the deterministic sign network
    int g_step;  // k of g = kπ/40 for the weak layers (20 = projective)
    std::uint64_t seed;
    experiments::RunId id;
};

// Every run of the three experiments for `seeds`, in table order; the config hash of each covers
// everything that determines its rows.
std::vector<SweepRun> sweep_runs(const ProfileSizes& sizes);

// The run's rows: per epoch train_loss and train_error, and at validation epochs
// validation_vote_error and validation_single_pass_error, under the columns of table_columns().
std::vector<std::string> table_columns();
void add_run_rows(CsvWriter& table, const SweepRun& run, const std::vector<EpochRecord>& records);

}  // namespace qmlr::natural_quantization
