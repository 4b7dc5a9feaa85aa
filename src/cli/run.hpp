#pragma once

namespace gradepost::cli {

// Parses the command line, runs the command and maps every error to its exit code
// (DESIGN.md, "Exit codes"). The only catch of the program.
int run(int argc, char** argv);

} // namespace gradepost::cli
