#!/usr/bin/env python3
"""Hostile platforms on loopback for the origin and timeout tests.

usage: hostile_platform.py MODE HOST PORT_FILE LOG_FILE [ARGS...]
  record                     answers every request with an empty page; logs it
  platform NEXT_BASE ITEMS   an AGS/NRPS platform whose listings link their next page to
                             NEXT_BASE ("none": no next page) and whose line items live
                             under ITEMS ("self": its own scheme, host and port)
  hang                       accepts connections and never answers
Every mode binds HOST on port 0 and writes the port to PORT_FILE once listening. Each request
is logged as "METHOD PATH AUTHORIZATION" to LOG_FILE. TLS when TLS_CERT and TLS_KEY are set.
"""
import http.server
import json
import os
import socketserver
import ssl
import sys
import time

mode, host, port_file, log_file = sys.argv[1:5]
extra = sys.argv[5:]


def log(handler):
    with open(log_file, "a") as out:
        out.write(f"{handler.command} {handler.path} {handler.headers.get('Authorization', '-')}\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, body, link=None):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if link and not link.startswith("none/"):
            self.send_header("Link", f'<{link}>; rel="next"')
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        log(self)
        path = self.path.split("?")[0]
        if mode == "hang":
            time.sleep(3600)
        if mode == "record":
            self.answer({"members": []} if "memberships" in path else [])
            return
        next_base, items = extra[0], extra[1]
        if items == "self":
            scheme = "https" if os.environ.get("TLS_CERT") else "http"
            items = f"{scheme}://{host}:{server.server_address[1]}"
        if path == "/lineitems":
            item = {"id": f"{items}/lineitems/1", "label": "Quiz 1", "scoreMaximum": 10}
            self.answer([item], f"{next_base}/lineitems?page=2")
        elif path.endswith("/results"):
            self.answer([], f"{next_base}/results?page=2")
        elif path == "/memberships":
            self.answer({"members": [{"user_id": "1001", "roles": ["Learner"]}]},
                        f"{next_base}/memberships?page=2")
        else:
            self.answer([])

    def do_POST(self):
        log(self)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if mode == "hang":
            time.sleep(3600)
        self.answer({})

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server((host, 0), Handler)
if os.environ.get("TLS_CERT"):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.environ["TLS_CERT"], os.environ["TLS_KEY"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
open(log_file, "a").close()
with open(port_file + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
