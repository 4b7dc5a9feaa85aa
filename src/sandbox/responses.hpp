#pragma once

#include "sandbox/platform_urls.hpp"
#include "sandbox/quirks.hpp"

#include "sandbox/httplib.hpp"
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

// Reading requests and writing answers the way the platform of the quirk mode does.
namespace gradepost::sandbox {

inline constexpr std::string_view k_lineitem_media_type =
    "application/vnd.ims.lis.v2.lineitem+json";
inline constexpr std::string_view k_lineitem_container_media_type =
    "application/vnd.ims.lis.v2.lineitemcontainer+json";
inline constexpr std::string_view k_score_media_type = "application/vnd.ims.lis.v1.score+json";
inline constexpr std::string_view k_result_container_media_type =
    "application/vnd.ims.lis.v2.resultcontainer+json";
inline constexpr std::string_view k_membership_container_media_type =
    "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

// The request's query parameters, in httplib's order.
QueryParams query_of(const httplib::Request& request);
// An application/x-www-form-urlencoded body.
QueryParams parse_form(std::string_view body);
// The token of an `Authorization: Bearer …` header; empty when there is none.
std::string bearer_token(const httplib::Request& request);

// Refuses a body whose Content-Type is not `media_type` (Canvas also takes
// application/json): 415.
void require_content_type(const httplib::Request& request, std::string_view media_type,
                          const Quirks& quirks);
// Moodle refuses a GET whose Accept does not name the media type (`*/*` included): 400.
void require_accept(const httplib::Request& request, std::string_view media_type,
                    const Quirks& quirks);
// The body as JSON; 400 when it is not.
nlohmann::json parse_json_body(const httplib::Request& request);

void send_json(httplib::Response& response, int status, const nlohmann::json& body,
               std::string_view content_type = "application/json");

// An error as the platform words it: {"errors":[{"message":…}]}, or for Moodle an empty
// `[]` body with the message in an X-Moodle-Error header; finish_moodle_error() then puts it
// in the status line.
void send_error(httplib::Response& response, const Quirks& quirks, int status,
                const std::string& message);

// Moodle puts its error messages in the HTTP status line, which httplib cannot write: the
// answer prepared by send_error() goes out on the raw socket, closing the connection.
// Does nothing for other answers.
void finish_moodle_error(const httplib::Request& request, const httplib::Response& response);

} // namespace gradepost::sandbox
