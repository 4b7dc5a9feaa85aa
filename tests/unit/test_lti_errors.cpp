#include "lti/ags_client_types.hpp"
#include "lti/course_refusal.hpp"
#include "lti/errors.hpp"
#include "support/fake_transport.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gradepost;
using namespace gradepost::lti;
using testing::make_response;

TEST_SUITE("lti::errors") {

    TEST_CASE("the platform's message comes from the JSON body in its usual places") {
        CHECK(platform_message(make_response(
                  422,
                  R"({"errors":[{"message":"User not found in course or is not a student"}]})")) ==
              "User not found in course or is not a student");
        CHECK(
            platform_message(make_response(
                401, R"({"errors":{"type":"unauthorized","message":"Invalid access token."}})")) ==
            "Invalid access token.");
        CHECK(platform_message(make_response(
                  400, R"({"error":"bad","error_description":"why"})")) == "bad: why");
        CHECK(platform_message(make_response(400, R"({"message":"nope"})")) == "nope");
        CHECK(platform_message(make_response(400, R"({"detail":"nope\nsecond line"})")) ==
              "nope second line");
    }

    TEST_CASE("Moodle's empty [] body gives way to the reason phrase") {
        CHECK(platform_message(make_response(400, "[]", {}, "Incorrect score received")) ==
              "Incorrect score received");
        CHECK(platform_message(make_response(502, "<html>bad gateway</html>", {}, "Bad Gateway")) ==
              "Bad Gateway");
    }

    TEST_CASE("a short plain-text body says more than a standard reason phrase") {
        CHECK(platform_message(make_response(403, "403 Forbidden (Rate Limit Exceeded)\n")) ==
              "403 Forbidden (Rate Limit Exceeded)");
    }

    TEST_CASE("with neither body nor reason, the status is the message") {
        http::Response bare;
        bare.status = 500;
        CHECK(platform_message(bare) == "HTTP 500");
    }

    TEST_CASE("score post errors carry hints for the known causes") {
        CHECK(score_post_error(make_response(
                  422,
                  R"({"errors":[{"message":"User not found in course or is not a student"}]})")) ==
              "User not found in course or is not a student; is the user a student of the course? "
              "(course unpublished, test student, or teacher)");
        nlohmann::json canvas_stale{
            {"errors",
             {{{"message", "Provided timestamp of 2026-09-21T14:13:20Z before last updated "
                           "timestamp of 2026-09-21T14:13:21Z"}}}}};
        CHECK(score_post_error(make_response(400, canvas_stale.dump()))
                  .ends_with("; the platform holds a newer score for this student (timestamp)"));
        CHECK(score_post_error(make_response(409, "[]", {}, "Conflict")) ==
              "Conflict; the platform holds a newer score for this student (timestamp)");
        CHECK(score_post_error(make_response(400, "[]", {}, "Incorrect score received")) ==
              "Incorrect score received");
        CHECK(score_post_error(
                  make_response(403, R"({"errors":[{"message":"Rate Limit Exceeded"}]})"))
                  .find("lower --concurrency or --rate") != std::string::npos);
        CHECK(score_post_error(make_response(500, "")) == "Internal Server Error");
    }

    TEST_CASE("no response is reported with the transport's error") {
        http::Response dropped;
        dropped.transport_error = "Operation timed out after 60000 milliseconds";
        CHECK(score_post_error(dropped) ==
              "no response: Operation timed out after 60000 milliseconds");
    }

    TEST_CASE("a failed score is the platform's fault, or a refusal a person must look at") {
        CHECK(fault_of(http::classify(make_response(422, "{}"))) == model::Fault::refused);
        CHECK(fault_of(http::classify(make_response(404, "{}"))) == model::Fault::refused);
        CHECK(fault_of(http::classify(make_response(429, ""))) == model::Fault::platform);
        CHECK(fault_of(http::classify(make_response(403, "403 Forbidden (Rate Limit Exceeded)"))) ==
              model::Fault::platform);
        CHECK(fault_of(http::classify(make_response(503, ""))) == model::Fault::platform);
        CHECK(fault_of(http::classify(http::Response{})) == model::Fault::platform);
        CHECK(fault_of(http::classify(make_response(200, ""))) == model::Fault::none);
    }

} // TEST_SUITE

TEST_SUITE("lti::course_refusal") {

    TEST_CASE("Canvas's course-level texts are recognised, whatever the case") {
        CHECK(lti::course_refusal_of("This course has concluded. AGS requests will no longer be "
                                     "accepted for this course.") ==
              lti::CourseRefusal::course_concluded);
        CHECK(lti::course_refusal_of("Course not available for student") ==
              lti::CourseRefusal::course_not_available);
        CHECK(lti::course_refusal_of("The maximum number of allowed attempts has been reached "
                                     "for this submission") ==
              lti::CourseRefusal::attempts_used_up);
        CHECK(lti::course_refusal_of("THIS COURSE HAS CONCLUDED.") ==
              lti::CourseRefusal::course_concluded);
        // About one student, however many say it.
        CHECK_FALSE(lti::course_refusal_of("User not found in course or is not a student"));
        CHECK_FALSE(lti::course_refusal_of("ScoreMaximum must be greater than 0").has_value());
    }

    TEST_CASE("a refused score post carries its course-level reason") {
        auto answer = post_answer_of(make_response(
            422, R"({"errors":{"type":"unprocessable_entity","message":"This course has )"
                 R"(concluded. AGS requests will no longer be accepted for this course."}})"));
        REQUIRE(answer.course_refusal.has_value());
        CHECK(*answer.course_refusal == lti::CourseRefusal::course_concluded);
        CHECK(lti::explain(*answer.course_refusal).find("end date") != std::string::npos);
        CHECK_FALSE(post_answer_of(make_response(200, "{}")).course_refusal.has_value());
    }
}
