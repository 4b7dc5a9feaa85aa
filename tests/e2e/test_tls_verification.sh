#!/usr/bin/env bash
# TLS is verified by default: a token endpoint with a self-signed certificate is refused
# (exit 5, with the hint to pass --ca-file); --ca-file with that certificate is trusted;
# --insecure connects but warns.
source "$(dirname "$0")/common.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$work/tls-key.pem" -out "$work/tls-cert.pem" 2>/dev/null

# A real TLS server on loopback that answers every POST with a token.
python3 - "$work/tls-cert.pem" "$work/tls-key.pem" "$work/tls-port" <<'PY' &
import http.server, ssl, sys
cert, key, port_file = sys.argv[1:4]
class TokenEndpoint(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"access_token":"tls-token","token_type":"Bearer","expires_in":3600,' \
               b'"scope":"https://purl.imsglobal.org/spec/lti-ags/scope/score"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), TokenEndpoint)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
import os; os.rename(port_file + ".tmp", port_file)
server.serve_forever()
PY
sandbox_pid=$! # cleanup() stops it
for _ in $(seq 1 100); do [ -s "$work/tls-port" ] && break; sleep 0.1; done
[ -s "$work/tls-port" ] || fail "TLS server did not start"
token_url="https://127.0.0.1:$(cat "$work/tls-port")/token"

"$GRADEPOST" keys generate --out "$work/keys" >/dev/null
tls_gp() {
  "$GRADEPOST" --state "$work/state.db" --token-url "$token_url" --client-id tls-client \
    --key-file "$work/keys/private.pem" --retries 0 "$@"
}

expect_exit 5 tls_gp token
assert_contains "$work/cmd.err" "could not be verified"
assert_contains "$work/cmd.err" "--ca-file"

expect_exit 0 tls_gp --ca-file "$work/tls-cert.pem" --json token
assert_contains "$work/out" "https://purl.imsglobal.org/spec/lti-ags/scope/score"
assert_not_contains "$work/out" "tls-token"

expect_exit 0 tls_gp --insecure --json token
assert_contains "$work/cmd.err" "NOT verified"
