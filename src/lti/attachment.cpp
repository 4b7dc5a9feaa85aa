#include "lti/attachment.hpp"

#include "config/digest.hpp"
#include "util/ascii.hpp"
#include "util/text.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <utility>

namespace gradepost::lti {

namespace {

// The last path segment of a URL, without query or fragment.
std::string_view file_name_of(std::string_view url) {
    url = url.substr(0, url.find_first_of("?#"));
    if (auto scheme = url.find("://"); scheme != std::string_view::npos)
        url.remove_prefix(scheme + 3);
    auto slash = url.rfind('/');
    return slash == std::string_view::npos ? std::string_view{} : url.substr(slash + 1);
}

} // namespace

std::string media_type_of_name(std::string_view url) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> k_types = {{
        {"pdf", "application/pdf"},
        {"png", "image/png"},
        {"jpg", "image/jpeg"},
        {"jpeg", "image/jpeg"},
        {"gif", "image/gif"},
        {"txt", "text/plain"},
        {"csv", "text/csv"},
        {"html", "text/html"},
        {"htm", "text/html"},
        {"json", "application/json"},
        {"zip", "application/zip"},
        {"doc", "application/msword"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"mp4", "video/mp4"},
    }};
    std::string_view name = file_name_of(url);
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos)
        return {};
    std::string extension = util::lowercase_ascii(name.substr(dot + 1));
    for (const auto& [known, type] : k_types)
        if (extension == known)
            return std::string(type);
    return {};
}

Score::CanvasFile canvas_file(const std::string& url, const std::string& user_id,
                              const std::string& title_template, const std::string& media_type) {
    Score::CanvasFile file;
    file.url = url;
    file.title = title_template.empty() ? std::string(file_name_of(url))
                                        : util::replace_all(title_template, "{user}", user_id);
    if (file.title.empty())
        file.title = "Submission file";
    file.media_type = media_type.empty() ? media_type_of_name(url) : media_type;
    return file;
}

std::vector<std::string> canvas_progress_urls(const std::string& body) {
    std::vector<std::string> urls;
    if (body.find("content_items") == std::string::npos)
        return urls; // most answers: no need to parse
    auto document = nlohmann::json::parse(body, nullptr, false);
    if (!document.is_object())
        return urls;
    auto extension = document.find("https://canvas.instructure.com/lti/submission");
    if (extension == document.end() || !extension->is_object())
        return urls;
    auto items = extension->find("content_items");
    if (items == extension->end() || !items->is_array())
        return urls;
    for (const auto& item : *items)
        if (item.is_object() && item.contains("progress") && item["progress"].is_string())
            urls.push_back(item["progress"].get<std::string>());
    return urls;
}

std::string attachment_digest(std::string_view url) {
    return "sha256:" + config::sha256_hex(url);
}

} // namespace gradepost::lti
