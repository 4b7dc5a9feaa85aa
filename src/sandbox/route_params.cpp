#include "sandbox/route_params.hpp"

#include <string>

namespace gradepost::sandbox {

int item_id(const httplib::Request& request) {
    return std::stoi(request.matches[1].str());
}

} // namespace gradepost::sandbox
