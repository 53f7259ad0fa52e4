"""The reports' own words for an English word no dictionary translates into them (real USE encoder)."""

import pytest

from service.analysis.nearest_words import NearestWords

WORDS = ("幼儿园", "污水", "注册", "垃圾", "城市", "领导", "项目", "增长", "就业", "生态", "以及", "及其", "武汉")


@pytest.fixture(scope="module")
def nearest(encoders):
    return NearestWords(encoders["second"], WORDS)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("kindergarten", "幼儿园"), ("sewage", "污水"), ("registration", "注册"), ("garbage", "垃圾"), ("urban", "城市")],
)
def test_an_english_word_finds_its_translation_among_the_reports_words(nearest, english, chinese):
    assert nearest([english])[english][0] == chinese


def test_words_are_looked_up_together_and_each_gets_at_most_two(nearest):
    found = nearest(["sewage", "kindergarten", "urban"])
    assert set(found) == {"sewage", "kindergarten", "urban"}
    assert all(1 <= len(words) <= 2 for words in found.values())


@pytest.mark.parametrize("english", ["gangs", "flooding", "bitcoin", "quarterly", "e", "ai"])
def test_a_word_the_reports_have_no_translation_for_gets_none(nearest, english):
    """Nor does a piece of a word (the "e" of e-sports) or an acronym: the encoder finds
    something near any string."""
    assert nearest([english]) == {}


def test_function_words_and_names_are_never_a_translation(nearest):
    nearest.prepare()
    assert {"以及", "及其", "武汉"}.isdisjoint(
        word for words in nearest(["and", "wuhan", "together"]).values() for word in words
    )


def test_without_the_use_encoder_or_words_nothing_is_found(encoders):
    assert NearestWords(None, WORDS)(["sewage"]) == {}
    assert NearestWords(encoders["main"], WORDS)(["sewage"]) == {}  # another encoder's cosines run on another scale
    assert NearestWords(encoders["second"], ["sewage", "x", "项"])(["sewage"]) == {}  # no Chinese word to offer


def test_an_english_question_searches_the_reports_word_for_a_word_the_dictionaries_miss(retriever):
    """ "registration" has no dictionary sense that these reports write; the reports' nearest word does."""
    query = retriever.analyse("How did company registration numbers change in 2020?")
    assert any("注册" in group for group in query.zh_groups)
    assert "registration" not in query.unmatched


def test_a_name_written_in_lower_case_stays_unknown(retriever):
    """The encoder finds report words near any string; a brand the reports never write is not translated."""
    query = retriever.analyse("does byd run a factory in wuchang")
    assert "byd" in query.unmatched


def test_pieces_of_hyphenated_words_are_not_translated(retriever):
    query = retriever.analyse("How are e-sports and e-waste doing in Wuchang?")
    assert not any({"以及", "及其"} & set(group) for group in query.zh_groups)


def test_the_answer_keeps_the_questions_word_order_whatever_was_remembered(encoders):
    nearest = NearestWords(encoders["second"], WORDS)
    nearest(["urban"])  # remembered before the next question
    assert list(nearest(["sewage", "urban", "kindergarten"])) == ["sewage", "urban", "kindergarten"]
