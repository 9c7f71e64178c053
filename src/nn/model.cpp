#include "nn/model.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "nn/batch_parallel.hpp"
#include "core/rng.hpp"
#include "nn/inference.hpp"

namespace qmlr::nn {
namespace {

// Keeps `t` when it already has `shape`, so steady-state calls reuse their buffers.
void ensure_shape(Tensor& t, const Shape& shape) {
    if (!(t.shape() == shape)) t = Tensor(shape);
}

std::size_t row_size(const Tensor& t) {
    return t.size() / static_cast<std::size_t>(t.dim(0));
}

// Rows [begin, end) of `from` into `to` (which has end − begin rows).
void copy_rows_out(const Tensor& from, std::size_t begin, std::size_t end, Tensor& to) {
    const std::size_t row = row_size(from);
    std::copy(from.data() + begin * row, from.data() + end * row, to.data());
}

void copy_rows_in(const Tensor& from, Tensor& to, std::size_t begin) {
    const std::size_t row = row_size(to);
    std::copy(from.begin(), from.end(), to.data() + begin * row);
}

}  // namespace

void Model::add(std::unique_ptr<Layer> layer) {
    require(layer != nullptr, "Model::add: expected a layer, got a null pointer");
    layer->set_training(training_);
    layers_.push_back(std::move(layer));
    initialized_ = false;
    has_forward_ = false;
    plan();
}

void Model::plan() {
    segments_.clear();
    all_params_.clear();
    bool open = false;
    Placement mode = Placement::either;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const Placement p = layers_[i]->placement();
        const bool joins = open && (p == Placement::either || mode == Placement::either || p == mode);
        if (!joins) {
            segments_.push_back(Segment{});
            segments_.back().begin = i;
            segments_.back().first_param = all_params_.size();
            mode = p;
            open = true;
        } else if (mode == Placement::either) {
            mode = p;
        }
        Segment& seg = segments_.back();
        seg.end = i + 1;
        seg.sliced = mode == Placement::sample_chunks;
        for (Parameter& param : layers_[i]->parameters()) all_params_.push_back(&param);
        seg.param_count = all_params_.size() - seg.first_param;
    }
}

Layer& Model::layer(std::size_t index) {
    require(index < layers_.size(), "Model::layer: index " + std::to_string(index) +
                                        " is out of range for a model of " +
                                        std::to_string(layers_.size()) + " layers");
    return *layers_[index];
}

const Layer& Model::layer(std::size_t index) const {
    return const_cast<Model*>(this)->layer(index);
}

void Model::initialize(std::uint64_t seed, InitScheme scheme) {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        std::span<Parameter> params = layers_[i]->parameters();
        for (std::size_t j = 0; j < params.size(); ++j) {
            Parameter& p = params[j];
            Rng rng(seed, "init", i, static_cast<std::uint32_t>(j));
            switch (p.role) {
                case Parameter::Role::weight:
                    initialize_values(p.value, scheme.weight, p.fan_in, p.fan_out, rng);
                    break;
                case Parameter::Role::bias:
                    initialize_values(p.value, scheme.bias, p.fan_in, p.fan_out, rng);
                    break;
                case Parameter::Role::angle: initialize_angles(p.value, rng); break;
            }
            p.grad.fill(0.0f);
        }
    }
    initialized_ = true;
}

void Model::forward_segment(std::size_t s) {
    Segment& seg = segments_[s];
    const std::size_t n = seg.end - seg.begin;
    const Tensor& input = values_[s];
    Tensor& output = values_[s + 1];
    if (!seg.sliced) {
        seg.acts.resize(n + 1);
        for (std::size_t k = 0; k < n; ++k) {
            const Tensor& in = k == 0 ? input : seg.acts[k];
            Tensor& out = k + 1 == n ? output : seg.acts[k + 1];
            layers_[seg.begin + k]->forward(in, out, last_pass_);
        }
        return;
    }
    const auto batch = static_cast<std::size_t>(input.dim(0));
    seg.slices.resize(chunk_count(batch, kSamplesPerChunk));
    parallel_for(batch, kSamplesPerChunk, [&](std::size_t begin, std::size_t end) {
        Slice& slice = seg.slices[begin / kSamplesPerChunk];
        const BatchSlice where{last_pass_.first_sample + begin, last_pass_.pass};
        slice.acts.resize(n + 1);
        ensure_shape(slice.acts[0], with_batch(input.shape(), end - begin));
        copy_rows_out(input, begin, end, slice.acts[0]);
        for (std::size_t k = 0; k < n; ++k) {
            Layer& layer = *layers_[seg.begin + k];
            ensure_shape(slice.acts[k + 1], layer.output_shape(slice.acts[k].shape()));
            layer.forward(slice.acts[k], slice.acts[k + 1], where);
        }
        copy_rows_in(slice.acts[n], output, begin);
    });
}

