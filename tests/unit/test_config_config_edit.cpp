#include "config/config_edit.hpp"
#include "config/config_file.hpp"
#include "support/error_message.hpp"
#include "support/scratch_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <sys/stat.h>

using namespace gradepost;
using testing::error_message_of;

namespace {

std::string read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

unsigned mode_of(const std::filesystem::path& path) {
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    return status.st_mode & 0777;
}

} // namespace

TEST_SUITE("config::config_edit") {

    TEST_CASE("set_profile creates a private file, its folder, and makes the profile default") {
        testing::ScratchDir dir;
        auto path = dir / "gradepost/config.json";
        CHECK(config::set_profile(
            path, "canvas", {{"token_url", "https://lms.example/token"}, {"client_id", "123"}}));
        CHECK(mode_of(path) == 0600);
        CHECK(read(path) == "{\n"
                            "  \"default_profile\": \"canvas\",\n"
                            "  \"profiles\": {\n"
                            "    \"canvas\": {\n"
                            "      \"token_url\": \"https://lms.example/token\",\n"
                            "      \"client_id\": \"123\"\n"
                            "    }\n"
                            "  }\n"
                            "}\n");
        auto config = config::read_config_file(path, false);
        REQUIRE(config.profiles.size() == 1);
        CHECK(config.profiles[0].client_id == "123");
    }

    TEST_CASE("edits keep the other profiles, unknown keys, their order and the file's mode") {
        testing::ScratchDir dir;
        auto path = dir / "config.json";
        write(path, R"({"x_team": "grading", "profiles": {"a": {"client_id": "1", "x_note": "n"},
                        "b": {"client_id": "2"}}, "default_profile": "a"})");
        ::chmod(path.c_str(), 0640);
        CHECK_FALSE(config::set_profile(path, "b", {{"course", "42"}}));
        config::use_profile(path, "b");
        CHECK(read(path) == "{\n"
                            "  \"x_team\": \"grading\",\n"
                            "  \"profiles\": {\n"
                            "    \"a\": {\n"
                            "      \"client_id\": \"1\",\n"
                            "      \"x_note\": \"n\"\n"
                            "    },\n"
                            "    \"b\": {\n"
                            "      \"client_id\": \"2\",\n"
                            "      \"course\": \"42\"\n"
                            "    }\n"
                            "  },\n"
                            "  \"default_profile\": \"b\"\n"
                            "}\n");
        CHECK(mode_of(path) == 0640);
        // Nothing is left beside it.
        std::size_t files = 0;
        for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
            ++files;
        CHECK(files == 1);
    }

    TEST_CASE("use_profile refuses a profile the file lacks, and a missing file") {
        testing::ScratchDir dir;
        auto path = dir / "config.json";
        CHECK(error_message_of<util::ConfigError>([&] {
                  config::use_profile(path, "a");
              }).starts_with("there is no config file " + path.string()));
        CHECK_FALSE(std::filesystem::exists(path));
        write(path, R"({"profiles": {"a": {}, "b": {}}})");
        CHECK(error_message_of<util::ConfigError>([&] { config::use_profile(path, "c"); }) ==
              "unknown profile \"c\" (profiles in " + path.string() + ": a, b)");
        CHECK(read(path) == R"({"profiles": {"a": {}, "b": {}}})");
    }

    TEST_CASE("a broken file is reported with line and column and left as it is") {
        testing::ScratchDir dir;
        auto path = dir / "config.json";
        write(path, "{\n  \"profiles\": {,\n}\n");
        CHECK(error_message_of<util::ConfigError>([&] {
                  config::set_profile(path, "a", {{"client_id", "1"}});
              }).starts_with(path.string() + ":2:"));
        CHECK(read(path) == "{\n  \"profiles\": {,\n}\n");
    }

    TEST_CASE("only a profile's fields can be set") {
        testing::ScratchDir dir;
        auto path = dir / "config.json";
        CHECK(error_message_of<util::UsageError>([&] {
                  config::set_profile(path, "a", {{"access_token", "t"}});
              }) == "a profile has no field \"access_token\"");
        CHECK(error_message_of<util::UsageError>([&] {
                  config::set_profile(path, "", {{"client_id", "1"}});
              }) == "a profile needs a name");
        CHECK_FALSE(std::filesystem::exists(path));
    }
}
