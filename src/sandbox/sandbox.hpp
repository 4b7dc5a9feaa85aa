#pragma once

#include "sandbox/options.hpp"

#include <memory>
#include <string>

namespace gradepost::sandbox {

// The embedded LTI 1.3 platform, serving on 127.0.0.1 from a thread of its own. Used by
// `gradepost sandbox` and, in process, by tests.
class Sandbox {
public:
    // Seeds the course and loads the tool's key; generates one for --write-profile. Throws
    // util::UsageError (bad seed, roster or flag) or util::ConfigError (bad key).
    explicit Sandbox(SandboxOptions options);
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    // Binds 127.0.0.1 (the given port, or any free one), writes the --write-profile files and
    // serves. Returns the port once requests are answered. Throws util::UsageError when the
    // port cannot be bound.
    int start();
    // Finishes the requests in flight and stops serving; safe to call twice.
    void stop();

    // http://127.0.0.1:PORT; empty before start().
    std::string base_url() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace gradepost::sandbox
