"""service.ranking.pipelines: channel weights per script, and weighted reciprocal-rank fusion."""

from service.ranking.pipelines import PIPELINES, fuse


def test_fusion_adds_each_channels_weighted_reciprocal_rank_and_breaks_ties_by_row():
    ranked = {"lexical": [(7, 9.0), (3, 5.0)], "main": [(3, 0.9), (7, 0.8)], "gloss": [(1, 2.0)]}
    fused = fuse(ranked, {"lexical": 1.0, "main": 1.0}, k=60)
    assert [row for row, _ in fused] == [3, 7, 1]  # 3 and 7 tie on 1/61 + 1/62: the lower row first
    assert fused[0][1] == 1 / 61 + 1 / 62 and fused[2][1] == 0.0  # an unweighted channel adds nothing


def test_every_pipeline_weighs_every_question_script():
    for pipeline in PIPELINES.values():
        assert set(pipeline.weights) == {"en", "zh-Hans", "zh-Hant"}, pipeline.name
        assert all(weights for weights in pipeline.weights.values()), pipeline.name
