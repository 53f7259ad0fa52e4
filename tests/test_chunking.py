import pytest

from index.chunking import chunk_corpus, sentence_spans
from index.corpus import Report, load_reports
from service.config import ROOT


@pytest.fixture(scope="module")
def reports():
    return load_reports(ROOT / "corpus")


@pytest.fixture(scope="module")
def chunks(reports):
    return chunk_corpus(reports)


def test_reports_in_corpus_are_byte_identical_to_the_delivered_files(reports):
    shared = ROOT.parent / "shared" / "reports"
    if not shared.exists():
        pytest.skip("shared/ is not beside the repository")
    for report in reports:
        assert report.text.encode("utf-8") == (shared / report.source).read_bytes()


def test_every_chunk_round_trips_to_the_original_text(reports, chunks):
    texts = {r.id: r.text for r in reports}
    assert len(chunks) > 250
    for chunk in chunks:
        assert texts[chunk.doc][chunk.start : chunk.end] == chunk.text
        assert texts[chunk.doc][chunk.anchor_start : chunk.anchor_end] == chunk.sentence
        assert chunk.start <= chunk.anchor_start < chunk.anchor_end <= chunk.end


def test_chunks_are_short_and_never_cut_a_sentence(reports, chunks):
    texts = {r.id: r.text for r in reports}
    for chunk in chunks:
        assert len(chunk.text) <= 300
        text = texts[chunk.doc]
        assert chunk.start == 0 or text[chunk.start - 1] in "。;；!！?？\n " or text[chunk.start - 1].isspace()
        assert chunk.end == len(text) or text[chunk.end - 1] in "。;；!！?？”)" or text[chunk.end] in "\n\r\xa0"


def test_chunk_ids_are_unique_and_stable(reports):
    first = [c.id for c in chunk_corpus(reports)]
    assert first == [c.id for c in chunk_corpus(reports)]
    assert len(set(first)) == len(first)


def test_section_path_follows_the_reports_own_headings(chunks):
    chunk = next(c for c in chunks if "设立区投资促进中心" in c.sentence)
    assert chunk.section.split(" › ") == [
        "2021年主要工作",
        "一、突出创新引领,培育激发经济内生动力,打造疫后高质量发展标杆",
        "提升总部经济支撑力",
    ]
    intro = next(c for c in chunks if "779.43亿元" in c.sentence)
    assert intro.section == "" and intro.title == "武昌区人民政府2021年上半年工作情况报告"
    projects = next(c for c in chunks if c.sentence.startswith("积极谋划重大项目"))
    assert projects.section == "(一)着力扩投资、增进度,重大项目支撑有力、建设提速"


def test_a_dash_led_opening_travels_with_its_paragraphs_chunks(chunks):
    """The five-year summaries open with "——五年来,…。"; every chunk of such a paragraph
    carries that opening (it says the period), and the section path stays the report's."""
    totals = next(c for c in chunks if "累计完成固定资产投资1242.6亿元" in c.sentence)
    assert totals.opening == "五年来,我们坚持高质量发展要求,区域经济能级跃上新台阶"
    assert totals.section == "2020年及十三五工作回顾"
    assert next(c for c in chunks if "新增停车泊位2.2万个" in c.sentence).periods == ("2020",)  # the year's review


def test_long_sentences_are_cut_at_clauses_not_mid_word():
    text = "甲" * 10 + ("乙" * 50 + ",") * 8 + "。"
    spans = sentence_spans(text, 0, len(text), 120)
    assert all(end - start <= 120 for start, end in spans)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(text[e - 1] in ",。" for _, e in spans)


def test_only_the_front_matter_is_marked_as_such(chunks):
    front = [c for c in chunks if c.front]
    assert {c.doc for c in front} == {c.doc for c in chunks}  # one per report: its title, date and venue
    assert len(front) == len({c.doc for c in chunks})
    assert all(c.paragraph < 5 and not c.section for c in front)


