#include "util/spilling_array.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <thread>
#include <utility>
#include <vector>

using gradepost::util::SpillingArray;

namespace {

struct Range {
    std::uint64_t first = 0;
    std::vector<std::uint64_t> values;
};

// Ranges of 0 to 40 values, each value unique, appended in turn.
std::vector<Range> append_ranges(SpillingArray<std::uint64_t>& array, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::vector<Range> ranges;
    std::uint64_t next = 1;
    for (int i = 0; i < 2'000; ++i) {
        Range range;
        range.values.resize(random() % 41);
        for (auto& value : range.values)
            value = next++ * 0x9E3779B97F4A7C15ull;
        range.first = array.append(range.values);
        ranges.push_back(std::move(range));
    }
    return ranges;
}

} // namespace

TEST_SUITE("util::spilling_array") {
    TEST_CASE("every range reads back as appended, from memory or from the file") {
        for (std::size_t capacity : {1, 7, 40, 1'000, 1'000'000}) {
            CAPTURE(capacity);
            SpillingArray<std::uint64_t> array(capacity);
            auto ranges = append_ranges(array, static_cast<std::uint32_t>(capacity));
            CHECK(array.has_spilled() == (capacity < array.size()));
            std::uint64_t expected_first = 0;
            for (const auto& range : ranges) {
                CHECK(range.first == expected_first);
                expected_first += range.values.size();
                CHECK(array.read(range.first, range.values.size()) == range.values);
            }
            CHECK(array.size() == expected_first);
        }
    }

    TEST_CASE("a read across the file and memory joins both, and reads run from threads") {
        SpillingArray<std::uint64_t> array(10);
        std::vector<std::uint64_t> all;
        for (std::uint64_t i = 0; i < 95; ++i) {
            std::vector<std::uint64_t> one{i * 3};
            array.append(one);
            all.push_back(i * 3);
        }
        REQUIRE(array.has_spilled());
        CHECK(array.read(0, all.size()) == all);
        CHECK(array.read(85, 10) == std::vector<std::uint64_t>(all.begin() + 85, all.end()));

        std::vector<std::thread> readers;
        std::vector<int> mismatches(4, 0);
        for (std::size_t t = 0; t < 4; ++t) {
            readers.emplace_back([&, t] {
                for (std::uint64_t first = t; first + 5 <= all.size(); first += 4)
                    if (array.read(first, 5) !=
                        std::vector<std::uint64_t>(all.begin() + static_cast<long>(first),
                                                   all.begin() + static_cast<long>(first) + 5))
                        ++mismatches[t];
            });
        }
        for (auto& reader : readers)
            reader.join();
        CHECK(mismatches == std::vector<int>(4, 0));
    }

    TEST_CASE("a range larger than the buffer is kept whole") {
        SpillingArray<std::uint64_t> array(4);
        std::vector<std::uint64_t> small{1, 2}, large{3, 4, 5, 6, 7, 8, 9}, after{10};
        CHECK(array.append(small) == 0);
        CHECK(array.append(large) == 2);
        CHECK(array.append(after) == 9);
        CHECK(array.read(2, large.size()) == large);
        CHECK(array.read(9, 1) == after);
        CHECK(array.read(0, 2) == small);
    }
}
