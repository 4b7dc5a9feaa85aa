#pragma once

#include "sandbox/sandbox_context.hpp"

#include "sandbox/httplib.hpp"

// The routes of the sandbox platform, each group in its own file. They capture `context`
// by reference: it must outlive the server.
namespace gradepost::sandbox {

// POST /token (Moodle: /mod/lti/token.php): OAuth2 client credentials with a JWT assertion.
void add_token_route(httplib::Server& server, SandboxContext& context);
// AGS line items: the container (GET, POST) and one item (GET, PUT, DELETE).
void add_line_item_routes(httplib::Server& server, SandboxContext& context);
// AGS scores (POST) and results (GET) of a line item.
void add_score_routes(httplib::Server& server, SandboxContext& context);
// NRPS memberships (GET).
void add_membership_routes(httplib::Server& server, SandboxContext& context);
// --ltiaas: the LTIAAS API (/api/lineitems, /api/lineitems/:lineItemId[/scores],
// /api/memberships) over the same state, with its service-key check and error shape.
void add_ltiaas_routes(httplib::Server& server, SandboxContext& context);
// /_sandbox/…: log, scores, stats, reset, faults, config. Never faulted or logged.
void add_admin_routes(httplib::Server& server, SandboxContext& context);
// Everything else: 404, logged.
void add_fallback_routes(httplib::Server& server, SandboxContext& context);

} // namespace gradepost::sandbox
