// Quantum-patches benchmark: the stage costs the default profile is sized from.
//   patches_<dataset>   patch masks of every image of the train and test splits (the issue's
//                       target: all 60k CIFAR-10 images, ~15M four-qubit circuits, ≤ 30 s)
//   general_simulator   the same filter on the general simulator (quantum::BatchedEvaluator) for
//                       a slice of blocks, for comparison with the specialised kernel
//   train_<dataset>_<condition>  one epoch of hybrid-model training on a slice, batch 64
//   fgsm_/pgd10_<dataset>        attacks on a slice of test images
// One CSV row per measurement: benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s
// (items: images, or blocks for general_simulator; each time the median of --reps runs).
#include <functional>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include "attacks/fgsm.hpp"
#include "attacks/pgd.hpp"
#include "bench/bench_timing.hpp"
#include "core/cli.hpp"
#include "core/parallel.hpp"
#include "data_loaders/datasets.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/quantum_patches/hybrid_model.hpp"
#include "experiments/quantum_patches/patch_filter.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"
#include "experiments/quantum_patches/training.hpp"
#include "nn/data_order.hpp"
#include "nn/inference.hpp"
#include "quantum/batched.hpp"

namespace {

using namespace qmlr;
using namespace qmlr::quantum_patches;

using bench::print_row;

// bench::repeat for bodies that ignore the repetition index.
bench::Timing repeat(int reps, const std::function<void()>& run) {
    return bench::repeat(reps, [&](int) { run(); });
}

// Train and test images of a dataset together, (N, C, H, W).
Tensor all_images(const data::Dataset& train, const data::Dataset& test) {
    const Tensor a = train.to_float(), b = test.to_float();
    Tensor both(Shape{a.dim(0) + b.dim(0), a.dim(1), a.dim(2), a.dim(3)});
    std::copy(a.begin(), a.end(), both.begin());
    std::copy(b.begin(), b.end(), both.begin() + static_cast<std::ptrdiff_t>(a.size()));
    return both;
}

void bench_general_simulator(std::size_t blocks, int threads, int reps) {
    quantum::BatchedEvaluator evaluator(patch_filter_circuit({}), quantum::Outputs::expval_z({0, 1, 2, 3}));
    std::vector<double> x(blocks * 4), out(blocks * 4);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>((i * 37) % 256) / 255.0;
    print_row("general_simulator", threads, blocks, reps,
              repeat(reps, [&] { evaluator.forward(blocks, x, {}, out); }));
}

void bench_dataset(const std::string& key, const data::Dataset& train, const data::Dataset& test,
                   std::size_t train_slice, std::size_t attack_slice, int threads, int reps) {
    const Tensor images = all_images(train, test);
    print_row("patches_" + key, threads, static_cast<std::size_t>(images.dim(0)), reps,
              repeat(reps, [&] { compute_patch_masks(images, PatchFilter()); }));

    std::vector<std::size_t> first(train_slice);
    std::iota(first.begin(), first.end(), std::size_t{0});
    const Tensor train_images = train.to_float(first);
    const std::vector<int> labels = nn::gather_labels(train, first);
    const PatchMasks masks = compute_patch_masks(train_images, PatchFilter());
    const double epsilon = train.channels == 1 ? 0.1 : 8.0 / 255.0;
    for (Condition condition : kConditions) {
        TrainingOptions options;
        options.condition = condition;
        options.epochs = 1;
        options.fgsm_epsilon = epsilon;
        options.noise_sigma = 0.1;
        print_row("train_" + key + "_" + condition_id(condition), threads, train_slice, reps, repeat(reps, [&] {
                      nn::Model model = make_hybrid_model(train.channels, train.height);
                      model.initialize(0);
                      train_hybrid(model, {train_images, labels, &masks}, options);
                  }));
    }

    std::vector<std::size_t> test_first(attack_slice);
    std::iota(test_first.begin(), test_first.end(), std::size_t{0});
    const Tensor test_images = test.to_float(test_first);
    const std::vector<int> test_labels = nn::gather_labels(test, test_first);
    nn::Model model = make_hybrid_model(train.channels, train.height);
    model.initialize(0);
    print_row("fgsm_" + key, threads, attack_slice, reps, repeat(reps, [&] {
                  attacks::fgsm(model, test_images, test_labels, {epsilon, attacks::Goal::untargeted, 128});
              }));
    attacks::PgdOptions pgd;
    pgd.epsilon = epsilon;
    pgd.step_size = epsilon / 4;
    pgd.steps = 10;
    print_row("pgd10_" + key, threads, attack_slice, reps,
              repeat(reps, [&] { attacks::pgd(model, test_images, test_labels, pgd); }));
}

int run(int argc, const char* const* argv) {
    Cli cli("bench_quantum_patches", "Stage costs of the quantum-patches program.");
    cli.add_option("data", "DIR", "dataset folder", "data");
    cli.add_option("threads", "N", "threads", "2");
    cli.add_option("reps", "N", "repetitions per measurement (median reported)", "3");
    cli.add_option("train-images", "N", "training images per timed epoch", "1024");
    cli.add_option("attack-images", "N", "test images per timed attack", "512");
    cli.add_option("only", "NAME", "mnist, cifar10 or simulator: run only that part");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const int reps = static_cast<int>(cli.integer("reps", 1, 100));
    const auto train_slice = static_cast<std::size_t>(cli.integer("train-images", 64, 60000));
    const auto attack_slice = static_cast<std::size_t>(cli.integer("attack-images", 16, 10000));
    const std::string only = cli.value("only");
    const int threads = static_cast<int>(cli.integer("threads", 1, 256));
    bench::print_header();
    const std::filesystem::path data_dir = cli.value("data");
    set_thread_count(threads);
    if (only.empty() || only == "simulator") bench_general_simulator(200000, threads, reps);
    if (only.empty() || only == "cifar10")
        bench_dataset("cifar10", data::load_cifar10(data_dir, "train"), data::load_cifar10(data_dir, "test"),
                      train_slice, attack_slice, threads, reps);
    if (only.empty() || only == "mnist")
        bench_dataset("mnist", data::load_mnist(data_dir, "train"), data::load_mnist(data_dir, "test"), train_slice,
                      attack_slice, threads, reps);
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return qmlr::experiments::run_program("bench_quantum_patches", argc, argv, run); }
