"""The graded verdict: one calibrated model cuts into answered / uncertain / not_found, says
why, and a question with nothing to look for is not_found before any model."""

import json

import numpy as np
import pytest

from service.answering.respond import ask
from service.config import ROOT
from service.ranking.retrieval import dense_text
from service.verdict.model import PRIOR, VERDICTS, Z_LIMIT, VerdictModel, load_model, nothing_asked
from service.verdict.question_prior import QuestionPrior
from service.verdict.signals import CHECKS, FEATURES, signals, with_doubts


def _model(**weights: float) -> VerdictModel:
    """A model over every feature, standardised to itself, with the given weights."""
    n = len(FEATURES)
    w = tuple(weights.get(name, 0.0) for name in FEATURES)
    return VerdictModel(FEATURES, (0.0,) * n, (1.0,) * n, w, 0.0, answered=0.6, not_found=0.3)


def test_the_two_cut_points_make_three_verdicts():
    model = _model(coverage_clause=4.0)
    assert model.judge({"coverage_clause": 1.0}, []).verdict == "answered"
    assert model.judge({"coverage_clause": 0.0}, []).verdict == "uncertain"  # p = .5
    assert model.judge({"coverage_clause": -1.0}, []).verdict == "not_found"
    assert model.judge({"coverage_clause": 1.0}, []).reason is None


def test_the_reason_is_the_fired_check_that_lowered_the_confidence_most():
    model = _model(coverage_clause=1.0, other_period=-3.0, other_level=-1.0, asked_detail=-2.0)
    judged = model.judge(
        {"coverage_clause": 0.5, "other_period": 1.0, "other_level": 1.0}, ["other_level", "other_period"]
    )
    assert judged.reason == "other_period"
    detail = model.judge({"asked_detail": 1.0}, ["no_contact"])
    assert detail.reason == "no_contact"  # the detail checks share one signal and keep their own reasons


def test_with_no_check_fired_the_weakest_numeric_signal_gives_the_reason():
    model = _model(coverage_clause=2.0, cos_main=1.0)
    assert model.judge({"coverage_clause": -1.0, "cos_main": 0.0}, []).reason == "clause_off_topic"


def test_confidence_rises_with_evidence_and_stays_a_probability():
    model = _model(coverage_clause=2.0, unknown_term=-3.0)
    low, high = model.probability({"coverage_clause": 0.0}), model.probability({"coverage_clause": 1.0})
    assert 0.0 < low < high < 1.0
    assert model.probability({"coverage_clause": 1.0, "unknown_term": 1.0}) < high
    assert high < model.probability({"coverage_clause": 1e9}) < 1.0


def test_a_signal_far_outside_its_training_range_counts_no_more_than_z_limit_deviations():
    """A linear model extrapolates without bound: one wild value must not decide alone."""
    model = _model(cos_main=-1.0, coverage_clause=2.0)
    assert model.contributions({"cos_main": -40.0})["cos_main"] == pytest.approx(Z_LIMIT)
    assert model.judge({"cos_main": -40.0, "coverage_clause": -5.0}, []).verdict == "not_found"


def test_every_passage_found_has_the_main_channels_score_whichever_channel_brought_it(retriever, encoders):
    """The verdict reads how close the main encoder finds the best passages: a passage brought by
    another channel has the score the main search would have given it (its sentence with its
    clauses), and the verdict reads that."""
    query, hits = retriever.search("How much did Wuchang spend on schools and hospitals in 2020?", top_k=10)
    asked = encoders["main"].encode_queries([dense_text(query)])[0]  # as the main search asked it
    store, clauses = retriever.bundle.dense["main"], retriever.bundle.clauses["main"]
    words = {"coverage_clause": 0.5, "terms": 1.0, "sim_clause": 0.5, "main_clause": 0.5}
    for hit in hits:
        expected = clauses.score(store, asked, [retriever.bundle.chunks.index(hit.chunk)])[0]
        assert hit.scores["main"] == pytest.approx(expected, abs=1e-4)
        assert signals([hit], [], words, False, False)["cos_main"] == pytest.approx(expected, abs=1e-4)
    assert any("main" not in hit.ranks for hit in hits)  # some came from the other channels only


