#include "sandbox/course_seed.hpp"
#include "sandbox/paging.hpp"
#include "sandbox/responses.hpp"
#include "sandbox/route_guard.hpp"
#include "sandbox/routes.hpp"

#include <algorithm>

namespace gradepost::sandbox {

namespace {

nlohmann::json member_json(const Member& member) {
    return {{"user_id", member.user_id},       {"name", member.name},
            {"given_name", member.given_name}, {"family_name", member.family_name},
            {"email", member.email},           {"lis_person_sourcedid", member.sourcedid},
            {"roles", member.roles},           {"status", member.status}};
}

void list_members(const httplib::Request& request, httplib::Response& response,
                  SandboxContext& context) {
    require_accept(request, k_membership_container_media_type, context.quirks);
    std::optional<std::string> role;
    if (request.has_param("role"))
        role = role_uri(request.get_param_value("role"));

    std::vector<const Member*> members;
    for (const auto& member : context.state.members())
        if (!role ||
            std::find(member.roles.begin(), member.roles.end(), *role) != member.roles.end())
            members.push_back(&member);

    Page page =
        paginate(members.size(), query_of(request), context.quirks, context.urls.memberships_url());
    auto listed = nlohmann::json::array();
    for (std::size_t i = page.begin; i < page.end; ++i)
        listed.push_back(member_json(*members[i]));
    nlohmann::json body = {{"id", context.urls.memberships_url()},
                           {"context",
                            {{"id", context.state.course_id()},
                             {"label", context.state.course_id()},
                             {"title", context.state.course_title()}}},
                           {"members", std::move(listed)}};
    if (!page.link_header.empty())
        response.set_header("Link", page.link_header);
    send_json(response, 200, body, k_membership_container_media_type);
}

} // namespace

void add_membership_routes(httplib::Server& server, SandboxContext& context) {
    server.Get(context.urls.memberships_pattern(),
               guard(context, RouteKind::memberships, {k_scope_memberships},
                     [&context](const auto& request, auto& response, CallNotes&) {
                         list_members(request, response, context);
                     }));
}

} // namespace gradepost::sandbox
