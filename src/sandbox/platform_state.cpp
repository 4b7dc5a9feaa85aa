#include "sandbox/platform_state.hpp"

#include "sandbox/crypto.hpp"
#include "sandbox/request_error.hpp"

#include <algorithm>

namespace gradepost::sandbox {

namespace {

// Expired tokens and jtis are swept when the tables grow past this, so a long CI run does
// not grow without bound.
constexpr std::size_t k_sweep_threshold = 10'000;

template <typename Map, typename Expiry> void sweep(Map& map, util::Instant now, Expiry expiry) {
    if (map.size() < k_sweep_threshold)
        return;
    for (auto it = map.begin(); it != map.end();)
        it = expiry(it->second) <= now ? map.erase(it) : std::next(it);
}

} // namespace

PlatformState::PlatformState(Course course) : m_course(std::move(course)) {
    for (const auto& member : m_course.members) {
        m_members_by_id.emplace(member.user_id, &member);
        if (!member.lti_user_id.empty())
            m_members_by_alias.emplace(member.lti_user_id, &member);
    }
    for (const auto& item : m_course.line_items) {
        m_line_items.emplace(item.id, item);
        m_next_line_item_id = std::max(m_next_line_item_id, item.id + 1);
    }
}

const Member* PlatformState::find_member(std::string_view user_id,
                                         bool accepts_lti_user_ids) const {
    std::string key(user_id);
    if (auto it = m_members_by_id.find(key); it != m_members_by_id.end())
        return it->second;
    if (accepts_lti_user_ids) {
        if (auto it = m_members_by_alias.find(key); it != m_members_by_alias.end())
            return it->second;
    }
    return nullptr;
}

std::vector<LineItem> PlatformState::line_items() const {
    std::lock_guard lock(m_mutex);
    std::vector<LineItem> items;
    items.reserve(m_line_items.size());
    for (const auto& [id, item] : m_line_items)
        items.push_back(item);
    return items;
}

std::optional<LineItem> PlatformState::line_item(int id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_line_items.find(id);
    return it == m_line_items.end() ? std::nullopt : std::optional(it->second);
}

LineItem PlatformState::add_line_item(LineItem item) {
    std::lock_guard lock(m_mutex);
    item.id = m_next_line_item_id++;
    m_line_items.emplace(item.id, item);
    return item;
}

std::optional<LineItem> PlatformState::replace_line_item(int id, LineItem item) {
    std::lock_guard lock(m_mutex);
    auto it = m_line_items.find(id);
    if (it == m_line_items.end())
        return std::nullopt;
    item.id = id;
    it->second = item;
    return item;
}

bool PlatformState::remove_line_item(int id) {
    std::lock_guard lock(m_mutex);
    if (m_line_items.erase(id) == 0)
        return false;
    std::erase_if(m_scores, [id](const auto& entry) { return entry.first.first == id; });
    return true;
}

StoredResult PlatformState::record_score(int line_item_id, const Member& member,
                                         const ScoreSubmission& score, const Quirks& quirks,
                                         int allowed_attempts) {
    std::lock_guard lock(m_mutex);
    if (!m_line_items.contains(line_item_id))
        throw RequestError(404, "Line item not found");
    // Checked before the record exists, so a refused first post leaves no trace.
    std::pair<int, std::string> key{line_item_id, member.user_id};
    auto found = m_scores.find(key);
    std::optional<StoredResult> stored =
        found == m_scores.end() ? std::nullopt : found->second.result;
    if (stored)
        check_timestamp_order(quirks, score, *stored);
    check_attempts(quirks, score, stored, allowed_attempts);
    auto& record = m_scores[key];
    record.result = next_result(quirks, score, stored);
    ++record.posts;
    ++record.posts_by_score[score_value_key(score.score_given)];
    return *record.result;
}

bool PlatformState::set_grade_by_hand(int line_item_id, const std::string& user_id,
                                      double score_given, double score_maximum, util::Instant now) {
    std::lock_guard lock(m_mutex);
    bool is_member = std::ranges::any_of(
        m_course.members, [&](const Member& member) { return member.user_id == user_id; });
    if (!m_line_items.contains(line_item_id) || !is_member)
        return false;
    auto& result = m_scores[{line_item_id, user_id}].result;
    if (!result)
        result.emplace();
    result->score_given = score_given;
    result->score_maximum = score_maximum;
    result->grading_progress = "FullyGraded";
    result->activity_progress = "Completed";
    result->instant = now;
    result->is_cleared = false;
    result->is_set_by_hand = true;
    return true;
}

std::vector<std::pair<std::string, StoredResult>> PlatformState::results(int line_item_id) const {
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<std::string, StoredResult>> results;
    for (auto it = m_scores.lower_bound({line_item_id, std::string()});
         it != m_scores.end() && it->first.first == line_item_id; ++it) {
        if (it->second.result)
            results.emplace_back(it->first.second, *it->second.result);
    }
    return results;
}

std::vector<ScoreRow> PlatformState::score_rows() const {
    std::lock_guard lock(m_mutex);
    std::vector<ScoreRow> rows;
    rows.reserve(m_scores.size());
    for (const auto& [key, record] : m_scores)
        rows.push_back({key.first, key.second, record});
    return rows;
}

std::string_view to_string(CourseState state) {
    switch (state) {
    case CourseState::active:
        return "active";
    case CourseState::concluded:
        return "concluded";
    case CourseState::unpublished:
        return "unpublished";
    }
    return "active";
}

std::optional<CourseState> parse_course_state(std::string_view text) {
    for (auto state : {CourseState::active, CourseState::concluded, CourseState::unpublished})
        if (text == to_string(state))
            return state;
    return std::nullopt;
}

CourseState PlatformState::course_state() const {
    std::lock_guard lock(m_mutex);
    return m_course_state;
}

void PlatformState::set_course_state(CourseState state) {
    std::lock_guard lock(m_mutex);
    m_course_state = state;
}

void PlatformState::clear_results() {
    std::lock_guard lock(m_mutex);
    m_scores.clear();
}

bool PlatformState::remember_jti(const std::string& jti, util::Instant expires, util::Instant now) {
    std::lock_guard lock(m_mutex);
    sweep(m_jtis, now, [](util::Instant expiry) { return expiry; });
    return m_jtis.emplace(jti, expires).second;
}

std::string PlatformState::issue_token(const std::string& client_id, const ScopeSet& scopes,
                                       std::chrono::seconds lifetime, util::Instant now) {
    std::string token = random_token(32);
    std::lock_guard lock(m_mutex);
    sweep(m_tokens, now, [](const AccessToken& entry) { return entry.expires; });
    m_tokens[token] = AccessToken{client_id, scopes, now + lifetime, 0};
    return token;
}

Authorization PlatformState::authorize(std::string_view token,
                                       const std::vector<std::string_view>& any_of,
                                       int expire_every, util::Instant now) {
    if (token.empty())
        return {401, "Missing bearer token", "", false};
    std::lock_guard lock(m_mutex);
    auto it = m_tokens.find(std::string(token));
    if (it == m_tokens.end())
        return {401, "Invalid access token", "", false};
    auto& entry = it->second;
    if (entry.expires <= now)
        return {401, "Access token expired", entry.client_id, false};
    if (expire_every > 0 && entry.uses >= expire_every)
        return {401, "Access token expired", entry.client_id, true};
    bool has_scope =
        any_of.empty() || std::any_of(any_of.begin(), any_of.end(), [&](std::string_view scope) {
            return entry.scopes.contains(scope);
        });
    if (!has_scope)
        return {403, "Insufficient scope: the token lacks " + std::string(any_of.front()),
                entry.client_id, false};
    ++entry.uses;
    return {0, "", entry.client_id, false};
}

std::string PlatformState::client_of(std::string_view token) const {
    std::lock_guard lock(m_mutex);
    auto it = m_tokens.find(std::string(token));
    return it == m_tokens.end() ? std::string() : it->second.client_id;
}

} // namespace gradepost::sandbox
