#pragma once
// The optimiser interface: step() updates every parameter from its accumulated gradient. The
// learning rate is set from outside (lr_schedule.hpp) before each step or epoch.
#include <vector>

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
    std::vector<Parameter*> parameters_;
    double learning_rate_;
    long long steps_ = 0;
};

}  // namespace qmlr::nn
