"""Regression gate: the full pipeline must not fall below its figures on the test split."""

import json

import pytest

from service.answering.respond import ask
from service.config import ROOT
from service.evaluation import aggregate, answer_metrics, load_questions, ranking_metrics, run_entry

FLOOR = json.loads((ROOT / "eval" / "regression_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(retriever):
    questions = load_questions(ROOT / "eval" / "questions.jsonl", FLOOR["split"])
    results = {q.id: ask(retriever, q.question, top_k=10, pipeline=FLOOR["pipeline"]) for q in questions}
    per = ranking_metrics({q.id: run_entry(q, results[q.id]["passages"]) for q in questions}, questions)
    return {"by_lang": aggregate(per, questions, "lang"), "answers": answer_metrics(results, questions)}


@pytest.mark.parametrize("lang", list(FLOOR["by_lang"]))
def test_retrieval_quality_does_not_regress(report, lang):
    for metric, floor in FLOOR["by_lang"][lang].items():
        assert report["by_lang"][lang][metric] >= floor, (
            f"{lang} {metric} {report['by_lang'][lang][metric]:.3f} < {floor}"
        )


def test_answer_lines_do_not_regress(report):
    for metric, floor in FLOOR["answers"].items():
        assert report["answers"][metric] >= floor, f"{metric} {report['answers'][metric]:.3f} < {floor}"


def test_abstention_does_not_regress(report):
    """Unanswerable questions keep not being answered outright, answerable ones keep being answered."""
    floor, answers = FLOOR["abstention"], report["answers"]
    assert answers["no_answer_rate_unanswerable"] >= floor["no_answer_rate_unanswerable_min"]
    assert answers["no_answer_rate_answerable"] <= floor["no_answer_rate_answerable_max"]
