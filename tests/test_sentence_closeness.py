"""The main encoder's closeness of a question to each sentence of the passages found, and its
part in choosing the answering sentence."""

from dataclasses import replace

import numpy as np

from service.answering.sentence_choice import candidate_sentences, near_sentences, pick
from service.ranking.retrieval import dense_text
from service.ranking.sentence_closeness import SentenceCloseness

POLICY = "武昌怎样推进垃圾分类?"


def test_each_sentence_of_a_window_has_the_main_encoders_cosine_with_the_question(retriever, encoders):
    query, hits = retriever.search("2021年上半年武昌区地区生产总值是多少?", top_k=3)
    asked = encoders["main"].encode_queries([dense_text(query)])[0]
    for hit in hits:
        anchored = {
            c.anchor_start: row
            for row, c in enumerate(retriever.bundle.chunks)
            if c.doc == hit.chunk.doc and hit.chunk.start <= c.anchor_start < hit.chunk.end
        }
        assert hit.chunk.anchor_start in hit.closeness and set(hit.closeness) == set(anchored)
        vectors = retriever.bundle.dense["main"].rows(list(anchored.values()))
        assert np.allclose([hit.closeness[s] for s in anchored], vectors @ asked, atol=1e-4)


def test_without_the_questions_vector_no_sentence_has_a_closeness(retriever):
    assert retriever.sentences.of_window(None, retriever.bundle.chunks[0]) == {}


def test_an_index_whose_rows_are_not_the_chunks_gives_no_closeness_rather_than_wrong_ones(retriever):
    """Rows are found by the chunks' order: a store of another size (a partial or foreign build)
    would pair sentences with other sentences' vectors, or read past its end."""
    chunks = retriever.bundle.chunks
    closeness = SentenceCloseness(retriever.bundle.dense["main"], chunks[:-1])
    question = np.ones(retriever.bundle.dense["main"].dim, dtype=np.float32)
    assert closeness.of_window(question, chunks[0]) == {}


def _tilted(retriever, question: str):
    """The question, and its first passage's sentences with the main encoder's closeness set
    high for one sentence and low for another, in both orders."""
    query, hits = retriever.search(question, top_k=1)
    spans = candidate_sentences(hits)
    assert len(spans) >= 2
    hit, (first, second) = hits[0], (spans[0][1], spans[1][1])
    for closer, farther in ((first, second), (second, first)):
        tilted = replace(hit, closeness={hit.chunk.start + closer: 0.9, hit.chunk.start + farther: 0.1})
        yield query, [(tilted, s, e) for _, s, e in spans[:2]], closer


def test_when_words_and_the_second_encoder_tie_the_sentence_the_main_encoder_finds_closer_answers(retriever):
    for query, candidates, closer in _tilted(retriever, POLICY):
        (_, start, _), _ = pick(query, [], candidates, None, lambda texts: [0.5] * len(texts))
        assert start == closer


def test_a_sentence_without_the_main_encoders_closeness_leaves_it_out_for_all(retriever):
    for _, candidates, _ in _tilted(retriever, POLICY):
        (hit, start, end), other = candidates
        lacking = [(replace(hit, closeness={}), start, end), other]
        assert set(near_sentences(lacking, lambda texts: [0.5] * len(texts)).values()) == {0.5}
        assert near_sentences(lacking, None) is None


def test_the_verdict_reads_the_main_encoders_closeness_of_the_sentence_that_answers(retriever):
    from service.answering.answer import extract_answer

    query, hits = retriever.search(POLICY, top_k=5)
    near = lambda texts: retriever.similarities(query, texts)  # noqa: E731
    answer = extract_answer(query, hits, retriever.bundle.lexical, similarity=near)
    cited = next(h for h in hits if h.chunk.id == answer.chunk_id)
    sentence = max(start for start in cited.closeness if start <= answer.start)
    assert answer.signals["main_clause"] == cited.closeness[sentence] != 0.0
