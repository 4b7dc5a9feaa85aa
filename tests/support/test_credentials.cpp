#include "support/test_credentials.hpp"

namespace gradepost::testing {

const config::PrivateKey& test_key() {
    static config::PrivateKey key = config::PrivateKey::generate(2048);
    return key;
}

lti::Credentials test_credentials(std::string token_url) {
    lti::Credentials result;
    result.client_id = "client-17";
    result.token_url = std::move(token_url);
    result.key_id = "kid-1";
    return result;
}

} // namespace gradepost::testing
