#include "lti/ltiaas_client.hpp"

#include "http/verdict.hpp"
#include "lti/errors.hpp"
#include "lti/ltiaas_urls.hpp"
#include "lti/resource_json.hpp"
#include "lti/score_document.hpp"
#include "lti/url.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/secret_memory.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <set>

namespace gradepost::lti {

namespace {

constexpr int k_max_ltiaas_pages = 10'000;
constexpr std::string_view k_json = "application/json";

[[noreturn]] void throw_keys_refused(const http::Response& response) {
    throw util::ConfigError(fmt::format("LTIAAS refused the API key and service key: {}; check "
                                        "ltiaas_api_key and ltiaas_service_key (or "
                                        "GRADEPOST_LTIAAS_API_KEY, GRADEPOST_LTIAAS_SERVICE_KEY)",
                                        platform_message(response)));
}

// The one place a status of an LTIAAS read or write becomes a run-ending error.
void check_ltiaas_status(const http::Response& response, const std::string& url,
                         std::string_view what, const std::string& subject) {
    if (response.is_success())
        return;
    if (response.status == 0)
        throw util::UnreachableError(fmt::format(
            "cannot reach {}: {}", url,
            response.transport_error.empty() ? "no response" : response.transport_error));
    if (response.status == 401)
        throw_keys_refused(response);
    std::string message = platform_message(response);
    if (http::classify(response) == http::Verdict::throttled)
        throw util::UnreachableError(fmt::format("{} kept throttling after {} attempts: {}", url,
                                                 response.attempts, message));
    if (response.status == 403)
        throw util::ConfigError(
            fmt::format("LTIAAS refused access to {}: {}; check the services enabled for the "
                        "tool",
                        what, message));
    if (response.status == 404)
        throw util::UsageError(fmt::format("{} not found: {} ({})", what, subject, message));
    throw util::UnreachableError(
        fmt::format("{} answered HTTP {}: {}", url, response.status, message));
}

nlohmann::json ltiaas_body(const http::Response& response, const std::string& url) {
    auto document = nlohmann::json::parse(response.body, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        throw util::UnreachableError(
            fmt::format("{} did not answer with a JSON object; check ltiaas_url", url));
    return document;
}

} // namespace

LtiaasClient::LtiaasClient(http::Transport& transport, LtiaasKeys keys, std::string base_url,
                           Platform platform)
    : m_transport(transport),
      m_authorization("SERVICE-AUTH-V1 " + keys.api_key + ":" + keys.service_key),
      m_base_url(std::move(base_url)), m_platform(platform), m_origins({m_base_url}, {}) {
    util::register_secret(m_authorization);
    util::erase_secret(keys.api_key);
    util::erase_secret(keys.service_key);
}

LtiaasClient::~LtiaasClient() {
    util::erase_secret(m_authorization);
}

http::Request LtiaasClient::request_to(std::string method, std::string url) const {
    // Every URL is built from the base; the check keeps the keys there should that change.
    m_origins.check(url, "the LTIAAS API");
    http::Request request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.headers.emplace_back("Accept", std::string(k_json));
    request.headers.emplace_back("Authorization", m_authorization);
    return request;
}

http::Response LtiaasClient::send(http::Request request) {
    auto response = m_transport.perform_one(request);
    for (auto& [name, value] : request.headers)
        if (name == "Authorization")
            util::erase_secret(value);
    return response;
}

std::vector<nlohmann::json> LtiaasClient::read_pages(const std::string& url, const char* items_key,
                                                     std::string_view what,
                                                     const std::string& subject) {
    std::vector<nlohmann::json> items;
    std::set<std::string> seen;
    std::string page_url = url;
    for (int page = 1;; ++page) {
        http::Response response = send(request_to("GET", page_url));
        check_ltiaas_status(response, page_url, what, subject);
        auto document = ltiaas_body(response, page_url);
        if (auto found = document.find(items_key); found != document.end() && found->is_array())
            for (auto& entry : *found)
                items.push_back(std::move(entry));

        auto next = document.find("next");
        if (next == document.end() || !next->is_string() || next->get<std::string>().empty())
            return items;
        std::string lms_next = next->get<std::string>();
        if (!seen.insert(lms_next).second) {
            util::warn("{}: the next page leads back to {}; stopping there", url, lms_next);
            return items;
        }
        // A listing cut short would read as complete: an error, not a partial answer.
        if (page == k_max_ltiaas_pages)
            throw util::UnreachableError(
                fmt::format("{}: still more pages after {}; the listing is incomplete, stopping",
                            url, k_max_ltiaas_pages));
        page_url = ltiaas_page_url(url, lms_next);
    }
}

std::vector<LineItem> LtiaasClient::list_line_items(const std::string& container_url,
                                                    const LineItemFilter& filter) {
    std::string url = container_url;
    if (!filter.resource_link_id.empty())
        url = add_query(url, "resourceLinkId", filter.resource_link_id);
    if (!filter.resource_id.empty())
        url = add_query(url, "resourceId", filter.resource_id);
    if (!filter.tag.empty())
        url = add_query(url, "tag", filter.tag);
    if (filter.limit)
        url = add_query(url, "limit", std::to_string(*filter.limit));

    std::vector<LineItem> items;
    for (const auto& entry : read_pages(url, "lineItems", "line items", container_url)) {
        // The LMS behind LTIAAS may ignore a filter.
        LineItem item = parse_line_item(entry);
        if ((filter.resource_link_id.empty() || item.resource_link_id == filter.resource_link_id) &&
            (filter.resource_id.empty() || item.resource_id == filter.resource_id) &&
            (filter.tag.empty() || item.tag == filter.tag))
            items.push_back(std::move(item));
    }
    return items;
}

LineItem LtiaasClient::get_line_item(const std::string& line_item_url) {
    std::string url = ltiaas_line_item_url(m_base_url, line_item_url);
    http::Response response = send(request_to("GET", url));
    check_ltiaas_status(response, url, "line item", line_item_url);
    LineItem item = parse_line_item(ltiaas_body(response, url));
    if (item.id.empty())
        item.id = line_item_url;
    return item;
}

LineItem LtiaasClient::create_line_item(const std::string& container_url, const LineItem& item) {
    auto request = request_to("POST", container_url);
    request.headers.emplace_back("Content-Type", std::string(k_json));
    request.body = line_item_document(item).dump();
    http::Response response = send(std::move(request));
    check_ltiaas_status(response, container_url, "line items", container_url);
    LineItem created = parse_line_item(ltiaas_body(response, container_url));
    if (created.id.empty())
        throw util::UnreachableError(fmt::format(
            "{} created a line item but did not say its id (the LMS URL)", container_url));
    return created;
}

std::vector<Result> LtiaasClient::results(const std::string& line_item_url,
                                          const std::optional<std::string>& user_id) {
    std::string url = ltiaas_scores_url(m_base_url, line_item_url);
    if (user_id)
        url = add_query(url, "userId", *user_id);
    std::vector<Result> results;
    for (const auto& entry : read_pages(url, "scores", "line item", line_item_url)) {
        Result result = parse_result(entry);
        if (!user_id || result.user_id == *user_id)
            results.push_back(std::move(result));
    }
    return results;
}

std::vector<PostAnswer>
LtiaasClient::post_scores(const std::string& line_item_url, std::span<const Score> scores,
                          const std::function<void(std::size_t, const PostAnswer&)>& on_done,
                          const std::function<void(std::size_t)>& before_send) {
    if (scores.empty())
        return {};
    std::string url = ltiaas_scores_url(m_base_url, line_item_url);
    std::vector<http::Request> requests;
    requests.reserve(scores.size());
    for (const auto& score : scores) {
        auto request = request_to("POST", url);
        request.headers.emplace_back("Content-Type", std::string(k_json));
        request.body = score_document(score, m_platform).dump();
        requests.push_back(std::move(request));
    }

    std::vector<PostAnswer> answers(scores.size());
    bool is_refused = false;
    std::string refusal;
    std::vector<bool> seen(scores.size(), false);
    auto finish = [&](std::size_t index, const http::Response& response) {
        if (seen[index])
            return;
        seen[index] = true;
        // The keys do not expire mid-run: a 401 means none of the scores can go through.
        if (response.status == 401) {
            is_refused = true;
            refusal = platform_message(response);
            return;
        }
        answers[index] = post_answer_of(response);
        if (on_done)
            on_done(index, answers[index]);
    };
    auto before_first_send = [&](std::size_t index, http::Request&) {
        if (before_send)
            before_send(index);
        ++m_score_posts;
        return true;
    };
    auto responses = m_transport.perform(requests, finish, before_first_send);
    for (std::size_t index = 0; index < responses.size(); ++index)
        finish(index, responses[index]);
    for (auto& request : requests)
        for (auto& [name, value] : request.headers)
            if (name == "Authorization")
                util::erase_secret(value);
    if (is_refused)
        throw util::ConfigError(fmt::format("LTIAAS refused the API key and service key on score "
                                            "posts: {}",
                                            refusal));
    return answers;
}

std::vector<Member> LtiaasClient::members(const std::string& memberships_url) {
    std::vector<Member> members;
    for (const auto& entry : read_pages(memberships_url, "members", "memberships", memberships_url))
        members.push_back(parse_member(entry));
    return members;
}

} // namespace gradepost::lti
