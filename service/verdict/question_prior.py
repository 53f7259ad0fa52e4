"""How often questions like this one are answered by such reports, read from the question alone.

Some questions are seldom answered by a government work report whatever its place: which company
opened a shop where, which streets a project covers, what a fee or a bed count is, the parts of a
figure the question itself states. Others nearly always are. The main encoder's vector of the
question (an English one's in its own words, not the Chinese terms it is searched with: those keep
what it asks about but not how it asks) carries that kind, in any report's words and any of the
three scripts; a linear head over it (logistic, strongly regularised, trained by
service.verdict.training on the read question sets of both corpora) gives its log-odds, one more
signal of the verdict model. Trained on the shipped reports' questions alone it still ranks the
unseen reports' questions better than the other signals do by themselves, and the reverse: what it
learns is the kind of question, not the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class QuestionPrior:
    """A logistic head over standardised question vectors of one encoder (``encoder``: its name;
    service.verdict.model.load_model drops a head made for another encoder than the service's)."""

    encoder: str
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    # The head's say is bounded at this many log-odds either way: one noisy signal of the
    # question's wording must not overturn what the answer itself shows (a headline figure asked
    # in words like those of a question the reports never answer).
    limit: float = 1.0

    def log_odds(self, vector: np.ndarray | None) -> float | None:
        """How much the head raises the log-odds that the reports answer a question with this
        vector above those of the average question it was fitted on (its intercept is left out:
        fitted on part of the sets, it follows that part's share of answerable questions,
        which says nothing of the question); None when there is no vector of the head's size."""
        if vector is None or len(vector) != len(self.weights):
            return None
        z = (np.asarray(vector, dtype=float) - np.asarray(self.mean)) / np.asarray(self.scale)
        return float(np.clip(z @ np.asarray(self.weights), -self.limit, self.limit))

    def to_dict(self) -> dict:
        return {
            "encoder": self.encoder,
            "mean": [round(x, 6) for x in self.mean],
            "scale": [round(x, 6) for x in self.scale],
            "weights": [round(x, 6) for x in self.weights],
            "limit": self.limit,
        }

    @classmethod
    def from_dict(cls, data: dict) -> QuestionPrior:
        return cls(
            data["encoder"],
            tuple(data["mean"]),
            tuple(data["scale"]),
            tuple(data["weights"]),
            float(data["limit"]),
        )
