#include "http/curl_transport.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include "sandbox/httplib.hpp"

#include <atomic>
#include <cstdlib>
#include <thread>

using namespace gradepost;
using namespace std::chrono_literals;

TEST_CASE("bench" * doctest::skip()) {
    httplib::Server server;
    server.new_task_queue = [] { return new httplib::ThreadPool(40); };
    server.set_keep_alive_max_count(100000);
    server.set_tcp_nodelay(std::getenv("NODELAY") != nullptr);
    std::atomic<int> current{0}, most{0};
    int sleep_ms = std::getenv("SLEEP") ? std::atoi(std::getenv("SLEEP")) : 0;
    server.Post("/scores", [&](const httplib::Request& req, httplib::Response& res) {
        int now = ++current;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);)
            ;
        if (sleep_ms) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
        --current;
        res.set_content(req.body, "application/json");
    });
    int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(1ms);

    int count = std::getenv("COUNT") ? std::atoi(std::getenv("COUNT")) : 5000;
    int concurrency = std::getenv("CONC") ? std::atoi(std::getenv("CONC")) : 16;
    http::TransportOptions options;
    options.concurrency = concurrency;
    http::CurlTransport transport(options);
    std::vector<http::Request> requests;
    for (int i = 0; i < count; ++i) {
        http::Request request;
        request.method = "POST";
        request.url = fmt::format("http://127.0.0.1:{}/scores", port);
        request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer x"}};
        if (std::getenv("IDENTITY")) request.headers.emplace_back("Accept-Encoding", "identity");
        request.body = fmt::format("{{\"userId\":\"u{}\",\"scoreGiven\":{}}}", i, i % 20);
        requests.push_back(request);
    }
    auto started = std::chrono::steady_clock::now();
    auto responses = transport.perform(requests);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    int ok = 0;
    for (auto& r : responses) ok += r.status == 200;
    fmt::print("{} requests, concurrency {}, {} ok, max seen {}, {:.3f} s, {:.0f} req/s\n", count,
               concurrency, ok, most.load(), seconds, count / seconds);
    server.stop();
    thread.join();
}
