#include "input/wide_columns.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using gradepost::input::choose_wide_columns;
using gradepost::input::is_non_score_column;
using gradepost::input::wide_columns;
using gradepost::input::wide_label;

TEST_SUITE("wide gradebook columns") {
    TEST_CASE("labels drop Canvas ids, Moodle module types and header maxima") {
        CHECK(wide_label("Quiz 1 (123)") == "Quiz 1");
        CHECK(wide_label("Quiz: Week 1 (Real)") == "Week 1");
        CHECK(wide_label("Grade/10.00") == "Grade");
        CHECK(wide_label("Assignment: Essay/20,00") == "Essay");
        CHECK(wide_label("Lab (group B)") == "Lab (group B)");
        CHECK(wide_label("  Project  ") == "Project");
    }

    TEST_CASE("identity columns and computed totals are not score columns") {
        for (std::string_view header :
             {"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Email address",
              "Current Score", "Assignments Final Points", "Unposted Final Score",
              "Course total (Real)", "Quiz: Week 1 (Percentage)",
              "Last downloaded from this course"})
            CHECK_MESSAGE(is_non_score_column(header), header);
        CHECK_FALSE(is_non_score_column("Quiz 1 (123)"));
        CHECK_FALSE(is_non_score_column("Quiz: Week 1 (Real)"));
    }

    TEST_CASE("Canvas: the Points Possible row gives maxima and drops read-only columns") {
        std::vector<std::string_view> header{
            "Student", "ID", "Section", "Quiz 1 (123)", "Essay (124)", "Bonus (125)", "Extra"};
        std::vector<std::string_view> points{"    Points Possible", "", "", "10.00", "20.00", "",
                                             "(read only)"};
        auto columns = wide_columns(header, points);
        REQUIRE(columns.size() == 3);
        CHECK(columns[0].column == "Quiz 1 (123)");
        CHECK(columns[0].label == "Quiz 1");
        CHECK(columns[0].maximum == 10.0);
        CHECK(columns[1].label == "Essay");
        CHECK(columns[1].maximum == 20.0);
        CHECK(columns[2].label == "Bonus");
        CHECK_FALSE(columns[2].maximum);
    }

    TEST_CASE("Moodle: a maximum in the header wins, without a Points Possible row") {
        std::vector<std::string_view> header{"First name",          "Surname",
                                             "Email address",       "Quiz: Week 1/10.00",
                                             "Quiz: Week 2 (Real)", "Course total (Real)"};
        auto columns = wide_columns(header, {});
        REQUIRE(columns.size() == 2);
        CHECK(columns[0].label == "Week 1");
        CHECK(columns[0].maximum == 10.0);
        CHECK(columns[1].label == "Week 2");
        CHECK_FALSE(columns[1].maximum);
    }

    TEST_CASE("--columns picks by header or label, in its order, and names an unknown one") {
        std::vector<std::string_view> header{"Student", "Quiz 1 (123)", "Quiz 2 (124)"};
        auto columns = wide_columns(header, {});
        std::vector<std::string> chosen{"quiz 2", "Quiz 1 (123)"};
        auto picked = choose_wide_columns(columns, chosen);
        REQUIRE(picked.size() == 2);
        CHECK(picked[0].label == "Quiz 2");
        CHECK(picked[1].label == "Quiz 1");

        std::vector<std::string> unknown{"Quiz 3"};
        CHECK_THROWS_WITH_AS(choose_wide_columns(columns, unknown),
                             doctest::Contains("\"Quiz 3\" is not a score column"),
                             gradepost::util::UsageError);
    }
}

TEST_CASE("the committed gradebook samples: three Canvas and three Moodle score columns") {
    std::vector<std::string_view> canvas{"Student",       "ID",
                                         "SIS User ID",   "SIS Login ID",
                                         "Section",       "Quiz 1 (123)",
                                         "Essay (124)",   "Assignments Current Points",
                                         "Current Score", "Unposted Final Score"};
    std::vector<std::string_view> canvas_points{
        "    Points Possible", "",           "", "", "", "10.00", "20.00", "(read only)",
        "(read only)",         "(read only)"};
    auto canvas_columns = wide_columns(canvas, canvas_points);
    REQUIRE(canvas_columns.size() == 2);
    CHECK(canvas_columns[1].label == "Essay");

    std::vector<std::string_view> moodle{"First name",
                                         "Last name",
                                         "ID number",
                                         "Institution",
                                         "Department",
                                         "Email address",
                                         "Quiz: Week 1 (Real)",
                                         "Quiz: Week 2 (Real)",
                                         "Assignment: Essay (Real)",
                                         "Course total (Real)",
                                         "Last downloaded from this course"};
    auto moodle_columns = wide_columns(moodle, {});
    REQUIRE(moodle_columns.size() == 3);
    CHECK(moodle_columns[2].label == "Essay");
}

TEST_CASE("wide_columns_of_file reads the committed Canvas and Moodle gradebook exports") {
    std::filesystem::path samples = std::filesystem::path(GRADEPOST_SOURCE_DIR) / "samples";
    auto canvas = gradepost::input::wide_columns_of_file(samples / "canvas-gradebook.csv");
    REQUIRE(canvas.size() == 2);
    CHECK(canvas[0].column == "Quiz 1 (123)");
    CHECK(canvas[0].maximum == 10.0);
    CHECK(canvas[1].label == "Essay");
    CHECK(canvas[1].maximum == 20.0);

    auto moodle = gradepost::input::wide_columns_of_file(samples / "moodle-gradebook.csv");
    REQUIRE(moodle.size() == 3);
    CHECK(moodle[0].label == "Week 1");
    CHECK(moodle[1].label == "Week 2");
    CHECK(moodle[2].column == "Assignment: Essay (Real)");
}
