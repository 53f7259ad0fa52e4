"""Train the verdict model (service/verdict/verdict.json) and print how it does on questions it never saw.

    python scripts/train_verdict.py                 # cross-validate, then fit on all and write
    python scripts/train_verdict.py --no-write      # figures only

Trained on every read question set of both corpora (service.evaluation.READ_SETS, as the
reranker and the figure focus are), so that no report's particulars are all it knows: on the
shipped reports the dev split of eval/questions.jsonl, the fresh sets and the read blind sets;
on the unseen reports (eval/unseen/corpus, indexed under var/unseen-index when missing) their
read sets. Never the frozen test split nor the unread blind sets. To these it adds, per corpus,
everyday words the corpus never uses, as unanswerable (service.verdict.everyday_words: greetings
and test words must not be answered); they are fitted on and left out of the printed figures.
Deterministic: the same sets and indexes give the same file.
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
from service.evaluation import READ_SETS, load_questions
from service.ranking.training import UNSEEN, retrievers_for
from service.runtime import load_encoders
from service.verdict.everyday_words import everyday_words
from service.verdict.training import (
    Example,
    calibration_error,
    check_audit,
    collect,
    fit,
    folds_by_corpus,
    folds_by_report,
    folds_by_set,
    out_of_fold,
    rates,
)

EVERYDAY = "everyday_words"  # the group of the everyday-word examples of each corpus (everyday_words)
# Of them per corpus, against about 1,300 questions of the read sets each: enough that none of 30
# greetings, test words and keyboard rows is answered on either corpus; more cost the real questions
# (chosen on the read sets out of fold among 0, 50, 100 and 150: see the commit that set it).
EVERYDAY_WORDS = 50


def set_name(name: str) -> str:
    """A read set's short name, its group for leave-one-set-out, unique among the read sets
    ("unseen/unseen_c_questions.jsonl" -> "unseen_c", "blind3/shipped_questions.jsonl" ->
    "blind3_shipped", "questions.jsonl:dev" -> "questions_dev")."""
    file, _, split = name.partition(":")
    path = Path(file)
    stem = path.stem.replace("_questions", "")
    folder = path.parent.name
    stem = f"{folder}_{stem}" if folder and not stem.startswith(folder) else stem
    return f"{stem}_{split}" if split else stem


def corpus_of(name: str) -> str:
    """Which corpus a read set is asked of."""
    return "unseen" if name.startswith(UNSEEN) else "shipped"


def gather(names: list[str]) -> list[Example]:
    """The verdict's signals for every question of the named read sets (``file[:split]`` under
    eval/), each asked of its corpus (service.ranking.training.retrievers_for)."""
    config = Config.from_env(verdict=None)
    asked_of = retrievers_for(names, config, load_encoders(config))
    examples: list[Example] = []
    for name in names:
        file, _, split = name.partition(":")
        path = ROOT / "eval" / file
        retriever = asked_of[name]
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = {r["id"]: r.get("doc") for r in rows}
        until = latest_report(report_dates(retriever))
        questions = load_questions(path, split or None)
        examples += collect(retriever, questions, set_name(name), docs, until, corpus_of(name))
    by_corpus = {corpus_of(name): retriever for name, retriever in asked_of.items()}
    for corpus, retriever in by_corpus.items():
        words = everyday_words(retriever.bundle.lexical.vocabulary, EVERYDAY_WORDS)
        until = latest_report(report_dates(retriever))
        examples += collect(retriever, words, f"{EVERYDAY}_{corpus}", {}, until, corpus)
    return examples


def everyday(example: Example) -> bool:
    """Is this one of the everyday-word examples, fitted on but left out of the figures?"""
    return example.group.startswith(EVERYDAY)


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
    parser.add_argument(
        "--sets", nargs="+", default=list(READ_SETS), help="question files under eval/, with :split to pick one"
    )
    parser.add_argument("--cache", type=Path, help="keep the gathered signals here and reuse them")
    parser.add_argument("--compare", action="store_true", help="also judge the model without the question head")
    args = parser.parse_args(argv)
    if args.cache and args.cache.exists():
        examples = [
            Example(**{**e, "signals": tuple(e["signals"]), "vector": tuple(e["vector"])})
            for e in json.loads(args.cache.read_text())
        ]
    else:
        examples = gather(args.sets)
        if args.cache:
            args.cache.write_text(json.dumps([e.__dict__ for e in examples]))
    print_audit(examples)
    encoder = Config.from_env().model_id
    for title, folds in (
        ("leave one set out", folds_by_set(examples)),
        ("leave one report out", folds_by_report(examples)),
        ("leave one corpus out", folds_by_corpus(examples)),
    ):
        for head in (None, encoder) if args.compare else (encoder,):
            tested, scores = out_of_fold(folds, head)
            kept = [i for i, e in enumerate(tested) if not everyday(e)]
            name = f"{title}{'' if head else ', without the question head'}"
            report(name, [tested[i] for i in kept], scores[kept], args.answered)
    model = fit(examples, args.answered, args.not_found, encoder)
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
