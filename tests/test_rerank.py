"""Reranking adjustments that hold for any dated policy reports (service.ranking.rerank)."""

from dataclasses import replace

from index.chunking import Chunk
from service.ranking.rerank import scoped_first


def _passage(doc: str) -> Chunk:
    text = "全年完成固定资产投资300亿元。"
    return Chunk(doc, doc, "", "", 0, 0, len(text), 0, len(text), text, text)


def test_passages_of_the_reports_a_question_names_come_first_in_their_order(retriever):
    chunks = [_passage("country"), _passage("district"), _passage("country"), _passage("district")]
    fused = [(0, 0.5), (1, 0.4), (2, 0.3), (3, 0.2)]
    query = replace(retriever.analyse("武昌区2020年新增城镇就业多少?"), scope=frozenset({"district"}))
    ranked = scoped_first(query, fused, chunks)
    assert [row for row, _ in ranked] == [1, 3, 0, 2]
    assert all(a[1] >= b[1] for a, b in zip(ranked, ranked[1:]))  # scores agree with the order
    assert scoped_first(replace(query, scope=frozenset()), fused, chunks) == fused
