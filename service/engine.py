"""The engine: the one typed interface the HTTP layer calls.

``Engine`` owns the serving state (the index being served, swapped by a reload or a newer
build without a restart). A request takes a ``Reader`` once and asks everything of it, so
every part of one answer comes from one build, even while a reload swaps them. Nothing of
the engine's insides (bundles, analysers, tokenizers, manifests) reaches the HTTP layer:
the web page, the JSON API and the chat endpoint see only what this module returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.lexical import tokenize
from service.analysis.followup import Resolution, resolve
from service.answering import figure_lookup
from service.answering.report_page import ReportPage, report_page
from service.answering.respond import ask, glossary_item, search
from service.config import Config
from service.ranking.retrieval import Retriever
from service.state import QAState
from service.verdict.doubts import doubt_item

__all__ = ["Engine", "QAState", "Reader", "ReportPage", "Resolution"]


@dataclass(frozen=True)
class Reader:
    """Questions and look-ups against one loaded index (and the corpus it was built from)."""

    _retriever: Retriever
    _corpus_dir: Path

    @property
    def version(self) -> str:
        """The index build that answers (its folder name)."""
        return self._retriever.bundle.version

    def ask(self, question: str, top_k: int = 5, qid: str | None = None, report: str | None = None) -> dict:
        """The answer JSON: answer line, verdict, figures, citations, glossary, passages; with
        ``report``, that report's passages read first."""
        return ask(self._retriever, question, top_k, qid=qid, report=report)

    def search(self, question: str, top_k: int = 5, qid: str | None = None, pipeline: str = "full") -> dict:
        """Ranked passages only, under a named pipeline."""
        return search(self._retriever, question, top_k, qid=qid, pipeline=pipeline)

    def glossary(self) -> list[dict]:
        """Every glossary entry as the API shows it."""
        return [glossary_item(entry) for entry in self._retriever.bundle.glossary]

    def glossary_entry(self, name: str) -> dict | None:
        """The entry a Simplified, Traditional or English name stands for, if any."""
        entry = self._retriever.matcher.get(name)
        return glossary_item(entry) if entry is not None else None

    def glossary_terms(self, most: int) -> list[str]:
        """The first ``most`` glossary terms (in the reports' order)."""
        return [entry.term for entry in self._retriever.bundle.glossary[:most]]

    def reports(self) -> list[dict]:
        """What the index records of each report (title, date, kind, level, place …)."""
        return list(self._retriever.bundle.manifest.get("reports", []))

    def summary(self) -> dict:
        """The index, its size and its reports."""
        return {"index": self.version, "chunks": len(self._retriever.bundle.chunks), "reports": self.reports()}

    def examples(self) -> dict[str, list[str]] | None:
        """Example questions the corpus ships (per script), if it ships any."""
        return self._retriever.bundle.manifest.get("examples")

    def report(self, doc: str, start: int | None = None, end: int | None = None) -> ReportPage | None:
        """A report of the index being served, whole, the span [start, end) marked; None for
        a report this index does not hold."""
        if doc not in {r.get("id") for r in self.reports()}:
            return None
        return report_page(self._corpus_dir, doc, start, end)

    def figures(
        self, metric: str = "", period: str = "", report: str = "", limit: int = 200, offset: int = 0
    ) -> tuple[list[dict], int]:
        """Records of the figure table that match every filter given (at most ``limit``, after
        the first ``offset``), and how many matched in all."""
        names = self._metric_names(metric)
        table = self._retriever.bundle.figures
        found, total = figure_lookup.find(table, metric, period, report, limit, names, offset)
        return [r.to_dict() for r in found], total

    def _metric_names(self, metric: str) -> list[tuple[str, ...]] | None:
        """What figure_lookup.metric_names finds of a metric as the question analysis reads it."""
        return figure_lookup.metric_names(self._retriever.analyse(metric)) if metric.strip() else None

    @staticmethod
    def readable_period(period: str) -> bool:
        """Does a period filter name a period the one period model reads (2021, 上半年, "first
        half", 十四五), or none at all?"""
        return not figure_lookup.unreadable_period(period)

    @staticmethod
    def figures_csv(records: list[dict]) -> str:
        """Figure records (as ``figures`` returns them) as CSV with a header row."""
        return figure_lookup.as_csv(records)

    def search_terms(self, question: str) -> list[str]:
        """The reports' words a question searches for (Simplified, two characters or more):
        the Chinese terms of an English question, the words of a Chinese one."""
        query = self._retriever.analyse(question)
        words = query.zh_terms if query.language == "en" else tokenize(query.text)
        return [word for word in words if len(word) > 1]


class Engine:
    """The service's question answering, over whichever index is being served."""

    def __init__(self, state: QAState):
        self._state = state

    @classmethod
    def start(cls, config: Config) -> Engine:
        """Load the encoders and the current index (a broken index leaves it not ready)."""
        return cls(QAState.start(config))

    @property
    def config(self) -> Config:
        return self._state.config

    def reader(self) -> Reader | None:
        """The index being served now, or None while there is none."""
        retriever = self._state.retriever
        return Reader(retriever, self._state.config.corpus_dir) if retriever is not None else None

    @property
    def error(self) -> str | None:
        """Why the last load failed, for a client to read (no file paths)."""
        return self._state.error

    @property
    def loaded_at(self) -> float:
        """When the index being served was loaded (seconds since the epoch)."""
        return self._state.loaded_at

    def readiness(self) -> tuple[bool, dict]:
        return self._state.readiness()

    def reload(self) -> bool:
        """Load the index CURRENT names; False (and the old one kept) if it cannot be."""
        return self._state.reload()

    def watch(self) -> None:
        """Pick up a newer build if one appeared (cheap; called on every request)."""
        self._state.watch()

    @staticmethod
    def resolve(turns: list[str]) -> Resolution:
        """The question a conversation's last turn asks, follow-ups completed by earlier turns."""
        return resolve(turns)

    @staticmethod
    def unresolved(turn: str) -> Resolution:
        """A turn taken as it stands."""
        return Resolution(turn)

    @staticmethod
    def doubt_message(doubt: str, language: str, terms: Sequence[str] = ()) -> str:
        """Why an answer is doubted (its code, and the question's ``terms`` it is about), as a
        sentence in ``language``."""
        return doubt_item(doubt, language, terms)["message"]
