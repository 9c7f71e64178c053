// qplr: reproduces "Quantum Probabilistic Label Refining" (arXiv 2510.00528) on MNIST and
// Fashion-MNIST: teacher, soft labels, students M1–M4 (+ BNN, RS on MNIST), noise/rotation
// evaluation with calibration, FGSM/PGD, and the sensitivity study. See docs/qplr.md and pipeline.hpp.
#include <iostream>

#include "core/cli.hpp"
#include "core/run_options.hpp"
#include "experiments/common/output_folder.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/common/run_metadata.hpp"
#include "experiments/qplr/pipeline.hpp"
#include "experiments/qplr/sensitivity.hpp"
#include "experiments/qplr/settings.hpp"

using namespace qmlr;
using namespace qmlr::qplr;

namespace {

int run(int argc, const char* const* argv) {
    Cli cli("qplr", "Quantum Probabilistic Label Refining (arXiv 2510.00528): teacher, soft labels, students, "
                    "robustness, calibration, attacks and the sensitivity study on MNIST and Fashion-MNIST.");
    add_run_options(cli);
    cli.add_option("datasets", "LIST", "comma-separated subset of mnist,fashion", "mnist,fashion");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    RunOptions options = read_run_options(cli);
    experiments::prepare_output_folder(options.out);
    Settings settings = settings_for(options.profile);
    if (options.seeds.empty()) options.seeds = settings.seeds;  // the meta file lists the seeds run
    settings.seeds = options.seeds;
    std::vector<DatasetSettings> chosen;
    const std::string list = "," + cli.value("datasets") + ",";
    for (const DatasetSettings& d : settings.datasets)
        if (list.find("," + d.key + ",") != std::string::npos) chosen.push_back(d);
    require(!chosen.empty(), "--datasets: expected a subset of mnist,fashion, got '" + cli.value("datasets") + "'");
    settings.datasets = chosen;

    const experiments::RunStore store(options.out);
    experiments::ProgramMeta meta("qplr", options);
    meta.settings().add_raw("qplr", settings_json(settings));
    TableRuns tables;
    StageContext context{settings, store, meta, tables};
    std::size_t configuration = 0;
    for (const DatasetSettings& dataset : settings.datasets) {
        const DatasetData data = load_dataset_data(settings, dataset, options.data);
        for (std::size_t k = 0; k < settings.seeds.size(); ++k) {
            const std::uint64_t seed = settings.seeds[k];
            // One shard configuration = one dataset and seed with all its stages (they depend on
            // the teacher); the sensitivity study rides with the first seed.
            context.compute = options.shard.selects(configuration++);
            const TeacherLabels teacher = teacher_stage(context, data, seed);
            student_stages(context, data, seed, teacher);
            if (k == 0) sensitivity_stages(context, data, seed, teacher);
        }
    }
    bool merged = true;
    for (const auto* runs : {&tables.teacher, &tables.robustness, &tables.sensitivity})
        for (const auto& r : *runs) merged = merged && store.finished(r);
    if (merged) {
        merge_tables(store, tables, options.out);
        meta.write(options.out / "qplr.meta.json");
        std::cout << "qplr: wrote teacher.csv, labels.csv, robustness.csv, calibration.csv, reliability.csv, attacks.csv"
                  << (settings.sensitivity_epochs.empty() ? "" : ", sensitivity.csv") << " and qplr.meta.json to "
                  << options.out.string() << " (per-run files in " << store.directory().string() << ")\n";
    } else {
        std::cout << "qplr: shard " << options.shard.index << "/" << options.shard.count << " finished its runs in "
                  << store.directory().string() << "; run the other shards"
                  << ", then this command without --shard to merge the tables\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return experiments::run_program("qplr", argc, argv, run); }
