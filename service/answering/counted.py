"""What an answer's figures count, as a reader meets them: the words the verdict holds the
question's against (service.verdict.model's focus_coverage)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from index.figure_table import FigureRecord, record_id
from service.answering.extracted import Answer

Table = Mapping[str, FigureRecord]  # the figure table by record id (index.store.IndexBundle.figure_index)
_LEAD = re.compile(r"^([^。；;]*?[:：])")  # what a list of figures after a colon is of


def _counted(answer: Answer, doc: str, table: Table) -> str:
    """What the answering figure counts, as the reader meets it: the words that introduce the list
    it stands in ("主要预期目标是:"), the figure table's metric for it (a rate in a clause of its own,
    同比增长22.3%, counts the metric of the figure before it) and its clause; empty when no figure
    answers."""
    clause = answer.focus_clause
    if clause is None:
        return ""
    lead = _LEAD.match(answer.text[: answer.focus - answer.start])
    return " ".join(p for p in (lead and lead.group(1), counted_metric(answer, doc, table), clause) if p)


def counted_metric(answer: Answer, doc: str, table: Table) -> str:
    """The figure table's metric for the figure that answers ("城镇新增就业"); empty when no
    figure answers or the table has none for it."""
    record = table.get(record_id(doc, answer.focus)) if answer.focus is not None else None
    return record.metric if record is not None and record.metric else ""


def counted_words(answer: Answer, docs: dict[str, str], table: Table) -> str:
    """The words of what the answering figures count, a comparison's two sides together (its
    question's words are shared between them); empty when no figure answers. ``docs``: each
    passage's report, by passage id."""
    sides = [(part, docs.get(part.chunk_id or "", "")) for part in (answer, answer.also) if part is not None]
    return " ".join(words for part, doc in sides if (words := _counted(part, doc, table)))
