"""Fuzz the HTTP API from its own OpenAPI document with schemathesis: no 5xx, no hang.

    python scripts/fuzz.py --examples 150 --json fuzz.json     # about 1,500 requests
    python scripts/fuzz.py --port 8000                         # a server already running

Starts scripts/serve.py on a free loopback port (unless --port), loads /openapi.json with
``schemathesis.openapi.from_url`` and, for every operation, lets Hypothesis generate
``--examples`` valid and as many invalid requests (schemathesis' positive and negative
modes: wrong types, missing fields, extra fields, odd strings, bad path parameters).
Every request is sent; every response must come back within ``--timeout`` seconds and
below 500. The same run with schemathesis' own CLI (all of its checks, for curiosity):

    schemathesis run http://127.0.0.1:PORT/openapi.json --max-examples 150 \\
        --checks not_a_server_error --request-timeout 10 --generation-database none
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import _bootstrap  # noqa: F401

from tests.harness.fuzz import fuzz
from tests.harness.server import ServerProcess


def main(argv: list[str] | None = None) -> int:
    """Exit 1 on any 5xx or hang, so the run can gate a release."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, help="fuzz a server already listening on 127.0.0.1:PORT")
    parser.add_argument("--examples", type=int, default=150, help="generated cases per operation and mode")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds after which a request counts as a hang")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.port:
        report = fuzz(f"http://127.0.0.1:{args.port}", args.examples, args.timeout, args.seed)
    else:
        with ServerProcess({"QA_ADMIN_TOKEN": "fuzz-token"}) as server:
            server.wait_ready()
            report = fuzz(f"http://127.0.0.1:{server.port}", args.examples, args.timeout, args.seed)
    summary = report.summary()
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0 if not (report.server_errors or report.hangs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
