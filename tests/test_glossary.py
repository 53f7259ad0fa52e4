import json

import pytest

from index.corpus import Report, load_reports
from index.glossary import GlossaryMatcher, extract_entries, extract_glossary, load_english, load_glossary
from service.config import ROOT


@pytest.fixture(scope="module")
def entries():
    return load_glossary(ROOT / "corpus" / "glossary.json")


def test_all_nine_terms_are_extracted_with_definitions_at_their_offsets(entries):
    reports = {r.id: r for r in load_reports(ROOT / "corpus")}
    assert [e.number for e in entries] == list(range(1, 10))
    assert entries[2].term == "两湖隧道" and entries[2].definition == "下穿东湖、南湖的隧道。"
    for entry in entries:
        line = reports[entry.doc].text[entry.start : entry.end]
        assert line.startswith(f"{entry.number}.{entry.term}") and line.endswith(entry.definition)
        assert entry.traditional and entry.english and entry.definition_en


def test_committed_glossary_is_what_the_extractor_produces():
    english = load_english(ROOT / "corpus" / "glossary_en.json")
    fresh = [e.to_dict() for e in extract_glossary(load_reports(ROOT / "corpus"), english)]
    committed = json.loads((ROOT / "corpus" / "glossary.json").read_text(encoding="utf-8"))
    assert fresh == committed, "corpus/glossary.json is stale: run scripts/extract_glossary.py"


@pytest.mark.parametrize(
    "question, term",
    [
        ("什么是六稳六保?", "六稳、六保"),
        ("「六穩」「六保」指的是什麼?", "六稳、六保"),
        ("兩湖隧道是什麼?", "两湖隧道"),
        ("What is the Two Lakes Tunnel?", "两湖隧道"),
        ("what does the 1+8 industrial system mean", "1+8"),
        ("區管校聘是什麼制度", "区管校聘"),
        ("What is “District Management, School Hiring”?", "区管校聘"),  # a name with its own comma
        ("district management school hiring?", "区管校聘"),
    ],
)
def test_terms_are_found_in_any_script_or_in_english(entries, question, term):
    assert [e.term for e in GlossaryMatcher(entries).find(question)] == [term]


def test_unrelated_questions_name_no_term(entries):
    assert GlossaryMatcher(entries).find("How much fixed-asset investment was completed in 2020?") == []


def test_a_glossary_under_another_heading_gets_english_names_from_the_dictionary():
    text = (
        "某市人民政府工作报告\n各位代表：\n推进碳中和。\n名词解释\n"
        "(1)碳中和：一定时间内二氧化碳排放量与吸收量相抵。\n2.河长制：由党政负责人担任河长的制度。\n"
    )
    report = Report("r", "某市人民政府工作报告", text, "2023-01-01", "report", "r.txt")
    carbon, rivers = extract_entries(report, english={})
    assert (carbon.term, carbon.number, rivers.term) == ("碳中和", 1, "河长制")
    assert carbon.english[0] == "carbon neutrality" and rivers.english == []  # a coinage the dictionary lacks
    assert GlossaryMatcher([carbon, rivers]).find("What does carbon neutrality mean?")[0].term == "碳中和"
