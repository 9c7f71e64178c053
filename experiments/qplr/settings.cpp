#include "experiments/qplr/settings.hpp"

#include "experiments/common/json_object.hpp"

namespace qmlr::qplr {

namespace {

DatasetSettings mnist() {
    DatasetSettings d;
    d.name = "MNIST";
    d.key = "mnist";
    d.teacher_layers = 3;
    d.teacher_epochs = 5;
    d.teacher_batch = 64;
    d.paper_teacher_accuracy = 97.0;
    d.sigmas = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5};
    d.rotations = {0.0, 20.0};
    d.baselines = true;
    d.pixel_mean = 0.1307;  // torchvision's MNIST normalisation
    d.pixel_std = 0.3081;
    d.sensitivity_conditions = {{0.0, 0.0, false}, {0.3, 0.0, false}, {0.5, 0.0, false}, {0.4, 20.0, false}};
    return d;
}

DatasetSettings fashion_mnist() {
    DatasetSettings d;
    d.name = "Fashion-MNIST";
    d.key = "fashion";
    d.teacher_layers = 2;
    d.teacher_epochs = 25;
    d.teacher_batch = 32;
    d.paper_teacher_accuracy = 88.93;
    d.sigmas = {0.0, 0.1, 0.2, 0.3};
    d.rotations = {0.0};
    d.baselines = false;
    d.pixel_mean = 0.2860;  // the Fashion-MNIST training-set mean and std (docs/qplr.md §6)
    d.pixel_std = 0.3530;
    d.sensitivity_conditions = {{0.0, 0.0, false}, {0.3, 0.0, false}, {0.5, 0.0, false}};
    return d;
}

}  // namespace

Settings settings_for(Profile profile) {
    Settings s;
    s.profile = profile;
    s.datasets = {mnist(), fashion_mnist()};
    switch (profile) {
        case Profile::quick:
            s.train_per_class = 200;
            s.test_per_class = 50;
            s.teacher_epochs_cap = 5;
            s.student_epochs = 5;
            s.baseline_passes = 4;
            s.attacks.images = 100;
            s.attacks.pgd_steps = 5;
            s.sensitivity_epochs = {1, 2};
            s.seeds = {0};
            break;
        case Profile::standard:
            s.attacks.images = 2000;
            s.sensitivity_epochs = {5, 20, 60};
            s.seeds = {0, 1, 2};
            break;
        case Profile::paper:
            s.sensitivity_epochs = {5, 20, 60};
            s.seeds = {0};
            break;
    }
    return s;
}

std::string settings_json(const Settings& s) {
    experiments::JsonObject json;
    json.add_string("profile", to_string(s.profile))
        .add_integer("train_per_class", static_cast<std::int64_t>(s.train_per_class))
        .add_integer("test_per_class", static_cast<std::int64_t>(s.test_per_class))
        .add_integer("teacher_epochs_cap", s.teacher_epochs_cap)
        .add_integer("student_epochs", s.student_epochs)
        .add_integer("student_batch", static_cast<std::int64_t>(s.student_batch))
        .add_number("student_learning_rate", s.student_learning_rate)
        .add_integer("shots", s.shots)
        .add_number("confidence", s.confidence)
        .add_number("label_smoothing", s.smoothing)
        .add_integer("baseline_passes", s.baseline_passes)
        .add_integer("attack_images", static_cast<std::int64_t>(s.attacks.images))
        .add_integer("pgd_steps", s.attacks.pgd_steps);
    std::vector<std::string> epochs;
    for (int e : s.sensitivity_epochs) epochs.push_back(std::to_string(e));
    json.add_raw("sensitivity_epochs", experiments::json_array(epochs));
    return json.str();
}

}  // namespace qmlr::qplr
