"""Build-path benchmark: index build time and peak memory at 1x, 10x, 100x the corpus.

    python scripts/bench_build.py --sizes 1,10 --json build.json
    python scripts/bench.py --parts build --sizes 1,10,30      # same, from the main bench

Larger corpora are synthetic (copies of the reports with shuffled lines and altered
numbers, so BM25 and the encoders see new text), written to a temporary corpus folder
with its own reports.json and glossary.json. Each size is built in a fresh child process
so that its peak RSS (getrusage) is its own, not the high-water mark of an earlier size.
The child also re-runs the build on the unchanged corpus (must take < 1 s) and, when the
index is large enough to use HNSW, measures HNSW recall@10 against exact search.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import _bootstrap  # noqa: F401

from index.vector_store import EXACT_LIMIT
from service.config import ROOT, Config

DEFAULT_EXACT_LIMIT = 5_000
RECALL_QUERIES = 100
_DIGIT = re.compile(r"\d")


def rss_mb(pid: int | str = "self") -> float:
    """Current resident set size of a process, from /proc (MiB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _variant_text(text: str, rng: random.Random) -> str:
    """Same vocabulary, new text: body lines shuffled, every digit redrawn (front matter kept)."""
    lines = text.split("\n")
    head, body = lines[:12], lines[12:]
    rng.shuffle(body)
    return _DIGIT.sub(lambda m: str(rng.randint(0, 9)), "\n".join(head + body))


def synth_corpus(source: Path, dest: Path, factor: int, seed: int = 7) -> Path:
    """A corpus folder ``factor`` times the size of ``source``; copy 0 is the original."""
    rng = random.Random(seed)
    (dest / "reports").mkdir(parents=True, exist_ok=True)
    entries = []
    for copy in range(factor):
        for entry in json.loads((source / "reports.json").read_text(encoding="utf-8")):
            text = (source / entry["file"]).read_text(encoding="utf-8")
            name = f"reports/c{copy:03d}_{Path(entry['file']).name}"
            (dest / name).write_text(text if copy == 0 else _variant_text(text, rng), encoding="utf-8")
            doc = entry["id"] if copy == 0 else f"{entry['id']}_c{copy:03d}"
            entries.append({**entry, "id": doc, "file": name, "source": Path(name).name})
    (dest / "reports.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.copy2(source / "glossary.json", dest / "glossary.json")
    return dest


class TimedEncoder:
    """Wraps an encoder to add up the seconds spent embedding passages (the bulk of a build)."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.seconds = inner, inner.name, inner.dim, 0.0

    def encode_queries(self, texts: list[str]):
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: list[str], progress: bool = False):
        started = time.perf_counter()
        try:
            return self.inner.encode_passages(texts, progress)
        finally:
            self.seconds += time.perf_counter() - started


def hnsw_recall(folder: Path, encoders: dict, k: int = 10) -> dict:
    """Recall@k of each HNSW store against exact inner-product search over the same vectors."""
    import faiss
    import numpy as np

    from index.vector_store import VectorStore

    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "questions.jsonl").open(encoding="utf-8")]
    out = {}
    for role, encoder in encoders.items():
        store = VectorStore.load(folder / f"dense_{role}.faiss")
        if store.kind != "hnsw":
            continue
        exact = faiss.IndexFlatIP(store.index.d)
        exact.add(store.index.reconstruct_n(0, len(store)))
        queries = encoder.encode_queries(questions[:RECALL_QUERIES])
        t0 = time.perf_counter()
        approx, approx_ids = store.search(queries, k)
        t_hnsw = time.perf_counter() - t0
        t0 = time.perf_counter()
        best, exact_ids = exact.search(queries, k)
        t_exact = time.perf_counter() - t0
        hits = [len(set(a) & set(e)) / k for a, e in zip(approx_ids.tolist(), exact_ids.tolist())]
        # Synthetic copies repeat sentences: equal vectors tie, and any of them is a right answer.
        tied = [float(np.mean(a >= b[-1] - 1e-5)) for a, b in zip(approx, best)]
        out[role] = {
            "recall_at_10": round(float(np.mean(hits)), 4),
            "min": min(hits),
            "recall_at_10_ties": round(float(np.mean(tied)), 4),
            "min_ties": min(tied),
            "queries": len(hits),
            "hnsw_ms_per_query": round(1000 * t_hnsw / len(hits), 3),
            "exact_ms_per_query": round(1000 * t_exact / len(hits), 3),
        }
    return out


def measure_one(corpus: Path, index_root: Path, exact_limit: int, threads: int) -> dict:
    """Child side: load encoders, build once (forced), rebuild unchanged, recall if HNSW."""
    from index.build import build_index
    from service.runtime import build_settings, load_encoders

    config = Config.from_env(corpus_dir=corpus, index_dir=index_root, torch_threads=threads)
    settings = replace(build_settings(config), exact_limit=exact_limit)
    rss_start, t0 = rss_mb(), time.perf_counter()
    encoders = {role: TimedEncoder(e) for role, e in load_encoders(config).items()}
    load_s, rss_models = time.perf_counter() - t0, rss_mb()
    t0 = time.perf_counter()
    folder, built = build_index(corpus, index_root, settings, encoders, force=True)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    _, rebuilt = build_index(corpus, index_root, settings, encoders)
    unchanged_s = time.perf_counter() - t0
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {
        "chunks": manifest["chunks"],
        "corpus_chars": sum(p.stat().st_size for p in (corpus / "reports").iterdir()),
        "torch_threads": threads,
        "exact_limit": exact_limit,
        "model_load_s": round(load_s, 2),
        "build_s": round(build_s, 2),
        "embed_s": {r: round(e.seconds, 2) for r, e in encoders.items()},
        "other_build_s": round(build_s - sum(e.seconds for e in encoders.values()), 2),
        "unchanged_rebuild_s": round(unchanged_s, 3),
        "unchanged_rebuild_skipped": not rebuilt,
        "rss_start_mb": round(rss_start),
        "rss_after_models_mb": round(rss_models),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "index_mb": round(size / 2**20, 1),
        "stores": {r: _kind(folder, r) for r in encoders},
        "hnsw": hnsw_recall(folder, encoders),
    }


def _kind(folder: Path, role: str) -> str:
    from index.vector_store import VectorStore

    return VectorStore.load(folder / f"dense_{role}.faiss").kind


def cli_unchanged_rebuild(corpus: Path, index_root: Path) -> dict:
    """`scripts/build_index.py` end to end on an index that is already up to date."""
    env = {**os.environ, "QA_CORPUS_DIR": str(corpus), "QA_INDEX_DIR": str(index_root)}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_index.py"), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.perf_counter() - t0
    return {
        "command": "scripts/build_index.py --quiet (index up to date)",
        "wall_s": round(seconds, 2),
        "output": proc.stdout.strip(),
    }


def run_size(factor: int, work: Path, exact_limit: int, threads: int) -> dict:
    """Parent side: make the corpus, build it in a child process, collect the child's figures."""
    corpus = synth_corpus(ROOT / "corpus", work / f"corpus-x{factor}", factor) if factor > 1 else ROOT / "corpus"
    index_root, out = work / f"index-x{factor}", work / f"result-x{factor}.json"
    if factor == 1:  # the real corpus with the production settings, so the CLI finds the same key
        exact_limit = EXACT_LIMIT
    cmd = [
        sys.executable,
        __file__,
        "--child",
        str(corpus),
        str(index_root),
        str(out),
        "--exact-limit",
        str(exact_limit),
        "--torch-threads",
        str(threads),
    ]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, timeout=4 * 3600)
    result = {"size": f"{factor}x", "child_wall_s": round(time.perf_counter() - t0, 1), **json.loads(out.read_text())}
    if factor == 1:
        result["cli_unchanged"] = cli_unchanged_rebuild(corpus, index_root)
    return result


def run_sizes(sizes: list[int], exact_limit: int, threads: int, keep: bool = False) -> list[dict]:
    """Every size in turn, printed as it finishes (a 100x build can take the best part of an hour)."""
    work = Path(tempfile.mkdtemp(prefix="qa-bench-build-"))
    results = []
    try:
        for factor in sizes:
            result = run_size(factor, work, exact_limit, threads)
            print(format_result(result), flush=True)
            results.append(result)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return results


def format_result(r: dict) -> str:
    """One size on a few lines, printed as soon as it is measured (long runs show progress)."""
    embed = ", ".join(f"{k} {v:.1f} s" for k, v in r["embed_s"].items())
    line = (
        f"build {r['size']:>4}: {r['chunks']:>6} chunks, {r['build_s']:.1f} s "
        f"(embedding {embed}; rest {r['other_build_s']:.1f} s), "
        f"peak RSS {r['peak_rss_mb']} MB (models {r['rss_after_models_mb']} MB), index {r['index_mb']} MB, "
        f"stores {r['stores']}, unchanged rebuild {r['unchanged_rebuild_s'] * 1000:.0f} ms"
    )
    for role, h in r["hnsw"].items():
        line += (
            f"\n      HNSW {role}: recall@10 {h['recall_at_10']:.3f} by id (min {h['min']:.1f}), "
            f"{h['recall_at_10_ties']:.3f} counting ties "
            f"(min {h['min_ties']:.1f}) vs exact; {h['hnsw_ms_per_query']} ms vs {h['exact_ms_per_query']} ms a query"
        )
    if "cli_unchanged" in r:
        line += f"\n      CLI unchanged rebuild (loads the models first): {r['cli_unchanged']['wall_s']} s"
    return line


def main(argv: list[str] | None = None) -> int:
    """Parent: run the sizes; child (--child, internal): measure one build in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10", help="comma-separated multiples of the corpus, e.g. 1,10,100")
    parser.add_argument("--exact-limit", type=int, default=DEFAULT_EXACT_LIMIT, help="HNSW above this many chunks")
    parser.add_argument("--torch-threads", type=int, default=Config.from_env().torch_threads)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic corpora and indexes")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "INDEX", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        corpus, index_root, out = map(Path, args.child)
        out.write_text(json.dumps(measure_one(corpus, index_root, args.exact_limit, args.torch_threads)))
        return 0
    results = run_sizes([int(s) for s in args.sizes.split(",")], args.exact_limit, args.torch_threads, args.keep)
    if args.json:
        args.json.write_text(json.dumps({"build": results}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
