#include "sandbox/quirks.hpp"

namespace gradepost::sandbox {

std::optional<QuirkMode> parse_quirk_mode(std::string_view name) {
    if (name == "strict")
        return QuirkMode::strict;
    if (name == "canvas")
        return QuirkMode::canvas;
    if (name == "moodle")
        return QuirkMode::moodle;
    if (name == "openedx")
        return QuirkMode::openedx;
    if (name == "brightspace")
        return QuirkMode::brightspace;
    return std::nullopt;
}

std::string_view to_string(QuirkMode mode) {
    switch (mode) {
    case QuirkMode::canvas:
        return "canvas";
    case QuirkMode::moodle:
        return "moodle";
    case QuirkMode::openedx:
        return "openedx";
    case QuirkMode::brightspace:
        return "brightspace";
    case QuirkMode::strict:
        break;
    }
    return "strict";
}

std::string_view platform_name(QuirkMode mode) {
    return mode == QuirkMode::strict ? "generic" : to_string(mode);
}

Quirks quirks_for(QuirkMode mode) {
    Quirks quirks;
    quirks.mode = mode;
    switch (mode) {
    case QuirkMode::strict:
        break;
    case QuirkMode::canvas:
        quirks.default_page_size = 10;
        quirks.max_page_size = 100;
        quirks.score_answer = ScoreAnswer::result_url;
        quirks.accepts_lti_user_ids = true;
        quirks.keeps_comment_history = true;
        quirks.counts_attempts = true;
        quirks.non_final_erases_score = true;
        quirks.canvas_throttle_by_default = true;
        quirks.accepts_plain_json = true;
        quirks.answers_delete_with_item = true;
        quirks.iat_leeway = std::chrono::seconds(30);
        quirks.iat_max_age = std::chrono::minutes(5);
        break;
    case QuirkMode::moodle:
        quirks.moodle_urls = true;
        quirks.offset_paging = true;
        quirks.moodle_links = true;
        quirks.timestamp_rule = TimestampRule::later_in_whole_seconds;
        quirks.score_answer = ScoreAnswer::empty_body;
        quirks.non_final_clears_grade = true;
        quirks.caps_score_at_maximum = true;
        quirks.numeric_result_user_id = true;
        quirks.results_refuse_limit = true;
        quirks.requires_exact_accept = true;
        quirks.errors_in_status_line = true;
        quirks.token_answer_as_html = true;
        quirks.iat_leeway = std::chrono::seconds(0);
        break;
    case QuirkMode::openedx:
        quirks.timestamp_rule = TimestampRule::later;
        quirks.score_status = 201;
        quirks.ignores_result_user_id = true;
        break;
    case QuirkMode::brightspace:
        quirks.token_audience = "https://api.brightspace.com/auth/token";
        quirks.default_page_size = 200;
        quirks.max_page_size = 200;
        break;
    }
    return quirks;
}

} // namespace gradepost::sandbox
