"""Whether a question asks what is planned or what has been done."""

from datetime import date

import pytest

from service.analysis.asked_periods import asks_after
from service.analysis.tense import asked_tense, asks_ahead


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


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        ("2021年下半年重点工作有哪些?", True),  # priorities are a plan
        ("What are the priorities for the second half of 2021?", True),
        ("区里部署了哪些工作?", True),
        ("2021年下半年需要完成多少投资?", False),  # 需要 is a need, not the modal 要
        ("主要目标是什么?", True),  # 目标, though 主要 is no plan
        ("2021年全年服务业增加值是多少?", False),
        ("2021年下半年重点项目有哪些?", True),  # 重点 inside the word 重点项目
        ("2021年全年即将开工哪些项目?", True),
        ("2021年下半年还要完成哪些任务?", True),
        ("2021年全年要求完成多少投资?", True),
        ("What did the district achieve in 2020?", False),
    ],
)
def test_asking_ahead_is_one_reading_for_the_reranker_and_the_period_check(text, ahead):
    assert asks_ahead(text) is ahead


@pytest.mark.parametrize(
    "question",
    [
        "2021年下半年重点项目有哪些?",
        "What are the priorities for the second half of 2021?",
        "2021年下半年即将开工哪些项目?",
    ],
)
def test_a_plan_question_looks_ahead_and_is_not_asked_after_the_reports(retriever, question):
    """The reranker's tense and the after-the-reports check read a plan alike: a plan for the year
    in progress is what the latest report lays out, not an outcome it cannot know."""
    assert asked_tense(retriever.analyse(question)) == 1
    assert asks_after(retriever.analyse(question).period_text, date(2021, 8, 27)) is False
