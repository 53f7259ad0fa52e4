"""Extractive answers: pick the clause of the retrieved passages that answers, never invent.

Candidates are the sentences of the best few passages. Each is scored by how many of the
question's search terms it holds, by the rank of its passage and, for a figure question,
by whether it holds a figure. The answer is that sentence (trimmed to the clauses around
the figure when it is long); ``confident`` says whether the passages hold what was asked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.chunking import sentence_spans
from index.lexical import tokenize
from service.figures import Figure, find_figures
from service.query import Query
from service.retrieval import Hit

CANDIDATE_PASSAGES = 3
MAX_ANSWER_CHARS = 160
MIN_COVERAGE = 0.4
MIN_FIGURE_COVERAGE = 0.3
_CLAUSE = re.compile(r"[^,，;；:：]+[,，;；:：]?")
GENERIC = frozenset("""武昌 武昌区 区 全区 我们 工作 报告 政府 2020 2021 上半年 下半年 全年 今年 情况 方面 主要 哪些 目标 武汉
总共 一共 分别 怎么样 怎么 怎样 哪个 哪里 指 对比 相比 比较 没有 有没有 具体 如何 什么 多少 是否 是不是 有 吗 呢 了 期间 时候 进展""".split())
_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]{2,})\b")


@dataclass(frozen=True)
class Answer:
    """The extracted text, where it stands, the figures in it, and whether to trust it."""

    text: str
    confident: bool
    chunk_id: str | None = None
    start: int | None = None
    end: int | None = None
    figures: list[Figure] = field(default_factory=list)


Terms = list[tuple[str, ...]]
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def query_terms(query: Query) -> Terms:
    """What the question asks about, as groups of Chinese alternatives (one group per jieba
    word of a Chinese question, per translated phrase or year of an English one)."""
    if query.language == "en":
        return list(dict.fromkeys(query.zh_groups + [(y,) for y in _YEAR.findall(query.text)]))
    return [(t,) for t in dict.fromkeys(tokenize(query.text)) if t not in GENERIC]


def coverage(terms: Terms, text: str, weight=None) -> float:
    """Share of the question's term groups found in a text (1.0 when there are none to
    check); a group counts when any alternative occurs, weighted when ``weight`` is given."""
    if not terms:
        return 1.0
    weights = [weight(group) if weight else 1.0 for group in terms]
    return sum(w for group, w in zip(terms, weights) if any(a in text for a in group)) / sum(weights)


def rarity(lexical):
    """Weight of a term group: the IDF of its commonest token (a group is as telling as its
    most ordinary alternative)."""
    def weight(group: tuple[str, ...]) -> float:
        return min(lexical.idf(t) for alt in group for t in (tokenize(alt) or [alt]))
    return weight


def _candidates(hits: list[Hit]) -> list[tuple[int, Hit, int, int]]:
    """(passage rank, hit, start, end) of every sentence of the top passages."""
    out = []
    for rank, hit in enumerate(hits[:CANDIDATE_PASSAGES]):
        chunk = hit.chunk
        for start, end in sentence_spans(chunk.text, 0, len(chunk.text), len(chunk.text) + 1):
            out.append((rank, hit, start, end))
    return out


def _score(query: Query, terms: Terms, rank: int, hit: Hit, sentence: str, is_anchor: bool) -> float:
    score = coverage(terms, sentence) + 0.3 / (rank + 1) + (0.15 if is_anchor else 0.0)
    if query.wants_figure:
        score += 0.4 if find_figures(sentence) else -0.4
    return score


def _trim(query: Query, terms: Terms, sentence: str) -> tuple[int, int]:
    """The clauses of a long sentence around the best-covered clause (with its figure)."""
    if len(sentence) <= MAX_ANSWER_CHARS:
        return 0, len(sentence)
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]
    def clause_score(i: int) -> float:
        text = sentence[clauses[i][0] : clauses[i][1]]
        return coverage(terms, text) + (0.5 if query.wants_figure and find_figures(text) else 0.0)
    best = max(range(len(clauses)), key=lambda i: (clause_score(i), -i))
    lo, hi = best, best
    while hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= MAX_ANSWER_CHARS // 2:
        hi += 1
    if lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= MAX_ANSWER_CHARS:
        lo -= 1
    return clauses[lo][0], clauses[hi][1]


def extract_answer(query: Query, hits: list[Hit], lexical) -> Answer:
    """The best answering clause among the top passages, with a confidence verdict."""
    terms = query_terms(query)
    candidates = _candidates(hits)
    if not candidates:
        return Answer("", False)
    def key(item):
        rank, hit, start, end = item
        anchor = hit.chunk.start + start == hit.chunk.anchor_start
        return _score(query, terms, rank, hit, hit.chunk.text[start:end], anchor)
    rank, hit, start, end = max(candidates, key=key)
    sentence = hit.chunk.text[start:end]
    lo, hi = _trim(query, terms, sentence)
    text = sentence[lo:hi].strip()
    offset = hit.chunk.start + start + lo
    figures = find_figures(text)
    confident = is_confident(query, terms, hits, figures, text, lexical)
    return Answer(text, confident, hit.chunk.id, offset, offset + len(text), figures)


def unknown_terms(query: Query, terms: Terms, vocabulary) -> list[str]:
    """Question terms the reports never use: unseen years, names, words (English: untranslated
    proper names). They are what a question the reports cannot answer usually hinges on."""
    singles = [g[0] for g in terms if len(g) == 1 and (query.language != "en" or g[0].isdigit())]
    unknown = [t for t in singles if t not in vocabulary]
    if query.language == "en":
        names = {m.lower() for m in _CAPITALISED.findall(query.raw)}
        unknown += [w for w in query.unmatched if w in names]
    return unknown


def is_confident(query: Query, terms: Terms, hits: list[Hit], figures: list[Figure], answer_text: str, lexical) -> bool:
    """Do the top passages hold what was asked? Glossary hits always do.

    Not confident when the question hinges on a year or name the reports never mention,
    when a figure question's best clause holds no figure or misses a term of the question
    the reports do not use at all, or when the passages cover too little of the question.
    """
    if query.glossary:
        return True
    if not hits:
        return False
    unknown = unknown_terms(query, terms, lexical.vocabulary)
    if any(t.isdigit() and len(t) == 4 for t in unknown) or (query.language == "en" and unknown):
        return False
    if query.wants_figure and not figures:
        return False
    if query.figure_kind and all(f.kind != query.figure_kind for f in figures):
        return False  # asked for an amount in yuan, the clause only holds a growth rate
    if query.wants_figure and coverage(terms, answer_text, rarity(lexical)) < MIN_FIGURE_COVERAGE:
        return False
    best = max(coverage(terms, h.chunk.text) for h in hits[:CANDIDATE_PASSAGES])
    return best >= MIN_COVERAGE
