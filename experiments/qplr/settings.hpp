#pragma once
// Every size and hyperparameter of a `qplr` run, per profile (docs/qplr.md §7.8):
//   quick    a tiny run for the smoke test: 2,000 training / 500 test images, at most 5
//            teacher epochs, 5 student epochs, one seed; numbers are never compared with the paper
//   default  the protocol's sizes (60k / 10k, teacher 5 or 25 epochs, students 20 epochs),
//            seeds 0–2, attacks on the first 2,000 test images, sensitivity study on seed 0
//   paper    the same sizes with one seed and attacks on all 10,000 test images
#include <cstdint>
#include <string>
#include <vector>

#include "core/run_options.hpp"
#include "experiments/qplr/evaluation.hpp"

namespace qmlr::qplr {

struct DatasetSettings {
    std::string name;  // "MNIST", "Fashion-MNIST"
    std::string key;   // file-name part: "mnist", "fashion"
    int teacher_layers = 3;
    int teacher_epochs = 5;
    std::size_t teacher_batch = 64;
    double paper_teacher_accuracy = 0.0;  // %, the paper's quoted value
    std::vector<double> sigmas;           // evaluation grid
    std::vector<double> rotations;        // 0 and the rotated variants
    bool baselines = false;               // BNN and RS (MNIST only)
    double pixel_mean = 0.0, pixel_std = 1.0;  // the mean-std input scaling of the sensitivity study
    std::vector<Condition> sensitivity_conditions;
};

struct Settings {
    Profile profile = Profile::standard;
    std::size_t train_per_class = 0;  // 0: the whole training set
    std::size_t test_per_class = 0;   // 0: the whole test set
    int teacher_epochs_cap = 0;       // > 0: at most this many teacher epochs (quick)
    int student_epochs = 20;
    std::size_t student_batch = 64;
    double student_learning_rate = 1e-4;
    int shots = 1000;
    double confidence = 0.9;
    double smoothing = 0.1;
    int baseline_passes = 20;
    AttackSettings attacks;
    std::vector<int> sensitivity_epochs;  // empty: no sensitivity study
    std::vector<std::uint64_t> seeds;
    std::vector<DatasetSettings> datasets;

    int teacher_epochs(const DatasetSettings& d) const {
        return teacher_epochs_cap > 0 ? std::min(teacher_epochs_cap, d.teacher_epochs) : d.teacher_epochs;
    }
};

Settings settings_for(Profile profile);

// The settings as JSON for the program's meta file.
std::string settings_json(const Settings& settings);

}  // namespace qmlr::qplr
