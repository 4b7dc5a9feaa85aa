#include "report/render.hpp"
#include "report/score_summary.hpp"

#include "support/outcomes.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace gradepost;
using model::Action;
using model::Outcome;

namespace {

model::RunReport small_report() {
    model::RunReport report;
    report.command = "post";
    report.line_item = "https://lms.example/li/3";
    report.keep = "highest";
    report.select = "new";
    report.counts = {5, 3, 2, 1, 1, 1};
    report.scores = {
        testing::outcome("u17", Action::posted, 18.0, 20.0, 200, "", ""),
        testing::outcome("李雷", Action::failed, 12.5, 20.0, 422, "user not found in course", ""),
        testing::outcome("Zoë", Action::skipped, std::nullopt, std::nullopt, 0, "",
                         "already posted"),
    };
    return report;
}

std::size_t count_of(const std::string& text, std::string_view needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++count;
    return count;
}

} // namespace

TEST_SUITE("report::run_report_table") {

    TEST_CASE("a post shows the target, one row per student and the counts") {
        CHECK(report::run_report_table(small_report(), report::Style{}) ==
              "post to https://lms.example/li/3 · keep highest · select new\n"
              "student      score  action   detail\n"
              "-------  ---------  -------  ----------------------------------\n"
              "u17        18 / 20  posted\n"
              "李雷     12.5 / 20  failed   HTTP 422: user not found in course\n"
              "Zoë                 skipped  already posted\n"
              "3 students: 1 posted, 1 failed, 1 skipped (rows: 5)\n");
    }

    TEST_CASE("a dry run says so and counts what would be posted") {
        model::RunReport report;
        report.command = "dry-run";
        report.dry_run = true;
        report.line_item = "L";
        report.keep = "latest";
        report.select = "changed";
        report.counts = {2, 2, 1, 0, 0, 1};
        report.scores = {
            testing::outcome("a", Action::would_post, 3.0, 4.0, 0, "", "score changed"),
            testing::outcome("b", Action::skipped, 4.0, 4.0, 0, "", "unchanged")};
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(text.rfind("dry run: post to L · keep latest · select changed\n", 0) == 0);
        CHECK(text.find("would post  score changed") != std::string::npos);
        CHECK(text.find("2 students: 1 would post, 1 skipped (rows: 2)\n") != std::string::npos);
        CHECK(text.find("failed") == std::string::npos);
    }

    TEST_CASE("a Canvas file shows as attached, with its progress URL, or unchanged") {
        auto report = small_report();
        report.scores[0].attachment = "attached";
        report.scores[0].attachment_progress = {"https://c/api/lti/progress/7"};
        report.scores[2].attachment = "unchanged";
        auto table = report::run_report_table(report, report::Style{});
        CHECK(table.find("file attached (https://c/api/lti/progress/7)") != std::string::npos);
        CHECK(table.find("already posted; file unchanged") != std::string::npos);
    }

    TEST_CASE("a failure without a response shows the error alone") {
        model::RunReport report;
        report.counts = {1, 1, 1, 0, 1, 0};
        report.scores = {
            testing::outcome("u1", Action::failed, 1.0, 2.0, 0, "connection refused", "")};
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(text.find("failed  connection refused") != std::string::npos);
        CHECK(text.find("HTTP") == std::string::npos);
        CHECK(text.find("1 student: 0 posted, 1 failed, 0 skipped (rows: 1)") != std::string::npos);
    }

    TEST_CASE("without colour there are no escape sequences") {
        CHECK(report::run_report_table(small_report(), report::Style{false}).find('\x1b') ==
              std::string::npos);
    }

    TEST_CASE("with colour, posted is green, failed red and skipped dim") {
        std::string text = report::run_report_table(small_report(), report::Style{true});
        CHECK(text.find("\x1b[32mposted\x1b[0m") != std::string::npos);
        CHECK(text.find("\x1b[31mfailed\x1b[0m") != std::string::npos);
        CHECK(text.find("\x1b[2mskipped\x1b[0m") != std::string::npos);
        CHECK(text.find("\x1b[2mZoë\x1b[0m") != std::string::npos);
    }

    TEST_CASE("more than 200 skipped rows collapse into a count per reason") {
        model::RunReport report;
        report.counts = {300, 262, 3, 2, 1, 259};
        report.scores.push_back(testing::outcome("p1", Action::posted, 1.0, 1.0, 200, "", ""));
        for (int i = 0; i < 250; ++i)
            report.scores.push_back(testing::outcome("s" + std::to_string(i), Action::skipped, 1.0,
                                                     1.0, 0, "", "already posted"));
        report.scores.push_back(testing::outcome("f1", Action::failed, 1.0, 1.0, 500, "oops", ""));
        for (int i = 0; i < 9; ++i)
            report.scores.push_back(testing::outcome("g" + std::to_string(i), Action::skipped,
                                                     std::nullopt, std::nullopt, 0, "",
                                                     "not graded yet"));
        report.scores.push_back(testing::outcome("p2", Action::posted, 1.0, 1.0, 200, "", ""));
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(count_of(text, "\n") == 8);
        CHECK(text.find("p1 ") != std::string::npos);
        CHECK(text.find("p2 ") != std::string::npos);
        CHECK(text.find("f1 ") != std::string::npos);
        CHECK(text.find("s0 ") == std::string::npos);
        CHECK(text.find("… 259 skipped (already posted: 250, not graded yet: 9); --json lists "
                        "them\n") != std::string::npos);
    }

    TEST_CASE("200 skipped rows are still listed one by one") {
        model::RunReport report;
        for (int i = 0; i < 200; ++i)
            report.scores.push_back(testing::outcome("s" + std::to_string(i), Action::skipped, 1.0,
                                                     1.0, 0, "", "already posted"));
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(count_of(text, "already posted") == 200);
        CHECK(text.find("…") == std::string::npos);
    }

    TEST_CASE("a report of only collapsed skips prints no empty table") {
        model::RunReport report;
        for (int i = 0; i < 201; ++i)
            report.scores.push_back(testing::outcome("s" + std::to_string(i), Action::skipped, 1.0,
                                                     1.0, 0, "", "already posted"));
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(text.find("action") == std::string::npos);
        CHECK(text.find("… 201 skipped (already posted: 201)") != std::string::npos);
    }

    TEST_CASE("control characters from a server cannot reach the terminal") {
        model::RunReport report;
        report.scores = {testing::outcome("u1", Action::failed, 1.0, 2.0, 400,
                                          "bad\x1b]0;pwned\x07\nthing", "")};
        std::string text = report::run_report_table(report, report::Style{true});
        CHECK(text.find("\x1b]") == std::string::npos);
        CHECK(text.find('\x07') == std::string::npos);
        CHECK(text.find("bad") != std::string::npos);
    }

    TEST_CASE("a big run on a terminal shows what needs a look, the first rows, and a count") {
        model::RunReport report;
        report.counts = {3000, 3000, 2990, 2985, 2, 13};
        for (int i = 0; i < 2985; ++i)
            report.scores.push_back(
                testing::outcome("p" + std::to_string(i), Action::posted, 1.0, 2.0, 200, "", ""));
        report.scores.push_back(
            testing::outcome("f1", Action::failed, 1.0, 2.0, 422, "user not found", ""));
        report.scores.push_back(
            testing::outcome("f2", Action::failed, 1.0, 2.0, 0, "connection reset", ""));
        report.scores.push_back(
            testing::outcome("r1", Action::skipped, 1.0, 2.0, 0, "", "not in the roster"));
        for (int i = 0; i < 10; ++i)
            report.scores.push_back(testing::outcome("s" + std::to_string(i), Action::skipped, 1.0,
                                                     2.0, 0, "", "already posted"));
        report.scores.push_back(testing::outcome("n1", Action::skipped, std::nullopt, std::nullopt,
                                                 0, "", "not graded yet"));
        report.scores.push_back(testing::outcome("n2", Action::skipped, std::nullopt, std::nullopt,
                                                 0, "", "not graded yet"));

        report::RowLimit limit;
        limit.first_rows = 20;
        std::string text = report::run_report_table(report, report::Style{}, limit);
        CHECK(text.find("p19 ") != std::string::npos);
        CHECK(text.find("p20 ") == std::string::npos);
        CHECK(text.find("f1 ") != std::string::npos);
        CHECK(text.find("f2 ") != std::string::npos);
        CHECK(text.find("r1 ") != std::string::npos);
        CHECK(text.find("s0 ") == std::string::npos);
        CHECK(text.find("... and 2977 more: 2965 posted, 12 skipped (already posted: 10, not "
                        "graded yet: 2); see --report FILE.csv or --all-rows\n") !=
              std::string::npos);
        CHECK(text.find("3000 students: 2985 posted, 2 failed, 13 skipped") != std::string::npos);
        // headline, table header and rule, 20 posted + 3 that need a look, the count, summary
        CHECK(count_of(text, "\n") == 1 + 2 + 23 + 1 + 1);

        limit.report_file = "week3.csv";
        text = report::run_report_table(report, report::Style{}, limit);
        CHECK(text.find("; see week3.csv or --all-rows") != std::string::npos);

        limit.is_every_row = true;
        text = report::run_report_table(report, report::Style{}, limit);
        CHECK(text.find("p2984 ") != std::string::npos);
        CHECK(text.find("s9 ") != std::string::npos);
        CHECK(text.find("...") == std::string::npos);
        CHECK(count_of(text, "\n") == 1 + 2 + 3000 + 1);
    }

    TEST_CASE("a run no bigger than the terminal's rows is shown whole") {
        report::RowLimit limit;
        limit.first_rows = 3;
        std::string text = report::run_report_table(small_report(), report::Style{}, limit);
        CHECK(text == report::run_report_table(small_report(), report::Style{}));
        CHECK(text.find("Zoë") != std::string::npos);
    }

    TEST_CASE("--all-rows lists even more than 200 routine skips") {
        model::RunReport report;
        for (int i = 0; i < 201; ++i)
            report.scores.push_back(testing::outcome("s" + std::to_string(i), Action::skipped, 1.0,
                                                     1.0, 0, "", "already posted"));
        report::RowLimit limit;
        limit.is_every_row = true;
        std::string text = report::run_report_table(report, report::Style{}, limit);
        CHECK(count_of(text, "already posted") == 201);
        CHECK(text.find("…") == std::string::npos);
    }

    TEST_CASE("a dry run's histogram has the summary of the kept scores beside it") {
        model::RunReport report;
        report.dry_run = true;
        report.scores = {testing::outcome("a", Action::would_post, 10.0, 20.0, 0, "", ""),
                         testing::outcome("b", Action::would_post, 20.0, 20.0, 0, "", ""),
                         testing::outcome("c", Action::would_post, 12.0, 20.0, 0, "", ""),
                         testing::outcome("d", Action::skipped, std::nullopt, std::nullopt, 0, "",
                                          "not graded yet")};
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(text.find("100%") != std::string::npos);
        CHECK(text.find("   count    3\n") != std::string::npos);
        CHECK(text.find("   mean      70.0%  14 / 20\n") != std::string::npos);
        CHECK(text.find("   median    60.0%  12 / 20\n") != std::string::npos);
        CHECK(text.find("   min       50.0%  10 / 20\n") != std::string::npos);
        CHECK(text.find("   max      100.0%  20 / 20\n") != std::string::npos);
        CHECK(text.find("   missing  1\n") != std::string::npos);
    }
}

