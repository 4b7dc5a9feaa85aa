#include "cli/run.hpp"
#include "util/malloc_tuning.hpp"

int main(int argc, char** argv) {
    gradepost::util::restart_with_malloc_tuning(argv);
    return gradepost::cli::run(argc, argv);
}
