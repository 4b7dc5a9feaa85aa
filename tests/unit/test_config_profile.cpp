#include "config/profile.hpp"
#include "support/captured_stderr.hpp"
#include "support/scratch_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace gradepost;

namespace {

config::Environment environment_of(std::map<std::string, std::string> variables) {
    return [variables](const std::string& name) -> std::optional<std::string> {
        auto found = variables.find(name);
        if (found == variables.end())
            return std::nullopt;
        return found->second;
    };
}

std::filesystem::path write_file(const testing::ScratchDir& dir, const std::string& name,
                                 const std::string& text) {
    auto path = dir / name;
    std::ofstream(path) << text;
    return path;
}

const char* const k_two_profiles = R"({
  "default_profile": "canvas",
  "profiles": {
    "canvas": {
      "platform": "canvas",
      "client_id": "10000000000123",
      "token_url": "https://sso.canvaslms.com/login/oauth2/token",
      "audience": "https://canvas.instructure.com/login/oauth2/token",
      "private_key_file": "~/.config/gradepost/keys/canvas.pem",
      "key_id": "gp-2026-11",
      "lineitems_url": "https://school.instructure.com/api/lti/courses/{course}/line_items",
      "memberships_url": "https://school.instructure.com/api/lti/courses/{course}/names_and_roles",
      "course": "42"
    },
    "moodle": {
      "client_id": "moodle-client",
      "token_url": "https://moodle.example/mod/lti/token.php",
      "lineitems_url": "https://moodle.example/mod/lti/services.php/{course}/lineitems?type_id=2"
    }
  }
})";

} // namespace

