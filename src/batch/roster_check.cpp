#include "batch/roster_check.hpp"

#include "util/ascii.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gradepost::batch {

namespace {

bool is_learner_role(const std::string& role) {
    // NRPS roles are LIS URIs ("...membership#Learner"); some platforms send the short name.
    return role == "Learner" || role.ends_with("#Learner") || role.ends_with("/Learner");
}

// Why a member cannot be graded, or empty when it can.
std::string why_not_gradable(const lti::Member& member) {
    if (!member.status.empty() && util::lowercase_ascii(member.status) != "active")
        return member.status;
    if (std::none_of(member.roles.begin(), member.roles.end(), is_learner_role))
        return "not a learner";
    return {};
}

} // namespace

RosterCheck check_roster(const std::vector<std::string>& export_users,
                         const std::vector<lti::Member>& members) {
    std::map<std::string, const lti::Member*> member_of;
    for (const auto& member : members)
        member_of.emplace(member.user_id, &member);
    RosterCheck check;
    std::set<std::string> seen;
    for (const auto& user : export_users) {
        if (!seen.insert(user).second)
            continue;
        ++check.students;
        auto found = member_of.find(user);
        if (found == member_of.end())
            check.not_in_course.push_back(user);
        else if (auto why = why_not_gradable(*found->second); !why.empty())
            check.not_active_learners.push_back(user + " (" + why + ")");
        else
            ++check.gradable;
    }
    return check;
}

} // namespace gradepost::batch
