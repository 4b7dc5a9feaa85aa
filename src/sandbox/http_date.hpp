#pragma once

#include "util/clock.hpp"

#include <string>

namespace gradepost::sandbox {

// The platform's Date header, IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
// The sandbox writes its own rather than sharing the client's parser, so the two sides of
// the protocol stay independent implementations.
std::string http_date(util::Instant instant);

} // namespace gradepost::sandbox
