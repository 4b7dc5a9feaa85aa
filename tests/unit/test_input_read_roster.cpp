#include "input/read_roster.hpp"
#include "support/error_message.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace gradepost;

namespace {

std::string usage_error_of(std::string_view text) {
    return testing::error_message_of<util::UsageError>(
        [&] { input::read_roster(text, "roster.csv"); });
}

} // namespace

TEST_SUITE("input::read_roster") {

    TEST_CASE("columns are found case-insensitively, sourcedid under its other names") {
        auto roster = input::read_roster("Name;User ID;SIS_ID;Email\n"
                                         "Ada Lovelace;1001;SIS1001;ada@example.edu\n",
                                         "roster.csv");
        REQUIRE(roster.size() == 1);
        CHECK(roster[0].user_id == "1001");
        CHECK(roster[0].name == "Ada Lovelace");
        CHECK(roster[0].sourcedid == "SIS1001");
        CHECK(roster[0].email == "ada@example.edu");
    }

    TEST_CASE("only user_id is required") {
        auto roster = input::read_roster("user_id\n1001\n\n1002\n", "roster.csv");
        REQUIRE(roster.size() == 2);
        CHECK(roster[1].user_id == "1002");
        CHECK(roster[1].email.empty());
    }

    TEST_CASE("a missing user_id column or user id is an error naming file:line") {
        CHECK(usage_error_of("email,name\na@example.edu,A\n") ==
              "roster.csv:1: no user_id column (found: \"email\", \"name\")");
        CHECK(usage_error_of("user_id,email\n1001,a@example.edu\n,b@example.edu\n") ==
              "roster.csv:3: user id is missing");
        CHECK(usage_error_of("") == "roster.csv: the roster is empty; it needs a user_id column");
    }
}
