#include "sandbox/sandbox.hpp"

#include "sandbox/course_seed.hpp"
#include "sandbox/crypto.hpp"
#include "sandbox/profile_writer.hpp"
#include "sandbox/routes.hpp"
#include "sandbox/sandbox_context.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

#include "sandbox/httplib.hpp"

#include <fmt/format.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <random>
#include <thread>

namespace gradepost::sandbox {

namespace {

constexpr const char* k_host = "127.0.0.1";
// Enough for keep-alive clients to pipeline thousands of requests on one connection.
constexpr std::size_t k_keep_alive_requests = 100'000;
// Idle keep-alive connections hold a worker; this bounds how long, and how long stop() waits.
constexpr time_t k_keep_alive_seconds = 3;
constexpr time_t k_read_timeout_seconds = 5;

std::uint64_t random_seed() {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

// 32 hex digits: a fresh LTIAAS key for each run.
std::string random_ltiaas_key() {
    return fmt::format("{:016x}{:016x}", random_seed(), random_seed());
}

} // namespace

struct Sandbox::Impl {
    SandboxOptions options;
    Course course;
    std::vector<TrustedKey> keys;
    std::optional<GeneratedKeyPair> generated;
    std::unique_ptr<SandboxContext> context;
    httplib::Server server;
    std::thread thread;
    std::string base_url;
};

Sandbox::Sandbox(SandboxOptions options) : m_impl(std::make_unique<Impl>()) {
    auto& impl = *m_impl;
    if (options.token_lifetime_seconds < 0)
        throw util::UsageError("--token-lifetime must not be negative");
    if (options.worker_threads < 1)
        throw util::UsageError("the sandbox needs at least one worker thread");
    parse_scope_list(options.scopes); // reports a bad --scopes before anything starts
    impl.course = load_course(options);
    if (!options.public_key_file.empty())
        impl.keys = load_trusted_keys(options.public_key_file);
    if (!options.write_profile_dir.empty()) {
        impl.generated = generate_key_pair();
        impl.keys.push_back(impl.generated->trusted);
    }
    if (options.ltiaas) {
        if (options.write_profile_dir.empty())
            throw util::UsageError("--ltiaas needs --write-profile DIR: the API key and service "
                                   "key are written there");
        if (options.quirks == QuirkMode::moodle)
            throw util::UsageError("--ltiaas works with --quirks strict, canvas or openedx");
        options.ltiaas_api_key = random_ltiaas_key();
        options.ltiaas_service_key = random_ltiaas_key();
    }
    if (impl.keys.empty())
        util::warn("the sandbox trusts no tool key: every token request will be refused "
                   "(use --public-key or --write-profile)");
    impl.options = std::move(options);
}

Sandbox::~Sandbox() {
    stop();
}

int Sandbox::start() {
    auto& impl = *m_impl;
    auto& server = impl.server;
    int threads = impl.options.worker_threads;
    server.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    // httplib's default also sets SO_REUSEPORT, which would let a second sandbox share the
    // port silently; an explicit --port must fail when taken.
    socket_t listening = INVALID_SOCKET;
    server.set_socket_options([&listening](socket_t socket) {
        int yes = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listening = socket;
    });
    // httplib writes headers and body separately: without TCP_NODELAY the body waits for the
    // client's delayed ACK (40 ms on Linux) on every keep-alive request.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(k_keep_alive_requests);
    server.set_keep_alive_timeout(k_keep_alive_seconds);
    server.set_read_timeout(k_read_timeout_seconds, 0);
    server.set_write_timeout(k_read_timeout_seconds, 0);

    int port = impl.options.port;
    if (port == 0)
        port = server.bind_to_any_port(k_host);
    else if (!server.bind_to_port(k_host, port))
        port = -1;
    if (port <= 0)
        throw util::UsageError("cannot listen on " + std::string(k_host) + ":" +
                               std::to_string(impl.options.port));
    // Debian's compiled httplib listens with a backlog of 5: a client opening 16 connections
    // at once had SYNs dropped and waited a whole second for their retransmission. Calling
    // listen() again only widens the queue.
    ::listen(listening, SOMAXCONN);
    impl.base_url = "http://" + std::string(k_host) + ":" + std::to_string(port);

    std::uint64_t seed = impl.options.fault_seed.value_or(random_seed());
    impl.context =
        std::make_unique<SandboxContext>(impl.options, impl.course, impl.keys, impl.base_url, seed);
    auto& context = *impl.context;
    if (impl.generated) {
        ToolProfile profile{std::string(platform_name(context.quirks.mode)),
                            impl.options.client_id,
                            context.urls.token_url(),
                            context.urls.lineitems_url(),
                            context.urls.memberships_url(),
                            std::nullopt};
        if (impl.options.ltiaas)
            profile.ltiaas = LtiaasProfile{impl.base_url, impl.options.ltiaas_api_key,
                                           impl.options.ltiaas_service_key};
        write_tool_profile(impl.options.write_profile_dir, *impl.generated, profile);
    }

    add_admin_routes(server, context);
    add_token_route(server, context);
    add_line_item_routes(server, context);
    add_score_routes(server, context);
    add_membership_routes(server, context);
    if (impl.options.ltiaas)
        add_ltiaas_routes(server, context);
    add_fallback_routes(server, context);

    auto finished = std::make_shared<std::atomic<bool>>(false);
    impl.thread = std::thread([&server, finished] {
        server.listen_after_bind();
        *finished = true;
    });
    while (!server.is_running() && !*finished)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!server.is_running()) {
        impl.thread.join();
        throw util::UsageError("cannot serve on " + impl.base_url);
    }
    util::info("sandbox: {} platform for course {} on {}", to_string(context.quirks.mode),
               context.state.course_id(), impl.base_url);
    return port;
}

void Sandbox::stop() {
    if (!m_impl || !m_impl->thread.joinable())
        return;
    m_impl->server.stop();
    m_impl->thread.join();
}

std::string Sandbox::base_url() const {
    return m_impl->base_url;
}

} // namespace gradepost::sandbox
