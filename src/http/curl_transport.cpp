#include "http/curl_transport.hpp"

#include "http/curl_library.hpp"
#include "http/retry_policy.hpp"
#include "http/status_line.hpp"
#include "http/throttle.hpp"
#include "http/trace.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/log.hpp"
#include "util/secret_memory.hpp"
#include "util/text.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <random>

namespace gradepost::http {

// Named, not anonymous: CurlTransport::Impl (external linkage) holds a Session, and a member
// of an anonymous-namespace type would make each including unit's Impl a different type
// (-Wsubobject-linkage in a unity build).
namespace curl_detail {

using OnDone = std::function<void(std::size_t, const Response&)>;

// How often a loop with nothing to do looks at the interrupt flag.
constexpr std::chrono::milliseconds k_poll_interval{100};

// No AGS or NRPS answer comes near these; beyond them a hostile or broken server would only
// make us hold its bytes. Refused, never retried.
constexpr std::size_t k_max_header_bytes = 64 * 1024;
constexpr std::size_t k_max_body_bytes = 64 * 1024 * 1024;

// libcurl's global state must exist before the first handle and outlive the last one.
void initialise_curl() {
    struct Global {
        Global() {
            if (curl_library().global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
                throw util::UnreachableError("cannot initialise libcurl");
        }
        ~Global() { curl_library().global_cleanup(); }
    };
    static Global global;
}

struct MultiDeleter {
    void operator()(CURLM* multi) const { curl_library().multi_cleanup(multi); }
};
struct EasyDeleter {
    void operator()(CURL* easy) const { curl_library().easy_cleanup(easy); }
};
struct ShareDeleter {
    void operator()(CURLSH* share) const { curl_library().share_cleanup(share); }
};
struct SlistDeleter {
    // The list holds the Authorization header: its text is erased, not just freed.
    void operator()(curl_slist* list) const {
        for (curl_slist* item = list; item; item = item->next)
            util::erase_secret(item->data);
        curl_library().slist_free_all(list);
    }
};

using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using ShareHandle = std::unique_ptr<CURLSH, ShareDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// One easy handle and what it collects while one send is in flight.
struct Transfer {
    EasyHandle easy;
    HeaderList header_list;
    std::size_t index = 0;
    util::Instant started{}; // this send's start, on the transport's clock
    Response response;
    std::array<char, CURL_ERROR_SIZE> error{};
    std::size_t header_bytes = 0;
    std::string oversize; // why the response was cut off: too large to accept
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    auto& response = transfer.response;
    std::string_view line(data, size * count);
    transfer.header_bytes += line.size();
    if (transfer.header_bytes > k_max_header_bytes) {
        transfer.oversize = fmt::format("the response's headers are larger than {} KiB; refused",
                                        k_max_header_bytes / 1024);
        return 0;
    }
    if (is_status_line(line)) {
        // A 1xx interim response comes first; only the final one's headers count.
        response.headers.clear();
        response.reason = reason_phrase(line);
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        response.headers.emplace_back(std::string(util::trim(line.substr(0, colon))),
                                      std::string(util::trim(line.substr(colon + 1))));
    }
    return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    if (transfer.response.body.size() + size * count > k_max_body_bytes) {
        transfer.oversize = fmt::format("the response's body is larger than {} MiB; refused",
                                        k_max_body_bytes / (1024 * 1024));
        return 0;
    }
    transfer.response.body.append(data, size * count);
    return size * count;
}

struct FailureReport {
    Failure failure;
    std::string message;
};

// Maps a libcurl error to what retrying needs to know and a message that says what to do.
// `was_sent`: some of the request went out, so the server may have acted on it.
FailureReport describe_failure(CURLcode code, const char* detail_buffer, bool was_sent) {
    std::string detail = detail_buffer[0] ? detail_buffer : curl_library().easy_strerror(code);
    auto unanswered = was_sent ? Failure::no_answer : Failure::not_sent;
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        return {Failure::not_sent, "could not connect: " + detail};
    case CURLE_OPERATION_TIMEDOUT:
        return {unanswered, "timed out: " + detail};
    case CURLE_GOT_NOTHING:
        return {unanswered, "connection closed without a response: " + detail};
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return {unanswered, "connection dropped: " + detail};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CRL_BADFILE:
        return {Failure::tls, "the platform's TLS certificate could not be verified (" + detail +
                                  "); pass --ca-file with the CA bundle that signed it"};
    case CURLE_SSL_CONNECT_ERROR:
        // Mostly configuration (http port behind an https URL, TLS version, client CA) that
        // fails the same way every time; a rare reset mid-handshake is left to the next run.
        return {Failure::tls, "TLS handshake failed (" + detail +
                                  "); check that the URL's scheme is right and --ca-file"};
    case CURLE_URL_MALFORMAT:
        return {Failure::fatal, "malformed URL: " + detail};
    case CURLE_UNSUPPORTED_PROTOCOL:
        return {Failure::fatal, "unsupported URL scheme (use http or https): " + detail};
    case CURLE_COULDNT_RESOLVE_HOST:
        return {Failure::fatal, "unknown host (check the URL): " + detail};
    case CURLE_OUT_OF_MEMORY:
        // What libcurl says of a header line over its 100 KiB limit: no retry will shrink it.
        return {Failure::fatal, "the response is too large to accept (" + detail + ")"};
    default:
        return {Failure::fatal, detail};
    }
}

// What lives as long as the transport: the multi handle and its connection cache, the TLS
// session and DNS caches, idle easy handles, and the pacing learned from responses.
// Members are destroyed bottom-up, as libcurl needs: idle easy handles, then the multi handle,
// the share object last.
struct Session {
    Session(TransportOptions transport_options, util::Clock& session_clock)
        : options(std::move(transport_options)), clock(session_clock),
          throttle(std::max(options.concurrency, 1), options.rate), random(std::random_device{}()) {
        initialise_curl();
        options.concurrency = std::max(options.concurrency, 1);
        options.retries = std::max(options.retries, 0);

        share.reset(curl_library().share_init());
        multi.reset(curl_library().multi_init());
        if (!share || !multi)
            throw util::UnreachableError("cannot create a libcurl handle");
        // One thread uses these handles, so the share object needs no lock callbacks.
        curl_library().share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
        curl_library().share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);

