#pragma once

#include "sandbox/request_log.hpp"
#include "sandbox/sandbox_context.hpp"

#include "sandbox/httplib.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::sandbox {

// What a route tells the log about its request.
struct CallNotes {
    std::string user_id;
    std::string client_id;
};

using RouteHandler =
    std::function<void(const httplib::Request&, httplib::Response&, CallNotes& notes)>;

// Wraps a platform route with, in order: injected faults (Canvas bucket, latency, drop, 429,
// 5xx, requests-per-second cap), the bearer token holding one of `any_of_scopes` (401, 403;
// skipped when the list is empty, as for the token endpoint), the route itself with
// RequestError turned into the platform's error answer, and one log entry. A dropped
// request never reaches the route, so it changes nothing.
httplib::Server::Handler guard(SandboxContext& context, RouteKind kind,
                               std::vector<std::string_view> any_of_scopes, RouteHandler handler);

} // namespace gradepost::sandbox
