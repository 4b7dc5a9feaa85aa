#include "batch/manifest.hpp"

#include "input/json_positions.hpp"
#include "policy/keep.hpp"
#include "policy/select.hpp"
#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace gradepost::batch {

namespace {

constexpr std::array<std::string_view, 13> k_job_fields{
    "name",  "profile", "course", "line_item", "label", "wide",  "columns",
    "files", "keep",    "select", "map",       "max",   "create"};

// Errors about one job name it by number and name, and the field.
class JobErrors {
public:
    JobErrors(std::string_view file, std::size_t number, std::string name)
        : m_file(file), m_number(number), m_name(std::move(name)) {}

    [[noreturn]] void fail(std::string_view field, const std::string& message) const {
        std::string job = "job " + std::to_string(m_number);
        if (!m_name.empty())
            job += " (\"" + m_name + "\")";
        throw util::UsageError(std::string(m_file) + ": " + job + ", field \"" +
                               std::string(field) + "\": " + message);
    }

private:
    std::string_view m_file;
    std::size_t m_number;
    std::string m_name;
};

std::string text_field(const nlohmann::json& job, std::string_view field, const JobErrors& errors) {
    auto found = job.find(field);
    if (found == job.end())
        return {};
    if (!found->is_string())
        errors.fail(field, "must be a string");
    auto value = found->get<std::string>();
    if (value.empty())
        errors.fail(field, "must not be empty");
    return value;
}

bool flag_field(const nlohmann::json& job, std::string_view field, const JobErrors& errors) {
    auto found = job.find(field);
    if (found == job.end())
        return false;
    if (!found->is_boolean())
        errors.fail(field, "must be true or false");
    return found->get<bool>();
}

// A list of strings; a single string is a list of one, as a repeated flag given once.
std::vector<std::string> list_field(const nlohmann::json& job, std::string_view field,
                                    const JobErrors& errors) {
    auto found = job.find(field);
    if (found == job.end())
        return {};
    if (found->is_string())
        return {found->get<std::string>()};
    if (!found->is_array())
        errors.fail(field, "must be a string or a list of strings");
    std::vector<std::string> values;
    for (const auto& item : *found) {
        if (!item.is_string() || item.get<std::string>().empty())
            errors.fail(field, "must hold only non-empty strings");
        values.push_back(item.get<std::string>());
    }
    return values;
}

ManifestJob parse_job(const nlohmann::json& job, std::size_t number, std::string_view file) {
    JobErrors unnamed(file, number, "");
    if (!job.is_object())
        unnamed.fail("name", "a job must be an object");
    auto name = text_field(job, "name", unnamed);
    if (name.empty())
        unnamed.fail("name", "every job needs a name (for --only and the summary)");
    JobErrors errors(file, number, name);
    for (const auto& [key, value] : job.items())
        if (std::find(k_job_fields.begin(), k_job_fields.end(), key) == k_job_fields.end())
            errors.fail(key, "unknown field (known: name, profile, course, line_item, label, "
                             "wide, columns, files, keep, select, map, max, create)");

    ManifestJob result;
    result.name = name;
    result.profile = text_field(job, "profile", errors);
    result.course = text_field(job, "course", errors);
    result.line_item = text_field(job, "line_item", errors);
    result.label = text_field(job, "label", errors);
    result.wide = flag_field(job, "wide", errors);
    result.columns = list_field(job, "columns", errors);
    result.files = list_field(job, "files", errors);
    result.map = list_field(job, "map", errors);
    result.create = flag_field(job, "create", errors);

    int targets = !result.line_item.empty() + !result.label.empty() + result.wide;
    if (targets != 1)
        errors.fail("line_item", "give exactly one of \"line_item\", \"label\" or \"wide\"");
    if (!result.columns.empty() && !result.wide)
        errors.fail("columns", "only a \"wide\" job has columns");
    if (result.files.empty())
        errors.fail("files", "a job needs at least one input file");
    for (const auto& mapping : result.map)
        if (mapping.find('=') == std::string::npos)
            errors.fail("map", "\"" + mapping + "\" is not FIELD=COLUMN");
    if (result.wide && std::any_of(result.map.begin(), result.map.end(),
                                   [](const auto& m) { return m.starts_with("score="); }))
        errors.fail("map", "a \"wide\" job takes its score columns from \"columns\"");
    if (auto keep = text_field(job, "keep", errors); !keep.empty()) {
        if (!policy::parse_keep(keep))
            errors.fail("keep", "\"" + keep + "\" is not highest, latest, first or average");
        result.keep = keep;
    }
    if (auto select = text_field(job, "select", errors); !select.empty()) {
        if (!policy::parse_select(select))
            errors.fail("select", "\"" + select + "\" is not new, changed or all");
        result.select = select;
    }
    if (auto found = job.find("max"); found != job.end()) {
        if (!found->is_number() || found->get<double>() <= 0)
            errors.fail("max", "must be a positive number");
        result.maximum = found->get<double>();
    }
    if (result.create && !result.line_item.empty())
        errors.fail("create", "a job naming its \"line_item\" URL cannot create one");
    return result;
}

} // namespace

Manifest parse_manifest(std::string_view text, std::string_view file) {
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        auto where = input::position_of(text, error.byte == 0 ? 0 : error.byte - 1);
        throw util::UsageError(std::string(file) + ":" + std::to_string(where.line) + ":" +
                               std::to_string(where.column) + ": not valid JSON");
    }
    auto jobs = document.is_object() ? document.find("jobs") : document.end();
    if (!document.is_object() || jobs == document.end() || !jobs->is_array() || jobs->empty())
        throw util::UsageError(std::string(file) +
                               ": a manifest is {\"jobs\": [...]} with at least one job");
    Manifest manifest;
    std::set<std::string> names;
    for (std::size_t i = 0; i < jobs->size(); ++i) {
        auto job = parse_job((*jobs)[i], i + 1, file);
        if (!names.insert(job.name).second)
            JobErrors(file, i + 1, job.name).fail("name", "two jobs have this name");
        manifest.jobs.push_back(std::move(job));
    }
    return manifest;
}

std::vector<ManifestJob> select_jobs(const Manifest& manifest,
                                     const std::vector<std::string>& only) {
    if (only.empty())
        return manifest.jobs;
    std::vector<ManifestJob> chosen;
    for (const auto& name : only) {
        auto found = std::find_if(manifest.jobs.begin(), manifest.jobs.end(),
                                  [&](const ManifestJob& job) { return job.name == name; });
        if (found == manifest.jobs.end())
            throw util::UsageError("--only: no job named \"" + name + "\" in the manifest");
        chosen.push_back(*found);
    }
    return chosen;
}

} // namespace gradepost::batch
