#include "sandbox/route_guard.hpp"

#include "sandbox/http_date.hpp"

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

// One request on its way through the guard.
struct Exchange {
    Exchange(const httplib::Request& request_, httplib::Response& response_, RouteKind kind_)
        : request(request_), response(response_), kind(kind_) {}

    const httplib::Request& request;
    httplib::Response& response;
    RouteKind kind;
    SteadyClock::time_point started = SteadyClock::now();
    CallNotes notes;
    std::string fault; // empty while the request goes on
    std::string bucket_client;
    bool is_bucket_charged = false;
};

// The Canvas bucket first (its up-front cost covers the injected latency, as it covers a
// slow request on Canvas), then latency, then at most one of drop, 429, 5xx, rps cap.
void apply_faults(SandboxContext& context, const FaultSettings& settings, Exchange& exchange) {
    bool is_platform_route =
        exchange.kind != RouteKind::token && exchange.kind != RouteKind::unknown;
    if (!is_platform_route && !(exchange.kind == RouteKind::token && settings.on_token))
        return;
    FaultDecision decision = context.faults.decide();
    auto& response = exchange.response;
    if (is_platform_route && settings.canvas_throttle) {
        exchange.bucket_client = context.state.client_of(bearer_token(exchange.request));
        BucketCharge charge = context.faults.charge(exchange.bucket_client);
        response.set_header("X-Rate-Limit-Remaining", format_units(charge.remaining));
        exchange.is_bucket_charged = charge.is_allowed;
        if (!charge.is_allowed) {
            response.set_header("X-Request-Cost", "0");
            response.status = 403;
            response.set_content("403 Forbidden (Rate Limit Exceeded)", "text/plain");
            exchange.fault = "canvas_throttle";
            return;
        }
    }
    if (decision.latency_ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(decision.latency_ms));
    exchange.fault = inject(decision, response);
}

void authorize(SandboxContext& context, const FaultSettings& settings,
               const std::vector<std::string_view>& scopes, Exchange& exchange) {
    Authorization authorization = context.state.authorize(
        bearer_token(exchange.request), scopes, settings.expire_tokens_every, context.now());
    exchange.notes.client_id = authorization.client_id;
    if (authorization.is_used_up)
        exchange.fault = "token_expired";
    if (authorization.status != 0)
        throw RequestError(authorization.status, authorization.message);
}

void settle_bucket(SandboxContext& context, Exchange& exchange, double seconds) {
    if (!exchange.is_bucket_charged)
        return;
    auto [cost, remaining] = context.faults.settle(exchange.bucket_client, seconds);
    exchange.response.headers.erase("X-Rate-Limit-Remaining");
    exchange.response.set_header("X-Request-Cost", fmt::format("{:.6f}", cost));
    exchange.response.set_header("X-Rate-Limit-Remaining", format_units(remaining));
}

void record(SandboxContext& context, const Exchange& exchange, double seconds) {
    LogEntry entry;
    entry.kind = exchange.kind;
    entry.method = exchange.request.method;
    entry.path = exchange.request.target.empty() ? exchange.request.path : exchange.request.target;
    entry.status = exchange.fault == "drop" ? 0 : exchange.response.status;
    entry.user_id = exchange.notes.user_id;
    entry.client_id = exchange.notes.client_id;
    entry.duration_ms = seconds * 1000;
    entry.fault = exchange.fault;
    entry.time = util::system_clock().now();
    context.log.record(std::move(entry));
}

} // namespace

httplib::Server::Handler guard(SandboxContext& context, RouteKind kind,
                               std::vector<std::string_view> any_of_scopes, RouteHandler handler) {
    return [&context, kind, scopes = std::move(any_of_scopes), handler = std::move(handler)](
               const httplib::Request& request, httplib::Response& response) {
        Exchange exchange(request, response, kind);
        response.set_header("Date", http_date(context.now()));
        try {
            FaultSettings settings = context.faults.settings();
            apply_faults(context, settings, exchange);
            if (exchange.fault.empty() && !scopes.empty())
                authorize(context, settings, scopes, exchange);
            if (exchange.fault.empty())
                handler(request, response, exchange.notes);
            if (kind == RouteKind::token && response.status == 200 &&
                context.faults.take_token_reply_drop())
                exchange.fault = "drop";
        } catch (const RequestError& error) {
            send_error(response, context.quirks, error.status(), error.what());
        } catch (const std::exception& error) {
            send_json(response, 500, {{"errors", {{{"message", error.what()}}}}});
        }

        double seconds =
            std::chrono::duration<double>(SteadyClock::now() - exchange.started).count();
        settle_bucket(context, exchange, seconds);
        record(context, exchange, seconds);
        // Only now, so whoever sees the answer (or the closed connection) finds it in the log.
        if (exchange.fault == "drop")
            drop_connection(request);
        else
            finish_moodle_error(request, response);
    };
}

} // namespace gradepost::sandbox
