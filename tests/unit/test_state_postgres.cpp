#include "state/ledger.hpp"
#include "state/postgres.hpp"

#include <doctest/doctest.h>

namespace postgres = gradepost::state::postgres;
using gradepost::state::Ledger;

TEST_SUITE("state postgres") {
    TEST_CASE("postgresql:// and postgres:// name a database, anything else a file") {
        CHECK(Ledger::is_database_url("postgresql://grader@db.example:5432/gradepost"));
        CHECK(Ledger::is_database_url("postgres://db.example/gradepost"));
        CHECK_FALSE(Ledger::is_database_url("/var/lib/gradepost/state.db"));
        CHECK_FALSE(Ledger::is_database_url("postgresql.db"));
        CHECK_FALSE(Ledger::is_database_url("mysql://db.example/gradepost"));
    }

    TEST_CASE("a password in the URL never reaches a message") {
        CHECK(postgres::redacted("postgresql://grader:s3cret@db.example:5432/gradepost") ==
              "postgresql://grader@db.example:5432/gradepost");
        CHECK(postgres::redacted("postgres://grader:p%40ss:word@db.example/gp") ==
              "postgres://grader@db.example/gp");
        CHECK(postgres::redacted("postgresql://db.example/gp?user=grader&password=s3cret&x=1") ==
              "postgresql://db.example/gp?user=grader&password=***&x=1");
        CHECK(postgres::redacted("postgresql://db.example/gp?password=s3cret") ==
              "postgresql://db.example/gp?password=***");
        CHECK(Ledger::display_name("postgresql://grader:s3cret@db.example/gp") ==
              "postgresql://grader@db.example/gp");
    }

    TEST_CASE("a URL without a password, and a file, are shown as they are") {
        CHECK(postgres::redacted("postgresql://grader@[::1]:5432/gp") ==
              "postgresql://grader@[::1]:5432/gp");
        CHECK(postgres::redacted("postgresql://db.example:5432/gp") ==
              "postgresql://db.example:5432/gp");
        CHECK(Ledger::display_name("/srv/state.db") == "/srv/state.db");
    }
}
