#pragma once

#include <string>

namespace gradepost::util {

// Keeps this process's memory, where tokens and private keys live, out of core dumps: marks
// the process not dumpable (PR_SET_DUMPABLE, which also stops other processes of the same
// user from attaching a debugger to read it) and sets RLIMIT_CORE to 0. Call it before the
// first secret is read; it lasts until exit. Returns false when the kernel refused (the run
// goes on; the caller may warn).
bool keep_out_of_core_dumps();

// Overwrites the characters of `secret` with zeros in a way the compiler may not skip, then
// empties it: for buffers that held a token, a key or a header carrying one.
void erase_secret(std::string& secret);
// The same for a zero-terminated C string that stays allocated (libcurl's header lists).
void erase_secret(char* c_string);

} // namespace gradepost::util
