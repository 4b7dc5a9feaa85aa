#include "cli/connection.hpp"

#include "http/curl_transport.hpp"
#include "lti/ltiaas_client.hpp"
#include "lti/ltiaas_urls.hpp"
#include "report/terminal.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace gradepost::cli {

namespace {

// Which config file was looked at, for a message that says credentials are missing.
std::string config_file_status(const std::filesystem::path& path) {
    std::error_code ignored;
    if (path.empty())
        return "none: neither XDG_CONFIG_HOME nor HOME is set";
    if (!std::filesystem::exists(path, ignored))
        return "looked for " + path.string() + ": no such file";
    return path.string();
}

} // namespace

config::Profile resolve_command_profile(const GlobalOptions& globals,
                                        std::filesystem::path* config_path) {
    // A file named by --config or GRADEPOST_CONFIG must exist; only the XDG default may not.
    auto named_by_environment = config::process_environment("GRADEPOST_CONFIG");
    bool is_default =
        globals.config_file.empty() && (!named_by_environment || named_by_environment->empty());
    auto path = globals.config_file.empty()
                    ? config::default_config_path(config::process_environment)
                    : std::filesystem::path(globals.config_file);
    if (config_path)
        *config_path = path;
    std::optional<std::string> name;
    if (!globals.profile.empty())
        name = globals.profile;
    return config::resolve_profile(path, is_default, name, globals.connection,
                                   config::process_environment);
}

Connection::Connection(const GlobalOptions& globals, std::vector<std::string> scopes)
    : m_globals(globals), m_scopes(std::move(scopes)) {}
Connection::Connection(const GlobalOptions& globals, Connection& first)
    : m_globals(globals), m_scopes(first.m_scopes), m_first(&first) {}
Connection::~Connection() = default;

const config::Profile& Connection::profile() {
    if (!m_profile) {
        m_profile = resolve_command_profile(m_globals, &m_config_path);
        if (m_profile->insecure)
            util::warn("--insecure: TLS certificates are NOT verified; anyone on the network "
                       "can read and change grades and tokens");
    }
    return *m_profile;
}

lti::Platform Connection::platform() {
    const auto& current = profile();
    // The LMS behind LTIAAS is not known: its scores are plain AGS.
    if (current.is_ltiaas())
        return lti::Platform::generic;
    if (current.platform.empty())
        return lti::guess_platform(current.token_url, current.lineitems_url);
    auto parsed = lti::parse_platform(current.platform);
    if (!parsed)
        throw util::UsageError("unknown platform \"" + current.platform +
                               "\" (use generic, canvas, moodle, blackboard, brightspace, sakai "
                               "or openedx)");
    return *parsed;
}

std::string Connection::platform_key() {
    const auto& current = profile();
    if (current.is_ltiaas())
        return ltiaas_url() + " ltiaas";
    return current.token_url + " " + current.client_id;
}

std::optional<model::RequestCounts> Connection::request_counts() const {
    if (m_first) {
        if (!m_client)
            return std::nullopt;
        model::RequestCounts counts;
        counts.score_posts = m_client->score_posts();
        return counts;
    }
    if (!m_transport)
        return std::nullopt;
    const auto& sent = m_transport->counts();
    model::RequestCounts counts;
    counts.token_requests = m_tokens ? m_tokens->requests_made() : 0;
    counts.score_posts = m_client ? m_client->score_posts() : 0;
    counts.sends = sent.sends;
    counts.retries = sent.retries;
    counts.unauthorized = sent.unauthorized;
    counts.throttled = sent.throttled;
    counts.pacer_wait_seconds = std::chrono::duration<double>(sent.paced).count();
    return counts;
}

http::Transport& Connection::transport() {
    if (m_first)
        return m_first->transport();
    if (!m_transport) {
        const auto& current = profile();
        auto options = m_globals.transport;
        options.ca_file = current.ca_file;
        options.insecure = current.insecure;
        m_transport = std::make_unique<http::CurlTransport>(options);
    }
    return *m_transport;
}

