#include "batch/scale_to_line_item.hpp"
#include "support/error_message.hpp"
#include "support/kept_scores.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

using testing::kept_score;

TEST_SUITE("batch::scale_to_line_item") {
    TEST_CASE("graded scores keep their fraction, out of the line item's maximum") {
        batch::KeptScores scores;
        scores.kept = {kept_score("1001", model::KeptKind::graded, 7, 10),
                       kept_score("1002", model::KeptKind::graded, 3, 4),
                       kept_score("1003", model::KeptKind::pending, 0, 0)};
        batch::scale_to_line_item(scores, 15);
        CHECK(scores.kept[0].given == doctest::Approx(10.5));
        CHECK(scores.kept[0].maximum == 15);
        CHECK(scores.kept[1].given == doctest::Approx(11.25));
        CHECK(scores.kept[1].maximum == 15);
        CHECK(scores.kept[2].given == 0);
        CHECK(scores.kept[2].maximum == 0);
    }

    TEST_CASE("a line item without a positive maximum is refused") {
        batch::KeptScores scores;
        scores.kept = {kept_score("1001", model::KeptKind::graded, 7, 10)};
        std::string message = testing::error_message_of<util::UsageError>(
            [&] { batch::scale_to_line_item(scores, 0); });
        CHECK(message.find("scoreMaximum") != std::string::npos);
        CHECK(scores.kept[0].given == 7);
    }
}
