#include "sandbox/course_seed.hpp"
#include "sandbox/request_error.hpp"
#include "sandbox/responses.hpp"
#include "sandbox/route_guard.hpp"
#include "sandbox/routes.hpp"
#include "sandbox/timestamps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

// The LTIAAS API in front of the sandbox platform (`gradepost sandbox --ltiaas`), over the
// same state. Ids and paging fields are the platform's own URLs, as LTIAAS hands out the
// LMS's; a page is asked for again as ?url=<that URL>.
namespace gradepost::sandbox {

namespace {

// LTIAAS's error shape: {"status", "error", "details": {"message"}}.
void send_ltiaas_error(httplib::Response& response, int status, const std::string& message) {
    std::string error = status == 401   ? "Unauthorized"
                        : status == 404 ? "Not Found"
                        : status == 403 ? "Forbidden"
                                        : "Bad Request";
    if (status >= 500)
        error = "Internal Server Error";
    send_json(response, status,
              {{"status", status}, {"error", error}, {"details", {{"message", message}}}});
}

void check_service_key(const httplib::Request& request, const SandboxOptions& options) {
    std::string expected =
        "SERVICE-AUTH-V1 " + options.ltiaas_api_key + ":" + options.ltiaas_service_key;
    if (request.get_header_value("Authorization") != expected)
        throw RequestError(401, "Invalid or missing service key");
}

// A route of the LTIAAS API: the guard's faults and log, then the key check, and every
// refusal in LTIAAS's shape.
httplib::Server::Handler ltiaas_route(SandboxContext& context, RouteKind kind,
                                      RouteHandler handler) {
    return guard(context, kind, {},
                 [&context, handler = std::move(handler)](const httplib::Request& request,
                                                          httplib::Response& response,
                                                          CallNotes& notes) {
                     try {
                         check_service_key(request, context.options);
                         handler(request, response, notes);
                     } catch (const RequestError& error) {
                         send_ltiaas_error(response, error.status(), error.what());
                     }
                 });
}

std::optional<std::string> param_of(const QueryParams& query, std::string_view name) {
    for (const auto& [key, value] : query)
        if (key == name)
            return value;
    return std::nullopt;
}

std::size_t count_param(const QueryParams& query, std::string_view name, std::size_t fallback) {
    auto text = param_of(query, name);
    if (!text)
        return fallback;
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < 1)
        throw RequestError(400, fmt::format("{} must be a positive integer", name));
    return value;
}

// The query of the platform URL a page stands for: from ?url= (which must be one of
// `collection_url`'s pages), or the LTIAAS request's own filters named the platform's way.
QueryParams platform_query(const httplib::Request& request, const std::string& collection_url,
                           std::initializer_list<std::pair<const char*, const char*>> renames) {
    if (request.has_param("url")) {
        std::string url = request.get_param_value("url");
        if (url.rfind(collection_url, 0) != 0)
            throw RequestError(400, "url is not a page of this collection: " + url);
        std::string rest = url.substr(collection_url.size());
        if (!rest.empty() && rest.front() != '?')
            throw RequestError(400, "url is not a page of this collection: " + url);
        return rest.empty() ? QueryParams{} : parse_form(rest.substr(1));
    }
    QueryParams query;
    for (const auto& [ltiaas_name, platform_name] : renames)
        if (request.has_param(ltiaas_name))
            query.emplace_back(platform_name, request.get_param_value(ltiaas_name));
    return query;
}

struct LtiaasPage {
    std::size_t begin = 0;
    std::size_t end = 0;
    nlohmann::json links = nlohmann::json::object(); // next, prev, first, last
};

// `limit` and `page` as the platform pages; the links are the platform's URLs.
LtiaasPage page_of(std::size_t total, const QueryParams& query, const std::string& collection_url,
                   const SandboxOptions& options) {
    std::size_t limit =
        count_param(query, "limit", static_cast<std::size_t>(options.ltiaas_page_size));
    std::size_t number = count_param(query, "page", 1);
    std::size_t pages = std::max<std::size_t>(1, (total + limit - 1) / limit);
    LtiaasPage page;
    page.begin = std::min(total, (number - 1) * limit);
    page.end = std::min(total, page.begin + limit);
    QueryParams kept;
    for (const auto& entry : query)
        if (entry.first != "limit" && entry.first != "page")
            kept.push_back(entry);
    auto link = [&](std::size_t target) {
        QueryParams params = kept;
        params.emplace_back("limit", std::to_string(limit));
        params.emplace_back("page", std::to_string(target));
        return with_query(collection_url, params);
    };
    if (number < pages)
        page.links["next"] = link(number + 1);
    if (number > 1)
        page.links["prev"] = link(std::min(number - 1, pages));
    page.links["first"] = link(1);
    page.links["last"] = link(pages);
    return page;
}

nlohmann::json ltiaas_line_item_json(const LineItem& item, const PlatformUrls& urls) {
    nlohmann::json json = {{"id", urls.lineitem_url(item.id)},
                           {"label", item.label},
                           {"scoreMaximum", item.score_maximum}};
    auto add = [&json](const char* name, const std::string& value) {
        if (!value.empty())
            json[name] = value;
    };
    add("tag", item.tag);
    add("resourceId", item.resource_id);
    add("resourceLinkId", item.resource_link_id);
    add("startDateTime", item.start_date_time);
    add("endDateTime", item.end_date_time);
    return json;
}

// The line item whose platform URL is the route's (percent-decoded) :lineItemId. The raw
// target must hold it as one encoded segment, as LTIAAS requires.
int ltiaas_item_id(const httplib::Request& request, const SandboxContext& context) {
    std::string target = request.target.substr(0, request.target.find('?'));
    std::string_view rest = std::string_view(target).substr(std::string("/api/lineitems/").size());
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        std::string_view after = rest.substr(slash);
        if (after != "/scores")
            throw RequestError(404, "the line item id must be one URL-encoded path segment");
    }
    std::string url = request.matches[1].str();
    for (const auto& item : context.state.line_items())
        if (context.urls.lineitem_url(item.id) == url)
            return item.id;
    throw RequestError(404, "Line item not found: " + url);
}

