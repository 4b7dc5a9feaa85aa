#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradepost::lti {

// Where the bearer token may go. An origin is scheme, host and port (RFC 6454): `https://LMS`
// and `https://lms:443/x` are the same origin, `http://lms` and `https://lms:8443` are not.
// The token goes only to the origins the profile names (token URL, line items container,
// memberships, LTIAAS base) and to those widened by --allow-origin; a URL the platform hands
// out (paging link, line item id, result, score URL) on any other origin is refused. When the
// profile names an https origin, plain http is refused everywhere but the profile's own URLs:
// no flag turns an https profile into a clear-text one.
struct Origin {
    std::string scheme; // "http" or "https", lower case
    std::string host;   // lower case; an IPv6 address keeps its brackets
    int port = 0;       // the scheme's default port when the URL gives none

    std::string text() const; // "https://lms.example:443"
    bool operator==(const Origin&) const = default;
};

// The origin of an absolute http or https URL; nothing for anything else.
std::optional<Origin> parse_origin(std::string_view url);

class OriginPolicy {
public:
    OriginPolicy() = default;
    // `profile_urls`: the URLs the profile names (empty ones are skipped). `allowed_urls`: the
    // --allow-origin values. Throws util::UsageError for one that is not an http(s) URL.
    OriginPolicy(const std::vector<std::string>& profile_urls,
                 const std::vector<std::string>& allowed_urls);

    // Why the token must not be sent to `url`, or nothing when it may. `what` names the URL in
    // the message ("the next page of line items").
    std::optional<std::string> refusal(std::string_view url, std::string_view what) const;

    // refusal() as an error: throws util::UnreachableError (exit 5) naming both origins.
    void check(std::string_view url, std::string_view what) const;

    // With a ready access token and every URL on the command line, the profile may name no
    // origin at all; the first URL the command was given then stands for it.
    bool names_no_origin() const { return m_profile.empty(); }
    void add_profile_url(std::string_view url);

private:
    bool is_https_profile() const;

    std::vector<Origin> m_profile;
    std::vector<Origin> m_allowed;
};

} // namespace gradepost::lti
