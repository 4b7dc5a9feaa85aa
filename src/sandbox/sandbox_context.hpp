#pragma once

#include "sandbox/crypto.hpp"
#include "sandbox/faults.hpp"
#include "sandbox/options.hpp"
#include "sandbox/platform_state.hpp"
#include "sandbox/platform_urls.hpp"
#include "sandbox/quirks.hpp"
#include "sandbox/request_log.hpp"
#include "sandbox/scopes.hpp"

#include <vector>

namespace gradepost::sandbox {

// What every route of a running sandbox shares; built once the port is known.
struct SandboxContext {
    SandboxContext(const SandboxOptions& options_, Course course, std::vector<TrustedKey> keys_,
                   std::string base_url, std::uint64_t fault_seed);

    SandboxOptions options;
    Quirks quirks;
    PlatformUrls urls;
    PlatformState state;
    FaultInjector faults;
    RequestLog log;
    std::vector<TrustedKey> keys;
    ScopeSet allowed_scopes;

    // The platform's time: the system clock moved by --clock-offset, for tests of clock skew.
    util::Instant now() const;
};

} // namespace gradepost::sandbox
