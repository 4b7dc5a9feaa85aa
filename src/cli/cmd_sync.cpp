#include "batch/exit_status.hpp"
#include "batch/manifest.hpp"
#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/post_platform.hpp"
#include "cli/signals.hpp"
#include "cli/terminal_observer.hpp"
#include "input/file_text.hpp"
#include "input/wide_columns.hpp"
#include "report/render.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>

namespace gradepost::cli {

namespace {

struct SyncOptions {
    std::string manifest_file;
    std::vector<std::string> only;
};

// One line item of a job: a wide job has one per score column.
struct JobPart {
    std::string job;
    std::string label; // what the summary shows: the label, or the line item URL
    InputOptions input;
    LineItemChoice line_item;
    std::string select;
};

std::vector<JobPart> parts_of(const batch::ManifestJob& job) {
    JobPart base;
    base.job = job.name;
    base.input.files = job.files;
    base.input.maps = job.map;
    base.input.keep = job.keep;
    base.input.maximum = job.maximum;
    base.line_item.url = job.line_item;
    base.line_item.label = job.label;
    base.line_item.create = job.create;
    base.line_item.maximum = job.maximum;
    base.select = job.select;
    base.label = job.line_item.empty() ? job.label : job.line_item;
    if (!job.wide)
        return {base};
    auto columns = input::wide_columns_of_file(job.files.front());
    if (!job.columns.empty())
        columns = input::choose_wide_columns(columns, job.columns);
    if (columns.empty())
        throw util::UsageError("job \"" + job.name + "\": " + job.files.front() +
                               " has no score column");
    std::vector<JobPart> parts;
    for (const auto& column : columns) {
        auto part = base;
        part.input.maps.push_back("score=" + column.column);
        part.line_item.label = column.label;
        if (!part.line_item.maximum)
            part.line_item.maximum = column.maximum;
        part.label = column.label;
        parts.push_back(std::move(part));
    }
    return parts;
}

// How bad a job's exit code is, for the sync's own: configuration, then unreachable, then bad
// input, then a line item locked by another runner, then some scores failed.
int severity(util::ExitCode code) {
    switch (code) {
    case util::ExitCode::config:
        return 6;
    case util::ExitCode::unreachable:
        return 5;
    case util::ExitCode::usage:
        return 4;
    case util::ExitCode::locked:
        return 3;
    case util::ExitCode::some_failed:
        return 2;
    case util::ExitCode::ok:
        return 0;
    default:
        return 7;
    }
}

struct PartResult {
    const JobPart* part = nullptr;
    util::ExitCode code = util::ExitCode::ok;
    std::optional<model::RunReport> report;
    std::string error;
};

// The jobs of one profile and course share one connection: one token, one client.
std::string connection_key(const batch::ManifestJob& job) {
    return job.profile + '\n' + job.course;
}

int run_sync(const GlobalOptions& globals, const SyncOptions& options) {
    auto manifest =
        batch::parse_manifest(input::read_file_text(options.manifest_file), options.manifest_file);
    auto jobs = batch::select_jobs(manifest, options.only);

    // Everything is read and checked before anything is posted: wide columns too.
    std::vector<std::pair<batch::ManifestJob, std::vector<JobPart>>> planned;
    for (const auto& job : jobs)
        planned.emplace_back(job, parts_of(job));

    std::map<std::string, std::unique_ptr<GlobalOptions>> job_globals;
    std::map<std::string, std::unique_ptr<Connection>> connections;
    TerminalObserver observer(globals);
    InterruptGuard interrupt_guard;
    std::vector<PartResult> results;
    for (const auto& [job, parts] : planned) {
        auto key = connection_key(job);
        if (!connections.contains(key)) {
            auto options_for_job = std::make_unique<GlobalOptions>(globals);
            if (!job.profile.empty())
                options_for_job->profile = job.profile;
            if (!job.course.empty())
                options_for_job->connection.course = job.course;
            std::vector<std::string> scopes{
                std::string(lti::k_scope_result_readonly), std::string(lti::k_scope_score),
                std::string(lti::k_scope_lineitem_readonly), std::string(lti::k_scope_lineitem)};
            connections[key] = std::make_unique<Connection>(*options_for_job, scopes);
            job_globals[key] = std::move(options_for_job);
        }
        auto& connection = *connections[key];
        for (const auto& part : parts) {
            if (util::is_interrupted())
                break;
            PartResult result;
            result.part = &part;
            try {
                auto request = batch::PostRequest{};
                request.plan = plan_request(part.input);
                request.plan.select.select = *policy::parse_select(part.select);
                request.ledger = state_path(globals);
                request.wait_lock = std::chrono::seconds(0); // a busy line item is skipped
                PostPlatform platform(connection, part.line_item, "", false);
                result.report = batch::run_post(request, platform, util::system_clock(), observer);
                result.code = batch::exit_code_of(*result.report);
            } catch (const util::Error& error) {
                result.code = error.code();
                result.error = error.what();
            }
            results.push_back(std::move(result));
        }
    }

    auto worst = util::ExitCode::ok;
    for (const auto& result : results)
        if (severity(result.code) > severity(worst))
            worst = result.code;
    if (util::is_interrupted())
        worst =
            util::ExitCode::interrupted; // what was not sent stays unsent; the ledger is committed

    if (globals.json) {
        auto jobs_json = nlohmann::json::array();
        for (const auto& result : results) {
            nlohmann::json entry{{"job", result.part->job},
                                 {"line_item", result.part->label},
                                 {"exit_code", static_cast<int>(result.code)}};
            if (result.report)
                entry["report"] = nlohmann::json::parse(report::run_report_json(*result.report));
            if (!result.error.empty())
                entry["error"] = result.error;
            jobs_json.push_back(std::move(entry));
        }
        auto text =
            nlohmann::json{{"jobs", jobs_json}, {"exit_code", static_cast<int>(worst)}}.dump(2) +
            "\n";
        std::fwrite(text.data(), 1, text.size(), stdout);
        return static_cast<int>(worst);
    }
    std::string summary;
    for (const auto& result : results) {
        summary += "== " + result.part->job + ": " + result.part->label + " (exit " +
                   std::to_string(static_cast<int>(result.code)) + ")\n";
        if (result.report)
            summary += report::run_report_table(*result.report, output_style(globals));
        if (!result.error.empty())
            summary += "   " + result.error + "\n";
    }
    print(globals, summary);
    return static_cast<int>(worst);
}

} // namespace

void add_sync_command(CLI::App& app, GlobalOptions& globals, Action& action) {
    auto options = std::make_shared<SyncOptions>();
    auto* sync = app.add_subcommand(
        "sync", "Post every job of a manifest: many line items, courses and profiles in one run");
    sync->add_option("manifest", options->manifest_file, "The manifest (JSON): {\"jobs\": [...]}")
        ->required();
    sync->add_option("--only", options->only, "Run only the job with this name (repeatable)");
    sync->footer("Example:\n  gradepost sync term.json\n  gradepost sync term.json --only week3 "
                 "--json");
    sync->callback([&globals, &action, options] {
        action = [&globals, options] { return run_sync(globals, *options); };
    });
}

} // namespace gradepost::cli
