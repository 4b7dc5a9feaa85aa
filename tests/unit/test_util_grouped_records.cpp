#include "util/grouped_records.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

using gradepost::util::GroupedRecords;

namespace {

struct Record {
    std::uint32_t group = 0;
    std::uint32_t sequence = 0;
    double payload = 0;
};

using Groups = std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>>;

Groups read_back(const GroupedRecords<Record, &Record::group>& records) {
    Groups groups;
    records.for_each_group([&](std::uint32_t group, std::span<const Record> members) {
        std::vector<std::uint32_t> sequences;
        for (const Record& record : members) {
            CHECK(record.group == group);
            CHECK(record.payload == record.sequence * 0.5);
            sequences.push_back(record.sequence);
        }
        groups.emplace_back(group, std::move(sequences));
    });
    return groups;
}

} // namespace

TEST_SUITE("util::grouped_records") {
    TEST_CASE("groups come back in ascending order, each one's records in the order added") {
        std::mt19937 random(11);
        for (std::size_t in_memory : {1, 3, 7, 64, 1000, 100'000}) {
            GroupedRecords<Record, &Record::group> records(in_memory);
            // Expected: a plain grouping in memory.
            std::vector<std::vector<std::uint32_t>> expected(37);
            for (std::uint32_t sequence = 0; sequence < 5000; ++sequence) {
                auto group = static_cast<std::uint32_t>(random() % 37);
                if (group == 5)
                    group = 36; // group 5 never has a record: it is not visited
                records.push_back({group, sequence, sequence * 0.5});
                expected[group].push_back(sequence);
            }
            CHECK(records.size() == 5000);
            CHECK(records.has_spilled() == (in_memory < 5000));
            Groups wanted;
            for (std::uint32_t group = 0; group < expected.size(); ++group)
                if (!expected[group].empty())
                    wanted.emplace_back(group, expected[group]);
            CAPTURE(in_memory);
            CHECK(read_back(records) == wanted);
            CHECK(read_back(records) == wanted); // read twice: nothing is consumed
        }
    }

    TEST_CASE("until it spills, the records are in memory in the order added") {
        GroupedRecords<Record, &Record::group> records(4);
        for (std::uint32_t sequence = 0; sequence < 4; ++sequence)
            records.push_back({3 - sequence, sequence, sequence * 0.5});
        REQUIRE_FALSE(records.has_spilled());
        REQUIRE(records.in_memory().size() == 4);
        CHECK(records.in_memory()[0].group == 3);
        CHECK(records.in_memory()[3].group == 0);
        records.push_back({9, 4, 2.0});
        CHECK(records.has_spilled());
        CHECK(records.in_memory().size() == 1);
        CHECK(read_back(records).size() == 5);
    }

    TEST_CASE("nothing to read when nothing was added") {
        GroupedRecords<Record, &Record::group> records(8);
        CHECK(records.empty());
        CHECK(read_back(records).empty());
    }

    TEST_CASE("a moved container keeps its records and its file") {
        GroupedRecords<Record, &Record::group> records(2);
        for (std::uint32_t sequence = 0; sequence < 9; ++sequence)
            records.push_back({sequence % 3, sequence, sequence * 0.5});
        auto before = read_back(records);
        GroupedRecords<Record, &Record::group> moved = std::move(records);
        CHECK(read_back(moved) == before);
        CHECK(before.size() == 3);
    }
}
