"""Choosing the answering sentence and the clause to quote: a topic sentence takes in the
measure after it, a passage's lead weighs with its sentence's words, a long sentence is cut
around what is asked."""

import re
from dataclasses import replace

import jieba
import pytest

from index.chunking import clause_spans
from service.analysis.terms import query_terms, term_weights
from service.answering.figure_clause import sentence_score
from service.answering.sentence_choice import (
    MAX_ANSWER_CHARS,
    MIN_SENTENCE_CHARS,
    candidate_sentences,
    pick,
    trim,
    with_detail,
)
from service.config import ROOT
from service.ranking.hits import Hit

# A short opening sentence, then one of at least MIN_SENTENCE_CHARS (neither split by ；).
_TOPIC_THEN_MEASURE = re.compile(rf"([^。；;]{{4,{MIN_SENTENCE_CHARS - 2}}}。)([^。；;]{{{MIN_SENTENCE_CHARS},}}。)")


def test_a_sentence_naming_only_its_topic_is_answered_with_the_measure_after_it():
    """A paragraph that opens with its topic ("提升总部经济支撑力。") says what was done in the next
    sentence: a policy answer of that topic alone would tell the asker nothing new."""
    paragraphs = [
        line
        for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    headed = [m for p in paragraphs if (m := _TOPIC_THEN_MEASURE.match(p))]
    assert len(headed) >= 5
    for match in headed:
        topic, measure = match.end(1), match.end(2)
        assert with_detail(match.string, 0, topic) == measure
        assert with_detail(match.string, topic, measure) == measure  # a full sentence stands alone


# A heading or a paragraph's lead, then the sentence that details it.
_MARK = r"(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|——)"
_MARKED_LEAD = re.compile(rf"({_MARK}[^。；;]{{{MIN_SENTENCE_CHARS},}}。)([^。；;]+。)")


def test_a_heading_or_paragraph_lead_is_answered_with_the_sentence_after_it():
    """A numbered heading ("（二）优服务、增活力,营商环境打出“组合拳”。") or a paragraph's lead
    ("——五年来,我们……实现新突破。") names a topic, however long: what was done follows it."""
    paragraphs = [
        line
        for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    led = [m for p in paragraphs if (m := _MARKED_LEAD.match(p.strip()))]
    assert len(led) >= 5
    for match in led:
        assert with_detail(match.string, 0, match.end(1)) == match.end(2)


def scored(hit: Hit, value: float) -> Hit:
    """The hit with its window's score, and the scores of the sentences it ranked, set to ``value``."""
    return replace(hit, score=value, anchors={at: value for at in hit.anchors})


def test_a_passage_far_ahead_keeps_its_lead_but_between_close_ones_the_sentence_decides(retriever):
    """The answer's sentence weighs how far the ranker scores it below the best, not its rank: the
    same two passages, scored alike, give the sentence holding more of the question; scored far
    apart, the best passage's."""
    query, hits = retriever.search("2021年上半年新增城镇就业多少人?", top_k=5)
    terms = query_terms(query)
    weight = term_weights(terms, retriever.bundle.lexical)
    answering = next(h for h in hits if "15043人" in h.chunk.text)
    other = next(h for h in hits if "新增城镇就业" not in h.chunk.text)  # not the asked figure of another period

    def picked(first: float, second: float) -> str:
        ranked = [scored(other, first), scored(answering, second)]
        (hit, _, _), _ = pick(query, terms, candidate_sentences(ranked), weight)
        return hit.chunk.id

    assert picked(1.0, 0.95) == answering.chunk.id
    assert picked(30.0, 0.95) == other.chunk.id


def test_a_policy_answer_weighs_its_passages_lead_too(retriever):
    """Sentences of a question that asks no figure are weighed the same way: between two passages
    scored alike the better sentence wins, whichever passage it is in; a passage far ahead keeps
    its lead."""
    query, hits = retriever.search("区里怎样推进老旧小区改造?", top_k=5)
    assert not query.wants_figure
    terms = query_terms(query)
    weight = term_weights(terms, retriever.bundle.lexical)

    def picked(first, second, lead: float) -> str:
        ranked = [scored(first, 1.0 + lead), scored(second, 1.0)]
        (hit, _, _), clause = pick(query, terms, candidate_sentences(ranked), weight)
        assert clause is None
        return hit.chunk.id

    one, two = hits[0], hits[1]
    better = one if picked(one, two, 0.0) == one.chunk.id else two
    worse = two if better is one else one
    assert picked(worse, better, 0.0) == better.chunk.id  # scored alike: the better sentence, even second
    assert picked(worse, better, 30.0) == worse.chunk.id  # far ahead: the first passage's


@pytest.mark.parametrize(
    "question",
    ["区里怎样推进老旧小区改造?", "2021年上半年新增城镇就业多少人?", "How many parking spaces were added in 2020?"],
)
def test_each_sentence_is_scored_as_the_ranker_scored_it_and_unranked_ones_never_above(retriever, question):
    """A window's own anchor sentence scores as its window does; a sentence the ranker never ranked
    scores no higher than any sentence of its window that it did."""
    _, hits = retriever.search(question, top_k=5)
    for hit in hits:
        assert sentence_score(hit, hit.chunk.anchor_start - hit.chunk.start) == pytest.approx(hit.score, abs=1e-6)
        starts = [start for h, start, _ in candidate_sentences([hit])]
        ranked = [s for s in starts if hit.chunk.start + s in hit.anchors]
        for start in set(starts) - set(ranked):
            assert all(sentence_score(hit, start) <= sentence_score(hit, s) for s in ranked)


def test_the_sentence_the_ranker_scores_far_ahead_answers_whichever_window_holds_it(retriever):
    """A window holds several sentences and was ranked for one: a sentence of the second window
    that the ranker scored far above every other answers, though the first window scores best."""
    query, hits = retriever.search("区里怎样推进老旧小区改造?", top_k=5)
    terms = query_terms(query)
    weight = term_weights(terms, retriever.bundle.lexical)
    first, second = hits[0], hits[1]
    assert first.anchors and second.anchors
    candidates = candidate_sentences([first, second])
    (hit, chosen, _), _ = pick(query, terms, candidates, weight)
    others = [start for h, start, _ in candidates if h is second and (h, start) != (hit, chosen)]
    assert others
    for start in others:
        lifted = replace(second, anchors=second.anchors | {second.chunk.start + start: first.score + 30.0})
        (hit_now, start_now, _), _ = pick(query, terms, candidate_sentences([first, lifted]), weight)
        assert (hit_now.chunk.id, start_now) == (second.chunk.id, start)


_YEAR_OPENING = re.compile(r"到((?:19|20)\d\d)年[,，]")


def test_a_long_answer_is_cut_around_what_is_asked_not_the_year_that_sets_its_scene(retriever):
    """A long sentence opening with its year ("到2025年,…") is cut to the clauses holding the
    question's topic, though the opening clause holds the question's year."""
    sentences = [
        s
        for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for s in re.findall(r"[^。]+。", line)
        if _YEAR_OPENING.match(s) and len(s) > MAX_ANSWER_CHARS
    ]
    assert sentences
    for sentence in sentences:
        *_, (start, end) = clause_spans(sentence)
        last = sentence[start:end]
        topic = next(w for w in jieba.cut(last) if len(w) > 1 and sentence.count(w) == 1)
        query = retriever.analyse(f"到{_YEAR_OPENING.match(sentence).group(1)}年{topic}会怎样?")
        terms = query_terms(query)
        lo, hi = trim(query, terms, sentence, weight=term_weights(terms, retriever.bundle.lexical))
        assert topic in sentence[lo:hi], sentence
