"""index.english_lexicon: English words and phrases reach the Chinese words the reports write."""

import pytest

from index.cedict import english_to_chinese
from index.english_lexicon import known_word, lexicon_groups, phrase_groups
from index.terminology import english_words, is_content_word


def test_only_words_the_reports_use_stand_for_an_english_word():
    used = {"赤字", "减税", "补贴"}.__contains__
    groups, rest = lexicon_groups(["deficit", "tax", "cuts", "subsidies", "zzzq"], used)
    assert ("赤字",) in groups and ("补贴",) in groups  # a plural finds its singular's entry
    assert ("减税",) in groups  # two neighbours as one phrase first
    assert rest == ["zzzq"]


def test_senses_joined_by_semicolons_and_derived_forms_are_read():
    table = english_to_chinese()
    assert "振兴" in table["revitalize"] and "行政" in table["administrative"]  # "to revive; to revitalize"
    used = {"振兴", "修订", "县域"}.__contains__
    groups, rest = lexicon_groups(["revitalization", "revised", "counties"], used)
    assert groups == [("振兴",), ("修订",), ("县域",)] and rest == []


def test_an_acronym_the_dictionary_gives_beside_a_sense_stands_for_its_words():
    table = english_to_chinese()
    assert "增值税" in table["vat"] and "人工智能" in table["ai"]  # "value-added tax (VAT)", "… (AI)"
    assert "居民消费价格指数" in table["cpi"]  # "consumer price index CPI": after the words it abbreviates
    groups, rest = lexicon_groups(["smes", "vat"], {"增值税", "中小型企业"}.__contains__)
    assert groups == [("中小型企业",), ("增值税",)] and rest == []


def test_a_word_whose_translations_the_reports_never_use_stays_unmatched():
    groups, rest = lexicon_groups(["investment"], lambda word: False)
    assert groups == [] and rest == ["investment"]


def test_an_english_word_the_terminology_lacks_reaches_the_reports_through_the_dictionary(retriever):
    assert not retriever.terminology.translate_groups("harvest")[0]
    assert ("采集",) in retriever.analyse("What did they harvest?").zh_groups


def test_a_phrase_the_dictionary_glosses_whole_stands_for_what_it_names():
    """ "income tax" is 所得税, whatever the word "income" alone gives; a run the curated terminology
    matched whole is not looked up again, a run must open and close on content words, and a phrase
    the reports never write gives nothing."""
    writes = {"所得税", "收入", "税"}.__contains__
    words = english_words("How much income tax do small firms pay?")
    assert ("所得税",) in phrase_groups(words, writes, is_content_word)
    assert phrase_groups(words, writes, is_content_word, curated=["income tax"]) == []
    assert phrase_groups(words, writes, lambda w: w not in {"income", "tax"}) == []
    assert phrase_groups(words, {"收入"}.__contains__, is_content_word) == []


def test_an_english_question_reaches_a_phrase_its_curated_words_split(retriever):
    """The curated words split "building industry" (楼宇, 产业); the dictionary glosses it whole."""
    query = retriever.analyse("How much did the building industry produce?")
    assert ("建筑业",) in query.zh_groups


@pytest.mark.parametrize(
    ("word", "known"),
    [("urban", True), ("registrations", True), ("kindergarten", True), ("byd", False), ("asdfgh", False)],
)
def test_a_common_word_is_known_a_brand_or_a_typo_is_not(word, known):
    """ "urban" only stands in senses such as "urban area"; "byd" only in the name "BYD company"."""
    assert known_word(word) is known
