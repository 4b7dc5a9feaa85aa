#include "lti/origin_policy.hpp"

#include "util/ascii.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace gradepost::lti {

namespace {

bool contains(const std::vector<Origin>& origins, const Origin& origin) {
    return std::ranges::find(origins, origin) != origins.end();
}

std::string list_of(const std::vector<Origin>& origins) {
    std::string list;
    for (const auto& origin : origins)
        list += (list.empty() ? "" : ", ") + origin.text();
    return list;
}

} // namespace

std::string Origin::text() const {
    return fmt::format("{}://{}:{}", scheme, host, port);
}

std::optional<Origin> parse_origin(std::string_view url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        return std::nullopt;
    Origin origin;
    origin.scheme = util::lowercase_ascii(url.substr(0, scheme_end));
    if (origin.scheme != "http" && origin.scheme != "https")
        return std::nullopt;
    std::string_view authority = url.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    // "https://lms.example@evil.example/" goes to evil.example: userinfo is not the host.
    if (auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);

    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        host = authority.substr(0, close + 1);
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':'))
            return std::nullopt;
        port = rest.empty() ? rest : rest.substr(1);
    } else if (auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty())
        return std::nullopt;
    origin.host = util::lowercase_ascii(host);
    if (port.empty()) {
        origin.port = origin.scheme == "https" ? 443 : 80;
    } else {
        auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), origin.port);
        if (error != std::errc{} || end != port.data() + port.size() || origin.port < 1 ||
            origin.port > 65535)
            return std::nullopt;
    }
    return origin;
}

OriginPolicy::OriginPolicy(const std::vector<std::string>& profile_urls,
                           const std::vector<std::string>& allowed_urls) {
    for (const auto& url : profile_urls)
        if (!url.empty())
            add_profile_url(url);
    for (const auto& url : allowed_urls) {
        auto origin = parse_origin(url);
        if (!origin)
            throw util::UsageError(fmt::format(
                "--allow-origin {}: not an http or https URL (e.g. https://lms.example)", url));
        m_allowed.push_back(std::move(*origin));
    }
}

void OriginPolicy::add_profile_url(std::string_view url) {
    // A profile URL that is no URL fails at its own request with its own message.
    if (auto origin = parse_origin(url); origin && !contains(m_profile, *origin))
        m_profile.push_back(std::move(*origin));
}

bool OriginPolicy::is_https_profile() const {
    return std::ranges::any_of(m_profile,
                               [](const Origin& origin) { return origin.scheme == "https"; });
}

std::optional<std::string> OriginPolicy::refusal(std::string_view url,
                                                 std::string_view what) const {
    auto origin = parse_origin(url);
    if (!origin)
        return fmt::format("refusing to send the token to {} ({}): not an absolute http or https "
                           "URL",
                           what, url);
    if (contains(m_profile, *origin))
        return std::nullopt;
    if (origin->scheme == "http" && is_https_profile()) {
        auto same_host = std::ranges::find_if(m_profile, [&](const Origin& named) {
            return named.scheme == "https" && named.host == origin->host;
        });
        const Origin& named = same_host != m_profile.end()
                                  ? *same_host
                                  : *std::ranges::find_if(m_profile, [](const Origin& o) {
                                        return o.scheme == "https";
                                    });
        return fmt::format("refusing to send the token in clear text to {}: {} ({}) is plain http "
                           "while the profile uses {}; an https → http downgrade is never "
                           "followed",
                           origin->text(), what, url, named.text());
    }
    if (contains(m_allowed, *origin))
        return std::nullopt;
    return fmt::format("refusing to send the token to {}: {} ({}) is on another origin than the "
                       "profile's ({}); if the platform really serves from there, pass "
                       "--allow-origin {}",
                       origin->text(), what, url,
                       m_profile.empty() ? std::string("none named") : list_of(m_profile),
                       origin->text());
}

void OriginPolicy::check(std::string_view url, std::string_view what) const {
    if (auto reason = refusal(url, what))
        throw util::UnreachableError(*reason);
}

} // namespace gradepost::lti
