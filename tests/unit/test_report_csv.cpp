#include "report/csv.hpp"
#include "report/render.hpp"
#include "support/outcomes.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using model::Action;

namespace {

std::string text_field(std::string_view text) {
    std::string out;
    report::append_csv_text(out, text);
    return out;
}

constexpr std::string_view k_header =
    "user_id,action,score_given,score_maximum,http_status,error,reason,lms_score,lms_maximum,"
    "last_posted_score,overrides_lms_edit,attachment,attachment_progress\r\n";

} // namespace

TEST_SUITE("report::csv") {

    TEST_CASE("the report has the header and one record per student") {
        model::RunReport report;
        report.scores = {
            testing::outcome("u17", Action::posted, 18.0, 20.0, 200, "", ""),
            testing::outcome("u18", Action::failed, 12.5, 20.0, 422, "user not found", ""),
            testing::outcome("u19", Action::skipped, std::nullopt, std::nullopt, 0, "",
                             "already posted"),
            testing::outcome("u20", Action::would_post, 1.0 / 3.0, 1.0, 0, "", "new"),
        };
        CHECK(report::run_report_csv(report) ==
              std::string(k_header) + "u17,posted,18,20,200,,,,,,,,\r\n"
                                      "u18,failed,12.5,20,422,user not found,,,,,,,\r\n"
                                      "u19,skipped,,,,,already posted,,,,,,\r\n"
                                      "u20,would_post,0.333333,1,,,new,,,,,,\r\n");
    }

    TEST_CASE("a Canvas file: attached or unchanged, with its progress URLs") {
        model::RunReport report;
        report.scores = {testing::outcome("u17", Action::posted, 18.0, 20.0, 200, "", ""),
                         testing::outcome("u18", Action::posted, 12.0, 20.0, 200, "", "")};
        report.scores[0].attachment = "attached";
        report.scores[0].attachment_progress = {"https://c/api/lti/progress/1",
                                                "https://c/api/lti/progress/2"};
        report.scores[1].attachment = "unchanged";
        CHECK(report::run_report_csv(report) ==
              std::string(k_header) +
                  "u17,posted,18,20,200,,,,,,,attached,"
                  "https://c/api/lti/progress/1 https://c/api/lti/progress/2\r\n"
                  "u18,posted,12,20,200,,,,,,,unchanged,\r\n");
    }

    TEST_CASE("an empty report is its header") {
        CHECK(report::run_report_csv(model::RunReport{}) == k_header);
    }

    TEST_CASE("fields with commas, quotes or line breaks are quoted, quotes doubled") {
        CHECK(text_field("plain") == "plain");
        CHECK(text_field("a,b") == "\"a,b\"");
        CHECK(text_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
        CHECK(text_field("two\nlines") == "\"two\nlines\"");
        CHECK(text_field("cr\rhere") == "\"cr\rhere\"");
        CHECK(text_field("Zoë 李雷") == "Zoë 李雷");
        CHECK(text_field("") == "");
    }

    TEST_CASE("text a spreadsheet would run as a formula gets an apostrophe") {
        CHECK(text_field("=1+2") == "'=1+2");
        CHECK(text_field("+1") == "'+1");
        CHECK(text_field("-2+3") == "'-2+3");
        CHECK(text_field("@SUM(A1)") == "'@SUM(A1)");
        CHECK(text_field("\tx") == "'\tx");
        CHECK(text_field("\rx") == "\"'\rx\"");
        CHECK(text_field("a=b") == "a=b");
    }

    TEST_CASE("a HYPERLINK user id is neutralised in the report") {
        model::RunReport report;
        report.scores = {testing::outcome("=HYPERLINK(\"http://x\",\"y\")", Action::failed,
                                          std::nullopt, std::nullopt, 404, "-1 not found",
                                          "@reason")};
        CHECK(report::run_report_csv(report) ==
              std::string(k_header) +
                  "\"'=HYPERLINK(\"\"http://"
                  "x\"\",\"\"y\"\")\",failed,,,404,'-1 not found,'@reason,,,,,,\r\n");
    }

    TEST_CASE("render_csv writes plain numbers as numbers and escapes text") {
        CHECK(report::render_csv({"user", "score", "note"},
                                 {{"-3", "-3", "=cmd"}, {"u1", "18.5", "-"}}) ==
              "user,score,note\r\n"
              "-3,-3,'=cmd\r\n"
              "u1,18.5,'-\r\n");
    }
}