std::string text_field(const nlohmann::json& body, const char* name) {
    if (!body.contains(name) || body[name].is_null())
        return {};
    if (!body[name].is_string())
        throw RequestError(400, std::string(name) + " must be a string");
    return body[name].get<std::string>();
}

LineItem ltiaas_new_line_item(const httplib::Request& request) {
    nlohmann::json body = parse_json_body(request);
    if (!body.is_object())
        throw RequestError(400, "The line item must be a JSON object");
    LineItem item;
    item.label = text_field(body, "label");
    if (item.label.empty())
        throw RequestError(400, "label is required");
    if (!body.contains("scoreMaximum") || !body["scoreMaximum"].is_number() ||
        !(body["scoreMaximum"].get<double>() > 0))
        throw RequestError(400, "scoreMaximum must be a number greater than 0");
    item.score_maximum = body["scoreMaximum"].get<double>();
    item.tag = text_field(body, "tag");
    item.resource_id = text_field(body, "resourceId");
    item.resource_link_id = text_field(body, "resourceLinkId");
    item.start_date_time = text_field(body, "startDateTime");
    item.end_date_time = text_field(body, "endDateTime");
    for (const auto* date : {&item.start_date_time, &item.end_date_time})
        if (!date->empty() && !parse_timestamp(*date))
            throw RequestError(400, "dates must be ISO 8601 timestamps");
    return item;
}

void ltiaas_list_line_items(const httplib::Request& request, httplib::Response& response,
                            SandboxContext& context) {
    const std::string collection = context.urls.lineitems_url();
    QueryParams query = platform_query(request, collection,
                                       {{"resourceLinkId", "resource_link_id"},
                                        {"resourceId", "resource_id"},
                                        {"tag", "tag"},
                                        {"limit", "limit"}});
    auto resource_link_id = param_of(query, "resource_link_id");
    auto resource_id = param_of(query, "resource_id");
    auto tag = param_of(query, "tag");
    std::vector<LineItem> items;
    for (auto& item : context.state.line_items())
        if ((!resource_link_id || item.resource_link_id == *resource_link_id) &&
            (!resource_id || item.resource_id == *resource_id) && (!tag || item.tag == *tag))
            items.push_back(std::move(item));
    LtiaasPage page = page_of(items.size(), query, collection, context.options);
    nlohmann::json body = page.links;
    body["lineItems"] = nlohmann::json::array();
    for (std::size_t i = page.begin; i < page.end; ++i)
        body["lineItems"].push_back(ltiaas_line_item_json(items[i], context.urls));
    send_json(response, 200, body);
}

void ltiaas_post_score(const httplib::Request& request, httplib::Response& response,
                       SandboxContext& context, CallNotes& notes) {
    int id = ltiaas_item_id(request, context);
    nlohmann::json body = parse_json_body(request);
    if (body.is_object() && body.contains("userId") && body["userId"].is_string())
        notes.user_id = body["userId"].get<std::string>();
    ScoreSubmission score = parse_score(body);
    const Member* member =
        context.state.find_member(score.user_id, context.quirks.accepts_lti_user_ids);
    if (!member || !member->is_student())
        throw RequestError(422, "User not found in course or is not a student");
    context.state.record_score(id, *member, score, context.quirks, context.options.canvas_attempts);
    response.status = 204;
}