        // The multi handle's connection cache is shared by every transfer and kept between
        // perform() calls; keep as many idle connections as may be busy at once.
        long concurrency = options.concurrency;
        curl_library().multi_setopt(multi.get(), CURLMOPT_PIPELINING,
                                    static_cast<long>(CURLPIPE_MULTIPLEX));
        curl_library().multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS, concurrency);
        curl_library().multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, concurrency);
        curl_library().multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, concurrency);
    }

    std::unique_ptr<Transfer> acquire() {
        if (idle.empty()) {
            auto transfer = std::make_unique<Transfer>();
            transfer->easy.reset(curl_library().easy_init());
            if (!transfer->easy)
                throw util::UnreachableError("cannot create a libcurl handle");
            return transfer;
        }
        auto transfer = std::move(idle.back());
        idle.pop_back();
        curl_library().easy_reset(transfer->easy.get());
        return transfer;
    }

    void configure(Transfer& transfer, const Request& request) {
        CURL* easy = transfer.easy.get();
        transfer.response = Response{};
        transfer.error[0] = '\0';
        transfer.header_bytes = 0;
        transfer.oversize.clear();

        curl_library().easy_setopt(easy, CURLOPT_URL, request.url.c_str());
        curl_library().easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
        curl_library().easy_setopt(easy, CURLOPT_SHARE, share.get());
        curl_library().easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_library().easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error.data());
        curl_library().easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
        curl_library().easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
        curl_library().easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
        curl_library().easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
        curl_library().easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_library().easy_setopt(easy, CURLOPT_USERAGENT, "gradepost/" GRADEPOST_VERSION);
        // gzip only: every platform speaks it, while brotli at a server's default quality costs
        // more CPU than it saves on small API answers (3x slower against cpp-httplib).
        curl_library().easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip");
        curl_library().easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
        // HTTP/2 when the server offers it over TLS; streams wait for a connection that can
        // multiplex rather than opening one each.
        curl_library().easy_setopt(easy, CURLOPT_HTTP_VERSION,
                                   static_cast<long>(CURL_HTTP_VERSION_2TLS));
        curl_library().easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
        // A redirected API call is a configuration problem: the 3xx goes back as data.
        curl_library().easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
        // Timeouts are set by Run::start(), from what is left of the request's budget.

        curl_library().easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.insecure ? 0L : 1L);
        curl_library().easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.insecure ? 0L : 2L);
        if (!options.ca_file.empty())
            curl_library().easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());

        if (request.method == "HEAD") {
            curl_library().easy_setopt(easy, CURLOPT_NOBODY, 1L);
        } else if (request.method == "GET") {
            curl_library().easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        } else {
            if (request.method == "POST" || !request.body.empty()) {
                // The request outlives the transfer, so libcurl may read the body in place.
                curl_library().easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                                           static_cast<curl_off_t>(request.body.size()));
                curl_library().easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
            }
            if (request.method != "POST")
                curl_library().easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }

        // "Expect:" turns off 100-continue, a round trip API servers do not need.
        curl_slist* list = curl_library().slist_append(nullptr, "Expect:");
        for (const auto& [name, value] : request.headers) {
            // "Name;" is how libcurl sends a header with an empty value.
            auto line = value.empty() ? name + ";" : name + ": " + value;
            if (auto* appended = curl_library().slist_append(list, line.c_str()))
                list = appended;
        }
        transfer.header_list.reset(list);
        curl_library().easy_setopt(easy, CURLOPT_HTTPHEADER, list);
    }

    TransportOptions options;
    ShareHandle share;
    MultiHandle multi;
    std::vector<std::unique_ptr<Transfer>> idle;
    util::Clock& clock; // backoff and pacing waits; curl's own timeouts stay real
    Throttle throttle;
    std::mt19937_64 random;
};

