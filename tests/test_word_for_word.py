"""index.word_for_word: a Chinese phrase glossed in the dictionary's English words, one word at a time."""

from index.word_for_word import english_gloss


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


def test_a_sense_in_a_field_reports_write_about_comes_before_the_everyday_one():
    gloss = english_gloss("市场需求")  # 需求: "requirement", "(economics) demand"
    assert "demand" in gloss and "requirement" not in gloss
