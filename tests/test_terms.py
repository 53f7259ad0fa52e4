"""Term weights and coverage: what makes a clause answer a question's words."""

from index.lexical import tokenize
from service.analysis.terms import rarity


def test_a_compound_weighs_as_its_most_telling_token_not_the_common_word_inside_it(retriever):
    lexical = retriever.bundle.lexical
    weight = rarity(lexical)
    common = max(lexical.vocabulary, key=lambda t: (len(t) == 2, -lexical.idf(t)))  # a two-character everyday word
    compound = f"医务{common}"
    assert common in tokenize(compound)
    assert weight((compound,)) > weight((common,))
    assert weight((compound, common)) == weight((common,))  # a group is as telling as its most ordinary alternative
