"""Retrieval: rank the chunks of one loaded index for a question.

Channels (BM25 over jieba tokens, BM25 over the passages' English glosses, the main dense
encoder, the second dense encoder) each rank candidates; a pipeline says which channels
count and how much, per question script (service.ranking.pipelines), and the rankings are
fused by weighted reciprocal rank. English questions reach the Chinese BM25 only through
Chinese terms from the terminology, so a lexical index that cannot read English never votes
on them with noise; the glosses (index.gloss) are searched by English questions only.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial

import numpy as np

from index.embedder import Embedder
from index.gloss import numbers, question_words
from index.glossary import GlossaryMatcher
from index.levels import home, own_words, scope_words
from index.lexical import best_rows, tokenize
from index.periods import delivered, own_years
from index.store import IndexBundle
from index.terminology import Terminology
from service.analysis.nearest_words import NearestWords
from service.analysis.query import Query, analyse
from service.analysis.scope import named_reports
from service.ranking.comparison import two_sided, with_other_side
from service.ranking.hits import Hit, distinct_hits
from service.ranking.learned_rerank import Trees, rerank_learned
from service.ranking.pipelines import PIPELINES, Pipeline, fuse
from service.ranking.rerank import content_first, rerank, scoped_first
from service.ranking.sentence_closeness import SentenceCloseness

DEPTH = 50
TEXT_VECTORS = 20_000  # sentence vectors kept for answer choice (2 KB each: 40 MB at most)
CANDIDATE_PASSAGES = 3  # the passages an answer is taken from (service.answering.answer) and judged on
# The passages an answer may draw on at all: its sentence comes from the first CANDIDATE_PASSAGES, a
# comparison's other side from any of these. Fixed, so that a question gets the same answer and
# verdict however many passages the asker wants shown (the page shows 5, chat 3, the evaluation 10);
# deeper than the page, so that a comparison's other side is found below the first few.
ANSWER_DEPTH = 10
Asked = dict[str, np.ndarray]  # a question's vector from each dense encoder, by its role


class Retriever:
    """Ranks the chunks of one bundle; build a new one when the bundle changes."""

    def __init__(
        self,
        bundle: IndexBundle,
        encoders: dict[str, Embedder],
        terminology: Terminology,
        trees: Trees | None = None,
        verdict=None,
    ):
        self.bundle = bundle
        self.encoders = encoders
        self.terminology = terminology
        self.trees = trees
        self.verdict = verdict  # service.verdict.model.VerdictModel: judges each answer (None: all given outright)
        self.matcher = GlossaryMatcher(bundle.glossary)
        self.own = own_words(bundle.manifest.get("reports", []))
        self.home = home(bundle.manifest.get("reports", []))
        self.scopes = scope_words(bundle.manifest.get("reports", []))
        metas = bundle.manifest.get("reports", [])
        self.reports = {day: own_years(meta) for meta in metas if (day := delivered(meta)) is not None}
        self.reference = max(self.reports, default=None)
        self._definitions = self._definition_rows()
        self._vectors: dict[str, np.ndarray] = {}
        self._vectors_lock = threading.Lock()
        self.nearest = NearestWords(encoders.get("second"), bundle.lexical.vocabulary)
        self.sentences = SentenceCloseness(bundle.dense.get("main"), bundle.chunks)

    def _definition_rows(self) -> dict[str, list[int]]:
        """Rows of the chunks anchored inside each glossary entry's own line."""
        rows: dict[str, list[int]] = {}
        for entry in self.bundle.glossary:
            rows[entry.term] = [
                i
                for i, c in enumerate(self.bundle.chunks)
                if c.doc == entry.doc and entry.start <= c.anchor_start < entry.end
            ]
        return rows

    def similarities(self, query: Query, texts: list[str]) -> list[float]:
        """How close the second encoder (multilingual USE) finds a question and each text, such
        as the sentences an answer is chosen from; 0 without a second encoder. The texts are
        the reports' own sentences and clauses, so their vectors are kept (a bounded cache)
        and a question pays only for its own vector and the texts not seen before."""
        encoder = self.encoders.get("second")
        if encoder is None or not texts:
            return [0.0] * len(texts)
        with self._vectors_lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            encoded = dict(zip(missing, encoder.encode_passages(missing)))
            known |= encoded  # this question's own copy: another thread may clear the cache meanwhile
            with self._vectors_lock:
                if len(self._vectors) + len(missing) > TEXT_VECTORS:
                    self._vectors.clear()
                self._vectors.update(encoded)
        asked = encoder.encode_queries([query.text])[0]
        return [float(asked @ known[t]) for t in texts]

    def analyse(self, question: str) -> Query:
        query = analyse(
            question,
            self.matcher,
            self.terminology,
            self.bundle.lexical.vocabulary,
            self.bundle.romanised,
            self.own,
            self.reference,
            self.bundle.uses,
            self.bundle.metrics,
            self.reports,
            self.home,
            self.nearest,
        )
        return replace(query, scope=named_reports(query, self.scopes))

    def _lexical(self, query: Query, translate: bool) -> list[tuple[int, float]]:
        """BM25 over the question's words; for an English question (``translate``), over its
        Chinese terms, each phrase scoring by whichever of its alternatives a passage holds
        best (a phrase with five translations counts once, as one with one does), and its numbers."""
        if query.language == "en" and translate:
            groups = [[tokenize(alternative) for alternative in group] for group in dict.fromkeys(query.zh_groups)]
            figures = [t for t in tokenize(query.text) if t[0].isdigit()]  # as the passages' tokens write them
            scores = self.bundle.lexical.phrase_scores(groups, figures)
        else:
            # the reports' abbreviations of its words, and its English words' Chinese ones ("GDP")
            chinese = [next((a for a in group if not a.isascii()), "") for group in query.zh_groups]
            extra = [short for short, _ in query.abbreviations] + [t for zh in chinese for t in tokenize(zh)]
            scores = self.bundle.lexical.scores(tokenize(query.text) + extra)
        return best_rows(scores, DEPTH)

    def _dense(self, role: str, query: Query, augment: bool, asked: Asked | None) -> list[tuple[int, float]]:
        vector = self.encoders[role].encode_queries([dense_text(query) if augment else query.text])
        if asked is not None:
            asked[role] = vector[0]
        clauses = self.bundle.clauses.get(role)
        if clauses is not None:  # the sentence and its best clauses (index.clause_vectors)
            return list(zip(*clauses.search(self.bundle.dense[role], vector[0], DEPTH)))
        scores, rows = self.bundle.dense[role].search(vector, DEPTH)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def _rank(self, channel: str, query: Query, pipeline: Pipeline, asked: Asked | None) -> list[tuple[int, float]]:
        if channel == "lexical":
            return self._lexical(query, pipeline.translate)
        if channel == "gloss":
            return best_rows(self.bundle.gloss.scores(question_words(query.text)), DEPTH)
        return self._dense(channel, query, channel in pipeline.augment, asked)

    def rankings(
        self, query: Query, pipeline: Pipeline, asked: Asked | None = None
    ) -> dict[str, list[tuple[int, float]]]:
        """Each weighted channel's ranking of (row, score), best first; the question's vector
        from each dense encoder goes into ``asked`` when given.

        The main encoder (most of a question's cost, run outside the GIL) works on another
        thread while the cheaper channels run here: a lone question uses both cores."""
        weights = pipeline.weights[query.language]
        channels = [c for c, w in weights.items() if w > 0 and (c in ("lexical", "gloss") or c in self.bundle.dense)]
        main = None
        if "main" in channels and len(channels) > 1:
            main = _channel_pool().submit(self._rank, "main", query, pipeline, asked)
        out = {c: self._rank(c, query, pipeline, asked) for c in channels if c != "main" or main is None}
        if main is not None:
            out["main"] = main.result()
        return {c: out[c] for c in channels}

    def search(
        self, question: str, top_k: int = 5, pipeline: str = "full", report: str | None = None
    ) -> tuple[Query, list[Hit]]:
        """The question as analysed, with the main encoder's vector of it (Query.vector: as searched,
        an English question's in its own words), and its top ``top_k`` distinct passages under the
        named pipeline; with ``report``, that report's first (Query.scope), whatever it names."""
        spec = PIPELINES[pipeline]
        query = self.analyse(question)
        query = replace(query, scope=frozenset({report})) if report else query
        asked: Asked = {}
        own = self._own_vector(query, spec)
        ranked = self.rankings(query, spec, asked)
        fused = fuse(ranked, spec.weights[query.language])
        if spec.rerank:
            fused = self._rerank(query, fused, ranked, spec)
        fused = content_first(scoped_first(query, fused, self.bundle.chunks), self.bundle.chunks)
        if spec.glossary:
            fused = self._promote_definitions(query, fused)
        if spec.rerank and two_sided(query):
            fused = with_other_side(fused, self.bundle.chunks, CANDIDATE_PASSAGES, query.scope)
        vector = own.result()[0] if own is not None else asked.get("main")
        return replace(query, vector=vector), distinct_hits(
            fused,
            ranked,
            self.bundle.chunks,
            top_k,
            partial(self.sentences.of_window, asked.get("main")),
            self._main_scorer(asked.get("main")),
        )

    def _main_scorer(self, vector: np.ndarray | None) -> dict[str, Callable[[int], float]]:
        """How the main channel would score a chunk its search did not return (the sentence with
        its clauses: index.clause_vectors): the verdict reads how close the main encoder finds the
        best passages, whichever channel brought them. Nothing without the question's vector or the
        index's clause vectors (the verdict then reads the sentence's own cosine, Hit.closeness)."""
        clauses = self.bundle.clauses.get("main")
        if vector is None or clauses is None:
            return {}
        return {"main": lambda row: float(clauses.score(self.bundle.dense["main"], vector, [row])[0])}

    def _own_vector(self, query: Query, spec: Pipeline) -> Future | None:
        """The main encoder's vector of an English question in its own words, started on the
        channel pool: the full pipelines search an English question as its Chinese terms
        (dense_text), which keep what it asks about but not how it asks, and the verdict reads the
        kind of question from this vector (Query.vector). None otherwise: a Chinese question's
        searched text is its own words, with any abbreviations spelled out."""
        if query.language != "en" or "main" not in spec.augment or "main" not in self.bundle.dense:
            return None
        return _channel_pool().submit(self.encoders["main"].encode_queries, [query.text])

    def _rerank(
        self, query: Query, fused: list[tuple[int, float]], ranked: dict, spec: Pipeline
    ) -> list[tuple[int, float]]:
        """The learned trees when the pipeline asks for them and they are loaded, else the
        hand-weighted bonuses."""
        if spec.learned and self.trees is not None:
            return rerank_learned(
                self.trees, query, fused, ranked, self.bundle.chunks, self.bundle.lexical, self.similarities
            )
        return rerank(query, fused, self.bundle.chunks)

    def _promote_definitions(self, query: Query, fused: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """A named glossary term brings its definition to the top (second if not asked what it means)."""
        rows = [r for entry in query.glossary for r in self._definitions.get(entry.term, [])]
        if not rows:
            return fused
        top = fused[0][1] if fused else 1.0
        rest = [pair for pair in fused if pair[0] not in rows]
        promoted = [(r, top + 1e-6) for r in rows]
        position = 0 if (query.wants_definition or len(rest) == 0 or query.language == "en") else 1
        return rest[:position] + promoted + rest[position:]


_END_MARKS = re.compile(r"[?？!！。.\s]+$")


def dense_text(query: Query) -> str:
    """What an English question's augmented dense query says: the Chinese term for each
    phrase the terminology matched (the first alternative), the content words it did not
    match, and the numbers. The matched English words and the stopwords are left out: the
    encoder's cost grows with tokens (about 1.3 ms each), and this text has half the tokens
    of the question plus its terms (English e5 time 48 -> 27 ms) while ranking as well
    (dev MRR .878 -> .891). A question the terminology does not reach stays as asked, less
    its closing question mark (rankings unchanged on both splits, one token fewer)."""
    terms = list(dict.fromkeys(group[0] for group in query.zh_groups))
    asked = _END_MARKS.sub("", query.text)  # a token the encoder pays for and no passage has
    if not terms:
        return asked
    if query.language != "en":  # a Chinese question's English words (GDP) or own abbreviations (社零), spelled out
        return f"{asked} {' '.join(terms)}"
    return " ".join([*query.unmatched, *terms, *numbers(query.text)])


_POOL: tuple[int, ThreadPoolExecutor] | None = None
_POOL_LOCK = threading.Lock()


def _channel_pool() -> ThreadPoolExecutor:
    """One pool per process (a pool's threads do not survive a fork), one thread per core."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != os.getpid():
            _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="channel"))
        return _POOL[1]
