#include "http/message.hpp"
#include "http/status_line.hpp"

#include <doctest/doctest.h>

using namespace gradepost::http;

namespace {

Response with_status(int status) {
    Response response;
    response.status = status;
    return response;
}

} // namespace

TEST_SUITE("http::message") {

    TEST_CASE("header() ignores case and returns the last value of a repeated header") {
        Response response;
        response.headers = {{"Content-Type", "application/json"},
                            {"link", "<https://lms.example/a>; rel=\"next\""},
                            {"LINK", "<https://lms.example/b>; rel=\"last\""}};
        CHECK(response.header("content-type") == "application/json");
        CHECK(response.header("CONTENT-TYPE") == "application/json");
        CHECK(response.header("Link") == "<https://lms.example/b>; rel=\"last\"");
        CHECK_FALSE(response.header("Retry-After").has_value());
        CHECK_FALSE(response.header("Content-Typ").has_value());
    }

    TEST_CASE("is_success() is any 2xx") {
        for (int status : {200, 201, 204, 299})
            CHECK(with_status(status).is_success());
        for (int status : {0, 199, 300, 400, 503})
            CHECK_FALSE(with_status(status).is_success());
    }

    TEST_CASE("the reason phrase is everything after the status code") {
        CHECK(reason_phrase("HTTP/1.1 200 OK\r\n") == "OK");
        CHECK(reason_phrase("HTTP/1.1 400 User is not enrolled in course 12\r\n") ==
              "User is not enrolled in course 12");
        CHECK(reason_phrase("HTTP/2 200 \r\n") == "");
        CHECK(reason_phrase("HTTP/2 200\r\n") == "");
        CHECK(is_status_line("HTTP/1.1 100 Continue\r\n"));
        CHECK_FALSE(is_status_line("Content-Type: text/html\r\n"));
    }
}
