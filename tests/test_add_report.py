"""scripts/add_report.py: a report in each published format added to a fresh corpus, indexed,
and answered in English, Simplified and Traditional Chinese; bad files leave the corpus as it was."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

import pytest
from report_files import GDP, ROADS, WRITERS

from index.corpus import corpus_hash
from service.answering.respond import ask
from service.config import ROOT
from service.engine import Reader
from service.http.web_text import STRINGS
from service.http.web_views import described, examples, report_choices
from service.runtime import build, load_retriever

sys.path.insert(0, str(ROOT / "scripts"))
import add_report  # noqa: E402

QUESTIONS = [
    ("青禾县2022年地区生产总值是多少?", GDP),
    ("青禾縣2022年地區生產總值是多少?", GDP),
    ("What was Qinghe County's GDP in 2022?", GDP),
    ("How many kilometres of rural roads were built or upgraded?", ROADS),
]


@pytest.fixture(scope="module", params=sorted(WRITERS))
def added(request, tmp_path_factory, config, encoders):
    """A corpus holding only the county report, added from one format, and its index."""
    folder = tmp_path_factory.mktemp(f"corpus-{request.param}")
    source = WRITERS[request.param](folder.parent / f"qinghe-{request.param}.{request.param}")
    assert add_report.main([str(source), "--corpus", str(folder / "corpus"), "--no-index"]) == 0
    mine = replace(config, corpus_dir=folder / "corpus", index_dir=folder / "index")
    build(mine, encoders)
    return folder / "corpus", load_retriever(mine, encoders), source


@pytest.mark.parametrize("question, expected", QUESTIONS)
def test_an_added_report_answers_in_three_languages(added, question, expected):
    _, retriever, _ = added
    answer = ask(retriever, question)
    assert expected in answer["answer"] and answer["verdict"] != "not_found"
    assert answer["citation"]["doc"].startswith("county-2023-")


def test_its_glossary_under_another_heading_is_extracted_with_traditional_forms(added):
    _, retriever, _ = added
    entry = next(e for e in retriever.bundle.glossary if e.term == "河长制")
    assert "河長制" in entry.traditional and "负责人担任河长" in entry.definition
    assert "负责人担任河长" in ask(retriever, "什么是河长制?")["answer"]


def test_its_metadata_was_inferred_and_listed(added):
    corpus, _, _ = added
    [entry] = json.loads((corpus / "reports.json").read_text(encoding="utf-8"))
    assert (entry["level"], entry["date"], entry["period"]) == ("county", "2023-01-12", ["2022", "2023"])


def test_a_bad_file_or_a_second_copy_is_refused_and_the_corpus_is_unchanged(added, tmp_path, capsys):
    corpus, _, source = added
    before = corpus_hash(corpus)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    for path in (empty, source):
        assert add_report.main([str(path), "--corpus", str(corpus), "--no-index"]) == 2
    refused = capsys.readouterr().err
    assert "empty" in refused and "already holds this text" in refused and corpus_hash(corpus) == before


def test_an_answers_citation_opens_the_added_report_at_the_cited_words(added):
    corpus, retriever, _ = added
    citation = ask(retriever, QUESTIONS[0][0])["citation"]
    page = Reader(retriever, corpus).report(citation["doc"], citation["start"], citation["end"])
    marked = "".join(piece.text for block in page.blocks for piece in block.pieces if piece.marked)
    assert page.cited and marked and page.title.startswith("青禾县")
    assert citation["url"].startswith(f"/reports/{citation['doc']}?start={citation['start']}&end={citation['end']}")


def test_the_page_describes_and_suggests_from_the_added_report_itself(added):
    corpus, retriever, _ = added
    reader = Reader(retriever, corpus)
    assert described(report_choices(reader, "zh", False), STRINGS["zh"]) == "《青禾县人民政府工作报告》（2023）"
    assert described(report_choices(reader, "en", False), STRINGS["en"]) == "Qinghe County Government Work Report 2023"
    assert examples(reader) == {
        "zh-Hans": ["什么是河长制？", "什么是老旧小区？"],
        "zh-Hant": ["什麼是河長制？", "什麼是老舊小區？"],
    }
