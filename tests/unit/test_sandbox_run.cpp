#include "test_sandbox_support.hpp"

#include "cli/command.hpp"
#include "sandbox/server.hpp"
#include "util/error.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <future>
#include <thread>

using namespace gradepost;

namespace {

// Waits for the ready file and returns the URL in it; empty after 10 s.
std::string wait_for_ready_file(const std::filesystem::path& file) {
    for (int i = 0; i < 1000; ++i) {
        std::ifstream stream(file);
        std::string url;
        if (stream >> url && !url.empty())
            return url;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return {};
}

} // namespace

TEST_SUITE("sandbox::server") {

    TEST_CASE("run_sandbox serves, writes the ready file and returns 0 on SIGTERM") {
        gradepost::testing::ScratchDir dir;
        sandbox::SandboxOptions options;
        options.ready_file = (dir / "ready").string();
        options.students = 2;
        auto run =
            std::async(std::launch::async, [&options] { return sandbox::run_sandbox(options); });

        std::string url = wait_for_ready_file(dir / "ready");
        REQUIRE(url.rfind("http://127.0.0.1:", 0) == 0);
        CHECK_FALSE(std::filesystem::exists(dir / "ready.tmp"));
        httplib::Client client(url);
        auto config = client.Get("/_sandbox/config");
        REQUIRE(config);
        CHECK(nlohmann::json::parse(config->body)["base_url"] == url);

        ::kill(::getpid(), SIGTERM);
        REQUIRE(run.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        CHECK(run.get() == 0);
        CHECK_FALSE(client.Get("/_sandbox/config"));
    }

    TEST_CASE("gradepost sandbox: the flags reach the platform") {
        gradepost::testing::ScratchDir dir;
        CLI::App app;
        cli::GlobalOptions globals;
        cli::Action action;
        cli::add_sandbox_command(app, globals, action);
        std::string ready = (dir / "ready").string();
        gradepost::testing::shared_tool_key().write_public_pem(dir / "tool.pem");
        std::vector<std::string> arguments = {"sandbox",
                                              "--port",
                                              "0",
                                              "--ready-file",
                                              ready,
                                              "--quirks",
                                              "moodle",
                                              "--students",
                                              "3",
                                              "--lineitem",
                                              "Essay:20",
                                              "--client-id",
                                              "tool-9",
                                              "--fault-seed",
                                              "5",
                                              "--scopes",
                                              "score",
                                              "--write-profile",
                                              (dir / "profile").string()};
        std::vector<const char*> argv = {"gradepost"};
        for (const auto& argument : arguments)
            argv.push_back(argument.c_str());
        app.parse(static_cast<int>(argv.size()), argv.data());
        REQUIRE(action);

        auto run = std::async(std::launch::async, [&action] { return action(); });
        std::string url = wait_for_ready_file(ready);
        REQUIRE_FALSE(url.empty());
        httplib::Client client(url);
        auto config = nlohmann::json::parse(client.Get("/_sandbox/config")->body);
        CHECK(config["quirks"] == "moodle");
        CHECK(config["client_id"] == "tool-9");
        CHECK(config["line_items"][0]["label"] == "Essay");
        CHECK(config["scopes"] ==
              nlohmann::json{"https://purl.imsglobal.org/spec/lti-ags/scope/score"});
        CHECK(std::filesystem::exists(dir / "profile" / "config.json"));

        ::kill(::getpid(), SIGINT);
        REQUIRE(run.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        CHECK(run.get() == 0);
    }

    TEST_CASE("a port already in use is a usage error") {
        gradepost::testing::RunningSandbox first;
        sandbox::SandboxOptions options;
        options.port = std::stoi(first.base_url().substr(first.base_url().rfind(':') + 1));
        options.public_key_file = (first.dir() / "tool-public.pem").string();
        sandbox::Sandbox second(options);
        CHECK_THROWS_AS(second.start(), util::UsageError);
    }
}
