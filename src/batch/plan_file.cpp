#include "batch/plan_file.hpp"

#include "config/digest.hpp"
#include "input/dates.hpp"
#include "util/error.hpp"
#include "util/time_format.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace gradepost::batch {

namespace {

constexpr std::string_view k_format = "gradepost-plan";

std::string_view kind_name(model::KeptKind kind) {
    switch (kind) {
    case model::KeptKind::graded:
        return "graded";
    case model::KeptKind::pending:
        return "pending";
    case model::KeptKind::not_graded:
        return "not_graded";
    case model::KeptKind::excused:
        return "excused";
    }
    return "graded";
}

std::optional<model::KeptKind> parse_kind(std::string_view name) {
    for (auto kind : {model::KeptKind::graded, model::KeptKind::pending,
                      model::KeptKind::not_graded, model::KeptKind::excused})
        if (kind_name(kind) == name)
            return kind;
    return std::nullopt;
}

void put_optional(nlohmann::json& json, const char* name, const std::optional<double>& value) {
    json[name] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::optional<double> get_optional(const nlohmann::json& json, const char* name) {
    if (!json.contains(name) || json[name].is_null())
        return std::nullopt;
    return json.at(name).get<double>();
}

nlohmann::json entry_json(const model::PlanEntry& entry) {
    const auto& kept = entry.score;
    auto attempts = model::to_texts(kept.attempt_keys.to_vector());
    nlohmann::json json{
        {"user_id", kept.user_id}, {"action", entry.is_selected ? "post" : "skip"},
        {"reason", entry.reason},  {"kind", kind_name(kept.kind)},
        {"comment", kept.comment}, {"url", kept.url},
        {"attempts", attempts},    {"overrides_lms_edit", entry.overrides_lms_edit}};
    bool is_graded = kept.kind == model::KeptKind::graded;
    put_optional(json, "score_given", is_graded ? std::optional(kept.given) : std::nullopt);
    put_optional(json, "score_maximum", is_graded ? std::optional(kept.maximum) : std::nullopt);
    json["submitted_at"] = kept.submitted_at
                               ? nlohmann::json(util::format_iso8601(*kept.submitted_at))
                               : nlohmann::json(nullptr);
    put_optional(json, "lms_score", entry.lms_score);
    put_optional(json, "lms_maximum", entry.lms_maximum);
    std::optional<double> last_posted;
    if (entry.previous && entry.previous->last_posted)
        last_posted = entry.previous->last_posted->given;
    put_optional(json, "last_posted_score", last_posted);
    return json;
}

model::PlanEntry parse_entry(const nlohmann::json& json) {
    model::PlanEntry entry;
    auto& kept = entry.score;
    kept.user_id = json.at("user_id").get<std::string>();
    entry.is_selected = json.at("action").get<std::string>() == "post";
    entry.reason = json.at("reason").get<std::string>();
    auto kind = parse_kind(json.at("kind").get<std::string>());
    if (!kind)
        throw std::invalid_argument("unknown kind");
    kept.kind = *kind;
    kept.given = get_optional(json, "score_given").value_or(0);
    kept.maximum = get_optional(json, "score_maximum").value_or(0);
    kept.comment = json.at("comment").get<std::string>();
    kept.url = json.at("url").get<std::string>();
    // Every text form is read: plan files of earlier releases hold "id:" and "at:" keys.
    kept.attempt_keys =
        model::parse_attempt_keys(json.at("attempts").get<std::vector<std::string>>());
    if (!json.at("submitted_at").is_null()) {
        kept.submitted_at = input::parse_timestamp(json.at("submitted_at").get<std::string>());
        if (!kept.submitted_at)
            throw std::invalid_argument("submitted_at is not a date");
    }
    entry.lms_score = get_optional(json, "lms_score");
    entry.lms_maximum = get_optional(json, "lms_maximum");
    entry.overrides_lms_edit = json.at("overrides_lms_edit").get<bool>();
    if (auto last_posted = get_optional(json, "last_posted_score")) {
        model::LedgerEntry previous;
        previous.last_posted = model::SentScore{};
        previous.last_posted->given = last_posted;
        entry.previous = std::make_shared<const model::LedgerEntry>(std::move(previous));
    }
    return entry;
}

std::string digest_of(const nlohmann::json& document) {
    return "sha256:" + config::sha256_hex(document.dump());
}

} // namespace

std::string write_plan(const model::Plan& plan, model::Timestamp made_at) {
    nlohmann::json document{{"format", k_format},
                            {"version", k_plan_version},
                            {"made_at", util::format_iso8601(made_at)},
                            {"platform", plan.platform},
                            {"line_item", plan.line_item_url},
                            {"keep", plan.keep},
                            {"select", plan.select},
                            {"rows", plan.rows},
                            {"entries", nlohmann::json::array()}};
    for (const auto& entry : plan.entries)
        document["entries"].push_back(entry_json(entry));
    document["digest"] = digest_of(document);
    return document.dump(2) + "\n";
}

model::Plan read_plan(std::string_view text, const std::string& path) {
    auto document = nlohmann::json::parse(text, nullptr, false);
    if (!document.is_object() || document.value("format", "") != k_format)
        throw util::UsageError(fmt::format("{}: not a gradepost plan (make one with "
                                           "`gradepost dry-run ... --plan-out FILE`)",
                                           path));
    if (!document.contains("version") || document["version"] != k_plan_version)
        throw util::UsageError(fmt::format("{}: plan version {} is not one this gradepost "
                                           "reads (version {}); make the plan again",
                                           path, document.value("version", nlohmann::json()).dump(),
                                           k_plan_version));
    std::string digest = document.value("digest", "");
    document.erase("digest");
    if (digest != digest_of(document))
        throw util::UsageError(fmt::format("{}: the plan was changed after it was made (its digest "
                                           "does not match); make and review it again",
                                           path));
    model::Plan plan;
    try {
        plan.platform = document.at("platform").get<std::string>();
        plan.line_item_url = document.at("line_item").get<std::string>();
        plan.keep = document.at("keep").get<std::string>();
        plan.select = document.at("select").get<std::string>();
        plan.rows = document.at("rows").get<std::size_t>();
        for (const auto& entry : document.at("entries"))
            plan.entries.push_back(parse_entry(entry));
    } catch (const std::exception& error) {
        throw util::UsageError(fmt::format("{}: malformed plan ({})", path, error.what()));
    }
    return plan;
}

} // namespace gradepost::batch
