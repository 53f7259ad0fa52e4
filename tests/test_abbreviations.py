"""service.analysis.abbreviations: the reports' short forms of a question's words."""

from service.analysis.abbreviations import abbreviations, alternatives


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
