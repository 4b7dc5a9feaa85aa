#include "batch/maximum_mismatch.hpp"

#include "support/kept_scores.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

using testing::kept_score;

TEST_SUITE("batch::maximum_mismatch") {
    TEST_CASE("scores out of the line item's maximum say nothing") {
        batch::KeptScores scores;
        scores.kept = {kept_score("1001", model::KeptKind::graded, 7, 10),
                       kept_score("1002", model::KeptKind::excused, 0, 0),
                       kept_score("1003", model::KeptKind::pending, 0, 0)};
        CHECK_FALSE(batch::maximum_mismatch(scores, 10).has_value());
    }

    TEST_CASE("another maximum is named with the count, an example and the way out") {
        batch::KeptScores scores;
        scores.kept = {kept_score("1001", model::KeptKind::graded, 18.5, 20),
                       kept_score("1002", model::KeptKind::graded, 10, 10),
                       kept_score("1003", model::KeptKind::graded, 12, 20)};
        auto warning = batch::maximum_mismatch(scores, 10);
        REQUIRE(warning.has_value());
        CHECK(warning->starts_with("2 scores are out of 20 but the line item is out of 10"));
        CHECK(warning->find("18.5/20 shows as 9.25/10") != std::string::npos);
        CHECK(warning->find("--scale-to-line-item") != std::string::npos);
    }

    TEST_CASE("several other maxima are summed up") {
        batch::KeptScores scores;
        scores.kept = {kept_score("1001", model::KeptKind::graded, 3, 4),
                       kept_score("1002", model::KeptKind::graded, 10, 20)};
        auto warning = batch::maximum_mismatch(scores, 10);
        REQUIRE(warning.has_value());
        CHECK(warning->starts_with("2 scores are out of other maxima but the line item is out "
                                   "of 10"));
    }
}
