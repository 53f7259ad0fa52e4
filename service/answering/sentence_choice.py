"""Choosing the answering sentence, and the clause of it to quote, among the top passages.

Candidates are the sentences of the best few passages. Each is scored by how many of the
question's search terms it holds (rarer words weigh more), how close in meaning it is, and how far
the ranker scores it below the best (figure_clause.sentence_score); a figure question scores each
clause that holds a figure, on the words next to it (service.answering.figure_clause). The answer is
that sentence (trimmed to the clauses around the figure when it is long), never invented text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.chunking import clause_spans, sentence_spans
from index.figures import Figure, find_figures
from service.analysis.query import Query
from service.analysis.terms import YEAR_WORD, Terms, coverage
from service.answering.extracted import Answer
from service.answering.figure_clause import (
    ANCHOR_BONUS,
    LEAD_WEIGHT,
    Candidate,
    best_score,
    figure_clause,
    is_anchor,
    lead_of,
)
from service.answering.focus import figure_focus
from service.ranking.hits import Hit
from service.ranking.retrieval import CANDIDATE_PASSAGES

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
# What opens a heading or a paragraph's lead sentence, which names the topic the next sentences
# detail: a numbered heading ((二), 三、) or a dash (——五年来,…).
_TOPIC_MARK = re.compile(r"[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|——")
Similarity = Callable[[list[str]], list[float]]  # how close the question is to each text
Near = dict[str, float]


def candidate_sentences(hits: list[Hit]) -> list[Candidate]:
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
    anchored: bool,
    lead: float,
    weight=None,
    near: Near | None = None,
    lead_weight: float = LEAD_WEIGHT,
) -> float:
    """How well a sentence answers: the question's words it holds, how close in meaning it is,
    how far the ranker scores it below the best (``lead``, counting ``lead_weight`` a unit),
    whether it is the passage's anchor and, for a figure question, whether it holds a figure."""
    score = coverage(terms, sentence, weight) - lead_weight * lead + (ANCHOR_BONUS if anchored else 0.0)
    weight_of_sim = SIM_WEIGHT_EN if query.language == "en" else SIM_WEIGHT
    score += weight_of_sim * near.get(sentence, 0.0) if near else 0.0
    if query.wants_figure:
        score += 0.4 if find_figures(sentence) else -0.4
    return score


def with_detail(text: str, start: int, end: int) -> int:
    """Where an answering sentence ends, taking in the next sentence of its paragraph when it
    only names its topic: too short to say more ("加快智慧城市建设。" heads the measures that
    follow), or a heading or paragraph lead by its mark ("（二）优服务、增活力,…", "——五年来,…")."""
    sentence = text[start:end].strip()
    if len(sentence) >= MIN_SENTENCE_CHARS and not _TOPIC_MARK.match(sentence):
        return end
    following = next(iter(sentence_spans(text, end, len(text), len(text) + 1)), None)
    return following[1] if following else end


def trim(query: Query, terms: Terms, sentence: str, best: int | None = None, weight=None) -> tuple[int, int]:
    """The clauses of a long sentence around the best-covered clause (with its figure),
    or around clause ``best`` when the caller has chosen it; words weigh as ``weight`` says (rarer
    more, as in choosing the sentence). A year the question names does not count: the clause
    naming it sets the scene ("到2025年,…"), the clauses after it answer."""
    if len(sentence) <= MAX_ANSWER_CHARS:
        return 0, len(sentence)
    spans = clause_spans(sentence)
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


def pick(
    query: Query,
    terms: Terms,
    candidates: list[Candidate],
    weight,
    similarity: Similarity | None = None,
    lead_weight: float = LEAD_WEIGHT,
) -> tuple[Candidate, int | None]:
    """The answering sentence, and for a figure question the clause with its figure; the
    ranker's lead counts ``lead_weight`` a unit."""
    picked = figure_clause(query, terms, candidates, weight, lead_weight) if query.wants_figure else None
    if picked is not None:
        return picked
    near = near_sentences(candidates, similarity)
    top = best_score(candidates)

    def key(item: Candidate) -> float:
        hit, start, end = item
        sentence = hit.chunk.text[start:end]
        lead = lead_of(hit, start, top)
        return _score(query, terms, sentence, is_anchor(hit, start), lead, weight, near, lead_weight)

    return max(candidates, key=key), None


def clause_answer(
    query: Query,
    terms: Terms,
    candidates: list[Candidate],
    weight,
    similarity: Similarity | None = None,
    lead_weight: float = LEAD_WEIGHT,
) -> tuple[Answer, Hit, list[Figure]]:
    """The best clause among the candidates as an answer (not yet judged), its passage, and
    the figures of the clause that answers a figure question."""
    (hit, start, end), clause = pick(query, terms, candidates, weight, similarity, lead_weight)
    if clause is None:
        end = with_detail(hit.chunk.text, start, end)
    sentence = hit.chunk.text[start:end]
    lo, hi = trim(query, terms, sentence, clause, weight)
    text = sentence[lo:hi].strip()
    offset = hit.chunk.start + start + lo
    figures = find_figures(text)
    if clause is None:
        return Answer(text, None, hit.chunk.id, offset, offset + len(text), figures), hit, figures
    clause_start, clause_end = clause_spans(sentence)[clause]
    told = find_figures(sentence[clause_start:clause_end])
    focus = figure_focus(query, terms, sentence, (lo, hi), weight)
    where = None if focus is None else hit.chunk.start + start + focus
    return Answer(text, None, hit.chunk.id, offset, offset + len(text), figures, focus=where), hit, told


def near_sentences(candidates: list[Candidate], similarity: Similarity | None) -> Near | None:
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
