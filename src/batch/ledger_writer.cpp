#include "batch/ledger_writer.hpp"

namespace gradepost::batch {

LedgerWriter::LedgerWriter(state::Ledger& ledger, const state::Target& target)
    : m_ledger(ledger), m_target(target), m_thread([this] { work(); }) {}

LedgerWriter::~LedgerWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_is_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

std::uint64_t LedgerWriter::journal(std::vector<state::PendingScore> pending) {
    return queue(
        [this, pending = std::move(pending)] { m_ledger.mark_pending(m_target, pending); });
}

void LedgerWriter::record(std::vector<state::PostResult> results) {
    if (results.empty())
        return;
    queue([this, results = std::move(results)] { m_ledger.record_results(m_target, results); });
}

void LedgerWriter::wait_for(std::uint64_t ticket) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_done >= ticket || m_error; });
    rethrow_error();
}

void LedgerWriter::finish() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_done >= m_queued; });
    rethrow_error();
}

std::uint64_t LedgerWriter::queue(std::function<void()> write) {
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(m_mutex);
        m_writes.push_back(std::move(write));
        ticket = ++m_queued;
    }
    m_changed.notify_all();
    return ticket;
}

void LedgerWriter::work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return !m_writes.empty() || m_is_stopping; });
        if (m_writes.empty())
            return;
        auto write = std::move(m_writes.front());
        m_writes.pop_front();
        if (!m_error) {
            lock.unlock();
            std::exception_ptr error;
            try {
                write();
            } catch (...) {
                error = std::current_exception();
            }
            lock.lock();
            if (error && !m_error)
                m_error = error;
        }
        ++m_done;
        m_changed.notify_all();
    }
}

// Called with the mutex held.
void LedgerWriter::rethrow_error() const {
    if (m_error)
        std::rethrow_exception(m_error);
}

} // namespace gradepost::batch
