"""Fit the figure focus (service.answering.focus) and print how it does on sets it never saw.

    python scripts/train_focus.py              # figures out of sample, then fit on all and write
    python scripts/train_focus.py --no-write   # figures only

Fitted on the read question sets of two corpora, so that no report's wording is all it
knows: on the shipped reports the dev split of eval/questions.jsonl, the fresh sets and the
read blind sets; on the unseen reports (eval/unseen/corpus, indexed under var/unseen-index)
their read sets (service.evaluation.READ_SETS). Never the frozen test split nor the unread
blind sets. Deterministic: the same sets and indexes give the same file.
"""

from __future__ import annotations

import argparse

import _bootstrap  # noqa: F401

from service.answering.focus import FEATURES, HAND_WEIGHTS, WEIGHTS
from service.answering.focus_training import collect, fit, held_out, save
from service.config import Config
from service.evaluation import READ_SETS
from service.ranking.training import UNSEEN, load_sets, retrievers_for
from service.runtime import load_encoders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true", help="print the figures only")
    args = parser.parse_args(argv)
    config = Config.from_env(verdict=None)
    asked_of = retrievers_for(list(READ_SETS), config, load_encoders(config))
    groups = [
        group
        for name, questions in load_sets(list(READ_SETS)).items()
        for group in collect(asked_of[name], questions, name, "unseen" if name.startswith(UNSEEN) else "shipped")
    ]
    print(f"{len(groups)} figure questions whose answer shows the asked figure among others")
    for title, key in (("left out by set", lambda g: g.group), ("left out by corpus", lambda g: g.corpus)):
        rows = held_out(groups, key)
        hand, learned, n = (sum(r[i] for r in rows.values()) for i in range(3))
        print(f"{title}: asked figure chosen, hand weights {hand}/{n}, learned {learned}/{n}")
        for value, (h, le, k) in rows.items():
            print(f"  {value:<45} {h:>4} {le:>4} {k:>4}")
    weights = fit(groups)
    print("weights:", ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, weights)), f"(hand: {HAND_WEIGHTS})")
    if not args.no_write:
        save(weights, WEIGHTS)
        print(f"-> {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
