#pragma once

#include "http/transport.hpp"
#include "lti/gradebook_client.hpp"
#include "lti/origin_policy.hpp"
#include "lti/platform.hpp"
#include "lti/resources.hpp"
#include "lti/token.hpp"
#include "model/outcome.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gradepost::lti {

// AGS and NRPS over a Transport, with the platform's quirks (URLs with query strings,
// media types, Link pagination, client-side result filtering). Errors that end the run
// throw util errors: 401/403 → ConfigError, unreachable → UnreachableError. Every URL that
// would carry the token, the caller's and the platform's (paging links, line item ids), passes
// `origins` first; a refused one ends the run with UnreachableError before anything is sent.
class AgsClient : public GradebookClient {
public:
    AgsClient(http::Transport& transport, TokenSource& tokens, Platform platform,
              OriginPolicy origins);

    std::vector<LineItem> list_line_items(const std::string& container_url,
                                          const LineItemFilter& filter) override;
    LineItem get_line_item(const std::string& line_item_url) override;
    LineItem create_line_item(const std::string& container_url, const LineItem& item) override;

    // Every result of the line item (all pages), or one user's, filtered client-side too.
    std::vector<Result> results(const std::string& line_item_url,
                                const std::optional<std::string>& user_id) override;

    // Posts scores concurrently; answers in the same order. A 401 renews the token (once per
    // expiry) and re-sends the refused posts. `on_done(index, answer)` fires as each finishes;
    // `before_send(index)` just before a score is sent (again after a renewal), while others
    // are in flight: the caller journals there, so the pipeline never drains for it.
    std::vector<PostAnswer>
    post_scores(const std::string& line_item_url, std::span<const Score> scores,
                const std::function<void(std::size_t, const PostAnswer&)>& on_done = {},
                const std::function<void(std::size_t)>& before_send = {}) override;

    std::vector<Member> members(const std::string& memberships_url) override;

    int score_posts() const override { return m_score_posts; }

private:
    // Checks a URL the caller gave; with no origin in the profile, the first one stands for it.
    void confine(const std::string& url, std::string_view what);

    http::Transport& m_transport;
    TokenSource& m_tokens;
    Platform m_platform;
    OriginPolicy m_origins;
    int m_score_posts = 0;
};

} // namespace gradepost::lti
