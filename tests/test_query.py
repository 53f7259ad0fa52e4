"""Query analysis: an English question's Chinese search terms, as the reports at hand write them."""

from index.glossary import GlossaryMatcher
from index.terminology import Terminology
from service.analysis.query import analyse


def _terminology(tmp_path, rows: dict[str, str]) -> Terminology:
    path = tmp_path / "terminology.tsv"
    path.write_text("en\tzh\n" + "".join(f"{en}\t{zh}\n" for en, zh in rows.items()), encoding="utf-8")
    return Terminology.load(path)


def _groups(question: str, terminology: Terminology, written: set[str]) -> list[tuple[str, ...]]:
    return analyse(question, GlossaryMatcher([]), terminology, uses=written.__contains__).zh_groups


def test_a_curated_row_the_reports_write_stands_as_written(tmp_path):
    terminology = _terminology(tmp_path, {"pension": "养老|养老服务"})
    assert _groups("Who collects a pension?", terminology, {"养老", "养老金"})[0] == ("养老",)


def test_a_curated_row_these_reports_never_write_gives_way_to_the_dictionary(tmp_path):
    terminology = _terminology(tmp_path, {"highway": "快速化改造|主干线"})
    groups = _groups("Were highway tolls waived?", terminology, {"公路", "快速化"})
    assert ("公路",) in groups
    assert not any("快速化改造" in group for group in groups)


def test_without_a_dictionary_word_for_the_phrase_its_words_are_looked_up_one_by_one(tmp_path):
    terminology = _terminology(tmp_path, {"rural revitalization": "疫后重振"})
    groups = _groups("What about rural revitalization?", terminology, {"振兴"})
    assert ("疫后重振",) in groups  # the row stays: pieces of it may still be found
    assert ("振兴",) in groups  # revitalization: to revitalize, 振兴


def test_an_acronym_reaches_the_part_of_its_name_the_reports_write(tmp_path):
    """CPI: the dictionary's 居民消费价格指数, which reports write as 居民消费价格 (上涨, 涨幅)."""
    written = "居民消费价格涨幅3%左右"
    uses = lambda zh: zh in written  # noqa: E731
    english = analyse("2022 CPI target?", GlossaryMatcher([]), _terminology(tmp_path, {}), uses=uses)
    assert ("居民消费价格",) in [group[:1] for group in english.zh_groups] and "cpi" not in english.unmatched
    chinese = analyse("今年CPI涨幅目标", GlossaryMatcher([]), _terminology(tmp_path, {}), uses=uses)
    assert any("居民消费价格" in group for group in chinese.zh_groups)
    lower = analyse("2022 cpi target?", GlossaryMatcher([]), _terminology(tmp_path, {}), uses=uses)
    assert not any("居民消费价格" in group for group in lower.zh_groups)  # only what the asker wrote as one


def test_a_chinese_questions_acronym_takes_the_words_these_reports_write_not_a_curated_rows(tmp_path):
    """A terminology written for other reports names GDP 地区生产总值; reports that write
    国内生产总值 are searched for that, and the group keeps the acronym as the asker wrote it."""
    terminology = _terminology(tmp_path, {"GDP": "地区生产总值"})
    written = "国内生产总值增长5.5%左右"
    query = analyse("去年GDP涨了多少", GlossaryMatcher([]), terminology, uses=lambda zh: zh in written)
    (group,) = query.zh_groups
    assert group[0] == "国内生产总值" and group[-1] == "GDP" and "地区生产总值" not in group
    own = analyse("去年GDP涨了多少", GlossaryMatcher([]), terminology, uses=lambda zh: zh == "地区生产总值")
    assert own.zh_groups == [("地区生产总值", "GDP")]


def test_reports_writing_an_acronyms_letters_still_get_its_chinese_words(tmp_path):
    """Reports that write GDP once (占GDP比重) but name it 国内生产总值 everywhere else: the
    letters are kept beside the Chinese words, not instead of them."""
    terminology = _terminology(tmp_path, {"GDP": "地区生产总值|GDP"})
    written = "国内生产总值增长5.5%左右，占GDP比重"
    for question in ("去年GDP涨了多少", "2022 GDP growth target"):
        groups = analyse(question, GlossaryMatcher([]), terminology, uses=lambda zh: zh in written).zh_groups
        assert any(group[0] == "国内生产总值" for group in groups), (question, groups)


def test_each_run_of_english_words_in_a_chinese_question_is_read_on_its_own(tmp_path):
    """An acronym that is also an English stopword (IT) is still an acronym; words with Chinese
    between them are not one phrase; a hyphenated word keeps its spelling."""
    terminology = _terminology(tmp_path, {"GDP share": "占GDP比重", "GDP": "国内生产总值"})
    written = "信息技术、电子商务，国内生产总值，占GDP比重"
    uses = lambda zh: zh in written  # noqa: E731
    assert analyse("IT产业", GlossaryMatcher([]), terminology, uses=uses).zh_groups == [("信息技术", "IT")]
    groups = analyse("GDP里服务业占多少share", GlossaryMatcher([]), terminology, uses=uses).zh_groups
    assert groups[0] == ("国内生产总值", "GDP")
    hyphened = _terminology(tmp_path, {"fixed asset investment": "固定资产投资"})
    (group,) = analyse(
        "今年全区Fixed-Asset Investment的增速是多少", GlossaryMatcher([]), hyphened, uses=lambda zh: True
    ).zh_groups
    assert group == ("固定资产投资", "Fixed-Asset Investment")


def test_a_colloquial_question_is_read_in_the_written_words(tmp_path):
    query = analyse("社区卫生服务中心啥时候建好?", GlossaryMatcher([]), _terminology(tmp_path, {}))
    assert query.text == "社区卫生服务中心什么时候建好?" and query.raw == "社区卫生服务中心啥时候建好?"
