#include "experiments/qplr/sensitivity.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace qmlr::qplr {

namespace {

bool parse_number(std::string_view text, double& value) {
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && result.ec == std::errc() && result.ptr == text.data() + text.size() && std::isfinite(value);
}

}  // namespace

std::vector<Condition> parse_probes(const std::vector<std::string>& items, const std::string& setting) {
    std::vector<Condition> probes;
    for (const std::string& item : items) {
        const std::size_t plus = item.find('+');
        Condition probe;
        const bool parsed = parse_number(std::string_view(item).substr(0, plus), probe.sigma) && probe.sigma >= 0 &&
                            (plus == std::string::npos ||
                             parse_number(std::string_view(item).substr(plus + 1), probe.rotation_degrees));
        if (!parsed)
            throw Error("setting " + setting + ": '" + item + "' is not a probe; it accepts σ >= 0 or σ+rotation in "
                        "degrees, comma-separated (e.g. 0,0.3,0.4+20)");
        probes.push_back(probe);
    }
    return probes;
}

std::vector<SensitivityResult> sensitivity_study(nn::Model& model, const Tensor& images, const Tensor& targets,
                                                 std::span<const std::size_t> subset, const EvaluationSet& test,
                                                 const SensitivityStudy& study) {
    require(!study.epochs.empty(), "sensitivity_study: no epoch counts to evaluate");
    StudentTraining training = study.training;
    training.epochs = *std::max_element(study.epochs.begin(), study.epochs.end());
    const InputScaling& scaling = training.scaling;
    std::vector<SensitivityResult> results;
    training.after_epoch = [&](int epoch, nn::Model& trained) {
        if (study.on_epoch) study.on_epoch();
        if (std::find(study.epochs.begin(), study.epochs.end(), epoch) == study.epochs.end()) return;
        for (const bool input_space : {false, true}) {
            if (input_space && scaling.scale == 1.0) continue;  // the same as pixel space
            for (Condition condition : study.probes)
                for (const bool clipped : {false, true}) {
                    condition.clipped = clipped;
                    const auto values = evaluate_condition(trained, scaling, test, condition, input_space);
                    results.push_back({epoch, input_space, condition, values.front().value});
                }
        }
    };
    train_student(model, images, targets, subset, training);
    return results;
}

}  // namespace qmlr::qplr
