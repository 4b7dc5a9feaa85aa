#pragma once

#include "model/request_counts.hpp"

#include <string>

namespace gradepost::report {

// Appends `,\n  "requests": {...}`: the run's request counts, as every JSON report shows them.
void append_request_counts_json(std::string& out, const model::RequestCounts& requests);

} // namespace gradepost::report
