"""Which reports a question names by place or level, in a corpus mixing a district's reports with
the country's (service.analysis.scope)."""

import pytest

from index.levels import scope_words
from service.analysis.scope import named_reports

SCOPES = scope_words(
    [
        {"id": "district", "place": "湖北省武汉市武昌区", "level": "district"},
        {"id": "country", "place": "中国", "level": "country"},
    ]
)


@pytest.mark.parametrize(
    "question, named",
    [
        ("武昌区2020年新增城镇就业多少?", {"district"}),
        ("區裡今年打算新建幾所學校?", {"district"}),  # a colloquial word for the district's own level
        ("全国城镇新增就业多少?", {"country"}),
        ("How many jobs did Wuchang add in 2020?", {"district"}),  # a place by its romanised name
        ("What is China's growth target for this year?", {"country"}),
        ("2020年新增城镇就业多少?", set()),  # names neither
        ("武昌的经济增速比全国高多少?", {"district", "country"}),  # names both: each side its own
        ("What did the government promise on housing?", set()),  # its Chinese search terms name no level
    ],
)
def test_a_question_names_the_reports_of_the_place_or_level_it_names(retriever, question, named):
    assert named_reports(retriever.analyse(question), SCOPES) == named


def test_a_corpus_of_one_place_scopes_nothing(retriever):
    assert retriever.analyse("武昌区2020年新增城镇就业多少?").scope == frozenset()
