"""Serving state: readiness with reasons, and picking up a new build without a restart."""

import shutil
import time
from dataclasses import replace
from pathlib import Path

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


def _watch_until(state: QAState, done, seconds: float = 30) -> None:
    """Let the state watch its index folder until ``done(state)`` holds (or time runs out)."""
    deadline = time.monotonic() + seconds
    while not done(state) and time.monotonic() < deadline:
        state.watch()
        time.sleep(0.1)


def _point_at_a_broken_copy(built, root, name: str) -> Path:
    """A copy of the built index, with chunks.jsonl damaged, made the CURRENT one."""
    broken = root / name
    shutil.copytree(built, broken)
    (broken / "chunks.jsonl").write_text("{}\n")
    (root / CURRENT).write_text(name + "\n")
    return broken


def test_a_corrupt_new_build_is_reported_while_the_old_one_serves(config, encoders, built, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(built.parent, root, ignore=shutil.ignore_patterns(".*"))
    state = QAState.start(replace(config, index_dir=root, watch_seconds=0.05), encoders)
    _point_at_a_broken_copy(built, root, "broken")
    _watch_until(state, lambda s: s.error is not None)
    ready, info = state.readiness()
    assert ready and info["index"] == built.name
    assert "chunks.jsonl" in info["last_reload_error"]


def _served_root(built, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(built.parent, root, ignore=shutil.ignore_patterns(".*"))
    return root


def test_any_bytes_in_the_pointer_end_in_a_clear_state_never_an_exception(config, encoders, built, tmp_path):
    root = _served_root(built, tmp_path)
    state = QAState.start(replace(config, index_dir=root, watch_seconds=0.01), encoders)
    for content in (
        b"\xff\xfe\x00garbage",
        b"",
        b"../../etc",
        b"/abs/path",
        b"\x00",
        "版本".encode("gb18030"),
        b"a" * 5000,
    ):
        (root / CURRENT).write_bytes(content)
        time.sleep(0.02)
        state.watch()
        ready, info = state.readiness()
        assert ready and info["index"] == built.name, content  # the loaded index keeps serving
        assert "CURRENT" in state.error and str(tmp_path) not in state.error, (content, state.error)
        assert state.reload() is False and "CURRENT" in state.error


def test_a_version_repaired_in_place_is_tried_again(config, encoders, built, tmp_path):
    root = _served_root(built, tmp_path)
    state = QAState.start(replace(config, index_dir=root, watch_seconds=0.05), encoders)
    fixed = _point_at_a_broken_copy(built, root, "fixed-later")
    _watch_until(state, lambda s: s.error is not None)
    assert "chunks.jsonl" in state.error and state.readiness()[1]["index"] == built.name
    shutil.copy2(built / "chunks.jsonl", fixed / "chunks.jsonl")  # the operator mends the file
    _watch_until(state, lambda s: s.readiness()[1].get("index") == "fixed-later")
    assert state.readiness()[1]["index"] == "fixed-later" and state.error is None


def test_reasons_a_client_reads_name_files_not_the_machines_paths(config, encoders, tmp_path):
    root = tmp_path / "nowhere"
    state = QAState.start(replace(config, index_dir=root), encoders)
    ready, info = state.readiness()
    assert not ready and "make index" in info["reason"] and str(tmp_path) not in info["reason"]


def test_an_index_of_other_dimensions_is_refused_in_words(config, encoders, built):
    import pytest

    from index.manifest import IndexIntegrityError
    from service.runtime import load_retriever

    swapped = {"main": encoders["second"], "second": encoders["second"]}  # 512-dimensional USE for 384-dimensional e5
    with pytest.raises(IndexIntegrityError, match=r"main vectors have 384 dimensions.*makes 512"):
        load_retriever(config, swapped, built)


def test_the_index_records_the_model_relative_to_the_checkout(config, built):
    import json

    recorded = json.loads((built / "manifest.json").read_text())
    assert recorded["encoders"]["main"]["name"] == "models/multilingual-e5-small"
    assert recorded["settings"]["model"] == "models/multilingual-e5-small"
