#include "sandbox/paging.hpp"

#include "sandbox/request_error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

namespace gradepost::sandbox {

namespace {

std::optional<std::string> find_param(const QueryParams& query, std::string_view name) {
    for (const auto& [key, value] : query)
        if (key == name)
            return value;
    return std::nullopt;
}

std::optional<std::size_t> integer_param(const QueryParams& query, std::string_view name,
                                         std::size_t minimum) {
    auto text = find_param(query, name);
    if (!text)
        return std::nullopt;
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < minimum)
        throw RequestError(400, fmt::format("{} must be an integer of at least {}, not \"{}\"",
                                            name, minimum, *text));
    return value;
}

QueryParams kept_params(const QueryParams& query, std::initializer_list<std::string_view> drop) {
    QueryParams kept;
    for (const auto& entry : query)
        if (std::find(drop.begin(), drop.end(), entry.first) == drop.end())
            kept.push_back(entry);
    return kept;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

Page offset_page(std::size_t total, const QueryParams& query, const std::string& collection_url) {
    auto limit = integer_param(query, "limit", 1);
    std::size_t from = integer_param(query, "from", 0).value_or(0);
    if (!limit)
        return {0, total, ""};
    Page page{std::min(from, total), std::min(total, from + *limit), ""};
    if (from + *limit < total) {
        QueryParams params = kept_params(query, {"limit", "from", "type_id"});
        params.emplace_back("limit", std::to_string(*limit));
        params.emplace_back("from", std::to_string(from + *limit));
        std::string next = replace_all(with_query(collection_url, params), "&", "&amp;");
        page.link_header = "Link: <" + next + ">; rel=\xE2\x80\x9Cnext\xE2\x80\x9D";
    }
    return page;
}

} // namespace

Page paginate(std::size_t total, const QueryParams& query, const Quirks& quirks,
              const std::string& collection_url) {
    if (quirks.offset_paging)
        return offset_page(total, query, collection_url);

    auto limit = integer_param(query, "limit", 1);
    if (!limit)
        limit = quirks.default_page_size;
    if (limit && quirks.max_page_size > 0)
        limit = std::min(*limit, quirks.max_page_size);
    std::size_t number = integer_param(query, "page", 1).value_or(1);
    if (!limit)
        return {0, total, ""};

    std::size_t pages = std::max<std::size_t>(1, (total + *limit - 1) / *limit);
    std::size_t begin = std::min(total, (number - 1) * *limit);
    Page page{begin, std::min(total, begin + *limit), ""};

    QueryParams kept = kept_params(query, {"limit", "page"});
    auto link = [&](std::size_t target, std::string_view rel) {
        QueryParams params = kept;
        params.emplace_back("limit", std::to_string(*limit));
        params.emplace_back("page", std::to_string(target));
        if (!page.link_header.empty())
            page.link_header += ", ";
        page.link_header +=
            fmt::format("<{}>; rel=\"{}\"", with_query(collection_url, params), rel);
    };
    if (number < pages)
        link(number + 1, "next");
    if (number > 1)
        link(std::min(number - 1, pages), "prev");
    link(1, "first");
    link(pages, "last");
    return page;
}

} // namespace gradepost::sandbox