// One perform() call: requests waiting to be sent, transfers in flight, each request's sends.
// The destructor takes transfers still in flight back out of the multi handle, so an
// exception from on_done leaves the transport usable.
class Run {
public:
    Run(Session& session, TransferCounts& counts, std::span<const Request> requests,
        const OnDone& on_done, const BeforeFirstSend& before_first_send)
        : m_session(session), m_counts(counts), m_requests(requests), m_on_done(on_done),
          m_before_first_send(before_first_send), m_prepared(requests.size()),
          m_sends(requests.size(), 0), m_may_have_been_applied(requests.size(), false),
          m_last(requests.size()), m_results(requests.size()), m_deadline(requests.size()) {
        for (std::size_t index = 0; index < requests.size(); ++index)
            m_fresh.push_back(index);
    }

    ~Run() {
        for (auto& transfer : m_active) {
            curl_library().multi_remove_handle(m_session.multi.get(), transfer->easy.get());
            m_session.idle.push_back(std::move(transfer));
        }
    }

    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    std::vector<Response> run() {
        while (has_fresh() || !m_retries.empty() || !m_active.empty()) {
            count_paced_time();
            if (!util::is_interrupted())
                start_due();
            else if (m_active.empty())
                break;
            int running = 0;
            if (auto code = curl_library().multi_perform(m_session.multi.get(), &running);
                code != CURLM_OK)
                throw util::UnreachableError(
                    fmt::format("libcurl: {}", curl_library().multi_strerror(code)));
            collect_finished();
            if (!has_fresh() && m_retries.empty() && m_active.empty())
                break;
            wait();
        }
        give_back_unsent();
        return std::move(m_results);
    }

private:
    // Since the last look: was a request ready to start, with a connection free, and the
    // pacer holding it? Then that time was spent waiting on the pacer.
    void count_paced_time() {
        auto now = m_session.clock.now();
        if (m_was_paced)
            m_counts.paced +=
                std::chrono::duration_cast<std::chrono::microseconds>(now - m_looked_at);
        m_looked_at = now;
        int in_flight = static_cast<int>(m_active.size());
        m_was_paced = has_fresh() && in_flight < m_session.options.concurrency &&
                      !m_session.throttle.may_start(in_flight, now);
    }

    bool has_fresh() const { return !m_fresh.empty() && !m_holding; }

    const Request& request_at(std::size_t index) const {
        return m_prepared[index] ? *m_prepared[index] : m_requests[index];
    }

    // The caller's last look at a request before its first send; false holds it back.
    bool prepare(std::size_t index) {
        if (!m_before_first_send)
            return true;
        m_prepared[index] = m_requests[index];
        if (m_before_first_send(index, *m_prepared[index]))
            return true;
        m_prepared[index].reset();
        m_holding = true;
        return false;
    }

