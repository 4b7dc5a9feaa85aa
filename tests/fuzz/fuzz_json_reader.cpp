// The JSON reader: an array of objects, an object with an "attempts" array, or NDJSON (by
// its .ndjson name, or recognised when the whole document does not parse).
#include "input/read_attempts.hpp"
#include "read_options.hpp"
#include "read_result_checks.hpp"

#include <cstddef>
#include <cstdint>

using namespace gradepost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto input = fuzz::split_reader_input(fuzz::as_text(data, size));
    std::string_view file_name = input.flags & fuzz::k_ndjson ? "fuzz.ndjson" : "fuzz.json";
    auto result = input::read_attempts(input.text, file_name, input.options);
    fuzz::check_read_result(result, input.text, file_name, input.options);
    return 0;
}
