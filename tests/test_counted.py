"""service.answering.counted: what an answer's figures count, as a reader meets them."""

from dataclasses import replace

from service.answering.counted import counted_words
from service.answering.extracted import Answer

TARGETS = "全年主要预期目标是:地区生产总值增长7%,社会消费品零售总额增长10%。"


def _answer(text: str, figure: str, start: int = 100, doc_id: str = "a") -> Answer:
    return Answer(text, None, doc_id, start, start + len(text), focus=start + text.index(figure))


def test_a_figure_in_a_list_counts_the_words_that_introduce_the_list_and_its_own_clause():
    words = counted_words(_answer(TARGETS, "10%"), {"a": "report"}, {})
    assert "主要预期目标是:" in words and "社会消费品零售总额增长10%" in words
    assert "地区生产总值" not in words  # another item's clause


def test_a_comparison_counts_both_sides_and_no_figure_counts_nothing():
    other = _answer("上半年社会消费品零售总额增长35%。", "35%", start=500, doc_id="b")
    both = counted_words(replace(_answer(TARGETS, "10%"), also=other), {"a": "x", "b": "y"}, {})
    assert "增长35%" in both and "增长10%" in both
    assert counted_words(Answer("加快智慧城市建设。", None, "a", 0, 9), {}, {}) == ""
