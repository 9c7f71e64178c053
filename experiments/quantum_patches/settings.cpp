#include "experiments/quantum_patches/settings.hpp"

#include "core/error.hpp"

namespace qmlr::quantum_patches {

using experiments::SettingsSchema;
using experiments::SettingType;

namespace {

// 8/255 as its shortest round-trip text, so the setting reads back as exactly 8.0 / 255.0.
constexpr const char* kEightOver255 = "0.03137254901960784";

SettingsSchema make_schema() {
    SettingsSchema s;
    s.add({.name = "datasets", .type = SettingType::text_list,
           .help = "datasets to run; cinic10 only when supplied (make data CINIC10=...), otherwise it has no runs",
           .defaults = {"mnist,cifar10,cinic10"}, .choices = {"mnist", "cifar10", "cinic10"}});
    s.add({.name = "conditions", .type = SettingType::text_list,
           .help = "training conditions (§7.4): (a) clean, (b) FGSM adversarial training, (c) quantum patches, "
                   "(d) Gaussian noise matched to the patches' mean L2 distance",
           .defaults = {"a_clean,b_fgsm_training,c_quantum_patches,d_gaussian_noise"},
           .choices = {"a_clean", "b_fgsm_training", "c_quantum_patches", "d_gaussian_noise"}});
    s.add({.name = "seeds", .type = SettingType::integer_list,
           .help = "run seeds: initial weights, shuffles, patch choice, Gaussian augmentation, PGD starts",
           .defaults = {"0", "0", "0,1,2"}, .min = 0});
    s.add({.name = "train_per_class", .type = SettingType::integer,
           .help = "training images per class, drawn with data_seed (0: the whole training split)",
           .defaults = {"100", "0", "0"}, .min = 0});
    s.add({.name = "test_per_class", .type = SettingType::integer,
           .help = "MNIST and CIFAR-10 test images per class, drawn with data_seed (0: the whole test split)",
           .defaults = {"10", "0", "0"}, .min = 0});
    s.add({.name = "cinic_test_per_class", .type = SettingType::integer,
           .help = "CINIC-10 test images per class, drawn with data_seed (0: the whole test split of 90,000)",
           .defaults = {"10", "1000", "0"}, .min = 0});
    s.add({.name = "data_seed", .type = SettingType::integer,
           .help = "seed of the per-class subsets, the same for every condition and run seed",
           .defaults = {"0"}, .min = 0});
    s.add({.name = "epochs", .type = SettingType::integer, .help = "training epochs",
           .defaults = {"2", "15", "15"}, .min = 1, .max = 1000});
    s.add({.name = "batch_size", .type = SettingType::integer,
           .help = "training batch size b (its second half, ⌈b/2⌉ … b−1, is perturbed)", .defaults = {"64"},
           .min = 1});
    s.add({.name = "learning_rate", .type = SettingType::real, .help = "Adam learning rate (constant)",
           .defaults = {"0.001"}, .min = 0});
    s.add({.name = "mnist_epsilons", .type = SettingType::real_list,
           .help = "MNIST attack budgets ε (L∞, [0,1] pixel scale); the first is the headline ε",
           .defaults = {"0.1,0.3"}, .min = 0, .max = 1});
    s.add({.name = "cifar10_epsilons", .type = SettingType::real_list,
           .help = "CIFAR-10 attack budgets ε (L∞, [0,1] pixel scale; 8/255); the first is the headline ε",
           .defaults = {kEightOver255}, .min = 0, .max = 1});
    s.add({.name = "cinic10_epsilons", .type = SettingType::real_list,
           .help = "CINIC-10 attack budgets ε (L∞, [0,1] pixel scale; 8/255); the first is the headline ε",
           .defaults = {kEightOver255}, .min = 0, .max = 1});
    s.add({.name = "mnist_training_epsilon", .type = SettingType::real,
           .help = "ε of FGSM adversarial training (b) on MNIST (L∞, [0,1] pixel scale)", .defaults = {"0.1"},
           .min = 0, .max = 1});
    s.add({.name = "cifar10_training_epsilon", .type = SettingType::real,
           .help = "ε of FGSM adversarial training (b) on CIFAR-10 (L∞, [0,1] pixel scale; 8/255)",
           .defaults = {kEightOver255}, .min = 0, .max = 1});
    s.add({.name = "cinic10_training_epsilon", .type = SettingType::real,
           .help = "ε of FGSM adversarial training (b) on CINIC-10 (L∞, [0,1] pixel scale; 8/255)",
           .defaults = {kEightOver255}, .min = 0, .max = 1});
    s.add({.name = "pgd_steps", .type = SettingType::integer, .help = "PGD iterations T (one random start)",
           .defaults = {"10"}, .min = 1});
    s.add({.name = "pgd_step_fraction", .type = SettingType::real,
           .help = "PGD step size α as a fraction of ε (α = fraction·ε)", .defaults = {"0.25"}, .min = 0});
    s.add({.name = "patch_gates", .type = SettingType::text,
           .help = "gate list of the patch filter's random layer (§5.2): PennyLane ≥ 0.29, < 0.29, or none "
                   "(encoding only)",
           .defaults = {"pennylane_0_29"}, .choices = {"pennylane_0_29", "legacy", "none"}});
    s.add({.name = "patch_encoding", .type = SettingType::text,
           .help = "encoding of a block value x in the patch filter: RX(πx), or RX(πx) then RY(πx)",
           .defaults = {"rx"}, .choices = {"rx", "rx_then_ry"}});
    s.add({.name = "preview_rows", .type = SettingType::integer,
           .help = "training images shown in each patches_preview_<dataset>.png (with their four patched copies)",
           .defaults = {"2"}, .min = 1});
    return s;
}

}  // namespace

const SettingsSchema& settings_schema() {
    static const SettingsSchema schema = make_schema();
    return schema;
}

GateList gate_list(const std::string& value) {
    if (value == "pennylane_0_29") return GateList::pennylane_0_29;
    if (value == "legacy") return GateList::legacy;
    if (value == "none") return GateList::none;
    throw Error("patch_gates: expected pennylane_0_29, legacy or none, got '" + value + "'");
}

Encoding encoding(const std::string& value) {
    if (value == "rx") return Encoding::rx;
    if (value == "rx_then_ry") return Encoding::rx_then_ry;
    throw Error("patch_encoding: expected rx or rx_then_ry, got '" + value + "'");
}

std::string epsilons_setting(const std::string& dataset) { return dataset + "_epsilons"; }
std::string training_epsilon_setting(const std::string& dataset) { return dataset + "_training_epsilon"; }
std::string test_per_class_setting(const std::string& dataset) {
    return dataset == "cinic10" ? "cinic_test_per_class" : "test_per_class";
}

}  // namespace qmlr::quantum_patches
