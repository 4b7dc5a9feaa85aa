#include "util/shared_library.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

#include <string>

#include <curl/curl.h>

using gradepost::util::ConfigError;
using gradepost::util::ExitCode;
using gradepost::util::SharedLibrary;

namespace {

// What `function` throws, as a ConfigError; fails the test when it throws nothing else.
template <typename Function> ConfigError thrown_by(Function&& function) {
    try {
        function();
    } catch (const ConfigError& error) {
        return error;
    }
    FAIL("no ConfigError was thrown");
    return ConfigError("");
}

} // namespace

TEST_SUITE("util::shared_library") {
    TEST_CASE("a library that is not installed is named with the package that installs it") {
        auto error =
            thrown_by([] { SharedLibrary::open("libgradepost-absent.so.9", "libabsent9"); });
        std::string message = error.what();
        CHECK(error.code() == ExitCode::config);
        CHECK(message.find("cannot load libgradepost-absent.so.9") != std::string::npos);
        CHECK(message.find("install the Debian package libabsent9") != std::string::npos);
    }

    TEST_CASE("a function is bound to the library's own, typed by its header") {
        auto library = SharedLibrary::open("libcurl.so.4", "libcurl4");
        decltype(&::curl_easy_strerror) describe = nullptr;
        library.bind(describe, "curl_easy_strerror");
        REQUIRE(static_cast<bool>(describe));
        CHECK(std::string(describe(CURLE_COULDNT_RESOLVE_HOST)) == "Couldn't resolve host name");
    }

    TEST_CASE("a function the library lacks names both and asks for a newer version") {
        auto library = SharedLibrary::open("libcurl.so.4", "libcurl4");
        int (*absent)() = nullptr;
        auto error = thrown_by([&] { library.bind(absent, "gradepost_absent_function"); });
        std::string message = error.what();
        CHECK(message.find("libcurl.so.4 has no gradepost_absent_function") != std::string::npos);
        CHECK(message.find("libcurl4") != std::string::npos);
        CHECK_FALSE(static_cast<bool>(absent)); // left as it was
    }
}
