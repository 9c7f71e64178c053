#include "nn/quantum_layer.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {
namespace {

std::string outputs_name(const quantum::Outputs& outputs) {
    switch (outputs.kind()) {
        case quantum::Outputs::Kind::probabilities: return "probabilities";
        case quantum::Outputs::Kind::marginal_probabilities: return "marginal probabilities";
        case quantum::Outputs::Kind::expval_z: return "<Z>";
    }
    return "outputs";
}

void to_double(const float* from, std::size_t n, std::vector<double>& to) {
    to.resize(n);
    std::copy(from, from + n, to.begin());
}

}  // namespace

QuantumLayer::QuantumLayer(quantum::Circuit circuit, quantum::Outputs outputs)
    : evaluator_(std::move(circuit), outputs), outputs_name_(outputs_name(outputs)) {
    require(evaluator_.num_inputs() > 0,
            "QuantumLayer: the circuit encodes no inputs; use Angle::input(i) for at least one "
            "gate angle so the layer has something to read");
    const auto count = static_cast<std::int64_t>(evaluator_.num_parameters());
    params_.emplace_back("theta", Parameter::Role::angle, Shape{count}, count, count);
}

std::string QuantumLayer::describe() const {
    const quantum::Circuit& c = evaluator_.circuit();
    return "QuantumLayer(" + std::to_string(c.num_qubits()) + " qubits, " +
           std::to_string(c.operations().size()) + " gates, " + std::to_string(c.num_inputs()) +
           " inputs, " + std::to_string(c.num_parameters()) + " parameters -> " +
           std::to_string(evaluator_.num_outputs()) + " " + outputs_name_ + ")";
}

Shape QuantumLayer::output_shape(const Shape& input) const {
    const auto inputs = static_cast<std::int64_t>(evaluator_.num_inputs());
    if (input.rank() != 2 || input[1] != inputs)
        throw Error(describe() + ": expected an input of shape (B," + std::to_string(inputs) +
                    "), got " + input.to_string() +
                    (input.rank() > 2 ? "; put a Flatten and a Linear before it" : ""));
    return Shape{input[0], static_cast<std::int64_t>(evaluator_.num_outputs())};
}

void QuantumLayer::load(const Tensor& in) {
    to_double(in.data(), in.size(), inputs_);
    to_double(theta().value.data(), theta().value.size(), theta_);
}

void QuantumLayer::forward(const Tensor& in, Tensor& out, const BatchSlice& /*slice*/) {
    require(out.shape() == output_shape(in.shape()),
            describe() + ": output tensor has shape " + out.shape().to_string() +
                ", expected " + output_shape(in.shape()).to_string());
    load(in);
    values_.resize(out.size());
    evaluator_.forward(static_cast<std::size_t>(in.dim(0)), inputs_, theta_, values_);
    std::transform(values_.begin(), values_.end(), out.begin(),
                   [](double v) { return static_cast<float>(v); });
}

void QuantumLayer::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                            Tensor* grad_in, std::span<Tensor* const> param_grads,
                            const BatchSlice& /*slice*/) {
    require_same_shape(out, grad_out, describe(), "output", "output gradient");
    require_param_grads(param_grads, params_, describe());
    if (grad_in == nullptr && param_grads.empty()) return;
    load(in);
    to_double(grad_out.data(), grad_out.size(), grad_values_);
    grad_theta_.resize(theta_.size());
    grad_inputs_.resize(inputs_.size());
    evaluator_.vjp(static_cast<std::size_t>(in.dim(0)), inputs_, theta_, grad_values_,
                   grad_theta_, grad_inputs_);
    if (!param_grads.empty()) {
        float* g = param_grads[0]->data();
        for (std::size_t i = 0; i < grad_theta_.size(); ++i) g[i] += static_cast<float>(grad_theta_[i]);
    }
    if (grad_in != nullptr)
        std::transform(grad_inputs_.begin(), grad_inputs_.end(), grad_in->begin(),
                       [](double v) { return static_cast<float>(v); });
}

}  // namespace qmlr::nn
