#include "batch/plan_file.hpp"

#include "config/digest.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>

using namespace gradepost;

namespace {

model::Plan plan_with_keys(const std::vector<std::string>& texts) {
    model::PlanEntry entry;
    entry.score.user_id = "u1";
    entry.score.given = 18;
    entry.score.maximum = 20;
    entry.score.attempt_keys = model::parse_attempt_keys(texts);
    entry.is_selected = true;
    entry.reason = "new";
    model::Plan plan;
    plan.platform = "https://platform.example/token client-1";
    plan.line_item_url = "https://platform.example/lineitems/1";
    plan.keep = "highest";
    plan.select = "new";
    plan.rows = 2;
    plan.entries.push_back(entry);
    return plan;
}

const model::Timestamp k_made_at{std::chrono::seconds{1'790'000'000}};

// A plan file as an earlier release wrote it: the attempts as texts, digest made again.
std::string with_text_attempts(const std::string& plan_text,
                               const std::vector<std::string>& texts) {
    auto document = nlohmann::json::parse(plan_text);
    document["entries"][0]["attempts"] = texts;
    document.erase("digest");
    document["digest"] = "sha256:" + config::sha256_hex(document.dump());
    return document.dump(2);
}

} // namespace

TEST_SUITE("batch::plan_file") {

    TEST_CASE("attempt keys are written compactly and read back equal") {
        auto plan = plan_with_keys({"id:a2", "at:1ce0e4f41e6046d3"});
        auto text = batch::write_plan(plan, k_made_at);
        auto document = nlohmann::json::parse(text);
        auto attempts = document["entries"][0]["attempts"];
        REQUIRE(attempts.size() == 2);
        CHECK(attempts[0].get<std::string>().starts_with("k:"));
        CHECK(text.find("id:a2") == std::string::npos);
        auto back = batch::read_plan(text, "plan.json");
        REQUIRE(back.entries.size() == 1);
        CHECK(back.entries[0].score.attempt_keys == plan.entries[0].score.attempt_keys);
    }

    TEST_CASE("a plan file of an earlier release, with text keys, reads the same keys") {
        auto texts = std::vector<std::string>{"at:1ce0e4f41e6046d3", "id:a2"};
        auto plan = plan_with_keys(texts);
        auto older = with_text_attempts(batch::write_plan(plan, k_made_at), texts);
        auto back = batch::read_plan(older, "plan.json");
        CHECK(back.entries[0].score.attempt_keys == plan.entries[0].score.attempt_keys);
    }

    TEST_CASE("a malformed compact key is a malformed plan, naming the file") {
        auto plan = plan_with_keys({"id:a1"});
        auto bad = with_text_attempts(batch::write_plan(plan, k_made_at), {"k:xyz"});
        CHECK_THROWS_AS(batch::read_plan(bad, "plan.json"), util::UsageError);
        try {
            batch::read_plan(bad, "plan.json");
        } catch (const util::UsageError& error) {
            CHECK(std::string(error.what()).starts_with("plan.json: malformed plan"));
        }
    }
}
