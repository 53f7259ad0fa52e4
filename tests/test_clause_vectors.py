"""Clauses embedded beside their sentence, and the main channel's search over sentence and clauses."""

import numpy as np
import pytest

from index.clause_vectors import CLAUSE_ROLES, MIN_CLAUSE, ClauseVectors, clause_units, split_clauses
from index.vector_store import VectorStore


def test_a_sentence_is_cut_after_each_comma_semicolon_and_colon_keeping_every_character():
    sentence = "强化交通秩序综合治理,完成洪山路东一路路口等7个精致路口改造设计；调整路口交通组织11处:效果明显。"
    clauses = split_clauses(sentence)
    assert "".join(clauses) == sentence
    assert clauses == [
        "强化交通秩序综合治理,",
        "完成洪山路东一路路口等7个精致路口改造设计；",
        "调整路口交通组织11处:",
        "效果明显。",
    ]


def test_a_piece_too_short_to_say_anything_alone_joins_the_next_and_a_sentence_without_breaks_stays_whole():
    assert split_clauses("一是,加快推进重大项目建设,二是,优化营商环境。") == [
        "一是,加快推进重大项目建设,",
        "二是,优化营商环境。",
    ]
    assert split_clauses("全年完成固定资产投资。") == ["全年完成固定资产投资。"]
    assert all(len(c) >= MIN_CLAUSE for c in split_clauses("一是,加快推进重大项目建设,二是,优化营商环境。"))


def test_every_chunk_owns_its_clauses_in_order_headed_as_its_sentence_is(retriever):
    chunks = retriever.bundle.chunks[:40]
    headed, bare, offsets = clause_units(chunks)
    assert len(offsets) == len(chunks) + 1 and len(headed) == len(bare) == offsets[-1]
    for i, chunk in enumerate(chunks):
        own = bare[offsets[i] : offsets[i + 1]]
        assert own and "".join(own) == chunk.sentence
        assert all(h.endswith(b) and chunk.title in h for h, b in zip(headed[offsets[i] : offsets[i + 1]], own))


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def _toy() -> tuple[VectorStore, ClauseVectors]:
    """Two one-sentence chunks in three dimensions: chunk 0's sentence leans a little towards
    the question; chunk 1's sentence does not, but one of its three clauses says just what is
    asked."""
    sentences = VectorStore.build(np.stack([_unit(1, 2, 0), _unit(0, 1, 1)]))
    clauses = np.stack([_unit(1, 2, 0), _unit(0, 1, 0), _unit(1, 0, 0), _unit(0, 0, 1)])
    return sentences, ClauseVectors(VectorStore.build(clauses), VectorStore.build(clauses), np.array([0, 1, 4]))


def test_a_sentence_one_of_whose_clauses_says_what_is_asked_outranks_one_merely_near_it_as_a_whole():
    sentences, clauses = _toy()
    question = _unit(1, 0, 0)
    rows, scores = clauses.search(sentences, question, depth=2)
    assert rows == [1, 0] and scores[0] > scores[1]
    # by the sentences' own vectors alone the order is the other way round
    assert list(sentences.search(question[None, :], 2)[1][0]) == [0, 1]


def test_a_score_is_the_mean_of_the_sentences_cosine_and_its_best_headed_and_bare_clauses():
    sentences, clauses = _toy()
    question = _unit(1, 2, 0)
    rows, scores = clauses.search(sentences, question, depth=2)
    for row, score in zip(rows, scores):
        own = sentences.rows([row])[0] @ question
        best = max(clauses.headed.rows(list(range(clauses.offsets[row], clauses.offsets[row + 1]))) @ question)
        assert score == pytest.approx((own + 2 * best) / 3, abs=1e-6)


def test_offsets_that_do_not_cover_the_chunks_or_the_stores_are_inconsistent():
    _, clauses = _toy()
    assert clauses.consistent(2)
    assert not clauses.consistent(3)
    assert not ClauseVectors(clauses.headed, clauses.bare, np.array([0, 1, 5])).consistent(2)
    assert not ClauseVectors(clauses.headed, clauses.bare, np.array([0, 0, 4])).consistent(2)


def test_the_built_index_holds_clause_vectors_of_each_dense_encoder_for_every_chunk(retriever):
    assert set(retriever.bundle.clauses) == set(retriever.bundle.dense) == set(CLAUSE_ROLES)
    for role, clauses in retriever.bundle.clauses.items():
        assert clauses.consistent(len(retriever.bundle.chunks))
        assert clauses.headed.dim == clauses.bare.dim == retriever.bundle.dense[role].dim


def test_a_question_in_the_words_of_one_clause_of_a_long_sentence_finds_that_sentence_first(retriever, encoders):
    """The main channel, asked in the words of a middle clause of each of the reports' longest
    sentences, ranks that sentence's chunk first (or its twin: the same sentence in another window)."""
    chunks = retriever.bundle.chunks
    longest = sorted(
        (i for i, c in enumerate(chunks) if len(split_clauses(c.sentence)) >= 4), key=lambda i: -len(chunks[i].sentence)
    )[:8]
    assert len(longest) == 8
    store, clauses = retriever.bundle.dense["main"], retriever.bundle.clauses["main"]
    for i in longest:
        middle = split_clauses(chunks[i].sentence)[2].rstrip(",，;；:：")
        rows, _ = clauses.search(store, encoders["main"].encode_queries([middle])[0], depth=5)
        assert chunks[rows[0]].sentence == chunks[i].sentence, middle


def test_no_rows_score_nothing_rather_than_fail():
    sentences, clauses = _toy()
    assert clauses.score(sentences, _unit(1, 0, 0), []).shape == (0,)