def test_a_report_whose_front_matter_never_ends_is_all_content():
    text = (
        "关于全区经济运行情况的报告\n\n尊敬的主任、各位副主任、秘书长、各位委员、各位代表：\n\n"
        "（一）经济运行平稳。全年地区生产总值增长5%。\n\n（二）民生持续改善。新增城镇就业1万人。\n"
    )
    report = Report("r", "关于全区经济运行情况的报告", text, "2021-01-01", "report", "r.txt")
    chunks = chunk_corpus([report])
    assert any("新增城镇就业" in c.text for c in chunks)
    assert not any(c.front for c in chunks)  # no salutation or heading was recognised: nothing is set apart


def _review(*paragraphs: str) -> list:
    """Chunks of a report delivered in May 2020 whose review heading names last year and this one."""
    body = "\n".join(paragraphs)
    text = f"政府工作报告\n各位代表：\n一、2019年和今年以来工作回顾\n{body}\n二、今年主要目标\n今年目标是增长。\n"
    report = Report("r", "政府工作报告", text, "2020-05-22", "report", "r.txt", {"date": "2020-05-22"})
    return chunk_corpus([report])


def _periods(chunks: list, words: str) -> tuple[str, ...]:
    return next(c.periods for c in chunks if words in c.sentence)


def test_a_list_speaks_of_the_time_its_introducing_paragraph_opens_with():
    """ "去年，…" then "——…" items: the items are last year's results, not this year's too."""
    chunks = _review("去年，发展面临诸多挑战。", "——经济运行总体平稳。城镇新增就业1352万人。", "——民生改善。收入增长。")
    assert _periods(chunks, "1352万人") == ("2019",) and _periods(chunks, "收入增长") == ("2019",)
    assert _periods(chunks, "发展面临") == ("2019",)  # the opening phrase speaks for its own paragraph too


def test_items_after_an_opening_that_names_no_time_keep_their_headings_periods():
    chunks = _review("去年，发展面临诸多挑战。", "疫情发生后，我们全力应对。", "——防控有力。救治病人。")
    assert _periods(chunks, "救治病人") == ("2019", "2020")  # the list is introduced by the second paragraph
    assert _periods(chunks, "今年目标") == ("2020",)  # another section: nothing carries over


def test_under_a_year_and_plan_heading_the_paragraphs_before_the_plans_review_are_the_years():
    """'2020年及十三五工作回顾': the year's review comes first, then '——五年来,…' paragraphs."""
    body = "\n".join(
        [
            "各位代表,突如其来的疫情打乱了节奏。",
            "(一)稳投资、促发展。全年完成固定资产投资270亿元。",
            "——五年来,我们坚持高质量发展。累计完成固定资产投资1242.6亿元。",
            "各位代表,过去五年我们主动适应新常态。",
        ]
    )
    text = f"政府工作报告\n各位代表:\n2020年及十三五工作回顾\n{body}\n2021年主要工作\n新建绿道3公里。\n"
    meta = {"date": "2020-12-29"}
    chunks = chunk_corpus([Report("r", "政府工作报告", text, "2020-12-29", "report", "r.txt", meta)])
    assert _periods(chunks, "270亿元") == ("2020",) and _periods(chunks, "疫情打乱") == ("2020",)
    assert "十三五" in _periods(chunks, "1242.6亿元") and "2020" not in _periods(chunks, "1242.6亿元")
    assert {"2020", "十三五"} <= set(_periods(chunks, "主动适应"))  # after the plan's review: both, as the heading says


def test_a_passage_says_whether_it_plans_or_reviews_as_its_own_words_and_headings_name():
    """A mid-year report: its 上半年 review is behind it, its "下半年,…" paragraph ahead under the
    same 上半年 title, and a later section naming no time goes on with the plan."""
    text = (
        "2021年上半年工作情况报告\n一、上半年工作情况\n上半年完成地区生产总值779亿元。\n"
        "二、下半年工作安排\n下半年,区政府将加快项目建设。\n三、保障措施\n加强组织领导。\n"
    )
    meta = {"date": "2021-08-27"}
    chunks = chunk_corpus([Report("h", "2021年上半年工作情况报告", text, "2021-08-27", "report", "h.txt", meta)])
    ahead = {c.sentence: c.ahead for c in chunks if not c.front}
    assert next(a for s, a in ahead.items() if "779亿元" in s) is False
    assert next(a for s, a in ahead.items() if "加快项目建设" in s) is True
    assert next(a for s, a in ahead.items() if "组织领导" in s) is True
