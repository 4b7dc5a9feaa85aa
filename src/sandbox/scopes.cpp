#include "sandbox/scopes.hpp"

#include "util/error.hpp"

namespace gradepost::sandbox {

ScopeSet all_scopes() {
    return {std::string(k_scope_lineitem), std::string(k_scope_lineitem_readonly),
            std::string(k_scope_result_readonly), std::string(k_scope_score),
            std::string(k_scope_memberships)};
}

ScopeSet parse_scope_list(std::string_view text) {
    ScopeSet known = all_scopes();
    ScopeSet scopes;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find_first_of(", ", start);
        auto word = text.substr(start, end == std::string_view::npos ? end : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        if (word.empty())
            continue;
        bool found = false;
        for (const auto& scope : known) {
            std::string_view uri = scope;
            if (uri == word || uri.substr(uri.rfind('/') + 1) == word) {
                scopes.insert(scope);
                found = true;
            }
        }
        if (!found)
            throw util::UsageError("--scopes: unknown scope \"" + std::string(word) + "\"");
    }
    return scopes.empty() ? known : scopes;
}

ScopeSet split_scopes(std::string_view text) {
    ScopeSet scopes;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        auto word = text.substr(start, end == std::string_view::npos ? end : end - start);
        if (!word.empty())
            scopes.emplace(word);
        start = end == std::string_view::npos ? text.size() : end + 1;
    }
    return scopes;
}

std::string join_scopes(const ScopeSet& scopes) {
    std::string text;
    for (const auto& scope : scopes)
        text += (text.empty() ? "" : " ") + scope;
    return text;
}

} // namespace gradepost::sandbox
