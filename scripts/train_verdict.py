"""Train the verdict model (service/verdict.json) and print how it does on questions it never saw.

    python scripts/train_verdict.py                 # cross-validate, then fit on all and write
    python scripts/train_verdict.py --no-write      # figures only

Trained on the read question sets: the dev split of eval/questions.jsonl and every
eval/fresh*_questions.jsonl, never the frozen test split nor the blind sets under
eval/blind and eval/unseen. Deterministic: the same sets and index give the same file.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

import _bootstrap  # noqa: F401

from service.config import ROOT, Config
from service.evaluation import load_questions
from service.respond import latest_report, report_dates
from service.runtime import load_encoders, load_retriever
from service.verdict_training import Example, calibration_error, collect, fit, folds_by_report, folds_by_set, out_of_fold, rates


def training_sets() -> dict[str, Path]:
    """The read sets, each a group for leave-one-set-out."""
    sets = {"dev": ROOT / "eval" / "questions.jsonl"}
    sets |= {p.stem.replace("_questions", ""): p for p in sorted((ROOT / "eval").glob("fresh*_questions.jsonl"))}
    return sets


def gather(config: Config) -> list[Example]:
    retriever = load_retriever(config, load_encoders(config))
    until = latest_report(report_dates(retriever))
    examples: list[Example] = []
    for name, path in training_sets().items():
        questions = load_questions(path, "dev" if name == "dev" else None)
        docs = {json.loads(line)["id"]: json.loads(line).get("doc") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
        examples += collect(retriever, questions, name, docs, until)
    return examples


def report(title: str, examples: list[Example], scores: np.ndarray, answered: float) -> None:
    labels = np.array([e.answerable for e in examples], dtype=int)
    ece, curve = calibration_error(scores, labels)
    missed, caught = rates(scores, labels, answered)
    print(f"\n{title}: n={len(examples)} AUC {roc_auc_score(labels, scores):.3f} ECE {ece:.3f}; at {answered:.2f}: "
          f"answerable not answered {missed:.3f}, unanswerable not answered {caught:.3f}")
    print("  reliability (mean confidence, share answerable, n): " + ", ".join(f"({m:.2f}, {s:.2f}, {n})" for m, s, n in curve))
    print("  cut   ans_not  unans_not")
    for cut in np.arange(0.3, 0.81, 0.05):
        a, u = rates(scores, labels, float(cut))
        print(f"  {cut:.2f}  {a:.3f}    {u:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--answered", type=float, default=0.5, help="confidence at or above which an answer is given outright")
    parser.add_argument("--not-found", type=float, default=0.25, help="confidence below which the reports are said not to hold it")
    parser.add_argument("--output", type=Path, default=ROOT / "service" / "verdict.json")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep the gathered signals here and reuse them")
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        examples = [Example(**{**e, "signals": tuple(e["signals"])}) for e in json.loads(args.cache.read_text())]
    else:
        examples = gather(Config.from_env(verdict=None))
        if args.cache:
            args.cache.write_text(json.dumps([e.__dict__ for e in examples]))
    for title, folds in (("leave one set out", folds_by_set(examples)), ("leave one report out", folds_by_report(examples))):
        tested, scores = out_of_fold(folds)
        report(title, tested, scores, args.answered)
    model = fit(examples, args.answered, args.not_found)
    print("\nweights: " + ", ".join(f"{n} {w:+.2f}" for n, w in sorted(zip(model.features, model.weights), key=lambda p: p[1])))
    if not args.no_write:
        args.output.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"written {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
