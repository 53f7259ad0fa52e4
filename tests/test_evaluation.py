"""Metrics against values worked out by hand, and the evaluation script end to end."""

import json
import math
import subprocess
import sys

import pytest

from service.config import ROOT
from service.evaluation import (
    RELEVANT,
    Question,
    aggregate,
    answer_metrics,
    load_questions,
    ranking_metrics,
    run_entry,
    write_trec,
)


def _q(qid, lang="en", gold=("目标",), answerable=True, type_="figure", answer=None):
    return Question(qid, lang, "?", list(gold), type_, answerable, answer)


def _passages(*texts):
    return [{"id": f"p{i}", "text": t} for i, t in enumerate(texts)]


def test_the_first_gold_passage_becomes_the_relevant_unit():
    entry = run_entry(_q("a"), _passages("无关", "今年目标是", "目标再现"))
    assert list(entry) == ["p0", RELEVANT, "p2"]
    assert entry["p0"] > entry[RELEVANT] > entry["p2"]


def test_ranking_metrics_match_hand_computed_values():
    questions = [_q("a"), _q("b", lang="zh-Hans"), _q("c", lang="zh-Hans"), _q("u", gold=(), answerable=False)]
    run = {
        "a": run_entry(questions[0], _passages("x", "目标")),  # rank 2
        "b": run_entry(questions[1], _passages("目标")),  # rank 1
        "c": run_entry(questions[2], _passages("x", "y", "z", "w", "v", "目标")),  # rank 6
        "u": run_entry(questions[3], _passages("x")),
    }
    per = ranking_metrics(run, questions)
    assert set(per) == {"a", "b", "c"}
    assert per["a"] == pytest.approx({"R@1": 0, "R@5": 1, "MRR@10": 0.5, "nDCG@10": 1 / math.log2(3)})
    assert per["b"] == pytest.approx({"R@1": 1, "R@5": 1, "MRR@10": 1.0, "nDCG@10": 1.0})
    assert per["c"] == pytest.approx({"R@1": 0, "R@5": 0, "MRR@10": 1 / 6, "nDCG@10": 1 / math.log2(7)})
    by_lang = aggregate(per, questions, "lang")
    assert by_lang["zh-Hans"]["R@5"] == pytest.approx(0.5) and by_lang["zh-Hans"]["MRR@10"] == pytest.approx(
        (1 + 1 / 6) / 2
    )
    assert by_lang["all"]["n"] == 3 and by_lang["all"]["R@1"] == pytest.approx(1 / 3)


def test_answer_level_rates():
    questions = [
        _q("a", answer="7%"),
        _q("b", answer="300亿元"),
        _q("u", gold=(), answerable=False, type_="unanswerable"),
    ]
    results = {
        "a": {"confident": True, "answer": "增长7%"},
        "b": {"confident": False, "answer": "增长10%"},
        "u": {"confident": False, "answer": ""},
    }
    rates = answer_metrics(results, questions)
    assert rates["no_answer_rate_unanswerable"] == 1.0 and rates["no_answer_rate_answerable"] == 0.5
    assert rates["figure_in_answer"] == 0.5


def test_trec_files_are_readable_by_standard_tools(tmp_path):
    questions = [_q("a"), _q("b")]
    run = {"a": run_entry(questions[0], _passages("x", "目标")), "b": run_entry(questions[1], _passages("y"))}
    write_trec(run, questions, tmp_path, "demo")
    lines = (tmp_path / "demo.run").read_text().splitlines()
    assert lines[0] == "a Q0 p0 1 2.0 demo" and lines[1] == f"a Q0 {RELEVANT} 2 1.0 demo"
    assert (tmp_path / "qrels.txt").read_text().splitlines() == [f"a 0 {RELEVANT} 1", f"b 0 {RELEVANT} 1"]


def test_the_question_set_is_valid_and_its_gold_is_verbatim():
    from index.corpus import load_reports

    texts = [r.text for r in load_reports(ROOT / "corpus")]
    questions = load_questions(ROOT / "eval" / "questions.jsonl")
    assert len(questions) >= 120 and len({q.id for q in questions}) == len(questions)
    assert sum(not q.answerable for q in questions) >= 10
    assert {q.lang for q in questions} == {"en", "zh-Hans", "zh-Hant"} and {q.split for q in questions} == {
        "dev",
        "test",
    }
    for q in questions:
        assert all(any(g in t for t in texts) for g in q.gold), q.id


@pytest.mark.parametrize(
    "name, count",
    [
        ("fresh_questions.jsonl", 48),
        ("fresh2_questions.jsonl", 48),
        ("fresh3_questions.jsonl", 48),
        ("fresh4_questions.jsonl", 57),
        ("fresh5_questions.jsonl", 57),
        ("fresh6_questions.jsonl", 57),
        ("fresh7_questions.jsonl", 57),
        ("fresh8_questions.jsonl", 57),
        ("fresh9_questions.jsonl", 57),
        ("fresh10_questions.jsonl", 57),
        ("fresh11_questions.jsonl", 57),
        ("fresh12_questions.jsonl", 57),
        ("fresh13_questions.jsonl", 57),
        ("fresh14_questions.jsonl", 57),
        ("fresh15_questions.jsonl", 57),
        ("fresh16_questions.jsonl", 57),
        ("fresh17_questions.jsonl", 57),
    ],
)
def test_the_fresh_question_sets_are_valid_and_their_gold_is_verbatim(name, count):
    from index.corpus import load_reports

    texts = [r.text for r in load_reports(ROOT / "corpus")]
    questions = load_questions(ROOT / "eval" / name)
    assert len(questions) == count and len({q.id for q in questions}) == count
    for q in questions:
        assert q.answerable == bool(q.gold), q.id
        assert all(any(g in t for t in texts) for g in q.gold), q.id
        assert q.type != "figure" or any(q.answer in g for g in q.gold), q.id


def test_evaluate_script_runs_on_any_question_file(built, config, tmp_path):
    qfile = tmp_path / "mine.jsonl"
    rows = [
        {
            "id": "x1",
            "lang": "zh-Hans",
            "question": "2021年地区生产总值预期增长多少?",
            "gold": ["地区生产总值增长7%"],
            "type": "figure",
            "answerable": True,
            "answer": "7%",
        }
    ]
    qfile.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    env = {"QA_INDEX_DIR": str(config.index_dir), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(
        [
            sys.executable,
            "scripts/evaluate.py",
            "--questions",
            str(qfile),
            "--pipelines",
            "full",
            "lexical",
            "--json",
            str(tmp_path / "r.json"),
            "--trec",
            str(tmp_path / "trec"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    summary = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert summary["full"]["by_lang"]["all"]["R@5"] == 1.0 and summary["full"]["answers"]["figure_in_answer"] == 1.0
    assert (tmp_path / "trec" / "full.run").exists() and "R@5" in out.stdout


def test_scoring_sets_that_share_a_question_id_is_refused_before_anything_is_loaded(tmp_path):
    row = {
        "id": "x001",
        "lang": "en",
        "question": "GDP?",
        "gold": ["GDP"],
        "doc": None,
        "type": "figure",
        "answerable": True,
    }
    for name in ("a", "b"):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(row), encoding="utf-8")
    files = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    out = subprocess.run(
        [sys.executable, "scripts/score_sets.py", *files], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 2 and "x001" in out.stderr and "unique" in out.stderr
