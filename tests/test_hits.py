"""Assembling a fused ranking into hits: distinct windows, each with its place in every channel
and the ranker's score of the sentences it ranked."""

import pytest

from index.chunking import Chunk
from service.ranking.hits import distinct_hits

# One report of three sentences, "甲。乙。丙。" (offsets 0, 2, 4), windowed around each.
_TEXT = "甲。乙。丙。"


def _chunk(anchor: int, start: int, end: int) -> Chunk:
    return Chunk(
        f"r:s{anchor}", "r", "t", "s", 1, start, end, anchor, anchor + 2, _TEXT[start:end], _TEXT[anchor : anchor + 2]
    )


CHUNKS = [_chunk(0, 0, 4), _chunk(2, 0, 6), _chunk(4, 2, 6)]


def test_a_window_whose_anchor_a_better_window_shows_is_skipped():
    fused = [(1, 3.0), (0, 2.0), (2, 1.0)]  # the middle window shows every anchor
    hits = distinct_hits(fused, {}, CHUNKS, top_k=5, closeness=lambda chunk: {})
    assert [h.chunk.id for h in hits] == ["r:s2"]


def test_each_hit_carries_its_channel_places_and_the_scores_of_the_sentences_ranked():
    fused = [(0, 2.5), (2, 1.25)]
    ranked = {"lexical": [(2, 9.0), (0, 4.0)], "main": [(0, 0.8)]}
    first, second = distinct_hits(fused, ranked, CHUNKS, top_k=5, closeness=lambda chunk: {chunk.start: 0.5})
    assert (first.ranks, first.scores) == ({"lexical": 2, "main": 1}, {"lexical": 4.0, "main": 0.8})
    assert (second.ranks, second.scores) == ({"lexical": 1}, {"lexical": 9.0})
    assert first.anchors == {0: 2.5} and second.anchors == {4: 1.25}  # sentence 乙 was ranked by neither
    assert first.closeness == {0: 0.5} and second.closeness == {2: 0.5}


def test_no_more_than_top_k_hits():
    fused = [(0, 2.0), (2, 1.0)]
    assert len(distinct_hits(fused, {}, CHUNKS, top_k=1, closeness=lambda chunk: {})) == 1


def test_a_hit_a_channel_did_not_return_gets_that_channels_score_but_no_rank_there():
    fused = [(0, 2.5), (2, 1.25)]
    ranked = {"lexical": [(2, 9.0), (0, 4.0)], "main": [(0, 0.8)]}
    scored: list[int] = []

    def main(row: int) -> float:
        scored.append(row)
        return 0.1 * row

    first, second = distinct_hits(fused, ranked, CHUNKS, top_k=5, closeness=lambda chunk: {}, unranked={"main": main})
    assert first.scores["main"] == 0.8 and scored == [2]  # as its search scored it, not recomputed
    assert second.scores == {"lexical": 9.0, "main": pytest.approx(0.2)} and "main" not in second.ranks
