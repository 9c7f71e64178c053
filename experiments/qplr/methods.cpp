#include "experiments/qplr/methods.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "experiments/qplr/baselines.hpp"

namespace qmlr::qplr {

const std::vector<std::string>& all_student_methods() {
    static const std::vector<std::string> methods{"M1", "M2", "M3", "M4", "M3e", "M4e", "BNN", "RS"};
    return methods;
}

std::vector<std::string> student_methods(bool baselines) {
    std::vector<std::string> methods{"M1", "M2", "M3", "M4", "M3e", "M4e"};
    if (baselines) methods.insert(methods.end(), {"BNN", "RS"});
    return methods;
}

std::uint32_t method_index(const std::string& method) {
    static const std::vector<std::string> all{"M1", "M2", "M3", "M4", "M3e", "M4e", "BNN", "RS", "BNN-aux", "RS-aux"};
    const auto it = std::find(all.begin(), all.end(), method);
    require(it != all.end(), "unknown QPLR method '" + method + "'");
    return static_cast<std::uint32_t>(it - all.begin());
}

bool uses_teacher_labels(const std::string& method) {
    return method == "M3" || method == "M4" || method == "M3e" || method == "M4e";
}

StudentTraining for_method(StudentTraining base, const std::string& method) {
    base.method = method_index(method);
    return base;
}

MethodTargets method_targets(const std::string& method, const TargetOptions& options, const Tensor& train_images,
                             std::span<const int> train_labels, const SoftLabels* teacher) {
    require(uses_teacher_labels(method) == (teacher != nullptr),
            "method_targets: the teacher's labels are needed by M3, M4, M3e and M4e only (method " + method + ")");
    const std::vector<std::size_t> all = all_indices(train_labels.size());
    if (method == "M1") return {one_hot_targets(train_labels), all};
    if (method == "M2") return {smoothed_targets(train_labels, options.smoothing), all};
    if (method == "M3") return {teacher->shot, all};
    if (method == "M4") return {teacher->shot, confident_subset(teacher->shot, options.confidence)};
    if (method == "M3e") return {teacher->exact, all};
    if (method == "M4e") return {teacher->exact, confident_subset(teacher->exact, options.confidence)};
    BaselineOptions baseline;
    baseline.passes = options.baseline_passes;
    baseline.dropout = options.bnn_dropout;
    baseline.noise_sigma = options.rs_noise_sigma;
    if (method == "BNN") {
        baseline.training = for_method(options.training, "BNN-aux");
        return {bnn_labels(train_images, train_labels, baseline), all};
    }
    if (method == "RS") {
        baseline.training = for_method(options.training, "RS-aux");
        return {rs_labels(train_images, train_labels, baseline), all};
    }
    throw Error("unknown QPLR method '" + method + "'");
}

}  // namespace qmlr::qplr
