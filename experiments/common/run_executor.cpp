#include "experiments/common/run_executor.hpp"

#include <unistd.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/simd_level.hpp"
#include "experiments/common/fault_injection.hpp"
#include "experiments/common/json_object.hpp"
#include "experiments/common/provenance.hpp"

namespace qmlr::experiments {

namespace fs = std::filesystem;

namespace {

bool listed(const std::vector<std::string>& names, std::string_view name) {
    for (const std::string& n : names)
        if (n == name) return true;
    return false;
}

std::vector<std::uint8_t> file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    require(static_cast<bool>(in), "cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, std::span<const std::uint8_t> bytes) {
    AtomicFile file(path);
    file.stream().write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    file.commit();
}

}  // namespace

RunContext::RunContext(const RunPlan& plan, const RunStore& store, RunIndex run, const std::vector<TableSchema>& tables,
                       fs::path work_folder)
    : plan_(plan), store_(store), run_(run), work_(std::move(work_folder)) {
    for (const std::string& name : plan_[run_].tables) {
        const TableSchema* schema = nullptr;
        for (const TableSchema& t : tables)
            if (t.name == name) schema = &t;
        require(schema != nullptr, "run " + plan_[run_].name + " writes table '" + name + "', which is not declared");
        rows_.emplace(name, std::make_unique<TableRows>(*schema));
    }
}

std::vector<std::uint8_t> RunContext::input(std::size_t i, std::string_view artifact) const {
    require(i < run().inputs.size(), "run " + run().name + " has no input #" + std::to_string(i));
    return store_.read(plan_[run().inputs[i]], artifact);
}

fs::path RunContext::input_path(std::size_t i, std::string_view artifact) const {
    require(i < run().inputs.size(), "run " + run().name + " has no input #" + std::to_string(i));
    return store_.verified_path(plan_[run().inputs[i]], artifact);
}

fs::path RunContext::artifact_path(std::string_view artifact) {
    require(artifact.find('/') == std::string_view::npos && artifact != "run.json" && !artifact.empty(),
            "run " + run().name + ": '" + std::string(artifact) + "' is not a valid artifact name");
    require(!listed(artifacts_, artifact), "run " + run().name + " writes artifact '" + std::string(artifact) + "' twice");
    artifacts_.emplace_back(artifact);
    return work_ / artifact;
}

void RunContext::write(std::string_view artifact, std::span<const std::uint8_t> bytes) {
    write_file(artifact_path(artifact), bytes);
}

TableRows& RunContext::rows(std::string_view table) {
    const auto it = rows_.find(table);
    require(it != rows_.end(), "run " + run().name + " writes rows of table '" + std::string(table) +
                                   "', which its plan entry does not list");
    return *it->second;
}

RunRecord RunContext::finish() {
    const PlannedRun& r = run();
    for (const auto& [name, rows] : rows_) {
        const std::string csv = rows->csv();
        write(name + ".csv", std::span(reinterpret_cast<const std::uint8_t*>(csv.data()), csv.size()));
    }
    for (const std::string& output : r.outputs)
        require(listed(artifacts_, output), "run " + r.name + " declares the output '" + output + "' but did not write it");
    RunRecord record{r.stage, r.name, r.key.hex(), r.key.text(), {}, {}, build_revision(),
                     to_string(simd_level_from_environment()), thread_count(), timer_.total_seconds(), timer_.seconds_by_stage()};
    for (RunIndex input : r.inputs) record.inputs.push_back(plan_[input].folder());
    std::vector<std::string> artifact_json, input_json;
    for (const std::string& name : artifacts_) {
        const auto bytes = file_bytes(work_ / name);
        record.artifacts.push_back({name, bytes.size(), artifact_checksum(bytes)});
        artifact_json.push_back(JsonObject()
                                    .add_string("name", name)
                                    .add_integer("bytes", static_cast<std::int64_t>(bytes.size()))
                                    .add_integer("crc32", record.artifacts.back().crc32)
                                    .str());
    }
    for (const std::string& input : record.inputs) input_json.push_back(json_quoted(input));
    JsonObject json;
    json.add_string("stage", record.stage)
        .add_string("run", record.name)
        .add_string("key", record.key)
        .add_string("key_text", record.key_text)
        .add_raw("inputs", json_array(input_json))
        .add_raw("artifacts", json_array(artifact_json))
        .add_string("revision", record.revision)
        .add_string("simd", record.simd)
        .add_integer("threads", record.threads)
        .add_number("seconds", record.seconds)
        .add_raw("stages", stage_seconds_json(record.stage_seconds));
    AtomicFile file(work_ / "run.json");
    file.stream() << json.str() << '\n';
    file.commit();
    return record;
}

namespace {

class Executor {
public:
    Executor(const RunPlan& plan, const RunStore& store, const std::vector<TableSchema>& tables, std::ostream* log)
        : plan_(plan), store_(store), tables_(tables), log_(log), done_(plan.size()) {
        for (RunIndex i = 0; i < plan.size(); ++i) done_[i] = store.finished(plan[i]);
    }

