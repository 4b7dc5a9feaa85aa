#pragma once

#include "sandbox/client_assertion.hpp"
#include "sandbox/course.hpp"
#include "sandbox/quirks.hpp"
#include "sandbox/scopes.hpp"
#include "sandbox/score_rules.hpp"
#include "util/clock.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gradepost::sandbox {

enum class CourseState { active, concluded, unpublished };

// "active", "concluded", "unpublished"; parse_course_state gives nullopt for anything else.
std::string_view to_string(CourseState state);
std::optional<CourseState> parse_course_state(std::string_view text);

// Every score accepted for one student and line item: the stored result and how many
// posts were accepted, in total and per score value (so a test can assert that nobody was
// posted twice).
struct ScoreRecord {
    std::optional<StoredResult> result;
    int posts = 0;
    std::map<std::string, int> posts_by_score;
};

struct ScoreRow {
    int line_item_id = 0;
    std::string user_id;
    ScoreRecord record;
};

// The outcome of checking a bearer token for a route.
struct Authorization {
    int status = 0; // 0: allowed; 401 or 403
    std::string message;
    std::string client_id;
    bool is_used_up = false; // refused by --expire-tokens-every
};

// The platform's data: the course's members (fixed), line items, results, access tokens and
// the jti of every accepted client assertion, under one mutex. Copies go out, never
// references, so routes never hold the lock while answering.
class PlatformState {
public:
    explicit PlatformState(Course course);
    PlatformState(const PlatformState&) = delete; // members are indexed by address
    PlatformState& operator=(const PlatformState&) = delete;

    const std::string& course_id() const { return m_course.id; }
    const std::string& course_title() const { return m_course.title; }
    const std::vector<Member>& members() const { return m_course.members; }
    // A member by user id, or in Canvas mode by LTI user id too; null when unknown.
    const Member* find_member(std::string_view user_id, bool accepts_lti_user_ids) const;

    std::vector<LineItem> line_items() const;
    std::optional<LineItem> line_item(int id) const;
    LineItem add_line_item(LineItem item);
    std::optional<LineItem> replace_line_item(int id, LineItem item);
    bool remove_line_item(int id); // its results go with it

    // Checks the score against what is stored, then stores it and counts the post, as one
    // step. Throws RequestError (timestamp order, attempts, line item gone).
    StoredResult record_score(int line_item_id, const Member& member, const ScoreSubmission& score,
                              const Quirks& quirks, int allowed_attempts);
    std::vector<std::pair<std::string, StoredResult>> results(int line_item_id) const;
    // An instructor's hand edit in the gradebook: the result becomes `score_given` out of
    // `score_maximum`, set by hand, without counting a tool post. False when the line item or
    // the student is unknown.
    bool set_grade_by_hand(int line_item_id, const std::string& user_id, double score_given,
                           double score_maximum, util::Instant now);
    std::vector<ScoreRow> score_rows() const;
    // Forgets results and post counts; line items, members and tokens stay.
    void clear_results();

    // The course's state as an administrator set it (/_sandbox/course): active, concluded or
    // unpublished. Score posts of a course that is not active are refused (score_routes.cpp).
    CourseState course_state() const;
    void set_course_state(CourseState state);

    // Remembers the jti until the assertion expires; false when it was seen before.
    bool remember_jti(const std::string& jti, util::Instant expires, util::Instant now);
    std::string issue_token(const std::string& client_id, const ScopeSet& scopes,
                            std::chrono::seconds lifetime, util::Instant now);
    // Checks the bearer token and that it holds one of `any_of` scopes; counts the use.
    Authorization authorize(std::string_view token, const std::vector<std::string_view>& any_of,
                            int expire_every, util::Instant now);
    // The client a token was issued to (for Canvas's per-client bucket); empty if unknown.
    std::string client_of(std::string_view token) const;

private:
    struct AccessToken {
        std::string client_id;
        ScopeSet scopes;
        util::Instant expires;
        int uses = 0;
    };

    Course m_course; // members never change after construction
    std::unordered_map<std::string, const Member*> m_members_by_id;
    std::unordered_map<std::string, const Member*> m_members_by_alias;

    mutable std::mutex m_mutex;
    std::map<int, LineItem> m_line_items;
    int m_next_line_item_id = 1;
    std::map<std::pair<int, std::string>, ScoreRecord> m_scores;
    std::unordered_map<std::string, AccessToken> m_tokens;
    std::unordered_map<std::string, util::Instant> m_jtis;
    CourseState m_course_state = CourseState::active;
};

} // namespace gradepost::sandbox
