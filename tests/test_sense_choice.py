"""index.sense_choice with the real multilingual encoder: a metric's English gloss takes the
sense of each word that fits the phrase, where the dictionary's first sense does not."""

from __future__ import annotations

import pytest

from index.build import metric_gloss
from index.sense_choice import SenseChooser
from index.word_for_word import english_gloss


@pytest.fixture(scope="module")
def gloss(encoders):
    return metric_gloss(encoders, curated=None)


@pytest.mark.parametrize(
    "phrase, first_sense, fitting",
    [
        ("城镇调查失业率", "investigation", "survey"),  # a survey's rate, not an inquiry's
        ("各类房屋征收", "levy", "expropriate"),  # houses are expropriated, not taxed
    ],
)
def test_a_word_takes_the_sense_its_phrase_means(gloss, phrase, first_sense, fitting):
    assert first_sense in english_gloss(phrase)
    assert fitting in gloss(phrase) and first_sense not in gloss(phrase)


def test_the_chooser_weighs_the_word_and_its_phrase(encoders):
    choose = SenseChooser(encoders["second"].encode_queries)
    assert choose("银行", ["bank", "river bank", "banana"], "银行贷款余额") == "bank"
    assert choose("银行", ["banana", "bank"], "银行贷款余额") == "bank"  # not by order


def test_a_sense_written_with_its_article_names_and_is_glossed_without_it(gloss):
    # 贷款: "a loan; to provide a loan; to raise a loan": "a loan" is a noun, not an explanation
    assert gloss("普惠小微企业贷款").endswith("company loan")


def test_a_single_characters_sense_stays_its_commonest(gloss):
    # 性 lists "nature" first and "sexuality" among its senses: one character's senses are too
    # wide apart to choose among by meaning
    assert "nature" in gloss("建设保障性住房") and "sex" not in gloss("建设保障性住房")
