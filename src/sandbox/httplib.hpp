#pragma once

// The one way the sandbox (and its tests) include cpp-httplib. Debian's package is a compiled
// library built with OpenSSL support: whoever includes <httplib.h> must define the same macro,
// or httplib::Request and the client classes get another layout than the library's.
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>
