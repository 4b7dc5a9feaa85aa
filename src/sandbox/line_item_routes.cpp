#include "sandbox/paging.hpp"
#include "sandbox/request_error.hpp"
#include "sandbox/responses.hpp"
#include "sandbox/route_guard.hpp"
#include "sandbox/route_params.hpp"
#include "sandbox/routes.hpp"
#include "sandbox/timestamps.hpp"

namespace gradepost::sandbox {

namespace {

nlohmann::json line_item_json(const LineItem& item, const PlatformUrls& urls) {
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

std::string optional_string(const nlohmann::json& body, const char* name) {
    if (!body.contains(name) || body[name].is_null())
        return {};
    if (!body[name].is_string())
        throw RequestError(400, std::string(name) + " must be a string");
    return body[name].get<std::string>();
}

std::string optional_date(const nlohmann::json& body, const char* name) {
    std::string value = optional_string(body, name);
    if (!value.empty() && !parse_timestamp(value))
        throw RequestError(400, std::string(name) + " is not a valid ISO 8601 timestamp");
    return value;
}

// A line item body of POST or PUT: label and scoreMaximum > 0 are required.
LineItem parse_line_item(const httplib::Request& request, const Quirks& quirks) {
    require_content_type(request, k_lineitem_media_type, quirks);
    nlohmann::json body = parse_json_body(request);
    if (!body.is_object())
        throw RequestError(400, "The line item must be a JSON object");
    LineItem item;
    item.label = optional_string(body, "label");
    if (item.label.empty())
        throw RequestError(400, "label is required");
    if (!body.contains("scoreMaximum") || !body["scoreMaximum"].is_number() ||
        !(body["scoreMaximum"].get<double>() > 0))
        throw RequestError(400, "scoreMaximum must be a number greater than 0");
    item.score_maximum = body["scoreMaximum"].get<double>();
    item.tag = optional_string(body, "tag");
    item.resource_id = optional_string(body, "resourceId");
    item.resource_link_id = optional_string(body, "resourceLinkId");
    item.start_date_time = optional_date(body, "startDateTime");
    item.end_date_time = optional_date(body, "endDateTime");
    return item;
}

LineItem existing_item(const SandboxContext& context, int id) {
    auto item = context.state.line_item(id);
    if (!item)
        throw RequestError(404, "Line item not found");
    return *item;
}

void list_line_items(const httplib::Request& request, httplib::Response& response,
                     SandboxContext& context) {
    require_accept(request, k_lineitem_container_media_type, context.quirks);
    auto filter = [&request](const char* name) {
        return request.has_param(name) ? std::optional(request.get_param_value(name))
                                       : std::nullopt;
    };
    auto resource_link_id = filter("resource_link_id");
    auto resource_id = filter("resource_id");
    auto tag = filter("tag");
    std::vector<LineItem> items;
    for (auto& item : context.state.line_items()) {
        if ((!resource_link_id || item.resource_link_id == *resource_link_id) &&
            (!resource_id || item.resource_id == *resource_id) && (!tag || item.tag == *tag))
            items.push_back(std::move(item));
    }
    Page page =
        paginate(items.size(), query_of(request), context.quirks, context.urls.lineitems_url());
    auto body = nlohmann::json::array();
    for (std::size_t i = page.begin; i < page.end; ++i)
        body.push_back(line_item_json(items[i], context.urls));
    if (!page.link_header.empty())
        response.set_header("Link", page.link_header);
    send_json(response, 200, body, k_lineitem_container_media_type);
}

} // namespace

void add_line_item_routes(httplib::Server& server, SandboxContext& context) {
    const std::vector<std::string_view> read_scopes = {k_scope_lineitem, k_scope_lineitem_readonly};
    const std::vector<std::string_view> write_scopes = {k_scope_lineitem};
    const auto& urls = context.urls;

    server.Get(urls.lineitems_pattern(),
               guard(context, RouteKind::line_items, read_scopes,
                     [&context](const auto& request, auto& response, CallNotes&) {
                         list_line_items(request, response, context);
                     }));
    server.Post(urls.lineitems_pattern(),
                guard(context, RouteKind::line_items, write_scopes,
                      [&context](const auto& request, auto& response, CallNotes&) {
                          LineItem item =
                              context.state.add_line_item(parse_line_item(request, context.quirks));
                          std::string url = context.urls.lineitem_url(item.id);
                          response.set_header("Location", url);
                          send_json(response, 201, line_item_json(item, context.urls),
                                    k_lineitem_media_type);
                      }));
    server.Get(urls.lineitem_pattern(),
               guard(context, RouteKind::line_items, read_scopes,
                     [&context](const auto& request, auto& response, CallNotes&) {
                         require_accept(request, k_lineitem_media_type, context.quirks);
                         LineItem item = existing_item(context, item_id(request));
                         send_json(response, 200, line_item_json(item, context.urls),
                                   k_lineitem_media_type);
                     }));
    server.Put(urls.lineitem_pattern(),
               guard(context, RouteKind::line_items, write_scopes,
                     [&context](const auto& request, auto& response, CallNotes&) {
                         int id = item_id(request);
                         existing_item(context, id);
                         auto item = context.state.replace_line_item(
                             id, parse_line_item(request, context.quirks));
                         if (!item)
                             throw RequestError(404, "Line item not found");
                         send_json(response, 200, line_item_json(*item, context.urls),
                                   k_lineitem_media_type);
                     }));
    server.Delete(urls.lineitem_pattern(),
                  guard(context, RouteKind::line_items, write_scopes,
                        [&context](const auto& request, auto& response, CallNotes&) {
                            int id = item_id(request);
                            LineItem item = existing_item(context, id);
                            if (!context.state.remove_line_item(id))
                                throw RequestError(404, "Line item not found");
                            if (context.quirks.answers_delete_with_item)
                                send_json(response, 200, line_item_json(item, context.urls),
                                          k_lineitem_media_type);
                            else
                                response.status = 204;
                        }));
}

} // namespace gradepost::sandbox
