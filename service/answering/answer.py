"""Extractive answers: pick the clause of the retrieved passages that answers, never invent.

Candidates are the sentences of the best few passages. Each is scored by how many of the
question's search terms it holds (rarer words weigh more), how close in meaning it is, and how far
its passage scores below the best;
a figure question scores each clause that holds a figure, on the words next to it. The
answer is that sentence (trimmed to the clauses around the figure when it is long);
service.verdict.model says whether the passages hold what was asked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from index.chunking import sentence_spans
from index.figures import Figure, find_figures
from index.lexical import LexicalIndex, tokenize
from index.periods import HALVES
from service.analysis.query import Query
from service.analysis.terms import (
    YEAR_WORD,
    Terms,
    coverage,
    dictionary_terms,
    known_terms,
    query_terms,
    term_weights,
)
from service.answering.counted import Table, counted_metric, counted_words
from service.answering.extracted import Answer
from service.answering.figure_clause import ANCHOR_BONUS, LEAD_WEIGHT, Candidate, best_score, clauses, figure_clause
from service.answering.focus import figure_focus
from service.ranking.comparison import named_periods, other_side, two_sided
from service.ranking.rerank import chunk_periods, query_periods
from service.ranking.retrieval import CANDIDATE_PASSAGES, Hit
from service.verdict.confidence import checks, clause_coverage
from service.verdict.model import Verdict, VerdictModel, nothing_asked, signals

MAX_ANSWER_CHARS = 160
# A sentence shorter than this names a topic, not what was done about it: a policy answer takes in
# the sentence after it too.
MIN_SENTENCE_CHARS = 20
# A sentence's closeness in meaning to the question (USE cosine, plus the main encoder's: see
# MAIN_SIM_WEIGHT), in coverage units: shared words alone miss reworded questions and, in English,
# every word the lexicon cannot translate. Chosen on the read dev sets of both corpora (see the
# commit that set it). Figure clauses gained nothing from it (their clause's own words decide),
# so they do without.
SIM_WEIGHT = 1.5
# An English question's words reach a Chinese sentence only through the lexicon's translations,
# which miss many, so its meaning by the cross-lingual encoder weighs twice as much. Chosen on the
# read sets of both corpora (see the commit that set it).
SIM_WEIGHT_EN = 3.0
# The main encoder's closeness of a sentence to the question (multilingual e5, whose cosines
# spread less than USE's), added to the second encoder's before both weigh as above. Chosen on the
# read sets of both corpora among 1.5, 3 and 5 (see the commit that set it).
MAIN_SIM_WEIGHT = 3.0
_NUMBERING = re.compile(r"[\d\s.、．()（）]+")
# What opens a heading or a paragraph's lead sentence, which names the topic the next sentences
# detail: a numbered heading ((二), 三、) or a dash (——五年来,…).
_TOPIC_MARK = re.compile(r"[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|——")
Similarity = Callable[[list[str]], list[float]]  # how close the question is to each text
Near = dict[str, float]


def _candidates(hits: list[Hit]) -> list[Candidate]:
    """(hit, start, end) of every sentence of the top passages."""
    return [
        (hit, start, end)
        for hit in hits[:CANDIDATE_PASSAGES]
        for start, end in sentence_spans(hit.chunk.text, 0, len(hit.chunk.text), len(hit.chunk.text) + 1)
    ]


def _score(
    query: Query,
    terms: Terms,
    sentence: str,
    is_anchor: bool,
    lead: float,
    weight=None,
    near: Near | None = None,
) -> float:
    """How well a sentence answers: the question's words it holds, how close in meaning it is,
    how far its passage scores below the best (``lead``), whether it is the passage's anchor and,
    for a figure question, whether it holds a figure."""
    score = coverage(terms, sentence, weight) - LEAD_WEIGHT * lead + (ANCHOR_BONUS if is_anchor else 0.0)
    weight_of_sim = SIM_WEIGHT_EN if query.language == "en" else SIM_WEIGHT
    score += weight_of_sim * near.get(sentence, 0.0) if near else 0.0
    if query.wants_figure:
        score += 0.4 if find_figures(sentence) else -0.4
    return score


def _with_detail(text: str, start: int, end: int) -> int:
    """Where an answering sentence ends, taking in the next sentence of its paragraph when it
    only names its topic: too short to say more ("加快智慧城市建设。" heads the measures that
    follow), or a heading or paragraph lead by its mark ("（二）优服务、增活力,…", "——五年来,…")."""
    sentence = text[start:end].strip()
    if len(sentence) >= MIN_SENTENCE_CHARS and not _TOPIC_MARK.match(sentence):
        return end
    following = next(iter(sentence_spans(text, end, len(text), len(text) + 1)), None)
    return following[1] if following else end


def _trim(query: Query, terms: Terms, sentence: str, best: int | None = None, weight=None) -> tuple[int, int]:
    """The clauses of a long sentence around the best-covered clause (with its figure),
    or around clause ``best`` when the caller has chosen it; words weigh as ``weight`` says (rarer
    more, as in choosing the sentence). A year the question names does not count: the clause
    naming it sets the scene ("到2025年,…"), the clauses after it answer."""
    if len(sentence) <= MAX_ANSWER_CHARS:
        return 0, len(sentence)
    spans = clauses(sentence)
    topic = [group for group in terms if not all(YEAR_WORD.fullmatch(a) for a in group)]

    def clause_score(i: int) -> float:
        text = sentence[spans[i][0] : spans[i][1]]
        return coverage(topic, text, weight) + (0.5 if query.wants_figure and find_figures(text) else 0.0)

    if best is None:
        best = max(range(len(spans)), key=lambda i: (clause_score(i), -i))
    lo, hi = best, best
    while hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= MAX_ANSWER_CHARS // 2:
        hi += 1
    if lo > 0 and spans[hi][1] - spans[lo - 1][0] <= MAX_ANSWER_CHARS:
        lo -= 1
    return spans[lo][0], spans[hi][1]


def _pick(
    query: Query,
    terms: Terms,
    candidates: list[Candidate],
    weight,
    similarity: Similarity | None = None,
) -> tuple[Candidate, int | None]:
    """The answering sentence, and for a figure question the clause with its figure."""
    picked = figure_clause(query, terms, candidates, weight) if query.wants_figure else None
    if picked is not None:
        return picked
    near = _near(candidates, similarity)
    top = best_score(candidates)

    def key(item: Candidate) -> float:
        hit, start, end = item
        anchor = hit.chunk.start + start == hit.chunk.anchor_start
        return _score(query, terms, hit.chunk.text[start:end], anchor, top - hit.score, weight, near)

    return max(candidates, key=key), None


def _clause_answer(
    query: Query,
    terms: Terms,
    candidates: list[Candidate],
    weight,
    similarity: Similarity | None = None,
) -> tuple[Answer, Hit, list[Figure]]:
    """The best clause among the candidates as an answer (not yet judged), its passage, and
    the figures of the clause that answers a figure question."""
    (hit, start, end), clause = _pick(query, terms, candidates, weight, similarity)
    if clause is None:
        end = _with_detail(hit.chunk.text, start, end)
    sentence = hit.chunk.text[start:end]
    lo, hi = _trim(query, terms, sentence, clause, weight)
    text = sentence[lo:hi].strip()
    offset = hit.chunk.start + start + lo
    figures = find_figures(text)
    if clause is None:
        return Answer(text, None, hit.chunk.id, offset, offset + len(text), figures), hit, figures
    clause_start, clause_end = clauses(sentence)[clause]
    told = find_figures(sentence[clause_start:clause_end])
    focus = figure_focus(query, terms, sentence, (lo, hi), weight)
    where = None if focus is None else hit.chunk.start + start + focus
    return Answer(text, None, hit.chunk.id, offset, offset + len(text), figures, focus=where), hit, told


def _definition(query: Query, hits: list[Hit]) -> tuple[Answer, Hit, list[Figure]] | None:
    """For a question asking what a glossary term means, the term's definition line as the
    passage holding it quotes it (the retriever brings that passage to the top): a body
    sentence that uses the term shares more of the question's words but does not say what
    the term means."""
    if not (query.glossary and query.wants_definition and not query.wants_figure):
        return None
    for entry in query.glossary:
        for hit in hits[:CANDIDATE_PASSAGES]:
            chunk = hit.chunk
            lo, hi = max(chunk.start, entry.start), min(chunk.end, entry.end)
            text = chunk.text[lo - chunk.start : hi - chunk.start]
            if chunk.doc != entry.doc or not text.strip():
                continue
            lo += len(text) - len(text.lstrip())
            text = text.strip()
            at = text.find(entry.term)
            if 0 < at <= 4 and _NUMBERING.fullmatch(text[:at]):  # the glossary's own numbering (6.)
                lo, text = lo + at, text[at:]
            figures = find_figures(text)
            return Answer(text, None, chunk.id, lo, lo + len(text), figures, defines=entry), hit, figures
    return None


def _other_side(
    query: Query,
    terms: Terms,
    hits: list[Hit],
    primary: Hit,
    lexical: LexicalIndex,
    similarity: Similarity | None = None,
    metric: str = "",
) -> Answer | None:
    """For a comparison, the best clause of the passages about the other report or period: of
    the periods the question names and the primary passage does not speak of, as many of them as
    some passage speaks of ("the 2019 result against the 2020 target": the 2019 passage, not another
    year's; "2020 against 2021上半年": the mid-year passage, not the 2021 plan). The words of
    ``metric``, what the first side's figure counts, are sought too: both sides measure one thing
    (a fixed-asset investment target against the investment done by mid-year, not the city-building
    investment beside it), however the question names it."""
    if not two_sided(query):
        return None
    asked = {a for group in terms for a in group}
    terms = terms + [
        (w,) for w in dict.fromkeys(tokenize(metric)) if len(w) > 1 and not w[0].isdigit() and w not in asked
    ]
    weight = term_weights(terms, lexical)
    wanted = (named_periods(query) | (query_periods(query) & HALVES)) - chunk_periods(primary.chunk)
    sides = [(h, len(chunk_periods(h.chunk) & wanted)) for h in hits if other_side(primary.chunk, h.chunk)]
    most = max((named for _, named in sides), default=0)
    candidates = _candidates([h for h, named in sides if named == most])
    return _clause_answer(query, terms, candidates, weight, similarity)[0] if candidates else None


def _near(candidates: list[Candidate], similarity: Similarity | None) -> Near | None:
    """How close in meaning the question is to each candidate sentence (by its text): the
    second encoder's closeness (``similarity``), plus MAIN_SIM_WEIGHT times the main encoder's
    as the search found it (Hit.closeness) when the search found it for every candidate (a
    sentence lacking one would otherwise lose to the rest); None with neither."""
    main = [hit.closeness.get(hit.chunk.start + start) for hit, start, _ in candidates]
    if similarity is None and None in main:
        return None
    sentences = [hit.chunk.text[start:end] for hit, start, end in candidates]
    second = similarity(sentences) if similarity is not None else [0.0] * len(sentences)
    weighed = [0.0 if None in main else MAIN_SIM_WEIGHT * m for m in main]
    return {s: near + m for s, near, m in zip(sentences, second, weighed)}


def _main_closeness(hit: Hit, at: int | None) -> float:
    """The main encoder's closeness of the question to the sentence of ``hit`` that holds the
    answer starting at ``at`` in its report (Hit.closeness); 0 when unknown."""
    starts = [start for start in hit.closeness if at is not None and start <= at]
    return hit.closeness[max(starts)] if starts else 0.0


def extract_answer(
    query: Query,
    hits: list[Hit],
    lexical,
    reported_until: date | None = None,
    model: VerdictModel | None = None,
    similarity: Similarity | None = None,
    table: Table | None = None,
) -> Answer:
    """The best answering clause among the top passages (and for a comparison, the other
    side's), with the verdict of ``model`` on it (``reported_until``: the date of the latest
    report, see service.analysis.asked_periods; ``similarity``: how close the question is to each of some texts;
    ``table``: the figure table by record id, which says what an answering figure counts;
    without a model every answer is given outright)."""
    terms = query_terms(query)
    candidates = _candidates(hits)
    known = known_terms(query, lexical.vocabulary)
    if not query.glossary and nothing_asked(query.text, dictionary_terms(query) + known):  # "1+8" is a term
        return Answer("", "nothing_asked", verdict="not_found", confidence=0.0)
    if not candidates:
        return Answer("", "no_passage", verdict="not_found", confidence=0.0)
    weights = term_weights(terms, lexical)
    defined = _definition(query, hits)
    answer, hit, told = defined or _clause_answer(query, terms, candidates, weights, similarity)
    metric = counted_metric(answer, hit.chunk.doc, table or {})
    also = _other_side(query, terms, hits, hit, lexical, similarity, metric)
    text = answer.text if also is None else f"{answer.text} {also.text}"
    figures = answer.figures + (also.figures if also else [])
    fired = checks(query, hits, figures, text, lexical, reported_until, hit.chunk, terms, told, answer.focus_clause)
    counted = counted_words(replace(answer, also=also), {h.chunk.id: h.chunk.doc for h in hits}, table or {})
    words = {
        "coverage_clause": clause_coverage(query, text, hit.chunk, lexical),
        "coverage_focus": clause_coverage(query, counted or text, hit.chunk, lexical),
        "terms": math.log1p(len(terms)),
        "sim_clause": similarity([text])[0] if similarity else 0.0,
        "main_clause": _main_closeness(hit, answer.start),
    }
    evidence = signals(hits, fired, words, query.language == "en", query.wants_figure)
    judged = (
        model.judge(evidence, fired, defined is not None, query.vector)
        if model is not None
        else Verdict("answered", 1.0)
    )
    if judged.reason and judged.reason not in fired and known == 0:
        judged = replace(judged, reason="no_known_words")  # no check says more: a greeting, another topic entirely
    return replace(
        answer, doubt=judged.reason, also=also, verdict=judged.verdict, confidence=judged.confidence, signals=evidence
    )
