#include "http/transport.hpp"

namespace gradepost::http {

Response Transport::perform_one(const Request& request) {
    return std::move(perform(std::span(&request, 1)).front());
}

} // namespace gradepost::http
