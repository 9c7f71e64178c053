#include "experiments/common/paper_program.hpp"

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "core/cli.hpp"
#include "core/error.hpp"
#include "experiments/common/json_object.hpp"
#include "experiments/common/json_value.hpp"
#include "experiments/common/output_folder.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/common/provenance.hpp"
#include "experiments/common/results_publisher.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/common/stage_timer.hpp"

namespace qmlr::experiments {

namespace fs = std::filesystem;

namespace {

std::string join_seeds(const std::vector<std::uint64_t>& seeds) {
    std::string text;
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        if (i > 0) text += ',';
        text += std::to_string(seeds[i]);
    }
    return text;
}

std::string as_text(const std::vector<std::uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

// The files a previous publication listed in its meta file (outputs whose names depend on the
// configuration, e.g. one preview per dataset), so a new publication can remove them.
std::vector<std::string> previously_published(const fs::path& meta_file) {
    std::vector<std::string> files;
    if (!fs::exists(meta_file)) return files;
    std::ifstream in(meta_file);
    std::stringstream text;
    text << in.rdbuf();
    try {
        const JsonValue meta = JsonValue::parse(text.str(), meta_file.string());
        if (meta.has("files"))
            for (const JsonValue& f : meta.at("files").items()) files.push_back(f.text());
    } catch (const Error&) {
        // An unreadable old meta file is replaced; its outputs, if any, stay as stray files.
    }
    return files;
}

// Every run whose output a table depends on: the runs writing it and, transitively, their inputs.
std::set<RunIndex> runs_behind(const RunPlan& plan, const std::string& table) {
    std::set<RunIndex> behind;
    std::vector<RunIndex> stack;
    for (RunIndex i = 0; i < plan.size(); ++i)
        for (const std::string& t : plan[i].tables)
            if (t == table) stack.push_back(i);
    while (!stack.empty()) {
        const RunIndex i = stack.back();
        stack.pop_back();
        if (!behind.insert(i).second) continue;
        for (RunIndex input : plan[i].inputs) stack.push_back(input);
    }
    return behind;
}

struct MergeInputs {
    const Paper& paper;
    const Settings& settings;
    const RunPlan& plan;
    const RunStore& store;
    const RunOptions& options;
    bool allow_dirty;
    std::chrono::steady_clock::time_point started;
};

std::string meta_json(const MergeInputs& in, const std::vector<RunRecord>& records,
                      const std::vector<std::string>& files) {
    JsonObject settings;
    for (const SettingSpec& spec : in.settings.schema().specs()) settings.add_string(spec.name, in.settings.canonical(spec.name));
    std::vector<std::string> tables, runs, file_names;
    for (const TableSchema& schema : in.paper.tables()) {
        const std::set<RunIndex> behind = runs_behind(in.plan, schema.name);
        if (behind.empty()) continue;
        std::set<std::string> revisions;
        double seconds = 0;
        for (RunIndex i : behind) {
            revisions.insert(records[i].revision);
            seconds += records[i].seconds;
        }
        std::vector<std::string> revision_list;
        for (const std::string& r : revisions) revision_list.push_back(json_quoted(r));
        tables.push_back(JsonObject()
                             .add_string("name", schema.name)
                             .add_integer("runs", static_cast<std::int64_t>(behind.size()))
                             .add_raw("revisions", json_array(revision_list))
                             .add_number("compute_seconds", seconds)
                             .str());
    }
    double total_seconds = 0;
    for (const RunRecord& r : records) total_seconds += r.seconds;
    for (const RunRecord& r : records)
        runs.push_back(JsonObject()
                           .add_string("run", r.name)
                           .add_string("stage", r.stage)
                           .add_string("key", r.key)
                           .add_string("revision", r.revision)
                           .add_string("simd", r.simd)
                           .add_integer("threads", r.threads)
                           .add_number("seconds", r.seconds)
                           .add_raw("stages", stage_seconds_json(r.stage_seconds))
                           .str());
    for (const std::string& f : files) file_names.push_back(json_quoted(f));
    JsonObject meta;
    meta.add_string("program", in.paper.name)
        .add_string("profile", to_string(in.settings.profile()))
        .add_string("seeds", in.settings.canonical("seeds"))
        .add_bool("allow_dirty", in.allow_dirty)
        .add_raw("environment", environment_json())
        .add_string("data", in.options.data.string())
        .add_raw("settings", settings.str())
        .add_number("wall_seconds",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - in.started).count())
        .add_number("total_compute_seconds", total_seconds)
        .add_raw("files", json_array(file_names))
        .add_raw("tables", json_array(tables))
        .add_raw("runs", json_array(runs));
    return meta.str() + "\n";
}

// All declared tables of the plan, its outputs and the meta file, published as one change.
void merge(const MergeInputs& in, const fs::path& out) {
    std::size_t missing = 0;
    std::string first_missing;
    for (const PlannedRun& run : in.plan.runs())
        if (!in.store.finished(run) && missing++ == 0) first_missing = run.name;
    if (missing > 0)
        throw Error("cannot merge the tables: " + std::to_string(missing) + " of " + std::to_string(in.plan.size()) +
                    " runs have not finished (first: " + first_missing + "); run the remaining shards (--list-runs "
                    "shows them), then merge again");
    std::vector<RunRecord> records;
    for (const PlannedRun& run : in.plan.runs()) records.push_back(in.store.record(run));

    std::vector<PublishedFile> files;
    for (const TableSchema& schema : in.paper.tables()) {
        std::string csv;
        bool written = false;
        for (const PlannedRun& run : in.plan.runs()) {
            if (std::find(run.tables.begin(), run.tables.end(), schema.name) == run.tables.end()) continue;
            const std::string part = as_text(in.store.read(run, schema.file_name()));
            const auto header_end = part.find('\n');
            require(header_end != std::string::npos && part.substr(0, header_end + 1) == csv_line(schema.columns()),
                    (in.store.folder(run) / schema.file_name()).string() + " does not have the declared header of " +
                        schema.name + "; recompute it with --recompute " + run.name);
            csv += written ? part.substr(header_end + 1) : part;
            written = true;
        }
        if (!written) continue;
        ResultTable(schema, csv, schema.file_name());  // parses every row against the declaration
        files.push_back({schema.file_name(), std::move(csv)});
    }
    for (const PlannedRun& run : in.plan.runs())
        for (const std::string& output : run.outputs) files.push_back({output, as_text(in.store.read(run, output))});

    const std::string meta_name = in.paper.name + ".meta.json";
    std::vector<std::string> names, managed = previously_published(out / meta_name);
    for (const PublishedFile& f : files) names.push_back(f.name);
    names.push_back(meta_name);
    for (const TableSchema& schema : in.paper.tables()) managed.push_back(schema.file_name());
    managed.push_back(meta_name);
    files.push_back({meta_name, meta_json(in, records, names)});
    publish_results(out, files, managed);
    std::cout << in.paper.name << ": wrote";
    for (std::size_t i = 0; i < names.size(); ++i) std::cout << (i ? ", " : " ") << names[i];
    std::cout << " to " << out.string() << " (runs in " << in.store.directory().string() << ")\n";
}

int run(const Paper& paper, int argc, const char* const* argv) {
    const auto started = std::chrono::steady_clock::now();
    Cli cli(paper.name, paper.summary);
    add_run_options(cli);
    cli.add_repeatable_option("set", "NAME=VALUE", "change one setting (listed below)");
    cli.add_option("config", "FILE", "read settings from `name = value` lines (as --print-config writes them)");
    cli.add_flag("print-config", "print the resolved settings and exit");
    cli.add_flag("list-runs", "list every run of the configuration, its group, key and whether it is done, and exit");
    cli.add_repeatable_option("recompute", "RUN", "compute a run (or every run of a stage) again");
    cli.add_flag("merge-only", "after the shards: compute only the runs whose inputs are all finished (summaries over "
                               "several shards), then merge the tables");
    cli.add_flag("allow-dirty", "let the default profile write results from uncommitted code (recorded in the meta file)");
    cli.set_epilogue("settings (--set NAME=VALUE; defaults for --profile default, with quick and paper where they "
                     "differ):\n" + paper.settings().describe());
    if (!cli.parse(argc, argv, std::cout)) return 0;
    RunOptions options = read_run_options(cli);

    std::vector<SettingAssignment> assignments;
    if (cli.given("config")) assignments = read_config_file(cli.value("config"));
    if (!options.seeds.empty()) assignments.push_back({"seeds", join_seeds(options.seeds), "--seeds"});
    for (const std::string& text : cli.values("set")) assignments.push_back(parse_assignment(text, "--set"));
    const Settings settings = resolve_settings(paper.settings(), options.profile, assignments);
    if (cli.flag("print-config")) {
        std::cout << settings.config_text();
        return 0;
    }
    if (!cli.given("out")) options.out = default_out_folder(settings.profile(), paper.name);
    const RunStore store(options.out);
    if (cli.flag("list-runs")) {
        std::cout << list_runs(paper.plan({settings, options.data}), store);
        return 0;
    }
    // Refused before the data is read: a dirty build, an output folder that cannot be written.
    const bool allow_dirty = cli.flag("allow-dirty");
    require_clean_build(settings.profile(), allow_dirty, paper.name);
    prepare_output_folder(options.out);
    recover_publication(options.out);
    store.remove_abandoned_partials();
    const RunPlan plan = paper.plan({settings, options.data});

    const bool merge_only = cli.flag("merge-only");
    const ExecutionSummary summary = execute_plan(
        plan, store, paper.tables(),
        {.shard = merge_only ? Shard{} : options.shard, .recompute = cli.values("recompute"), .log = &std::cout,
         .only_ready = merge_only});
    std::cout << paper.name << ": " << plan.size() << " runs; computed " << summary.computed << ", reused "
              << summary.reused << (summary.skipped ? "; left to other shards or the merge: " + std::to_string(summary.skipped) : "")
              << '\n';
    if (options.shard.count > 1 && !merge_only) {
        std::cout << paper.name << ": shard " << options.shard.index << "/" << options.shard.count
                  << " done. When every shard has finished, run with --merge-only to merge the tables.\n";
        return 0;
    }
    merge({paper, settings, plan, store, options, allow_dirty, started}, options.out);
    return 0;
}

}  // namespace

int run_paper_program(const Paper& paper, int argc, const char* const* argv) {
    return run_program(paper.name, argc, argv, [&](int c, const char* const* v) { return run(paper, c, v); });
}

}  // namespace qmlr::experiments
