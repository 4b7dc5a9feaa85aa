#include "lti/link_header.hpp"

#include "lti/http_headers.hpp"
#include "lti/url.hpp"
#include "util/ascii.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <strings.h>

namespace gradepost::lti {

namespace {

constexpr std::string_view k_left_quote = "\xE2\x80\x9C";  // “
constexpr std::string_view k_right_quote = "\xE2\x80\x9D"; // ”

// The parameters after `>`, up to the comma that ends this link (commas inside quotes do not).
std::string_view parameters_of(std::string_view rest) {
    bool in_quotes = false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '"')
            in_quotes = !in_quotes;
        else if (rest[i] == ',' && !in_quotes)
            return rest.substr(0, i);
    }
    return rest;
}

std::vector<std::string> relations_in(std::string_view parameters) {
    std::vector<std::string> relations;
    while (!parameters.empty()) {
        auto semicolon = parameters.find(';');
        std::string_view parameter = util::trim(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view()
                                                         : parameters.substr(semicolon + 1);
        auto equals = parameter.find('=');
        if (equals == std::string_view::npos ||
            util::lowercase_ascii(util::trim(parameter.substr(0, equals))) != "rel")
            continue;
        std::string_view value = util::trim(parameter.substr(equals + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\''))
            value = value.substr(1, value.size() - 2);
        std::size_t start = 0;
        while (start < value.size()) {
            auto end = value.find(' ', start);
            if (end == std::string_view::npos)
                end = value.size();
            if (end > start)
                relations.push_back(util::lowercase_ascii(value.substr(start, end - start)));
            start = end + 1;
        }
    }
    return relations;
}

} // namespace

std::vector<Link> parse_link_header(std::string_view value) {
    // Typographic quotes become plain ones so the rest of the parser sees one dialect.
    std::string text =
        util::replace_all(util::replace_all(value, k_left_quote, "\""), k_right_quote, "\"");

    std::vector<Link> links;
    std::string_view rest = text;
    while (true) {
        auto open = rest.find('<');
        if (open == std::string_view::npos)
            break;
        auto close = rest.find('>', open);
        if (close == std::string_view::npos)
            break;
        Link link;
        link.url =
            util::replace_all(util::trim(rest.substr(open + 1, close - open - 1)), "&amp;", "&");
        std::string_view parameters = parameters_of(rest.substr(close + 1));
        link.relations = relations_in(parameters);
        rest = rest.substr(close + 1 + parameters.size());
        if (!link.url.empty())
            links.push_back(std::move(link));
    }
    return links;
}

std::optional<std::string> find_next_link(const http::Headers& headers,
                                          std::string_view request_url) {
    for (const auto& value : header_values(headers, "Link"))
        for (const auto& link : parse_link_header(value))
            if (std::find(link.relations.begin(), link.relations.end(), "next") !=
                link.relations.end())
                return resolve_url(request_url, link.url);
    return std::nullopt;
}

} // namespace gradepost::lti
