#include "cli/run.hpp"

int main(int argc, char** argv) { return gradepost::cli::run(argc, argv); }