    void forget(RunIndex i) {
        store_.remove(plan_[i]);
        done_[i] = false;
    }
    bool done(RunIndex i) const { return done_[i]; }
    bool inputs_done(RunIndex i) const {
        for (RunIndex input : plan_[i].inputs)
            if (!done_[input]) return false;
        return true;
    }

    // Computes `i` after its unfinished inputs.
    void ensure(RunIndex i, ExecutionSummary& summary) {
        if (done_[i]) return;
        for (RunIndex input : plan_[i].inputs) ensure(input, summary);
        compute(i);
        ++summary.computed;
        ++summary.computed_by_stage[plan_[i].stage];
    }

private:
    void compute(RunIndex i) {
        const PlannedRun& run = plan_[i];
        if (log_ != nullptr) *log_ << "run " << (i + 1) << "/" << plan_.size() << ": " << run.name << std::endl;
        const fs::path final_folder = store_.folder(run);
        const fs::path work = final_folder.string() + ".partial-" + std::to_string(::getpid());
        fs::remove_all(work);
        fs::create_directories(work);
        RunContext context(plan_, store_, i, tables_, work);
        run.compute(context);
        context.finish();
        fault_point("run:finished");
        // Another shard may have finished the same run meanwhile: its folder has the same bytes.
        if (fs::exists(final_folder)) {
            fs::remove_all(work);
        } else {
            fs::rename(work, final_folder);
        }
        done_[i] = true;
    }

    const RunPlan& plan_;
    const RunStore& store_;
    const std::vector<TableSchema>& tables_;
    std::ostream* log_;
    std::vector<bool> done_;
};

}  // namespace

ExecutionSummary execute_plan(const RunPlan& plan, const RunStore& store, const std::vector<TableSchema>& tables,
                              const ExecutionOptions& options) {
    Executor executor(plan, store, tables, options.log);
    for (const std::string& pattern : options.recompute) {
        bool matched = false;
        for (RunIndex i = 0; i < plan.size(); ++i)
            if (plan[i].name == pattern || plan[i].stage == pattern) {
                executor.forget(i);
                matched = true;
            }
        require(matched, "--recompute " + pattern + ": no run or stage of this configuration has that name "
                         "(--list-runs lists them)");
    }
    ExecutionSummary summary;
    for (RunIndex i = 0; i < plan.size(); ++i) {
        if (executor.done(i)) {
            if (options.shard.selects(plan[i].group)) ++summary.reused;
            continue;
        }
        // A summary over several groups waits for the merging invocation; the merge computes only
        // summaries, and only once their inputs exist.
        const bool sharded = options.shard.count > 1;
        const bool deferred = options.only_ready ? !plan[i].after_shards || !executor.inputs_done(i)
                                                 : !options.shard.selects(plan[i].group) ||
                                                       (sharded && plan[i].after_shards);
        if (deferred) {
            ++summary.skipped;
            continue;
        }
        executor.ensure(i, summary);
    }
    return summary;
}

std::string list_runs(const RunPlan& plan, const RunStore& store) {
    std::ostringstream out;
    out << "group\tstage\trun\tkey\tstatus\n";
    std::size_t done = 0;
    for (const PlannedRun& run : plan.runs()) {
        const bool finished = store.finished(run);
        done += finished ? 1 : 0;
        out << run.group << '\t' << run.stage << '\t' << run.name << '\t' << run.key.hex() << '\t'
            << (finished ? "done" : "pending") << '\n';
    }
    out << "# " << plan.size() << " runs in " << plan.group_count() << " groups (the units of --shard K/N); " << done
        << " done, " << plan.size() - done << " pending\n";
    return out.str();
}

}  // namespace qmlr::experiments
