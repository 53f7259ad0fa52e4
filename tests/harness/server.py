"""HTTP load against the production server: start it, drive it, measure it.

The library of scripts/loadgen.py, whose docstring says how to run it, and of the tests that use it.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from service.config import ROOT

QUESTIONS = ROOT / "eval" / "questions.jsonl"
Check = Callable[[int, http.client.HTTPMessage, bytes], "str | None"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mixed_questions(path: Path = QUESTIONS) -> list[str]:
    """Questions interleaved by language (en, zh-Hans, zh-Hant, en, ...) so any prefix is a mix."""
    by_lang: dict[str, list[str]] = {}
    for line in path.open(encoding="utf-8"):
        if line.strip():
            item = json.loads(line)
            by_lang.setdefault(item["lang"], []).append(item["question"])
    groups = [by_lang[k] for k in sorted(by_lang)]
    return [g[i] for i in range(max(map(len, groups))) for g in groups if i < len(g)]


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = [pid], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        tree += frontier
    return tree


def memory_mb(pid: int) -> dict[str, float]:
    """RSS and PSS (shared pages split between sharers) of one process, MiB."""
    out = {"rss": 0.0, "pss": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key = line.split(":")[0].lower()
            if key in out:
                out[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


class ServerProcess:
    """scripts/serve.py in a subprocess on a free loopback port, stopped on exit."""

    def __init__(self, env: dict[str, str] | None = None, log: Path | None = None):
        self.port = free_port()
        self.env = {**os.environ, "PORT": str(self.port), "HOST": "127.0.0.1", **(env or {})}
        self.log = log or Path(os.devnull)
        self.proc: subprocess.Popen | None = None
        self.launched = 0.0

    def __enter__(self) -> ServerProcess:
        self.launched = time.perf_counter()
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "scripts" / "serve.py")],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def __exit__(self, *exc) -> None:
        """TERM first; KILL only if it does not stop."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 30
    ) -> tuple[int, dict, bytes]:
        """One request on a fresh connection: (status, headers, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
            resp = conn.getresponse()
            return resp.status, dict(resp.getheaders()), resp.read()
        finally:
            conn.close()

    def wait_ready(self, timeout: float = 180, path: str = "/readyz") -> float:
        """Seconds from launch to the first 200 of ``path`` (raises if the process dies)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log}")
            try:
                if self.request("GET", path, timeout=2)[0] == 200:
                    return time.perf_counter() - self.launched
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"server not ready after {timeout} s")

    def memory(self) -> dict[str, float]:
        """Total RSS and PSS of the server and any children, MiB."""
        per = [memory_mb(p) for p in process_tree(self.proc.pid)] if self.proc else []
        return {k: round(sum(m[k] for m in per), 1) for k in ("rss", "pss")} | {"processes": len(per)}


@dataclass
class LoadResult:
    """Latencies of successful requests, status counts, transport errors and failed checks."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict:
        """Percentiles by nearest rank over successful requests only: failures are counted apart."""
        lat = sorted(self.latencies_ms)
        pct = (lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))], 1)) if lat else (lambda q: None)
        n = sum(self.statuses.values())
        return {
            "requests": n,
            "errors": len(self.errors),
            "statuses": dict(self.statuses),
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
            "throughput_rps": round(n / self.seconds, 1) if self.seconds else 0.0,
            "seconds": round(self.seconds, 1),
            "first_errors": self.errors[:5],
        }


def _client(
    port: int,
    payloads: list[bytes],
    start: int,
    stop: Callable[[int], bool],
    check: Check | None,
    out: LoadResult,
    path: str,
) -> None:
    """One keep-alive client: POST in a loop until told to stop; every failure is recorded."""
    conn, i = http.client.HTTPConnection("127.0.0.1", port, timeout=60), start
    while not stop(len(out.latencies_ms) + len(out.errors)):
        body, i = payloads[i % len(payloads)], i + 1
        t0 = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException) as exc:
            out.errors.append(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        out.statuses[resp.status] += 1
        problem = (
            check(resp.status, resp.headers, data)
            if check
            else (None if resp.status == 200 else f"HTTP {resp.status}: {data[:200]!r}")
        )
        if problem:
            out.errors.append(problem)
        else:
            out.latencies_ms.append((time.perf_counter() - t0) * 1000)
    conn.close()


def run_load(
    port: int,
    questions: list[str],
    clients: int,
    seconds: float,
    max_requests: int = 1_000_000,
    check: Check | None = None,
    path: str = "/api/ask",
    stop_event: threading.Event | None = None,
) -> LoadResult:
    """``clients`` concurrent keep-alive clients for ``seconds`` (or ``max_requests`` in all, or until
    ``stop_event``)."""
    payloads = [json.dumps({"question": q, "top_k": 5}, ensure_ascii=False).encode("utf-8") for q in questions]
    parts = [LoadResult() for _ in range(clients)]
    deadline, per_client = time.monotonic() + seconds, -(-max_requests // clients)
    event = stop_event or threading.Event()
    stop = lambda done: done >= per_client or time.monotonic() >= deadline or event.is_set()  # noqa: E731
    threads = [
        threading.Thread(target=_client, args=(port, payloads, n * 7, stop, check, parts[n], path), daemon=True)
        for n in range(clients)
    ]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    total = LoadResult(seconds=time.perf_counter() - t0)
    for part in parts:
        total.latencies_ms += part.latencies_ms
        total.statuses.update(part.statuses)
        total.errors += part.errors
    return total
