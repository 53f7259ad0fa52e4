"""A sentence's clauses, embedded on their own beside the sentence, and the search that reads them.

A report sentence often packs several measures into one (强化交通秩序综合治理,完成…改造设计,对…开展
拉网式排查): the encoder's vector of the whole sentence averages them, and a question about one
clause (减少道路重复开挖, asked as "stop tearing up the same streets") finds it weakly. So each
clause is embedded twice, under its sentence's title and section as the sentence is
(index.unit_text) and bare, by each dense encoder, and a sentence scores the mean of three
cosines with the question: its own, its best headed clause's and its best bare clause's. The
three views err differently (the header carries the period and topic, the bare clause only its
own words); their mean ranked the gold sentence of the read question sets higher than any one of
them alone, for both encoders (see the commits that added them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.chunking import Chunk, clause_spans
from index.unit_text import clause_text
from index.vector_store import VectorStore

CLAUSE_VERSION = "2"  # raised when clauses are cut or written differently (it is part of the index key)
CLAUSE_ROLES = ("main", "second")  # the encoders whose clauses are embedded: both dense ones
MIN_CLAUSE = 8  # a shorter piece (一是, 2020年,) says too little alone: it joins the next
HEADED, BARE, OFFSETS = "clauses_{role}.faiss", "bare_clauses_{role}.faiss", "clauses_{role}.json"
# How many candidates each view brings before all are scored exactly (times the depth asked).
_WIDEN = 4


def split_clauses(sentence: str) -> list[str]:
    """The sentence cut after each comma, semicolon or colon; a piece shorter than MIN_CLAUSE
    joins the next one. A sentence with none is its own single clause."""
    pieces: list[str] = []
    for piece in (sentence[lo:hi] for lo, hi in clause_spans(sentence)):
        if not piece.strip():
            continue
        if pieces and len(pieces[-1]) < MIN_CLAUSE:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces or [sentence]


def clause_units(chunks: list[Chunk]) -> tuple[list[str], list[str], list[int]]:
    """Every chunk's clauses as the encoder reads them, headed and bare, with where each chunk's
    clauses start in those lists (one more offset than chunks: chunk i owns [o[i], o[i+1]))."""
    headed: list[str] = []
    bare: list[str] = []
    offsets = [0]
    for chunk in chunks:
        for clause in split_clauses(chunk.sentence):
            headed.append(clause_text(chunk, clause))
            bare.append(clause)
        offsets.append(len(bare))
    return headed, bare, offsets


@dataclass(frozen=True)
class ClauseVectors:
    """One encoder's clause vectors, headed and bare, in the same row order, and the offsets
    of each chunk's clauses."""

    headed: VectorStore
    bare: VectorStore
    offsets: np.ndarray

    def save(self, folder: Path, role: str) -> None:
        self.headed.save(folder / HEADED.format(role=role))
        self.bare.save(folder / BARE.format(role=role))
        (folder / OFFSETS.format(role=role)).write_text(json.dumps(self.offsets.tolist()), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, role: str) -> ClauseVectors | None:
        """The role's clause vectors, or None when the build wrote none for it."""
        if not (folder / OFFSETS.format(role=role)).exists():
            return None
        offsets = json.loads((folder / OFFSETS.format(role=role)).read_text(encoding="utf-8"))
        headed, bare = (VectorStore.load(folder / name.format(role=role)) for name in (HEADED, BARE))
        return cls(headed, bare, np.asarray(offsets, dtype=np.int64))

    def consistent(self, chunks: int) -> bool:
        """Do the offsets cover ``chunks`` chunks, each with a clause, and both stores every clause?"""
        o = self.offsets
        return (
            len(o) == chunks + 1
            and o[0] == 0
            and bool(np.all(np.diff(o) > 0))
            and len(self.headed) == len(self.bare) == int(o[-1])
        )

    def owners(self, clause_rows: np.ndarray) -> np.ndarray:
        """The chunk row each clause row belongs to."""
        return np.searchsorted(self.offsets, clause_rows, side="right") - 1

    def best(self, vector: np.ndarray, rows: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """For each chunk row, the cosine of its closest clause to ``vector``, headed and bare."""
        if not rows:
            return np.empty(0, dtype=np.float32), np.empty(0, dtype=np.float32)
        lengths = self.offsets[np.asarray(rows) + 1] - self.offsets[rows]
        ids = np.concatenate([np.arange(self.offsets[r], self.offsets[r + 1]) for r in rows])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        headed, bare = (np.maximum.reduceat(s.rows(ids.tolist()) @ vector, starts) for s in (self.headed, self.bare))
        return headed, bare

    def search(self, sentences: VectorStore, vector: np.ndarray, depth: int) -> tuple[list[int], list[float]]:
        """The ``depth`` best chunk rows by the mean of the three cosines (sentence, best headed
        clause, best bare clause), best first. The candidates are the sentences and the owners
        of the clauses each store finds closest; each is then scored exactly."""
        query = vector[None, :]
        found = [sentences.search(query, depth * _WIDEN)[1][0]]
        found += [self.owners(store.search(query, depth * _WIDEN)[1][0]) for store in (self.headed, self.bare)]
        rows = sorted({int(r) for ids in found for r in ids if r >= 0})
        if not rows:
            return [], []
        scores = self.score(sentences, vector, rows)
        order = np.argsort(-scores, kind="stable")[:depth]
        return [rows[i] for i in order], [float(scores[i]) for i in order]

    def score(self, sentences: VectorStore, vector: np.ndarray, rows: list[int]) -> np.ndarray:
        """The mean of the three cosines of each chunk row with ``vector``: its sentence's, its
        best headed clause's and its best bare clause's."""
        headed, bare = self.best(vector, rows)
        return (sentences.rows(rows) @ vector + headed + bare) / 3
