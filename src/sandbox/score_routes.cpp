#include "sandbox/paging.hpp"
#include "sandbox/request_error.hpp"
#include "sandbox/responses.hpp"
#include "sandbox/route_guard.hpp"
#include "sandbox/route_params.hpp"
#include "sandbox/routes.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace gradepost::sandbox {

namespace {

void require_line_item(const SandboxContext& context, int id) {
    if (!context.state.line_item(id))
        throw RequestError(404, "Line item not found");
}

// Canvas echoes each file with the URL of its download's progress; the files just stored
// are the last ones of `attachment_count`.
nlohmann::json content_items_answer(const SandboxContext& context, int id,
                                    const std::string& user_id, const ScoreSubmission& score,
                                    std::size_t attachment_count) {
    auto items = nlohmann::json::array();
    std::size_t number = attachment_count - score.files.size();
    for (const auto& file : score.files)
        items.push_back(
            {{"type", "file"},
             {"url", file.url},
             {"title", file.title},
             {"progress", fmt::format("{}/api/lti/progress/{}-{}-{}", context.urls.base_url(), id,
                                      user_id, ++number)}});
    return items;
}

void post_score(const httplib::Request& request, httplib::Response& response,
                SandboxContext& context, CallNotes& notes) {
    int id = item_id(request);
    require_line_item(context, id);
    require_content_type(request, k_score_media_type, context.quirks);
    nlohmann::json body = parse_json_body(request);
    if (body.is_object() && body.contains("userId") && body["userId"].is_string())
        notes.user_id = body["userId"].get<std::string>();

    // Canvas checks the course before anything else of the score, with these texts.
    switch (context.state.course_state()) {
    case CourseState::concluded:
        throw RequestError(422, "This course has concluded. AGS requests will no longer be "
                                "accepted for this course.");
    case CourseState::unpublished:
        throw RequestError(422, "Course not available for student");
    case CourseState::active:
        break;
    }
    ScoreSubmission score = parse_score(body);
    const Member* member =
        context.state.find_member(score.user_id, context.quirks.accepts_lti_user_ids);
    if (!member || !member->is_student())
        throw RequestError(422, "User not found in course or is not a student");
    StoredResult stored = context.state.record_score(id, *member, score, context.quirks,
                                                     context.options.canvas_attempts);

    response.status = context.quirks.score_status;
    switch (context.quirks.score_answer) {
    case ScoreAnswer::empty_object:
        send_json(response, context.quirks.score_status, nlohmann::json::object());
        break;
    case ScoreAnswer::result_url: {
        nlohmann::json answer = {{"resultUrl", context.urls.result_url(id, member->user_id)}};
        if (score.is_new_submission && !score.files.empty())
            answer[k_canvas_extension] = {
                {"content_items", content_items_answer(context, id, member->user_id, score,
                                                       stored.attachments.size())}};
        send_json(response, context.quirks.score_status, answer);
        break;
    }
    case ScoreAnswer::empty_body:
        break;
    }
}

nlohmann::json result_json(const SandboxContext& context, int id, const std::string& user_id,
                           const StoredResult& result) {
    nlohmann::json json = {{"id", context.urls.result_url(id, user_id)},
                           {"scoreOf", context.urls.lineitem_url(id)},
                           {"userId", user_id},
                           {"timestamp", result.timestamp}};
    if (result.score_given)
        json["resultScore"] = *result.score_given;
    if (result.score_maximum)
        json["resultMaximum"] = *result.score_maximum;
    if (!result.comment.empty())
        json["comment"] = result.comment;
    return json;
}

void list_results(const httplib::Request& request, httplib::Response& response,
                  SandboxContext& context) {
    int id = item_id(request);
    require_line_item(context, id);
    require_accept(request, k_result_container_media_type, context.quirks);
    const auto& quirks = context.quirks;
    if (quirks.results_refuse_limit && request.has_param("limit"))
        throw RequestError(400, "limit is not supported on results");

    std::optional<std::string> user_filter;
    if (request.has_param("user_id") && !quirks.ignores_result_user_id) {
        std::string user_id = request.get_param_value("user_id");
        if (quirks.numeric_result_user_id &&
            (user_id.empty() || !std::all_of(user_id.begin(), user_id.end(), ::isdigit)))
            throw RequestError(400, "user_id must be numeric");
        const Member* member = context.state.find_member(user_id, quirks.accepts_lti_user_ids);
        user_filter = member ? member->user_id : user_id;
    }

    std::vector<std::pair<std::string, StoredResult>> results;
    for (auto& entry : context.state.results(id))
        if (!user_filter || entry.first == *user_filter)
            results.push_back(std::move(entry));

    Page page = paginate(results.size(), query_of(request), quirks, context.urls.results_url(id));
    auto body = nlohmann::json::array();
    for (std::size_t i = page.begin; i < page.end; ++i)
        body.push_back(result_json(context, id, results[i].first, results[i].second));
    if (!page.link_header.empty())
        response.set_header("Link", page.link_header);
    send_json(response, 200, body, k_result_container_media_type);
}

} // namespace

void add_score_routes(httplib::Server& server, SandboxContext& context) {
    server.Post(context.urls.scores_pattern(),
                guard(context, RouteKind::score, {k_scope_score},
                      [&context](const auto& request, auto& response, CallNotes& notes) {
                          post_score(request, response, context, notes);
                      }));
    server.Get(context.urls.results_pattern(),
               guard(context, RouteKind::results, {k_scope_result_readonly},
                     [&context](const auto& request, auto& response, CallNotes&) {
                         list_results(request, response, context);
                     }));
}

} // namespace gradepost::sandbox
