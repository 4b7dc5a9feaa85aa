// Times the ledger's group commit: journal N scores as pending, then record N answers,
// each as the one transaction a post run makes per chunk. Run by scripts/bench.
#include "state/ledger.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace gradepost;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_ledger LEDGER_FILE COUNT\n");
        return 2;
    }
    std::filesystem::path path = argv[1];
    std::size_t count = std::stoul(argv[2]);
    std::filesystem::remove(path);
    auto ledger = state::Ledger::open(path);
    state::Target target{"https://lms.example/token client", "https://lms.example/items/1"};

    std::vector<state::PendingScore> pending;
    std::vector<state::PostResult> results;
    for (std::size_t i = 0; i < count; ++i) {
        model::SentScore score;
        score.given = static_cast<double>(i % 20);
        score.maximum = 20;
        score.attempt_keys = std::vector{model::parse_attempt_key("id:" + std::to_string(i))};
        score.timestamp = model::Timestamp{std::chrono::seconds{1'790'000'000 + i}};
        pending.push_back({"user-" + std::to_string(i), score});
        results.push_back({"user-" + std::to_string(i), i % 50 != 0, i % 50 ? 200 : 422,
                           i % 50 ? "" : "user not found in course"});
    }

    // Chunks of 500, as batch::execute sends them.
    constexpr std::size_t chunk = 500;
    auto start = std::chrono::steady_clock::now();
    for (std::size_t at = 0; at < count; at += chunk) {
        auto size = std::min(chunk, count - at);
        ledger.mark_pending(target, {pending.data() + at, size});
        ledger.record_results(target, {results.data() + at, size});
    }
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    std::printf("%zu scores journaled and recorded in %.3f s (%.0f scores/s), chunks of %zu\n",
                count, elapsed.count(), count / elapsed.count(), chunk);
    auto entries = ledger.entries(target);
    return entries.size() == count ? 0 : 1;
}
