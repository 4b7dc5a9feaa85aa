#include "policy/keep.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

using gradepost::model::Attempt;
using gradepost::model::AttemptStatus;
using gradepost::model::KeptKind;
using gradepost::model::KeptScore;
using gradepost::model::Timestamp;
using gradepost::policy::Keep;
using gradepost::policy::keep_scores;
using gradepost::policy::KeepOptions;

namespace {

Timestamp day(int number) {
    using namespace std::chrono;
    return Timestamp{sys_days{year{2026} / November / number} + hours{9}};
}

// One export row: Row("u1", 8, 10).at(day(3)).number(3).comment("third").
class Row {
public:
    explicit Row(std::string user, std::optional<double> score = std::nullopt,
                 std::optional<double> maximum = std::nullopt) {
        m_attempt.user_id = std::move(user);
        m_attempt.score = score;
        m_attempt.maximum = maximum;
    }
    Row& at(Timestamp submitted_at) {
        m_attempt.submitted_at = submitted_at;
        return *this;
    }
    Row& number(std::int64_t attempt_number) {
        m_attempt.attempt_number = attempt_number;
        return *this;
    }
    Row& id(std::string attempt_id) {
        m_attempt.attempt_id = std::move(attempt_id);
        return *this;
    }
    Row& comment(std::string comment) {
        m_attempt.comment = std::move(comment);
        return *this;
    }
    Row& url(std::string url) {
        m_attempt.url = std::move(url);
        return *this;
    }
    Row& status(AttemptStatus status) {
        m_attempt.status = status;
        return *this;
    }
    Row& where(std::string file, std::size_t line) {
        m_attempt.where.file = std::move(file);
        m_attempt.where.line = line;
        return *this;
    }
    operator Attempt() const { return m_attempt; }

private:
    Attempt m_attempt;
};

KeepOptions keeping(Keep keep) {
    KeepOptions options;
    options.keep = keep;
    return options;
}

KeepOptions complete() {
    KeepOptions options;
    options.complete = true;
    return options;
}

KeepOptions post_pending() {
    KeepOptions options;
    options.post_pending = true;
    return options;
}

std::vector<KeptScore> keep(const std::vector<Attempt>& attempts, KeepOptions options = {}) {
    return keep_scores(attempts, options);
}

KeptScore keep_one(const std::vector<Attempt>& attempts, KeepOptions options = {}) {
    auto kept = keep(attempts, options);
    REQUIRE(kept.size() == 1);
    return kept.front();
}

} // namespace

