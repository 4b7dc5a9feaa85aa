#pragma once

#include "model/plan.hpp"
#include "model/time.hpp"

#include <string>
#include <string_view>

// A reviewed plan, written by `dry-run --plan-out` and applied exactly by `post --plan`
// (like `terraform plan -out` / `apply`). JSON:
//   {"format": "gradepost-plan", "version": 1, "made_at": ISO 8601, "platform": token URL and
//    client id, "line_item": URL, "keep", "select", "rows",
//    "entries": [{"user_id", "action": "post"|"skip", "reason", "kind", "score_given",
//                 "score_maximum", "comment", "submitted_at", "url", "attempts": ["k:<hex>"],
//                 "lms_score", "lms_maximum", "last_posted_score", "overrides_lms_edit"}],
//    "digest": "sha256:<hex>"}
// The digest is SHA-256 of the document without "digest", dumped compactly with sorted keys:
// any edit of the file after it was made, by hand or by accident, fails it. Secrets are never
// part of a plan.

namespace gradepost::batch {

inline constexpr int k_plan_version = 1;

// The plan file's text for a plan made at `made_at`.
std::string write_plan(const model::Plan& plan, model::Timestamp made_at);

// The plan in a plan file: entries to post carry their kept score, LMS value seen and last
// posted value. Throws util::UsageError naming `path` for a file that is not a plan, has an
// unknown version or fails its digest.
model::Plan read_plan(std::string_view text, const std::string& path);

} // namespace gradepost::batch
