"""Soak: swap and rebuild the index under load, kill a build half-way, then a long load run.

The library of scripts/soak.py, whose docstring says how to run it, and of the tests that use it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from index.build import CURRENT, current_folder
from index.manifest import read_manifest, verify
from service.config import ROOT, Config
from tests.harness.server import ServerProcess, mixed_questions, run_load

TOKEN = "soak-token"
VARIANT_MARK = "（修订稿）"


def variant_corpus(source: Path, dest: Path) -> Path:
    """The corpus with every report title changed: same chunks, distinguishable passages."""
    shutil.copytree(source, dest)
    entries = json.loads((dest / "reports.json").read_text(encoding="utf-8"))
    for entry in entries:
        entry["title"] += VARIANT_MARK
    (dest / "reports.json").write_text(json.dumps(entries, ensure_ascii=False, indent=2), encoding="utf-8")
    return dest


def seed_root(built: Path, root: Path) -> str:
    """A fresh index root holding a copy of an already built folder, CURRENT pointing at it."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built, root / built.name)
    point(root, built.name)
    return built.name


def point(root: Path, name: str) -> None:
    """Move CURRENT the way the build does: write a temporary file, then rename it over."""
    tmp = root / f".{CURRENT}.soak"
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, root / CURRENT)


def passage_keys(folder: Path) -> set[tuple]:
    """What identifies a passage of one build: id, title, offsets."""
    with (folder / "chunks.jsonl").open(encoding="utf-8") as handle:
        return {(c["id"], c["title"], c["start"], c["end"]) for c in map(json.loads, handle)}


class Recorder:
    """Load-client check that keeps (index version, passage keys) of every answer for later."""

    def __init__(self):
        self.records: list[tuple[str, tuple]] = []
        self._lock = threading.Lock()

    def __call__(self, status: int, headers, body: bytes) -> str | None:
        """Called from every client thread: checking waits until the run ends (see verify_records)."""
        if status != 200:
            return f"HTTP {status}: {body[:200]!r}"
        passages = json.loads(body)["passages"]
        keys = tuple((p["id"], p["title"], p["start"], p["end"]) for p in passages)
        with self._lock:
            self.records.append((headers.get("X-Index-Version", ""), keys))
        return None


def verify_records(records: list[tuple[str, tuple]], indexes: dict[str, set]) -> dict:
    """Every answer wholly from the index its header names, and from only one of them."""
    by_version: dict[str, int] = {}
    wrong, mixed, switches, last = 0, 0, 0, None
    distinct = {frozenset(keys) for keys in indexes.values()}  # rebuilds of one corpus agree
    for version, keys in records:
        by_version[version] = by_version.get(version, 0) + 1
        if version not in indexes or not set(keys) <= indexes[version]:
            wrong += 1
        if sum(1 for known in distinct if set(keys) <= known) != 1:
            mixed += 1
        switches += int(last is not None and version != last)
        last = version
    return {
        "answers": len(records),
        "by_version": by_version,
        "not_from_named_index": wrong,
        "not_from_exactly_one_index": mixed,
        "version_changes_seen": switches,
    }


def build_cli(root: Path, corpus: Path, force: bool = True) -> subprocess.Popen:
    """scripts/build_index.py as an operator would run it, on the given root and corpus."""
    env = {**os.environ, "QA_INDEX_DIR": str(root), "QA_CORPUS_DIR": str(corpus)}
    cmd = [sys.executable, str(ROOT / "scripts" / "build_index.py"), "--quiet"] + (["--force"] if force else [])
    return subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )


