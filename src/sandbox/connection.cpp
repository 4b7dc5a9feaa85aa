#include "sandbox/connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <string>

namespace gradepost::sandbox {

namespace {

int port_of(const sockaddr_storage& address) {
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    return -1;
}

bool is_connection(int descriptor, int local_port, int remote_port) {
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    if (getsockname(descriptor, reinterpret_cast<sockaddr*>(&local), &length) != 0 ||
        port_of(local) != local_port)
        return false;
    sockaddr_storage remote{};
    length = sizeof remote;
    return getpeername(descriptor, reinterpret_cast<sockaddr*>(&remote), &length) == 0 &&
           port_of(remote) == remote_port;
}

bool send_all(int descriptor, std::string_view data) {
    while (!data.empty()) {
        ssize_t sent = ::send(descriptor, data.data(), data.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return false;
        data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

} // namespace

int connection_socket(const httplib::Request& request) {
    // The connection is owned by the calling worker thread, so its descriptor cannot be
    // closed or reused while we look for it.
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        std::string name = entry.path().filename().string();
        int descriptor = -1;
        auto [end, parse_error] =
            std::from_chars(name.data(), name.data() + name.size(), descriptor);
        if (parse_error == std::errc() && descriptor > 2 &&
            is_connection(descriptor, request.local_port, request.remote_port))
            return descriptor;
    }
    return -1;
}

bool drop_connection(const httplib::Request& request) {
    int descriptor = connection_socket(request);
    return descriptor >= 0 && ::shutdown(descriptor, SHUT_RDWR) == 0;
}

bool send_with_reason(const httplib::Request& request, int status, std::string_view reason,
                      const httplib::Headers& headers, std::string_view body) {
    int descriptor = connection_socket(request);
    if (descriptor < 0)
        return false;
    std::string response = "HTTP/1.1 " + std::to_string(status) + " ";
    for (char c : reason)
        response.push_back(c == '\r' || c == '\n' ? ' ' : c);
    response += "\r\n";
    for (const auto& [name, value] : headers)
        response += name + ": " + value + "\r\n";
    response += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    response += body;
    send_all(descriptor, response);
    ::shutdown(descriptor, SHUT_RDWR);
    return true;
}

} // namespace gradepost::sandbox
