#include "policy/select.hpp"

#include <doctest/doctest.h>

#include <chrono>

using gradepost::model::KeptKind;
using gradepost::model::KeptScore;
using gradepost::model::LedgerEntry;
using gradepost::model::parse_attempt_keys;
using gradepost::model::PostState;
using gradepost::model::SentScore;
using gradepost::model::Timestamp;
using gradepost::policy::Select;
using gradepost::policy::select_scores;
using gradepost::policy::SelectOptions;

namespace {

using Keys = std::vector<std::string>; // texts, as a ledger or plan file stores them
using Ledger = std::map<std::string, LedgerEntry>;

KeptScore of_kind(const std::string& user, KeptKind kind) {
    KeptScore kept;
    kept.user_id = user;
    kept.kind = kind;
    kept.attempt_count = 1;
    return kept;
}

KeptScore graded(const std::string& user, double given, double maximum, Keys keys) {
    KeptScore kept = of_kind(user, KeptKind::graded);
    kept.given = given;
    kept.maximum = maximum;
    kept.attempt_keys = parse_attempt_keys(keys);
    return kept;
}

SentScore sent(std::optional<double> given, std::optional<double> maximum, Keys keys) {
    SentScore score;
    score.given = given;
    score.maximum = maximum;
    score.attempt_keys = parse_attempt_keys(keys);
    score.timestamp = Timestamp{std::chrono::seconds{1'790'000'000}};
    return score;
}

// As read from a ledger of an earlier release, whose "fp:" keys covered the score.
SentScore legacy(SentScore score) {
    score.has_legacy_keys = true;
    return score;
}

LedgerEntry entry(const std::string& user, PostState state, std::optional<SentScore> last) {
    LedgerEntry entry;
    entry.user_id = user;
    entry.state = state;
    entry.last_posted = std::move(last);
    return entry;
}

SelectOptions selecting(Select select) {
    SelectOptions options;
    options.select = select;
    return options;
}

// "+ reason" when selected, "- reason" when skipped: one string to compare in tables.
std::string decision(const KeptScore& kept, const Ledger& ledger, Select select) {
    auto plan = select_scores(std::span(&kept, 1), ledger, selecting(select));
    REQUIRE(plan.size() == 1);
    return (plan.front().is_selected ? "+ " : "- ") + plan.front().reason;
}

const KeptScore k_posted_score = graded("u1", 18, 20, {"id:a1", "id:a2"});
const Ledger k_posted_ledger = {
    {"u1", entry("u1", PostState::posted, sent(18, 20, {"id:a1", "id:a2"}))}};

} // namespace

TEST_SUITE("policy::select") {

    TEST_CASE("the decision for each history, under each mode") {
        struct Case {
            const char* name;
            KeptScore kept;
            Ledger ledger;
            const char* fresh;
            const char* changed;
            const char* all;
        };
        const Case cases[] = {
            {"never posted (or forgotten)", k_posted_score, {}, "+ new", "+ new", "+ all"},
            {"re-exported file: same attempts, same score", k_posted_score, k_posted_ledger,
             "- already posted", "- unchanged", "+ all"},
            {"a new attempt that does not change the kept score",
             graded("u1", 18, 20, {"id:a1", "id:a2", "id:a3"}), k_posted_ledger, "+ new attempt",
             "- unchanged", "+ all"},
            {"a regrade of a posted attempt", graded("u1", 19, 20, {"id:a1", "id:a2"}),
             k_posted_ledger, "- already posted", "+ changed", "+ all"},
            {"a regrade of an attempt known by its time or number",
             graded("u1", 19, 20, {"at:00000000000000a1"}),
             {{"u1", entry("u1", PostState::posted, sent(18, 20, {"at:00000000000000a1"}))}},
             "- already posted",
             "+ changed",
             "+ all"},
            {"an export that cannot tell attempts apart: a regrade",
             graded("u1", 19, 20, {}),
             {{"u1", entry("u1", PostState::posted, sent(18, 20, {}))}},
             "- already posted",
             "+ changed",
             "+ all"},
            {"an export that cannot tell attempts apart, graded after a pending post",
             graded("u1", 19, 20, {}),
             {{"u1", entry("u1", PostState::posted, sent(std::nullopt, std::nullopt, {}))}},
             "+ now graded",
             "+ changed",
             "+ all"},
            {"an earlier release's keys: a changed score is a new attempt, as it was then",
             graded("u1", 19, 20, {"at:00000000000000a1"}),
             {{"u1", entry("u1", PostState::posted, legacy(sent(18, 20, {})))}},
             "+ new attempt",
             "+ changed",
             "+ all"},
            {"an earlier release's keys, same score",
             graded("u1", 18, 20, {"at:00000000000000a1"}),
             {{"u1", entry("u1", PostState::posted, legacy(sent(18, 20, {})))}},
             "- already posted",
             "- unchanged",
             "+ all"},
            {"the maximum changed", graded("u1", 18, 25, {"id:a1", "id:a2"}), k_posted_ledger,
             "- already posted", "+ changed", "+ all"},
            {"the last post failed, same attempts",
             k_posted_score,
             {{"u1", entry("u1", PostState::failed, sent(18, 20, {"id:a1", "id:a2"}))}},
             "+ retry",
             "+ retry",
             "+ all"},
            {"a failure before any successful post",
             k_posted_score,
             {{"u1", entry("u1", PostState::failed, std::nullopt)}},
             "+ new",
             "+ new",
             "+ all"},
            {"an unconfirmed post from a crashed run",
             k_posted_score,
             {{"u1", entry("u1", PostState::pending, sent(18, 20, {"id:a1", "id:a2"}))}},
             "+ unconfirmed earlier post",
             "+ unconfirmed earlier post",
             "+ unconfirmed earlier post"},
            {"last post was a pending one, now graded",
             k_posted_score,
             {{"u1", entry("u1", PostState::posted, sent(std::nullopt, std::nullopt, {}))}},
             "+ now graded",
             "+ changed",
             "+ all"},
            {"pending kind, nothing posted",
             of_kind("u1", KeptKind::pending),
             {},
             "+ new",
             "+ new",
             "+ all"},
            {"pending kind after a graded post: never replaces it",
             of_kind("u1", KeptKind::pending), k_posted_ledger, "- already posted",
             "- already posted", "+ all"},
            {"pending kind after a failed post",
             of_kind("u1", KeptKind::pending),
             {{"u1", entry("u1", PostState::failed, sent(std::nullopt, std::nullopt, {}))}},
             "+ retry",
             "+ retry",
             "+ all"},
            {"excused", of_kind("u1", KeptKind::excused), k_posted_ledger, "- excused", "- excused",
             "- excused"},
            {"not graded",
             of_kind("u1", KeptKind::not_graded),
             {},
             "- not graded yet",
             "- not graded yet",
             "- not graded yet"},
        };
        for (const Case& c : cases) {
            SUBCASE(c.name) {
                CHECK(decision(c.kept, c.ledger, Select::fresh) == c.fresh);
                CHECK(decision(c.kept, c.ledger, Select::changed) == c.changed);
                CHECK(decision(c.kept, c.ledger, Select::all) == c.all);
            }
        }
    }

    TEST_CASE("changed tolerates float noise but not a real difference") {
        auto ledger = Ledger{{"u1", entry("u1", PostState::posted, sent(18, 20, {"id:a1"}))}};
        CHECK(decision(graded("u1", 18.000000000001, 20, {"id:a1"}), ledger, Select::changed) ==
              "- unchanged");
        CHECK(decision(graded("u1", 17.99, 20, {"id:a1"}), ledger, Select::changed) == "+ changed");
        auto zero = Ledger{{"u1", entry("u1", PostState::posted, sent(0, 20, {"id:a1"}))}};
        CHECK(decision(graded("u1", 1e-12, 20, {"id:a1"}), zero, Select::changed) == "- unchanged");
        CHECK(decision(graded("u1", 0.01, 20, {"id:a1"}), zero, Select::changed) == "+ changed");
    }

    TEST_CASE("--exclude and --only narrow the selection, even for unconfirmed posts") {
        const std::vector<KeptScore> kept = {graded("u1", 1, 2, {"k1"}), graded("u2", 1, 2, {"k2"}),
                                             graded("u3", 1, 2, {"k3"}),
                                             of_kind("u4", KeptKind::excused)};
        const Ledger ledger = {{"u3", entry("u3", PostState::pending, std::nullopt)}};
        SelectOptions options = selecting(Select::all);
        options.only = {"u2", "u3", "u4"};
        options.exclude = {"u3"};
        auto plan = select_scores(kept, ledger, options);
        REQUIRE(plan.size() == 4);
        CHECK_FALSE(plan[0].is_selected);
        CHECK(plan[0].reason == "not in --only");
        CHECK(plan[1].is_selected);
        CHECK(plan[1].reason == "all");
        CHECK_FALSE(plan[2].is_selected);
        CHECK(plan[2].reason == "excluded");
        CHECK_FALSE(plan[3].is_selected);
        CHECK(plan[3].reason == "excused");
    }

    TEST_CASE("every student appears once, in order, with the ledger entry it was judged against") {
        const std::vector<KeptScore> kept = {graded("u9", 1, 2, {"k9"}), k_posted_score,
                                             graded("u5", 2, 2, {"k5"})};
        auto plan = select_scores(kept, k_posted_ledger, {});
        REQUIRE(plan.size() == 3);
        CHECK(plan[0].score.user_id == "u9");
        CHECK_FALSE(plan[0].previous);
        CHECK(plan[1].score.user_id == "u1");
        REQUIRE(plan[1].previous);
        CHECK(plan[1].previous->last_posted->attempt_keys ==
              parse_attempt_keys({"id:a1", "id:a2"}));
        CHECK(plan[1].reason == "already posted");
        CHECK(plan[2].score.given == 2);
        CHECK(plan[2].reason == "new");
    }

    TEST_CASE("selection names") {
        CHECK(gradepost::policy::parse_select("new") == Select::fresh);
        CHECK(gradepost::policy::parse_select("changed") == Select::changed);
        CHECK(gradepost::policy::parse_select("all") == Select::all);
        CHECK_FALSE(gradepost::policy::parse_select("fresh").has_value());
        CHECK(to_string(Select::fresh) == "new");
    }

} // TEST_SUITE
