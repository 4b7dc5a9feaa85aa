#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>

using namespace gradepost;
using gradepost::testing::RunningSandbox;

namespace {

constexpr const char* k_container = "/api/lti/courses/course-1/line_items";
constexpr const char* k_item_type = "application/vnd.ims.lis.v2.lineitem+json";
constexpr const char* k_container_type = "application/vnd.ims.lis.v2.lineitemcontainer+json";

std::string label_list(const nlohmann::json& items) {
    std::string labels;
    for (const auto& item : items)
        labels += (labels.empty() ? "" : ",") + item["label"].get<std::string>();
    return labels;
}

// The URL of the Link header's `rel`, empty when absent.
std::string link(const std::string& header, const std::string& rel) {
    auto at = header.find("rel=\"" + rel + "\"");
    if (at == std::string::npos)
        return {};
    auto open = header.rfind('<', at);
    auto close = header.find('>', open);
    return header.substr(open + 1, close - open - 1);
}

sandbox::SandboxOptions nine_items() {
    sandbox::SandboxOptions options;
    for (int i = 1; i <= 9; ++i)
        options.line_items.push_back("Quiz " + std::to_string(i) + ":10");
    return options;
}

} // namespace

TEST_SUITE("sandbox::line_items") {

    TEST_CASE("the container lists the seeded line items with the container media type") {
        sandbox::SandboxOptions options;
        options.line_items = {"Quiz 1:10", "Essay: week 2:20"};
        RunningSandbox sandbox(options);
        auto client = sandbox.client();
        auto result = client.Get(k_container, sandbox.auth(sandbox.token(), k_container_type));
        REQUIRE(result);
        CHECK(result->status == 200);
        CHECK(result->get_header_value("Content-Type") == k_container_type);
        CHECK_FALSE(result->has_header("Link"));
        auto items = nlohmann::json::parse(result->body);
        REQUIRE(items.size() == 2);
        CHECK(items[0]["id"] == sandbox.base_url() + "/api/lti/courses/course-1/line_items/1");
        CHECK(items[1]["label"] == "Essay: week 2");
        CHECK(items[1]["scoreMaximum"] == 20);
    }

    TEST_CASE("Link pagination walks every page with next, prev, first and last") {
        RunningSandbox sandbox(nine_items());
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        std::string labels;
        std::string next = std::string(k_container) + "?limit=4";
        int pages = 0;
        while (!next.empty()) {
            auto path = next.substr(next.find("/api/"));
            auto result = client.Get(path.c_str(), headers);
            REQUIRE(result);
            REQUIRE(result->status == 200);
            std::string header = result->get_header_value("Link");
            ++pages;
            if (pages == 1) {
                CHECK(link(header, "prev").empty());
                CHECK(link(header, "first") ==
                      sandbox.base_url() + k_container + "?limit=4&page=1");
                CHECK(link(header, "last") == sandbox.base_url() + k_container + "?limit=4&page=3");
            }
            if (pages == 2)
                CHECK(link(header, "prev") == sandbox.base_url() + k_container + "?limit=4&page=1");
            labels += (labels.empty() ? "" : ",") + label_list(nlohmann::json::parse(result->body));
            next = link(header, "next");
        }
        CHECK(pages == 3);
        CHECK(labels == "Quiz 1,Quiz 2,Quiz 3,Quiz 4,Quiz 5,Quiz 6,Quiz 7,Quiz 8,Quiz 9");
    }

    TEST_CASE("filters keep their parameters in the page links") {
        RunningSandbox sandbox(nine_items());
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        for (const char* tag : {"quiz", "quiz", "quiz", "essay"}) {
            nlohmann::json body = {{"label", std::string("Tagged ") + tag},
                                   {"scoreMaximum", 5},
                                   {"tag", tag},
                                   {"resourceId", std::string("res-") + tag},
                                   {"resourceLinkId", "link-1"}};
            REQUIRE(client.Post(k_container, headers, body.dump(), k_item_type)->status == 201);
        }
        auto tagged = client.Get((std::string(k_container) + "?tag=quiz&limit=2").c_str(), headers);
        REQUIRE(tagged);
        CHECK(nlohmann::json::parse(tagged->body).size() == 2);
        CHECK(link(tagged->get_header_value("Link"), "next") ==
              sandbox.base_url() + k_container + "?tag=quiz&limit=2&page=2");

        auto by_resource =
            client.Get((std::string(k_container) + "?resource_id=res-essay").c_str(), headers);
        CHECK(label_list(nlohmann::json::parse(by_resource->body)) == "Tagged essay");
        auto by_link =
            client.Get((std::string(k_container) + "?resource_link_id=link-1").c_str(), headers);
        CHECK(nlohmann::json::parse(by_link->body).size() == 4);
        auto none = client.Get((std::string(k_container) + "?tag=exam").c_str(), headers);
        CHECK(none->body == "[]");
    }

    TEST_CASE("a bad limit or page is 400") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        CHECK(client.Get((std::string(k_container) + "?limit=0").c_str(), headers)->status == 400);
        CHECK(client.Get((std::string(k_container) + "?limit=abc").c_str(), headers)->status ==
              400);
        CHECK(client.Get((std::string(k_container) + "?limit=2&page=0").c_str(), headers)->status ==
              400);
    }

    TEST_CASE("a line item is created, read, replaced and deleted") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        nlohmann::json body = {{"label", "Week 4"},
                               {"scoreMaximum", 15},
                               {"tag", "quiz"},
                               {"startDateTime", "2026-11-01T00:00:00Z"}};
        auto created = client.Post(k_container, headers, body.dump(), k_item_type);
        REQUIRE(created);
        CHECK(created->status == 201);
        CHECK(created->get_header_value("Content-Type") == k_item_type);
        auto item = nlohmann::json::parse(created->body);
        std::string url = item["id"];
        CHECK(url == sandbox.base_url() + k_container + "/2");
        CHECK(item["tag"] == "quiz");
        std::string path = url.substr(sandbox.base_url().size());

        auto read = client.Get(path.c_str(), headers);
        REQUIRE(read);
        CHECK(nlohmann::json::parse(read->body) == item);

        body["label"] = "Week 4 (revised)";
        body["scoreMaximum"] = 20;
        auto replaced = client.Put(path.c_str(), headers, body.dump(), k_item_type);
        REQUIRE(replaced);
        CHECK(replaced->status == 200);
        CHECK(nlohmann::json::parse(replaced->body)["scoreMaximum"] == 20);
        CHECK(nlohmann::json::parse(client.Get(path.c_str(), headers)->body)["label"] ==
              "Week 4 (revised)");

        auto deleted = client.Delete(path.c_str(), headers);
        REQUIRE(deleted);
        CHECK(deleted->status == 204);
        CHECK(client.Get(path.c_str(), headers)->status == 404);
        CHECK(client.Delete(path.c_str(), headers)->status == 404);
    }

    TEST_CASE("creating a line item needs a label and a scoreMaximum above 0") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto headers = sandbox.auth(sandbox.token());
        for (const char* body :
             {R"({"scoreMaximum": 10})", R"({"label": "", "scoreMaximum": 10})",
              R"({"label": "Quiz"})", R"({"label": "Quiz", "scoreMaximum": 0})",
              R"({"label": "Quiz", "scoreMaximum": "10"})", R"([1, 2])", "not json"}) {
            CAPTURE(body);
            CHECK(client.Post(k_container, headers, body, k_item_type)->status == 400);
        }
        CHECK(client
                  .Post(k_container, headers, R"({"label":"Quiz","scoreMaximum":10})",
                        "application/json")
                  ->status == 415);
        CHECK(nlohmann::json::parse(client.Get(k_container, headers)->body).size() == 1);
    }

    TEST_CASE("reading needs lineitem or lineitem.readonly; writing needs lineitem") {
        RunningSandbox sandbox;
        auto client = sandbox.client();
        auto read_only = sandbox.auth(
            sandbox.token("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"));
        CHECK(client.Get(k_container, read_only)->status == 200);
        CHECK(client.Get((std::string(k_container) + "/1").c_str(), read_only)->status == 200);
        CHECK(
            client
                .Post(k_container, read_only, R"({"label":"Quiz","scoreMaximum":10})", k_item_type)
                ->status == 403);
        CHECK(client.Delete((std::string(k_container) + "/1").c_str(), read_only)->status == 403);

        auto score_only =
            sandbox.auth(sandbox.token("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
        CHECK(client.Get(k_container, score_only)->status == 403);
    }
}