TEST_SUITE("policy::keep") {

    TEST_CASE("each policy keeps its attempt, with that attempt's time and comment") {
        // Row order differs from time order, and every policy picks a different attempt.
        const std::vector<Attempt> attempts = {
            Row("u1", 8, 10).at(day(3)).number(3).comment("third"),
            Row("u1", 7, 10).at(day(1)).number(1).comment("first"),
            Row("u1", 9.5, 10).at(day(2)).number(2).comment("second"),
        };
        struct Case {
            Keep keep;
            double given;
            int submitted_day;
            const char* comment;
        };
        const Case cases[] = {
            {Keep::highest, 9.5, 2, "second"},
            {Keep::latest, 8, 3, "third"},
            {Keep::first, 7, 1, "first"},
            // (0.8 + 0.7 + 0.95) / 3 * 10, with the latest attempt's time and comment
            {Keep::average, 8.1666666667, 3, "third"},
        };
        for (const Case& c : cases) {
            SUBCASE(std::string(to_string(c.keep)).c_str()) {
                auto kept = keep_one(attempts, keeping(c.keep));
                CHECK(kept.kind == KeptKind::graded);
                CHECK(kept.given == c.given);
                CHECK(kept.maximum == 10);
                CHECK(kept.submitted_at == day(c.submitted_day));
                CHECK(kept.comment == c.comment);
                CHECK(kept.attempt_count == 3);
            }
        }
    }

    TEST_CASE("highest compares fractions when maxima differ, and keeps that attempt's maximum") {
        auto kept = keep_one({
            Row("u1", 18, 20),  // 0.9
            Row("u1", 45, 100), // 0.45, the largest number
            Row("u1", 9.5, 10), // 0.95
        });
        CHECK(kept.given == 9.5);
        CHECK(kept.maximum == 10);
    }

    TEST_CASE("average with mixed maxima scales the mean fraction to the latest maximum") {
        auto kept = keep_one({Row("u1", 17, 20).at(day(1)), Row("u1", 9, 10).at(day(2)),
                              Row("u1", 95, 100).at(day(3)), Row("u1", 36, 40).at(day(4))},
                             keeping(Keep::average));
        // (0.85 + 0.9 + 0.95 + 0.9) / 4 * 40 is 36 on paper, 35.99999999999999 in doubles
        CHECK(kept.maximum == 40);
        CHECK(kept.given == 36);
    }

    TEST_CASE("equal fractions: highest keeps the earliest attempt") {
        SUBCASE("ordered by time") {
            auto kept = keep_one({Row("u1", 85, 100).at(day(2)).comment("b"),
                                  Row("u1", 17, 20).at(day(1)).comment("a")});
            CHECK(kept.given == 17);
            CHECK(kept.maximum == 20);
            CHECK(kept.comment == "a");
        }
        SUBCASE("without times or numbers, by row order") {
            auto kept = keep_one({Row("u1", 85, 100).comment("a"), Row("u1", 17, 20).comment("b")});
            CHECK(kept.comment == "a");
        }
    }

    TEST_CASE("order: time, then attempt number, then row order; a key some rows lack is skipped") {
        struct Case {
            const char* name;
            std::vector<Attempt> attempts;
            const char* first;
            const char* latest;
        };
        const Case cases[] = {
            {"time wins over number",
             {Row("u1", 1, 10).at(day(2)).number(1).comment("a"),
              Row("u1", 2, 10).at(day(1)).number(2).comment("b")},
             "b",
             "a"},
            {"equal times fall to the number",
             {Row("u1", 1, 10).at(day(1)).number(2).comment("a"),
              Row("u1", 2, 10).at(day(1)).number(1).comment("b")},
             "b",
             "a"},
            {"one undated attempt: by number",
             {Row("u1", 1, 10).number(2).comment("a"),
              Row("u1", 2, 10).at(day(9)).number(1).comment("b")},
             "b",
             "a"},
            {"neither complete: by row",
             {Row("u1", 1, 10).number(2).comment("a"), Row("u1", 2, 10).at(day(1)).comment("b"),
              Row("u1", 3, 10).comment("c")},
             "a",
             "c"},
        };
        for (const Case& c : cases) {
            SUBCASE(c.name) {
                CHECK(keep_one(c.attempts, keeping(Keep::first)).comment == c.first);
                CHECK(keep_one(c.attempts, keeping(Keep::latest)).comment == c.latest);
            }
        }
    }

    TEST_CASE("only graded attempts count; the order ignores ungraded rows") {
        auto kept =
            keep_one({Row("u1", 6, 10).at(day(1)),
                      Row("u1", std::nullopt, 10).number(2).status(AttemptStatus::pending),
                      Row("u1", std::nullopt, 10).at(day(3))}, // graded status, no score yet
                     keeping(Keep::latest));
        CHECK(kept.kind == KeptKind::graded);
        CHECK(kept.given == 6);
        CHECK(kept.submitted_at == day(1));
        CHECK(kept.attempt_count == 3);
        CHECK(kept.attempt_keys.size() == 1);
    }

    TEST_CASE("students without a graded attempt") {
        const Attempt pending =
            Row("u1", std::nullopt, 10).at(day(2)).comment("essay").status(AttemptStatus::pending);
        const Attempt unscored = Row("u1").at(day(1));
        const Attempt excused = Row("u1").status(AttemptStatus::excused);
        const Attempt graded = Row("u1", 4, 5);

        SUBCASE("only ungraded attempts: not graded") {
            auto kept = keep_one({pending, unscored});
            CHECK(kept.kind == KeptKind::not_graded);
            CHECK(kept.attempt_keys.empty());
            CHECK(kept.attempt_count == 2);
        }
        SUBCASE("with --post-pending: pending, with the latest attempt's time and comment") {
            auto kept = keep_one({pending, unscored}, post_pending());
            CHECK(kept.kind == KeptKind::pending);
            CHECK(kept.submitted_at == day(2));
            CHECK(kept.comment == "essay");
            CHECK(kept.attempt_keys.empty());
        }
        SUBCASE("an excused attempt and no graded one: excused, even with --post-pending") {
            CHECK(keep_one({excused}).kind == KeptKind::excused);
            CHECK(keep_one({pending, excused}, post_pending()).kind == KeptKind::excused);
        }
        SUBCASE("a graded attempt wins over an excused one") {
            auto kept = keep_one({excused, graded});
            CHECK(kept.kind == KeptKind::graded);
            CHECK(kept.given == 4);
            CHECK(kept.maximum == 5);
        }
    }

    TEST_CASE("--complete gives full marks for every submitted attempt") {
        SUBCASE("graded, pending or unscored alike, out of the latest known maximum") {
            auto kept =
                keep({Row("u1", 3, 10), Row("u2", std::nullopt, 20).status(AttemptStatus::pending),
                      Row("u3", std::nullopt, 5).at(day(1)),
                      Row("u3").at(day(2))}, // latest, but without a maximum
                     complete());
            REQUIRE(kept.size() == 3);
            for (const auto& score : kept)
                CHECK(score.kind == KeptKind::graded);
            CHECK(kept[0].given == 10);
            CHECK(kept[0].maximum == 10);
            CHECK(kept[1].given == 20);
            CHECK(kept[2].given == 5);
            CHECK(kept[2].maximum == 5);
            CHECK(kept[2].submitted_at == day(2));
        }
        SUBCASE("no maximum anywhere: 1 of 1") {
            auto kept = keep_one({Row("u1").status(AttemptStatus::pending)}, complete());
            CHECK(kept.given == 1);
            CHECK(kept.maximum == 1);
        }
        SUBCASE("excused only stays excused") {
            auto kept = keep_one({Row("u1").status(AttemptStatus::excused)}, complete());
            CHECK(kept.kind == KeptKind::excused);
        }
    }

    TEST_CASE("--comment replaces the comment of posted scores only") {
        KeepOptions options = post_pending();
        options.comment = "Graded by the department";
        auto kept = keep({Row("u1", 5, 10).comment("own"), Row("u2").status(AttemptStatus::pending),
                          Row("u3").comment("ex").status(AttemptStatus::excused)},
                         options);
        REQUIRE(kept.size() == 3);
        CHECK(kept[0].comment == "Graded by the department");
        CHECK(kept[1].comment == "Graded by the department");
        CHECK(kept[2].comment.empty());
    }

    TEST_CASE("students come out in order of their first row, with every graded attempt's key") {
        auto kept = keep({
            Row("zed", 1, 2).id("z-1"),
            Row("amy", 2, 2).id("a-2"),
            Row("zed", 2, 2).id("z-2"),
            Row("amy", 1, 2).id("a-1"),
            Row("amy", 1, 2).id("a-1"), // the same attempt again, from a second file
            Row("amy", std::nullopt, 2).id("a-3").status(AttemptStatus::pending),
        });
        REQUIRE(kept.size() == 2);
        CHECK(kept[0].user_id == "zed");
        CHECK(kept[0].attempt_keys == gradepost::model::parse_attempt_keys({"id:z-1", "id:z-2"}));
        CHECK(kept[0].attempt_count == 2);
        CHECK(kept[1].user_id == "amy");
        CHECK(kept[1].attempt_keys == gradepost::model::parse_attempt_keys({"id:a-1", "id:a-2"}));
        CHECK(kept[1].attempt_count == 4);
    }

    TEST_CASE("a graded attempt without a maximum is refused, with every such row listed") {
        std::string message;
        try {
            keep({Row("u1", 5, 10).where("week3.csv", 2), Row("u2", 5).where("week3.csv", 3),
                  Row("u3", 7).where("week3.csv", 4)});
        } catch (const gradepost::util::UsageError& error) {
            message = error.what();
        }
        CHECK(message.find("week3.csv:3: user u2") != std::string::npos);
        CHECK(message.find("week3.csv:4: user u3") != std::string::npos);
        CHECK(message.find("--max") != std::string::npos);
        CHECK(message.find("u1") == std::string::npos);
    }

    TEST_CASE("the kept score carries the link of the attempt it kept") {
        const std::vector<Attempt> attempts = {
            Row("u1", 6, 10).at(day(1)).url("https://quiz.example/a/1"),
            Row("u1", 9, 10).at(day(2)).url("https://quiz.example/a/2"),
            Row("u1", 7, 10).at(day(3)).url("https://quiz.example/a/3"),
        };
        CHECK(keep_one(attempts, keeping(Keep::highest)).url == "https://quiz.example/a/2");
        CHECK(keep_one(attempts, keeping(Keep::first)).url == "https://quiz.example/a/1");
        CHECK(keep_one(attempts, keeping(Keep::latest)).url == "https://quiz.example/a/3");
        CHECK(keep_one(attempts, keeping(Keep::average)).url == "https://quiz.example/a/3");
    }

    TEST_CASE("no attempts, no scores") {
        CHECK(keep({}).empty());
    }

    TEST_CASE("policy names") {
        for (Keep keep : {Keep::highest, Keep::latest, Keep::first, Keep::average})
            CHECK(gradepost::policy::parse_keep(to_string(keep)) == keep);
        CHECK(to_string(Keep::average) == "average");
        CHECK_FALSE(gradepost::policy::parse_keep("best").has_value());
        CHECK_FALSE(gradepost::policy::parse_keep("Highest").has_value());
    }

} // TEST_SUITE
