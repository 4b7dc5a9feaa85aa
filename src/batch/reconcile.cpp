#include "batch/reconcile.hpp"

#include "util/error.hpp"
#include "util/log.hpp"

#include <algorithm>
#include <cmath>

namespace gradepost::batch {

namespace {

// Platforms store what they are sent rounded, Moodle to two decimals on the line item's
// scale: half a hundredth of a point on the platform's scale is the same grade.
constexpr double k_platform_rounding = 0.005;
constexpr double k_float_noise = 1e-9;

} // namespace

bool result_holds(const lti::Result& result, std::optional<double> given,
                  std::optional<double> maximum) {
    if (!result.result_score || !given)
        return false;
    if (result.result_maximum && maximum && *result.result_maximum > 0 && *maximum > 0) {
        double tolerance = k_platform_rounding / *result.result_maximum + k_float_noise;
        return std::fabs(*result.result_score / *result.result_maximum - *given / *maximum) <=
               tolerance;
    }
    return std::fabs(*result.result_score - *given) <= k_platform_rounding + k_float_noise;
}

std::vector<state::PostResult> reconcile(const std::map<std::string, model::LedgerEntry>& entries,
                                         const std::vector<lti::Result>& results) {
    std::map<std::string, const lti::Result*> result_of;
    for (const auto& result : results)
        result_of[result.user_id] = &result;

    std::vector<state::PostResult> settled;
    for (const auto& [user_id, entry] : entries) {
        if (entry.state != model::PostState::pending || !entry.in_flight || !entry.in_flight->given)
            continue;
        auto found = result_of.find(user_id);
        if (found != result_of.end() &&
            result_holds(*found->second, entry.in_flight->given, entry.in_flight->maximum))
            settled.push_back({user_id, true, 200, ""});
        else
            settled.push_back(
                {user_id, false, 0, "an earlier run's post was not confirmed by the platform"});
    }
    return settled;
}

std::vector<state::PostResult>
settle_pending(const std::map<std::string, model::LedgerEntry>& entries,
               const std::string& line_item_url, lti::GradebookClient& client) {
    bool is_any_pending = false;
    for (const auto& [user_id, entry] : entries)
        is_any_pending = is_any_pending || entry.state == model::PostState::pending;
    if (!is_any_pending)
        return {};
    try {
        return reconcile(entries, client.results(line_item_url, std::nullopt));
    } catch (const util::Error& error) {
        util::warn("cannot read results to settle an earlier run's posts ({}); they will be "
                   "posted again",
                   error.what());
        return {};
    }
}

void apply_results(std::map<std::string, model::LedgerEntry>& entries,
                   const std::vector<state::PostResult>& results) {
    for (const auto& result : results) {
        auto found = entries.find(result.user_id);
        if (found == entries.end())
            continue;
        auto& entry = found->second;
        if (result.is_posted && entry.in_flight)
            entry.last_posted = entry.in_flight;
        entry.state = result.is_posted ? model::PostState::posted : model::PostState::failed;
        entry.in_flight.reset();
        entry.http_status = result.http_status;
        entry.error = result.error;
    }
}

} // namespace gradepost::batch
