#include "sandbox/course_seed.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace gradepost::sandbox {

namespace {

constexpr int k_instructor_id = 9001;

std::string strip_blanks_and_quotes(std::string_view text) {
    auto begin = text.find_first_not_of(" \t\r\n\"");
    if (begin == std::string_view::npos)
        return {};
    auto end = text.find_last_not_of(" \t\r\n\"");
    return std::string(text.substr(begin, end - begin + 1));
}

std::vector<std::string> split(std::string_view text, std::string_view separators) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        auto at = text.find_first_of(separators, start);
        parts.push_back(strip_blanks_and_quotes(
            text.substr(start, at == std::string_view::npos ? at : at - start)));
        if (at == std::string_view::npos)
            return parts;
        start = at + 1;
    }
}

void split_name(Member& member) {
    auto space = member.name.find(' ');
    member.given_name = member.name.substr(0, space);
    member.family_name = space == std::string::npos ? "" : member.name.substr(space + 1);
}

std::string alias_of(const std::string& user_id) {
    std::string digits = user_id.size() > 12 ? user_id.substr(user_id.size() - 12) : user_id;
    std::string padded = std::string(12 - digits.size(), '0') + digits;
    return "00000000-0000-4000-8000-" + padded;
}

Member instructor() {
    Member member;
    member.user_id = std::to_string(k_instructor_id);
    member.lti_user_id = alias_of(member.user_id);
    member.name = "Instructor One";
    member.email = fmt::format("instructor{}@example.edu", k_instructor_id);
    member.sourcedid = fmt::format("SIS{}", k_instructor_id);
    member.roles = {k_instructor_role};
    split_name(member);
    return member;
}

std::string read_text(const std::filesystem::path& file, std::string_view what) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream)
        throw util::UsageError(fmt::format("cannot read the {} {}", what, file.string()));
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

std::string string_member(const nlohmann::json& object, const char* name,
                          const std::string& where) {
    if (!object.contains(name))
        return {};
    if (!object[name].is_string() && !object[name].is_number_integer())
        throw util::UsageError(fmt::format("{}: \"{}\" must be a string", where, name));
    return object[name].is_string() ? object[name].get<std::string>()
                                    : std::to_string(object[name].get<long long>());
}

Member member_from_json(const nlohmann::json& entry, const std::string& where) {
    if (!entry.is_object())
        throw util::UsageError(where + ": a student must be an object");
    Member member;
    member.user_id = string_member(entry, "user_id", where);
    if (member.user_id.empty())
        throw util::UsageError(where + ": \"user_id\" is missing");
    member.name = string_member(entry, "name", where);
    if (member.name.empty())
        member.name = "Student " + member.user_id;
    member.email = string_member(entry, "email", where);
    member.sourcedid = string_member(entry, "lis_person_sourcedid", where);
    member.lti_user_id = string_member(entry, "lti_user_id", where);
    if (member.lti_user_id.empty())
        member.lti_user_id = alias_of(member.user_id);
    if (entry.contains("roles") && entry["roles"].is_array()) {
        for (const auto& role : entry["roles"])
            if (role.is_string())
                member.roles.push_back(role_uri(role.get<std::string>()));
    }
    if (member.roles.empty())
        member.roles = {k_learner_role};
    if (auto status = string_member(entry, "status", where); !status.empty()) {
        if (status != "Active" && status != "Inactive" && status != "Deleted")
            throw util::UsageError(where + ": \"status\" must be Active, Inactive or Deleted");
        member.status = status;
    }
    split_name(member);
    return member;
}

LineItem line_item_from_json(const nlohmann::json& entry, const std::string& where) {
    if (!entry.is_object())
        throw util::UsageError(where + ": a line item must be an object");
    LineItem item;
    item.label = string_member(entry, "label", where);
    if (item.label.empty())
        throw util::UsageError(where + ": \"label\" is missing");
    if (!entry.contains("scoreMaximum") || !entry["scoreMaximum"].is_number() ||
        !(entry["scoreMaximum"].get<double>() > 0))
        throw util::UsageError(where + ": \"scoreMaximum\" must be a number above 0");
    item.score_maximum = entry["scoreMaximum"].get<double>();
    item.tag = string_member(entry, "tag", where);
    item.resource_id = string_member(entry, "resourceId", where);
    item.resource_link_id = string_member(entry, "resourceLinkId", where);
    item.start_date_time = string_member(entry, "startDateTime", where);
    item.end_date_time = string_member(entry, "endDateTime", where);
    return item;
}

