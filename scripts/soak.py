"""Soak: swap and rebuild the index under load, kill a build half-way, then a long load run.

    python scripts/soak.py --json soak.json                  # all phases (about 5 minutes)
    python scripts/soak.py --phases load --load-seconds 300  # only the long run

Swap phase: a server (scripts/serve.py, index watch every second) answers a stream of
questions from a copy of the built index while scripts/build_index.py rebuilds a corpus
variant whose report titles differ, so every passage tells which build it came from. A
forced build is then SIGKILLed during embedding, the next build must succeed, and CURRENT
is moved back with POST /admin/reload. Every response must be a 200 whose passages all
belong to the one index its X-Index-Version header names. Load phase: 16 clients for 60 s
with the server's RSS sampled every few seconds (first vs last, and the trend).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import _bootstrap  # noqa: F401

from tests.harness.soak import load_phase, swap_phase


def main(argv: list[str] | None = None) -> int:
    """Exit 1 when any request failed or any answer mixed indexes, so it can gate a release."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phases", default="swap,load", help="comma-separated: swap, load")
    parser.add_argument("--swap-clients", type=int, default=4)
    parser.add_argument("--swap-seconds", type=float, default=30.0, help="least load time of the swap phase")
    parser.add_argument("--clients", type=int, default=16, help="load phase clients")
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument("--sample-every", type=float, default=5.0, help="seconds between RSS samples")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    work, report = Path(tempfile.mkdtemp(prefix="qa-soak-")), {}
    try:
        if "swap" in args.phases:
            report["swap"] = swap_phase(work, args.swap_clients, args.swap_seconds)
            print(json.dumps(report["swap"], indent=2, ensure_ascii=False), flush=True)
        if "load" in args.phases:
            report["load"] = load_phase(work, args.clients, args.load_seconds, args.sample_every)
            print(json.dumps(report["load"], indent=2, ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    ok = (
        all(p["load"]["errors"] == 0 for p in report.values())
        and report.get("swap", {}).get("consistency", {}).get("not_from_named_index", 0) == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
