#include "experiments/qplr/settings.hpp"

#include <limits>

namespace qmlr::qplr {

namespace {

using experiments::ProfileDefaults;
using experiments::SettingSpec;
using experiments::SettingsSchema;
using experiments::SettingType;

// The per-dataset values (docs/qplr.md §7.1, §7.4, §7.9): the same in every profile.
struct DatasetDefaults {
    const char* key;
    const char* title;
    const char* teacher_layers;
    const char* teacher_epochs;
    const char* teacher_batch;
    const char* sigmas;
    const char* rotations;
    const char* baselines;
    const char* pixel_mean;
    const char* pixel_std;
    const char* sensitivity_probes;
};

const DatasetDefaults kDatasets[] = {
    {"mnist", "MNIST", "3", "5", "64", "0,0.1,0.2,0.3,0.4,0.5", "0,20", "yes",
     "0.1307", "0.3081",  // torchvision's MNIST normalisation
     "0,0.3,0.5,0.4+20"},
    {"fashion_mnist", "Fashion-MNIST", "2", "25", "32", "0,0.1,0.2,0.3", "0", "no",
     "0.286", "0.353",  // the Fashion-MNIST training-set mean and std (docs/qplr.md §6)
     "0,0.3,0.5"},
};

SettingSpec integer(std::string name, ProfileDefaults defaults, double min, std::string help) {
    SettingSpec spec{.name = std::move(name), .type = SettingType::integer, .help = std::move(help),
                     .defaults = std::move(defaults)};
    spec.min = min;
    return spec;
}

SettingSpec real(std::string name, ProfileDefaults defaults, double min, double max, std::string help) {
    SettingSpec spec{.name = std::move(name), .type = SettingType::real, .help = std::move(help),
                     .defaults = std::move(defaults)};
    spec.min = min;
    spec.max = max;
    return spec;
}

SettingSpec list(std::string name, SettingType type, ProfileDefaults defaults, double min, double max,
                 std::string help, bool allow_empty = false) {
    SettingSpec spec{.name = std::move(name), .type = type, .help = std::move(help), .defaults = std::move(defaults)};
    spec.min = min;
    spec.max = max;
    spec.allow_empty = allow_empty;
    return spec;
}

SettingSpec choice(std::string name, ProfileDefaults defaults, std::vector<std::string> choices, std::string help,
                   SettingType type = SettingType::text) {
    SettingSpec spec{.name = std::move(name), .type = type, .help = std::move(help), .defaults = std::move(defaults)};
    spec.choices = std::move(choices);
    return spec;
}

SettingsSchema make_schema() {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    SettingsSchema s;
    s.add(list("seeds", SettingType::integer_list, {"0", "0,1,2", "0"}, 0, kInf,
               "seeds run; one seed drives a dataset's whole chain (teacher, labels, students, noise, attacks)"));
    s.add(choice("datasets", "mnist,fashion_mnist", {"mnist", "fashion_mnist"}, "datasets run, in this order",
                 SettingType::text_list));
    s.add(integer("train_per_class", {"200", "0", "0"}, 0,
                  "training images per class (a seeded per-class subset); 0 = the whole training set"));
    s.add(integer("test_per_class", {"50", "0", "0"}, 0,
                  "test images per class (a seeded per-class subset); 0 = the whole test set"));
    s.add(integer("teacher_epochs_cap", {"5", "0", "0"}, 0,
                  "at most this many teacher epochs (caps <dataset>_teacher_epochs); 0 = no cap"));
    s.add(real("teacher_learning_rate", "0.001", 0, kInf, "teacher Adam learning rate in the first epochs"));
    s.add(integer("teacher_decay_after_epochs", "3", 0,
                  "the teacher's learning rate drops tenfold after this many epochs"));
    s.add(integer("shots", "1000", 1, "shots per training (and test) image for the shot soft labels"));
    s.add(real("confidence", "0.9", 0, 1, "M4's confident subset: largest soft-label probability >= this"));
    s.add(integer("student_epochs", {"5", "20", "20"}, 1, "student training epochs (every method)"));
    s.add(integer("student_batch", "64", 1, "student batch size (images)"));
    s.add(real("student_learning_rate", "0.0001", 0, kInf, "student Adam learning rate (constant)"));
    s.add(real("label_smoothing", "0.1", 0, 1, "M2's ε: 1 − ε on the true class, ε/9 on each other"));
    s.add(integer("baseline_passes", {"4", "20", "20"}, 1,
                  "BNN forward passes with dropout / RS noisy copies averaged per training image"));
    s.add(real("bnn_dropout", "0.5", 0, 1, "BNN's dropout rate on the input of each Linear layer"));
    s.add(real("rs_noise_sigma", "0.05", 0, kInf, "RS's Gaussian noise std (pixel scale), training and labels"));
    s.add(list("attack_epsilons", SettingType::real_list, "0.05,0.1,0.2", 0, 1,
               "L∞ budgets of FGSM and PGD ([0,1] pixel scale)"));
    s.add(integer("pgd_steps", {"5", "20", "20"}, 1, "PGD iterations"));
    s.add(real("pgd_step_fraction", "0.125", 0, kInf, "PGD step size α as a fraction of ε (α = fraction·ε)"));
    s.add(integer("attack_images", {"100", "2000", "0"}, 0, "the first this many test images are attacked; 0 = all"));
    s.add(list("sensitivity_epochs", SettingType::integer_list, {"1,2", "5,20,60", "5,20,60"}, 1, kInf,
               "student epoch counts of the sensitivity study (on the first seed); empty = no study", true));
    for (const DatasetDefaults& d : kDatasets) {
        const std::string k = d.key;
        const std::string on = std::string(" (") + d.title + ")";
        s.add(integer(k + "_teacher_layers", d.teacher_layers, 1, "RY + CZ-ring layers of the teacher circuit" + on));
        s.add(integer(k + "_teacher_epochs", d.teacher_epochs, 1, "teacher training epochs" + on));
        s.add(integer(k + "_teacher_batch", d.teacher_batch, 1, "teacher batch size (images)" + on));
        s.add(list(k + "_sigmas", SettingType::real_list, d.sigmas, 0, kInf,
                   "Gaussian noise σ of the evaluation grid (pixel scale)" + on));
        s.add(list(k + "_rotations", SettingType::real_list, d.rotations, -360, 360,
                   "rotations of the evaluation grid (degrees; 0 = none)" + on));
        s.add(choice(k + "_baselines", d.baselines, {"yes", "no"}, "whether the BNN and RS students run" + on));
        s.add(real(k + "_pixel_mean", d.pixel_mean, -kInf, kInf, "pixel mean of the sensitivity study's mean_std scaling" + on));
        s.add(real(k + "_pixel_std", d.pixel_std, 1e-6, kInf, "pixel std of the sensitivity study's mean_std scaling" + on));
        SettingSpec probes{.name = k + "_sensitivity_probes", .type = SettingType::text_list,
                           .help = "the sensitivity study's probes: σ, or σ+rotation in degrees (e.g. 0.4+20)" + on,
                           .defaults = d.sensitivity_probes};
        s.add(std::move(probes));
    }
    return s;
}

}  // namespace

const experiments::SettingsSchema& settings_schema() {
    static const SettingsSchema schema = make_schema();
    return schema;
}

const std::vector<std::string>& dataset_keys() {
    static const std::vector<std::string> keys{"mnist", "fashion_mnist"};
    return keys;
}

std::string dataset_setting(std::string_view dataset, std::string_view name) {
    return std::string(dataset) + "_" + std::string(name);
}

}  // namespace qmlr::qplr
