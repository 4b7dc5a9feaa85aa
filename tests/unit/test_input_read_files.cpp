#include "input/file_text.hpp"
#include "input/read_attempts.hpp"
#include "support/error_message.hpp"
#include "support/scratch_dir.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string usage_error_of(const std::vector<std::filesystem::path>& files,
                           const input::ReadOptions& options = {}) {
    return testing::error_message_of<util::UsageError>(
        [&] { input::read_attempt_files(files, options); });
}

// What a read gave, to compare two reads: each attempt and each diagnostic on a line.
std::string summary_of(const input::ReadResult& result) {
    std::string text = std::to_string(result.rows) + " rows\n";
    for (const auto& attempt : result.attempts)
        text += attempt.user_id + " " + std::to_string(attempt.score.value_or(-1)) + " " +
                std::to_string(attempt.where.line) + " [" + attempt.comment + "]\n";
    for (const auto& error : result.errors)
        text += input::format_diagnostic(error) + "\n";
    return text;
}

} // namespace

TEST_SUITE("input::read_attempts") {

    TEST_CASE("format_diagnostic omits the column when 0 and the line when 0") {
        CHECK(input::format_diagnostic({{"a.csv", 17, 4}, "bad"}) == "a.csv:17:4: bad");
        CHECK(input::format_diagnostic({{"a.csv", 17, 0}, "bad"}) == "a.csv:17: bad");
        CHECK(input::format_diagnostic({{"a.csv", 0, 0}, "bad"}) == "a.csv: bad");
    }

    TEST_CASE("several files are read and their attempts concatenated") {
        testing::ScratchDir dir;
        write_file(dir / "a.csv", "user_id,score\nu1,5\n");
        write_file(dir / "b.json", "[{\"userId\": \"u2\", \"scoreGiven\": 6}]");
        std::vector<std::filesystem::path> files = {dir / "a.csv", dir / "b.json"};
        auto result = input::read_attempt_files(files, {});
        CHECK(result.rows == 2);
        REQUIRE(result.attempts.size() == 2);
        CHECK(result.attempts[0].where.file == (dir / "a.csv").string());
        CHECK(result.attempts[1].user_id == "u2");
    }

    TEST_CASE("an unreadable file is a usage error naming it") {
        testing::ScratchDir dir;
        auto missing = dir / "missing.csv";
        CHECK(usage_error_of({missing}) ==
              "cannot read " + missing.string() + ": No such file or directory");
        CHECK(usage_error_of({dir.path()}) ==
              "cannot read " + dir.path().string() + ": it is a directory");
    }

    TEST_CASE("bad rows throw one usage error listing every diagnostic") {
        testing::ScratchDir dir;
        write_file(dir / "a.csv", "user_id,score\nu1,abc\n,5\nu3,7\n");
        auto file = (dir / "a.csv").string();
        CHECK(usage_error_of({dir / "a.csv"}) ==
              file + ":2:2: score \"abc\" is not a number\n" + file + ":3:1: user id is missing");
    }

    TEST_CASE("--skip-invalid returns the good attempts and the diagnostics") {
        testing::ScratchDir dir;
        write_file(dir / "a.csv", "user_id,score\nu1,abc\n,5\nu3,7\n");
        input::ReadOptions options;
        options.skip_invalid = true;
        std::vector<std::filesystem::path> files = {dir / "a.csv"};
        auto result = input::read_attempt_files(files, options);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "u3");
        CHECK(result.errors.size() == 2);
        CHECK(result.rows == 3);
    }

    TEST_CASE("more than 50 diagnostics are cut with a count of the rest") {
        testing::ScratchDir dir;
        std::string text = "user_id,score\n";
        for (int i = 0; i < 60; ++i)
            text += "u" + std::to_string(i) + ",x\n";
        write_file(dir / "a.csv", text);
        std::string message = usage_error_of({dir / "a.csv"});
        CHECK(std::count(message.begin(), message.end(), '\n') == 50);
        CHECK(message.ends_with("\n... and 10 more"));
    }

    TEST_CASE("duplicates are checked across files") {
        testing::ScratchDir dir;
        write_file(dir / "a.csv", "user_id,attempt,score\nu1,1,5\nu2,1,6\n");
        write_file(dir / "b.csv", "user_id,attempt,score\nu1,1,5\nu2,1,7\n");
        std::vector<std::filesystem::path> files = {dir / "a.csv", dir / "b.csv"};
        auto message = usage_error_of(files);
        CHECK(message ==
              (dir / "b.csv").string() +
                  ":3: attempt \"1\" of user \"u2\" appears twice with different values: "
                  "score 7 here, score 6 on " +
                  (dir / "a.csv").string() + ":3");

        input::ReadOptions options;
        options.skip_invalid = true;
        auto result = input::read_attempt_files(files, options);
        REQUIRE(result.attempts.size() == 1);
        CHECK(result.attempts[0].user_id == "u1");
        CHECK(result.rows == 4);
    }

    TEST_CASE("a piece of a small file takes the room of the file, and a file that grows is "
              "read to its end") {
        testing::ScratchDir dir;
        write_file(dir / "small.csv", "user_id,score\nu1,5\n");
        input::TextFile small(dir / "small.csv");
        std::string text;
        CHECK(small.read_into(text, input::TextFile::k_piece_size));
        CHECK(text == "user_id,score\nu1,5\n");
        // Not an 8 MB piece of zeroes for 19 bytes.
        CHECK(text.capacity() < (std::size_t{1} << 20));
        CHECK_FALSE(small.read_into(text, input::TextFile::k_piece_size));

        write_file(dir / "growing.csv", "user_id,score\n");
        input::TextFile growing(dir / "growing.csv");
        std::ofstream(dir / "growing.csv", std::ios::app) << std::string(200'000, 'x');
        std::string all;
        while (growing.read_into(all, input::TextFile::k_piece_size)) {
        }
        CHECK(all.size() == 14 + 200'000);
    }

    TEST_CASE("a CSV export read in pieces gives what the whole text gives") {
        // Rows across the pieces' boundaries: a quoted comment of several CRLF lines, a
        // malformed record, and a bad score, each placed over one boundary.
        const std::size_t piece = input::TextFile::k_piece_size;
        std::string text = "\xEF\xBB\xBFuser_id,score,comment\r\n";
        std::size_t student = 0;
        // Rows of ~200 bytes up to exactly `size`, the last one padded.
        auto add_rows_to = [&](std::size_t size) {
            const std::string comment(180, 'c');
            for (; text.size() + 2 * comment.size() < size; ++student)
                text += "u" + std::to_string(student) + "," + std::to_string((student + 1) % 20) +
                        ",\"" + comment + "\"\r\n";
            std::string row = "u" + std::to_string(student++) + ",1,\"\"\r\n";
            text += row.insert(row.size() - 3, size - text.size() - row.size(), 'p');
        };
        add_rows_to(piece - 20);
        text += "u-multi,3,\"first\r\n" + std::string(40, 'x') + "\r\nlast\"\r\n";
        add_rows_to(2 * piece - 10);
        text += "u-bad,4,\"x\"y" + std::string(30, 'z') + "\r\n";
        add_rows_to(3 * piece - 5);
        text += "u-score,abc,\"spans\"\r\nu-end,5,last line";
        REQUIRE(text.substr(piece - 20, 7) == "u-multi");
        REQUIRE(text.substr(2 * piece - 10, 5) == "u-bad");
        REQUIRE(text.substr(3 * piece - 5, 7) == "u-score");
        testing::ScratchDir dir;
        write_file(dir / "big.csv", text);

        input::ReadOptions options;
        options.skip_invalid = true;
        std::vector<std::filesystem::path> files = {dir / "big.csv"};
        auto in_pieces = input::read_attempt_files(files, options);
        auto whole = input::read_attempts(text, (dir / "big.csv").string(), options);
        CHECK(in_pieces.errors.size() == 2);
        CHECK(in_pieces.attempts.size() + 1 == in_pieces.rows);
        CHECK(summary_of(in_pieces) == summary_of(whole));
    }

    TEST_CASE("what detection needs is read past the first piece when that is not enough") {
        const std::size_t piece = input::TextFile::k_piece_size;
        testing::ScratchDir dir;
        // No extension, and blank for more than a piece: the content says JSON.
        write_file(dir / "export", std::string(piece + 10, ' ') + "\n" +
                                       "[{\"userId\": \"u1\", \"scoreGiven\": 4}]");
        // A semicolon export whose second record is longer than a piece: the delimiter is
        // found from whole records.
        write_file(dir / "wide.csv",
                   "user_id;score;comment\nu2;5;\"" + std::string(piece, 'x') + ";\"\nu3;6;ok\n");
        std::vector<std::filesystem::path> files = {dir / "export", dir / "wide.csv"};
        auto result = input::read_attempt_files(files, {});
        REQUIRE(result.attempts.size() == 3);
        CHECK(result.attempts[0].user_id == "u1");
        CHECK(result.attempts[1].comment.size() == piece + 1);
        CHECK(result.attempts[2].user_id == "u3");
        CHECK(result.attempts[2].where.line == 3);
    }
}