lti::TokenSource& Connection::tokens() {
    if (m_first)
        return m_first->tokens();
    if (m_tokens)
        return *m_tokens;
    const auto& current = profile();
    if (current.is_ltiaas())
        throw util::ConfigError("an LTIAAS profile has no OAuth token: LTIAAS holds it and "
                                "gradepost uses the API key and service key");
    transport();
    auto audience = current.audience.empty() ? std::string(lti::default_token_audience(platform()))
                                             : current.audience;
    lti::Credentials credentials{current.client_id, current.token_url, audience, current.key_id,
                                 current.access_token};
    if (credentials.access_token.empty()) {
        if (current.token_url.empty() || current.client_id.empty())
            throw util::ConfigError(
                "no credentials: give --client-id and --token-url (or a profile in the config "
                "file, " +
                config_file_status(m_config_path) +
                "), or an access token in GRADEPOST_ACCESS_TOKEN");
        m_key = config::load_private_key(current.private_key_file,
                                         config::process_environment("GRADEPOST_PRIVATE_KEY"));
    } else {
        util::register_secret(credentials.access_token);
    }
    m_tokens =
        std::make_unique<lti::TokenSource>(*m_transport, credentials, m_key ? &*m_key : nullptr,
                                           m_scopes, util::system_clock(), m_globals.transport);
    return *m_tokens;
}

lti::GradebookClient& Connection::client() {
    if (!m_client && profile().is_ltiaas()) {
        const auto& current = profile();
        if (current.ltiaas_api_key.empty() || current.ltiaas_service_key.empty())
            throw util::ConfigError("no LTIAAS keys: set ltiaas_api_key and ltiaas_service_key "
                                    "in the profile, or GRADEPOST_LTIAAS_API_KEY and "
                                    "GRADEPOST_LTIAAS_SERVICE_KEY");
        util::register_secret(current.ltiaas_api_key);
        util::register_secret(current.ltiaas_service_key);
        m_client = std::make_unique<lti::LtiaasClient>(
            transport(), lti::LtiaasKeys{current.ltiaas_api_key, current.ltiaas_service_key},
            ltiaas_url(), platform());
    }
    if (!m_client) {
        auto& token_source = tokens();
        const auto& current = profile();
        lti::OriginPolicy origins(
            {current.token_url, current.lineitems_url, current.memberships_url},
            m_globals.allowed_origins);
        m_client = std::make_unique<lti::AgsClient>(transport(), token_source, platform(),
                                                    std::move(origins));
    }
    return *m_client;
}

const std::string& Connection::ltiaas_url() {
    const auto& url = profile().ltiaas_url;
    if (url.empty())
        throw util::UsageError("no LTIAAS URL: give --ltiaas-url URL or set ltiaas_url in the "
                               "profile");
    if (!lti::parse_origin(url))
        throw util::UsageError("the LTIAAS URL " + url +
                               " is not an http or https URL (e.g. https://school.ltiaas.com)");
    return url;
}

const std::string& Connection::lineitems_url() {
    if (profile().is_ltiaas()) {
        if (m_ltiaas_lineitems_url.empty())
            m_ltiaas_lineitems_url = lti::ltiaas_line_items_url(ltiaas_url());
        return m_ltiaas_lineitems_url;
    }
    const auto& url = profile().lineitems_url;
    if (url.empty())
        throw util::UsageError("no line items URL: give --lineitems URL or set lineitems_url in "
                               "the profile");
    if (url.find("{course}") != std::string::npos)
        throw util::UsageError("the line items URL " + url + " needs --course ID");
    return url;
}

const std::string& Connection::memberships_url() {
    if (profile().is_ltiaas()) {
        if (m_ltiaas_memberships_url.empty())
            m_ltiaas_memberships_url = lti::ltiaas_memberships_url(ltiaas_url());
        return m_ltiaas_memberships_url;
    }
    const auto& url = profile().memberships_url;
    if (url.empty())
        throw util::UsageError("no memberships URL: give --memberships URL or set "
                               "memberships_url in the profile");
    if (url.find("{course}") != std::string::npos)
        throw util::UsageError("the memberships URL " + url + " needs --course ID");
    return url;
}

std::filesystem::path state_path(const GlobalOptions& globals) {
    // The profile is read only when neither --state nor GRADEPOST_STATE says where.
    auto environment_state = config::process_environment("GRADEPOST_STATE");
    std::string profile_state_url;
    if (globals.state_file.empty() && (!environment_state || environment_state->empty()))
        profile_state_url = resolve_command_profile(globals, nullptr).state_url;
    return config::choose_state_path(globals.state_file, profile_state_url,
                                     config::process_environment);
}

report::Style output_style(const GlobalOptions& globals) {
    return report::Style{report::use_color(globals.color, STDOUT_FILENO)};
}

void print(const GlobalOptions& globals, const std::string& text) {
    if (globals.quiet || text.empty())
        return;
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (text.back() != '\n')
        std::fputc('\n', stdout);
    std::fflush(stdout);
}

bool confirm(const std::string& question) {
    if (!isatty(STDIN_FILENO))
        return false;
    std::fprintf(stderr, "%s [y/N] ", question.c_str());
    std::fflush(stderr);
    std::string answer;
    if (!std::getline(std::cin, answer))
        return false;
    return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES";
}

} // namespace gradepost::cli
