"""A small bounded load generator: N simulated users on one asyncio loop, aiohttp as the client.

Bounds: only http://127.0.0.1 URLs are accepted, every run stops at its deadline
(warm-up + measured seconds) and after ``max_requests`` requests, whichever comes
first. Each user is a closed loop (next request when the last one answered, no
think time), so N users keep N requests in flight: the server is saturated and
the throughput is the most it can serve to N users.

aiohttp's C HTTP parser keeps the client's CPU use low, which matters on a
2-core machine where the load generator and the server share the CPUs.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp

from .common import percentile

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class LoadError(Exception):
    """An unexpected answer from the server: counted as an error, the user starts over."""


class Stop(Exception):  # noqa: N818 - a signal, not an error
    """The run is over (deadline or request budget): the user returns."""


def cpu_times() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs, from /proc/stat."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]  # noqa: SIM115 - one line
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


@dataclass
class Stats:
    duration: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    warmup_requests: int = 0
    cpu_busy: float = float("nan")  # share of all cores busy during the measured window (whole machine)
    client_cpu: float = float("nan")  # share of all cores used by this load generator
    background: float = float("nan")  # machine busy share just before the run (other work)
    stored: int = 0  # rows the run added to the app's responses table (set by the caller)
    server_cpu: float = float("nan")  # CPU seconds the server's processes used, warm-up included (set by the caller)

    @property
    def all_requests(self) -> int:
        return self.requests + self.warmup_requests

    def server_cpu_ms_per(self, kind: str) -> float:
        """Server CPU per request of ``kind``, spread over all requests in the same proportion."""
        n = len(self.latencies.get(kind, []))
        if not n or not self.requests:
            return float("nan")
        return 1000 * self.server_cpu / (self.all_requests * n / self.requests)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def all_latencies(self) -> list[float]:
        return [x for v in self.latencies.values() for x in v]

    def rate(self, kind: str | None = None) -> float:
        n = self.requests if kind is None else len(self.latencies.get(kind, []))
        return n / self.duration

    def pct(self, p: float, kind: str | None = None) -> float:
        return percentile(self.all_latencies if kind is None else self.latencies.get(kind, []), p)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


class Context:
    """What a user coroutine sees: timed requests, the clock, the bounds."""

    def __init__(self, base_url: str, warmup: float, duration: float, max_requests: int):
        parts = urlsplit(base_url)
        if parts.hostname != "127.0.0.1":
            raise ValueError("load goes to 127.0.0.1 only")
        self.base_url = base_url.rstrip("/")
        self.t0 = time.perf_counter()
        self.measure_from = self.t0 + warmup
        self.deadline = self.measure_from + duration
        self.max_requests = max_requests
        self.sent = 0
        self.stats = Stats(duration)

    def running(self) -> bool:
        return time.perf_counter() < self.deadline and self.sent < self.max_requests

    def session(self) -> aiohttp.ClientSession:
        """A new browser: its own cookie jar (unsafe=True allows cookies for an IP address)."""
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(force_close=True, limit=1),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=30),
        )

    async def request(
        self,
        session: aiohttp.ClientSession,
        kind: str,
        method: str,
        path: str,
        expect: int | tuple[int, ...] = 200,
        **kwargs,
    ) -> tuple[int, str, aiohttp.typedefs.LooseHeaders]:
        if not self.running():
            raise Stop
        self.sent += 1
        expected = (expect,) if isinstance(expect, int) else expect
        start = time.perf_counter()
        measured = start >= self.measure_from
        try:
            async with session.request(method, self.base_url + path, allow_redirects=False, **kwargs) as resp:
                text = await resp.text()
                status, headers = resp.status, resp.headers
        except (aiohttp.ClientError, TimeoutError) as exc:
            if measured and start < self.deadline:
                self.stats.errors[f"{kind}: {type(exc).__name__}"] += 1
            raise LoadError(str(exc)) from exc
        elapsed = time.perf_counter() - start
        if measured:
            self.stats.latencies.setdefault(kind, []).append(elapsed)
        else:
            self.stats.warmup_requests += 1
        if status not in expected:
            if measured:
                self.stats.errors[f"{kind}: HTTP {status}"] += 1
            raise LoadError(f"{method} {path}: HTTP {status}: {text[:200]}")
        return status, text, headers


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    if not match:
        raise LoadError("no csrf_token in the page")
    return match.group(1)


def decode_json(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LoadError(f"not JSON: {text[:200]!r}") from exc
    if not isinstance(data, dict):
        raise LoadError(f"not a JSON object: {text[:200]!r}")
    return data


User = Callable[[Context, int], Awaitable[None]]


async def _user(ctx: Context, user: User, index: int) -> None:
    while ctx.running():
        try:
            await user(ctx, index)
        except LoadError:
            await asyncio.sleep(0.01)  # the error is counted; start the flow over
        except Stop:
            return


async def _run(base_url: str, user: User, users: int, warmup: float, duration: float, max_requests: int) -> Stats:
    ctx = Context(base_url, warmup, duration, max_requests)
    await asyncio.sleep(0)
    tasks = [asyncio.ensure_future(_user(ctx, user, i)) for i in range(users)]
    await asyncio.wait(tasks, timeout=max(0.0, ctx.measure_from - time.perf_counter()))
    # The measured window: machine and client CPU from here until the users are done.
    busy0, total0 = cpu_times()
    own0 = time.process_time()
    t0 = time.perf_counter()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    busy1, total1 = cpu_times()
    if total1 > total0 and elapsed > 0:
        ctx.stats.cpu_busy = (busy1 - busy0) / (total1 - total0)
        ctx.stats.client_cpu = (time.process_time() - own0) / (elapsed * (os.cpu_count() or 1))
    if ctx.sent >= ctx.max_requests:  # stopped by the request budget: rates over the time it took
        ctx.stats.duration = max(1e-9, min(duration, time.perf_counter() - ctx.measure_from))
    return ctx.stats


def run(
    base_url: str, user: User, users: int, duration: float, warmup: float = 2.0, max_requests: int = 200_000
) -> Stats:
    """Run ``users`` copies of ``user`` for ``warmup`` + ``duration`` seconds; stats cover ``duration``."""
    return asyncio.run(_run(base_url, user, users, warmup, duration, max_requests))
