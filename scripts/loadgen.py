"""HTTP load against the production server: start it, drive it, measure it.

    python scripts/loadgen.py --port 8000 --clients 16 --seconds 60     # a server already running
    python scripts/loadgen.py --clients 4 --seconds 20                  # start scripts/serve.py first

The server and the clients are tests/harness/server.py, which scripts/bench.py,
scripts/soak.py, scripts/fuzz.py and tests/test_resilience.py share, so that all of them
measure one thing the same way: keep-alive clients in threads (http.client), a mix of English, Simplified and
Traditional questions from eval/questions.jsonl, and scripts/serve.py as the server, in a
subprocess on a free loopback port.
"""

from __future__ import annotations

import argparse
import json

import _bootstrap  # noqa: F401

from tests.harness.server import ServerProcess, mixed_questions, run_load


def main(argv: list[str] | None = None) -> int:
    """Drive a running server, or start one: for quick manual checks of a configuration."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, help="a server already listening on 127.0.0.1 (else one is started)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    questions = mixed_questions()
    if args.port:
        print(json.dumps(run_load(args.port, questions, args.clients, args.seconds).summary(), indent=2))
        return 0
    with ServerProcess() as server:
        print(f"ready in {server.wait_ready():.1f} s")
        print(json.dumps(run_load(server.port, questions, args.clients, args.seconds).summary(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