    // Starts what the throttle allows: retries whose wait is over first, then new requests.
    void start_due() {
        auto now = m_session.clock.now();
        while (m_session.throttle.may_start(static_cast<int>(m_active.size()), now)) {
            std::size_t index = 0;
            if (!m_retries.empty() && m_retries.begin()->first <= now) {
                index = m_retries.begin()->second;
                m_retries.erase(m_retries.begin());
            } else if (has_fresh()) {
                index = m_fresh.front();
                if (!prepare(index))
                    continue;
                m_fresh.pop_front();
            } else {
                break;
            }
            start(index, now);
        }
    }

    void start(std::size_t index, util::Instant now) {
        auto transfer = m_session.acquire();
        transfer->index = index;
        transfer->started = now;
        m_session.configure(*transfer, request_at(index));
        // Every send of a request shares one budget (--timeout) counted from its first send,
        // so a platform that never answers ends the request once, not once per retry.
        if (!m_deadline[index])
            m_deadline[index] = now + m_session.options.request_timeout;
        auto left = std::max(std::chrono::ceil<std::chrono::milliseconds>(*m_deadline[index] - now),
                             std::chrono::milliseconds{1});
        curl_library().easy_setopt(transfer->easy.get(), CURLOPT_TIMEOUT_MS,
                                   static_cast<long>(left.count()));
        curl_library().easy_setopt(
            transfer->easy.get(), CURLOPT_CONNECTTIMEOUT_MS,
            static_cast<long>(std::min(left, m_session.options.connect_timeout).count()));
        if (curl_library().multi_add_handle(m_session.multi.get(), transfer->easy.get()) !=
            CURLM_OK) {
            m_session.idle.push_back(std::move(transfer));
            throw util::UnreachableError("libcurl refused a transfer");
        }
        ++m_sends[index];
        ++m_counts.sends;
        if (m_sends[index] > 1)
            ++m_counts.retries;
        trace_request(request_at(index), m_sends[index]);
        m_session.throttle.on_start(now);
        m_active.push_back(std::move(transfer));
    }

    void collect_finished() {
        int left = 0;
        while (CURLMsg* message = curl_library().multi_info_read(m_session.multi.get(), &left)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            // The message dies with remove_handle: copy what it says first.
            CURL* easy = message->easy_handle;
            CURLcode code = message->data.result;
            curl_library().multi_remove_handle(m_session.multi.get(), easy);
            auto found = std::ranges::find_if(
                m_active, [&](const auto& transfer) { return transfer->easy.get() == easy; });
            auto transfer = std::move(*found);
            m_active.erase(found);
            finish(*transfer, code);
            m_session.idle.push_back(std::move(transfer));
        }
    }

    void finish(Transfer& transfer, CURLcode code) {
        auto index = transfer.index;
        const auto& request = request_at(index);
        auto& response = transfer.response;
        auto failure = Failure::none;
        if (code == CURLE_OK) {
            long status = 0;
            curl_library().easy_getinfo(transfer.easy.get(), CURLINFO_RESPONSE_CODE, &status);
            response.status = static_cast<int>(status);
        } else {
            long request_size = 0;
            curl_library().easy_getinfo(transfer.easy.get(), CURLINFO_REQUEST_SIZE, &request_size);
            auto report = describe_failure(code, transfer.error.data(), request_size > 0);
            failure = report.failure;
            if (!transfer.oversize.empty())
                report = {Failure::fatal, transfer.oversize};
            response = Response{};
            response.transport_error = std::move(report.message);
            response.failure = report.failure;
        }
        if (may_have_reached_server(failure))
            m_may_have_been_applied[index] = true;
        response.attempts = m_sends[index];
        response.may_have_been_applied = m_may_have_been_applied[index];
        trace_response(request, response);

        auto now = m_session.clock.now();
        m_session.throttle.on_response(response, transfer.started,
                                       static_cast<int>(m_active.size()), now);
        if (response.status == 401)
            ++m_counts.unauthorized;
        if (is_throttled(response))
            ++m_counts.throttled;
        const auto& options = m_session.options;
        if (!request.is_single_use && is_retryable(response, failure) &&
            m_sends[index] <= options.retries && !util::is_interrupted()) {
            auto delay =
                retry_delay(response, m_sends[index], options.max_backoff, now, m_session.random);
            if (now + delay >= *m_deadline[index]) {
                if (!response.status)
                    response.transport_error += fmt::format(
                        " (gave up after {} s, the --timeout of a request and its retries)",
                        std::chrono::ceil<std::chrono::seconds>(options.request_timeout).count());
                complete(index, std::move(response));
                return;
            }
            util::info("{} {}: {}; sending again in {} ms (send {} of at most {})", request.method,
                       request.url,
                       response.status ? fmt::format("{} {}", response.status, response.reason)
                                       : response.transport_error,
                       delay.count(), m_sends[index] + 1, options.retries + 1);
            m_last[index] = std::move(response);
            m_retries.emplace(now + delay, index);
            return;
        }
        complete(index, std::move(response));
    }

