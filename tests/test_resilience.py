"""Resilience of the real server (scripts/serve.py in a subprocess, one for the module).

A build killed half-way, an index swapped under load, corrupted index files, generated
(schemathesis) and hand-written hostile requests: the service must keep answering from a
whole, verified index and answer every request with a 200 or a 4xx, quickly. The longer
versions are scripts/soak.py and scripts/fuzz.py; tests/test_api.py covers input errors
in-process, these go through waitress over a socket.
"""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from index.build import CURRENT, build_index
from service.config import ROOT
from tests.harness.abuse import open_stalled
from tests.harness.fuzz import fuzz
from tests.harness.server import ServerProcess, mixed_questions, run_load
from tests.harness.soak import Recorder, kill_build_midway, passage_keys, point, seed_root, verify_records

TOKEN = "resilience-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def small_variant(dest: Path) -> Path:
    """One report under a changed title: a real build in seconds, passages unlike the original's."""
    shutil.copytree(ROOT / "corpus", dest)
    entries = [e for e in json.loads((dest / "reports.json").read_text(encoding="utf-8")) if e["id"] == "h1_2021"]
    entries[0]["title"] += "（测试版）"
    (dest / "reports.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return dest


def corrupt_copy(root: Path, good: str, name: str, damage: str = "truncate") -> str:
    """A copy of a good index folder with one file damaged after its manifest was written."""
    shutil.copytree(root / good, root / name)
    target = root / name / "dense_main.faiss"
    data = target.read_bytes()
    target.write_bytes(
        data[: len(data) // 2] if damage == "truncate" else data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
    )
    return name


def readyz(server: ServerProcess) -> tuple[int, dict]:
    status, _, body = server.request("GET", "/readyz")
    return status, json.loads(body)


def wait_until(predicate, timeout: float = 20.0) -> bool:
    """Poll instead of sleeping a fixed time: the machine is shared and its speed varies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def served(built, tmp_path_factory):
    """A server started on a corrupted CURRENT (its readiness kept), then mended by admin reload."""
    root = tmp_path_factory.mktemp("served")
    good = seed_root(built, root)
    point(root, corrupt_copy(root, good, "corrupt-at-start"))
    env = {"QA_INDEX_DIR": str(root), "QA_WATCH_SECONDS": "0.5", "QA_ADMIN_TOKEN": TOKEN, "QA_THREADS": "8"}
    with ServerProcess(env, log=root.parent / "server.log") as server:
        server.wait_ready(path="/livez")
        at_start = readyz(server)
        asked = server.request("POST", "/api/ask", json.dumps({"question": "GDP?"}).encode())
        point(root, good)
        assert server.request("POST", "/admin/reload", headers=AUTH)[0] == 200
        run_load(server.port, mixed_questions(), 3, 30, max_requests=9)  # lazy jieba and OpenCC dictionaries
        yield {"server": server, "root": root, "good": good, "readyz_at_start": at_start, "ask_at_start": asked}


def test_server_started_on_a_corrupted_index_says_why_and_serves_nothing(served):
    status, body = served["readyz_at_start"]
    assert status == 503 and body["ready"] is False
    assert "dense_main.faiss" in body["reason"] and "checksum" in body["reason"]
    assert served["ask_at_start"][0] == 503 and b"not loaded" in served["ask_at_start"][2]
    assert readyz(served["server"])[1]["index"] == served["good"]


def test_killed_build_leaves_current_alone_and_the_next_build_succeeds(served, config, encoders, tmp_path):
    from service.runtime import build_settings

    server, root, good = served["server"], served["root"], served["good"]
    corpus = small_variant(tmp_path / "variant")
    killed = kill_build_midway(root, corpus)
    assert killed["current_unchanged"] and killed["half_written"], killed
    assert "chunks.jsonl" in killed["files_at_kill"] and "dense_main.faiss" not in killed["files_at_kill"], (
        "killed while embedding"
    )
    assert (root / CURRENT).read_text().strip() == good
    status, body = readyz(server)
    assert status == 200 and body["index"] == good
    folder, rebuilt = build_index(corpus, root, build_settings(config), encoders)
    assert rebuilt and not list(root.glob(".building-*")), "the next build removes the half-written folder"
    assert wait_until(lambda: readyz(server)[1].get("index") == folder.name), "the watch picks up the new build"
    served["variant"], served["variant_corpus"] = folder.name, corpus


def served_for_a_while(
    server: ServerProcess, recorder: Recorder, version: str, answers: int = 5, seconds: float = 2.0
) -> None:
    """Wait until the watch (or a reload) serves ``version``, then for some answers from it."""
    assert wait_until(lambda: readyz(server)[1].get("index") == version, 20), f"{version} never served"
    seen, until = len(recorder.records), time.monotonic() + seconds
    done = lambda: time.monotonic() >= until and sum(1 for v, _ in recorder.records[seen:] if v == version) >= answers  # noqa: E731
    assert wait_until(done, 20 + seconds), f"fewer than {answers} answers from {version}"


def test_swap_under_load_answers_everything_from_one_whole_index(served, config, encoders):
    from service.runtime import build_settings

    if "variant" not in served:
        pytest.skip("swaps between the original index and the variant the previous test builds")
    server, root, good, variant = served["server"], served["root"], served["good"], served["variant"]
    recorder, stop, holder = Recorder(), threading.Event(), {}
    load = threading.Thread(
        target=lambda: holder.setdefault(
            "r", run_load(server.port, mixed_questions(), 4, 120, check=recorder, stop_event=stop)
        )
    )
    load.start()
    try:
        for corpus in (config.corpus_dir, served["variant_corpus"], config.corpus_dir):
            folder, rebuilt = build_index(
                corpus, root, build_settings(config), encoders
            )  # already built: only CURRENT moves
            assert not rebuilt
            served_for_a_while(server, recorder, folder.name)
        point(root, variant)
        assert server.request("POST", "/admin/reload", headers=AUTH)[0] == 200
        served_for_a_while(server, recorder, variant)
    finally:
        stop.set()
        load.join(60)
    result = holder["r"].summary()
    assert result["errors"] == 0 and result["requests"] > 20, result
    check = verify_records(recorder.records, {good: passage_keys(root / good), variant: passage_keys(root / variant)})
    assert check["not_from_named_index"] == 0 and check["not_from_exactly_one_index"] == 0, check
    assert set(check["by_version"]) == {good, variant} and check["version_changes_seen"] >= 3, check


def test_corrupted_current_is_refused_and_the_old_index_kept(served):
    server, root = served["server"], served["root"]
    serving = readyz(server)[1]["index"]
    point(root, corrupt_copy(root, serving, "corrupt-later", damage="flip"))
    assert wait_until(lambda: "last_reload_error" in readyz(server)[1], 10)
    status, body = readyz(server)
    assert status == 200 and body["index"] == serving and "dense_main.faiss" in body["last_reload_error"]
    status, headers, _ = server.request(
        "POST", "/api/ask", json.dumps({"question": "2021年地区生产总值预期增长多少?"}).encode()
    )
    assert status == 200 and headers["X-Index-Version"] == serving
    assert server.request("POST", "/admin/reload", headers=AUTH)[0] == 503
    point(root, serving)


def test_generated_requests_never_get_a_server_error(served):
    report = fuzz(f"http://127.0.0.1:{served['server'].port}", examples=20, timeout=10)
    assert report.requests >= 150, report.summary()
    assert not report.server_errors and not report.hangs, report.summary()


def raw(port: int, body: bytes, path: str = "/api/ask", headers: dict | None = None) -> tuple[int, str, bytes]:
    """One request with an exact byte body; (status, content type, body). A hang fails it (the
    socket's timeout); how fast the costliest questions are is scripts/bench.py's to say."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type", ""), resp.read()
    finally:
        conn.close()


def question(text: str, **extra) -> bytes:
    return json.dumps({"question": text, **extra}, ensure_ascii=False).encode("utf-8")


HOSTILE = {
    "1 MB body": (b'{"question": "' + b"a" * 1_000_000 + b'"}', {413}),
    "1 MB of Chinese": (question("增长" * 200_000), {413}),
    "10,000-character question": (question("经济" * 5_000), {422}),
    "longest accepted question": (question("2021年地区生产总值预期增长多少?" * 100), {200, 422}),
    "control characters": (question("\x00\x01\x1b[31m2021年\x07地区生产总值\x7f预期增长多少?"), {200}),
    "zero-width characters": (question("2021\u200b年\u200d地区\ufeff生产总值\u2060预期增长多少?"), {200}),
    "only invisible characters": (question("\u200b\u200c\u200d\ufeff\x00\x01"), {422}),
    "mixed scripts": (question("What is 两湖隧道 and how much did 經濟 grow in 2021年上半年?"), {200}),
    "right-to-left and emoji": (question("\u202e2021年 GDP 🚀🚀 مرحبا 増長?"), {200}),
    "invalid UTF-8": (b'{"question": "\xff\xfe\xc3\x28 GDP?"}', {400}),
    "lone surrogate escape": (b'{"question": "\\ud800 GDP\\udfff?"}', {400}),
    "deeply nested arrays": (b'{"question": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", {400, 413, 422}),
    "deeply nested objects": (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, {400, 422}),
    "HTML and script": (question("<script>alert(1)</script><img src=x onerror=alert(2)>2021年GDP目标?"), {200}),
    "NaN and huge numbers": (b'{"question": "GDP?", "top_k": NaN}', {422}),
    "number overflow": (b'{"question": "GDP?", "top_k": 1e999999}', {422}),
    "integer with 5,000 digits": (b'{"question": "GDP?", "top_k": ' + b"9" * 5_000 + b"}", {400}),
    "duplicate keys": (b'{"question": "GDP?", "question": "\xe5\xa2\x9e\xe9\x95\xbf?"}', {200}),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gets_a_quick_answer_or_a_client_error(served, name):
    body, expected = HOSTILE[name]
    status, content_type, payload = raw(served["server"].port, body)
    assert status in expected, (status, payload[:300])
    assert content_type.startswith("application/json" if status == 200 else "application/problem+json")
    if name == "HTML and script":
        assert json.loads(payload)["question"].startswith("<script>")


def test_hostile_paths_and_framing(served):
    port = served["server"].port
    status, *_ = raw(port, question("GDP?"), headers={"Content-Type": "text/html"})
    assert status < 500
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for path in [
        "/api/glossary/" + "%E5%A2%9E" * 3000,
        "/api/glossary/%00%FF%FE",
        "/api/glossary/..%2F..%2Fetc%2Fpasswd",
        "/api/ask?" + "x" * 9000,
    ]:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        assert 400 <= resp.status < 500, (path[:60], resp.status)
        conn.close()
    conn.putrequest("POST", "/api/ask")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.putheader("Content-Type", "application/json")
    conn.endheaders()
    assert over_long_chunked_body(conn) in (400, 413, None)
    conn.close()


def over_long_chunked_body(conn: http.client.HTTPConnection) -> int | None:
    """Send a chunked body far over the limit; the status the server answers with, or None when
    it closed the connection before a status could be read. The server may rightly answer and
    close while chunks are still going out, so a broken pipe on sending is no failure."""
    try:
        for _ in range(20):
            conn.send(b"%x\r\n%s\r\n" % (50_000, b"a" * 50_000))
        conn.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        return conn.getresponse().status
    except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
        return None


def test_connections_that_never_finish_a_request_do_not_starve_the_others(served):
    """Many more stalled sockets (idle, or half a request) than worker threads: the server
    still answers everyone else, because no thread waits on an unfinished request."""
    server = served["server"]
    stalled = open_stalled(server.port, 64)
    try:
        assert server.request("GET", "/livez", timeout=10)[0] == 200
        status, _, body = server.request(
            "POST", "/api/ask", json.dumps({"question": "2021年地区生产总值预期增长多少?"}).encode(), timeout=10
        )
        assert status == 200 and json.loads(body)["passages"]
    finally:
        for sock in stalled:
            sock.close()


def test_a_body_declared_over_the_front_loops_limit_is_refused_as_problem_details(served):
    """A body larger than the front loop's backstop is refused from its Content-Length alone,
    before any of it is read (none is sent here, so the answer is always readable), in the
    app's problem+json shape."""
    with socket.create_connection(("127.0.0.1", served["server"].port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n"
        )
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"Content-Type: application/problem+json" in head
    assert json.loads(body)["status"] == 413


def test_the_front_loops_own_refusals_are_problem_details():
    """Every refusal of waitress itself (headers too large, a broken frame) in problem+json:
    the response is built without a socket, where a test of it would race the close."""
    from waitress.utilities import BadRequest, RequestHeaderFieldsTooLarge

    from service.http.errors import front_loop_problem

    for error in (RequestHeaderFieldsTooLarge("exceeds max_header of 65536"), BadRequest("bad chunk")):
        status, headers, body = front_loop_problem(error)
        assert status.startswith(str(error.code)) and ("Content-Type", "application/problem+json") in headers
        expected = {"type": "about:blank", "title": error.reason, "status": error.code, "detail": error.body}
        assert json.loads(body) == expected


def test_the_serving_process_runs_without_torch(served):
    """Questions are embedded from the set-up's serving folder: torch, which the build needs,
    is never loaded by the server (its memory and start-up time stay with the build)."""
    mapped = Path(f"/proc/{served['server'].proc.pid}/maps").read_text()
    assert "onnxruntime" in mapped and "libtorch" not in mapped


def test_a_chunked_body_over_the_limit_is_a_413_in_each_shape(served):
    """The front loop de-chunks the body, so the app sees its length and refuses it as too
    large (not as broken JSON): problem+json under /api, OpenAI's error under /v1."""
    for path, shape in (("/api/ask", "application/problem+json"), ("/v1/chat/completions", "application/json")):
        conn = http.client.HTTPConnection("127.0.0.1", served["server"].port, timeout=30)
        conn.putrequest("POST", path)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.putheader("Content-Type", "application/json")
        conn.endheaders()
        for _ in range(2):
            conn.send(b"%x\r\n%s\r\n" % (50_000, b"a" * 50_000))
        conn.send(b"0\r\n\r\n")
        resp = conn.getresponse()
        body = json.loads(resp.read())
        conn.close()
        assert resp.status == 413 and resp.getheader("Content-Type").startswith(shape), (path, resp.status)
        assert "too large" in json.dumps(body)
