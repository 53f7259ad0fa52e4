"""Whether a question asks what is planned or what has been done."""

import pytest

from service.analysis.tense import asked_tense


@pytest.mark.parametrize(
    ("question", "tense"),
    [
        ("2021年武昌打算新建哪些中小学?", 1),
        ("區裡明年要怎麼改善停車難?", 1),
        ("區裡已經完成了哪些舊改項目?", -1),  # Traditional 已經, read as Simplified 已经
        ("What will Wuchang do about flooding next year?", 1),
        ("Which projects does the district plan to start?", 1),
        ("两湖隧道已经推进到哪一步了?", -1),
        ("What progress has been made on the metro so far?", -1),
        ("2020年地区生产总值是多少?", 0),  # says neither
        ("How many jobs were created in 2020?", 0),
    ],
)
def test_a_question_looks_ahead_or_back_by_its_grammar(retriever, question, tense):
    assert asked_tense(retriever.analyse(question)) == tense
