"""The learned reranker: its stored trees score as the trained model does, it is loaded by
default and can be turned off, and the training script writes a model the service loads."""

import json
import subprocess
import sys

import numpy as np
import pytest

from service.config import ROOT, Config
from service.ranking import training
from service.ranking.learned_rerank import DEPTH, FEATURES, Trees, features, load_trees
from service.ranking.pipelines import PIPELINES, fuse


def test_exported_trees_score_exactly_as_the_trained_model():
    """The JSON arrays walked in numpy give sklearn's own decision function, so what the
    training measured is what the service ranks with."""
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(0)
    X = rng.random((400, len(FEATURES)), dtype=np.float32)
    y = (X[:, 0] + 0.5 * X[:, 13] * X[:, 3] > 0.7).astype(int)
    trees = Trees.from_json(json.loads(json.dumps(training.fit(X, y).to_json())))
    model = GradientBoostingClassifier(
        n_estimators=training.TREES,
        max_depth=training.TREE_DEPTH,
        learning_rate=training.RATE,
        min_samples_leaf=training.MIN_LEAF,
        random_state=0,
    ).fit(X, y)
    assert np.allclose(trees.score(X.astype(np.float64)), model.decision_function(X), atol=1e-9)


def test_trees_trained_on_other_features_are_refused_with_the_fix():
    data = json.loads((ROOT / "service" / "ranking" / "reranker.json").read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="train_reranker"):
        Trees.from_json(data)


def test_the_stored_trees_are_loaded_by_default_and_empty_turns_them_off(monkeypatch):
    assert load_trees(Config.from_env().reranker) is not None
    monkeypatch.setenv("QA_RERANKER", "")
    assert Config.from_env().reranker is None and load_trees(None) is None


def test_one_row_of_features_per_reranked_candidate(retriever):
    query = retriever.analyse("How much did fixed-asset investment grow in the first half of 2021?")
    ranked = retriever.rankings(query, PIPELINES["full"])
    fused = fuse(ranked, PIPELINES["full"].weights[query.language])
    X = features(query, fused, ranked, retriever.bundle.chunks, retriever.bundle.lexical)
    assert X.shape == (min(DEPTH, len(fused)), len(FEATURES)) and np.isfinite(X).all()


def test_the_sentence_closest_to_the_question_is_marked_among_the_candidates(retriever):
    """Each candidate's own sentence is scored by the second encoder: the closest gets 1.0 relative."""
    query = retriever.analyse("How many new urban jobs were created in the first half of 2021?")
    ranked = retriever.rankings(query, PIPELINES["full"])
    fused = fuse(ranked, PIPELINES["full"].weights[query.language])
    X = features(query, fused, ranked, retriever.bundle.chunks, retriever.bundle.lexical, retriever.similarities)
    absolute, relative = X[:, FEATURES.index("sentence_sim")], X[:, FEATURES.index("sentence_sim_rel")]
    best = int(np.argmax(absolute))
    assert absolute.any() and len(set(absolute.round(6))) > 1  # the encoder told the sentences apart
    assert relative[best] == pytest.approx(1.0) and (relative <= 1.0 + 1e-6).all()
    assert "城镇就业" in retriever.bundle.chunks[fused[best][0]].sentence


def test_full_and_full_hand_pipelines_both_rank_the_answer_first(retriever):
    """A plain figure question: the trees keep what the hand-weighted bonuses got right."""
    for pipeline in ("full-hand", "full"):
        _, hits = retriever.search("2021年上半年武昌区地区生产总值是多少?", top_k=3, pipeline=pipeline)
        assert "779.43亿元" in hits[0].chunk.text, pipeline
        assert hits[0].score >= hits[1].score >= hits[2].score


def test_training_script_writes_trees_the_service_loads(built, config, tmp_path):
    out = tmp_path / "trees.json"
    env = {"QA_INDEX_DIR": str(config.index_dir), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "scripts/train_reranker.py", "--sets", "fresh12_questions.jsonl", "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "40 questions" in done.stdout and load_trees(out).features == FEATURES


def test_candidates_are_labelled_by_their_own_sentence_not_a_neighbours(retriever):
    """A window that holds the answering sentence only as a neighbour is not a positive: the
    answer is cut from a candidate's own sentence. Gold spanning two sentences falls back to
    the windows that hold it."""
    chunks = retriever.bundle.chunks

    def spanning(a, b) -> str:
        return a.sentence[-8:] + b.sentence[:8]

    answering, neighbour = next(
        (a, b)
        for a, b in zip(chunks, chunks[1:])
        if a.doc == b.doc
        and len(a.sentence) > 20
        and len(b.sentence) > 20
        and a.sentence not in b.sentence
        and spanning(a, b) in a.text
        and spanning(a, b) in b.text
    )
    gold = [answering.sentence[:20]]
    assert training.labels([answering, neighbour], gold).tolist() == [1, 0]
    assert training.labels([neighbour, answering], gold).tolist() == [0, 1]
    assert training.labels([answering, neighbour], [spanning(answering, neighbour)]).tolist() == [1, 1]
