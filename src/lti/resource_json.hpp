#pragma once

#include "lti/resources.hpp"

#include <nlohmann/json.hpp>

namespace gradepost::lti {

// AGS and NRPS JSON ⇄ resources. Parsing is lenient about what platforms actually send:
// ids and user ids as numbers or strings, numbers as numeric strings, missing optional
// members. It throws nothing: a member of the wrong type reads as absent.
LineItem parse_line_item(const nlohmann::json& json);
Result parse_result(const nlohmann::json& json);
Member parse_member(const nlohmann::json& json);

// The line item document for a POST (no `id`): label, scoreMaximum, and tag, resourceId,
// resourceLinkId, startDateTime, endDateTime when set.
nlohmann::json line_item_document(const LineItem& item);

} // namespace gradepost::lti