TEST_SUITE("report::score_summary") {

    TEST_CASE("scores out of different maxima are summarised as fractions only") {
        model::RunReport report;
        report.scores = {testing::outcome("a", Action::posted, 5.0, 10.0, 200, "", ""),
                         testing::outcome("b", Action::posted, 15.0, 20.0, 200, "", ""),
                         testing::outcome("c", Action::posted, 2.0, 4.0, 200, "", ""),
                         testing::outcome("d", Action::posted, 4.0, 4.0, 200, "", "")};
        auto summary = report::summarize_scores(report);
        CHECK(summary.count == 4);
        CHECK(summary.missing == 0);
        CHECK_FALSE(summary.common_maximum);
        CHECK(summary.mean == doctest::Approx(0.6875));
        CHECK(summary.median == doctest::Approx(0.625));
        CHECK(summary.lowest == doctest::Approx(0.5));
        CHECK(summary.highest == doctest::Approx(1.0));
        auto lines = report::summary_lines(summary);
        REQUIRE(lines.size() == 6);
        CHECK(lines[1] == "mean      68.8%");
    }

    TEST_CASE("no score, no summary") {
        model::RunReport report;
        report.scores = {
            testing::outcome("a", Action::skipped, std::nullopt, std::nullopt, 0, "", "excused")};
        auto summary = report::summarize_scores(report);
        CHECK(summary.count == 0);
        CHECK(summary.missing == 1);
        CHECK(report::summary_lines(summary).empty());
    }
}
