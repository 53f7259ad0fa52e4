"""An extracted answer: the clause that answers, where it stands, and whether to trust it."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.chunking import clause_spans
from index.figures import Figure
from index.glossary import GlossaryEntry


@dataclass(frozen=True)
class Answer:
    """The extracted text, where it stands, the figures in it, and whether to trust it
    (``verdict``, ``confidence``; ``doubt``: why not outright, a code of service.verdict.doubts);
    ``also``, the other side's clause."""

    text: str
    doubt: str | None
    chunk_id: str | None = None
    start: int | None = None
    end: int | None = None
    figures: list[Figure] = field(default_factory=list)
    also: Answer | None = None  # a comparison's other side, from another report or period
    verdict: str = "answered"
    confidence: float = 1.0
    focus: int | None = None  # where the figure that answers a figure question stands in its report
    defines: GlossaryEntry | None = None  # the glossary term whose definition the answer is
    signals: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def confident(self) -> bool:
        return self.verdict == "answered"

    @property
    def focus_clause(self) -> str | None:
        """The clause holding the answering figure, when there is one: what the figure is of
        (the sentence around it may name other levels: 规模排全市第1)."""
        if self.focus is None or self.start is None:
            return None
        at = self.focus - self.start
        return next((self.text[lo:hi] for lo, hi in clause_spans(self.text) if lo <= at < hi), None)
