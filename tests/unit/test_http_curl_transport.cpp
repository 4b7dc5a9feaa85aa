#include "http/curl_transport.hpp"
#include "sandbox/httplib.hpp" // <httplib.h> as Debian's compiled cpp-httplib needs it
#include "support/fake_clock.hpp"
#include "util/interrupt.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace gradepost;
using namespace std::chrono_literals;

namespace {

// An httplib server on 127.0.0.1 with a port of its own, serving from a thread until destroyed.
// Register handlers with server(), then start().
class LocalServer {
public:
    LocalServer() {
        // More workers than any test's concurrency, so the server never limits it.
        m_server.new_task_queue = [] { return new httplib::ThreadPool(32); };
        m_server.set_keep_alive_max_count(1000);
        m_server.set_tcp_nodelay(true); // else Nagle meets delayed ACKs: 40 ms per response

        m_port = m_server.bind_to_any_port("127.0.0.1");
        REQUIRE(m_port > 0);
    }
    ~LocalServer() {
        m_server.stop();
        if (m_thread.joinable())
            m_thread.join();
    }

    httplib::Server& server() { return m_server; }

    void start() {
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::sleep_for(1ms);
    }

    std::string url(std::string_view path) const {
        return fmt::format("http://127.0.0.1:{}{}", m_port, path);
    }

private:
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
};

int listening_socket(int backlog) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    if (backlog > 0)
        REQUIRE(listen(fd, backlog) == 0);
    return fd;
}

int port_of(int fd) {
    sockaddr_in address{};
    socklen_t size = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    return ntohs(address.sin_port);
}

// Reads one request: headers, then as many body bytes as Content-Length says.
void read_request(int client) {
    std::string data;
    char buffer[4096];
    std::size_t needed = std::string::npos;
    while (data.size() < needed) {
        auto got = recv(client, buffer, sizeof buffer, 0);
        if (got <= 0)
            return;
        data.append(buffer, static_cast<std::size_t>(got));
        auto end = data.find("\r\n\r\n");
        if (needed == std::string::npos && end != std::string::npos) {
            std::size_t length = 0;
            std::string lower = data.substr(0, end);
            std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
            if (auto at = lower.find("content-length:"); at != std::string::npos)
                length = std::stoul(lower.substr(at + 15));
            needed = end + 4 + length;
        }
    }
}

// A bare TCP server for what httplib cannot do: a reason phrase of our own, or a connection
// closed without an answer (an empty reply).
class RawServer {
public:
    explicit RawServer(std::string reply) : m_reply(std::move(reply)), m_fd(listening_socket(64)) {
        m_thread = std::thread([this] { serve(); });
    }
    ~RawServer() {
        shutdown(m_fd, SHUT_RDWR); // wakes accept()
        m_thread.join();
        close(m_fd);
    }

    std::string url(std::string_view path) const {
        return fmt::format("http://127.0.0.1:{}{}", port_of(m_fd), path);
    }
    int connections() const { return m_connections; }

private:
    void serve() {
        for (;;) {
            int client = accept(m_fd, nullptr, nullptr);
            if (client < 0)
                return;
            ++m_connections;
            read_request(client);
            if (!m_reply.empty())
                send(client, m_reply.data(), m_reply.size(), MSG_NOSIGNAL);
            close(client);
        }
    }

    std::string m_reply;
    int m_fd;
    std::atomic<int> m_connections{0};
    std::thread m_thread;
};

// Options that keep tests fast: short backoff, a few retries.
http::TransportOptions fast_options() {
    http::TransportOptions options;
    options.retries = 3;
    options.max_backoff = 20ms;
    options.connect_timeout = 2s;
    options.request_timeout = 5s;
    return options;
}

http::Request make_request(std::string method, std::string url, std::string body = {},
                           http::Headers headers = {}) {
    http::Request request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.body = std::move(body);
    request.headers = std::move(headers);
    return request;
}

http::Request get(std::string url) {
    return make_request("GET", std::move(url));
}

struct InterruptGuard {
    ~InterruptGuard() { util::clear_interrupt(); }
};

} // namespace

