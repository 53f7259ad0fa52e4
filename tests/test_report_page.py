"""A report as its page shows it: headings, run-in headings, the cited span marked."""

import re

from index.sections import split_paragraphs
from service.answering.report_page import _blocks

EN = {"Accept-Language": "en-US,en;q=0.9"}
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}
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


def test_a_report_page_refuses_an_unknown_report_and_ignores_a_broken_span(client):
    assert client.get("/reports/no-such-report", headers=EN).status_code == 404
    report = client.get("/api/reports").get_json()["reports"][0]["id"]
    for query in ("start=abc&end=-1", "start=5&end=2", "start=99999999&end=999999999", ""):
        response = client.get(f"/reports/{report}?{query}", headers=EN)
        assert response.status_code == 200 and 'id="cited"' not in response.get_data(as_text=True), query


def test_every_report_page_shows_its_outline_as_headings_in_the_readers_script(client):
    for report in client.get("/api/reports").get_json()["reports"]:
        html = client.get(f"/reports/{report['id']}", headers=ZH).get_data(as_text=True)
        headings = re.findall(r"<h[2-4][^>]*>([^<]+)</h[2-4]>", html)
        assert len(headings) >= 3, report["id"]  # run-in headings ("(一)着力扩投资、增进度,…。") count
        text = "".join(re.findall(r"<(?:p|h[2-4])[^>]*>([^<]*)<", html))
        traditional = client.get(f"/reports/{report['id']}?lang=zh-Hant", headers=ZH).get_data(as_text=True)
        assert '<div class="report-text" lang="zh-Hant">' in traditional and "报告" not in traditional
        assert len(text) > 1000
