#pragma once
// The optimiser interface: step() updates every parameter from its accumulated gradient. The
// learning rate is set from outside (lr_schedule.hpp) before each step or epoch.
#include <vector>

#include "nn/batch_parallel.hpp"
#include "nn/layer.hpp"

namespace qmlr::nn {

class Optimizer {
public:
    explicit Optimizer(std::vector<Parameter*> parameters, double learning_rate);
    virtual ~Optimizer() = default;

    virtual void step() = 0;
    // Clears every parameter's gradient (the usual call before the next backward).
    void zero_grad();

    double learning_rate() const { return learning_rate_; }
    void set_learning_rate(double learning_rate);
    // Completed steps.
    long long steps() const { return steps_; }

protected:
    // body(i, begin, end) for elements [begin, end) of parameter i, over every parameter in
    // pieces of at most 16k elements spread over threads (updates are elementwise, so the
    // split cannot change a result).
    template <class F>
    void for_each_piece(F&& body);

    std::vector<Parameter*> parameters_;
    double learning_rate_;
    long long steps_ = 0;

private:
    struct Piece {
        std::size_t parameter, begin, end;
    };
    std::vector<Piece> pieces_;
};

template <class F>
void Optimizer::for_each_piece(F&& body) {
    parallel_for(pieces_.size(), 1, [&](std::size_t first, std::size_t last) {
        for (std::size_t p = first; p < last; ++p) body(pieces_[p].parameter, pieces_[p].begin, pieces_[p].end);
    });
}

}  // namespace qmlr::nn
