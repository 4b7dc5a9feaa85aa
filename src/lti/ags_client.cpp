#include "lti/ags_client.hpp"

#include "http/verdict.hpp"
#include "lti/attachment.hpp"
#include "lti/errors.hpp"
#include "lti/http_headers.hpp"
#include "lti/link_header.hpp"
#include "lti/media_types.hpp"
#include "lti/resource_json.hpp"
#include "lti/score_document.hpp"
#include "lti/url.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/secret_memory.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace gradepost::lti {

namespace {

constexpr int k_max_pages = 10'000;
// Score posts handed to the transport at once: their requests and responses (~2 KB a score)
// live only while their window is posted, so posting to 100,000 students does not hold
// 100,000 of each. Large enough that the few requests in flight at a window's end cost
// nothing measurable (a post of 2,000 scores is one window).
constexpr std::size_t k_post_window = 4'096;

http::Request make_request(std::string method, std::string url, std::string_view accept) {
    http::Request request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.headers.emplace_back("Accept", std::string(accept));
    return request;
}

void authorize(http::Request& request, const Token& token) {
    for (auto& [name, value] : request.headers)
        if (name == "Authorization")
            util::erase_secret(value);
    std::erase_if(request.headers,
                  [](const auto& header) { return header.first == "Authorization"; });
    request.headers.emplace_back("Authorization", "Bearer " + token.access_token);
}

[[noreturn]] void throw_token_refused(const http::Response& response) {
    throw util::ConfigError(fmt::format("the platform refused the token: {}; check the scopes "
                                        "granted to the tool",
                                        platform_message(response)));
}

// Sends with the run's token; a 401 renews it and sends again, once.
http::Response send_authorized(http::Transport& transport, TokenSource& tokens,
                               http::Request request) {
    authorize(request, tokens.token());
    http::Response response = transport.perform_one(request);
    if (response.status != 401)
        return response;
    if (!tokens.renew_after_unauthorized())
        throw_token_refused(response);
    authorize(request, tokens.token());
    response = transport.perform_one(request);
    if (response.status == 401)
        throw_token_refused(response);
    return response;
}

// The one place a status of an AGS/NRPS read or write becomes a run-ending error.
// `what` and `subject_url` name the resource in a 404 ("line item not found: URL").
void check_status(const http::Response& response, const std::string& url, std::string_view what,
                  const std::string& subject_url) {
    if (response.is_success())
        return;
    if (response.status == 0)
        throw util::UnreachableError(fmt::format(
            "cannot reach {}: {}", url,
            response.transport_error.empty() ? "no response" : response.transport_error));
    std::string message = platform_message(response);
    switch (http::classify(response)) {
    case http::Verdict::throttled:
        throw util::UnreachableError(fmt::format("{} kept throttling after {} attempts: {}", url,
                                                 response.attempts, message));
    case http::Verdict::unauthorized:
        throw_token_refused(response);
    case http::Verdict::refused:
        if (response.status == 403)
            throw util::ConfigError(fmt::format("{} refused access: {}; check the scopes "
                                                "granted to the tool",
                                                url, message));
        if (response.status == 404)
            throw util::UsageError(fmt::format("{} not found: {}", what, subject_url));
        break;
    default:
        break;
    }
    throw util::UnreachableError(
        fmt::format("{} answered HTTP {}: {}", url, response.status, message));
}

nlohmann::json parse_body(const http::Response& response, const std::string& url) {
    auto document = nlohmann::json::parse(response.body, nullptr, false);
    if (document.is_discarded())
        throw util::ConfigError(
            fmt::format("{} did not answer with JSON (Content-Type: {}); check the URL", url,
                        header_value(response.headers, "Content-Type").value_or("none")));
    return document;
}

bool is_numeric(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](unsigned char c) { return c >= '0' && c <= '9'; });
}

bool matches(const std::string& wanted, const std::string& value) {
    return wanted.empty() || wanted == value;
}

// GETs `url` and every page after it by the Link headers' rel="next", stopping when a link
// leads back to a page already read (a loop). More pages than k_max_pages, or a next link
// `origins` refuses, end the run before the next request is sent.
void for_each_page(http::Transport& transport, TokenSource& tokens, const OriginPolicy& origins,
                   const std::string& url, std::string_view accept, std::string_view what,
                   const std::string& subject_url,
                   const std::function<void(const nlohmann::json&)>& on_page) {
    std::set<std::string> seen;
    std::string page_url = url;
    for (int page = 1;; ++page) {
        seen.insert(page_url);
        auto request = make_request("GET", page_url, accept);
        http::Response response = send_authorized(transport, tokens, std::move(request));
        check_status(response, page_url, what, subject_url);
        on_page(parse_body(response, page_url));

        auto next = find_next_link(response.headers, page_url);
        if (!next)
            return;
        if (seen.contains(*next)) {
            util::warn("{}: the next page link leads back to {}; stopping there", url, *next);
            return;
        }
        // A listing cut short would read as complete (students missing from results, a line
        // item not found): an error, not a partial answer.
        if (page == k_max_pages)
            throw util::UnreachableError(
                fmt::format("{}: still more pages after {}; the listing is incomplete, stopping",
                            url, k_max_pages));
        origins.check(*next, fmt::format("the next page link of {}", page_url));
        page_url = std::move(*next);
    }
}

} // namespace

