#pragma once

#include "state/ledger.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gradepost::batch {

// Writes to the ledger on a thread of its own, in the order asked, so that its commits (an
// fsync each) never stall the posting pipeline: the next chunk's intent is journaled while
// the current chunk is in flight, answers are recorded while more posts go out. The ledger
// must not be used elsewhere until finish() has returned. After a failed write the later ones
// are skipped: wait_for() and finish() rethrow its error.
class LedgerWriter {
public:
    LedgerWriter(state::Ledger& ledger, const state::Target& target);
    // Lets the queued writes finish (a journaled intent is never left half done); their
    // errors are dropped: call finish() to see them.
    ~LedgerWriter();

    LedgerWriter(const LedgerWriter&) = delete;
    LedgerWriter& operator=(const LedgerWriter&) = delete;

    // Queues the intent journal of `pending`; returns a ticket for wait_for().
    std::uint64_t journal(std::vector<state::PendingScore> pending);
    // Queues the recording of answers.
    void record(std::vector<state::PostResult> results);

    // Returns once the write of `ticket` is committed; throws the first failed write's error.
    void wait_for(std::uint64_t ticket);
    // Returns once every queued write is committed; throws the first error.
    void finish();

private:
    std::uint64_t queue(std::function<void()> write);
    void work();
    void rethrow_error() const;

    state::Ledger& m_ledger;
    state::Target m_target;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_writes;
    std::uint64_t m_queued = 0; // tickets handed out
    std::uint64_t m_done = 0;   // writes finished, committed or failed
    std::exception_ptr m_error;
    bool m_is_stopping = false;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace gradepost::batch