TEST_SUITE("config::profile") {

    TEST_CASE("the default profile of the file is used when none is asked for") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        auto profile = config::resolve_profile(path, false, std::nullopt, {},
                                               environment_of({{"HOME", "/home/ada"}}));
        CHECK(profile.name == "canvas");
        CHECK(profile.platform == "canvas");
        CHECK(profile.client_id == "10000000000123");
        CHECK(profile.audience == "https://canvas.instructure.com/login/oauth2/token");
        CHECK(profile.key_id == "gp-2026-11");
    }

    TEST_CASE("~ is expanded with HOME and {course} filled from the profile's course") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        auto profile = config::resolve_profile(path, false, std::nullopt, {},
                                               environment_of({{"HOME", "/home/ada"}}));
        CHECK(profile.private_key_file == "/home/ada/.config/gradepost/keys/canvas.pem");
        CHECK(profile.lineitems_url ==
              "https://school.instructure.com/api/lti/courses/42/line_items");
        CHECK(profile.memberships_url ==
              "https://school.instructure.com/api/lti/courses/42/names_and_roles");
    }

    TEST_CASE("--course fills {course} and a URL keeps the placeholder when no course is known") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        config::ProfileOverrides flags;
        SUBCASE("flag") {
            flags.course = "7";
            auto profile = config::resolve_profile(path, false, std::string("moodle"), flags,
                                                   environment_of({}));
            CHECK(profile.lineitems_url ==
                  "https://moodle.example/mod/lti/services.php/7/lineitems?type_id=2");
        }
        SUBCASE("no course") {
            auto profile = config::resolve_profile(path, false, std::string("moodle"), flags,
                                                   environment_of({}));
            CHECK(profile.lineitems_url ==
                  "https://moodle.example/mod/lti/services.php/{course}/lineitems?type_id=2");
        }
    }

    TEST_CASE("flags override the environment, which overrides the file") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        auto environment = environment_of({{"GRADEPOST_ACCESS_TOKEN", "token-from-environment"},
                                           {"GRADEPOST_PROFILE", "moodle"}});
        config::ProfileOverrides flags;

        auto from_environment =
            config::resolve_profile(path, false, std::nullopt, flags, environment);
        CHECK(from_environment.name == "moodle");
        CHECK(from_environment.client_id == "moodle-client");
        CHECK(from_environment.access_token == "token-from-environment");

        flags.access_token = "token-from-flag";
        flags.client_id = "flag-client";
        flags.insecure = true;
        auto from_flags =
            config::resolve_profile(path, false, std::string("canvas"), flags, environment);
        CHECK(from_flags.name == "canvas");
        CHECK(from_flags.client_id == "flag-client");
        CHECK(from_flags.access_token == "token-from-flag");
        CHECK(from_flags.token_url == "https://sso.canvaslms.com/login/oauth2/token");
        CHECK(from_flags.insecure);
    }

    TEST_CASE("an empty --profile counts as not given") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        auto profile = config::resolve_profile(path, false, std::string(), {}, environment_of({}));
        CHECK(profile.name == "canvas");
    }

    TEST_CASE("the only profile is used when the file names no default") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json",
                               R"({"profiles": {"solo": {"client_id": "c1", "course": "9"}}})");
        auto profile = config::resolve_profile(path, false, std::nullopt, {}, environment_of({}));
        CHECK(profile.name == "solo");
        CHECK(profile.client_id == "c1");
        CHECK(profile.course == "9");
    }

    TEST_CASE("several profiles and no default ask for --profile") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", R"({"profiles": {"a": {}, "b": {}}})");
        CHECK_THROWS_WITH_AS(
            config::resolve_profile(path, false, std::nullopt, {}, environment_of({})),
            doctest::Contains("choose one with --profile (a, b)"), util::UsageError);
    }

    TEST_CASE("an unknown profile is a configuration error listing the profiles") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        try {
            config::resolve_profile(path, false, std::string("blackboard"), {}, environment_of({}));
            FAIL("no error");
        } catch (const util::ConfigError& error) {
            std::string message = error.what();
            CHECK(message.find("unknown profile \"blackboard\"") != std::string::npos);
            CHECK(message.find("canvas, moodle") != std::string::npos);
            CHECK(error.code() == util::ExitCode::config);
        }
    }

    TEST_CASE("an unknown GRADEPOST_PROFILE is a configuration error too") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", k_two_profiles);
        CHECK_THROWS_AS(config::resolve_profile(path, false, std::nullopt, {},
                                                environment_of({{"GRADEPOST_PROFILE", "nope"}})),
                        util::ConfigError);
    }

    TEST_CASE("bad JSON is reported with file:line:column") {
        testing::ScratchDir dir;
        auto path =
            write_file(dir, "config.json",
                       "{\n  \"profiles\": {\n    \"a\": {\"client_id\": \"x\",}\n  }\n}\n");
        try {
            config::resolve_profile(path, false, std::nullopt, {}, environment_of({}));
            FAIL("no error");
        } catch (const util::ConfigError& error) {
            std::string message = error.what();
            CHECK(message.rfind(path.string() + ":3:28: ", 0) == 0);
            CHECK(message.find("json.exception") == std::string::npos);
        }
    }

    TEST_CASE("a value of the wrong type names its key") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", R"({"profiles": {"a": {"client_id": 123}}})");
        CHECK_THROWS_WITH_AS(
            config::resolve_profile(path, false, std::nullopt, {}, environment_of({})),
            doctest::Contains("profiles.a.client_id: expected a string, found number"),
            util::ConfigError);
    }

    TEST_CASE("unknown keys draw a warning and are ignored") {
        testing::ScratchDir dir;
        auto path = write_file(
            dir, "config.json",
            R"({"colour": "red", "profiles": {"a": {"client_id": "c", "client_secret": "s"}}})");
        testing::CapturedStderr captured;
        auto profile = config::resolve_profile(path, false, std::nullopt, {}, environment_of({}));
        std::string warnings = captured.text();
        CHECK(profile.client_id == "c");
        CHECK(warnings.find("unknown key \"colour\" ignored") != std::string::npos);
        CHECK(warnings.find("unknown key \"profiles.a.client_secret\" ignored") !=
              std::string::npos);
    }

    TEST_CASE("a missing default config file is an empty config; a named one is an error") {
        testing::ScratchDir dir;
        config::ProfileOverrides flags;
        flags.client_id = "only-flags";
        auto profile = config::resolve_profile(dir / "none.json", true, std::nullopt, flags,
                                               environment_of({}));
        CHECK(profile.client_id == "only-flags");
        CHECK(profile.name.empty());
        CHECK_THROWS_WITH_AS(config::resolve_profile(dir / "none.json", false, std::nullopt, flags,
                                                     environment_of({})),
                             doctest::Contains("none.json"), util::ConfigError);
    }

    TEST_CASE("a profile's state_url is read, a file's ~ expanded and a URL left as it is") {
        testing::ScratchDir dir;
        auto path = write_file(dir, "config.json", R"({"profiles": {
            "pg": {"state_url": "postgresql://grader@db.example:5432/gradepost"},
            "file": {"state_url": "~/grades/state.db"}}, "default_profile": "pg"})");
        auto environment = environment_of({{"HOME", "/home/ada"}});
        CHECK(config::resolve_profile(path, false, std::nullopt, {}, environment).state_url ==
              "postgresql://grader@db.example:5432/gradepost");
        CHECK(
            config::resolve_profile(path, false, std::string("file"), {}, environment).state_url ==
            "/home/ada/grades/state.db");
    }

    TEST_CASE("the ledger is --state, then GRADEPOST_STATE, then state_url, then XDG") {
        auto home = environment_of({{"HOME", "/h"}});
        auto with_variable = environment_of({{"HOME", "/h"}, {"GRADEPOST_STATE", "/env.db"}});
        std::string url = "postgresql://grader@db.example/gp";
        CHECK(config::choose_state_path("/flag.db", url, with_variable) == "/flag.db");
        CHECK(config::choose_state_path("", url, with_variable) == "/env.db");
        CHECK(config::choose_state_path("", url, home) == url);
        CHECK(config::choose_state_path("", "", home) == "/h/.local/state/gradepost/state.db");
        CHECK_THROWS_AS(config::choose_state_path("", "", environment_of({})), util::ConfigError);
    }

    TEST_CASE("default paths follow GRADEPOST_*, then XDG, then HOME") {
        SUBCASE("config") {
            CHECK(config::default_config_path(environment_of({{"GRADEPOST_CONFIG", "~/gp.json"},
                                                              {"XDG_CONFIG_HOME", "/xdg"},
                                                              {"HOME", "/h"}})) == "/h/gp.json");
            CHECK(config::default_config_path(
                      environment_of({{"XDG_CONFIG_HOME", "/xdg"}, {"HOME", "/h"}})) ==
                  "/xdg/gradepost/config.json");
            CHECK(config::default_config_path(
                      environment_of({{"XDG_CONFIG_HOME", ""}, {"HOME", "/h"}})) ==
                  "/h/.config/gradepost/config.json");
            CHECK(config::default_config_path(
                      environment_of({{"XDG_CONFIG_HOME", "relative"}, {"HOME", "/h"}})) ==
                  "/h/.config/gradepost/config.json");
            CHECK(config::default_config_path(environment_of({})).empty());
        }
        SUBCASE("state") {
            CHECK(config::default_state_path(environment_of(
                      {{"GRADEPOST_STATE", "/s/state.db"}, {"HOME", "/h"}})) == "/s/state.db");
            CHECK(config::default_state_path(environment_of(
                      {{"XDG_STATE_HOME", "/xs"}, {"HOME", "/h"}})) == "/xs/gradepost/state.db");
            CHECK(config::default_state_path(environment_of({{"HOME", "/h/"}})) ==
                  "/h/.local/state/gradepost/state.db");
            CHECK_THROWS_AS(config::default_state_path(environment_of({})), util::ConfigError);
        }
    }

} // TEST_SUITE

TEST_CASE("an ltiaas profile takes its keys from the file, the environment first") {
    testing::ScratchDir dir;
    auto file = write_file(dir, "config.json", R"({"profiles": {"l": {
        "platform": "ltiaas", "ltiaas_url": "https://school.ltiaas.com",
        "ltiaas_api_key": "file-api", "ltiaas_service_key": "file-service"}}})");
    auto from_file = config::resolve_profile(file, false, std::nullopt, {}, environment_of({}));
    CHECK(from_file.is_ltiaas());
    CHECK(from_file.ltiaas_url == "https://school.ltiaas.com");
    CHECK(from_file.ltiaas_api_key == "file-api");
    CHECK(from_file.ltiaas_service_key == "file-service");

    config::ProfileOverrides flags;
    flags.ltiaas_url = "https://other.ltiaas.com";
    auto from_environment =
        config::resolve_profile(file, false, std::nullopt, flags,
                                environment_of({{"GRADEPOST_LTIAAS_SERVICE_KEY", "env-service"}}));
    CHECK(from_environment.ltiaas_api_key == "file-api");
    CHECK(from_environment.ltiaas_service_key == "env-service");
    CHECK(from_environment.ltiaas_url == "https://other.ltiaas.com");
}
