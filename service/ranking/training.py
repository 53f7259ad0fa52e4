"""Training of the learned reranker (service.ranking.learned_rerank): candidates and their
labels from question sets, the gradient-boosted trees, and leave-one-set-out figures.
scripts/train_reranker.py is its command line; the service only reads the trees' JSON.

Each answerable question gives the full pipeline's first 30 fused candidates, labelled by
whether their own sentence holds a gold string (``labels``). Training is deterministic: the
same indexes and sets give the same trees.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

from index.chunking import Chunk
from service.analysis.query import Query
from service.config import ROOT, Config
from service.evaluation import Question, load_questions, shares_gold
from service.ranking.learned_rerank import FEATURES, Trees, features, rerank_learned
from service.ranking.pipelines import PIPELINES, fuse
from service.ranking.rerank import rerank
from service.ranking.retrieval import Retriever
from service.runtime import build, load_retriever

UNSEEN = "unseen/"  # sets under eval/unseen are asked of the unseen reports' corpus
TREES, TREE_DEPTH, RATE, MIN_LEAF = 200, 2, 0.1, 20


def load_sets(names: list[str]) -> dict[str, list[Question]]:
    """``file[:split]`` names under eval/ -> their answerable questions."""
    sets = {}
    for name in names:
        file, _, split = name.partition(":")
        sets[name] = [q for q in load_questions(ROOT / "eval" / file, split or None) if q.answerable and q.gold]
    return sets


def candidates(
    retriever: Retriever, question: Question
) -> tuple[Query, list[tuple[int, float]], dict, np.ndarray, np.ndarray]:
    """The question as analysed, the fused candidates the full pipeline reranks, their
    channel rankings, features and labels."""
    spec = PIPELINES["full"]
    query = retriever.analyse(question.question)
    ranked = retriever.rankings(query, spec)
    fused = fuse(ranked, spec.weights[query.language])
    X = features(query, fused, ranked, retriever.bundle.chunks, retriever.bundle.lexical, retriever.similarities)
    y = labels([retriever.bundle.chunks[row] for row, _ in fused[: len(X)]], question.gold)
    return query, fused, ranked, X, y


def labels(candidates: list[Chunk], gold: list[str]) -> np.ndarray:
    """Which candidates answer: those whose own sentence (the one an answer is cut from)
    shares a gold string; when none does (a gold string spans two sentences), those whose
    window holds one. Labelled by the window alone, the trees learned to rank a neighbour of the
    answering sentence as high as the sentence itself (every window around it holds the gold)."""
    own = np.array([any(shares_gold(g, c.sentence) for g in gold) for c in candidates], dtype=int)
    return own if own.any() else np.array([any(g in c.text for g in gold) for c in candidates], dtype=int)


def fit(X: np.ndarray, y: np.ndarray) -> Trees:
    """Boosted depth-2 trees, exported as arrays (sklearn's public ``tree_`` attributes)."""
    model = GradientBoostingClassifier(
        n_estimators=TREES, max_depth=TREE_DEPTH, learning_rate=RATE, min_samples_leaf=MIN_LEAF, random_state=0
    ).fit(X, y)
    trees = [estimator.tree_ for estimator in model.estimators_[:, 0]]
    width = max(t.node_count for t in trees)

    def padded(attribute: str, fill) -> np.ndarray:
        return np.array(
            [
                np.pad(np.ravel(getattr(t, attribute))[: t.node_count], (0, width - t.node_count), constant_values=fill)
                for t in trees
            ]
        )

    unbiased = Trees(
        padded("feature", 0).clip(min=0),
        padded("threshold", 0.0),
        padded("children_left", -1),
        padded("children_right", -1),
        padded("value", 0.0),
        RATE,
        0.0,
        FEATURES,
    )
    return replace(
        unbiased, bias=float(model.decision_function(X[:1])[0] - unbiased.score(X[:1].astype(np.float64))[0])
    )


def first_gold(order: list[int], labels: dict[int, int]) -> int:
    return next((i + 1 for i, row in enumerate(order) if labels.get(row)), 99)


def cross_validate(asked_of: dict[str, Retriever], data: dict[str, list[tuple]]) -> None:
    """Leave one set out: train on the others, rank the held-out set's candidates, and print
    R@5 and MRR@10 of the first gold candidate beside the hand-weighted reranker's. (The
    served ranking also promotes glossary definitions and merges overlapping windows:
    scripts/evaluate.py gives those figures.) ``asked_of``: each set's corpus, as its retriever."""
    totals = {"hand": [], "learned": []}
    for held in data:
        rest = [item for name, items in data.items() if name != held for item in items]
        trees = fit(np.vstack([x for *_, x, _ in rest]), np.concatenate([y for *_, y in rest]))
        figures = {"hand": [], "learned": []}
        retriever = asked_of[held]
        for query, fused, ranked, _, y in data[held]:
            labels = {row: int(label) for (row, _), label in zip(fused, y)}
            hand = [row for row, _ in rerank(query, fused, retriever.bundle.chunks)]
            learned = [
                row
                for row, _ in rerank_learned(
                    trees,
                    query,
                    fused,
                    ranked,
                    retriever.bundle.chunks,
                    retriever.bundle.lexical,
                    retriever.similarities,
                )
            ]
            figures["hand"].append(first_gold(hand, labels))
            figures["learned"].append(first_gold(learned, labels))
        for name, ranks in figures.items():
            totals[name] += ranks
        print(f"{held:<28} n={len(data[held]):>3}  " + "  ".join(f"{n} {_summary(r)}" for n, r in figures.items()))
    print(f"{'all':<28} n={len(totals['hand']):>3}  " + "  ".join(f"{n} {_summary(r)}" for n, r in totals.items()))


def _summary(ranks: list[int]) -> str:
    r5 = sum(r <= 5 for r in ranks) / len(ranks)
    mrr = sum(1 / r for r in ranks if r <= 10) / len(ranks)
    return f"R@5 {r5:.3f} MRR@10 {mrr:.3f}"


def retrievers_for(names: list[str], config: Config, encoders: dict) -> dict[str, Retriever]:
    """For each named set, the retriever it is asked of: the shipped corpus, or the unseen
    reports' (eval/unseen/corpus, indexed under var/unseen-index) for sets under eval/unseen;
    an index is built if need be, and each corpus is loaded once."""
    unseen = replace(config, corpus_dir=ROOT / "eval" / "unseen" / "corpus", index_dir=ROOT / "var" / "unseen-index")
    loaded: dict[Config, Retriever] = {}
    asked_of: dict[str, Retriever] = {}
    for name in names:
        where = unseen if name.startswith(UNSEEN) else config
        if where not in loaded:
            build(where, encoders)
            loaded[where] = load_retriever(where, encoders)
        asked_of[name] = loaded[where]
    return asked_of


def collect(names: list[str], config: Config, encoders: dict) -> tuple[dict[str, Retriever], dict[str, list[tuple]]]:
    """For each named set, the retriever it is asked of (retrievers_for) and its candidates."""
    asked_of = retrievers_for(names, config, encoders)
    data = {name: [candidates(asked_of[name], q) for q in questions] for name, questions in load_sets(names).items()}
    return asked_of, data


def train(data: dict[str, list[tuple]]) -> tuple[Trees, int, int]:
    """The trees fitted on every candidate of every set; with the counts of questions and candidates."""
    items = [item for items in data.values() for item in items]
    trees = fit(np.vstack([x for *_, x, _ in items]), np.concatenate([y for *_, y in items]))
    return trees, len(items), sum(len(y) for *_, y in items)


def save(trees: Trees, path: Path) -> None:
    """Write the trees' JSON atomically."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(trees.to_json(), separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
