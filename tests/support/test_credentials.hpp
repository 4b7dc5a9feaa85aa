#pragma once

#include "config/private_key.hpp"
#include "lti/token.hpp"

#include <string>

namespace gradepost::testing {

// One RSA key for a test binary: generating it is the slow part of a token test.
const config::PrivateKey& test_key();

// A tool registered as client "client-17", key id "kid-1", at `token_url`.
lti::Credentials test_credentials(std::string token_url);

} // namespace gradepost::testing
