#include "cli/run.hpp"
#include "util/malloc_tuning.hpp"
#include "util/secret_memory.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace {

// The commands that read exports, where a million rows make the malloc tuning pay for its
// restart (~35 ms of a second dynamic link). Every other command (--version, --help, token,
// lineitems, state...) starts without it. An option value spelled like a command only costs
// the restart.
bool reads_exports(int argc, char** argv) {
    constexpr std::array<std::string_view, 6> k_commands = {"post",   "dry-run", "diff",
                                                            "doctor", "sync",    "watch"};
    for (int i = 1; i < argc; ++i) {
        std::string_view argument = argv[i];
        if (argument == "adopt" ||
            std::find(k_commands.begin(), k_commands.end(), argument) != k_commands.end())
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (reads_exports(argc, argv))
        gradepost::util::restart_with_malloc_tuning(argv);
    // Tokens and keys may be in memory from here on (GRADEPOST_ACCESS_TOKEN already is): a
    // crash must not write them to a core file. After the restart, which resets dumpability.
    gradepost::util::keep_out_of_core_dumps();
    return gradepost::cli::run(argc, argv);
}