def test_the_model_round_trips_through_its_json():
    model = _model(coverage_clause=1.5)
    assert VerdictModel.from_dict(json.loads(json.dumps(model.to_dict()))) == model


def test_the_shipped_model_covers_every_signal_with_ordered_cut_points():
    model = load_model(ROOT / "service" / "verdict" / "verdict.json")
    assert model is not None and model.features == FEATURES + (PRIOR,)
    assert 0.0 < model.not_found < model.answered < 1.0


def test_a_figure_answer_is_trusted_more_when_the_figures_own_clause_holds_what_was_asked():
    """A sentence often gives several figures, each after its own metric: the shipped model
    learned that the asked words standing in the answering figure's own clause (not just
    somewhere in its sentence) is evidence the figure is the one asked for."""
    model = load_model(ROOT / "service" / "verdict" / "verdict.json")
    base = {name: m for name, m in zip(model.features, model.mean)} | {"wants_figure": 1.0}
    beside = model.probability(base | {"coverage_clause": 0.8, "figure_coverage": 0.8, "focus_coverage": 0.8})
    elsewhere = model.probability(base | {"coverage_clause": 0.8, "figure_coverage": 0.8, "focus_coverage": 0.2})
    assert beside > elsewhere + 0.1


@pytest.mark.parametrize("text", ["", "12345", "😀😀😀", "\x00\x07\x1b", "?!。,", "9" * 40])
def test_text_without_letters_or_characters_holds_nothing_to_ask(text):
    assert nothing_asked(text, dictionary_terms=3)


NONSENSE = [
    "asdfgh",
    "qwertyuiop zxcvbnm",
    "alert(1)",
    "<script>alert(1)</script>",
    "9999999999",
    "😀🎉🙈",
    "\x00\x01\x02\x03",
    "hello",
    "你好",
    "啊啊啊啊",
    "哈哈哈哈",  # laughter: jieba knows it, but it names nothing
    "哎呀呀",
    "？？？",
    "123 456 789",
    "'; DROP TABLE reports; --",  # words in capitals: shouted, no acronym the reports spell otherwise
]


@pytest.mark.parametrize("text", NONSENSE)
def test_nonsense_is_not_found_and_says_there_is_nothing_to_look_for(retriever, text):
    answer = ask(retriever, text)
    assert answer["verdict"] == "not_found" and answer["confident"] is False
    assert answer["doubt"]["code"] in {"nothing_asked", "no_known_words", "unknown_term"}
    assert answer["confidence"] < retriever.verdict.not_found


@pytest.mark.parametrize("text", ["ok", "thanks!", "test test", "good morning", "早上好", "🙂 how are you", "谢谢"])
def test_greetings_and_test_words_are_never_answered_outright(retriever, text):
    """Words the dictionary knows but that ask nothing: the reports must not seem to answer them."""
    assert ask(retriever, text)["verdict"] != "answered"


@pytest.mark.parametrize(
    "question",
    [
        "What was the GDP in the first half of 2021?",
        "2021年地区生产总值预期增长多少?",
        "两湖隧道是什么?",
        "青山区2021年上半年社会消费品零售总额是多少?",
    ],
)
def test_every_answer_carries_a_verdict_consistent_with_confident(retriever, question):
    answer = ask(retriever, question)
    assert answer["verdict"] in VERDICTS and 0.0 <= answer["confidence"] <= 1.0
    assert answer["confident"] is (answer["verdict"] == "answered")
    assert (answer["doubt"] is None) is (answer["verdict"] == "answered")


