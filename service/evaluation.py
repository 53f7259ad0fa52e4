"""Retrieval-quality evaluation over question files with verbatim gold substrings.

A question is answered at rank r when the r-th passage contains any of its gold strings.
Each question therefore has one relevant unit, ``ANSWER``: the first passage holding gold
is renamed to it in the run, so standard tools (pytrec_eval, trec_eval, ranx) score the
written TREC files exactly as printed here. Recall@k is then success@k, MRR@10 is the
reciprocal rank cut at 10, nDCG@10 is 1/log2(1 + rank).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pytrec_eval

from index.normalize import normalize

# The question sets whose misses have been read, as ``file[:split]`` under eval/ (a name under
# unseen/ is asked of the unseen reports' corpus): what the learned parts of the pipeline are
# fitted on. Never the frozen test split, nor the blind sets still unread (blind5, blind7, blind9,
# blind11, blind13, blind19, blind21, blind27 to blind30, unseen_k, unseen_m, unseen_o, unseen_q,
# unseen_z, unseen_ab, unseen_ag, unseen_ah, unseen_ai, unseen_aj). unseen_g, unseen_i and unseen_j,
# blind14 to blind18 and unseen_r to unseen_x (the least-asked facts of the reports), and LATER_SETS
# are fitted on after their first scores: the more of the reports' facts and wording the learned
# parts see, the less they know only the often-asked ones. The reranker is fitted on RERANKER_SETS,
# the rest on READ_SETS.
RERANKER_SETS = (
    "questions.jsonl:dev",
    *(f"fresh{n}_questions.jsonl" for n in ("", *range(2, 18))),
    "blind/analysts_questions.jsonl",
    "blind/keywords_questions.jsonl",
    "blind/residents_questions.jsonl",
    "blind3/shipped_questions.jsonl",
    "blind4/shipped_questions.jsonl",
    "blind14/shipped_questions.jsonl",
    "blind15/shipped_questions.jsonl",
    "blind16/shipped_questions.jsonl",
    "blind17/shipped_questions.jsonl",
    "blind18/shipped_questions.jsonl",
    *(
        f"unseen/unseen_{name}_questions.jsonl"
        for name in ("dev", "en_dev", "c", "d", "e", "f", "g", "i", "j", "r", "s", "t", "u", "v", "w", "x")
    ),
)
# Half the unread sets, one of each pair written together, fitted on after their first scores
# (2026-12-07) by the verdict and the figure focus. Not by the reranker: refitted with them, it
# ranked the held-out questions' passages no better and their answering sentences lower (see the
# commit that added them).
# blind23 to blind26 joined them on 2026-12-07 (ninth session), once their figure-line misses were read;
# unseen_ac to unseen_af on 2026-12-08 (tenth session), for the same reason.
LATER_SETS = (
    *(f"blind{n}/shipped_questions.jsonl" for n in (2, 6, 8, 10, 12, 20, 22, 23, 24, 25, 26)),
    *(f"unseen/unseen_{name}_questions.jsonl" for name in ("h", "l", "n", "p", "y", "aa", "ac", "ad", "ae", "af")),
)
READ_SETS = RERANKER_SETS + LATER_SETS
RELEVANT = "ANSWER"
MEASURES = {"success", "recip_rank", "ndcg_cut"}
REPORTED = {"R@1": "success_1", "R@5": "success_5", "MRR@10": "recip_rank", "nDCG@10": "ndcg_cut_10"}


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    gold: list[str]
    type: str
    answerable: bool
    answer: str | None = None
    split: str | None = None


def load_questions(path: Path, split: str | None = None) -> list[Question]:
    """Read a question file; unknown fields are ignored, ``split`` filters when given."""
    known = set(Question.__dataclass_fields__)
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [Question(**{k: v for k, v in item.items() if k in known}) for item in items]
    if split in (None, "all") or not any(q.split for q in questions):
        return questions
    return [q for q in questions if q.split == split]


def run_entry(question: Question, passages: list[dict]) -> dict[str, float]:
    """TREC run scores for one question: descending by rank, gold-holding passage renamed."""
    entry, found = {}, False
    for rank, passage in enumerate(passages[:10]):
        doc = passage["id"]
        if not found and any(g in passage["text"] for g in question.gold):
            doc, found = RELEVANT, True
        entry.setdefault(doc, float(len(passages) - rank))
    return entry


def ranking_metrics(run: dict[str, dict[str, float]], questions: list[Question]) -> dict[str, dict[str, float]]:
    """Per-question R@1, R@5, MRR@10, nDCG@10 of answerable questions, via pytrec_eval."""
    qrels = {q.id: {RELEVANT: 1} for q in questions if q.answerable and q.gold}
    scored = pytrec_eval.RelevanceEvaluator(qrels, MEASURES).evaluate(
        {k: v or {"none": 0.0} for k, v in run.items() if k in qrels}
    )
    return {qid: {name: values[measure] for name, measure in REPORTED.items()} for qid, values in scored.items()}


def aggregate(
    per_question: dict[str, dict[str, float]], questions: list[Question], by: str
) -> dict[str, dict[str, float]]:
    """Mean of each metric per value of a question attribute (lang, type), plus 'all'."""
    groups: dict[str, list[dict[str, float]]] = defaultdict(list)
    for q in questions:
        if q.id in per_question:
            groups[getattr(q, by)].append(per_question[q.id])
            groups["all"].append(per_question[q.id])
    return {
        name: {m: sum(r[m] for r in rows) / len(rows) for m in REPORTED} | {"n": len(rows)}
        for name, rows in sorted(groups.items())
    }


SHARED_CHARS = 10  # a gold string and an answer clause sharing this long a run speak of one thing


def shares_gold(gold: str, text: str) -> bool:
    """Does an answer clause hold (a run of at least SHARED_CHARS characters of) a gold string?
    Gold strings and clauses are both verbatim report text, cut at different places."""
    match = SequenceMatcher(None, gold, text, autojunk=False).find_longest_match(0, len(gold), 0, len(text))
    return match.size >= min(SHARED_CHARS, len(gold))


def answer_holds(question: Question, result: dict) -> bool:
    """Does the answer line hold the answer? A figure question's figure must stand in it; any
    other question's clauses must hold a gold string (a comparison's, two of them when it has
    two or more: both sides)."""
    if question.type == "figure" and question.answer:
        return question.answer in result["answer"]
    parts = [p["text"] for p in result.get("answer_parts") or []] or [result.get("answer_text", "")]
    needed = 2 if question.type == "comparison" and len(question.gold) > 1 else 1
    return sum(any(shares_gold(g, p) for p in parts) for g in question.gold) >= needed


def answered(result: dict) -> bool:
    """Was the question answered outright (not only with a caution, not "the reports do not say")?"""
    return result.get("verdict", "answered" if result["confident"] else "not_found") == "answered"


def answer_metrics(results: dict[str, dict], questions: list[Question]) -> dict[str, float]:
    """How often answerable and unanswerable questions are not answered outright, how often the
    answer holds the answer (and a figure question's figure), and how often the one-line
    answer (``answer_line``, read in Simplified) holds a figure question's figure."""
    unanswerable = [q for q in questions if not q.answerable]
    answerable = [q for q in questions if q.answerable]
    figures = [q for q in answerable if q.type == "figure" and q.answer]

    def rate(items, test):
        return sum(1 for q in items if test(q)) / len(items) if items else 0.0

    return {
        "no_answer_rate_unanswerable": rate(unanswerable, lambda q: not answered(results[q.id])),
        "no_answer_rate_answerable": rate(answerable, lambda q: not answered(results[q.id])),
        "answer_holds": rate(answerable, lambda q: answer_holds(q, results[q.id])),
        "figure_in_answer": rate(figures, lambda q: q.answer in results[q.id]["answer"]),
        "figure_in_line": rate(figures, lambda q: q.answer in normalize(results[q.id].get("answer_line", ""))),
        "n_unanswerable": len(unanswerable),
        "n_answerable": len(answerable),
        "n_figure": len(figures),
    }


def write_trec(run: dict[str, dict[str, float]], questions: list[Question], folder: Path, name: str) -> None:
    """``<name>.run`` and ``qrels.txt`` in TREC format for external scorers."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.run").open("w", encoding="utf-8") as out:
        for qid, docs in run.items():
            for rank, (doc, score) in enumerate(sorted(docs.items(), key=lambda d: -d[1]), start=1):
                out.write(f"{qid} Q0 {doc} {rank} {score} {name}\n")
    with (folder / "qrels.txt").open("w", encoding="utf-8") as out:
        for q in questions:
            if q.answerable and q.gold:
                out.write(f"{q.id} 0 {RELEVANT} 1\n")
