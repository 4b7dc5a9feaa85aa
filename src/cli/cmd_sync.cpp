#include "batch/exit_status.hpp"
#include "batch/manifest.hpp"
#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/connection.hpp"
#include "cli/grouped_report_output.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"
#include "cli/line_item_parts.hpp"
#include "cli/signals.hpp"
#include "cli/terminal_observer.hpp"
#include "input/file_text.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <deque>
#include <memory>

namespace gradepost::cli {

namespace {

struct SyncOptions {
    std::string manifest_file;
    std::vector<std::string> only;
};

// A job's line items: one, or one per score column of a wide job.
std::vector<LineItemPart> parts_of(const batch::ManifestJob& job) {
    InputOptions input;
    input.files = job.files;
    input.maps = job.map;
    input.keep = job.keep;
    input.maximum = job.maximum;
    LineItemChoice line_item;
    line_item.url = job.line_item;
    line_item.label = job.label;
    line_item.create = job.create;
    line_item.maximum = job.maximum;
    try {
        return line_item_parts(input, line_item, job.wide, job.columns);
    } catch (const util::UsageError& error) {
        throw util::UsageError("job \"" + job.name + "\": " + error.what());
    }
}

// The scopes every job's token asks for: sync's jobs read, find, create and post.
std::vector<std::string> sync_scopes() {
    return {std::string(lti::k_scope_result_readonly), std::string(lti::k_scope_score),
            std::string(lti::k_scope_lineitem_readonly), std::string(lti::k_scope_lineitem)};
}

// The connections of a sync: one per profile and course, for the course's URLs; the
// connections of one platform and client id (whatever profiles name them) share the first's
// transport and token source, so one client gets one token and one concurrency budget (and
// one Canvas bucket).
class SyncConnections {
public:
    explicit SyncConnections(const GlobalOptions& globals) : m_globals(globals) {}
    SyncConnections(const SyncConnections&) = delete;
    SyncConnections& operator=(const SyncConnections&) = delete;
    // A course's connection goes before the first of its client, whose tokens it holds.
    ~SyncConnections() {
        while (!m_entries.empty())
            m_entries.pop_back();
    }

    const GlobalOptions& options_for(const batch::ManifestJob& job) {
        return *entry_for(job).options;
    }
    Connection& connection_for(const batch::ManifestJob& job) { return *entry_for(job).connection; }

    std::optional<model::RequestCounts> request_counts() const {
        std::optional<model::RequestCounts> sum;
        for (const auto& entry : m_entries)
            sum = add_request_counts(sum, entry.connection->request_counts());
        return sum;
    }

private:
    struct Entry {
        std::string profile, course;
        std::string platform; // Connection::platform_key(): token URL and client id
        std::unique_ptr<GlobalOptions> options;
        std::unique_ptr<Connection> connection;
    };

    Entry& entry_for(const batch::ManifestJob& job) {
        for (auto& entry : m_entries)
            if (entry.profile == job.profile && entry.course == job.course)
                return entry;
        Entry entry{job.profile, job.course, "", std::make_unique<GlobalOptions>(m_globals),
                    nullptr};
        if (!job.profile.empty())
            entry.options->profile = job.profile;
        if (!job.course.empty())
            entry.options->connection.course = job.course;
        // Connections contact nothing until used: this one only reads the profile.
        entry.connection = std::make_unique<Connection>(*entry.options, sync_scopes());
        entry.platform = entry.connection->platform_key();
        auto first = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& other) {
            return other.platform == entry.platform;
        });
        if (first != m_entries.end())
            entry.connection = std::make_unique<Connection>(*entry.options, *first->connection);
        m_entries.push_back(std::move(entry));
        return m_entries.back();
    }

    const GlobalOptions& m_globals;
    std::deque<Entry> m_entries; // a deque: entries never move
};

int run_sync(const GlobalOptions& globals, const SyncOptions& options) {
    auto manifest =
        batch::parse_manifest(input::read_file_text(options.manifest_file), options.manifest_file);
    auto jobs = batch::select_jobs(manifest, options.only);

    // Everything is read and checked before anything is posted: wide columns too.
    std::vector<std::pair<batch::ManifestJob, std::vector<LineItemPart>>> planned;
    for (const auto& job : jobs)
        planned.emplace_back(job, parts_of(job));

    SyncConnections connections(globals);
    TerminalObserver observer(globals);
    InterruptGuard interrupt_guard;
    model::GroupedReport report;
    report.command = "sync";
    for (const auto& planned_job : planned) {
        if (util::is_interrupted())
            break;
        // Named, not bound: a lambda below captures the job (clang refuses bindings there).
        const auto& job = planned_job.first;
        const auto& parts = planned_job.second;
        const auto& job_globals = connections.options_for(job);
        auto request_for = [&](const LineItemPart& part) {
            batch::PostRequest request;
            request.plan = plan_request(part.input);
            request.plan.select.select = *policy::parse_select(job.select);
            request.ledger = state_path(job_globals);
            request.wait_lock = std::chrono::seconds(0); // a busy line item is skipped
            return request;
        };
        auto runs =
            run_line_item_parts(parts, request_for, connections.connection_for(job), observer);
        for (auto& run : runs) {
            run.job = job.name;
            report.runs.push_back(std::move(run));
        }
    }
    report.requests = connections.request_counts();
    report.exit_code = worst_exit_code(report.runs, util::is_interrupted());
    show_grouped_report(globals, report);
    return report.exit_code;
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
