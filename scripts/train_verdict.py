"""Train the verdict model (service/verdict/verdict.json) and print how it does on questions it never saw.

    python scripts/train_verdict.py                 # cross-validate, then fit on all and write
    python scripts/train_verdict.py --no-write      # figures only

Trained on the read question sets of two corpora, so that no report's particulars are all
it knows: on the shipped corpus, the dev split of eval/questions.jsonl and every
eval/fresh*_questions.jsonl; on the unseen reports' corpus (eval/unseen/corpus, its index
built under var/unseen-index when missing), the development sets eval/unseen/unseen_*dev*_
questions.jsonl. Never the frozen test split nor the blind sets (eval/blind, eval/unseen/
unseen_a and unseen_b). Deterministic: the same sets and indexes give the same file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import _bootstrap  # noqa: F401
import numpy as np
from sklearn.metrics import roc_auc_score

from service.answering.respond import latest_report, report_dates
from service.config import ROOT, Config
from service.evaluation import load_questions
from service.runtime import build, load_encoders, load_retriever
from service.verdict.training import (
    Example,
    calibration_error,
    check_audit,
    collect,
    fit,
    folds_by_report,
    folds_by_set,
    out_of_fold,
    rates,
)

UNSEEN = ROOT / "eval" / "unseen"


def training_sets() -> dict[str, tuple[str, Path]]:
    """The read sets, each a group for leave-one-set-out, with the corpus it is asked of."""
    sets = {"dev": ("shipped", ROOT / "eval" / "questions.jsonl")}
    sets |= {
        p.stem.replace("_questions", ""): ("shipped", p) for p in sorted((ROOT / "eval").glob("fresh*_questions.jsonl"))
    }
    sets |= {
        p.stem.replace("_questions", ""): ("unseen", p) for p in sorted(UNSEEN.glob("unseen_*dev*_questions.jsonl"))
    }
    return sets


def corpus_config(corpus: str) -> Config:
    if corpus == "shipped":
        return Config.from_env(verdict=None)
    return Config.from_env(verdict=None, corpus_dir=UNSEEN / "corpus", index_dir=ROOT / "var" / "unseen-index")


def gather() -> list[Example]:
    examples: list[Example] = []
    encoders = None
    for corpus in ("shipped", "unseen"):
        config = corpus_config(corpus)
        encoders = encoders or load_encoders(config)
        build(config, encoders)
        retriever = load_retriever(config, encoders)
        until = latest_report(report_dates(retriever))
        for name, (where, path) in training_sets().items():
            if where != corpus:
                continue
            questions = load_questions(path, "dev" if name == "dev" else None)
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            examples += collect(retriever, questions, name, {r["id"]: r.get("doc") for r in rows}, until, corpus)
    return examples


def print_audit(examples: list[Example]) -> None:
    print("\nchecks: fired on answerable / unanswerable questions, per corpus")
    for code, corpus, yes, n_yes, no, n_no in check_audit(examples):
        print(
            f"  {code:18} {corpus:8} answerable {yes:3}/{n_yes:<4} ({yes / max(1, n_yes):.3f})"
            f"  unanswerable {no:3}/{n_no:<4} ({no / max(1, n_no):.3f})"
        )


def report(title: str, examples: list[Example], scores: np.ndarray, answered: float) -> None:
    labels = np.array([e.answerable for e in examples], dtype=int)
    ece, curve = calibration_error(scores, labels)
    missed, caught = rates(scores, labels, answered)
    print(
        f"\n{title}: n={len(examples)} AUC {roc_auc_score(labels, scores):.3f} ECE {ece:.3f}; at {answered:.2f}: "
        f"answerable not answered {missed:.3f}, unanswerable not answered {caught:.3f}"
    )
    print(
        "  reliability (mean confidence, share answerable, n): "
        + ", ".join(f"({m:.2f}, {s:.2f}, {n})" for m, s, n in curve)
    )
    print("  cut   ans_not  unans_not")
    for cut in np.arange(0.3, 0.81, 0.05):
        a, u = rates(scores, labels, float(cut))
        print(f"  {cut:.2f}  {a:.3f}    {u:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--answered", type=float, default=0.5, help="confidence at or above which an answer is given outright"
    )
    parser.add_argument(
        "--not-found", type=float, default=0.25, help="confidence below which the reports are said not to hold it"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "service" / "verdict" / "verdict.json")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep the gathered signals here and reuse them")
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        examples = [Example(**{**e, "signals": tuple(e["signals"])}) for e in json.loads(args.cache.read_text())]
    else:
        examples = gather()
        if args.cache:
            args.cache.write_text(json.dumps([e.__dict__ for e in examples]))
    print_audit(examples)
    for title, folds in (
        ("leave one set out", folds_by_set(examples)),
        ("leave one report out", folds_by_report(examples)),
    ):
        tested, scores = out_of_fold(folds)
        report(title, tested, scores, args.answered)
    model = fit(examples, args.answered, args.not_found)
    print(
        "\nweights: "
        + ", ".join(f"{n} {w:+.2f}" for n, w in sorted(zip(model.features, model.weights), key=lambda p: p[1]))
    )
    if not args.no_write:
        args.output.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"written {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