TEST_SUITE("http::curl_transport") {

    TEST_CASE("503 twice then 200: the caller sees the 200 after 3 sends") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
            if (++calls <= 2) {
                res.status = 503;
                res.set_content("busy", "text/plain");
                return;
            }
            res.set_content("{\"ok\":true}", "application/json");
        });
        local.start();

        testing::FakeClock clock;
        http::CurlTransport transport(fast_options(), clock);
        auto response = transport.perform_one(get(local.url("/flaky")));
        CHECK(response.status == 200);
        CHECK(response.reason == "OK");
        CHECK(response.body == "{\"ok\":true}");
        CHECK(response.attempts == 3);
        CHECK_FALSE(response.may_have_been_applied);
        CHECK(calls == 3);
        // Two backoffs, each within max_backoff (full jitter: either may be 0), on the clock.
        CHECK(clock.slept() <= 40ms);
    }

    TEST_CASE("a 503 that never ends comes back after the allowed retries") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Get("/down", [&](const httplib::Request&, httplib::Response& res) {
            ++calls;
            res.status = 503;
        });
        local.start();

        auto options = fast_options();
        options.retries = 2;
        testing::FakeClock clock;
        http::CurlTransport transport(options, clock);
        auto response = transport.perform_one(get(local.url("/down")));
        CHECK(response.status == 503);
        CHECK(response.attempts == 3);
        CHECK(calls == 3);
    }

    TEST_CASE("429 with Retry-After: 1 waits a second before sending again") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Post("/scores", [&](const httplib::Request&, httplib::Response& res) {
            if (++calls == 1) {
                res.status = 429;
                res.set_header("Retry-After", "1");
                return;
            }
            res.status = 204;
        });
        local.start();

        testing::FakeClock clock;
        http::CurlTransport transport(fast_options(), clock);
        auto started = std::chrono::steady_clock::now();
        auto response = transport.perform_one(make_request("POST", local.url("/scores")));
        auto elapsed = std::chrono::steady_clock::now() - started;
        CHECK(response.status == 204);
        CHECK(response.attempts == 2);
        // The second waited out Retry-After on the clock, not on the wall.
        CHECK(clock.slept() >= 1s);
        CHECK(clock.slept() < 1100ms);
        CHECK(elapsed < 900ms);
    }

    TEST_CASE("Canvas's 403 Rate Limit Exceeded is retried, not returned") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Post("/scores", [&](const httplib::Request&, httplib::Response& res) {
            if (++calls == 1) {
                res.status = 403;
                res.set_content("403 Forbidden (Rate Limit Exceeded)", "text/plain");
                return;
            }
            res.set_header("X-Rate-Limit-Remaining", "650.0");
            res.set_content("{}", "application/json");
        });
        local.start();

        testing::FakeClock clock;
        http::CurlTransport transport(fast_options(), clock);
        auto response = transport.perform_one(make_request("POST", local.url("/scores")));
        CHECK(response.status == 200);
        CHECK(response.attempts == 2);
        CHECK(clock.slept() <= 20ms); // one backoff within max_backoff (full jitter: may be 0)
    }

    TEST_CASE("a plain 403 is returned at once") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Get("/secret", [&](const httplib::Request&, httplib::Response& res) {
            ++calls;
            res.status = 403;
            res.set_content("{\"errors\":[{\"message\":\"unauthorized\"}]}", "application/json");
        });
        local.start();

        http::CurlTransport transport(fast_options());
        auto response = transport.perform_one(get(local.url("/secret")));
        CHECK(response.status == 403);
        CHECK(response.attempts == 1);
        CHECK(calls == 1);
    }

    TEST_CASE("a 400's reason phrase is captured and the request is not retried") {
        RawServer raw("HTTP/1.1 400 User is not enrolled in course 12\r\n"
                      "Content-Type: application/json\r\nContent-Length: 2\r\n"
                      "Connection: close\r\n\r\n[]");
        http::CurlTransport transport(fast_options());
        auto response = transport.perform_one(make_request(
            "POST", raw.url("/mod/lti/services.php/2/lineitems/4/lineitem/scores"),
            "{\"userId\":\"u1\"}", {{"Content-Type", "application/vnd.ims.lis.v1.score+json"}}));
        CHECK(response.status == 400);
        CHECK(response.reason == "User is not enrolled in course 12");
        CHECK(response.body == "[]");
        CHECK(response.header("content-type") == "application/json");
        CHECK(response.attempts == 1);
        CHECK(raw.connections() == 1);
    }

    TEST_CASE("a connection closed without an answer is retried and may have been applied") {
        RawServer raw("");
        auto options = fast_options();
        options.retries = 2;
        testing::FakeClock clock;
        http::CurlTransport transport(options, clock);
        auto response =
            transport.perform_one(make_request("POST", raw.url("/scores"), "{\"userId\":\"u1\"}"));
        CHECK(response.status == 0);
        CHECK_FALSE(response.transport_error.empty());
        CHECK(response.attempts == 3);
        CHECK(response.may_have_been_applied);
        CHECK(raw.connections() == 3);
    }

    TEST_CASE("connection refused is retried and never counts as applied") {
        int fd = listening_socket(0); // bound, not listening: connecting is refused
        auto options = fast_options();
        options.retries = 2;
        testing::FakeClock clock;
        http::CurlTransport transport(options, clock);
        auto response = transport.perform_one(
            make_request("POST", fmt::format("http://127.0.0.1:{}/scores", port_of(fd))));
        close(fd);
        CHECK(response.status == 0);
        CHECK(response.transport_error.find("could not connect") != std::string::npos);
        CHECK(response.attempts == 3);
        CHECK_FALSE(response.may_have_been_applied);
    }

    TEST_CASE("by default a request and its retries get 60 s, a connection 10 s") {
        http::TransportOptions defaults;
        CHECK(defaults.request_timeout == 60s);
        CHECK(defaults.connect_timeout == 10s);
    }

    TEST_CASE("request_timeout bounds a request and its retries together") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Post("/slow", [&](const httplib::Request&, httplib::Response& res) {
            ++calls;
            std::this_thread::sleep_for(1500ms);
            res.status = 200;
        });
        local.start();

        auto options = fast_options();
        options.retries = 5;
        options.request_timeout = 300ms;
        // The system clock: the budget is spent in libcurl's timeouts, which run on real time.
        http::CurlTransport transport(options);
        auto started = std::chrono::steady_clock::now();
        auto response = transport.perform_one(make_request("POST", local.url("/slow")));
        auto elapsed = std::chrono::steady_clock::now() - started;
        CHECK(response.status == 0);
        CHECK(response.transport_error.find("timed out") != std::string::npos);
        CHECK(response.transport_error.find("--timeout") != std::string::npos);
        CHECK(response.attempts == 1);
        CHECK(response.may_have_been_applied);
        // Six sends of 300 ms each would take 1.8 s and more.
        CHECK(elapsed < 1200ms);
    }

    TEST_CASE("failures that end fast are retried within the budget") {
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
            res.status = ++calls < 3 ? 503 : 200;
        });
        local.start();
        auto options = fast_options();
        options.retries = 5;
        options.request_timeout = 5s;
        testing::FakeClock clock;
        http::CurlTransport transport(options, clock);
        auto response = transport.perform_one(make_request("GET", local.url("/flaky")));
        CHECK(response.status == 200);
        CHECK(response.attempts == 3);
    }

    TEST_CASE("an oversized header or body is refused with its own message, not retried") {
        LocalServer local;
        local.server().Get("/big-header", [](const httplib::Request&, httplib::Response& res) {
            for (int i = 0; i < 40; ++i)
                res.set_header("X-Filler-" + std::to_string(i), std::string(2000, 'x'));
            res.set_content("[]", "application/json");
        });
        local.server().Get("/huge-header", [](const httplib::Request&, httplib::Response& res) {
            res.set_header("X-Filler", std::string(200'000, 'x'));
            res.set_content("[]", "application/json");
        });
        local.start();
        auto options = fast_options();
        options.retries = 3;
        http::CurlTransport transport(options);

        auto many = transport.perform_one(make_request("GET", local.url("/big-header")));
        CHECK(many.status == 0);
        CHECK(many.transport_error.find("headers are larger than 64 KiB") != std::string::npos);
        CHECK(many.attempts == 1);

        auto one = transport.perform_one(make_request("GET", local.url("/huge-header")));
        CHECK(one.status == 0);
        CHECK(one.transport_error.find("too large") != std::string::npos);
        CHECK(one.transport_error.starts_with("the response"));
        CHECK(one.attempts == 1);
    }

    TEST_CASE("100 requests at concurrency 8: never more than 8 at once, all answered in order") {
        LocalServer local;
        std::atomic<int> current{0};
        std::atomic<int> most{0};
        local.server().Post(
            R"(/scores/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
                int now = ++current;
                for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);)
                    ;
                std::this_thread::sleep_for(5ms);
                --current;
                res.set_content(std::string(req.matches[1]) + ":" + req.body, "text/plain");
            });
        local.start();

        auto options = fast_options();
        options.concurrency = 8;
        http::CurlTransport transport(options);
        std::vector<http::Request> requests;
        for (int i = 0; i < 100; ++i)
            requests.push_back(make_request("POST", local.url(fmt::format("/scores/{}", i)),
                                            fmt::format("body{}", i),
                                            {{"Content-Type", "text/plain"}}));

        std::vector<std::size_t> done;
        auto caller = std::this_thread::get_id();
        bool on_caller_thread = true;
        auto responses = transport.perform(requests, [&](std::size_t index, const http::Response&) {
            done.push_back(index);
            on_caller_thread = on_caller_thread && std::this_thread::get_id() == caller;
        });

        REQUIRE(responses.size() == 100);
        for (int i = 0; i < 100; ++i) {
            CAPTURE(i);
            CHECK(responses[i].status == 200);
            CHECK(responses[i].body == fmt::format("{}:body{}", i, i));
        }
        CHECK(most <= 8);
        CHECK(most > 1);
        CHECK(done.size() == 100);
        CHECK(std::set<std::size_t>(done.begin(), done.end()).size() == 100);
        CHECK(on_caller_thread);
    }

    TEST_CASE("connections are reused across perform() calls") {
        LocalServer local;
        std::mutex mutex;
        std::set<int> client_ports;
        local.server().Get("/ping", [&](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex);
            client_ports.insert(req.remote_port);
            res.set_content("pong", "text/plain");
        });
        local.start();

        auto options = fast_options();
        options.concurrency = 1;
        http::CurlTransport transport(options);
        for (int i = 0; i < 5; ++i)
            CHECK(transport.perform_one(get(local.url("/ping"))).status == 200);
        std::vector<http::Request> batch(5, get(local.url("/ping")));
        for (const auto& response : transport.perform(batch))
            CHECK(response.status == 200);
        CHECK(client_ports.size() == 1);
    }

    TEST_CASE("headers go out as given and repeated response headers are all kept") {
        LocalServer local;
        local.server().Put("/items/1", [&](const httplib::Request& req, httplib::Response& res) {
            res.set_header("X-Seen-Authorization", req.get_header_value("Authorization"));
            res.set_header("X-Seen-Accept", req.get_header_value("Accept"));
            res.set_header("Link", "<https://lms.example/items?page=2>; rel=\"next\"");
            res.set_header("Link", "<https://lms.example/items?page=9>; rel=\"last\"");
            res.set_content(req.method + " " + req.body, "text/plain");
        });
        local.server().Delete("/items/1", [&](const httplib::Request& req, httplib::Response& res) {
            res.status = 204;
            res.set_header("X-Method", req.method);
            res.set_header("X-Had-Content-Type", req.has_header("Content-Type") ? "yes" : "no");
        });
        local.start();

        http::CurlTransport transport(fast_options());
        auto response = transport.perform_one(
            make_request("PUT", local.url("/items/1"), "{\"label\":\"Quiz\"}",
                         {{"Authorization", "Bearer abc.def.ghi"},
                          {"Accept", "application/vnd.ims.lis.v2.lineitem+json"},
                          {"Content-Type", "application/vnd.ims.lis.v2.lineitem+json"}}));
        CHECK(response.status == 200);
        CHECK(response.body == "PUT {\"label\":\"Quiz\"}");
        CHECK(response.header("x-seen-authorization") == "Bearer abc.def.ghi");
        CHECK(response.header("X-Seen-Accept") == "application/vnd.ims.lis.v2.lineitem+json");
        int links = 0;
        for (const auto& [name, value] : response.headers)
            links += name == "Link";
        CHECK(links == 2);
        CHECK(response.header("link") == "<https://lms.example/items?page=9>; rel=\"last\"");

        auto deleted = transport.perform_one(make_request("DELETE", local.url("/items/1")));
        CHECK(deleted.status == 204);
        CHECK(deleted.header("X-Method") == "DELETE");
        CHECK(deleted.header("X-Had-Content-Type") == "no");
    }

    TEST_CASE("a redirect is data, not followed") {
        LocalServer local;
        std::atomic<int> target_calls{0};
        local.server().Get("/old", [&](const httplib::Request&, httplib::Response& res) {
            res.set_redirect("/new");
        });
        local.server().Get("/new", [&](const httplib::Request&, httplib::Response& res) {
            ++target_calls;
            res.set_content("moved here", "text/plain");
        });
        local.start();

        http::CurlTransport transport(fast_options());
        auto response = transport.perform_one(get(local.url("/old")));
        CHECK(response.status == 302);
        CHECK(response.header("Location") == "/new");
        CHECK(target_calls == 0);
    }

    TEST_CASE("a TLS failure is not retried and says what to check") {
        LocalServer local; // plain HTTP: the TLS handshake cannot succeed
        std::atomic<int> calls{0};
        local.server().Get("/", [&](const httplib::Request&, httplib::Response&) { ++calls; });
        local.start();

        auto options = fast_options();
        options.connect_timeout = 30s; // loading the CA store is slow under valgrind
        http::CurlTransport transport(options);
        auto url = local.url("/");
        url.replace(0, 4, "https");
        auto response = transport.perform_one(get(url));
        CAPTURE(response.transport_error);
        CHECK(response.status == 0);
        CHECK(response.attempts == 1);
        CHECK(response.transport_error.find("TLS") != std::string::npos);
        CHECK(response.transport_error.find("--ca-file") != std::string::npos);
    }

    TEST_CASE("a malformed URL or an unsupported scheme is not retried") {
        http::CurlTransport transport(fast_options());
        for (const char* url : {"http://", "ftp://127.0.0.1/file"}) {
            CAPTURE(url);
            auto response = transport.perform_one(get(url));
            CHECK(response.status == 0);
            CHECK(response.attempts == 1);
            CHECK_FALSE(response.transport_error.empty());
        }
    }

    TEST_CASE("after an interrupt nothing is sent") {
        InterruptGuard guard;
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Post("/scores",
                            [&](const httplib::Request&, httplib::Response&) { ++calls; });
        local.start();

        util::request_interrupt();
        http::CurlTransport transport(fast_options());
        std::vector<http::Request> requests(3, make_request("POST", local.url("/scores")));
        int reported = 0;
        auto responses =
            transport.perform(requests, [&](std::size_t, const http::Response&) { ++reported; });
        REQUIRE(responses.size() == 3);
        for (const auto& response : responses) {
            CHECK(response.status == 0);
            CHECK(response.attempts == 0);
            CHECK(response.transport_error == "interrupted before sending");
            CHECK_FALSE(response.may_have_been_applied);
        }
        CHECK(reported == 3);
        CHECK(calls == 0);
    }

    TEST_CASE("an interrupt during a run lets requests in flight finish and sends nothing more") {
        InterruptGuard guard;
        LocalServer local;
        std::atomic<int> calls{0};
        local.server().Post("/scores", [&](const httplib::Request&, httplib::Response& res) {
            ++calls;
            res.status = 201;
        });
        local.start();

        auto options = fast_options();
        options.concurrency = 1;
        http::CurlTransport transport(options);
        std::vector<http::Request> requests(4, make_request("POST", local.url("/scores")));
        auto responses = transport.perform(requests, [&](std::size_t index, const http::Response&) {
            if (index == 0)
                util::request_interrupt();
        });
        CHECK(responses[0].status == 201);
        for (std::size_t i = 1; i < responses.size(); ++i) {
            CHECK(responses[i].status == 0);
            CHECK(responses[i].attempts == 0);
        }
        CHECK(calls == 1);
    }

    TEST_CASE("an exception from on_done leaves the transport usable") {
        LocalServer local;
        local.server().Get("/ping", [&](const httplib::Request&, httplib::Response& res) {
            res.set_content("pong", "text/plain");
        });
        local.start();

        http::CurlTransport transport(fast_options());
        std::vector<http::Request> requests(6, get(local.url("/ping")));
        CHECK_THROWS_AS(transport.perform(requests,
                                          [](std::size_t, const http::Response&) {
                                              throw std::runtime_error("stop");
                                          }),
                        std::runtime_error);
        auto responses = transport.perform(requests);
        for (const auto& response : responses)
            CHECK(response.body == "pong");
    }
}