    void complete(std::size_t index, Response response) {
        m_results[index] = std::move(response);
        if (m_on_done)
            m_on_done(index, m_results[index]);
    }

    // After an interruption or a hold: requests never sent come back unsent (held, when the
    // caller held them), requests waiting for a retry with their last response.
    void give_back_unsent() {
        std::vector<std::size_t> indices(m_fresh.begin(), m_fresh.end());
        for (const auto& [due, index] : m_retries)
            indices.push_back(index);
        std::ranges::sort(indices);
        for (auto index : indices) {
            if (m_last[index]) {
                complete(index, std::move(*m_last[index]));
            } else {
                Response unsent;
                unsent.attempts = 0;
                if (m_holding && !util::is_interrupted()) {
                    unsent.transport_error = "held back before sending";
                    unsent.failure = Failure::not_sent;
                    unsent.is_held = true;
                    m_results[index] = std::move(unsent);
                    continue;
                }
                unsent.transport_error = "interrupted before sending";
                complete(index, std::move(unsent));
            }
        }
        m_fresh.clear();
        m_retries.clear();
    }

    // For a transfer to progress, or, with none in flight, on the clock for the next retry or
    // paced start to fall due (a test's clock then waits no real time).
    void wait() {
        if (m_active.empty())
            m_session.clock.sleep_for(std::chrono::milliseconds(poll_timeout()));
        else
            curl_library().multi_poll(m_session.multi.get(), nullptr, 0, poll_timeout(), nullptr);
    }

    // Until the next request is due, but short enough to notice an interruption.
    int poll_timeout() const {
        auto timeout = k_poll_interval;
        const auto& throttle = m_session.throttle;
        int in_flight = static_cast<int>(m_active.size());
        if (!util::is_interrupted() && in_flight < throttle.window()) {
            std::optional<util::Instant> due;
            if (has_fresh())
                due = throttle.next_start(in_flight);
            else if (!m_retries.empty())
                due = std::max(m_retries.begin()->first, throttle.next_start(in_flight));
            if (due) {
                auto wait =
                    std::chrono::ceil<std::chrono::milliseconds>(*due - m_session.clock.now());
                timeout = std::clamp(wait, std::chrono::milliseconds{0}, timeout);
            }
        }
        return static_cast<int>(timeout.count());
    }

    Session& m_session;
    TransferCounts& m_counts;
    util::Instant m_looked_at{};
    bool m_was_paced = false;
    std::span<const Request> m_requests;
    const OnDone& m_on_done;
    const BeforeFirstSend& m_before_first_send;
    std::vector<std::optional<Request>> m_prepared;      // as the caller prepared it for sending
    bool m_holding = false;                              // the caller held a request back
    std::deque<std::size_t> m_fresh;                     // never sent, in request order
    std::multimap<util::Instant, std::size_t> m_retries; // waiting to be sent again, by due time
    std::vector<std::unique_ptr<Transfer>> m_active;
    std::vector<int> m_sends;
    std::vector<bool> m_may_have_been_applied;
    std::vector<std::optional<Response>> m_last; // the last response of a request awaiting retry
    std::vector<Response> m_results;
    std::vector<std::optional<util::Instant>> m_deadline; // first send + --timeout
};

} // namespace curl_detail

struct CurlTransport::Impl {
    Impl(TransportOptions options, util::Clock& clock) : session(std::move(options), clock) {}
    curl_detail::Session session;
};

CurlTransport::CurlTransport(TransportOptions options, util::Clock& clock)
    : m_impl(std::make_unique<Impl>(std::move(options), clock)) {}

CurlTransport::~CurlTransport() = default;

std::vector<Response> CurlTransport::perform(std::span<const Request> requests,
                                             const curl_detail::OnDone& on_done,
                                             const BeforeFirstSend& before_first_send) {
    return curl_detail::Run(m_impl->session, m_counts, requests, on_done, before_first_send).run();
}

} // namespace gradepost::http
