#pragma once

#include "lti/gradebook_client.hpp"
#include "lti/platform.hpp"
#include "model/roster.hpp"

#include <optional>
#include <string>

namespace gradepost::batch {

// The platform side of a post, as the use case needs it. The CLI implements it over its
// connection, contacting the platform only when a method is called (a dry run --offline
// calls none of the network ones); tests implement it over a FakeTransport.
class PlatformPort {
public:
    virtual ~PlatformPort() = default;

    // The ledger's key for this platform: token URL and client id.
    virtual std::string platform_key() = 0;
    virtual lti::Platform platform() = 0;
    virtual lti::GradebookClient& client() = 0;

    // The roster that --match looks students up in.
    virtual model::Roster roster() = 0;

    // The target line item's URL: given, found in the container, or created. Called once,
    // after the input is validated, so bad input creates nothing. Empty for a dry run
    // --offline without --line-item.
    virtual std::string line_item() = 0;

    // The line item's scoreMaximum when line_item() found or created it (a URL given as it is
    // tells nothing without a request the token may have no scope for).
    virtual std::optional<double> line_item_maximum() { return std::nullopt; }
};

} // namespace gradepost::batch
