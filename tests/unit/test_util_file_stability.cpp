#include "util/file_stability.hpp"

#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

using gradepost::testing::ScratchDir;
using gradepost::util::FileLook;
using gradepost::util::Instant;
using gradepost::util::look_at;
using gradepost::util::StabilityTracker;
using gradepost::util::watched_files;
using namespace std::chrono_literals;

namespace {

Instant at_second(int seconds) {
    return Instant{std::chrono::seconds{seconds}};
}

} // namespace

TEST_SUITE("file stability") {
    TEST_CASE("a file is ready once it has looked the same for the settle time, once") {
        StabilityTracker tracker(2s);
        FileLook growing{100, 1};
        FileLook written{250, 2};
        CHECK_FALSE(tracker.is_ready("a.csv", growing, at_second(0)));
        CHECK_FALSE(tracker.is_ready("a.csv", written, at_second(1))); // still being written
        CHECK_FALSE(tracker.is_ready("a.csv", written, at_second(2))); // stable for 1 s only
        CHECK(tracker.is_ready("a.csv", written, at_second(3)));
        CHECK_FALSE(tracker.is_ready("a.csv", written, at_second(10))); // handed out already
    }

    TEST_CASE("a file is settling from its first look until it is handed out") {
        StabilityTracker tracker(1s);
        CHECK_FALSE(tracker.is_settling());
        CHECK_FALSE(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(0)));
        CHECK(tracker.is_settling());
        CHECK(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(1)));
        CHECK_FALSE(tracker.is_settling());
        CHECK_FALSE(tracker.is_ready("a.csv", FileLook{20, 2}, at_second(5))); // appended
        CHECK(tracker.is_settling());
        CHECK_FALSE(tracker.is_ready("a.csv", std::nullopt, at_second(6))); // removed
        CHECK_FALSE(tracker.is_settling());
    }

    TEST_CASE("an appended file is ready again after it settles") {
        StabilityTracker tracker(1s);
        CHECK_FALSE(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(0)));
        CHECK(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(1)));
        CHECK_FALSE(tracker.is_ready("a.csv", FileLook{20, 2}, at_second(2)));
        CHECK(tracker.is_ready("a.csv", FileLook{20, 2}, at_second(3)));
    }

    TEST_CASE("a file that disappears starts over") {
        StabilityTracker tracker(1s);
        CHECK_FALSE(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(0)));
        CHECK_FALSE(tracker.is_ready("a.csv", std::nullopt, at_second(1)));
        CHECK_FALSE(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(2)));
        CHECK(tracker.is_ready("a.csv", FileLook{10, 1}, at_second(3)));
    }

    TEST_CASE("looks and watched files come from the real file system") {
        ScratchDir dir;
        CHECK_FALSE(look_at(dir / "missing.csv"));
        std::ofstream(dir / "b.csv") << "user_id,score\n";
        std::ofstream(dir / "a.json") << "[]";
        std::ofstream(dir / "notes.txt") << "not an export";
        auto look = look_at(dir / "b.csv");
        REQUIRE(look);
        CHECK(look->size == 14);
        auto files = watched_files(dir.path());
        REQUIRE(files.size() == 2);
        CHECK(files[0].filename() == "a.json");
        CHECK(files[1].filename() == "b.csv");
        CHECK(watched_files(dir / "b.csv").size() == 1);
    }
}
