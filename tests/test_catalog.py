"""Adding and removing reports: atomic, and refusals leave the corpus as it was."""

import json

import pytest
from report_files import TEXT

from index.catalog import add, entries, remove
from index.corpus import corpus_hash, load_reports
from index.extract_text import Refused
from index.report_meta import infer


def _added(corpus):
    return add(corpus, TEXT, infer(TEXT, {}), "qinghe.txt")


def test_an_added_report_is_listed_and_loads_with_its_text(tmp_path):
    entry = _added(tmp_path)
    assert [e["id"] for e in entries(tmp_path)] == [entry["id"]]
    report = load_reports(tmp_path)[0]
    assert report.text == TEXT and report.meta["level"] == "county" and report.meta["source"] == "qinghe.txt"
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda meta: meta, "already holds this text"),
        (lambda meta: {**meta, "id": "../escape"}, "use letters"),
    ],
)
def test_a_duplicate_or_a_bad_id_is_refused_and_nothing_changes(tmp_path, change, reason):
    _added(tmp_path)
    before = corpus_hash(tmp_path)
    with pytest.raises(Refused, match=reason):
        add(tmp_path, TEXT.replace("\n", "\r\n"), change(infer(TEXT, {})), "again.txt")
    assert corpus_hash(tmp_path) == before


def test_a_taken_id_is_refused(tmp_path):
    entry = _added(tmp_path)
    with pytest.raises(Refused, match="taken"):
        add(tmp_path, TEXT + "另一份。\n", {**infer(TEXT, {}), "id": entry["id"]}, "other.txt")


def test_removing_takes_out_the_entry_and_its_file_and_keeps_the_rest(tmp_path):
    first = _added(tmp_path)
    other = TEXT.replace("青禾县", "白沙县")
    second = add(tmp_path, other, infer(other, {}), "baisha.txt")
    remove(tmp_path, first["id"])
    assert [e["id"] for e in entries(tmp_path)] == [second["id"]]
    assert not (tmp_path / first["file"]).exists() and (tmp_path / second["file"]).exists()
    with pytest.raises(Refused, match="no report with id"):
        remove(tmp_path, first["id"])
    assert json.loads((tmp_path / "reports.json").read_text(encoding="utf-8"))[0]["place"] == "白沙县"
