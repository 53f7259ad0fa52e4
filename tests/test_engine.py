"""The engine is the one interface the HTTP layer calls; a request reads one index through it."""

from __future__ import annotations

import ast
from pathlib import Path

from service.config import ROOT
from service.engine import Engine

ENGINE_INSIDES = (
    "service.analysis",
    "service.ranking",
    "service.answering",
    "service.verdict",
    "service.state",
    "service.runtime",
    "index.store",
    "index.lexical",
    "index.glossary",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_http_layer_reaches_the_engine_only_through_its_interface():
    for path in sorted((ROOT / "service" / "http").glob("*.py")):
        inside = [m for m in _imports(path) if m.startswith(ENGINE_INSIDES)]
        assert not inside, f"{path.name} imports {inside}: go through service.engine"


def test_a_reader_answers_searches_and_looks_up_from_one_index(state):
    engine = Engine(state)
    reader = engine.reader()
    assert reader is not None and reader.version == state.retriever.bundle.version
    answer = reader.ask("2021年地区生产总值预期增长多少?", top_k=2)
    assert answer["verdict"] in ("answered", "uncertain", "not_found") and len(answer["passages"]) == 2
    assert [p["id"] for p in reader.search("GDP growth target", top_k=3)["passages"]]
    entries = reader.glossary()
    assert entries and reader.glossary_entry(entries[0]["term"])["term"] == entries[0]["term"]
    assert reader.glossary_entry("no such term at all") is None
    summary = reader.summary()
    assert summary["index"] == reader.version and summary["chunks"] > 0 and summary["reports"] == reader.reports()
    assert all(len(word) > 1 for word in reader.search_terms("What was the GDP growth target for 2021?"))


def test_without_an_index_there_is_no_reader_and_the_reason_is_given(config, encoders, tmp_path):
    from dataclasses import replace

    from service.state import QAState

    engine = Engine(QAState.start(replace(config, index_dir=tmp_path / "none"), encoders))
    assert engine.reader() is None and "make index" in engine.error
    assert engine.readiness()[0] is False
