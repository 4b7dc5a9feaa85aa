#include "util/change_notifier.hpp"

#include "support/scratch_dir.hpp"
#include "util/interrupt.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

using gradepost::testing::ScratchDir;
using gradepost::util::ChangeNotifier;
using namespace std::chrono_literals;

TEST_SUITE("util::change_notifier") {
    TEST_CASE("a file created in a watched directory wakes the wait before its timeout") {
        ScratchDir dir;
        ChangeNotifier notifier(dir.path());
        REQUIRE(notifier.is_notified());
        CHECK_FALSE(notifier.wait(50ms)); // nothing yet: the timeout

        std::thread writer([&] {
            std::this_thread::sleep_for(100ms);
            std::ofstream(dir / "week3.csv") << "user_id,score\n1001,8\n";
        });
        auto start = std::chrono::steady_clock::now();
        bool changed = notifier.wait(10s);
        auto waited = std::chrono::steady_clock::now() - start;
        writer.join();
        CHECK(changed);
        CHECK(waited < 5s);
    }

    TEST_CASE("a watched file is watched through its directory: appends and replacements") {
        ScratchDir dir;
        std::ofstream(dir / "week3.csv") << "user_id,score\n";
        ChangeNotifier notifier(dir / "week3.csv");
        std::ofstream(dir / "week3.csv", std::ios::app) << "1001,8\n";
        CHECK(notifier.wait(5s));
        CHECK_FALSE(notifier.wait(50ms)); // the events were all read
        std::ofstream(dir / "next.tmp") << "user_id,score\n1002,9\n";
        std::filesystem::rename(dir / "next.tmp", dir / "week3.csv");
        CHECK(notifier.wait(5s));
    }

    TEST_CASE("files that are not exports wake nothing: the ledger beside them, a temp file") {
        ScratchDir dir;
        ChangeNotifier notifier(dir.path());
        std::ofstream(dir / "state.db") << "ledger";
        std::ofstream(dir / "export.tmp") << "half";
        CHECK_FALSE(notifier.wait(300ms));
        std::filesystem::rename(dir / "export.tmp", dir / "week3.csv");
        CHECK(notifier.wait(5s));
    }

    TEST_CASE("an interrupt ends the wait early, reporting no change") {
        ScratchDir dir;
        ChangeNotifier notifier(dir.path());
        gradepost::util::request_interrupt();
        auto start = std::chrono::steady_clock::now();
        CHECK_FALSE(notifier.wait(10s));
        CHECK(std::chrono::steady_clock::now() - start < 1s);
        gradepost::util::clear_interrupt();
    }
}
