// Throughput of the QPLR teacher's training step (pre-net → 10-qubit circuit → post-net, Adam):
// training images per second on MNIST, for each thread count, median of repetitions.
//   bench_qplr_teacher [--images N] [--layers L] [--batch B] [--reps R] [--threads 1,2] [--data DIR]
// Rows: benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s
#include <iostream>

#include "bench/bench_timing.hpp"
#include "core/cli.hpp"
#include "core/parallel.hpp"
#include "data_loaders/datasets.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/qplr/teacher.hpp"
#include "nn/data_order.hpp"

using namespace qmlr;

namespace {

int run(int argc, const char* const* argv) {
    Cli cli("bench_qplr_teacher", "QPLR teacher training throughput (images/s) on MNIST.");
    cli.add_option("images", "N", "training images per repetition (one epoch over them)", "12800");
    cli.add_option("layers", "L", "circuit layers (MNIST 3, Fashion-MNIST 2)", "3");
    cli.add_option("batch", "B", "batch size", "64");
    cli.add_option("reps", "R", "repetitions", "3");
    cli.add_option("threads", "LIST", "thread counts", "1,2");
    cli.add_option("data", "DIR", "dataset folder", "data");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const auto images = static_cast<std::size_t>(cli.integer("images", 64, 60000));
    const data::Dataset train = data::load_mnist(cli.value("data"), "train");
    std::vector<std::size_t> first(images);
    for (std::size_t i = 0; i < images; ++i) first[i] = i;
    const Tensor x = train.to_float(first);
    std::vector<int> y(images);
    for (std::size_t i = 0; i < images; ++i) y[i] = train.labels[i];
    qplr::TeacherTraining training;
    training.epochs = 1;
    training.batch_size = static_cast<std::size_t>(cli.integer("batch", 1, 4096));
    const int layers = static_cast<int>(cli.integer("layers", 1, 10));
    const int reps = static_cast<int>(cli.integer("reps", 1, 100));
    bench::print_header();
    for (int threads : bench::parse_threads(cli.value("threads"))) {
        set_thread_count(threads);
        // Each repetition trains a freshly initialised teacher (construction is negligible).
        const bench::Timing timing = bench::repeat(reps, [&](int) {
            qplr::TeacherNet teacher = qplr::make_teacher(layers, 0);
            qplr::train_teacher(teacher, x, y, training);
        });
        bench::print_row("qplr_teacher_L" + std::to_string(layers) + "_B" + std::to_string(training.batch_size),
                         threads, images, reps, timing);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return experiments::run_program("bench_qplr_teacher", argc, argv, run); }
