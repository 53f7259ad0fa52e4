"""Train the learned reranker (service.ranking.learned_rerank) on question sets; store it as JSON.

    python scripts/train_reranker.py                 # the default sets -> service/ranking/reranker.json
    python scripts/train_reranker.py --cv            # also leave one set out at a time, and
                                                     # compare with the hand-weighted reranker

Each answerable question gives the full pipeline's first 30 fused candidates, labelled by
whether their own sentence holds a gold string (service.ranking.training.labels). The default
sets are the read ones of two corpora (service.evaluation.RERANKER_SETS): on the shipped reports
the dev split, the fresh sets and the read blind sets; on the unseen reports (eval/unseen/corpus,
indexed under var/unseen-index) their read sets, so that the trees learn from more than two
reports' wording. The test split and the unread blind sets stay out, so scoring them measures
questions the trees never saw.
Training is deterministic: the same indexes and sets give the same file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import _bootstrap  # noqa: F401

from service.config import ROOT, Config
from service.evaluation import RERANKER_SETS
from service.ranking.training import collect, cross_validate, save, train
from service.runtime import load_encoders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sets", nargs="+", default=list(RERANKER_SETS), help="question files under eval/, with :split to pick one"
    )
    default_output = Config.from_env().reranker or ROOT / "service" / "ranking" / "reranker.json"
    parser.add_argument("--output", type=Path, default=default_output)
    parser.add_argument("--cv", action="store_true", help="print leave-one-set-out figures first")
    args = parser.parse_args(argv)
    config = Config.from_env(reranker=None)
    asked_of, data = collect(args.sets, config, load_encoders(config))
    if args.cv:
        cross_validate(asked_of, data)
    trees, questions, candidates = train(data)
    save(trees, args.output)
    print(f"{questions} questions, {candidates} candidates -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
