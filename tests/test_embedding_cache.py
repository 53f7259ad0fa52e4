"""A rebuild after a report is added embeds only that report's passages."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from report_files import TEXT

from index import embedding_cache
from index.catalog import add
from index.chunking import chunk_corpus
from index.clause_vectors import CLAUSE_ROLES, clause_units
from index.corpus import load_reports
from index.report_meta import infer
from index.unit_text import dense_text
from service.runtime import build, load_retriever


class Counting:
    """An encoder that counts the passages it is asked to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.embedded = inner, inner.name, inner.dim, 0

    def encode_passages(self, texts, progress=False):
        self.embedded += len(texts)
        return self.inner.encode_passages(texts, progress=progress)

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)


def _units(corpus) -> dict[str, int]:
    """How many distinct texts each encoder embeds for the corpus: its sentences and their clauses,
    headed and bare (index.clause_vectors; a sentence of one clause is its own headed clause)."""
    chunks = chunk_corpus(load_reports(corpus))
    headed, bare, _ = clause_units(chunks)
    texts = {dense_text(c) for c in chunks}
    return {role: len(texts | set(headed + bare) if role in CLAUSE_ROLES else texts) for role in ("main", "second")}


def test_only_new_passages_are_embedded_and_vectors_are_reused(tmp_path, config, encoders):
    corpus = tmp_path / "corpus"
    mine = replace(config, corpus_dir=corpus, index_dir=tmp_path / "index")
    add(corpus, TEXT, infer(TEXT, {}), "qinghe.txt")
    counting = {role: Counting(encoder) for role, encoder in encoders.items()}
    build(mine, counting)
    first = _units(corpus)
    assert all(c.embedded == first[role] for role, c in counting.items())
    other = TEXT.replace("青禾县", "白沙县").replace("215.6亿元", "98.7亿元")
    add(corpus, other, infer(other, {}), "baisha.txt")
    build(mine, counting)
    total = _units(corpus)
    # the first report's passages (and clauses) were not embedded again
    assert all(c.embedded - first[role] < total[role] for role, c in counting.items())
    retriever = load_retriever(mine, encoders)
    top = retriever.search("白沙县地区生产总值是多少?")[1][0]
    assert len(retriever.bundle.chunks) == len(chunk_corpus(load_reports(corpus))) and "98.7亿元" in top.chunk.text


def test_a_damaged_cache_means_embedding_afresh(tmp_path, encoders):
    encoder = Counting(encoders["main"])
    texts = ["全县地区生产总值达到215.6亿元。", "新建农村公路128公里。"]
    first = embedding_cache.vectors(tmp_path, "main", encoder, texts)
    for path in (tmp_path / embedding_cache.FOLDER).iterdir():
        path.write_bytes(b"not an npz file")
    again = embedding_cache.vectors(tmp_path, "main", encoder, texts)
    assert encoder.embedded == 4 and np.allclose(first, again, atol=1e-5)
