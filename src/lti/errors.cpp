#include "lti/errors.hpp"

#include "http/verdict.hpp"
#include "util/ascii.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <regex>

namespace gradepost::lti {

namespace {

constexpr std::size_t k_max_text_length = 200;

std::string one_line(std::string_view text) {
    std::string line;
    for (char c : text)
        line.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
    auto first = line.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    line = line.substr(first, line.find_last_not_of(' ') - first + 1);
    if (line.size() > k_max_text_length)
        line = line.substr(0, k_max_text_length) + "...";
    return line;
}

std::string message_in(const nlohmann::json& value);

std::string message_of_field(const nlohmann::json& object, const char* key) {
    auto found = object.find(key);
    if (found == object.end())
        return {};
    return message_in(*found);
}

std::string message_in(const nlohmann::json& value) {
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_array())
        return value.empty() ? std::string() : message_in(value.front());
    if (!value.is_object())
        return {};
    for (const char* key : {"message", "error_description", "detail", "error", "errors"})
        if (std::string message = message_of_field(value, key); !message.empty())
            return message;
    return {};
}

std::string json_message(const std::string& body) {
    auto document = nlohmann::json::parse(body, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return {};
    // LTIAAS: {"status", "error": "Unauthorized", "details": {"message": ...}}; the details
    // say what went wrong, the error only repeats the status.
    if (auto details = document.find("details"); details != document.end() && details->is_object())
        if (std::string message = message_of_field(*details, "message"); !message.empty())
            return message;
    // Canvas and most platforms: "errors"; RFC 6749 and others: "error" with a description.
    for (const char* key : {"errors", "error", "message", "detail"}) {
        std::string message = message_of_field(document, key);
        if (message.empty())
            continue;
        if (std::string_view(key) == "error")
            if (auto description = message_of_field(document, "error_description");
                !description.empty())
                message += ": " + description;
        return message;
    }
    return {};
}

bool looks_like_markup(std::string_view body) {
    auto first = body.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos &&
           (body[first] == '<' || body[first] == '{' || body[first] == '[');
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

} // namespace

std::string platform_message(const http::Response& response) {
    if (std::string message = one_line(json_message(response.body)); !message.empty())
        return message;
    // Canvas throttling and proxies answer in plain text, which says more than "Forbidden";
    // Moodle's `[]` counts as markup here, so its message in the reason phrase comes next.
    if (!looks_like_markup(response.body))
        if (std::string text = one_line(response.body); !text.empty())
            return text;
    if (std::string reason = one_line(response.reason); !reason.empty())
        return reason;
    return fmt::format("HTTP {}", response.status);
}

std::string score_post_error(const http::Response& response) {
    if (response.status == 0)
        return "no response: " + (response.transport_error.empty()
                                      ? std::string("connection failed")
                                      : response.transport_error);
    std::string message = platform_message(response);
    std::string lower = util::lowercase_ascii(message);
    int status = response.status;

    static const std::regex not_a_student(R"(user\b.*\b(not|student))", std::regex::icase);
    std::string hint;
    if (http::classify(response) == http::Verdict::throttled)
        hint = "the platform kept throttling after the retries; lower --concurrency or --rate";
    else if (status == 409 || ((status == 400 || status == 422) && contains(lower, "timestamp")))
        hint = "the platform holds a newer score for this student (timestamp)";
    else if ((status == 400 || status == 422) && std::regex_search(message, not_a_student))
        hint = "is the user a student of the course? (course unpublished, test student, or "
               "teacher)";
    else if (status == 401 || status == 403)
        hint = "check the scopes granted to the tool (score)";
    else if (status == 404)
        hint = "check the line item URL";
    if (hint.empty())
        return message;
    return message + "; " + hint;
}

model::Fault fault_of(http::Verdict verdict) {
    switch (verdict) {
    case http::Verdict::success:
        return model::Fault::none;
    case http::Verdict::refused:
    case http::Verdict::unauthorized:
        return model::Fault::refused;
    case http::Verdict::transient:
    case http::Verdict::throttled:
    case http::Verdict::failed:
    case http::Verdict::unreachable:
        break;
    }
    return model::Fault::platform;
}

} // namespace gradepost::lti
