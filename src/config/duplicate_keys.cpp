#include "config/duplicate_keys.hpp"

#include <set>
#include <vector>

namespace gradepost::config {

std::optional<DuplicateKey> find_duplicate_key(std::string_view json) {
    // One entry per open container: the keys seen so far, or nothing for an array.
    std::vector<std::optional<std::set<std::string_view>>> open;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        if (c == '{') {
            open.emplace_back(std::set<std::string_view>{});
        } else if (c == '[') {
            open.emplace_back(std::nullopt);
        } else if ((c == '}' || c == ']') && !open.empty()) {
            open.pop_back();
        } else if (c == '"') {
            std::size_t start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i)
                if (json[i] == '\\')
                    ++i;
            std::string_view raw = json.substr(start + 1, i - start - 1);
            auto next = json.find_first_not_of(" \t\r\n", i + 1);
            bool is_key = next != std::string_view::npos && json[next] == ':';
            if (is_key && !open.empty() && open.back() && !open.back()->insert(raw).second)
                return DuplicateKey{std::string(raw), start};
        }
    }
    return std::nullopt;
}

} // namespace gradepost::config
