"""Extractive answers: the clause of the retrieved passages that answers, never invented, and its verdict.

A question asking what a glossary term means is answered by the term's definition line; any other
by the best sentence or clause of the top passages (service.answering.sentence_choice), and a
comparison by that and the best clause of its other side. service.verdict.model then says
whether the passages hold what was asked, from the signals gathered here.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

from index.figures import Figure, find_figures
from index.lexical import LexicalIndex, tokenize
from index.periods import HALVES
from service.analysis.query import Query
from service.analysis.terms import (
    Terms,
    dictionary_terms,
    known_terms,
    query_terms,
    term_weights,
)
from service.answering.counted import Table, counted_metric, counted_words
from service.answering.extracted import Answer
from service.answering.figure_clause import Candidate
from service.answering.sentence_choice import Similarity, candidate_sentences, clause_answer
from service.ranking.comparison import named_periods, other_side, two_sided
from service.ranking.hits import Hit
from service.ranking.rerank import chunk_periods, query_periods
from service.ranking.retrieval import CANDIDATE_PASSAGES
from service.verdict.confidence import checks, clause_coverage
from service.verdict.model import Verdict, VerdictModel, nothing_asked
from service.verdict.signals import signals

# The other side of a comparison is sought by the first side's metric as well as the question's
# words, and the ranker scored its sentences against the question alone: its lead counts as little
# as it did before the ranker learned the answering sentence (the first side's LEAD_WEIGHT
# overrode the metric: a city-building investment beside the fixed-asset one asked).
OTHER_SIDE_LEAD_WEIGHT = 0.1
_NUMBERING = re.compile(r"[\d\s.、．()（）]+")


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
    taken: int | None = None,
) -> Answer | None:
    """For a comparison, the best clause of the passages about the other report or period: of
    the periods the question names and the primary passage does not speak of, as many of them as
    some passage speaks of ("the 2019 result against the 2020 target": the 2019 passage, not another
    year's; "2020 against 2021上半年": the mid-year passage, not the 2021 plan). When the primary
    passage speaks of every period named (a report whose sections all speak of last year and this),
    a passage of the same report whose periods differ from it in part is a side too. The words of
    ``metric``, what the first side's figure counts, are sought too: both sides measure one thing
    (a fixed-asset investment target against the investment done by mid-year, not the city-building
    investment beside it), however the question names it. ``taken``: where the first side's answer
    starts in its report; the sentence holding it is no other side."""
    if not two_sided(query):
        return None
    asked = {a for group in terms for a in group}
    terms = terms + [
        (w,) for w in dict.fromkeys(tokenize(metric)) if len(w) > 1 and not w[0].isdigit() and w not in asked
    ]
    weight = term_weights(terms, lexical)
    wanted = (named_periods(query) | (query_periods(query) & HALVES)) - chunk_periods(primary.chunk)
    overlapping = not wanted
    sides = [
        (h, len(chunk_periods(h.chunk) & wanted))
        for h in hits
        if other_side(primary.chunk, h.chunk, overlapping, query.scope)
    ]
    most = max((named for _, named in sides), default=0)
    candidates = [
        c for c in candidate_sentences([h for h, named in sides if named == most]) if not _holds(c, primary, taken)
    ]
    if not candidates:
        return None
    return clause_answer(query, terms, candidates, weight, similarity, OTHER_SIDE_LEAD_WEIGHT)[0]


def _holds(candidate: Candidate, primary: Hit, at: int | None) -> bool:
    """Is ``candidate`` the sentence of the primary passage's report that holds offset ``at``?"""
    hit, start, end = candidate
    return (
        at is not None and hit.chunk.doc == primary.chunk.doc and hit.chunk.start + start <= at < hit.chunk.start + end
    )


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
    candidates = candidate_sentences(hits)
    known = known_terms(query, lexical.vocabulary)
    if not query.glossary and nothing_asked(query.text, dictionary_terms(query) + known):  # "1+8" is a term
        return Answer("", "nothing_asked", verdict="not_found", confidence=0.0)
    if not candidates:
        return Answer("", "no_passage", verdict="not_found", confidence=0.0)
    weights = term_weights(terms, lexical)
    defined = _definition(query, hits)
    answer, hit, told = defined or clause_answer(query, terms, candidates, weights, similarity)
    metric = counted_metric(answer, hit.chunk.doc, table or {})
    also = _other_side(query, terms, hits, hit, lexical, similarity, metric, answer.start)
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
