"""Gunicorn settings for CloseRead: `make serve`, the systemd unit and the Docker image all use this file.

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py "app:create_app()"

Environment: CLOSEREAD_BIND (default 127.0.0.1:8000), CLOSEREAD_WORKERS (default 4; about two per
core), CLOSEREAD_PIDFILE (default instance/gunicorn.pid). Graceful reload after a code change:
`kill -HUP $(cat instance/gunicorn.pid)` (new workers start, old ones finish their request first).

Two guards for a master that dies without cleaning up (kill -9, OOM killer):
* every worker asks the kernel for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG), so
  orphaned workers leave at once instead of holding the port until their next timeout check;
* a pid file whose process is gone, or is not a gunicorn master, is removed at start-up, so
  a stale file never blocks a restart (gunicorn alone refuses when the pid was reused).
"""

import ctypes
import os
import signal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

bind = os.environ.get("CLOSEREAD_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CLOSEREAD_WORKERS", "4"))
worker_class = "sync"
timeout = 30  # a request taking longer is a bug; the worker is replaced
graceful_timeout = 20  # on HUP/TERM, workers get this long to finish their current request
keepalive = 5
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
pidfile = os.environ.get("CLOSEREAD_PIDFILE", str(ROOT / "instance" / "gunicorn.pid"))
accesslog = "-"
errorlog = "-"
loglevel = "info"
preload_app = False  # so that HUP loads new code
control_socket_disable = True  # gunicorn's control socket is not used (one fixed path per user otherwise)
chdir = str(ROOT)

PR_SET_PDEATHSIG = 1


def _is_gunicorn(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"gunicorn" in cmdline


def remove_stale_pidfile(path: str) -> None:
    """Remove a pid file whose process is gone or is not a gunicorn (the pid was reused).

    Runs when this file is loaded, before gunicorn writes its pid file: gunicorn itself
    refuses to start while the recorded pid is alive, whatever that process is now.
    """
    pid_path = Path(path)
    if not pid_path.exists():
        return
    try:
        pid = int(pid_path.read_text().strip() or 0)
    except (OSError, ValueError):
        pid = 0
    if pid == os.getpid():  # a reload (HUP) of this very master
        return
    if not pid or not _is_gunicorn(pid):
        print(f"Removing stale pid file {path} (pid {pid or '-'} is not a running gunicorn)", flush=True)
        pid_path.unlink(missing_ok=True)


remove_stale_pidfile(pidfile)


def post_fork(server, worker):
    """Ask the kernel to send this worker SIGTERM when the master dies (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        server.log.warning("prctl(PR_SET_PDEATHSIG) is not available; orphaned workers leave at their next check")
    if os.getppid() != server.pid:  # the master died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)
