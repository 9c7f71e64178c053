// quantum_patches: trains the hybrid CNN + VQC model under four conditions (clean, FGSM
// adversarial training, quantum patches, L2-matched Gaussian noise) on MNIST, CIFAR-10 and
// CINIC-10 (when supplied), attacks every model with white-box FGSM and PGD, and writes the
// tables asr, patches_preview and datasets with the preview PNGs (docs/quantum_patches.md §7;
// the stages in stages.hpp, the options in experiments/common/paper_program.hpp).
#include "experiments/common/paper_program.hpp"
#include "experiments/quantum_patches/paper.hpp"

int main(int argc, char** argv) { return qmlr::experiments::run_paper_program(qmlr::quantum_patches::paper(), argc, argv); }
