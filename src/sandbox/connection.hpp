#pragma once

#include "sandbox/httplib.hpp"

#include <string_view>

// What cpp-httplib 0.11 cannot do through its API: close a connection without answering,
// and answer with a reason phrase of our own (it always writes the standard one). Both find
// the request's socket among the process's descriptors by its local and remote ports.
namespace gradepost::sandbox {

// The socket carrying `request`, or -1.
int connection_socket(const httplib::Request& request);

// Shuts the connection down so the client sees it closed with no response at all; what
// httplib writes afterwards goes nowhere.
bool drop_connection(const httplib::Request& request);

// Writes a whole HTTP/1.1 response with `reason` in the status line (as Moodle puts its error
// messages there) and `Connection: close`, then shuts the connection down. False when the
// socket was not found; the caller then answers normally.
bool send_with_reason(const httplib::Request& request, int status, std::string_view reason,
                      const httplib::Headers& headers, std::string_view body);

} // namespace gradepost::sandbox
