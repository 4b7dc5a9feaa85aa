#include "report/histogram.hpp"
#include "report/json_text.hpp"
#include "report/render.hpp"
#include "support/outcomes.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <limits>

using namespace gradepost;
using model::Action;
using model::Outcome;

namespace {

std::string json_string(std::string_view text) {
    std::string out;
    report::append_json_string(out, text);
    return out;
}

model::RunReport design_example() {
    model::RunReport report;
    report.command = "post";
    report.line_item = "https://lms.example/api/lti/courses/7/line_items/3";
    report.keep = "highest";
    report.select = "new";
    report.counts = {1200, 300, 41, 40, 1, 259};
    Outcome posted = testing::outcome("u17", Action::posted, 18.0, 20.0, 200, "", "");
    Outcome failed =
        testing::outcome("u18", Action::failed, 12.0, 20.0, 422, "user not found in course", "");
    Outcome skipped = testing::outcome("u19", Action::skipped, std::nullopt, std::nullopt, 0, "",
                                       "already posted");
    report.scores = {posted, failed, skipped};
    return report;
}

} // namespace

TEST_SUITE("report::run_report_json") {

    TEST_CASE("the DESIGN.md example renders field for field") {
        auto document = nlohmann::json::parse(report::run_report_json(design_example()));
        auto expected = nlohmann::json::parse(R"({
      "command": "post", "dry_run": false,
      "line_item": "https://lms.example/api/lti/courses/7/line_items/3",
      "keep": "highest", "select": "new",
      "counts": {"rows": 1200, "students": 300, "selected": 41, "posted": 40, "failed": 1,
                 "skipped": 259},
      "histogram": [0, 0, 0, 0, 0, 0, 1, 0, 0, 1],
      "scores": [
        {"user_id": "u17", "score_given": 18, "score_maximum": 20, "action": "posted",
         "http_status": 200},
        {"user_id": "u18", "score_given": 12, "score_maximum": 20, "action": "failed",
         "http_status": 422, "error": "user not found in course"},
        {"user_id": "u19", "action": "skipped", "reason": "already posted"}
      ]})");
        CHECK(document == expected);
    }

    TEST_CASE("scores are JSON integers when whole, not 18.0") {
        std::string text = report::run_report_json(design_example());
        CHECK(text.find("\"score_given\": 18,") != std::string::npos);
        CHECK(text.find("18.0") == std::string::npos);
        CHECK(nlohmann::json::parse(text)["scores"][0]["score_given"].is_number_integer());
    }

    TEST_CASE("a would_post carries its selection reason but no status or error") {
        model::RunReport report;
        report.command = "dry-run";
        report.dry_run = true;
        report.scores = {
            testing::outcome("u1", Action::would_post, 17.5, 20.0, 0, "", "new attempt")};
        auto score = nlohmann::json::parse(report::run_report_json(report))["scores"][0];
        CHECK(score["action"] == "would_post");
        CHECK(score["reason"] == "new attempt");
        CHECK(score["score_given"] == 17.5);
        CHECK_FALSE(score.contains("http_status"));
        CHECK_FALSE(score.contains("error"));
        CHECK(nlohmann::json::parse(report::run_report_json(report))["dry_run"] == true);
    }

    TEST_CASE("a failure without a response has an error but no http_status") {
        model::RunReport report;
        report.scores = {
            testing::outcome("u1", Action::failed, 1.0, 2.0, 0, "connection refused", "")};
        auto score = nlohmann::json::parse(report::run_report_json(report))["scores"][0];
        CHECK(score["error"] == "connection refused");
        CHECK_FALSE(score.contains("http_status"));
        CHECK_FALSE(score.contains("reason"));
    }

    TEST_CASE("error appears only for failed outcomes, even when set on others") {
        model::RunReport report;
        report.scores = {testing::outcome("u1", Action::posted, 1.0, 2.0, 200, "left over", "")};
        auto score = nlohmann::json::parse(report::run_report_json(report))["scores"][0];
        CHECK_FALSE(score.contains("error"));
    }

    TEST_CASE("a pending score without a given has only the maximum") {
        model::RunReport report;
        report.scores = {testing::outcome("u1", Action::posted, std::nullopt, 10.0, 200, "", "")};
        auto score = nlohmann::json::parse(report::run_report_json(report))["scores"][0];
        CHECK_FALSE(score.contains("score_given"));
        CHECK(score["score_maximum"] == 10);
    }

    TEST_CASE("scores round to six decimals in the document") {
        model::RunReport report;
        report.scores = {
            testing::outcome("u1", Action::posted, 20.0 / 3.0, 20.000000001, 200, "", "")};
        std::string text = report::run_report_json(report);
        CHECK(text.find("\"score_given\": 6.666667, \"score_maximum\": 20,") != std::string::npos);
    }

    TEST_CASE("a non-finite score is null, keeping the document valid") {
        model::RunReport report;
        report.scores = {testing::outcome(
            "u1", Action::failed, std::numeric_limits<double>::quiet_NaN(), 1.0, 0, "bad", "")};
        auto score = nlohmann::json::parse(report::run_report_json(report))["scores"][0];
        CHECK(score["score_given"].is_null());
    }

    TEST_CASE("an empty run has an empty scores array") {
        model::RunReport report;
        report.command = "post";
        auto document = nlohmann::json::parse(report::run_report_json(report));
        CHECK(document["scores"] == nlohmann::json::array());
        CHECK(document["counts"]["students"] == 0);
    }

    TEST_CASE("strings from servers and files round-trip through a JSON parser") {
        model::RunReport report;
        std::string nasty = "a\"b\\c\n\r\t\b\f\x01\x1f\x7f Zoë 李雷 😀 </script>";
        report.line_item = nasty;
        report.scores = {
            testing::outcome(nasty, Action::failed, std::nullopt, std::nullopt, 500, nasty, nasty)};
        auto document = nlohmann::json::parse(report::run_report_json(report));
        CHECK(document["line_item"] == nasty);
        CHECK(document["scores"][0]["user_id"] == nasty);
        CHECK(document["scores"][0]["error"] == nasty);
        CHECK(document["scores"][0]["reason"] == nasty);
    }
}

