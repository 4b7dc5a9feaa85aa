#include "util/suggest.hpp"

#include <doctest/doctest.h>

using gradepost::util::closest_match;
using gradepost::util::edit_distance;

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
    CHECK(edit_distance("label", "label") == 0);
    CHECK(edit_distance("lable", "label") == 1);
    CHECK(edit_distance("dyr-run", "dry-run") == 1);
    CHECK(edit_distance("pots", "post") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("the closest candidate within two edits, else one the word starts") {
    std::vector<std::string> options{"--label", "--line-item", "--tag", "--keep"};
    CHECK(closest_match("--lable", options) == "--label");
    CHECK(closest_match("--line", options) == "--line-item");
    CHECK(closest_match("--colour", options) == std::nullopt);
    std::vector<std::string> commands{"post", "dry-run", "diff", "doctor"};
    CHECK(closest_match("dyr-run", commands) == "dry-run");
    CHECK(closest_match("doc", commands) == "doctor");
    CHECK(closest_match("zzzzzz", commands) == std::nullopt);
    CHECK(closest_match("-x", {"-h", "-q"}) == std::nullopt); // two letters: one edit is too many
}
