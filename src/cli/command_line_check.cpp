#include "cli/command_line_check.hpp"

#include "util/error.hpp"
#include "util/suggest.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cctype>
#include <string_view>
#include <vector>

namespace gradepost::cli {

namespace {

bool is_number(std::string_view token) {
    return token.size() > 1 && token[0] == '-' &&
           (std::isdigit(static_cast<unsigned char>(token[1])) || token[1] == '.');
}

bool is_option(std::string_view token) {
    return token.size() > 1 && token[0] == '-' && !is_number(token);
}

// The option `name` ("--label" or "-q") of the command or, as options fall through, of the
// commands it is under.
const CLI::Option* find_option(const CLI::App* command, std::string_view name) {
    for (; command != nullptr; command = command->get_parent())
        for (const auto* option : command->get_options())
            if (option->check_name(std::string(name)))
                return option;
    return nullptr;
}

std::vector<std::string> option_names(const CLI::App* command) {
    std::vector<std::string> names;
    for (; command != nullptr; command = command->get_parent())
        for (const auto* option : command->get_options()) {
            for (const auto& name : option->get_lnames())
                names.push_back("--" + name);
            for (const auto& name : option->get_snames())
                names.push_back("-" + name);
        }
    return names;
}

bool has_positionals(const CLI::App& command) {
    for (const auto* option : command.get_options())
        if (option->get_positional())
            return true;
    return false;
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& command) {
    return command.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
}

std::string command_path(const CLI::App* command) {
    std::string path;
    for (; command->get_parent() != nullptr; command = command->get_parent())
        path = command->get_name() + (path.empty() ? "" : " " + path);
    return path;
}

[[noreturn]] void throw_unknown(std::string_view what, std::string_view prefix,
                                std::string_view word, const std::vector<std::string>& candidates) {
    auto match = util::closest_match(word, candidates);
    throw util::UsageError(
        match
            ? fmt::format("unknown {} {}{}; did you mean {}{}?", what, prefix, word, prefix, *match)
            : fmt::format("unknown {} {}{}; see gradepost {}--help", what, prefix, word, prefix));
}

} // namespace

void check_command_line(const CLI::App& app, int argc, const char* const* argv) {
    std::vector<std::string_view> tokens(argv + 1, argv + argc);
    for (auto token : tokens)
        if (token == "--help" || token == "-h" || token == "--version")
            return; // CLI11 shows the help of what is known so far
    const CLI::App* command = &app;
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        auto token = tokens[at];
        if (token == "--")
            return;
        if (is_option(token)) {
            bool is_long = token.starts_with("--");
            auto equals = token.find('=');
            auto name = is_long ? token.substr(0, equals) : token.substr(0, 2);
            const auto* option = find_option(command, name);
            if (option == nullptr)
                throw_unknown("option", "", name, option_names(command));
            bool value_attached = is_long ? equals != std::string_view::npos : token.size() > 2;
            if (option->get_items_expected_max() > 0 && !value_attached)
                ++at; // its value, whatever it looks like
            continue;
        }
        auto subcommands = subcommands_of(*command);
        if (subcommands.empty() || has_positionals(*command))
            continue; // an argument of the command
        const CLI::App* sub = nullptr;
        std::vector<std::string> names;
        for (const auto* candidate : subcommands) {
            names.push_back(candidate->get_name());
            if (candidate->check_name(std::string(token)))
                sub = candidate;
        }
        if (sub == nullptr) {
            auto path = command_path(command);
            throw_unknown("command", path.empty() ? "" : path + " ", token, names);
        }
        command = sub;
    }
    // "gradepost state" alone: name the commands it takes (the root's error says --help).
    if (command != &app && command->get_require_subcommand_min() > 0) {
        std::string names;
        for (const auto* sub : subcommands_of(*command))
            names += (names.empty() ? "" : "|") + sub->get_name();
        throw util::UsageError(
            fmt::format("which command? gradepost {} {}", command_path(command), names));
    }
}

std::string describe_parse_error(const CLI::ParseError& error) {
    std::string_view message = error.what();
    constexpr std::string_view k_missing_file = "File does not exist: ";
    if (auto at = message.find(k_missing_file); at != std::string_view::npos)
        return fmt::format("{}: no such file", message.substr(at + k_missing_file.size()));
    if (message.starts_with("A subcommand is required"))
        return "which command? see gradepost --help";
    return std::string(message);
}

} // namespace gradepost::cli
