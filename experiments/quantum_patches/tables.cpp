#include "experiments/quantum_patches/tables.hpp"

#include "core/error.hpp"
#include "data_loaders/datasets.hpp"

namespace qmlr::quantum_patches {

using experiments::Column;
using experiments::ColumnType;
using experiments::TableSchema;

namespace {

Column dataset_column() {
    return {"dataset", ColumnType::text, "dataset key", {"mnist", "cifar10", "cinic10"}};
}

std::vector<TableSchema> make_tables() {
    TableSchema asr{
        .name = kAsrTable,
        .help = "white-box FGSM and PGD against every trained model (docs/quantum_patches.md §7.5–7.6)",
        .keys = {dataset_column(),
                 {"condition", ColumnType::text, "training condition (§7.4)",
                  {"a_clean", "b_fgsm_training", "c_quantum_patches", "d_gaussian_noise"}},
                 {"seed", ColumnType::integer, "run seed", {}},
                 {"attack", ColumnType::text, "none for the clean measurements", {"none", "fgsm", "pgd"}},
                 {"epsilon", ColumnType::real, "L∞ budget on the [0,1] pixel scale (0 for attack none)", {}}},
        .metrics = {{"clean_accuracy", "percent", "accuracy on the clean test images"},
                    {"adversarial_accuracy", "percent", "accuracy on the attacked test images"},
                    {"asr", "percent", "primary ASR: share of the clean-correct images whose prediction the attack changes"},
                    {"asr_all", "percent", "100 − adversarial accuracy"},
                    {"test_images", "count", "test images evaluated"}}};
    TableSchema patches{
        .name = kPatchesTable,
        .help = "the quantum patches of each training set and the matched noise level (§7.2, §7.4)",
        .keys = {dataset_column(),
                 {"map", ColumnType::text, "patched copy c, or all", {"all", "0", "1", "2", "3"}}},
        .metrics = {{"mean_l2_distance", "l2", "d̄: mean ‖x − x^(c)‖₂ over the training images and the four copies"},
                    {"kappa_D", "1", "E‖N(0, I_D)‖₂, D = C·H·W"},
                    {"sigma_d", "1", "σ_d = d̄ / κ_D, the per-value standard deviation of condition (d)"},
                    {"measured_noise_l2", "l2", "mean ‖σ_d·n‖₂ of the noise drawn in epoch 0 of seed 0 (check G1)"},
                    {"mask_mean", "1", "mean value of mask c over all images and positions"}}};
    TableSchema datasets{
        .name = kDatasetsTable,
        .help = "the datasets that were run and their data source; an absent dataset (CINIC-10 not supplied) "
                "has no row",
        .keys = {dataset_column(),
                 {"source", ColumnType::text, "the data source's label (docs/conventions.md §6)",
                  {data::kMnistName, data::kCifar10Name, data::kCifar10JpegName, data::kCinic10Name}}},
        .metrics = {{"train_images", "count", "training images (after the per-class subset)"}}};
    return {asr, patches, datasets};
}

}  // namespace

const std::vector<TableSchema>& table_schemas() {
    static const std::vector<TableSchema> tables = make_tables();
    return tables;
}

std::size_t full_training_size(const std::string& dataset) {
    if (dataset == "mnist") return 60000;
    if (dataset == "cifar10") return 50000;
    if (dataset == "cinic10") return 90000;
    throw Error("unknown dataset '" + dataset + "': expected mnist, cifar10 or cinic10");
}

}  // namespace qmlr::quantum_patches
