#pragma once

#include <string>

namespace CLI {
class App;
class ParseError;
} // namespace CLI

namespace gradepost::cli {

// Looks at the command line before CLI11 parses it, so a mistyped option or command is named
// as such (CLI11 would otherwise take "--lable" for an extra and fail later on its value).
// Throws util::UsageError "unknown option --lable; did you mean --label?" or "unknown command
// dyr-run; did you mean dry-run?", or "which command? gradepost state show|forget|adopt" for
// a command that needs one. A command line asking for --help or --version passes.
void check_command_line(const CLI::App& app, int argc, const char* const* argv);

// A CLI11 parse error said in plain words, for "gradepost: error: <message>".
std::string describe_parse_error(const CLI::ParseError& error);

} // namespace gradepost::cli
