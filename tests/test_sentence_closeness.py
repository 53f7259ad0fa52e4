"""The main encoder's closeness of a question to each sentence of the passages found."""

import numpy as np

from service.ranking.retrieval import dense_text


def test_each_sentence_of_a_window_has_the_main_encoders_cosine_with_the_question(retriever, encoders):
    query, hits = retriever.search("2021年上半年武昌区地区生产总值是多少?", top_k=3)
    asked = encoders["main"].encode_queries([dense_text(query)])[0]
    vectors = retriever.bundle.dense["main"].vectors()
    for hit in hits:
        anchored = {
            c.anchor_start: row
            for row, c in enumerate(retriever.bundle.chunks)
            if c.doc == hit.chunk.doc and hit.chunk.start <= c.anchor_start < hit.chunk.end
        }
        assert hit.chunk.anchor_start in hit.closeness and set(hit.closeness) == set(anchored)
        expected = {start: float(vectors[row] @ asked) for start, row in anchored.items()}
        assert np.allclose([hit.closeness[s] for s in anchored], [expected[s] for s in anchored], atol=1e-4)


def test_without_the_questions_vector_no_sentence_has_a_closeness(retriever):
    chunk = retriever.bundle.chunks[0]
    assert retriever.sentences.of_window(None, chunk) == {}


def test_of_sentences_the_words_tie_on_the_one_the_main_encoder_finds_closer_is_nearer(retriever):
    """The main encoder's closeness counts beside the second encoder's in choosing the sentence."""
    from dataclasses import replace

    from service.answering.answer import _candidates, _near

    _, hits = retriever.search("2021年上半年武昌区地区生产总值是多少?", top_k=1)
    spans = _candidates(hits)
    assert len(spans) >= 2
    (hit, first, _), (_, second, _) = spans[0], spans[1]
    for closer, farther in ((first, second), (second, first)):
        tilted = replace(hit, closeness={hit.chunk.start + closer: 0.9, hit.chunk.start + farther: 0.1})
        near = _near([(tilted, s, e) for _, s, e in spans], lambda texts: [0.5] * len(texts))
        text = {start: hit.chunk.text[start:end] for _, start, end in spans}
        assert near[text[closer]] > near[text[farther]]
