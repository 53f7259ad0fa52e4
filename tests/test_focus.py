"""The figure that answers, among several in one sentence: chosen by learned weights over
signals that hold in any report and either language."""

import json

import pytest

from service.analysis.terms import query_terms
from service.answering.focus import (
    FEATURES,
    HAND_WEIGHTS,
    FocusCandidate,
    figure_focus,
    focus_candidates,
    load_weights,
)
from service.answering.focus_training import Group, fit, right

SENTENCE = "军地41支医疗队、3543名医务工作者进驻驰援,各地捐款捐物达2.5亿元。"


def _chosen(retriever, question: str, sentence: str = SENTENCE) -> str:
    query = retriever.analyse(question)
    terms = query_terms(query)
    at = figure_focus(query, terms, sentence, (0, len(sentence)), None)
    return next(c.text for c in focus_candidates(query, terms, sentence, (0, len(sentence)), None) if c.position == at)


@pytest.mark.parametrize(
    "question, figure",
    [
        ("有多少名医务工作者进驻驰援?", "3543名"),  # what a Chinese count counts follows it
        ("How many medical workers were sent in?", "3543名"),
        ("各地捐款捐物达到多少?", "2.5亿元"),
        ("How much money and goods were donated?", "2.5亿元"),  # an amount of money is asked
    ],
)
def test_the_figure_of_what_is_asked_is_chosen_among_several(retriever, question, figure):
    assert _chosen(retriever, question) == figure


def test_a_change_is_chosen_only_when_a_change_is_asked(retriever):
    sentence = "地方一般公共预算收入91.75亿元,同比增长69.3%。"
    assert _chosen(retriever, "上半年地方一般公共预算收入是多少?", sentence) == "91.75亿元"
    assert _chosen(retriever, "上半年地方一般公共预算收入同比增长多少?", sentence) == "69.3%"


@pytest.mark.parametrize(
    "question, figure",
    [
        ("固定资产投资比2019年同期增长多少?", "4.7%"),
        ("地区生产总值比2019年同期增长多少?", "4.9%"),
        ("How much did fixed-asset investment grow on the same period of 2019?", "4.7%"),
    ],
)
def test_a_change_clause_counts_the_metric_named_clauses_before_it(retriever, question, figure):
    """ "同比增长85%,较2019年同期增长4.7%" say how the investment named two clauses back changed:
    the question's metric reaches them, not only the figure of the clause that names it."""
    sentence = (
        "地区生产总值779.43亿元,同比增长22.3%,较2019年同期增长4.9%,"
        "固定资产投资190.59亿元,同比增长85%,较2019年同期增长4.7%。"
    )
    assert _chosen(retriever, question, sentence) == figure


@pytest.mark.parametrize(
    "question, figure",
    [
        ("2021年上半年武昌搞了几次重大项目集中开工活动?", "2次"),  # the counter asked; the next clause shares words
        ("How many times were major project groundbreaking events held in Wuchang?", "2次"),
        ("新开工了多少项重大项目?", "27项"),
    ],
)
def test_a_count_is_chosen_by_the_counter_asked(retriever, question, figure):
    sentence = (
        "全链条推动项目开工建设,上半年组织集中开工活动2次,新开工武昌滨江天街、阿里巴巴华中总部、"
        "小洪山科学城等亿元以上重大项目27项,总投资307亿元。"
    )
    assert _chosen(retriever, question, sentence) == figure


@pytest.mark.parametrize(
    "question",
    [
        "每人每年最高额度增加4000元以后,有多少在校生受益?",
        "The cap went up by RMB4,000 a year per student. Roughly how many students gained?",
        "額度提高4000元,惠及多少在校生?",
    ],
)
def test_a_figure_the_question_states_is_its_premise_not_its_answer(retriever, question):
    """Both figures stand in the clauses the question's words reach; the one it states is not what it asks."""
    sentence = "国家助学贷款每人每年最高额度增加4000元,惠及500多万在校生。"
    assert _chosen(retriever, question, sentence) == "500多万"


def test_the_shipped_weights_are_for_these_signals(tmp_path):
    assert len(load_weights()) == len(FEATURES)
    other = tmp_path / "focus.json"
    other.write_text(json.dumps({"features": ["words_before"], "weights": [1.0]}), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        load_weights(other)
    assert load_weights(tmp_path / "missing.json") == HAND_WEIGHTS  # a broken install still answers


def test_fitted_weights_rank_the_asked_figure_first():
    def group(i: int, asked: tuple[float, ...], other: tuple[float, ...]) -> Group:
        candidates = (FocusCandidate(0, "a", other), FocusCandidate(5, "b", asked))
        return Group(f"q{i}", "set", "shipped", "zh-Hans", candidates, (False, True))

    # the asked figure's own words follow it, the other's precede it: only words_after tells them apart
    groups = [group(i, (0.2, 0.9, 0, 0, 0), (0.4, 0.0, 0, 0, 0)) for i in range(20)]
    weights = fit(groups)
    assert weights[1] > 0 and right(groups, weights) == len(groups)
    assert right(groups, (1.0, 0.0, 0.0, 0.0, 0.0)) == 0
