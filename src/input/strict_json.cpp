#include "input/strict_json.hpp"

#include "input/json_positions.hpp"
#include "input/text.hpp"

#include <cfloat>
#include <cmath>
#include <optional>
#include <unordered_set>
#include <vector>

namespace gradepost::input {

namespace {

// The keys of one open object. Objects of an export have a handful of keys, compared in a
// small vector; a hostile object with thousands of them moves to a hash set.
class KeySet {
public:
    // False when `key` was already there.
    bool insert(const std::string& key) {
        if (m_many.empty()) {
            for (const auto& seen : m_few)
                if (seen == key)
                    return false;
            if (m_few.size() < k_most_few) {
                m_few.push_back(key);
                return true;
            }
            m_many.insert(m_few.begin(), m_few.end());
        }
        return m_many.insert(key).second;
    }

    void clear() {
        m_few.clear();
        m_many.clear();
    }

private:
    static constexpr std::size_t k_most_few = 32;
    std::vector<std::string> m_few;
    std::unordered_set<std::string> m_many;
};

// A number literal with a non-zero digit before its exponent that parsed to 0, or to a
// subnormal that kept only a few of its digits.
bool underflows(double value, const std::string& literal) {
    if (value != 0 && std::fabs(value) >= DBL_MIN)
        return false;
    for (char c : literal) {
        if (c == 'e' || c == 'E')
            break;
        if (c >= '1' && c <= '9')
            return true;
    }
    return false;
}

struct Refusal {
    JsonToken token;
    std::size_t ordinal = 0; // among the tokens of its kind, in file order
    std::string message;
};

// Builds the document with nlohmann/json's own DOM builder, and checks keys and numbers on
// the way; stops at the first refusal.
class StrictSax {
public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    explicit StrictSax(Json& root) : m_builder(root, true) {}

    std::optional<Refusal> refusal;

    bool null() { return m_builder.null(); }
    bool boolean(bool value) { return m_builder.boolean(value); }
    bool number_integer(number_integer_t value) {
        ++m_numbers;
        return m_builder.number_integer(value);
    }
    bool number_unsigned(number_unsigned_t value) {
        ++m_numbers;
        return m_builder.number_unsigned(value);
    }
    bool number_float(number_float_t value, const string_t& literal) {
        if (underflows(value, literal)) {
            refusal = Refusal{JsonToken::number, m_numbers,
                              "number " + quoted_text(literal) +
                                  " is too small to be read exactly (it would become " +
                                  (value == 0 ? "0" : "a rounded tiny number") + ")"};
            return false;
        }
        ++m_numbers;
        return m_builder.number_float(value, literal);
    }
    bool string(string_t& value) { return m_builder.string(value); }
    bool binary(binary_t& value) { return m_builder.binary(value); }
    bool start_object(std::size_t size) {
        if (m_depth == m_keys.size())
            m_keys.emplace_back();
        else
            m_keys[m_depth].clear();
        ++m_depth;
        return m_builder.start_object(size);
    }
    bool key(string_t& key) {
        if (!m_keys[m_depth - 1].insert(key)) {
            refusal = Refusal{JsonToken::key, m_key_count,
                              "key " + quoted_text(key) +
                                  " appears twice in one object; only one can be meant"};
            return false;
        }
        ++m_key_count;
        return m_builder.key(key);
    }
    bool end_object() {
        --m_depth;
        return m_builder.end_object();
    }
    bool start_array(std::size_t size) { return m_builder.start_array(size); }
    bool end_array() { return m_builder.end_array(); }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
        return m_builder.parse_error(position, token, error); // throws, as Json::parse does
    }

private:
    nlohmann::detail::json_sax_dom_parser<Json> m_builder;
    std::vector<KeySet> m_keys; // one per open object, reused
    std::size_t m_depth = 0;
    std::size_t m_key_count = 0;
    std::size_t m_numbers = 0;
};

} // namespace

Json parse_strict_json(std::string_view text) {
    Json root;
    StrictSax sax(root);
    if (!Json::sax_parse(text, &sax) && sax.refusal)
        throw StrictJsonError(token_offset(text, sax.refusal->token, sax.refusal->ordinal),
                              sax.refusal->message);
    return root;
}

} // namespace gradepost::input
