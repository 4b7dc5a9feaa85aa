#include "sandbox/fault_settings.hpp"

#include <stdexcept>

namespace gradepost::sandbox {

namespace {

template <typename T>
void take(const nlohmann::json& changes, const char* name, T& target, bool (*is_valid)(T)) {
    if (!changes.contains(name))
        return;
    const auto& value = changes[name];
    bool is_right_type = std::is_same_v<T, bool> ? value.is_boolean() : value.is_number();
    if (!is_right_type)
        throw std::invalid_argument(std::string(name) + " has the wrong type");
    T converted = value.get<T>();
    if (!is_valid(converted))
        throw std::invalid_argument(std::string(name) + " is out of range");
    target = converted;
}

bool is_rate(double value) {
    return value >= 0 && value <= 1;
}
bool is_positive(double value) {
    return value > 0;
}
bool is_not_negative(double value) {
    return value >= 0;
}
bool is_count(int value) {
    return value >= 0;
}
bool is_any(bool) {
    return true;
}

} // namespace

nlohmann::json to_json(const FaultSettings& settings) {
    return {{"latency_ms", settings.latency_ms},
            {"fail_rate", settings.fail_rate},
            {"throttle_rate", settings.throttle_rate},
            {"drop_rate", settings.drop_rate},
            {"canvas_throttle", settings.canvas_throttle},
            {"bucket_size", settings.bucket_size},
            {"bucket_drain", settings.bucket_drain},
            {"bucket_upfront", settings.bucket_upfront},
            {"request_cost", settings.request_cost},
            {"rps_cap", settings.rps_cap},
            {"expire_tokens_every", settings.expire_tokens_every},
            {"drop_token_replies", settings.drop_token_replies},
            {"on_token", settings.on_token}};
}

void apply_changes(FaultSettings& settings, const nlohmann::json& changes) {
    if (!changes.is_object())
        throw std::invalid_argument("the fault settings must be a JSON object");
    auto known = to_json(settings);
    for (const auto& [name, value] : changes.items()) {
        if (!known.contains(name) && name != "fault_seed")
            throw std::invalid_argument("unknown fault setting " + name);
    }
    // Validate everything on a copy so a bad member leaves the settings unchanged.
    FaultSettings changed = settings;
    take(changes, "latency_ms", changed.latency_ms, is_count);
    take(changes, "fail_rate", changed.fail_rate, is_rate);
    take(changes, "throttle_rate", changed.throttle_rate, is_rate);
    take(changes, "drop_rate", changed.drop_rate, is_rate);
    take(changes, "canvas_throttle", changed.canvas_throttle, is_any);
    take(changes, "bucket_size", changed.bucket_size, is_positive);
    take(changes, "bucket_drain", changed.bucket_drain, is_not_negative);
    take(changes, "bucket_upfront", changed.bucket_upfront, is_not_negative);
    take(changes, "request_cost", changed.request_cost, is_not_negative);
    take(changes, "rps_cap", changed.rps_cap, is_count);
    take(changes, "expire_tokens_every", changed.expire_tokens_every, is_count);
    take(changes, "drop_token_replies", changed.drop_token_replies, is_count);
    take(changes, "on_token", changed.on_token, is_any);
    settings = changed;
}

} // namespace gradepost::sandbox
