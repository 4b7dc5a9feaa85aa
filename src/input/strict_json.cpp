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

// Builds the document as nlohmann's own DOM builder does, but appends each key to its object
// without looking for it first. An ordered_json object finds a key by walking the ones before
// it, so an object of n keys took n²/2 comparisons: 14 s for a hostile object of 100,000 keys.
// Repeated keys are refused before they get here (KeySet), so there is nothing to look for.
class DocumentBuilder {
public:
    explicit DocumentBuilder(Json& root) : m_root(root) {}

    void value(Json value) { add(std::move(value)); }
    void start_object() { m_open.push_back(add(Json::object())); }
    void key(std::string& key) {
        auto& object = m_open.back()->get_ref<Json::object_t&>();
        object.Json::object_t::Container::emplace_back(std::move(key), nullptr);
        m_member = &object.back().second;
    }
    void start_array() { m_open.push_back(add(Json::array())); }
    void end() { m_open.pop_back(); }

private:
    // Places a value as the document, the next element of the open array, or the value of the
    // open object's last key; returns where it now is.
    Json* add(Json value) {
        if (m_open.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        if (m_open.back()->is_array()) {
            auto& array = m_open.back()->get_ref<Json::array_t&>();
            array.push_back(std::move(value));
            return &array.back();
        }
        *m_member = std::move(value);
        return m_member;
    }

    Json& m_root;
    std::vector<Json*> m_open; // the arrays and objects being filled, innermost last
    Json* m_member = nullptr;  // the value of the open object's last key
};

struct Refusal {
    JsonToken token;
    std::size_t ordinal = 0; // among the tokens of its kind, in file order
    std::string message;
};

// Builds the document, and checks keys and numbers on the way; stops at the first refusal.
class StrictSax {
public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    explicit StrictSax(Json& root) : m_builder(root) {}

    std::optional<Refusal> refusal;

    bool null() {
        m_builder.value(nullptr);
        return true;
    }
    bool boolean(bool value) {
        m_builder.value(value);
        return true;
    }
    bool number_integer(number_integer_t value) {
        ++m_numbers;
        m_builder.value(value);
        return true;
    }
    bool number_unsigned(number_unsigned_t value) {
        ++m_numbers;
        m_builder.value(value);
        return true;
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
        m_builder.value(value);
        return true;
    }
    bool string(string_t& value) {
        m_builder.value(std::move(value));
        return true;
    }
    bool binary(binary_t& value) {
        m_builder.value(Json::binary(std::move(value)));
        return true;
    }
    bool start_object(std::size_t) {
        if (m_depth == m_keys.size())
            m_keys.emplace_back();
        else
            m_keys[m_depth].clear();
        ++m_depth;
        m_builder.start_object();
        return true;
    }
    bool key(string_t& key) {
        if (!m_keys[m_depth - 1].insert(key)) {
            refusal = Refusal{JsonToken::key, m_key_count,
                              "key " + quoted_text(key) +
                                  " appears twice in one object; only one can be meant"};
            return false;
        }
        ++m_key_count;
        m_builder.key(key);
        return true;
    }
    bool end_object() {
        --m_depth;
        m_builder.end();
        return true;
    }
    bool start_array(std::size_t) {
        m_builder.start_array();
        return true;
    }
    bool end_array() {
        m_builder.end();
        return true;
    }
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& error) {
        throw error; // as Json::parse does
    }

private:
    DocumentBuilder m_builder;
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
