#include "report/progress.hpp"
#include "support/captured_stderr.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <thread>

using gradepost::report::Progress;

namespace {

// A temporary file standing in for stderr; contents() reads back what was written.
class Sink {
public:
    Sink() : m_file(std::tmpfile()) { REQUIRE(m_file != nullptr); }
    ~Sink() { std::fclose(m_file); }
    Sink(const Sink&) = delete;
    Sink& operator=(const Sink&) = delete;
    std::FILE* file() const { return m_file; }
    std::string contents() const {
        std::fflush(m_file);
        std::string text;
        std::rewind(m_file);
        char buffer[4096];
        while (std::size_t n = std::fread(buffer, 1, sizeof buffer, m_file))
            text.append(buffer, n);
        return text;
    }

private:
    std::FILE* m_file;
};

} // namespace

TEST_SUITE("report::progress") {

    TEST_CASE("a disabled progress bar writes nothing") {
        Sink sink;
        {
            Progress progress("posting", 300, false, sink.file());
            for (int i = 0; i < 300; ++i)
                progress.advance();
            progress.finish();
        }
        CHECK(sink.contents().empty());
    }

    TEST_CASE("a disabled progress bar on the real stderr writes nothing") {
        gradepost::testing::CapturedStderr captured;
        {
            Progress progress("posting", 3, false);
            progress.advance(3);
        }
        CHECK(captured.text().empty());
    }

    TEST_CASE("an enabled bar draws label, bar and count, and clears the line at the end") {
        Sink sink;
        {
            Progress progress("posting", 4, true, sink.file());
            std::string first = sink.contents();
            CHECK(first == "\r\x1b[Kposting [>                             ] 0/4");
            std::this_thread::sleep_for(std::chrono::milliseconds(110));
            progress.advance(2);
            std::string second = sink.contents().substr(first.size());
            CHECK(second.rfind("\r\x1b[Kposting [===============>              ] 2/4  ", 0) == 0);
            CHECK(second.find("/s") != std::string::npos);
            progress.finish();
            CHECK(sink.contents().substr(sink.contents().size() - 4) == "\r\x1b[K");
        }
    }

    TEST_CASE("redraws are limited to ten a second") {
        Sink sink;
        Progress progress("posting", 1000, true, sink.file());
        for (int i = 0; i < 1000; ++i)
            progress.advance();
        std::string text = sink.contents();
        std::size_t draws = 0;
        for (auto at = text.find("posting"); at != std::string::npos;
             at = text.find("posting", at + 1))
            ++draws;
        CHECK(draws <= 2);
    }

    TEST_CASE("a full bar has no arrow head and finish is idempotent") {
        Sink sink;
        Progress progress("posting", 2, true, sink.file());
        std::this_thread::sleep_for(std::chrono::milliseconds(110));
        progress.advance(2);
        CHECK(sink.contents().find("[==============================] 2/2") != std::string::npos);
        progress.finish();
        std::size_t size = sink.contents().size();
        progress.finish();
        progress.advance();
        CHECK(sink.contents().size() == size);
    }

    TEST_CASE("the line gives the rate and the time left at that rate") {
        using gradepost::report::progress_line;
        CHECK(progress_line("posting", 0, 300, 0) ==
              "posting [>                             ] 0/300");
        // 100 done in 10 s: 10/s, 200 left → 20 s.
        CHECK(progress_line("posting", 100, 300, 10) ==
              "posting [==========>                   ] 100/300  10.0/s  ETA 0:20");
        // 3,000 students at 2 a second: 25 minutes; hours when it comes to that.
        CHECK(progress_line("posting", 0 + 1, 3001, 0.5).ends_with("ETA 25:00"));
        CHECK(progress_line("posting", 1, 10001, 1).ends_with("ETA 2:46:40"));
        // A fraction of a second left still says something is left.
        CHECK(progress_line("posting", 299, 300, 299 * 0.01).ends_with("ETA 0:01"));
        // Done: no ETA.
        CHECK(progress_line("posting", 300, 300, 30) ==
              "posting [==============================] 300/300  10.0/s");
    }

    TEST_CASE("a drawn bar carries the ETA") {
        Sink sink;
        Progress progress("posting", 100, true, sink.file());
        std::this_thread::sleep_for(std::chrono::milliseconds(110));
        progress.advance(10);
        CHECK(sink.contents().find("  ETA 0:") != std::string::npos);
    }
}
