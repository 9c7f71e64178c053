// Natural-quantization benchmark: one training epoch of the 784-512-512-512-10 network on the
// first 5,000 MNIST training images (batch 64, SGD with momentum) and one 15-shot vote
// evaluation of the 10,000 test images, for the classical sign network, Model 1 (a = 0.5) and
// Model 2 (a = 0, g = π/4), at each requested thread count. Rows as in bench_timing.hpp;
// bench/peer_natural_quantization.py measures PyTorch on the same workloads.
#include <iostream>
#include <numbers>

#include "bench/bench_timing.hpp"
#include "core/cli.hpp"
#include "core/parallel.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/natural_quantization/mnist_subset.hpp"
#include "experiments/natural_quantization/training.hpp"

using namespace qmlr;
using namespace qmlr::natural_quantization;

namespace {

struct Case {
    const char* name;
    NetworkSpec spec;
};

std::vector<Case> cases() {
    NetworkSpec sign;
    sign.activations = Activations::classical_sign;
    NetworkSpec model1;
    model1.neurons.a = 0.5;
    NetworkSpec model2;
    model2.neurons.g = std::numbers::pi / 4;
    return {{"sign", sign}, {"model1_a0.5", model1}, {"model2_a0_g0.25pi", model2}};
}

int run(int argc, const char* const* argv) {
    Cli cli("bench_natural_quantization", "Time a natural-quantization training epoch and a 15-shot evaluation.");
    cli.add_option("threads", "LIST", "thread counts to measure", "1,2");
    cli.add_option("reps", "N", "repetitions per measurement (the median is reported)", "3");
    cli.add_option("data", "DIR", "dataset folder", "data");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const int reps = static_cast<int>(cli.integer("reps", 1, 100));
    const FlatImages train = first_mnist_images(cli.value("data"), "train", 5000);
    const FlatImages test = first_mnist_images(cli.value("data"), "test", 10000);

    bench::print_header();
    for (int threads : bench::parse_threads(cli.value("threads"))) {
        set_thread_count(threads);
        for (const Case& c : cases()) {
            Network network = build_network(c.spec, 0);
            TrainingPlan plan;
            plan.epochs = 1;
            plan.validate = false;
            const auto epoch = bench::repeat(reps, [&](int) {
                train_and_validate(network, {train.images, train.labels}, {test.images, test.labels}, 0, plan);
            });
            bench::print_row(std::string("train_epoch_") + c.name, threads, 5000, reps, epoch);
            const int shots = c.spec.activations == Activations::classical_sign ? 1 : 15;
            const auto evaluation = bench::repeat(reps, [&](int r) {
                evaluate_by_vote(network, test.images, test.labels, 0, r, shots);
            });
            bench::print_row(std::string("vote_eval_") + std::to_string(shots) + "shot_" + c.name, threads, 10000,
                             reps, evaluation);
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return experiments::run_program("bench_natural_quantization", argc, argv, run);
}
