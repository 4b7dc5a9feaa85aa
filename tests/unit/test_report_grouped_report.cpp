#include "report/grouped_report.hpp"
#include "support/outcomes.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gradepost;
using model::Action;
using testing::outcome;

namespace {

model::RunReport line_item_report(std::string url, std::vector<model::Outcome> scores) {
    model::RunReport report;
    report.command = "post";
    report.line_item = std::move(url);
    report.keep = "highest";
    report.select = "new";
    for (const auto& outcome : scores) {
        ++report.counts.students;
        ++report.counts.rows;
        if (outcome.action == Action::posted)
            ++report.counts.posted, ++report.counts.selected;
        if (outcome.action == Action::failed)
            ++report.counts.failed, ++report.counts.selected;
        if (outcome.action == Action::skipped)
            ++report.counts.skipped;
    }
    report.scores = std::move(scores);
    return report;
}

// Quiz 1: two posted, one already posted; Essay: one posted, one refused; Lab: locked.
model::GroupedReport wide_post() {
    model::GroupedReport report;
    report.command = "post";
    report.exit_code = 4;
    report.runs.push_back(
        {"", "Quiz 1", 0,
         line_item_report("https://lms.example/li/1",
                          {outcome("1001", Action::posted, 9.5, 10.0, 200, "", ""),
                           outcome("1002", Action::posted, 10.0, 10.0, 200, "", ""),
                           outcome("1003", Action::skipped, 8.0, 10.0, 0, "", "already posted")}),
         ""});
    report.runs.push_back(
        {"", "Essay", 1,
         line_item_report("https://lms.example/li/2",
                          {outcome("1001", Action::posted, 18.0, 20.0, 200, "", ""),
                           outcome("1002", Action::failed, 17.5, 20.0, 422, "user not found", "")}),
         ""});
    report.runs.push_back({"", "Lab", 4, std::nullopt, "another gradepost run holds Lab"});
    model::RequestCounts requests;
    requests.token_requests = 1;
    requests.score_posts = 4;
    requests.sends = 9;
    report.requests = requests;
    return report;
}

} // namespace

TEST_SUITE("report::grouped_report") {
    TEST_CASE("one table: a row per line item and outcome, the error of a stopped one, totals") {
        CHECK(report::grouped_report_table(wide_post(), report::Style{}) ==
              "post: 3 line items\n"
              "line item  outcome  students  detail\n"
              "---------  -------  --------  ---------------------------------------\n"
              "Quiz 1     posted          2\n"
              "Quiz 1     skipped         1  already posted\n"
              "Essay      posted          1\n"
              "Essay      failed          1  HTTP 422: user not found\n"
              "Lab        error              exit 4: another gradepost run holds Lab\n"
              "3 posted, 1 failed, 1 skipped (rows: 5); 1 line item stopped by an error; "
              "--json or --report lists every student\n");
    }

    TEST_CASE("sync's table leads each row with its job") {
        auto report = wide_post();
        report.command = "sync";
        report.runs[0].job = "gradebook";
        auto text = report::grouped_report_table(report, report::Style{});
        CHECK(text.find("job        line item  outcome") != std::string::npos);
        CHECK(text.find("gradebook  Quiz 1     posted") != std::string::npos);
    }

    TEST_CASE("a dry run counts what would be posted") {
        model::GroupedReport report;
        report.command = "dry-run";
        report.dry_run = true;
        auto run =
            line_item_report("L", {outcome("1001", Action::would_post, 9.0, 10.0, 0, "", "new")});
        run.dry_run = true;
        report.runs.push_back({"", "Quiz 1", 0, run, ""});
        auto text = report::grouped_report_table(report, report::Style{});
        CHECK(text.rfind("dry-run: 1 line item\n", 0) == 0);
        CHECK(text.find("Quiz 1     would post         1  new") != std::string::npos);
        CHECK(text.find("1 would post, 0 failed") != std::string::npos);
    }

    TEST_CASE("--json: totals, requests and one entry per line item with its report or error") {
        auto json = nlohmann::json::parse(report::grouped_report_json(wide_post()));
        CHECK(json["command"] == "post");
        CHECK(json["exit_code"] == 4);
        CHECK(json["counts"]["line_items"] == 3);
        CHECK(json["counts"]["posted"] == 3);
        CHECK(json["counts"]["failed"] == 1);
        CHECK(json["requests"]["token"] == 1);
        REQUIRE(json["line_items"].size() == 3);
        CHECK(json["line_items"][0]["label"] == "Quiz 1");
        CHECK_FALSE(json["line_items"][0].contains("job"));
        CHECK(json["line_items"][0]["report"]["line_item"] == "https://lms.example/li/1");
        CHECK(json["line_items"][0]["report"]["scores"].size() == 3);
        CHECK(json["line_items"][1]["exit_code"] == 1);
        CHECK(json["line_items"][1]["report"]["scores"][1]["http_status"] == 422);
        CHECK(json["line_items"][2]["error"] == "another gradepost run holds Lab");
        CHECK_FALSE(json["line_items"][2].contains("report"));
    }

    TEST_CASE("--report: every student's row, led by its job and line item") {
        auto report = wide_post();
        report.runs[1].job = "essays";
        auto csv = report::grouped_report_csv(report);
        CHECK(csv.rfind("job,line_item,user_id,action,", 0) == 0);
        CHECK(csv.find("\r\n,Quiz 1,1003,skipped,8,10,,,already posted,") != std::string::npos);
        CHECK(csv.find("\r\nessays,Essay,1002,failed,17.5,20,422,user not found,") !=
              std::string::npos);
        CHECK(csv.find("Lab") == std::string::npos); // a stopped line item has no students
    }
}
