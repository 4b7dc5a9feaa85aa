#!/usr/bin/env python3
"""pty_run.py LOG ANSWER COMMAND...: runs COMMAND on a pseudo-terminal of 100x30 (its stdin,
stdout and stderr), types ANSWER and Enter once "[y/N]" appears ("" for never), saves
everything the terminal showed into LOG and exits with the command's status. A command still
running after 240 s is killed."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

log, answer, argv = sys.argv[1], sys.argv[2].encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
# rows, columns: a terminal of a known size, whatever runs the test
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
output = b""
answered = False
deadline = time.monotonic() + 240
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    output += chunk
    if answer and not answered and b"[y/N]" in output:
        os.write(fd, answer + b"\n")
        answered = True
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
with open(log, "wb") as f:
    f.write(output)
sys.exit(os.waitstatus_to_exitcode(status))
