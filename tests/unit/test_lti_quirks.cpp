#include "lti/platform.hpp"
#include "lti/quirks.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using namespace gradepost::lti;
using std::chrono::microseconds;
using std::chrono::seconds;

namespace {

const model::Timestamp k_now{seconds(1'790'000'000)};

Score graded(double given, double maximum) {
    Score score;
    score.user_id = "u1";
    score.score_given = given;
    score.score_maximum = maximum;
    return score;
}

Score pending() {
    Score score;
    score.user_id = "u1";
    score.activity_progress = "Submitted";
    score.grading_progress = "PendingManual";
    return score;
}

model::SentScore sent(double given, std::string comment) {
    model::SentScore last;
    last.given = given;
    last.maximum = 20;
    last.comment = std::move(comment);
    return last;
}

} // namespace

TEST_SUITE("lti::quirks") {

    TEST_CASE("next_timestamp is now, or one second after the last one sent when that is later") {
        CHECK(next_timestamp(k_now, std::nullopt) == k_now);
        CHECK(next_timestamp(k_now, k_now - seconds(10)) == k_now);
        CHECK(next_timestamp(k_now, k_now) == k_now + seconds(1));
        CHECK(next_timestamp(k_now, k_now - microseconds(300'000)) ==
              k_now + microseconds(700'000));
        CHECK(next_timestamp(k_now, k_now + seconds(5)) == k_now + seconds(6));
    }

    TEST_CASE("next_timestamp is later in whole seconds too (Moodle compares seconds)") {
        auto last = k_now + microseconds(999'999);
        auto next = next_timestamp(k_now, last);
        CHECK(std::chrono::floor<seconds>(next) > std::chrono::floor<seconds>(last));
    }

    TEST_CASE("canvas: a re-post is not a new submission and a repeated comment is dropped") {
        Score score = graded(18, 20);
        score.comment = "Good";
        auto first = adapt_score(score, Platform::canvas, std::nullopt);
        CHECK_FALSE(first.refusal);
        CHECK_FALSE(first.score.canvas.new_submission.has_value());
        CHECK(first.score.comment == "Good");
        CHECK_FALSE(first.score.canvas.preserve_score.has_value());

        auto again = adapt_score(score, Platform::canvas, sent(17, "Good"));
        CHECK(again.score.canvas.new_submission == false);
        CHECK_FALSE(again.score.comment.has_value());

        auto changed = adapt_score(score, Platform::canvas, sent(17, "Fair"));
        CHECK(changed.score.comment == "Good");
    }

    TEST_CASE("canvas: a non-final or score-less post preserves the grade") {
        CHECK(adapt_score(pending(), Platform::canvas, std::nullopt).score.canvas.preserve_score ==
              true);
        Score not_final = graded(5, 20);
        not_final.grading_progress = "Pending";
        CHECK(adapt_score(not_final, Platform::canvas, std::nullopt).score.canvas.preserve_score ==
              true);
    }

    TEST_CASE("canvas: an explicit new_submission from the user is kept") {
        Score score = graded(18, 20);
        score.canvas.new_submission = true;
        CHECK(adapt_score(score, Platform::canvas, sent(1, "")).score.canvas.new_submission ==
              true);
    }

    TEST_CASE("moodle: non-final, score-less and over-maximum posts are refused") {
        auto refused = adapt_score(pending(), Platform::moodle, std::nullopt);
        REQUIRE(refused.refusal);
        CHECK(*refused.refusal == "Moodle clears the grade on a non-final or score-less post");

        Score partial = graded(5, 20);
        partial.grading_progress = "PendingManual";
        CHECK(adapt_score(partial, Platform::moodle, std::nullopt).refusal);

        // Moodle would keep 20 and answer 2xx: refused rather than reported as 23 posted.
        auto over = adapt_score(graded(23, 20), Platform::moodle, std::nullopt);
        REQUIRE(over.refusal);
        CHECK(over.refusal->find("above the maximum (23/20): Moodle keeps at most 20") == 0);
        // Other platforms take extra credit as sent.
        CHECK_FALSE(adapt_score(graded(23, 20), Platform::canvas, std::nullopt).refusal);

        auto within = adapt_score(graded(12.5, 20), Platform::moodle, std::nullopt);
        CHECK(within.score.score_given == 12.5);
    }

    TEST_CASE("blackboard: the last comment is re-sent when the score has none") {
        auto resent = adapt_score(graded(18, 20), Platform::blackboard, sent(17, "See rubric"));
        CHECK(resent.score.comment == "See rubric");
        Score with_comment = graded(18, 20);
        with_comment.comment = "New";
        CHECK(adapt_score(with_comment, Platform::blackboard, sent(17, "Old")).score.comment ==
              "New");
        CHECK_FALSE(adapt_score(graded(18, 20), Platform::blackboard, std::nullopt)
                        .score.comment.has_value());
    }

    TEST_CASE("other platforms send the score unchanged") {
        for (auto platform :
             {Platform::generic, Platform::brightspace, Platform::sakai, Platform::openedx}) {
            CAPTURE(to_string(platform));
            Score score = pending();
            auto adapted = adapt_score(score, platform, sent(17, "x"));
            CHECK_FALSE(adapted.refusal);
            CHECK_FALSE(adapted.score.comment.has_value());
            CHECK_FALSE(adapted.score.canvas.preserve_score.has_value());
            CHECK_FALSE(adapt_score(graded(23, 20), platform, std::nullopt).score.score_given !=
                        23);
        }
    }

    TEST_CASE("platform names parse case-insensitively and print back") {
        for (auto platform :
             {Platform::generic, Platform::canvas, Platform::moodle, Platform::blackboard,
              Platform::brightspace, Platform::sakai, Platform::openedx})
            CHECK(parse_platform(to_string(platform)) == platform);
        CHECK(parse_platform("Canvas") == Platform::canvas);
        CHECK_FALSE(parse_platform("schoology").has_value());
    }

    TEST_CASE("the platform is guessed from the URLs") {
        CHECK(guess_platform("https://sso.canvaslms.com/login/oauth2/token",
                             "https://school.instructure.com/api/lti/courses/7/line_items") ==
              Platform::canvas);
        CHECK(guess_platform("https://moodle.school.edu/mod/lti/token.php", "") ==
              Platform::moodle);
        CHECK(guess_platform("https://x.blackboard.com/api/v1/gateway/oauth2/jwttoken", "") ==
              Platform::blackboard);
        CHECK(guess_platform("https://auth.brightspace.com/core/connect/token", "") ==
              Platform::brightspace);
        CHECK(guess_platform("https://school.d2l.com/token", "") == Platform::brightspace);
        CHECK(guess_platform("https://sakai.school.edu/imsblis/lti13/token/7", "") ==
              Platform::sakai);
        CHECK(guess_platform("https://courses.example/oauth2/access_token",
                             "https://courses.example/api/lti_consumer/v1/lti/3/lti-ags") ==
              Platform::openedx);
        CHECK(guess_platform("https://lms.example/token", "https://lms.example/ags") ==
              Platform::generic);
    }

} // TEST_SUITE
