#include "report/request_counts_json.hpp"

#include <fmt/format.h>

#include <iterator>

namespace gradepost::report {

void append_request_counts_json(std::string& out, const model::RequestCounts& requests) {
    fmt::format_to(std::back_inserter(out),
                   ",\n  \"requests\": {{\"token\": {}, \"score_posts\": {}, \"sends\": {}, "
                   "\"retries\": {}, \"unauthorized\": {}, \"throttled\": {}, "
                   "\"pacer_wait_s\": {:.3f}}}",
                   requests.token_requests, requests.score_posts, requests.sends, requests.retries,
                   requests.unauthorized, requests.throttled, requests.pacer_wait_seconds);
}

} // namespace gradepost::report
