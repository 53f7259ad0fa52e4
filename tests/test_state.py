"""Serving state: readiness with reasons, and picking up a new build without a restart."""
import shutil
import time
from dataclasses import replace

from index.build import CURRENT
from service.state import QAState


def _wait_ready(state: QAState, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state.watch()
        if state.readiness()[0]:
            return True
        time.sleep(0.1)
    return False


def test_a_server_started_before_its_first_build_recovers_by_itself(config, encoders, built, tmp_path):
    root = tmp_path / "index"
    root.mkdir()
    state = QAState.start(replace(config, index_dir=root, watch_seconds=0.05), encoders)
    ready, info = state.readiness()
    assert not ready and "no index" in info["reason"]
    shutil.copytree(built, root / built.name)
    (root / CURRENT).write_text(built.name + "\n")
    assert _wait_ready(state)
    assert state.readiness()[1]["index"] == built.name


def test_a_corrupt_new_build_is_reported_while_the_old_one_serves(config, encoders, built, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(built.parent, root, ignore=shutil.ignore_patterns(".*"))
    state = QAState.start(replace(config, index_dir=root, watch_seconds=0.05), encoders)
    broken = root / "broken"
    shutil.copytree(built, broken)
    (broken / "chunks.jsonl").write_text("{}\n")
    (root / CURRENT).write_text("broken\n")
    deadline = time.monotonic() + 30
    while state.error is None and time.monotonic() < deadline:
        state.watch()
        time.sleep(0.1)
    ready, info = state.readiness()
    assert ready and info["index"] == built.name
    assert "chunks.jsonl" in info["last_reload_error"]
