"""A report as its page shows it: headings, run-in headings, the cited span marked."""

from index.sections import split_paragraphs
from service.answering.report_page import _blocks

TEXT = "\n".join(
    [
        "区人大常委会:",
        "(一)着力扩投资、增进度,重大项目支撑有力。上半年新开工项目27项。",
        "提升总部经济支撑力。新引进企业总部10家。",
        "各位代表,风劲好扬帆。让我们团结一心。",
    ]
)


def _shown(span=None):
    return [
        (b.depth, "".join(p.text for p in b.pieces), b.anchor)
        for p in split_paragraphs(TEXT)
        for b in _blocks(TEXT, p, span)
    ]


def test_a_run_in_heading_is_shown_as_a_heading_and_the_text_after_it_as_its_paragraph():
    shown = _shown()
    assert (1, "(一)着力扩投资、增进度,重大项目支撑有力。", True) in shown
    assert (0, "上半年新开工项目27项。", False) in shown  # the paragraph's anchor is its heading's
    assert (1, "提升总部经济支撑力。", True) in shown
    assert (0, "各位代表,风劲好扬帆。让我们团结一心。", True) in shown  # an opening sentence is no heading


def test_every_character_is_shown_once_and_a_span_across_the_cut_is_marked_on_both_sides():
    start = TEXT.index("支撑有力")
    shown = [b for p in split_paragraphs(TEXT) for b in _blocks(TEXT, p, (start, start + 8))]
    assert "".join("".join(piece.text for piece in b.pieces) for b in shown) == TEXT.replace("\n", "")
    marked = ["".join(piece.text for piece in b.pieces if piece.marked) for b in shown]
    assert [m for m in marked if m] == ["支撑有力。", "上半年"]
