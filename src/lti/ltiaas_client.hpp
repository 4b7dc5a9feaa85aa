#pragma once

#include "http/transport.hpp"
#include "lti/gradebook_client.hpp"
#include "lti/origin_policy.hpp"
#include "lti/platform.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace gradepost::lti {

// The keys of an LTIAAS account (secrets: never printed, registered for redaction).
struct LtiaasKeys {
    std::string api_key;
    std::string service_key;
};

// The gradebook through the LTIAAS API (DESIGN.md, "Backends"): service-key auth instead of
// an OAuth token, the LMS's line item URLs as ids in the path, the LMS's paging URLs asked
// of the same LTIAAS endpoint as `?url=`. The LMS itself is never called: every request
// goes to the LTIAAS base's origin and nowhere else. `container_url` and `memberships_url`
// are the LTIAAS endpoints (ltiaas_line_items_url, ltiaas_memberships_url). Errors end the
// run as in AgsClient: refused keys → ConfigError, unreachable → UnreachableError, with the
// message LTIAAS gives in `details.message`.
class LtiaasClient : public GradebookClient {
public:
    LtiaasClient(http::Transport& transport, LtiaasKeys keys, std::string base_url,
                 Platform platform);
    ~LtiaasClient() override;

    std::vector<LineItem> list_line_items(const std::string& container_url,
                                          const LineItemFilter& filter) override;
    LineItem get_line_item(const std::string& line_item_url) override;
    LineItem create_line_item(const std::string& container_url, const LineItem& item) override;
    std::vector<Result> results(const std::string& line_item_url,
                                const std::optional<std::string>& user_id) override;
    std::vector<PostAnswer>
    post_scores(const std::string& line_item_url, std::span<const Score> scores,
                const std::function<void(std::size_t, const PostAnswer&)>& on_done = {},
                const std::function<void(std::size_t)>& before_send = {}) override;
    std::vector<Member> members(const std::string& memberships_url) override;
    int score_posts() const override { return m_score_posts; }

private:
    http::Request request_to(std::string method, std::string url) const;
    http::Response send(http::Request request);
    // GETs `url` and the pages after it: the array under `items_key` of each page, whose
    // `next` (an LMS URL) is asked of the same endpoint as ?url=.
    std::vector<nlohmann::json> read_pages(const std::string& url, const char* items_key,
                                           std::string_view what, const std::string& subject);

    http::Transport& m_transport;
    std::string m_authorization; // secret
    std::string m_base_url;
    Platform m_platform;
    OriginPolicy m_origins;
    int m_score_posts = 0;
};

} // namespace gradepost::lti
