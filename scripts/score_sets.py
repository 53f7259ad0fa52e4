"""Score the full pipeline's answers on question files: the figures of a blind first read.

    python scripts/score_sets.py eval/fresh16_questions.jsonl eval/fresh17_questions.jsonl
    QA_CORPUS_DIR=eval/unseen/corpus QA_INDEX_DIR=var/unseen-index python scripts/score_sets.py eval/unseen/*.jsonl

Per set and per language it prints Recall@1, Recall@5, MRR@10, how often the answer holds
the answer (and a figure question's figure, in the answer and in the one-line answer_line),
and how often answerable and unanswerable questions are not answered outright. It prints no question, so that a blind
set can be scored without being read; ``--json`` keeps every answer for a later reading.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import _bootstrap  # noqa: F401

from service.answering.respond import ask
from service.config import Config
from service.evaluation import Question, answer_metrics, load_questions, ranking_metrics, run_entry
from service.runtime import load_encoders, load_retriever

COLUMNS = ("n", "R@1", "R@5", "MRR@10", "holds", "figure", "line", "ans_not", "unans_not")


def row(questions: list[Question], results: dict[str, dict]) -> dict[str, float]:
    """One line of figures for a group of questions."""
    run = {q.id: run_entry(q, results[q.id]["passages"]) for q in questions}
    ranked = ranking_metrics(run, questions)
    mean = {m: sum(r[m] for r in ranked.values()) / len(ranked) if ranked else 0.0 for m in ("R@1", "R@5", "MRR@10")}
    a = answer_metrics(results, questions)
    return {
        "n": len(questions),
        **mean,
        "holds": a["answer_holds"],
        "figure": a["figure_in_answer"],
        "line": a["figure_in_line"],
        "ans_not": a["no_answer_rate_answerable"],
        "unans_not": a["no_answer_rate_unanswerable"],
    }


def set_name(path: Path, files: list[Path]) -> str:
    """A set's name: its file's stem, with its folder when another file has the same stem
    (blind2/shipped, blind3/shipped)."""
    stem = path.stem.replace("_questions", "")
    same = [f for f in files if f.stem == path.stem]
    return f"{path.parent.name}/{stem}" if len(same) > 1 else stem


def print_rows(title: str, rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}\n{'group':<22}" + "".join(f"{c:>10}" for c in COLUMNS))
    for name, figures in rows.items():
        print(f"{name:<22}" + "".join(f"{figures[c]:>10.3f}" if c != "n" else f"{figures[c]:>10d}" for c in COLUMNS))


def shared_ids(sets: dict[str, list[Question]]) -> list[str]:
    """Ids that more than one question holds (in one file or across files)."""
    counts = Counter(q.id for qs in sets.values() for q in qs)
    return sorted(qid for qid, n in counts.items() if n > 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--split", default="all", help="dev, test or all (for files that have one)")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write every answer here, by set")
    args = parser.parse_args(argv)
    sets = {set_name(path, args.files): load_questions(path, args.split) for path in args.files}
    shared = shared_ids(sets)
    if shared:
        parser.error(f"question ids must be unique across the files, as the pooled rows key on them: {shared[:5]}")
    config = Config.from_env()
    retriever = load_retriever(config, load_encoders(config))
    results = {
        name: {q.id: ask(retriever, q.question, top_k=args.top_k, qid=q.id) for q in qs} for name, qs in sets.items()
    }
    print_rows("by set", {name: row(qs, results[name]) for name, qs in sets.items()})
    pooled = [q for qs in sets.values() for q in qs]
    merged = {qid: r for rs in results.values() for qid, r in rs.items()}
    by_lang = {lang: [q for q in pooled if q.lang == lang] for lang in ("en", "zh-Hans", "zh-Hant")}
    print_rows(
        "pooled, by language", {"all": row(pooled, merged)} | {k: row(v, merged) for k, v in by_lang.items() if v}
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