def wait_serving(server: ServerProcess, version: str, timeout: float = 60) -> float:
    """Seconds until /readyz reports ``version`` as the index being served."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        status, _, body = server.request("GET", "/readyz", timeout=5)
        if status == 200 and json.loads(body).get("index") == version:
            return round(time.perf_counter() - t0, 2)
        time.sleep(0.1)
    raise TimeoutError(f"index {version} not served after {timeout} s")


def kill_build_midway(root: Path, corpus: Path, timeout: float = 180) -> dict:
    """SIGKILL a forced build once it is embedding; CURRENT and the served folder must be intact."""
    before = (root / CURRENT).read_text(encoding="utf-8").strip()
    proc, t0 = build_cli(root, corpus), time.perf_counter()
    while not (written := list(root.glob(".building-*/chunks.jsonl"))):
        if proc.poll() is not None or time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"build ended (rc={proc.returncode}) before it could be killed while embedding")
        time.sleep(0.05)
    time.sleep(0.5)  # chunks are written, the model is loaded: now it embeds the first encoder
    at_kill = sorted(p.name for p in written[0].parent.iterdir())
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    after = (root / CURRENT).read_text(encoding="utf-8").strip()
    verify(root / after, read_manifest(root / after))  # raises if the folder CURRENT names is not whole
    return {
        "killed_after_s": round(time.perf_counter() - t0, 1),
        "files_at_kill": at_kill,
        "current_before": before,
        "current_after": after,
        "current_unchanged": before == after,
        "half_written": [p.name for p in root.glob(".building-*")],
    }


class BackgroundLoad:
    """Clients asking in a background thread until the ``with`` block ends."""

    def __init__(self, port: int, clients: int):
        self.recorder, self.stop, self.result = Recorder(), threading.Event(), None
        self.thread = threading.Thread(target=self._run, args=(port, clients), daemon=True)
        self.started = 0.0

    def _run(self, port: int, clients: int) -> None:
        self.result = run_load(port, mixed_questions(), clients, 3600, check=self.recorder, stop_event=self.stop)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def __enter__(self) -> BackgroundLoad:
        self.started = time.perf_counter()
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(300)


def swap_steps(root: Path, corpus: Path, server: ServerProcess, old: str) -> dict:
    """Rebuild the variant, kill a second build half-way, build again, reload back to the old."""
    out = {"rebuild": _timed_build(root, corpus, server), "killed_build": kill_build_midway(root, corpus)}
    out["serving_after_kill"] = json.loads(server.request("GET", "/readyz")[2]).get("index")
    out["next_build"] = _timed_build(root, corpus, server)
    out["half_written_after_next_build"] = [p.name for p in root.glob(".building-*")]
    point(root, old)
    status, _, body = server.request("POST", "/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    out["admin_reload_back"] = {"status": status, "index": json.loads(body).get("index")}
    return out


def swap_phase(work: Path, clients: int, min_seconds: float) -> dict:
    """Rebuild, kill, rebuild, reload back: all while clients keep asking."""
    root, corpus = work / "index", variant_corpus(ROOT / "corpus", work / "corpus-variant")
    old = seed_root(current_folder(Config.from_env().index_dir), root)
    env = {"QA_INDEX_DIR": str(root), "QA_WATCH_SECONDS": "1", "QA_ADMIN_TOKEN": TOKEN}
    with ServerProcess(env, log=work / "server.log") as server:
        startup = server.wait_ready()
        with BackgroundLoad(server.port, clients) as load:
            time.sleep(5)
            out = {"startup_s": round(startup, 1), **swap_steps(root, corpus, server, old)}
            time.sleep(max(3.0, min_seconds - load.elapsed()))
    # Every build that served: the old index, the rebuild, and the build after the kill.
    built = [old, out["rebuild"]["version"], out["next_build"]["version"]]
    out["consistency"] = verify_records(load.recorder.records, {v: passage_keys(root / v) for v in built if v})
    out["load"] = load.result.summary() if load.result else {"errors": -1}
    return out


def _timed_build(root: Path, corpus: Path, server: ServerProcess) -> dict:
    """A full (forced) build under load, then how long the watch takes to serve it."""
    t0 = time.perf_counter()
    proc = build_cli(root, corpus)
    stdout, _ = proc.communicate(timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"build failed with {proc.returncode}: {stdout}")
    version = (root / CURRENT).read_text(encoding="utf-8").strip()
    return {
        "version": version,
        "build_s": round(time.perf_counter() - t0, 1),
        "picked_up_after_s": wait_serving(server, version),
        "output": stdout.strip(),
    }


def rss_trend(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of RSS over time, MiB per minute."""
    n = len(samples)
    if n < 2:
        return 0.0
    mt, mr = sum(t for t, _ in samples) / n, sum(r for _, r in samples) / n
    var = sum((t - mt) ** 2 for t, _ in samples) or 1.0
    return 60 * sum((t - mt) * (r - mr) for t, r in samples) / var


def load_phase(work: Path, clients: int, seconds: float, every: float) -> dict:
    """A long run at ``clients`` with the server's memory sampled every ``every`` seconds."""
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    with ServerProcess(log=work / "server-load.log") as server:
        startup = server.wait_ready()
        run_load(server.port, mixed_questions(), clients, 10.0)  # warm-up: every thread has served, its arenas exist
        t0 = time.perf_counter()

        def sample() -> None:
            while not stop.wait(0 if not samples else every):
                samples.append((round(time.perf_counter() - t0, 1), server.memory()["rss"]))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        result = run_load(server.port, mixed_questions(), clients, seconds).summary()
        samples.append((round(time.perf_counter() - t0, 1), server.memory()["rss"]))
        stop.set()
    return {
        "startup_s": round(startup, 1),
        "load": result,
        "rss_samples_mb": samples,
        "rss_first_mb": samples[0][1],
        "rss_last_mb": samples[-1][1],
        "rss_trend_mb_per_min": round(rss_trend(samples), 2),
        "rss_trend_second_half_mb_per_min": round(rss_trend(samples[len(samples) // 2 :]), 2),
        "rss_max_mb": max(r for _, r in samples),
    }
