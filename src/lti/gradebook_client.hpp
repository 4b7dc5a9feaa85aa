#pragma once

#include "lti/ags_client_types.hpp"
#include "lti/resources.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gradepost::lti {

// What the commands ask of a platform's gradebook, whoever serves it: the LMS itself over
// AGS and NRPS (AgsClient), or the LTIAAS API in front of it (LtiaasClient). Line items are
// named by their LMS URL in both.
class GradebookClient {
public:
    virtual ~GradebookClient() = default;

    virtual std::vector<LineItem> list_line_items(const std::string& container_url,
                                                  const LineItemFilter& filter) = 0;
    virtual LineItem get_line_item(const std::string& line_item_url) = 0;
    virtual LineItem create_line_item(const std::string& container_url, const LineItem& item) = 0;

    // Every result of the line item (all pages), or one user's.
    virtual std::vector<Result> results(const std::string& line_item_url,
                                        const std::optional<std::string>& user_id) = 0;

    // Posts scores concurrently; answers in the same order. `on_done(index, answer)` fires as
    // each finishes; `before_send(index)` just before a score is sent (again after a token
    // renewal), while others are in flight: the caller journals there, so the pipeline never
    // drains for it.
    virtual std::vector<PostAnswer>
    post_scores(const std::string& line_item_url, std::span<const Score> scores,
                const std::function<void(std::size_t, const PostAnswer&)>& on_done = {},
                const std::function<void(std::size_t)>& before_send = {}) = 0;

    // Score requests sent so far (held ones not counted; a resend after a 401 counts again).
    virtual int score_posts() const = 0;

    virtual std::vector<Member> members(const std::string& memberships_url) = 0;
};

} // namespace gradepost::lti
