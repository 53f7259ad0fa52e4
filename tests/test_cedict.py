"""CC-CEDICT read backwards: the reports' Chinese words for English words the terminology lacks."""

from index.cedict import (
    english_gloss,
    english_names,
    english_to_chinese,
    lexicon_groups,
    meaning_senses,
    phrase_groups,
)
from index.terminology import english_words, is_content_word


def test_the_dictionary_ships_with_its_package_and_reads_backwards():
    table = english_to_chinese()
    assert len(table) > 50_000
    assert "投资" in table["investment"] and "减税" in table["tax cut"]


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


def test_the_lexicon_is_read_back_from_its_cache_as_parsed(tmp_path, monkeypatch):
    from index import cedict

    english, common = cedict._parse_english()
    cache = tmp_path / "lexicon.json"
    for damaged in (None, "not json", '{"source": "another file", "senses": {}}'):
        if damaged is not None:
            cache.write_text(damaged, encoding="utf-8")
        monkeypatch.setattr(cedict, "_english", None)
        cedict.preload(cache)  # parses, and (re)writes the cache
        assert (cedict.english_to_chinese(), cedict._common) == (english, common)
    monkeypatch.setattr(cedict, "_english", None)
    monkeypatch.setattr(cedict, "_parse_english", lambda: ({}, frozenset()))  # only the cache can fill it
    cedict.preload(cache)
    assert (cedict.english_to_chinese(), cedict._common) == (english, common)


def test_names_are_told_from_common_words_by_the_dictionarys_capitalised_pinyin():
    from index.cedict import is_common_word

    assert is_common_word("高科技") and is_common_word("振兴")
    assert not is_common_word("比亚迪") and not is_common_word("汉正街")  # a name; a word it lacks


def test_a_curated_name_glosses_a_whole_term_and_the_dictionary_the_rest(retriever):
    curated = {"地区生产总值": "GDP", "燃气": "gas safety"}
    assert english_gloss("地区生产总值", curated) == "GDP"
    assert english_gloss("地区生产总值", {}) != "GDP"  # the dictionary's words, one by one
    assert "gas safety" not in english_gloss("普通燃气安全隐患", curated)  # a row names its whole term, not a part


def test_a_gloss_names_a_word_by_a_sense_that_names_rather_than_explains(retriever):
    gloss = english_gloss("安全隐患")
    assert "sth" not in gloss and gloss  # 隐患: "hidden damage", not "a danger concealed within sth"


def test_a_gloss_names_words_and_never_shows_a_patterns_slots():
    gloss = english_gloss("支出规模比去年扩大")  # 比 is glossed "more {adj.} than {noun}" first
    assert "{" not in gloss and "expand" in gloss


def test_only_senses_that_say_what_a_word_means_name_it():
    senses = meaning_senses("比")  # its first sense is a variant of another character; one is a slot pattern
    assert senses[:2] == ["to compare", "ratio"]
    assert not any("variant of" in s or "{" in s for s in senses)
    assert english_names("比") == ["to compare", "ratio"]
    assert not any(s.startswith(("CL:", "classifier for")) for s in meaning_senses("个"))


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
