#include "report/error_json.hpp"

#include "report/json_text.hpp"

#include <regex>

namespace gradepost::report {

std::string error_json(int code, std::string_view kind, std::string_view message) {
    std::string out = "{\"error\": {\"code\": " + std::to_string(code) + ", \"kind\": ";
    append_json_string(out, kind);
    out += ", \"message\": ";
    append_json_string(out, message);

    std::string first_line(message.substr(0, message.find('\n')));
    static const std::regex k_place(R"(^([^:\s][^:]*):([0-9]{1,9})(?::([0-9]{1,9}))?: )");
    std::smatch place;
    if (std::regex_search(first_line, place, k_place)) {
        out += ", \"file\": ";
        append_json_string(out, place[1].str());
        out += ", \"line\": " + place[2].str();
        if (place[3].matched)
            out += ", \"column\": " + place[3].str();
    }
    out += "}}\n";
    return out;
}

} // namespace gradepost::report