PostAnswer post_answer_of(const http::Response& response) {
    PostAnswer answer;
    answer.http_status = response.status;
    answer.is_success = response.is_success();
    answer.may_have_been_applied = response.may_have_been_applied;
    answer.was_sent = response.attempts > 0;
    if (!answer.is_success) {
        answer.error = score_post_error(response);
        answer.fault = fault_of(http::classify(response));
        if (response.status != 0)
            answer.course_refusal = course_refusal_of(platform_message(response));
    } else {
        answer.progress_urls = canvas_progress_urls(response.body);
    }
    return answer;
}

AgsClient::AgsClient(http::Transport& transport, TokenSource& tokens, Platform platform,
                     OriginPolicy origins)
    : m_transport(transport), m_tokens(tokens), m_platform(platform),
      m_origins(std::move(origins)) {}

void AgsClient::confine(const std::string& url, std::string_view what) {
    if (m_origins.names_no_origin())
        m_origins.add_profile_url(url);
    m_origins.check(url, what);
}

std::vector<LineItem> AgsClient::list_line_items(const std::string& container_url,
                                                 const LineItemFilter& filter) {
    std::string url = container_url;
    if (!filter.resource_link_id.empty())
        url = add_query(url, "resource_link_id", filter.resource_link_id);
    if (!filter.resource_id.empty())
        url = add_query(url, "resource_id", filter.resource_id);
    if (!filter.tag.empty())
        url = add_query(url, "tag", filter.tag);
    if (filter.limit)
        url = add_query(url, "limit", std::to_string(*filter.limit));

    confine(url, "the line items container");
    std::vector<LineItem> items;
    for_each_page(m_transport, m_tokens, m_origins, url, k_media_line_item_container,
                  "line items container", container_url, [&](const nlohmann::json& page) {
                      if (!page.is_array())
                          return;
                      for (const auto& entry : page) {
                          // Not every platform honours the filters.
                          LineItem item = parse_line_item(entry);
                          if (matches(filter.resource_link_id, item.resource_link_id) &&
                              matches(filter.resource_id, item.resource_id) &&
                              matches(filter.tag, item.tag))
                              items.push_back(std::move(item));
                      }
                  });
    return items;
}

LineItem AgsClient::get_line_item(const std::string& line_item_url) {
    confine(line_item_url, "the line item");
    auto request = make_request("GET", line_item_url, k_media_line_item);
    http::Response response = send_authorized(m_transport, m_tokens, std::move(request));
    check_status(response, line_item_url, "line item", line_item_url);
    LineItem item = parse_line_item(parse_body(response, line_item_url));
    if (item.id.empty())
        item.id = line_item_url;
    return item;
}

LineItem AgsClient::create_line_item(const std::string& container_url, const LineItem& item) {
    confine(container_url, "the line items container");
    auto request = make_request("POST", container_url, k_media_line_item);
    request.headers.emplace_back("Content-Type", std::string(k_media_line_item));
    request.body = line_item_document(item).dump();
    http::Response response = send_authorized(m_transport, m_tokens, std::move(request));
    check_status(response, container_url, "line items container", container_url);

    LineItem created = item;
    if (auto document = nlohmann::json::parse(response.body, nullptr, false); document.is_object())
        created = parse_line_item(document);
    if (created.id.empty())
        created.id =
            resolve_url(container_url, header_value(response.headers, "Location").value_or(""));
    if (created.id.empty() || created.id == container_url)
        throw util::UnreachableError(fmt::format(
            "{} created a line item but did not say its URL (no id, no Location)", container_url));
    return created;
}

std::vector<Result> AgsClient::results(const std::string& line_item_url,
                                       const std::optional<std::string>& user_id) {
    std::string url = append_path(line_item_url, "results");
    // Open edX ignores user_id and Moodle refuses one that is not numeric; the client-side
    // filter below is what guarantees the answer. Moodle also fails on `limit`: none is sent.
    bool send_user_id = user_id && m_platform != Platform::openedx &&
                        (m_platform != Platform::moodle || is_numeric(*user_id));
    if (send_user_id)
        url = add_query(url, "user_id", *user_id);

    confine(url, "the results of the line item");
    std::vector<Result> results;
    for_each_page(m_transport, m_tokens, m_origins, url, k_media_result_container, "line item",
                  line_item_url, [&](const nlohmann::json& page) {
                      if (!page.is_array())
                          return;
                      for (const auto& entry : page) {
                          Result result = parse_result(entry);
                          if (!user_id || result.user_id == *user_id)
                              results.push_back(std::move(result));
                      }
                  });
    return results;
}

