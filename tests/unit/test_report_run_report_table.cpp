#include "report/render.hpp"

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
        {"u17", Action::posted, 18.0, 20.0, 200, "", ""},
        {"李雷", Action::failed, 12.5, 20.0, 422, "user not found in course", ""},
        {"Zoë", Action::skipped, std::nullopt, std::nullopt, 0, "", "already posted"},
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
        report.scores = {{"a", Action::would_post, 3.0, 4.0, 0, "", "score changed"},
                         {"b", Action::skipped, 4.0, 4.0, 0, "", "unchanged"}};
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
        report.scores = {{"u1", Action::failed, 1.0, 2.0, 0, "connection refused", ""}};
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
        report.scores.push_back({"p1", Action::posted, 1.0, 1.0, 200, "", ""});
        for (int i = 0; i < 250; ++i)
            report.scores.push_back(
                {"s" + std::to_string(i), Action::skipped, 1.0, 1.0, 0, "", "already posted"});
        report.scores.push_back({"f1", Action::failed, 1.0, 1.0, 500, "oops", ""});
        for (int i = 0; i < 9; ++i)
            report.scores.push_back({"g" + std::to_string(i), Action::skipped, std::nullopt,
                                     std::nullopt, 0, "", "not graded yet"});
        report.scores.push_back({"p2", Action::posted, 1.0, 1.0, 200, "", ""});
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
            report.scores.push_back(
                {"s" + std::to_string(i), Action::skipped, 1.0, 1.0, 0, "", "already posted"});
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(count_of(text, "already posted") == 200);
        CHECK(text.find("…") == std::string::npos);
    }

    TEST_CASE("a report of only collapsed skips prints no empty table") {
        model::RunReport report;
        for (int i = 0; i < 201; ++i)
            report.scores.push_back(
                {"s" + std::to_string(i), Action::skipped, 1.0, 1.0, 0, "", "already posted"});
        std::string text = report::run_report_table(report, report::Style{});
        CHECK(text.find("action") == std::string::npos);
        CHECK(text.find("… 201 skipped (already posted: 201)") != std::string::npos);
    }

    TEST_CASE("control characters from a server cannot reach the terminal") {
        model::RunReport report;
        report.scores = {{"u1", Action::failed, 1.0, 2.0, 400, "bad\x1b]0;pwned\x07\nthing", ""}};
        std::string text = report::run_report_table(report, report::Style{true});
        CHECK(text.find("\x1b]") == std::string::npos);
        CHECK(text.find('\x07') == std::string::npos);
        CHECK(text.find("bad") != std::string::npos);
    }
}
