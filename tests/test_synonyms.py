"""The reports' words for a Chinese question's own words, by the dictionary's shared senses."""

from service.analysis.synonyms import synonyms
from service.analysis.terms import query_terms


def test_an_everyday_or_taiwan_word_the_reports_never_use_gets_their_word(retriever):
    vocabulary = retriever.bundle.lexical.vocabulary
    found = dict((asked, reports) for reports, asked in synonyms("我家孩子明年上幼稚园,区里有啥打算?", vocabulary))
    assert found.get("孩子") == "儿童" and found.get("幼稚园") == "幼儿园"


def test_words_the_reports_use_and_words_that_are_no_content_get_none(retriever):
    vocabulary = retriever.bundle.lexical.vocabulary
    assert synonyms("新增城镇就业多少人?", vocabulary) == ()  # the reports' own words
    assert synonyms("到底是不是这样啊", vocabulary) == ()  # adverbs and particles name nothing


def test_a_synonym_is_an_alternative_of_the_question_word(retriever):
    """A clause holding the reports' word counts as holding the question's: one group of terms."""
    query = retriever.analyse("2021年普惠性幼稚园新增多少学位?")
    assert any("幼儿园" in group and "幼稚园" in group for group in query_terms(query))