const Tensor& Model::forward(const Tensor& input) {
    require(!layers_.empty(), "Model::forward: the model has no layers; add some first");
    require(initialized_, "Model::forward: parameters are not initialised; call "
                          "Model::initialize(seed) or load a model file first");
    require(input.shape().rank() >= 1 && input.dim(0) > 0,
            "Model::forward: expected a batch (B,...) with B >= 1, got " +
                input.shape().to_string());
    values_.resize(segments_.size() + 1);
    ensure_shape(values_[0], input.shape());
    std::copy(input.begin(), input.end(), values_[0].begin());
    // All shapes first: a shape error surfaces before any work, with the layer's own message.
    for (std::size_t s = 0; s < segments_.size(); ++s) {
        Segment& seg = segments_[s];
        Shape shape = values_[s].shape();
        if (!seg.sliced) seg.acts.resize(seg.end - seg.begin + 1);
        for (std::size_t i = seg.begin; i < seg.end; ++i) {
            shape = layers_[i]->output_shape(shape);
            if (!seg.sliced && i + 1 < seg.end) ensure_shape(seg.acts[i + 1 - seg.begin], shape);
        }
        ensure_shape(values_[s + 1], shape);
    }
    last_pass_ = BatchSlice{0, training_passes_};
    if (training_) ++training_passes_;
    for (std::size_t s = 0; s < segments_.size(); ++s) forward_segment(s);
    has_forward_ = true;
    return values_.back();
}

void Model::backward_segment(std::size_t s, std::size_t first, bool input_grad, bool param_grads) {
    Segment& seg = segments_[s];
    const std::size_t n = seg.end - seg.begin;
    const std::size_t lowest = std::max(first, seg.begin) - seg.begin;  // first layer visited
    const bool segment_input_grad = input_grad || seg.begin > first;
    const std::span<Parameter* const> params(all_params_.data() + seg.first_param, seg.param_count);
    // The gradient tensors of layer k's parameters within a segment-wide list.
    auto layer_grads = [&](std::span<Tensor* const> all, std::size_t k) {
        if (!param_grads) return std::span<Tensor* const>();
        std::size_t offset = 0;
        for (std::size_t j = 0; j < k; ++j) offset += layers_[seg.begin + j]->parameters().size();
        return all.subspan(offset, layers_[seg.begin + k]->parameters().size());
    };
    if (segment_input_grad) ensure_shape(gradients_[s], values_[s].shape());

    if (!seg.sliced) {
        seg.grads.resize(n + 1);
        seg.param_grad_ptrs.clear();
        for (Parameter* p : params) seg.param_grad_ptrs.push_back(&p->grad);
        for (std::size_t k = n; k-- > lowest;) {
            Layer& layer = *layers_[seg.begin + k];
            const Tensor& in = k == 0 ? values_[s] : seg.acts[k];
            const Tensor& out = k + 1 == n ? values_[s + 1] : seg.acts[k + 1];
            const Tensor& grad_out = k + 1 == n ? gradients_[s + 1] : seg.grads[k + 1];
            Tensor* grad_in = nullptr;
            if (input_grad || seg.begin + k > first) {
                grad_in = k == 0 ? &gradients_[s] : &seg.grads[k];
                ensure_shape(*grad_in, in.shape());
            }
            layer.backward(in, out, grad_out, grad_in, layer_grads(seg.param_grad_ptrs, k), last_pass_);
        }
        return;
    }

    const auto batch = static_cast<std::size_t>(values_[s].dim(0));
    parallel_for(batch, kSamplesPerChunk, [&](std::size_t begin, std::size_t end) {
        Slice& slice = seg.slices[begin / kSamplesPerChunk];
        const BatchSlice where{last_pass_.first_sample + begin, last_pass_.pass};
        slice.grads.resize(n + 1);
        ensure_shape(slice.grads[n], slice.acts[n].shape());
        copy_rows_out(gradients_[s + 1], begin, end, slice.grads[n]);
        if (param_grads) {
            slice.param_grads.resize(params.size());
            slice.param_grad_ptrs.clear();
            for (std::size_t j = 0; j < params.size(); ++j) {
                ensure_shape(slice.param_grads[j], params[j]->value.shape());
                slice.param_grads[j].fill(0.0f);
                slice.param_grad_ptrs.push_back(&slice.param_grads[j]);
            }
        }
        for (std::size_t k = n; k-- > lowest;) {
            Layer& layer = *layers_[seg.begin + k];
            Tensor* grad_in = nullptr;
            if (input_grad || seg.begin + k > first) {
                grad_in = &slice.grads[k];
                ensure_shape(*grad_in, slice.acts[k].shape());
            }
            layer.backward(slice.acts[k], slice.acts[k + 1], slice.grads[k + 1], grad_in,
                           layer_grads(slice.param_grad_ptrs, k), where);
        }
        if (segment_input_grad) copy_rows_in(slice.grads[0], gradients_[s], begin);
    });
    if (!param_grads) return;
    // Slice partials added in slice order: the same sums for any thread count.
    parallel_for(params.size(), 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t j = begin; j < end; ++j) {
            float* total = params[j]->grad.data();
            const std::size_t count = params[j]->grad.size();
            for (const Slice& slice : seg.slices) {
                const float* partial = slice.param_grads[j].data();
                for (std::size_t i = 0; i < count; ++i) total[i] += partial[i];
            }
        }
    });
}

