#include "cli/grouped_report_output.hpp"
#include "cli/line_item_parts.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace gradepost;

namespace {

std::string sample(const std::string& name) {
    return (std::filesystem::path(GRADEPOST_SOURCE_DIR) / "samples" / name).string();
}

cli::InputOptions gradebook(const std::string& name) {
    cli::InputOptions input;
    input.files = {sample(name)};
    input.maps = {"user=ID"};
    return input;
}

std::vector<std::string> labels_of(const std::vector<cli::LineItemPart>& parts) {
    std::vector<std::string> labels;
    for (const auto& part : parts)
        labels.push_back(part.label);
    return labels;
}

model::LineItemRun run_exiting(int exit_code) {
    model::LineItemRun run;
    run.exit_code = exit_code;
    return run;
}

} // namespace

TEST_SUITE("cli::line_item_parts") {
    TEST_CASE("not wide: the run itself, one part, labelled by its line item") {
        cli::LineItemChoice line_item;
        line_item.label = "Week 3";
        auto parts = cli::line_item_parts(gradebook("canvas-gradebook.csv"), line_item, false, {});
        REQUIRE(parts.size() == 1);
        CHECK(parts[0].label == "Week 3");
        CHECK(parts[0].input.maps == std::vector<std::string>{"user=ID"});
    }

    TEST_CASE("wide Canvas: a part per assignment column, its score column and its maximum") {
        auto parts = cli::line_item_parts(gradebook("canvas-gradebook.csv"), {}, true, {});
        CHECK(labels_of(parts) == std::vector<std::string>{"Quiz 1", "Essay"});
        CHECK(parts[0].input.maps == std::vector<std::string>{"user=ID", "score=Quiz 1 (123)"});
        CHECK(parts[0].line_item.label == "Quiz 1");
        CHECK(parts[0].line_item.maximum == 10.0);
        CHECK(parts[1].line_item.maximum == 20.0);
    }

    TEST_CASE("wide Moodle: the grade items, without the course total") {
        auto parts = cli::line_item_parts(gradebook("moodle-gradebook.csv"), {}, true, {});
        CHECK(labels_of(parts) == std::vector<std::string>{"Week 1", "Week 2", "Essay"});
        // No maximum in the export: each column is out of its line item's.
        CHECK(parts[0].needs_line_item_maximum);
        auto with_max = gradebook("moodle-gradebook.csv");
        with_max.maximum = 10.0;
        CHECK_FALSE(cli::line_item_parts(with_max, {}, true, {})[0].needs_line_item_maximum);
        CHECK_FALSE(cli::line_item_parts(gradebook("canvas-gradebook.csv"), {}, true, {})[0]
                        .needs_line_item_maximum);
    }

    TEST_CASE("--max wins over the gradebook's maxima for --create") {
        cli::LineItemChoice line_item;
        line_item.create = true;
        line_item.maximum = 50.0;
        auto parts =
            cli::line_item_parts(gradebook("canvas-gradebook.csv"), line_item, true, {"Essay"});
        REQUIRE(parts.size() == 1);
        CHECK(parts[0].line_item.create);
        CHECK(parts[0].line_item.maximum == 50.0);
    }

    TEST_CASE("--columns chooses columns in its order, by label or header") {
        auto parts = cli::line_item_parts(gradebook("canvas-gradebook.csv"), {}, true,
                                          {"Essay", "Quiz 1 (123)"});
        CHECK(labels_of(parts) == std::vector<std::string>{"Essay", "Quiz 1"});
    }

    TEST_CASE("what cannot be meant is a usage error") {
        cli::LineItemChoice labelled;
        labelled.label = "Week 3";
        CHECK_THROWS_AS(cli::line_item_parts(gradebook("canvas-gradebook.csv"), labelled, true, {}),
                        util::UsageError);
        CHECK_THROWS_AS(
            cli::line_item_parts(gradebook("canvas-gradebook.csv"), {}, false, {"Essay"}),
            util::UsageError);
        CHECK_THROWS_AS(
            cli::line_item_parts(gradebook("canvas-gradebook.csv"), {}, true, {"Final exam"}),
            util::UsageError);
    }

    TEST_CASE("a bad cell in any column is found before anything is contacted") {
        CHECK_NOTHROW(cli::check_line_item_parts(
            cli::line_item_parts(gradebook("canvas-gradebook.csv"), {}, true, {})));
        auto input = gradebook("canvas-gradebook.csv");
        input.maps.push_back("comment=Section"); // fine
        input.maps.push_back("max=Student");     // a name is no maximum
        CHECK_THROWS_AS(cli::check_line_item_parts(cli::line_item_parts(input, {}, true, {})),
                        util::UsageError);
    }
}

TEST_SUITE("cli::worst_exit_code") {
    TEST_CASE("configuration, then unreachable, bad input, locked, some failed, ok") {
        CHECK(cli::worst_exit_code({run_exiting(0), run_exiting(1), run_exiting(4)}, false) == 4);
        CHECK(cli::worst_exit_code({run_exiting(4), run_exiting(2)}, false) == 2);
        CHECK(cli::worst_exit_code({run_exiting(2), run_exiting(5)}, false) == 5);
        CHECK(cli::worst_exit_code({run_exiting(5), run_exiting(3), run_exiting(1)}, false) == 3);
        CHECK(cli::worst_exit_code({run_exiting(0), run_exiting(0)}, false) == 0);
        CHECK(cli::worst_exit_code({}, false) == 0);
        CHECK(cli::worst_exit_code({run_exiting(0)}, true) == 130);
    }
}
