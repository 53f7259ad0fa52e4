"""service.analysis.abbreviations: the reports' short forms of a question's words."""

import jieba

from service.analysis.abbreviations import abbreviations, alternatives, expansions
from service.analysis.terms import asked_terms, query_terms


def test_a_full_form_finds_the_short_form_the_reports_write(retriever):
    vocabulary = retriever.bundle.lexical.vocabulary
    found = abbreviations("上半年拆除了多少违法建设?", vocabulary)  # the report writes 违建
    assert ("违建", "违法建设") in found
    assert "违建" in alternatives("违法", found) and "违建" in alternatives("建设", found)


def test_a_short_form_the_reports_never_write_or_another_word_is_no_abbreviation(retriever):
    vocabulary = retriever.bundle.lexical.vocabulary
    assert not abbreviations("上半年拆除了多少违法建设?", frozenset())  # not a word of the reports
    # 安全 排查 would give 安排, a word of its own ("to arrange"), which the reports also use
    assert "安排" in vocabulary and not [s for s, _ in abbreviations("安全排查了多少隐患", vocabulary) if s == "安排"]


def test_a_question_of_the_short_form_is_answered_from_the_clause_that_writes_it(retriever):
    from service.answering.respond import ask

    answer = ask(retriever, "2021年上半年拆除了多少违法建设?", top_k=3)
    assert "违建" in answer["answer_text"]


def test_a_questions_own_abbreviation_expands_to_the_one_metric_it_abbreviates(retriever):
    """Every metric of the figure table of three words or more, asked by the first characters of
    its words (its last word written whole, as askers do: 社零总额), expands back to it and to no
    other metric; an ordinary word, or the start of a metric's words only (一支 of 一般性支出继续
    压减), never expands."""
    vocabulary, metrics = retriever.bundle.lexical.vocabulary, sorted(retriever.bundle.metrics)
    expanded = 0
    for metric in metrics:
        words = list(jieba.cut(metric))
        if len(words) < 3 or not all(len(w) > 1 for w in words):
            continue
        found = expansions(f"上半年{''.join(w[0] for w in words[:-1])}{words[-1]}是多少", vocabulary, metrics)
        assert all(phrase == metric for _, phrase in found), (metric, found)
        expanded += bool(found)
    assert expanded >= 3
    assert not expansions("以前的湖水变干净了吗? 活动是哪天举行的?", vocabulary, metrics)
    assert not expansions("上半年一支是多少", vocabulary, ["一般性支出继续压减"])
    assert not expansions("新区签约了多少项目", vocabulary, ["新增雨污分流区"])  # two words left out


def test_an_expanded_abbreviation_is_what_the_question_is_searched_and_judged_by(retriever):
    """A metric asked by its first word's initial, its middle word left out, the rest whole (as
    社零总额 is asked): the question's group holds the metric, and the clause chooser and the
    verdict look for it."""
    metrics = sorted(retriever.bundle.metrics)
    expanded = 0
    for metric in metrics:
        words = list(jieba.cut(metric))
        if len(words) < 3 or not all(len(w) > 1 for w in words):
            continue
        query = retriever.analyse(f"上半年 {words[0][0]}{''.join(words[2:])}")
        group = next((g for g in query.zh_groups if g[0] == metric), None)
        if group is not None:
            expanded += 1
            assert group in query_terms(query) and group in asked_terms(query), metric
    assert expanded >= 1
