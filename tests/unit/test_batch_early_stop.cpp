#include "batch/early_stop.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace gradepost;
using lti::CourseRefusal;

namespace {

lti::PostAnswer refused(std::optional<CourseRefusal> refusal) {
    lti::PostAnswer answer;
    answer.http_status = 422;
    answer.error = "refused";
    answer.fault = model::Fault::refused;
    answer.course_refusal = refusal;
    return answer;
}

lti::PostAnswer accepted() {
    lti::PostAnswer answer;
    answer.http_status = 200;
    answer.is_success = true;
    return answer;
}

lti::PostAnswer unsent() {
    lti::PostAnswer answer;
    answer.was_sent = false;
    return answer;
}

} // namespace

TEST_SUITE("batch::early_stop") {

    TEST_CASE("every first answer naming one course-level refusal stops the run") {
        std::vector<lti::PostAnswer> answers(10, refused(CourseRefusal::course_concluded));
        CHECK(batch::early_stop_reason(answers) == CourseRefusal::course_concluded);
    }

    TEST_CASE("fewer answers than the window decide alike") {
        std::vector<lti::PostAnswer> answers(3, refused(CourseRefusal::attempts_used_up));
        CHECK(batch::early_stop_reason(answers) == CourseRefusal::attempts_used_up);
    }

    TEST_CASE("one success, one ordinary error or two different reasons: no stop") {
        std::vector<lti::PostAnswer> answers(9, refused(CourseRefusal::course_concluded));
        SUBCASE("a success") {
            answers.push_back(accepted());
        }
        SUBCASE("an error that is not course-level") {
            answers.push_back(refused(std::nullopt));
        }
        SUBCASE("another course-level reason") {
            answers.push_back(refused(CourseRefusal::course_not_available));
        }
        CHECK_FALSE(batch::early_stop_reason(answers).has_value());
    }

    TEST_CASE("answers never sent (interrupted) are not counted, and none at all is no stop") {
        std::vector<lti::PostAnswer> answers{refused(CourseRefusal::course_concluded), unsent()};
        CHECK(batch::early_stop_reason(answers) == CourseRefusal::course_concluded);
        std::vector<lti::PostAnswer> none{unsent(), unsent()};
        CHECK_FALSE(batch::early_stop_reason(none).has_value());
        CHECK_FALSE(batch::early_stop_reason({}).has_value());
    }
}
