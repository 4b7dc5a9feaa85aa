#include "lti/resource_json.hpp"

#include <cstdlib>

namespace gradepost::lti {

namespace {

std::string text_of(const nlohmann::json& json, const char* key) {
    auto found = json.find(key);
    if (found == json.end())
        return {};
    if (found->is_string())
        return found->get<std::string>();
    if (found->is_number_integer())
        return std::to_string(found->get<long long>());
    if (found->is_number())
        return found->dump();
    return {};
}

std::optional<std::string> optional_text_of(const nlohmann::json& json, const char* key) {
    if (!json.contains(key) || json[key].is_null())
        return std::nullopt;
    return text_of(json, key);
}

std::optional<double> number_of(const nlohmann::json& json, const char* key) {
    auto found = json.find(key);
    if (found == json.end())
        return std::nullopt;
    if (found->is_number())
        return found->get<double>();
    if (found->is_string()) {
        const std::string& text = found->get_ref<const std::string&>();
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (!text.empty() && end == text.c_str() + text.size())
            return value;
    }
    return std::nullopt;
}

} // namespace

LineItem parse_line_item(const nlohmann::json& json) {
    LineItem item;
    if (!json.is_object())
        return item;
    item.id = text_of(json, "id");
    item.label = text_of(json, "label");
    item.score_maximum = number_of(json, "scoreMaximum").value_or(0);
    item.tag = text_of(json, "tag");
    item.resource_id = text_of(json, "resourceId");
    item.resource_link_id = text_of(json, "resourceLinkId");
    item.start_date_time = optional_text_of(json, "startDateTime");
    item.end_date_time = optional_text_of(json, "endDateTime");
    return item;
}

Result parse_result(const nlohmann::json& json) {
    Result result;
    if (!json.is_object())
        return result;
    result.id = text_of(json, "id");
    result.user_id = text_of(json, "userId");
    result.result_score = number_of(json, "resultScore");
    result.result_maximum = number_of(json, "resultMaximum");
    result.comment = text_of(json, "comment");
    result.timestamp = text_of(json, "timestamp");
    return result;
}

Member parse_member(const nlohmann::json& json) {
    Member member;
    if (!json.is_object())
        return member;
    member.user_id = text_of(json, "user_id");
    member.name = text_of(json, "name");
    member.given_name = text_of(json, "given_name");
    member.family_name = text_of(json, "family_name");
    member.email = text_of(json, "email");
    member.lis_person_sourcedid = text_of(json, "lis_person_sourcedid");
    if (auto roles = json.find("roles"); roles != json.end() && roles->is_array())
        for (const auto& role : *roles)
            if (role.is_string())
                member.roles.push_back(role.get<std::string>());
    member.status = text_of(json, "status");
    if (member.status.empty())
        member.status = "Active"; // NRPS: absent means active
    return member;
}

nlohmann::json line_item_document(const LineItem& item) {
    nlohmann::json document;
    document["label"] = item.label;
    document["scoreMaximum"] = item.score_maximum;
    if (!item.tag.empty())
        document["tag"] = item.tag;
    if (!item.resource_id.empty())
        document["resourceId"] = item.resource_id;
    if (!item.resource_link_id.empty())
        document["resourceLinkId"] = item.resource_link_id;
    if (item.start_date_time)
        document["startDateTime"] = *item.start_date_time;
    if (item.end_date_time)
        document["endDateTime"] = *item.end_date_time;
    return document;
}

} // namespace gradepost::lti
