// qplr: reproduces "Quantum Probabilistic Label Refining" (arXiv 2510.00528) on MNIST and
// Fashion-MNIST: teacher, soft labels, students M1–M4 (+ BNN, RS on MNIST), noise/rotation
// evaluation with calibration, FGSM/PGD, and the sensitivity study. See docs/qplr.md and stages.hpp.
#include "experiments/common/paper_program.hpp"
#include "experiments/qplr/paper.hpp"

int main(int argc, char** argv) { return qmlr::experiments::run_paper_program(qmlr::qplr::paper(), argc, argv); }
