#pragma once

#include "sandbox/httplib.hpp"

namespace gradepost::sandbox {

// The line item id captured by a route such as /lineitems/(\d+)/scores.
int item_id(const httplib::Request& request);

} // namespace gradepost::sandbox
