"""Fuzz the HTTP API from its own OpenAPI document with schemathesis: no 5xx, no hang.

The library of scripts/fuzz.py, whose docstring says how to run it, and of the tests that use it.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode


@dataclass
class FuzzReport:
    """What was sent and what came back, per operation."""

    requests: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_operation: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest_ms: float = 0.0
    seconds: float = 0.0

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "server_errors": len(self.server_errors),
            "hangs": len(self.hangs),
            "by_status": dict(sorted(self.by_status.items())),
            "by_operation": dict(self.by_operation),
            "slowest_ms": round(self.slowest_ms, 1),
            "seconds": round(self.seconds, 1),
            "first_failures": (self.server_errors + self.hangs)[:5],
        }


def _send(case, base_url: str, session: requests.Session, timeout: float, report: FuzzReport) -> None:
    """One generated request; a 5xx or a timeout is recorded, never raised (the run goes on)."""
    label = f"{case.method} {case.operation.path}"
    t0 = time.perf_counter()
    try:
        response = case.call(base_url=base_url, session=session, timeout=timeout)
    except requests.Timeout:
        report.hangs.append(f"{label}: no answer in {timeout} s: {case.as_curl_command()}")
        return
    finally:
        report.requests += 1
        report.by_operation[label] += 1
    elapsed = (time.perf_counter() - t0) * 1000
    report.slowest_ms = max(report.slowest_ms, elapsed)
    report.by_status[response.status_code] += 1
    if response.status_code >= 500:
        report.server_errors.append(
            f"{label} -> {response.status_code}: {case.as_curl_command()} :: {response.text[:200]}"
        )


def fuzz(base_url: str, examples: int, timeout: float = 10.0, random_seed: int = 1) -> FuzzReport:
    """``examples`` positive and ``examples`` negative cases for each documented operation."""
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    report, session, started = FuzzReport(), requests.Session(), time.perf_counter()
    options = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @seed(random_seed)
            @options
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case) -> None:
                _send(case, base_url, session, timeout, report)

            try:
                run()
            except Unsatisfiable:  # e.g. no invalid request exists for GET /livez
                report.by_operation[f"{operation.method.upper()} {operation.path} ({mode.value}): none possible"] += 0
    report.seconds = time.perf_counter() - started
    return report
