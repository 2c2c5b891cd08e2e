"""Shared pieces of the benchmarks: the machine, gunicorn servers, statistics, RESULTS.md.

Every server started here listens on 127.0.0.1 on a free port, runs in its own
process group and is stopped when its ``with`` block ends, also on error.
"""

from __future__ import annotations

import contextlib
import os
import platform
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
PYTHON = sys.executable
CORES = os.cpu_count() or 1
WORKERS = 2 * CORES + 1
LESSON = "germany-mali"


# --- the machine ---------------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def ram_gib() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def machine() -> str:
    return (
        f"{cpu_model()}, {CORES} cores, {ram_gib():.1f} GiB RAM, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}"
    )


# --- statistics ----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(min(rank, len(ordered))) - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# --- reports -------------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    measured: str
    target: str
    met: bool


@dataclass
class Report:
    """What one benchmark found: markdown lines for RESULTS.md and its targets."""

    title: str
    lines: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # functional faults (errors, third-party requests)

    def add(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def target(self, name: str, measured: str, target: str, met: bool) -> None:
        self.targets.append(Target(name, measured, target, met))
        print(f"  target {'MET ' if met else 'MISSED'}  {name}: {measured} (target {target})", flush=True)

    def fail(self, message: str) -> None:
        print(f"  FAULT {message}", flush=True)
        self.failures.append(message)

    def markdown(self) -> str:
        out = [f"### {self.title}", "", *self.lines, ""]
        if self.targets:
            out += ["| target | measured | goal | met |", "|---|---|---|---|"]
            out += [f"| {t.name} | {t.measured} | {t.target} | {'yes' if t.met else '**no**'} |" for t in self.targets]
            out.append("")
        if self.failures:
            out += ["Faults:", *[f"- {f}" for f in self.failures], ""]
        return "\n".join(out)


def append_results(reports: list[Report], mode: str, seconds: float) -> None:
    """Append one run's reports to bench/RESULTS.md with the date and the machine."""
    header = (
        f"## {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, `{mode}` ({seconds:.0f} s)\n\n"
        f"Machine: {machine()}.\n\n"
    )
    body = "\n".join(r.markdown() for r in reports)
    new = not RESULTS.exists()
    with RESULTS.open("a", encoding="utf-8") as fh:
        if new:
            fh.write(
                "# CloseRead benchmark results\n\n"
                "Appended by `make bench` (see bench/README.md)."
                " Every figure comes from the run it is listed under.\n\n"
            )
        fh.write(header + body + "\n")
    print(f"Appended to {RESULTS.relative_to(ROOT)}", flush=True)


# --- temporary places and servers ----------------------------------------------------------------


@contextlib.contextmanager
def temp_dir(prefix: str = "closeread-bench-") -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(tmp: Path, db_path: Path | None = None) -> dict[str, str]:
    """Environment for bench/serve_app.py: a temp database and a throwaway secret key."""
    env = dict(os.environ)
    env["CLOSEREAD_BENCH_DB"] = str(db_path or tmp / "closeread.sqlite")
    env["CLOSEREAD_BENCH_SECRET"] = secrets.token_hex(32)
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def init_app_db(env: dict[str, str]) -> None:
    """Apply migrations and load content once, before the workers start (no racing migrations)."""
    subprocess.run(
        [PYTHON, "-c", "import bench.serve_app"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path

    def worker_pids(self) -> list[int]:
        """gunicorn's workers: the children of the master process."""
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                text = status.read_text()
                for line in text.splitlines():
                    if line.startswith("PPid:") and int(line.split()[1]) == self.proc.pid:
                        pids.append(int(status.parent.name))
        return sorted(pids)

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the master and its workers (/proc/<pid>/stat)."""
        return sum(process_cpu_seconds(pid) for pid in [self.proc.pid, *self.worker_pids()])


def process_cpu_seconds(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # loopback only
                if resp.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not answer at {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def gunicorn(
    app_spec: str, env: dict[str, str], tmp: Path, ready_path: str = "/", workers: int = WORKERS
) -> Iterator[Server]:
    """gunicorn with sync workers on 127.0.0.1 and a free port; always stopped at the end."""
    port = free_port()
    log = tmp / f"gunicorn-{port}.log"
    cmd = [
        PYTHON,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
        app_spec,
    ]
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        _wait_ready(server.url + ready_path, proc, log)
        # Every worker has booted (imported the app) once the master has them all.
        deadline = time.monotonic() + 30
        while len(server.worker_pids()) < workers and time.monotonic() < deadline:
            time.sleep(0.1)
        yield server
    finally:
        stop(proc)
        _show_server_errors(log)


def _show_server_errors(log: Path, lines: int = 40) -> None:
    """Print the end of the server's log when it logged an error, so a fault can be read."""
    with contextlib.suppress(OSError):
        text = log.read_text(errors="replace")
        if "Traceback" in text or "ERROR" in text:
            print(f"--- server log ({log.name}), last {lines} lines ---", flush=True)
            print("\n".join(text.splitlines()[-lines:]), flush=True)


def stop(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop a process group we started: SIGTERM, then SIGKILL after ``grace`` seconds."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def vm_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_busy(seconds: float = 1.0) -> float:
    """Share of all CPUs busy over ``seconds`` (whole machine, from /proc/stat)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields) - idle, sum(fields)

    busy0, total0 = sample()
    time.sleep(seconds)
    busy1, total1 = sample()
    return (busy1 - busy0) / max(1, total1 - total0)


QUIET = 0.15
QUIET_WAIT = {"seconds": 20.0}  # run_all lowers it for the smoke mode
background: list[float] = []  # what wait_for_quiet found before each measurement, for the report


def wait_for_quiet(max_wait: float | None = None) -> float:
    """Wait (bounded) until other processes leave the CPUs mostly idle; return the last busy share seen.

    The benchmarks share the machine with whatever else runs on it; a load test
    that starts while another process keeps a core busy measures that process too.
    """
    deadline = time.monotonic() + (QUIET_WAIT["seconds"] if max_wait is None else max_wait)
    busy = cpu_busy(0.5)
    while busy > QUIET and time.monotonic() < deadline:
        busy = cpu_busy(1.0)
    if busy > QUIET:
        print(f"  note: the machine is still {100 * busy:.0f}% busy with other work; measuring anyway", flush=True)
    background.append(busy)
    return busy


def single_benchmark_main(run, module: str, doc: str, smoke_help: str, argv: list[str] | None = None) -> int:
    """``python -m bench.<module> [--smoke]``: run one benchmark, append a full run to RESULTS.md."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help=smoke_help)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    report = run(args.smoke)
    if not args.smoke:
        append_results([report], f"python -m bench.{module}", time.perf_counter() - start)
    return 1 if report.failures else 0
