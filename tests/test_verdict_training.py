"""Fitting the verdict model: the question head is stacked out of sample, and judged honestly."""

import numpy as np

from service.verdict.model import PRIOR
from service.verdict.signals import FEATURES
from service.verdict.training import Example, fit, folds_by_corpus, out_of_fold, probabilities, stacked_prior


def _examples(n: int = 240, seed: int = 0) -> list[Example]:
    """Questions whose signals say nothing and whose vectors' first dimension tells the label
    (with noise), spread over twelve question sets and two corpora."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        answerable = bool(rng.random() < 0.67)
        vector = rng.normal(size=8)
        vector[0] += 1.5 if answerable else -1.5
        signals = tuple(rng.normal(size=len(FEATURES)))
        corpus = "shipped" if i % 2 else "unseen"
        out.append(Example(f"q{i}", f"set{i % 12}", None, "en", signals, answerable, corpus, tuple(vector)))
    return out


def test_a_question_head_is_learned_when_the_vectors_tell_the_label():
    examples = _examples()
    model = fit(examples, encoder="enc")
    assert model.features == FEATURES + (PRIOR,) and model.prior is not None
    assert model.weights[-1] > 0.5  # the head's log-odds carries the label; the noise signals do not
    scores = probabilities(model, examples)
    labels = np.array([e.answerable for e in examples])
    assert scores[labels].mean() > scores[~labels].mean() + 0.3


def test_without_an_encoder_or_vectors_the_model_is_the_signals_alone():
    examples = _examples()
    assert fit(examples).prior is None and fit(examples).features == FEATURES
    bare = [Example(e.qid, e.group, e.doc, e.lang, e.signals, e.answerable, e.corpus) for e in examples]
    assert fit(bare, encoder="enc").prior is None


def test_the_stacked_head_scores_each_question_set_by_a_head_that_never_saw_it():
    """An in-sample head would score its own training questions with confidence it has not
    earned on new ones: stacked, a label flipped in one set leaves that set's scores alone."""
    examples = _examples()
    before = stacked_prior(examples, "enc")
    flipped = [
        Example(e.qid, e.group, e.doc, e.lang, e.signals, not e.answerable, e.corpus, e.vector)
        if e.group == "set0"
        else e
        for e in examples
    ]
    after = stacked_prior(flipped, "enc")
    same_part = [i for i, e in enumerate(examples) if e.group == "set0"]
    assert np.allclose([before[i] for i in same_part], [after[i] for i in same_part])


def test_leaving_a_corpus_out_tests_each_corpus_on_a_model_fitted_on_the_other():
    examples = _examples()
    folds = folds_by_corpus(examples)
    assert [name for name, _, _ in folds] == ["shipped", "unseen"]
    for name, train, test in folds:
        assert {e.corpus for e in train} == {"shipped", "unseen"} - {name} and {e.corpus for e in test} == {name}
    tested, scores = out_of_fold(folds, "enc")
    assert len(tested) == len(examples) and ((scores > 0) & (scores < 1)).all()
