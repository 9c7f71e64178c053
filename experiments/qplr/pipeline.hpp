#pragma once
// The stages of `qplr` for one dataset and seed, each a stored run (experiments/common/
// run_store.hpp) that is skipped when its CSV exists for the same configuration hash:
//   teacher-<d>-s<seed>            teacher training, exact and shot test accuracy, the shot and
//                                  exact soft labels of every training image (runs/*.labels.bin)
//                                  and the confident subsets         -> teacher.csv, labels.csv
//   student-<d>-s<seed>-<method>   one student trained and evaluated on every condition and
//                                  attack           -> robustness.csv, calibration.csv, attacks.csv
// The sensitivity study (sensitivity.hpp) reuses the teacher's labels of the first seed.
#include <filesystem>
#include <string>
#include <vector>

#include "core/run_options.hpp"
#include "experiments/common/run_metadata.hpp"
#include "experiments/common/run_store.hpp"
#include "experiments/qplr/settings.hpp"

namespace qmlr::qplr {

// The runs of each output table, in the order they are merged.
struct TableRuns {
    std::vector<experiments::RunId> teacher, labels, robustness, calibration, reliability, attacks, sensitivity;
};

// The training and test data of one dataset at the profile's sizes.
struct DatasetData {
    const DatasetSettings* settings = nullptr;
    Tensor train_images;            // (N,1,28,28) in [0,1]
    std::vector<int> train_labels;
    Tensor test_images;
    std::vector<int> test_labels;
};

DatasetData load_dataset_data(const Settings& settings, const DatasetSettings& dataset,
                              const std::filesystem::path& data_dir);

struct TeacherLabels {
    experiments::ConfigHash config;  // the teacher run's hash (students depend on it)
    Tensor shot, exact;              // (N,10) soft labels
};

struct StageContext {
    const Settings& settings;
    const experiments::RunStore& store;
    experiments::ProgramMeta& meta;
    TableRuns& tables;
    bool compute = true;  // false: only register the runs (another shard computes them)
};

// Runs (or reuses) the teacher stage; without `compute` only registers it and returns no labels.
TeacherLabels teacher_stage(StageContext& context, const DatasetData& data, std::uint64_t seed);

// The student methods of a dataset: M1 M2 M3 M4 M3e M4e (+ BNN RS where the dataset has them).
std::vector<std::string> student_methods(const DatasetSettings& dataset);

// Runs (or reuses) every student stage of the dataset and seed.
void student_stages(StageContext& context, const DatasetData& data, std::uint64_t seed,
                    const TeacherLabels& teacher);

// The targets and training subset of a method from the teacher's labels.
struct MethodTargets {
    Tensor targets;
    std::vector<std::size_t> subset;  // the training images it trains on
};
MethodTargets method_targets(const std::string& method, const Settings& settings,
                             const DatasetData& data, const TeacherLabels& teacher, std::uint64_t seed);
// The shuffle subindex of a method (its position in the full method list).
std::uint32_t method_index(const std::string& method);

// The merged tables in <out>/.
void merge_tables(const experiments::RunStore& store, const TableRuns& tables,
                  const std::filesystem::path& out);

}  // namespace qmlr::qplr
