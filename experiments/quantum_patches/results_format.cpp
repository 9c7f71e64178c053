#include "experiments/quantum_patches/results_format.hpp"

#include "core/csv.hpp"
#include "experiments/quantum_patches/profile.hpp"

namespace qmlr::quantum_patches {

namespace {

constexpr const char* kExperiment = "asr";
constexpr const char* kPatchesExperiment = "patches";

}  // namespace

std::vector<std::string> asr_columns() {
    return {"paper", "experiment", "dataset_key", "dataset", "condition", "seed", "attack", "epsilon",
            "metric", "value", "n_train", "n_test", "epochs", "profile", "status"};
}

std::vector<std::string> asr_row(const AsrRowContext& context, const std::string& condition, const std::string& seed,
                                 const Measurement& m) {
    return {kPaperName,
            kExperiment,
            context.dataset_key,
            context.dataset_label,
            condition,
            seed,
            m.attack,
            format_number(m.epsilon),
            m.metric,
            format_number(m.value),
            std::to_string(context.n_train),
            std::to_string(context.n_test),
            std::to_string(context.epochs),
            context.profile,
            kStatusOk};
}

std::vector<std::string> not_available_row(const std::string& dataset_key, const std::string& condition,
                                           const std::string& profile) {
    return {kPaperName, kExperiment, dataset_key, "CINIC-10", condition, "", "", "", "", "", "", "", "", profile,
            kNotAvailable};
}

std::array<double, kPatchMaps> mask_means(const PatchMasks& masks) {
    std::array<double, kPatchMaps> means{};
    for (std::size_t i = 0; i < masks.images; ++i)
        for (int c = 0; c < kPatchMaps; ++c) {
            const float* m = masks.mask(i, c);
            for (std::size_t k = 0; k < masks.map_size(); ++k) means[static_cast<std::size_t>(c)] += m[k];
        }
    for (double& mean : means) mean /= static_cast<double>(masks.images * masks.map_size());
    return means;
}

std::vector<std::string> patches_columns() {
    return {"paper", "experiment", "dataset_key", "dataset", "map", "metric", "value", "n_train", "profile", "status"};
}

std::vector<std::vector<std::string>> patches_rows(const AsrRowContext& context, const PatchStatistics& s) {
    auto row = [&](const std::string& map, const std::string& metric, double value) {
        return std::vector<std::string>{kPaperName, kPatchesExperiment, context.dataset_key, context.dataset_label,
                                        map, metric, format_number(value), std::to_string(context.n_train),
                                        context.profile, kStatusOk};
    };
    std::vector<std::vector<std::string>> rows = {
        row("all", "mean_l2_distance", s.mean_distance), row("all", "kappa_D", s.kappa),
        row("all", "sigma_d", s.sigma), row("all", "measured_noise_l2", s.measured_noise_distance)};
    for (int c = 0; c < kPatchMaps; ++c)
        rows.push_back(row(std::to_string(c), "mask_mean", s.map_means[static_cast<std::size_t>(c)]));
    return rows;
}

}  // namespace qmlr::quantum_patches
