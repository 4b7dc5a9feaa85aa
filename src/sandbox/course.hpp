#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace gradepost::sandbox {

inline constexpr const char* k_learner_role =
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
inline constexpr const char* k_instructor_role =
    "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

// A member of the sandbox course, as NRPS reports it.
struct Member {
    std::string user_id;     // the id AGS and NRPS use
    std::string lti_user_id; // Canvas mode also accepts this alias in scores
    std::string name;
    std::string given_name;
    std::string family_name;
    std::string email;
    std::string sourcedid;
    std::vector<std::string> roles; // full LIS role URIs
    std::string status = "Active";  // NRPS: Active, Inactive or Deleted

    // Only active Learners can receive scores.
    bool is_student() const {
        return status == "Active" &&
               std::find(roles.begin(), roles.end(), k_learner_role) != roles.end();
    }
};

// A gradebook column.
struct LineItem {
    int id = 0;
    std::string label;
    double score_maximum = 0;
    std::string tag;
    std::string resource_id;
    std::string resource_link_id;
    std::string start_date_time;
    std::string end_date_time;
};

struct Course {
    std::string id = "course-1";
    std::string title = "Sandbox Course";
    std::vector<Member> members; // students first, then the instructor 9001
    std::vector<LineItem> line_items;
};

} // namespace gradepost::sandbox
