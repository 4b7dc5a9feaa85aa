#pragma once

#include <chrono>

namespace gradepost::model {

// Every instant gradepost handles is UTC with microsecond precision, the precision AGS
// timestamps are sent with.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

} // namespace gradepost::model
