#pragma once

#include "batch/post_run.hpp"
#include "cli/command.hpp"
#include "cli/input_options.hpp"
#include "cli/line_item_choice.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace gradepost::cli {

// The flags of post and dry-run (and of each sync job, in the same words).
struct PostOptions {
    bool is_dry_run = false;
    InputOptions input;
    LineItemChoice line_item;
    std::string select = "new";
    std::vector<std::string> only;
    std::vector<std::string> exclude;
    std::string canvas_attach_url_column;
    std::string canvas_attach_file_column;
    std::string report_file;
    bool is_every_row = false; // --all-rows
    int wait_lock_seconds = 0;
    bool is_wide = false;             // --wide: every score column is its own line item
    std::vector<std::string> columns; // --columns: the score columns --wide posts
    batch::PostRequest request;       // the flags that map one to one are bound to it directly
};

// Adds the flags; dry-run gets --offline, post the sending flags.
void add_post_options(CLI::App& command, PostOptions& options);

// The request the flags describe. Throws util::UsageError for malformed flags.
batch::PostRequest post_request(const GlobalOptions& globals, PostOptions options);

// The scopes the run's token needs, no more.
std::vector<std::string> scopes_for(const PostOptions& options);

} // namespace gradepost::cli
