#include "batch/roster_check.hpp"

#include <doctest/doctest.h>

using namespace gradepost;

namespace {

constexpr const char* k_learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
constexpr const char* k_instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

lti::Member member(std::string user_id, std::string role = k_learner,
                   std::string status = "Active") {
    lti::Member result;
    result.user_id = std::move(user_id);
    result.roles = {std::move(role)};
    result.status = std::move(status);
    return result;
}

} // namespace

TEST_SUITE("batch::roster_check") {

    TEST_CASE("students missing, inactive or not learners are named; the rest are gradable") {
        std::vector<lti::Member> members{member("u1"), member("u2", "Learner"),
                                         member("u3", k_learner, "Inactive"),
                                         member("t1", k_instructor)};
        auto check = batch::check_roster({"u1", "u2", "u3", "t1", "x9", "u1"}, members);
        CHECK(check.students == 5); // u1 twice counts once
        CHECK(check.gradable == 2);
        CHECK(check.not_in_course == std::vector<std::string>{"x9"});
        CHECK(check.not_active_learners ==
              std::vector<std::string>{"u3 (Inactive)", "t1 (not a learner)"});
    }

    TEST_CASE("an empty export or roster") {
        CHECK(batch::check_roster({}, {member("u1")}).students == 0);
        auto nobody = batch::check_roster({"u1"}, {});
        CHECK(nobody.gradable == 0);
        CHECK(nobody.not_in_course == std::vector<std::string>{"u1"});
    }
}
