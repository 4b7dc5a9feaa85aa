#include "cli/input_options.hpp"

#include "input/read_attempts.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>

namespace gradepost::cli {

namespace {

input::ReadOptions read_options(const InputOptions& options) {
    input::ReadOptions read;
    if (options.format == "csv")
        read.format = input::Format::csv;
    else if (options.format == "json")
        read.format = input::Format::json;
    if (!options.delimiter.empty()) {
        bool is_tab = options.delimiter == "tab" || options.delimiter == "\\t";
        if (!is_tab && options.delimiter.size() != 1)
            throw util::UsageError("--delimiter takes one character, or \"tab\"");
        read.delimiter = is_tab ? '\t' : options.delimiter.front();
    }
    read.decimal_comma = options.decimal_comma;
    read.default_maximum = options.maximum;
    read.allow_over_max = options.allow_over_max;
    read.skip_invalid = options.skip_invalid;
    // The reader finds the e-mail column by its usual names when the ids are addresses.
    read.user_is_email = options.match == "email";
    for (const auto& mapping : options.maps) {
        auto equals = mapping.find('=');
        auto field = equals == std::string::npos
                         ? std::nullopt
                         : input::parse_field(std::string_view(mapping).substr(0, equals));
        if (!field)
            throw util::UsageError("--map " + mapping +
                                   ": use FIELD=COLUMN with FIELD one of user, score, max, "
                                   "submitted, attempt, comment, status, url");
        read.column_for[*field] = mapping.substr(equals + 1);
    }
    return read;
}

} // namespace

bool InputOptions::needs_nrps() const {
    return !match.empty() && match != "user_id" && roster_file.empty();
}

void add_input_options(CLI::App& command, InputOptions& options) {
    // Required by each command that reads exports (post --plan reads none).
    command.add_option("FILE", options.files, "Attempt exports (CSV or JSON)")
        ->check(CLI::ExistingFile);
    command
        .add_option("--max", options.maximum,
                    "Maximum score where the data has none (and for --create)")
        ->check(CLI::PositiveNumber);
    command.add_option("--format", options.format, "csv|json|auto")
        ->check(CLI::IsMember({"auto", "csv", "json"}));
    command.add_option("--map", options.maps, "FIELD=COLUMN: read FIELD from COLUMN (repeatable)");
    command.add_option("--delimiter", options.delimiter, "CSV delimiter: , ; or tab");
    command.add_flag("--decimal-comma", options.decimal_comma, "Numbers use a decimal comma");
    command.add_flag("--allow-over-max", options.allow_over_max,
                     "Accept scores above the maximum (extra credit)");
    command.add_flag("--skip-invalid", options.skip_invalid, "Report bad rows and go on");
    command
        .add_option("--match", options.match,
                    "What the user column holds: user_id|email|sourcedid|name")
        ->check(CLI::IsMember({"user_id", "email", "sourcedid", "name"}));
    command
        .add_option("--roster", options.roster_file,
                    "CSV roster for --match instead of NRPS (user_id + matched column)")
        ->check(CLI::ExistingFile);
    command.add_option("--keep", options.keep, "Score to keep: highest|latest|first|average")
        ->check(CLI::IsMember({"highest", "latest", "first", "average"}));
    command.add_flag("--complete", options.complete,
                     "Full marks for every submitted attempt (complete/incomplete)");
    command.add_flag("--post-pending", options.post_pending,
                     "Post ungraded submissions as Submitted/PendingManual");
    command.add_option("--comment", options.comment, "Comment sent with every score");
}

batch::PlanRequest plan_request(const InputOptions& options) {
    batch::PlanRequest request;
    request.files.assign(options.files.begin(), options.files.end());
    request.read = read_options(options);
    request.keep.keep = *policy::parse_keep(options.keep);
    request.keep.complete = options.complete;
    request.keep.post_pending = options.post_pending;
    request.keep.comment = options.comment;
    if (!options.match.empty())
        request.match = batch::parse_match_field(options.match);
    return request;
}

} // namespace gradepost::cli
