#include "cli/run.hpp"
#include "util/secret_memory.hpp"

int main(int argc, char** argv) {
    // Tokens and keys may be in memory from here on (GRADEPOST_ACCESS_TOKEN already is): a
    // crash must not write them to a core file.
    gradepost::util::keep_out_of_core_dumps();
    return gradepost::cli::run(argc, argv);
}
