"""Words a question hinges on that the reports never use: places, names, topics."""

import pytest

from service.analysis.terms import query_terms
from service.analysis.unknown_words import (
    capitals_names,
    glossed,
    unknown_places,
    unknown_terms,
    unknown_topic,
    years_in_known_spans,
)


def test_only_place_names_count_as_unknown_places():
    places = unknown_places("青山区和湖北省的商务区、示范区、老城区、宜居城市", vocabulary={"湖北"})
    assert places == ["青山区"]  # 湖北省 is 湖北, which the reports name; the rest are common nouns


@pytest.mark.parametrize(
    "text, expected",
    [
        ("比亚迪在武昌有没有投资项目?", ["比亚迪"]),  # a company the reports never name
        ("2021年上半年汉正街的改造有什么进展?", ["汉正街"]),  # the year before the topic is skipped
        ("阿里巴巴华中总部建设进展如何?", []),  # a name the reports use
        ("湖北美术学院附近有什么改造计划?", ["湖北美术学院"]),  # 湖北 is used, 美术学院 is not
        ("老百姓有事找政府反映,有没有统一的地方?", []),  # a common noun as the topic
        ("武昌和比亚迪有合作吗?", ["比亚迪"]),  # the district and a stopword are not the topic
        ("合作企业里有比亚迪吗?", []),  # only the first content word is the topic
        ("高科技企业有多少家?", []),  # jieba tags it a name; the dictionary knows it as a common word
    ],
)
def test_a_named_topic_the_reports_never_use_is_unknown(text, expected):
    vocabulary = {"阿里巴巴", "阿里", "巴巴", "华中", "总部", "武昌", "合作", "湖北", "学院"}
    assert unknown_topic(text, vocabulary, own=frozenset({"武昌", "武昌区"})) == expected


def test_words_in_capitals_are_names_unless_the_dictionary_spells_out_a_common_thing():
    """IPO is 首次公开招股 to the dictionary, a thing the reports may call otherwise; BYD, WTO and
    letters it does not know at all may be names the reports never use."""
    assert capitals_names("Is the IPO system registration-based? What did BYD and the WTO do? XYZ") == {
        "byd",
        "wto",
        "xyz",
    }
    assert capitals_names("'; DROP TABLE reports; --") == {"drop", "table"}  # words, not acronyms


def test_a_word_is_glossed_only_by_one_the_reports_use():
    vocabulary = {"燃气", "安全", "地铁"}
    assert glossed("瓦斯", "瓦斯(燃气)安全隐患", vocabulary) and glossed("瓦斯", "瓦斯（燃气）安全隐患", vocabulary)
    assert not glossed("瓦斯", "瓦斯(天然气)安全", vocabulary)  # glossed by another unknown word
    assert glossed("捷运", "捷运（地铁）票价", vocabulary)


def test_a_year_that_only_opens_a_span_the_reports_cover_is_not_unknown():
    vocabulary = {"2020", "2021"}
    assert years_in_known_spans("the 13th Five-Year Plan period (2016-2020)", vocabulary) == {"2016"}
    assert years_in_known_spans("2016至2020年累计新增多少", vocabulary) == {"2016"}
    assert years_in_known_spans("from 2021 to 2023", vocabulary) == {"2023"}
    assert years_in_known_spans("five-year sum 2016-20", vocabulary) == {"2016"}  # the end written short
    assert years_in_known_spans("between 2014 and 2016", vocabulary) == set()  # neither end is covered
    assert years_in_known_spans("between 2016 and 2020", vocabulary) == {"2016"}
    assert years_in_known_spans("GDP in 2016 and 2020", vocabulary) == set()  # two years asked, not a span
    assert years_in_known_spans("in 2016 and in 2019", vocabulary) == set()  # two years, no span


def test_a_name_the_dictionary_gives_in_the_reports_words_is_no_unknown_name():
    from service.analysis.english_names import named_groups

    reports = {"香港", "澳门", "世界", "卫生", "组织"}.__contains__
    groups, words = named_groups("What did the report say about Hong Kong and Macao?", reports)
    assert set(groups) == {("香港",), ("澳门",)} and words == {"hong", "kong", "macao"}
    # a name is its whole run of capitalised words: 世界卫生组织 is not in the reports, however common its parts
    assert named_groups("What did the report say about the World Health Organization?", reports) == ([], set())


def test_a_month_cut_to_three_letters_is_a_time_not_a_name(retriever):
    query = retriever.analyse("How much tax and fee relief did local businesses receive in Jan-May 2021?")
    assert unknown_terms(query, query_terms(query), retriever.bundle.lexical.vocabulary) == []


@pytest.mark.parametrize(
    "question, unknown",
    [("What did the 2020 GWR say about Xi'an?", ["xi"]), ("Is Xiong'an named in the GWR?", ["xiong"])],
)
def test_a_pinyin_name_with_an_apostrophe_is_one_name_and_the_reports_kind_is_known(retriever, question, unknown):
    query = retriever.analyse(question)  # the shipped reports: district government work reports, no such city
    assert unknown_terms(query, query_terms(query), retriever.bundle.lexical.vocabulary) == unknown  # not "gwr"


def test_a_pinyin_name_with_an_apostrophe_reaches_the_reports_name():
    from index.romanised import RomanisedNames
    from service.analysis.english_names import romanised_groups

    names = RomanisedNames.from_texts(["高标准高质量建设雄安新区,支持西安发展"])
    groups, left = romanised_groups("Is Xiong'an still a priority, and Xi'an?", ["xiong", "xi", "priority"], names)
    assert groups == [("雄安",), ("西安",)] and left == ["priority"]
