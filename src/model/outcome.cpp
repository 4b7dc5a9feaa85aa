#include "model/outcome.hpp"

namespace gradepost::model {

std::string_view to_string(Action action) {
    switch (action) {
    case Action::posted:
        return "posted";
    case Action::would_post:
        return "would_post";
    case Action::failed:
        return "failed";
    case Action::skipped:
        return "skipped";
    }
    return "skipped";
}

} // namespace gradepost::model
