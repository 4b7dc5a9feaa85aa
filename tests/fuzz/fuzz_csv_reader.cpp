// The CSV readers: an attempt export (read_attempts with a .csv name) and a roster
// (read_roster), which share libcsv's record splitting, delimiter detection and header
// matching.
#include "check.hpp"
#include "input/read_attempts.hpp"
#include "input/read_roster.hpp"
#include "read_options.hpp"
#include "read_result_checks.hpp"
#include "util/error.hpp"

#include <cstddef>
#include <cstdint>

using namespace gradepost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto input = fuzz::split_reader_input(fuzz::as_text(data, size));
    auto result = input::read_attempts(input.text, "fuzz.csv", input.options);
    fuzz::check_read_result(result, input.text, "fuzz.csv", input.options);

    // A bad roster is a UsageError naming file:line; anything else escaping is a bug.
    try {
        auto roster = input::read_roster(input.text, "roster.csv");
        for (const auto& member : roster)
            fuzz::check(!member.user_id.empty(), "roster member has a user id");
    } catch (const util::UsageError& error) {
        fuzz::check(input::is_valid_utf8(error.what()), "roster error is valid UTF-8");
    }
    return 0;
}