@pytest.mark.parametrize(
    "question",
    ["2021年上半年武昌区地区生产总值是多少?", "What is the population of Wuchang's neighbouring district Hongshan?"],
)
def test_the_verdict_does_not_depend_on_how_many_passages_are_shown(retriever, question):
    answers = [ask(retriever, question, top_k=k) for k in (1, 5, 20)]
    assert len({(a["verdict"], a["confidence"], a["answer"]) for a in answers}) == 1
    assert [len(a["passages"]) for a in answers] == [1, 5, 20]


def test_a_question_asking_no_figure_is_never_told_its_figure_is_off_topic():
    """A figure signal is zero for every question that asks no figure: it lowers them all alike
    and is no reason to doubt one of them."""
    model = VerdictModel(
        FEATURES,
        (0.5,) * len(FEATURES),
        (1.0,) * len(FEATURES),
        _model(focus_coverage=3.0, cos_main=1.0).weights,
        0.0,
        answered=0.6,
        not_found=0.3,
    )
    policy = model.judge({"wants_figure": 0.0, "focus_coverage": 0.0, "cos_main": 0.4}, [])
    assert policy.reason == "few_words"
    figure = model.judge({"wants_figure": 1.0, "focus_coverage": 0.0, "cos_main": 0.4}, [])
    assert figure.reason == "figure_off_topic"


def test_a_clause_far_in_meaning_is_not_said_to_lack_the_questions_words():
    """When what lowered the confidence most is how far the clause's meaning is, not how little
    of the question's words it holds, the doubt says so."""
    model = _model(sim_clause=3.0, coverage_clause=1.0)
    assert model.judge({"sim_clause": -0.5, "coverage_clause": 0.0}, []).reason == "clause_far"
    assert model.judge({"sim_clause": 0.0, "coverage_clause": -1.0}, []).reason == "clause_off_topic"


def test_a_question_doubted_for_its_kind_says_so():
    """When the question head, not anything in the answer, lowered the confidence most, the
    reason says that such reports seldom answer this kind of question."""
    features = FEATURES + (PRIOR,)
    weights = tuple(2.0 if name in ("coverage_clause", PRIOR) else 0.0 for name in features)
    n = len(features)
    head = QuestionPrior("enc", (0.0, 0.0), (1.0, 1.0), (1.0, 0.0), limit=3.0)
    model = VerdictModel(features, (0.0,) * n, (1.0,) * n, weights, 0.0, 0.6, 0.3, head)
    judged = model.judge({"coverage_clause": 0.2}, [], vector=np.array([-2.0, 5.0]))
    assert judged.verdict != "answered" and judged.reason == "seldom_answered"
    assert model.judge({"coverage_clause": 0.2}, [], vector=np.array([2.0, 5.0])).verdict == "answered"


@pytest.mark.parametrize("check", ["other_period", "other_level"])
def test_a_mismatch_costs_a_clause_that_otherwise_answers_more_than_a_weak_one(check):
    """A near miss looks like a good answer: the clause holds every word asked and reads close,
    only its period or level is not the one asked. Added to a sum of signals, the check was
    outvoted by that evidence; the shipped model weighs a fired check more the stronger the
    evidence it contradicts (a sum alone would cost both clauses the same)."""
    model = load_model(ROOT / "service" / "verdict" / "verdict.json")
    mean = dict(zip(model.features, model.mean))
    spread = dict(zip(model.features, model.scale))
    near = {name: mean[name] + 2 * spread[name] for name in ("main_clause", "sim_clause")}
    strong = mean | near | {"wants_figure": 1.0, "coverage_clause": 1.0, "figure_coverage": 1.0, "focus_coverage": 1.0}
    weak = strong | {"coverage_clause": 0.3, "figure_coverage": 0.3, "focus_coverage": 0.3}
    fired = {code: 0.0 for code in CHECKS} | {check: 1.0}
    cost_strong = model.lowered_by(with_doubts(strong | fired), check)
    cost_weak = model.lowered_by(with_doubts(weak | fired), check)
    assert cost_strong > cost_weak + 0.25 and cost_weak > 0
