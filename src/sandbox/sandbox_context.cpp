#include "sandbox/sandbox_context.hpp"

namespace gradepost::sandbox {

namespace {

FaultSettings effective_faults(const SandboxOptions& options, const Quirks& quirks) {
    FaultSettings settings = options.faults;
    settings.canvas_throttle = options.canvas_throttle.value_or(quirks.canvas_throttle_by_default);
    return settings;
}

} // namespace

SandboxContext::SandboxContext(const SandboxOptions& options_, Course course,
                               std::vector<TrustedKey> keys_, std::string base_url,
                               std::uint64_t fault_seed)
    : options(options_), quirks(quirks_for(options_.quirks)),
      urls(std::move(base_url), course.id, quirks.moodle_urls), state(std::move(course)),
      faults(effective_faults(options_, quirks), fault_seed), log(options_.log_capacity),
      keys(std::move(keys_)), allowed_scopes(parse_scope_list(options_.scopes)) {}

util::Instant SandboxContext::now() const {
    return util::system_clock().now() + std::chrono::seconds(options.clock_offset_seconds);
}

} // namespace gradepost::sandbox
