#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// What the sandbox reproduces of each platform (`--quirks`). Every difference is a named
// switch here, so routes read "if (quirks.offset_paging)" rather than "if moodle".
//
// strict   AGS 2.0 as written, Canvas's validation; equal timestamps accepted.
// canvas   403 "Rate Limit Exceeded" leaky bucket (on by default), pages of 10 (max 100),
//          assertions with iat at most 30 s ahead and 5 min old,
//          Canvas or LTI user ids, a comment kept per post, attempts counted (422 once
//          exhausted), a non-final post without preserve_score erases the score,
//          {"resultUrl": …} answer.
// moodle   Moodle's URLs (?type_id=1), `limit`+`from` paging with typographic quotes and
//          &amp; in Link, 409 on a timestamp not later in whole seconds, non-final or
//          score-less posts clear the grade, scores capped at the maximum, numeric user_id
//          on results, `limit` on results fails, `[]` error bodies with the message in the
//          status line, `Accept` must name the media type, token answered as text/html,
//          no clock leeway for an assertion's iat.
// openedx  201 on score POST, equal timestamps refused, user_id ignored on results.
// brightspace  the assertion's aud is Brightspace's API audience, not the token URL; pages
//          of 200 at most.
namespace gradepost::sandbox {

enum class QuirkMode { strict, canvas, moodle, openedx, brightspace };

std::optional<QuirkMode> parse_quirk_mode(std::string_view name);
std::string_view to_string(QuirkMode mode);
// The `platform` a tool profile should name for this mode: generic, or the mode's name.
std::string_view platform_name(QuirkMode mode);

// How a score's timestamp must relate to the stored one.
enum class TimestampRule {
    not_older,              // strict, canvas: older → 400, equal accepted
    later,                  // openedx: equal or older → 400
    later_in_whole_seconds, // moodle: equal or older in whole seconds → 409
};

// How a successful score POST is answered.
enum class ScoreAnswer { empty_object, result_url, empty_body };

struct Quirks {
    QuirkMode mode = QuirkMode::strict;
    bool moodle_urls = false;
    std::optional<std::size_t> default_page_size; // none: everything in one page
    std::size_t max_page_size = 0;                // 0: no maximum
    bool offset_paging = false;                   // `limit` + `from` instead of `limit` + `page`
    bool moodle_links = false;                    // “next”, literal "Link: ", &amp;, next only
    TimestampRule timestamp_rule = TimestampRule::not_older;
    int score_status = 200;
    ScoreAnswer score_answer = ScoreAnswer::empty_object;
    bool accepts_lti_user_ids = false;               // Canvas: numeric or LTI user id
    bool keeps_comment_history = false;              // Canvas: every post adds a comment
    bool counts_attempts = false;                    // Canvas: --canvas-attempts
    bool non_final_erases_score = false;             // Canvas, unless preserve_score
    bool non_final_clears_grade = false;             // Moodle: non-final or score-less clears
    bool caps_score_at_maximum = false;              // Moodle
    bool numeric_result_user_id = false;             // Moodle
    bool results_refuse_limit = false;               // Moodle
    bool ignores_result_user_id = false;             // Open edX
    bool requires_exact_accept = false;              // Moodle: `*/*` → 400
    bool errors_in_status_line = false;              // Moodle: `[]` body
    bool token_answer_as_html = false;               // Moodle
    bool canvas_throttle_by_default = false;         // Canvas
    bool accepts_plain_json = false;                 // Canvas: application/json bodies too
    bool answers_delete_with_item = false;           // Canvas: 200 with the item, not 204
    std::string token_audience;                      // Brightspace; empty: the token URL
    std::chrono::seconds iat_leeway{60};             // how far ahead an assertion's iat may be
    std::optional<std::chrono::seconds> iat_max_age; // Canvas: 5 minutes
};

Quirks quirks_for(QuirkMode mode);

} // namespace gradepost::sandbox
