// CNN benchmark: LeNet training on MNIST (batch 64, Adam) and FGSM / PGD-10 over the MNIST
// test set, at each requested thread count. Prints one CSV row per measurement:
//   benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s
// Each time is the median of --reps repetitions. bench/peer_torch.py measures PyTorch on the
// same workloads; bench/results/nn.md records both.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include "attacks/fgsm.hpp"
#include "bench/bench_timing.hpp"
#include "attacks/pgd.hpp"
#include "core/cli.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "data_loaders/datasets.hpp"
#include "metrics/accuracy.hpp"
#include "nn/adam.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/data_order.hpp"
#include "nn/gemm.hpp"
#include "nn/inference.hpp"
#include "nn/lenet.hpp"

namespace {

using namespace qmlr;
using bench::print_row;
using bench::repeat;
using bench::Timing;

// One epoch over `images` in shuffled batches of 64 (order from (seed, "shuffle", epoch)).
void train_epoch(nn::Model& model, nn::Adam& adam, const Tensor& images,
                 const data::Dataset& dataset, std::uint64_t epoch) {
    constexpr std::size_t kBatch = 64;
    const auto order = nn::epoch_order(dataset.size(), 0, epoch);
    Tensor grad, x;
    for (std::size_t begin = 0; begin < order.size(); begin += kBatch) {
        const std::span<const std::size_t> batch(order.data() + begin, std::min(kBatch, order.size() - begin));
        adam.zero_grad();
        nn::gather_batch(images, batch, x);
        nn::cross_entropy(model.forward(x), nn::gather_labels(dataset, batch), &grad);
        model.backward(grad);
        adam.step();
    }
}

int run(int argc, char** argv) {
    Cli cli("bench_nn", "LeNet training and FGSM/PGD-10 timings on MNIST (CSV rows on stdout).");
    cli.add_option("data", "DIR", "folder filled by `make data`", "data");
    cli.add_option("reps", "N", "repetitions per measurement (the median is reported)", "3");
    cli.add_option("threads", "LIST", "comma-separated thread counts", "1,2");
    cli.add_flag("quick", "10,000 training and 2,000 test images instead of 60,000 and 10,000");
    cli.add_option("only", "WHAT", "train, attacks or all", "all");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const int reps = static_cast<int>(cli.integer("reps", 1, 100));
    const bool quick = cli.flag("quick");
    const std::string only = cli.value("only");
    require(only == "all" || only == "train" || only == "attacks",
            "--only must be train, attacks or all, got '" + only + "'");

    data::Dataset train = data::load_mnist(cli.value("data"), "train");
    data::Dataset test = data::load_mnist(cli.value("data"), "test");
    if (quick) {
        std::vector<std::size_t> head(10000);
        std::iota(head.begin(), head.end(), std::size_t{0});
        train = train.select(head);
        head.resize(2000);
        test = test.select(head);
    }
    const Tensor train_images = train.to_float(), test_images = test.to_float();
    const std::vector<int> test_labels = nn::all_labels(test);
    std::fprintf(stderr, "bench_nn: GEMM kernel %s; %zu training, %zu test images; %d reps\n",
                 nn::gemm_kernel_name(), train.size(), test.size(), reps);
    bench::print_header();

    for (int threads : bench::parse_threads(cli.value("threads"))) {
        set_thread_count(threads);
        nn::Model model = nn::make_lenet();
        const Timing epoch = repeat(only == "attacks" ? 1 : reps, [&](int r) {
            model = nn::make_lenet();
            model.initialize(0);
            nn::Adam adam(model.parameters(), {.learning_rate = 1e-3});
            train_epoch(model, adam, train_images, train, static_cast<std::uint64_t>(r));
        });
        if (only != "attacks") print_row("lenet_train_epoch_adam_b64", threads, train.size(), reps, epoch);
        if (only == "train") continue;

        model.set_training(false);
        const std::vector<int> clean = metrics::predictions(nn::predict(model, test_images));
        Tensor adversarial;
        const attacks::FgsmOptions fgsm{.epsilon = 0.1, .batch_size = 256};
        const Timing fgsm_time = repeat(reps, [&](int) {
            adversarial = attacks::fgsm(model, test_images, test_labels, fgsm);
        });
        print_row("fgsm_eps0.1_b256", threads, test.size(), reps, fgsm_time);
        const double fgsm_accuracy = metrics::accuracy(nn::predict(model, adversarial), test_labels);

        const attacks::PgdOptions pgd{.epsilon = 0.1, .step_size = 0.01, .steps = 10, .seed = 0, .batch_size = 256};
        const Timing pgd_time = repeat(reps, [&](int) {
            adversarial = attacks::pgd(model, test_images, test_labels, pgd);
        });
        print_row("pgd10_eps0.1_alpha0.01_b256", threads, test.size(), reps, pgd_time);
        const double pgd_accuracy = metrics::accuracy(nn::predict(model, adversarial), test_labels);
        std::fprintf(stderr,
                     "bench_nn: %d thread(s): after one epoch clean accuracy %.4f, FGSM %.4f, PGD-10 %.4f\n",
                     threads, metrics::accuracy(clean, test_labels), fgsm_accuracy, pgd_accuracy);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_nn: error: %s\n", e.what());
        return 1;
    }
}
