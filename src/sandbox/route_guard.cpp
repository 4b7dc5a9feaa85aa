#include "sandbox/route_guard.hpp"

#include "sandbox/connection.hpp"
#include "sandbox/request_error.hpp"
#include "sandbox/responses.hpp"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace gradepost::sandbox {

namespace {

using SteadyClock = std::chrono::steady_clock;

std::string format_units(double units) {
    return fmt::format("{:.1f}", units);
}

// Applies the fault decided for this request; returns its log name, or empty when the
// request goes on.
std::string inject(const FaultDecision& decision, httplib::Response& response) {
    switch (decision.kind) {
    case FaultKind::drop:
        response.status = 500; // never sent: the connection is dropped once logged
        return "drop";
    case FaultKind::throttle:
    case FaultKind::rps_cap:
        response.set_header("Retry-After", "1");
        send_json(response, decision.status, {{"errors", {{{"message", "Too Many Requests"}}}}});
        return std::string(to_string(decision.kind));
    case FaultKind::fail:
        send_json(response, decision.status,
                  {{"errors", {{{"message", "Injected server error"}}}}});
        return "fail";
    case FaultKind::none:
        break;
    }
    return {};
}

} // namespace

httplib::Server::Handler guard(SandboxContext& context, RouteKind kind,
                               std::vector<std::string_view> any_of_scopes, RouteHandler handler) {
    return [&context, kind, scopes = std::move(any_of_scopes), handler = std::move(handler)](
               const httplib::Request& request, httplib::Response& response) {
        auto started = SteadyClock::now();
        CallNotes notes;
        std::string fault;
        bool is_platform_route = kind != RouteKind::token && kind != RouteKind::unknown;
        bool is_bucket_charged = false;
        std::string bucket_client;

        try {
            FaultSettings settings = context.faults.settings();
            if (is_platform_route || (kind == RouteKind::token && settings.on_token)) {
                FaultDecision decision = context.faults.decide();
                if (is_platform_route && settings.canvas_throttle) {
                    bucket_client = context.state.client_of(bearer_token(request));
                    BucketCharge charge = context.faults.charge(bucket_client);
                    response.set_header("X-Rate-Limit-Remaining", format_units(charge.remaining));
                    if (!charge.is_allowed) {
                        response.set_header("X-Request-Cost", "0");
                        response.status = 403;
                        response.set_content("403 Forbidden (Rate Limit Exceeded)", "text/plain");
                        fault = "canvas_throttle";
                    }
                    is_bucket_charged = charge.is_allowed;
                }
                if (fault.empty()) {
                    if (decision.latency_ms > 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(decision.latency_ms));
                    fault = inject(decision, response);
                }
            }
            if (fault.empty() && !scopes.empty()) {
                Authorization authorization = context.state.authorize(bearer_token(request), scopes,
                                                                      settings.expire_tokens_every,
                                                                      util::system_clock().now());
                notes.client_id = authorization.client_id;
                if (authorization.is_used_up)
                    fault = "token_expired";
                if (authorization.status != 0)
                    throw RequestError(authorization.status, authorization.message);
            }
            if (fault.empty())
                handler(request, response, notes);
        } catch (const RequestError& error) {
            send_error(response, context.quirks, error.status(), error.what());
        } catch (const std::exception& error) {
            send_json(response, 500, {{"errors", {{{"message", error.what()}}}}});
        }

        double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
        if (is_bucket_charged) {
            auto [cost, remaining] = context.faults.settle(bucket_client, seconds);
            response.headers.erase("X-Rate-Limit-Remaining");
            response.set_header("X-Request-Cost", fmt::format("{:.6f}", cost));
            response.set_header("X-Rate-Limit-Remaining", format_units(remaining));
        }
        LogEntry entry;
        entry.kind = kind;
        entry.method = request.method;
        entry.path = request.target.empty() ? request.path : request.target;
        entry.status = fault == "drop" ? 0 : response.status;
        entry.user_id = notes.user_id;
        entry.client_id = notes.client_id;
        entry.duration_ms = seconds * 1000;
        entry.fault = fault;
        entry.time = util::system_clock().now();
        context.log.record(std::move(entry));

        // Logged first, so whoever sees the answer (or the closed connection) finds it in
        // the log.
        if (fault == "drop")
            drop_connection(request);
        else
            finish_moodle_error(request, response);
    };
}

} // namespace gradepost::sandbox
