// natural_quantization: the sweeps of arXiv 2503.15482 (docs/natural_quantization.md), on the
// one experiment driver (experiments/common/paper_program.hpp).
#include "experiments/common/paper_program.hpp"
#include "experiments/natural_quantization/paper.hpp"

int main(int argc, char** argv) {
    return qmlr::experiments::run_paper_program(qmlr::natural_quantization::paper(), argc, argv);
}
