#pragma once

#include <stdexcept>
#include <string>

namespace gradepost::sandbox {

// A request the platform refuses: thrown by validation inside a route, answered with
// `status` and `message` in the platform's error format by the route guard.
class RequestError : public std::runtime_error {
public:
    RequestError(int status, const std::string& message)
        : std::runtime_error(message), m_status(status) {}
    int status() const { return m_status; }

private:
    int m_status;
};

} // namespace gradepost::sandbox
