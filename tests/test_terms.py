"""Term weights and coverage: what makes a clause answer a question's words."""

from index.lexical import tokenize
from service.analysis.terms import asked_terms, query_terms, rarity
from service.answering.respond import ask


def test_a_compound_weighs_as_its_most_telling_token_not_the_common_word_inside_it(retriever):
    lexical = retriever.bundle.lexical
    weight = rarity(lexical)
    common = max(lexical.vocabulary, key=lambda t: (len(t) == 2, -lexical.idf(t)))  # a two-character everyday word
    compound = f"医务{common}"
    assert common in tokenize(compound)
    assert weight((compound,)) > weight((common,))
    assert weight((compound, common)) == weight((common,))  # a group is as telling as its most ordinary alternative


def test_an_english_word_in_a_chinese_question_is_looked_for_in_the_reports_words(retriever):
    """The clause that answers 上半年GDP是多少 is chosen and judged on the Chinese the reports
    write for GDP, not on the letters, which the reports' clauses seldom hold."""
    query = retriever.analyse("上半年GDP是多少")
    (group,) = query.zh_groups
    chinese = [zh for zh in group if not zh.isascii()]
    assert group[-1] == "GDP" and chinese and all(retriever.bundle.uses(zh) for zh in chinese)
    assert group in query_terms(query) and ("gdp",) not in query_terms(query)
    assert group in asked_terms(query)


def test_an_english_word_asked_twice_counts_once(retriever):
    query = retriever.analyse("今年GDP与去年GDP")
    assert len(query.zh_groups) == 1
    assert query_terms(query).count(query.zh_groups[0]) == 1 and asked_terms(query).count(query.zh_groups[0]) == 1


def test_keywords_naming_a_metric_by_its_acronym_ask_its_figure(retriever):
    """Bare keywords ask the figure of a metric they name (上半年 社零总额); one named by its
    English acronym (上半年GDP) is named through the Chinese the reports write for it."""
    for question in ("上半年GDP", "2021年上半年 GDP"):
        query = retriever.analyse(question)
        assert query.wants_figure, question
        assert query.zh_groups[0][0] in ask(retriever, question)["answer_line"], question
