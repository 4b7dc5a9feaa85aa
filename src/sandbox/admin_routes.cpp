#include "sandbox/responses.hpp"
#include "sandbox/route_guard.hpp"
#include "sandbox/routes.hpp"

#include <charconv>

namespace gradepost::sandbox {

namespace {

nlohmann::json attachments_json(const std::vector<SubmittedFile>& files) {
    auto list = nlohmann::json::array();
    for (const auto& file : files)
        list.push_back({{"url", file.url}, {"title", file.title}, {"media_type", file.media_type}});
    return list;
}

nlohmann::json stored_result_json(const StoredResult& result) {
    return {
        {"score_given", result.score_given ? nlohmann::json(*result.score_given) : nullptr},
        {"score_maximum", result.score_maximum ? nlohmann::json(*result.score_maximum) : nullptr},
        {"comment", result.comment},
        {"comments", result.comments},
        {"timestamp", result.timestamp},
        {"activity_progress", result.activity_progress},
        {"grading_progress", result.grading_progress},
        {"cleared", result.is_cleared},
        {"set_by_hand", result.is_set_by_hand},
        {"attempts", result.attempts},
        {"attachments", attachments_json(result.attachments)}};
}

// Per line item and student: the stored result and the accepted posts, in total and per
// score value; `max_posts` is what a "nobody was posted twice" check looks at.
nlohmann::json scores_json(const SandboxContext& context) {
    auto rows = nlohmann::json::array();
    int max_posts = 0;
    for (const auto& row : context.state.score_rows()) {
        max_posts = std::max(max_posts, row.record.posts);
        rows.push_back({{"line_item_id", row.line_item_id},
                        {"line_item", context.urls.lineitem_url(row.line_item_id)},
                        {"user_id", row.user_id},
                        {"accepted_posts", row.record.posts},
                        {"accepted_posts_by_score", row.record.posts_by_score},
                        {"result", row.record.result ? stored_result_json(*row.record.result)
                                                     : nlohmann::json()}});
    }
    return {{"scores", std::move(rows)}, {"max_posts", max_posts}};
}

nlohmann::json config_json(const SandboxContext& context) {
    auto line_items = nlohmann::json::array();
    for (const auto& item : context.state.line_items())
        line_items.push_back({{"id", item.id},
                              {"url", context.urls.lineitem_url(item.id)},
                              {"label", item.label},
                              {"scoreMaximum", item.score_maximum}});
    return {{"base_url", context.urls.base_url()},
            {"course_id", context.state.course_id()},
            {"course_state", to_string(context.state.course_state())},
            {"client_id", context.options.client_id},
            {"platform", platform_name(context.quirks.mode)},
            {"quirks", to_string(context.quirks.mode)},
            {"token_url", context.urls.token_url()},
            {"lineitems_url", context.urls.lineitems_url()},
            {"memberships_url", context.urls.memberships_url()},
            {"line_items", std::move(line_items)},
            {"scopes", context.allowed_scopes}};
}

std::uint64_t since_of(const httplib::Request& request) {
    std::string text = request.get_param_value("since");
    std::uint64_t since = 0;
    std::from_chars(text.data(), text.data() + text.size(), since);
    return since;
}

void change_faults(const httplib::Request& request, httplib::Response& response,
                   SandboxContext& context) {
    auto changes = nlohmann::json::parse(request.body, nullptr, false);
    try {
        if (changes.is_discarded())
            throw std::invalid_argument("the body is not valid JSON");
        context.faults.update(changes);
    } catch (const std::exception& error) {
        send_json(response, 400, {{"errors", {{{"message", error.what()}}}}});
        return;
    }
    send_json(response, 200, to_json(context.faults.settings()));
}

// {"line_item_id": 1, "user_id": "u1", "score_given": 7, "score_maximum": 10}: a grade
// typed in by hand, as an instructor would in the gradebook.
void set_grade_by_hand(const httplib::Request& request, httplib::Response& response,
                       SandboxContext& context) {
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("line_item_id") || !body["line_item_id"].is_number() ||
        !body.contains("user_id") || !body["user_id"].is_string() ||
        !body.contains("score_given") || !body["score_given"].is_number() ||
        !body.contains("score_maximum") || !body["score_maximum"].is_number()) {
        send_json(
            response, 400,
            {{"errors",
              {{{"message", "expected line_item_id, user_id, score_given, score_maximum"}}}}});
        return;
    }
    if (!context.state.set_grade_by_hand(body["line_item_id"].get<int>(),
                                         body["user_id"].get<std::string>(),
                                         body["score_given"].get<double>(),
                                         body["score_maximum"].get<double>(), context.now())) {
        send_json(response, 404, {{"errors", {{{"message", "unknown line item or student"}}}}});
        return;
    }
    send_json(response, 200, scores_json(context));
}

// {"state": "concluded"}: the course as an administrator left it (active, concluded,
// unpublished), so tests meet Canvas's course-level refusals.
void change_course_state(const httplib::Request& request, httplib::Response& response,
                         SandboxContext& context) {
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    std::optional<CourseState> state;
    if (body.is_object() && body.contains("state") && body["state"].is_string())
        state = parse_course_state(body["state"].get<std::string>());
    if (!state) {
        send_json(response, 400,
                  {{"errors",
                    {{{"message", "expected {\"state\": \"active|concluded|unpublished\"}"}}}}});
        return;
    }
    context.state.set_course_state(*state);
    send_json(response, 200, {{"state", to_string(*state)}});
}

} // namespace

void add_admin_routes(httplib::Server& server, SandboxContext& context) {
    server.Get("/_sandbox/log", [&context](const auto& request, auto& response) {
        send_json(response, 200, context.log.entries_json(since_of(request)));
    });
    server.Get("/_sandbox/scores", [&context](const auto&, auto& response) {
        send_json(response, 200, scores_json(context));
    });
    server.Get("/_sandbox/stats", [&context](const auto&, auto& response) {
        send_json(response, 200, context.log.stats_json());
    });
    server.Post("/_sandbox/reset", [&context](const auto&, auto& response) {
        context.state.clear_results();
        context.log.clear();
        context.faults.reset();
        context.state.set_course_state(CourseState::active);
        send_json(response, 200, {{"reset", true}});
    });
    server.Post("/_sandbox/grade", [&context](const auto& request, auto& response) {
        set_grade_by_hand(request, response, context);
    });
    server.Get("/_sandbox/faults", [&context](const auto&, auto& response) {
        send_json(response, 200, to_json(context.faults.settings()));
    });
    server.Post("/_sandbox/faults", [&context](const auto& request, auto& response) {
        change_faults(request, response, context);
    });
    server.Post("/_sandbox/course", [&context](const auto& request, auto& response) {
        change_course_state(request, response, context);
    });
    server.Get("/_sandbox/config", [&context](const auto&, auto& response) {
        send_json(response, 200, config_json(context));
    });
}

void add_fallback_routes(httplib::Server& server, SandboxContext& context) {
    auto not_found =
        guard(context, RouteKind::unknown, {}, [](const auto& request, auto& response, CallNotes&) {
            send_json(response, 404,
                      {{"errors",
                        {{{"message", "No route for " + request.method + " " + request.path}}}}});
        });
    server.Get(".*", not_found);
    server.Post(".*", not_found);
    server.Put(".*", not_found);
    server.Delete(".*", not_found);
}

} // namespace gradepost::sandbox
