#include "lti/url.hpp"

#include <cctype>

namespace gradepost::lti {

namespace {

struct UrlParts {
    std::string_view before_query; // scheme, authority and path
    std::string_view query;        // with its '?', or empty
    std::string_view fragment;     // with its '#', or empty
};

UrlParts split(std::string_view url) {
    UrlParts parts;
    auto hash = url.find('#');
    if (hash != std::string_view::npos) {
        parts.fragment = url.substr(hash);
        url = url.substr(0, hash);
    }
    auto question = url.find('?');
    if (question != std::string_view::npos) {
        parts.query = url.substr(question);
        url = url.substr(0, question);
    }
    parts.before_query = url;
    return parts;
}

bool has_scheme(std::string_view url) {
    if (url.empty() || !std::isalpha(static_cast<unsigned char>(url[0])))
        return false;
    for (char c : url) {
        if (c == ':')
            return true;
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
            return false;
    }
    return false;
}

// "https://host:port" of an absolute URL; empty when the URL has none. A "://" after the
// first '/', '?' or '#' (in "https:x?next=http://y") is no authority.
std::string_view origin_of(std::string_view url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || url.find_first_of("/?#") < scheme_end)
        return {};
    auto path_start = url.find_first_of("/?#", scheme_end + 3);
    return url.substr(0, path_start == std::string_view::npos ? url.size() : path_start);
}

// RFC 3986 §5.2.4, for the path of a resolved relative reference.
std::string remove_dot_segments(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 1; // the path starts with '/'
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        std::string_view segment = path.substr(start, end - start);
        bool is_last = end == path.size();
        if (segment == "..") {
            if (!segments.empty())
                segments.pop_back();
            if (is_last)
                segments.emplace_back();
        } else if (segment == ".") {
            if (is_last)
                segments.emplace_back();
        } else {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string result;
    for (auto segment : segments) {
        result += '/';
        result += segment;
    }
    return result.empty() ? "/" : result;
}

} // namespace

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded.push_back('%');
            encoded.push_back(k_hex[c >> 4]);
            encoded.push_back(k_hex[c & 0x0f]);
        }
    }
    return encoded;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty())
            body += '&';
        body += percent_encode(name) + '=' + percent_encode(value);
    }
    return body;
}

std::string append_path(std::string_view url, std::string_view segment) {
    UrlParts parts = split(url);
    std::string path(parts.before_query);
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    while (!segment.empty() && segment.front() == '/')
        segment.remove_prefix(1);
    return path + '/' + std::string(segment) + std::string(parts.query) +
           std::string(parts.fragment);
}

std::string add_query(std::string_view url, std::string_view name, std::string_view value) {
    UrlParts parts = split(url);
    std::string query(parts.query);
    if (query.empty())
        query = "?";
    else if (query.back() != '?' && query.back() != '&')
        query += '&';
    query += percent_encode(name) + '=' + percent_encode(value);
    return std::string(parts.before_query) + query + std::string(parts.fragment);
}

std::string resolve_url(std::string_view base, std::string_view reference) {
    if (reference.empty())
        return std::string(split(base).before_query) + std::string(split(base).query);
    if (has_scheme(reference))
        return std::string(reference);
    if (reference.substr(0, 2) == "//") {
        auto colon = base.find(':');
        return std::string(base.substr(0, colon == std::string_view::npos ? 0 : colon + 1)) +
               std::string(reference);
    }
    std::string_view origin = origin_of(base);
    UrlParts base_parts = split(base);
    if (reference.front() == '?')
        return std::string(base_parts.before_query) + std::string(reference);
    if (reference.front() == '#')
        return std::string(base_parts.before_query) + std::string(base_parts.query) +
               std::string(reference);

    UrlParts reference_parts = split(reference);
    std::string path;
    if (reference.front() == '/') {
        path = reference_parts.before_query;
    } else {
        std::string_view base_path = base_parts.before_query.substr(origin.size());
        auto last_slash = base_path.rfind('/');
        path = std::string(last_slash == std::string_view::npos
                               ? std::string_view("/")
                               : base_path.substr(0, last_slash + 1)) +
               std::string(reference_parts.before_query);
    }
    return std::string(origin) + remove_dot_segments(path) + std::string(reference_parts.query) +
           std::string(reference_parts.fragment);
}

} // namespace gradepost::lti