void ltiaas_list_scores(const httplib::Request& request, httplib::Response& response,
                        SandboxContext& context) {
    int id = ltiaas_item_id(request, context);
    const std::string collection = context.urls.results_url(id);
    QueryParams query =
        platform_query(request, collection, {{"userId", "user_id"}, {"limit", "limit"}});
    auto user_id = param_of(query, "user_id");
    nlohmann::json scores = nlohmann::json::array();
    std::vector<std::pair<std::string, StoredResult>> results;
    for (auto& entry : context.state.results(id))
        if (!user_id || entry.first == *user_id)
            results.push_back(std::move(entry));
    LtiaasPage page = page_of(results.size(), query, collection, context.options);
    nlohmann::json body = page.links;
    for (std::size_t i = page.begin; i < page.end; ++i) {
        const auto& [user, result] = results[i];
        nlohmann::json json = {{"id", context.urls.result_url(id, user)},
                               {"scoreOf", context.urls.lineitem_url(id)},
                               {"userId", user},
                               {"timestamp", result.timestamp}};
        if (result.score_given)
            json["resultScore"] = *result.score_given;
        if (result.score_maximum)
            json["resultMaximum"] = *result.score_maximum;
        if (!result.comment.empty())
            json["comment"] = result.comment;
        scores.push_back(std::move(json));
    }
    body["scores"] = std::move(scores);
    send_json(response, 200, body);
}

void ltiaas_list_members(const httplib::Request& request, httplib::Response& response,
                         SandboxContext& context) {
    const std::string collection = context.urls.memberships_url();
    QueryParams query = platform_query(request, collection, {{"role", "role"}, {"limit", "limit"}});
    std::optional<std::string> role;
    if (auto wanted = param_of(query, "role"))
        role = role_uri(*wanted);
    std::vector<const Member*> members;
    for (const auto& member : context.state.members())
        if (!role ||
            std::find(member.roles.begin(), member.roles.end(), *role) != member.roles.end())
            members.push_back(&member);
    LtiaasPage page = page_of(members.size(), query, collection, context.options);
    nlohmann::json body = page.links;
    body["members"] = nlohmann::json::array();
    for (std::size_t i = page.begin; i < page.end; ++i) {
        const Member& member = *members[i];
        body["members"].push_back({{"user_id", member.user_id},
                                   {"name", member.name},
                                   {"given_name", member.given_name},
                                   {"family_name", member.family_name},
                                   {"email", member.email},
                                   {"lis_person_sourcedid", member.sourcedid},
                                   {"roles", member.roles},
                                   {"status", "Active"}});
    }
    send_json(response, 200, body);
}

} // namespace

void add_ltiaas_routes(httplib::Server& server, SandboxContext& context) {
    server.Get("/api/lineitems",
               ltiaas_route(context, RouteKind::line_items,
                            [&context](const auto& request, auto& response, CallNotes&) {
                                ltiaas_list_line_items(request, response, context);
                            }));
    server.Post(
        "/api/lineitems",
        ltiaas_route(context, RouteKind::line_items,
                     [&context](const auto& request, auto& response, CallNotes&) {
                         LineItem item = context.state.add_line_item(ltiaas_new_line_item(request));
                         send_json(response, 200, ltiaas_line_item_json(item, context.urls));
                     }));
    // Scores first: the line item pattern would take /scores as part of the id.
    server.Post("/api/lineitems/(.+)/scores",
                ltiaas_route(context, RouteKind::score,
                             [&context](const auto& request, auto& response, CallNotes& notes) {
                                 ltiaas_post_score(request, response, context, notes);
                             }));
    server.Get("/api/lineitems/(.+)/scores",
               ltiaas_route(context, RouteKind::results,
                            [&context](const auto& request, auto& response, CallNotes&) {
                                ltiaas_list_scores(request, response, context);
                            }));
    server.Get("/api/lineitems/(.+)",
               ltiaas_route(context, RouteKind::line_items,
                            [&context](const auto& request, auto& response, CallNotes&) {
                                int id = ltiaas_item_id(request, context);
                                send_json(response, 200,
                                          ltiaas_line_item_json(*context.state.line_item(id),
                                                                context.urls));
                            }));
    server.Get("/api/memberships",
               ltiaas_route(context, RouteKind::memberships,
                            [&context](const auto& request, auto& response, CallNotes&) {
                                ltiaas_list_members(request, response, context);
                            }));
}

} // namespace gradepost::sandbox
