#include "test_sandbox_support.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cctype>
#include <fstream>

using namespace gradepost;

namespace {

// The line item URL as one path segment, as an LTIAAS client sends it.
std::string encode_segment(const std::string& url) {
    std::string encoded;
    for (char c : url) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')
            encoded.push_back(c);
        else
            encoded += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
    return encoded;
}

} // namespace

TEST_CASE("the sandbox's LTIAAS API checks the service key and wants the id encoded") {
    testing::ScratchDir profile_dir;
    sandbox::SandboxOptions options;
    options.ltiaas = true;
    options.write_profile_dir = (profile_dir / "gp").string();
    testing::RunningSandbox sandbox(options);
    std::ifstream file(profile_dir / "gp" / "config.json");
    auto profile = nlohmann::json::parse(file)["profiles"]["sandbox"];
    REQUIRE(profile["platform"] == "ltiaas");
    httplib::Headers keys{{"Authorization", "SERVICE-AUTH-V1 " +
                                                profile["ltiaas_api_key"].get<std::string>() + ":" +
                                                profile["ltiaas_service_key"].get<std::string>()}};
    auto client = sandbox.client();

    auto refused = client.Get("/api/lineitems", {{"Authorization", "SERVICE-AUTH-V1 a:b"}});
    REQUIRE(refused);
    CHECK(refused->status == 401);
    auto error = nlohmann::json::parse(refused->body);
    CHECK(error["status"] == 401);
    CHECK(error["error"] == "Unauthorized");
    CHECK(error["details"]["message"] == "Invalid or missing service key");

    auto listed = client.Get("/api/lineitems", keys);
    REQUIRE(listed);
    REQUIRE(listed->status == 200);
    std::string id = nlohmann::json::parse(listed->body)["lineItems"][0]["id"];

    auto encoded = client.Get("/api/lineitems/" + encode_segment(id) + "/scores", keys);
    REQUIRE(encoded);
    CHECK(encoded->status == 200);
    CHECK(nlohmann::json::parse(encoded->body)["scores"].is_array());

    auto raw = client.Get("/api/lineitems/" + id + "/scores", keys);
    REQUIRE(raw);
    CHECK(raw->status == 404);
}