const Tensor& Model::backward(const Tensor& grad_output, Gradients what) {
    require(has_forward_, "Model::backward: call forward first (backward differentiates the "
                          "most recent forward call)");
    if (!(grad_output.shape() == values_.back().shape()))
        throw Error("Model::backward: the output gradient has shape " +
                    grad_output.shape().to_string() + " but the last output has shape " +
                    values_.back().shape().to_string());
    const bool param_grads = what != Gradients::input;
    const bool input_grad = what != Gradients::parameters;
    // Without an input gradient the walk stops at the first layer that has parameters.
    std::size_t first = 0;
    if (!input_grad)
        while (first < layers_.size() && layers_[first]->parameters().empty()) ++first;
    if (first == layers_.size()) return empty_;

    gradients_.resize(segments_.size() + 1);
    ensure_shape(gradients_.back(), grad_output.shape());
    std::copy(grad_output.begin(), grad_output.end(), gradients_.back().begin());
    for (std::size_t s = segments_.size(); s-- > 0;) {
        if (segments_[s].end <= first) break;
        backward_segment(s, first, input_grad, param_grads);
    }
    return input_grad ? gradients_[0] : empty_;
}

std::vector<Parameter*> Model::parameters() { return all_params_; }

std::size_t Model::parameter_count() {
    std::size_t count = 0;
    for (Parameter* p : all_params_) count += p->value.size();
    return count;
}

void Model::zero_grad() {
    for (Parameter* p : all_params_) p->grad.fill(0.0f);
}

void Model::set_training(bool training) {
    training_ = training;
    for (auto& layer : layers_) layer->set_training(training);
}

Shape Model::output_shape(const Shape& input) const {
    Shape shape = input;
    for (const auto& layer : layers_) shape = layer->output_shape(shape);
    return shape;
}

std::string Model::summary(const Shape& input) const {
    std::string text = "input " + input.to_string() + "\n";
    Shape shape = input;
    std::size_t total = 0;
    for (const auto& layer : layers_) {
        shape = layer->output_shape(shape);
        std::size_t count = 0;
        for (const Parameter& p : layer->parameters()) count += p.value.size();
        total += count;
        text += "  " + layer->describe() + " -> " + shape.to_string() +
                (count > 0 ? ", " + std::to_string(count) + " parameters" : "") + "\n";
    }
    return text + "total " + std::to_string(total) + " parameters\n";
}

}  // namespace qmlr::nn