TEST_SUITE("report::json_text") {

    TEST_CASE("quotes and backslashes are escaped") {
        CHECK(json_string(R"(say "hi" \ bye)") == R"("say \"hi\" \\ bye")");
    }

    TEST_CASE("control characters use short escapes or \\u00XX") {
        CHECK(json_string("\n\r\t\b\f") == R"("\n\r\t\b\f")");
        CHECK(json_string(std::string_view("\x00\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
        CHECK(json_string("\x7f") == "\"\x7f\"");
    }

    TEST_CASE("non-ASCII UTF-8 passes through unescaped") {
        CHECK(json_string("Zoë") == "\"Zoë\"");
        CHECK(json_string("李雷") == "\"李雷\"");
        CHECK(json_string("😀") == "\"😀\"");
    }

    TEST_CASE("invalid UTF-8 becomes U+FFFD") {
        CHECK(json_string("a\xff"
                          "b") == "\"a\xEF\xBF\xBD"
                                  "b\"");
        CHECK(json_string("\xC3") == "\"\xEF\xBF\xBD\"");                 // truncated
        CHECK(json_string("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\""); // overlong '/'
        CHECK(json_string("\xED\xA0\x80") ==
              "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); // a surrogate
    }
}

TEST_SUITE("report::histogram") {

    TEST_CASE("kept scores fall in ten bins of their fraction of the maximum") {
        gradepost::model::RunReport report;
        auto add = [&](double given, double maximum) {
            gradepost::model::Outcome outcome;
            outcome.given = given;
            outcome.maximum = maximum;
            report.scores.push_back(outcome);
        };
        add(0, 10);                  // 0%
        add(0.99, 10);               // 9.9%
        add(5, 10);                  // 50%
        add(19, 20);                 // 95%
        add(10, 10);                 // 100% is in the last bin
        add(12, 10);                 // extra credit too
        report.scores.push_back({}); // a student with no score counts nowhere
        auto bins = gradepost::report::score_histogram(report);
        CHECK(bins[0] == 2);
        CHECK(bins[5] == 1);
        CHECK(bins[9] == 3);
        CHECK(bins[1] + bins[2] + bins[3] + bins[4] + bins[6] + bins[7] + bins[8] == 0);
        auto text = gradepost::report::render_histogram(bins);
        CHECK(text.find(" 90-100%") != std::string::npos);
        CHECK(gradepost::report::render_histogram({}).empty());
    }
}
