"""Compare retrieval pipelines side by side on a question file.

python scripts/evaluate.py                       # dev split of eval/questions.jsonl
python scripts/evaluate.py --split test --json out.json --trec out/
python scripts/evaluate.py --questions my.jsonl --pipelines full dense
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import _bootstrap  # noqa: F401

from service.answering.respond import ask
from service.config import ROOT, Config
from service.evaluation import aggregate, answer_metrics, load_questions, ranking_metrics, run_entry, write_trec
from service.ranking.pipelines import PIPELINES
from service.runtime import load_encoders, load_retriever


def evaluate_pipeline(retriever, questions, pipeline: str, top_k: int) -> dict:
    """Every figure for one pipeline: by language, by type, answer-level rates, latency."""
    started = time.perf_counter()
    results = {q.id: ask(retriever, q.question, top_k=top_k, qid=q.id, pipeline=pipeline) for q in questions}
    seconds = time.perf_counter() - started
    run = {q.id: run_entry(q, results[q.id]["passages"]) for q in questions}
    per_question = ranking_metrics(run, questions)
    return {
        "by_lang": aggregate(per_question, questions, "lang"),
        "by_type": aggregate(per_question, questions, "type"),
        "answers": answer_metrics(results, questions),
        "ms_per_question": 1000 * seconds / max(1, len(questions)),
        "run": run,
        "per_question": per_question,
    }


def print_table(name: str, report: dict) -> None:
    print(f"\n== {name}  ({report['ms_per_question']:.1f} ms/question)")
    print(f"{'group':<14}{'n':>4}{'R@1':>8}{'R@5':>8}{'MRR@10':>8}{'nDCG@10':>9}")
    for section in ("by_lang", "by_type"):
        for group, m in report[section].items():
            print(f"{group:<14}{m['n']:>4}{m['R@1']:>8.3f}{m['R@5']:>8.3f}{m['MRR@10']:>8.3f}{m['nDCG@10']:>9.3f}")
        print()
    a = report["answers"]
    print(
        f"no-answer rate: unanswerable {a['no_answer_rate_unanswerable']:.2f} (n={a['n_unanswerable']}), "
        f"answerable {a['no_answer_rate_answerable']:.2f} (n={a['n_answerable']}); "
        f"figure in answer {a['figure_in_answer']:.2f} (n={a['n_figure']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    parser.add_argument("--split", default="dev", help="dev, test or all (ignored when the file has no split)")
    parser.add_argument("--pipelines", nargs="+", default=list(PIPELINES), choices=list(PIPELINES))
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write all figures as JSON here")
    parser.add_argument("--trec", type=Path, help="write TREC run and qrels files into this folder")
    parser.add_argument("--misses", action="store_true", help="list questions the last pipeline misses at 5")
    args = parser.parse_args(argv)
    questions = load_questions(args.questions, args.split)
    if not questions:
        parser.error(f"no questions in {args.questions} for split {args.split!r}")
    config = Config.from_env()
    retriever = load_retriever(config, load_encoders(config))
    reports = {name: evaluate_pipeline(retriever, questions, name, args.top_k) for name in args.pipelines}
    for name, report in reports.items():
        print_table(name, report)
        if args.trec:
            write_trec(report["run"], questions, args.trec, name)
    if args.misses:
        last = reports[args.pipelines[-1]]["per_question"]
        for q in questions:
            if q.id in last and last[q.id]["R@5"] == 0:
                print(f"MISS {q.id} [{q.lang}/{q.type}] {q.question} | gold: {q.gold[0]}")
    if args.json:
        summary = {n: {k: v for k, v in r.items() if k not in ("run", "per_question")} for n, r in reports.items()}
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
