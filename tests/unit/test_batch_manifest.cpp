#include "batch/manifest.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>

using gradepost::batch::parse_manifest;
using gradepost::batch::select_jobs;
using gradepost::util::UsageError;

namespace {

// The message parse_manifest throws for `text`, or "" when it accepts it.
std::string error_of(const std::string& text) {
    try {
        parse_manifest(text, "sync.json");
    } catch (const UsageError& error) {
        return error.what();
    }
    return "";
}

} // namespace

TEST_SUITE("sync manifest") {
    TEST_CASE("jobs take the words of the flags") {
        auto manifest = parse_manifest(R"({"jobs": [
            {"name": "week3", "profile": "canvas", "course": "101", "label": "Week 3 quiz",
             "files": ["week3.csv"], "keep": "latest", "select": "changed",
             "map": "user=Login", "max": 10, "create": true},
            {"name": "gradebook", "wide": true, "columns": ["Quiz 1", "Quiz 2"],
             "files": "gradebook.csv"}]})",
                                       "sync.json");
        REQUIRE(manifest.jobs.size() == 2);
        const auto& week3 = manifest.jobs[0];
        CHECK(week3.profile == "canvas");
        CHECK(week3.course == "101");
        CHECK(week3.label == "Week 3 quiz");
        CHECK(week3.keep == "latest");
        CHECK(week3.select == "changed");
        CHECK(week3.map == std::vector<std::string>{"user=Login"});
        CHECK(week3.maximum == 10.0);
        CHECK(week3.create);
        const auto& gradebook = manifest.jobs[1];
        CHECK(gradebook.wide);
        CHECK(gradebook.columns.size() == 2);
        CHECK(gradebook.files == std::vector<std::string>{"gradebook.csv"});
        CHECK(gradebook.keep == "highest");
        CHECK(gradebook.select == "new");
    }

    TEST_CASE("bad JSON names the file, line and column") {
        CHECK(error_of("{\"jobs\": [\n  {\"name\": \"a\",,}]}").starts_with("sync.json:2:"));
    }

    TEST_CASE("an error names the job and the field") {
        CHECK(error_of(R"({"jobs": [{"name": "a", "label": "A", "files": ["a.csv"]},
                                    {"name": "b", "label": "B", "files": ["b.csv"],
                                     "keep": "best"}]})") ==
              "sync.json: job 2 (\"b\"), field \"keep\": \"best\" is not highest, latest, "
              "first or average");
        CHECK(error_of(R"({"jobs": [{"name": "a", "files": ["a.csv"]}]})")
                  .find("field \"line_item\": give exactly one") != std::string::npos);
        CHECK(error_of(R"({"jobs": [{"name": "a", "label": "A", "line_item": "http://x",
                                     "files": ["a.csv"]}]})")
                  .find("give exactly one") != std::string::npos);
        CHECK(error_of(R"({"jobs": [{"name": "a", "label": "A"}]})").find("field \"files\"") !=
              std::string::npos);
        CHECK(error_of(R"({"jobs": [{"name": "a", "label": "A", "files": ["a.csv"],
                                     "slect": "new"}]})")
                  .find("field \"slect\": unknown field") != std::string::npos);
        CHECK(error_of(R"({"jobs": [{"name": "a", "label": "A", "files": ["a.csv"],
                                     "max": -1}]})")
                  .find("field \"max\"") != std::string::npos);
        CHECK(error_of(R"({"jobs": [{"label": "A", "files": ["a.csv"]}]})")
                  .starts_with("sync.json: job 1, field \"name\""));
        CHECK(error_of(R"({"jobs": [{"name": "a", "label": "A", "files": ["a.csv"]},
                                    {"name": "a", "label": "B", "files": ["b.csv"]}]})")
                  .find("two jobs have this name") != std::string::npos);
        CHECK(error_of(R"({"jobs": []})").find("at least one job") != std::string::npos);
    }

    TEST_CASE("--only picks jobs by name and refuses an unknown one") {
        auto manifest = parse_manifest(R"({"jobs": [{"name": "a", "label": "A", "files": "a"},
                                                    {"name": "b", "label": "B", "files": "b"}]})",
                                       "sync.json");
        auto chosen = select_jobs(manifest, {"b"});
        REQUIRE(chosen.size() == 1);
        CHECK(chosen[0].name == "b");
        CHECK(select_jobs(manifest, {}).size() == 2);
        CHECK_THROWS_AS(select_jobs(manifest, {"c"}), UsageError);
    }
}
