#include "sandbox/responses.hpp"

#include "sandbox/connection.hpp"
#include "sandbox/request_error.hpp"
#include "util/ascii.hpp"

#include <fmt/format.h>

#include <cctype>

namespace gradepost::sandbox {

namespace {

// "application/json; charset=utf-8" → "application/json".
std::string media_type_of(std::string_view content_type) {
    auto end = content_type.find(';');
    auto type = content_type.substr(0, end);
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    return util::lowercase_ascii(type);
}

std::string percent_decode(std::string_view text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            decoded.push_back(' ');
        } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(text[i + 1]) &&
                   std::isxdigit(text[i + 2])) {
            decoded.push_back(
                static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            decoded.push_back(text[i]);
        }
    }
    return decoded;
}

constexpr const char* k_moodle_error_header = "X-Moodle-Error";

std::string reason_phrase(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    default:
        return "Error";
    }
}

} // namespace

QueryParams query_of(const httplib::Request& request) {
    return QueryParams(request.params.begin(), request.params.end());
}

QueryParams parse_form(std::string_view body) {
    QueryParams params;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('&', start);
        auto pair = body.substr(start, end == std::string_view::npos ? end : end - start);
        if (!pair.empty()) {
            auto equals = pair.find('=');
            params.emplace_back(percent_decode(pair.substr(0, equals)),
                                equals == std::string_view::npos
                                    ? std::string()
                                    : percent_decode(pair.substr(equals + 1)));
        }
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return params;
}

std::string bearer_token(const httplib::Request& request) {
    std::string header = request.get_header_value("Authorization");
    if (header.size() < 7 || util::lowercase_ascii(header.substr(0, 7)) != "bearer ")
        return {};
    auto token = header.substr(7);
    auto begin = token.find_first_not_of(' ');
    return begin == std::string::npos ? std::string() : token.substr(begin);
}

void require_content_type(const httplib::Request& request, std::string_view media_type,
                          const Quirks& quirks) {
    std::string type = media_type_of(request.get_header_value("Content-Type"));
    if (type == media_type || (quirks.accepts_plain_json && type == "application/json"))
        return;
    throw RequestError(415, fmt::format("Content-Type must be {}, not \"{}\"", media_type, type));
}

void require_accept(const httplib::Request& request, std::string_view media_type,
                    const Quirks& quirks) {
    if (!quirks.requires_exact_accept)
        return;
    if (request.get_header_value("Accept").find(media_type) == std::string::npos)
        throw RequestError(400, fmt::format("Accept must name {}", media_type));
}

nlohmann::json parse_json_body(const httplib::Request& request) {
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        throw RequestError(400, "The body is not valid JSON");
    return body;
}

void send_json(httplib::Response& response, int status, const nlohmann::json& body,
               std::string_view content_type) {
    response.status = status;
    response.set_content(body.dump(), std::string(content_type).c_str());
}

void send_error(httplib::Response& response, const Quirks& quirks, int status,
                const std::string& message) {
    if (status == 401)
        response.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    if (!quirks.errors_in_status_line) {
        send_json(response, status, {{"errors", {{{"message", message}}}}});
        return;
    }
    response.status = status;
    response.set_header(k_moodle_error_header, message.empty() ? reason_phrase(status) : message);
    response.set_content("[]", "application/json");
}

void finish_moodle_error(const httplib::Request& request, const httplib::Response& response) {
    if (!response.has_header(k_moodle_error_header))
        return;
    // When the socket cannot be found httplib answers instead, with the standard reason
    // phrase; the header still carries the message.
    send_with_reason(request, response.status, response.get_header_value(k_moodle_error_header),
                     response.headers, response.body);
}

} // namespace gradepost::sandbox