std::vector<PostAnswer>
AgsClient::post_scores(const std::string& line_item_url, std::span<const Score> scores,
                       const std::function<void(std::size_t, const PostAnswer&)>& on_done,
                       const std::function<void(std::size_t)>& before_send) {
    if (scores.empty())
        return {};
    std::string url = append_path(line_item_url, "scores");
    confine(url, "the score URL of the line item");
    auto request_for = [&](const Score& score) {
        http::Request request;
        request.method = "POST";
        request.url = url;
        request.headers.emplace_back("Content-Type", std::string(k_media_score));
        request.body = score_document(score, m_platform).dump();
        return request;
    };

    // Single-flight renewal: the token goes on each request just before its first send. A
    // 401, or a token due for renewal, holds back every request not yet sent while those in
    // flight finish; then the token is renewed once and the refused and held requests go
    // again. So a renewal wastes at most the requests in flight, and 2-second tokens work.
    std::vector<PostAnswer> answers(scores.size());
    for (std::size_t first = 0; first < scores.size(); first += k_post_window) {
        // A window starts with a token that has worked since any renewal: an earlier window
        // ends only when each of its requests was answered with it.
        bool renewed_after_401 = false;
        std::vector<std::size_t> pending(std::min(k_post_window, scores.size() - first));
        for (std::size_t position = 0; position < pending.size(); ++position)
            pending[position] = first + position;
        while (!pending.empty()) {
            m_tokens.token(); // renews a token that is due before anything is sent
            // Built for each round rather than built once and copied into every round: a round
            // after a renewal is rare, and the copy delayed the first send of every post.
            std::vector<http::Request> batch;
            batch.reserve(pending.size());
            for (std::size_t index : pending)
                batch.push_back(request_for(scores[index]));
            std::vector<std::size_t> again;
            bool saw_unauthorized = false;
            bool token_worked = false;
            std::vector<bool> seen(pending.size(), false);
            auto finish = [&](std::size_t position, const http::Response& response) {
                if (seen[position])
                    return;
                seen[position] = true;
                std::size_t index = pending[position];
                if (response.is_held || response.status == 401) {
                    saw_unauthorized = saw_unauthorized || response.status == 401;
                    again.push_back(index);
                    return;
                }
                token_worked = true;
                answers[index] = post_answer_of(response);
                if (on_done)
                    on_done(index, answers[index]);
            };
            auto before_first_send = [&](std::size_t position, http::Request& request) {
                if (saw_unauthorized || m_tokens.is_due())
                    return false;
                if (before_send)
                    before_send(pending[position]);
                authorize(request, m_tokens.token());
                ++m_score_posts;
                return true;
            };
            auto responses = m_transport.perform(batch, finish, before_first_send);
            for (std::size_t position = 0; position < responses.size(); ++position)
                finish(position, responses[position]);
            if (again.empty())
                break;
            if (again.size() == pending.size() && !saw_unauthorized)
                throw util::ConfigError("the access token expires before a request can be sent "
                                        "with it; check the platform's token lifetime");
            if (saw_unauthorized) {
                if (renewed_after_401 && !token_worked)
                    throw util::ConfigError("the platform refused the token, renewed after a 401: "
                                            "401 Unauthorized on score posts; check the scopes "
                                            "granted to the tool (score)");
                if (!m_tokens.renew_after_unauthorized())
                    throw util::ConfigError("the platform refused the token: 401 Unauthorized on "
                                            "score posts; check the scopes granted to the tool "
                                            "(score)");
                renewed_after_401 = true;
            }
            std::sort(again.begin(), again.end());
            pending = std::move(again);
        }
    }
    return answers;
}

std::vector<Member> AgsClient::members(const std::string& memberships_url) {
    confine(memberships_url, "the memberships URL");
    std::vector<Member> members;
    for_each_page(m_transport, m_tokens, m_origins, memberships_url, k_media_membership_container,
                  "memberships", memberships_url, [&](const nlohmann::json& page) {
                      if (!page.is_object() || !page.contains("members") ||
                          !page["members"].is_array())
                          return;
                      for (const auto& entry : page["members"])
                          members.push_back(parse_member(entry));
                  });
    return members;
}

} // namespace gradepost::lti
