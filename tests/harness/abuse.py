"""What slow clients and costly questions do to the production server (a benchmark, not a test).

    python scripts/bench.py --parts starve,worst      # the command line; tests use open_stalled

*starve*: opens ``connections`` sockets that never finish a request (half of them send
nothing, half send half a request and then one byte a second), and while they stay open
times ``GET /livez`` and a normal question on fresh connections. A server that gives a
thread to each unfinished request stops answering once they outnumber its threads.

*worst*: asks, one at a time, the most expensive questions we know how to write (the
longest accepted question in each script, a row of one character, many numbers, many
glossary terms) and reads the server process's own CPU time (utime + stime from
/proc) before and after each: the CPU one accepted question costs, whatever its wall time.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import threading
import time

from tests.harness.server import ServerProcess, process_tree

LIVEZ_TRIES = 20
QUESTION = "2021年地区生产总值预期增长多少?"


def open_stalled(port: int, n: int) -> list[socket.socket]:
    """``n`` connections: even ones idle, odd ones with half a request sent."""
    socks = []
    for i in range(n):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i % 2:
            sock.sendall(
                b'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"q'
            )
        socks.append(sock)
    return socks


def _drip(socks: list[socket.socket], stop: threading.Event) -> None:
    """One byte a second on every half-sent request, until stopped (a slow-loris client)."""
    while not stop.wait(1.0):
        for sock in socks[1::2]:
            try:
                sock.sendall(b"u")
            except OSError:
                pass


def _timed(server: ServerProcess, method: str, path: str, body: bytes | None = None) -> tuple[float, int | str]:
    t0 = time.perf_counter()
    try:
        status = server.request(method, path, body, timeout=10)[0]
    except OSError as exc:
        status = type(exc).__name__
    return (time.perf_counter() - t0) * 1000, status


def starve(connections: int = 64, env: dict[str, str] | None = None) -> dict:
    """Latency of /livez and of one question while ``connections`` stalled sockets are open."""
    with ServerProcess(env) as server:
        server.wait_ready()
        socks = open_stalled(server.port, connections)
        stop = threading.Event()
        dripper = threading.Thread(target=_drip, args=(socks, stop), daemon=True)
        dripper.start()
        time.sleep(1.5)
        livez = [_timed(server, "GET", "/livez") for _ in range(LIVEZ_TRIES)]
        body = json.dumps({"question": QUESTION}).encode()
        asks = [_timed(server, "POST", "/api/ask", body) for _ in range(5)]
        stop.set()
        for sock in socks:
            sock.close()
    result = {
        "connections": connections,
        "livez_p50_ms": _p50(livez),
        "livez_max_ms": _max(livez),
        "livez_failures": _failures(livez),
        "ask_p50_ms": _p50(asks),
        "ask_max_ms": _max(asks),
        "ask_failures": _failures(asks),
    }
    print(
        f"starve: {connections} stalled connections: "
        f"/livez p50 {result['livez_p50_ms']} ms, max {result['livez_max_ms']} ms, "
        f"{result['livez_failures']} failed; a question p50 {result['ask_p50_ms']} ms, max {result['ask_max_ms']} ms, "
        f"{result['ask_failures']} failed",
        flush=True,
    )
    return result


def _p50(timed: list[tuple[float, int | str]]) -> float | None:
    ok = [ms for ms, status in timed if status == 200]
    return round(statistics.median(ok), 1) if ok else None


def _max(timed: list[tuple[float, int | str]]) -> float:
    return round(max(ms for ms, _ in timed), 1)


def _failures(timed: list[tuple[float, int | str]]) -> int:
    return sum(status != 200 for _, status in timed)


def worst_questions(limit: int) -> dict[str, str]:
    """The costliest questions of at most ``limit`` characters we know how to write."""

    def fill(unit: str) -> str:
        return (unit * (limit // len(unit) + 1))[:limit]

    return {
        "Simplified, repeated question": fill("2021年地区生产总值预期增长多少?"),
        "Traditional, repeated question": fill("2021年地區生產總值預期增長多少？"),
        "English, repeated question": fill("How much did GDP grow in the first half of 2021? "),
        "one character": fill("增"),
        "no spaces, Latin letters": fill("a"),
        "numbers and units": fill("12.5亿元增长3.4%，"),
        "years and periods": fill("2019年上半年第三季度十四五"),
        "glossary-like terms": fill("地区生产总值固定资产投资社会消费品零售总额"),
        "English words, no question": fill("investment consumption employment "),
        "punctuation": fill("？，。！"),
    }


def _cpu_seconds(pids: list[int]) -> float:
    """utime + stime of the processes, seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


def worst(limit: int, env: dict[str, str] | None = None) -> dict:
    """Server CPU and wall time of each costly question, asked alone three times, each time
    ending differently so that no cache knows it (the median of the three)."""
    rows = {}
    with ServerProcess(env) as server:
        server.wait_ready()
        pids = process_tree(server.proc.pid)
        for name, text in worst_questions(limit).items():
            runs = []
            for n in range(3):
                body = json.dumps({"question": f"{text[:-2]}#{n}"}, ensure_ascii=False).encode()
                cpu0, t0 = _cpu_seconds(pids), time.perf_counter()
                status = server.request("POST", "/api/ask", body, timeout=60)[0]
                runs.append(((_cpu_seconds(pids) - cpu0) * 1000, (time.perf_counter() - t0) * 1000, status))
            best = sorted(runs)[1]
            rows[name] = {"cpu_ms": round(best[0]), "wall_ms": round(best[1]), "status": best[2]}
            print(f"worst: {name:34} HTTP {best[2]}  CPU {best[0]:6.0f} ms  wall {best[1]:6.0f} ms", flush=True)
    top = max(rows.values(), key=lambda r: r["cpu_ms"])
    return {"limit_chars": limit, "questions": rows, "max_cpu_ms": top["cpu_ms"]}