// Applies the seed file's members to the course; returns whether it named students and line
// items, so flags given explicitly still win.
void apply_seed_file(const std::filesystem::path& file, Course& course, bool& has_students,
                     bool& has_line_items) {
    auto json = nlohmann::json::parse(read_text(file, "seed file"), nullptr, false);
    std::string where = file.string();
    if (json.is_discarded() || !json.is_object())
        throw util::UsageError(where + ": not a JSON object");
    if (json.contains("course_id"))
        course.id = string_member(json, "course_id", where);
    if (course.id.empty() || course.id.find_first_of("/?#&% ") != std::string::npos)
        throw util::UsageError(where + ": \"course_id\" must be a non-empty URL path segment");
    if (json.contains("course_title"))
        course.title = string_member(json, "course_title", where);
    if (json.contains("students")) {
        has_students = true;
        const auto& students = json["students"];
        if (students.is_number_integer()) {
            course.members = generate_students(students.get<int>());
        } else if (students.is_array()) {
            for (std::size_t i = 0; i < students.size(); ++i)
                course.members.push_back(
                    member_from_json(students[i], fmt::format("{}: students[{}]", where, i)));
        } else {
            throw util::UsageError(where + ": \"students\" must be a count or an array");
        }
    }
    if (json.contains("line_items")) {
        has_line_items = true;
        if (!json["line_items"].is_array())
            throw util::UsageError(where + ": \"line_items\" must be an array");
        const auto& items = json["line_items"];
        for (std::size_t i = 0; i < items.size(); ++i)
            course.line_items.push_back(
                line_item_from_json(items[i], fmt::format("{}: line_items[{}]", where, i)));
    }
}

} // namespace

std::string role_uri(std::string_view role) {
    if (role.find(':') != std::string_view::npos)
        return std::string(role);
    if (role == "Student" || role == "Learner")
        return k_learner_role;
    if (role == "Teacher" || role == "Instructor")
        return k_instructor_role;
    return "http://purl.imsglobal.org/vocab/lis/v2/membership#" + std::string(role);
}

LineItem parse_line_item_flag(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        throw util::UsageError(fmt::format("--lineitem \"{}\": expected LABEL:MAX", text));
    std::string maximum_text = strip_blanks_and_quotes(text.substr(colon + 1));
    double maximum = 0;
    auto [end, error] =
        std::from_chars(maximum_text.data(), maximum_text.data() + maximum_text.size(), maximum);
    if (error != std::errc() || end != maximum_text.data() + maximum_text.size() ||
        !(maximum > 0) || !std::isfinite(maximum))
        throw util::UsageError(
            fmt::format("--lineitem \"{}\": the maximum must be a number above 0", text));
    LineItem item;
    item.label = strip_blanks_and_quotes(text.substr(0, colon));
    item.score_maximum = maximum;
    return item;
}

std::vector<Member> generate_students(int count) {
    if (count < 0 || count > 1'000'000)
        throw util::UsageError(fmt::format("--students {}: expected 0 to 1000000", count));
    std::vector<Member> members;
    members.reserve(static_cast<std::size_t>(count));
    for (int n = 1; n <= count; ++n) {
        Member member;
        member.user_id = std::to_string(1000 + n);
        member.lti_user_id = alias_of(member.user_id);
        member.name = fmt::format("Student {}", n);
        member.email = fmt::format("student{}@example.edu", member.user_id);
        member.sourcedid = "SIS" + member.user_id;
        member.roles = {k_learner_role};
        split_name(member);
        members.push_back(std::move(member));
    }
    return members;
}

std::vector<Member> read_roster(const std::filesystem::path& file) {
    std::istringstream text(read_text(file, "roster"));
    std::vector<Member> members;
    std::string line;
    for (int number = 1; std::getline(text, line); ++number) {
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0)
            line.erase(0, 3);
        auto fields = split(line, ",");
        if (fields.size() == 1 && fields[0].empty())
            continue;
        if (number == 1 && fields[0] == "user_id")
            continue;
        std::string where = fmt::format("{}:{}", file.string(), number);
        if (fields.size() < 4 || fields[0].empty())
            throw util::UsageError(where +
                                   ": expected user_id,name,email,lis_person_sourcedid[,roles]");
        Member member;
        member.user_id = fields[0];
        member.lti_user_id = alias_of(member.user_id);
        member.name = fields[1];
        member.email = fields[2];
        member.sourcedid = fields[3];
        if (fields.size() > 4) {
            for (const auto& role : split(fields[4], "; "))
                if (!role.empty())
                    member.roles.push_back(role_uri(role));
        }
        if (member.roles.empty())
            member.roles = {k_learner_role};
        split_name(member);
        members.push_back(std::move(member));
    }
    return members;
}

Course load_course(const SandboxOptions& options) {
    Course course;
    bool seed_has_students = false;
    bool seed_has_line_items = false;
    if (!options.seed_file.empty())
        apply_seed_file(options.seed_file, course, seed_has_students, seed_has_line_items);

    if (!options.roster_file.empty())
        course.members = read_roster(options.roster_file);
    else if (options.students)
        course.members = generate_students(*options.students);
    else if (!seed_has_students)
        course.members = generate_students(10);

    bool has_instructor = false;
    std::set<std::string> seen;
    for (const auto& member : course.members) {
        if (!seen.insert(member.user_id).second)
            throw util::UsageError(fmt::format("user id {} appears twice", member.user_id));
        has_instructor = has_instructor || member.user_id == std::to_string(k_instructor_id);
    }
    if (!has_instructor)
        course.members.push_back(instructor());

    if (!options.line_items.empty()) {
        course.line_items.clear();
        for (const auto& flag : options.line_items)
            course.line_items.push_back(parse_line_item_flag(flag));
    } else if (!seed_has_line_items) {
        course.line_items.push_back(parse_line_item_flag("Quiz 1:10"));
    }
    for (std::size_t i = 0; i < course.line_items.size(); ++i)
        course.line_items[i].id = static_cast<int>(i + 1);
    return course;
}

} // namespace gradepost::sandbox
