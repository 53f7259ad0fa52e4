"""Looking figures up in the figure table (index.figure_table): by metric, period and report.

A metric is matched in the reports' words (Simplified or Traditional, any part of the
metric), in its English gloss, or by the Chinese the reports write for an English name (the
question analysis's term groups: "GDP" finds 地区生产总值规模, whose gloss is word for word);
a period as index.periods reads it in either language
("2021", 上半年, "first half", 十四五, "the 14th Five-Year Plan"), every period named having
to be one the figure's clause or passage speaks of.
"""

from __future__ import annotations

import csv
import io

from index.figure_table import FigureRecord
from index.normalize import normalize
from index.periods import periods
from service.analysis.query import Query
from service.analysis.terms import query_terms

CSV_COLUMNS = (
    "id",
    "report",
    "metric",
    "metric_en",
    "text",
    "value",
    "unit",
    "kind",
    "english",
    "change",
    "direction",
    "base",
    "period",
    "level",
    "qualifier",
    "start",
    "end",
    "passage",
    "clause",
)


def find(
    table: list[FigureRecord],
    metric: str = "",
    period: str = "",
    report: str = "",
    limit: int = 200,
    names: list[tuple[str, ...]] | None = None,
    offset: int = 0,
) -> tuple[list[FigureRecord], int]:
    """The records that match every filter given (in the reports' order, at most ``limit``
    after the first ``offset``), and how many matched in all. ``names``: the metric's words as
    the reports write them, one group of alternatives per word, each to be in a record's metric."""
    wanted_metric = normalize(metric).strip().lower()
    wanted_periods = periods(period) if period else set()
    matched = [
        r
        for r in table
        if (not report or r.report == report)
        and (not wanted_metric or _names(r, wanted_metric, names or []))
        and wanted_periods <= set(r.period)
    ]
    return matched[offset : offset + limit], len(matched)


def _names(record: FigureRecord, wanted: str, names: list[tuple[str, ...]]) -> bool:
    """Does a record's metric say what the filter names, in its words or its English?"""
    if wanted in record.metric.lower() or wanted in record.metric_en.lower():
        return True
    return bool(names) and all(any(a in record.metric for a in group) for group in names)


def metric_names(query: Query) -> list[tuple[str, ...]] | None:
    """An English metric's words as the reports write them (the question analysis's term
    groups, those with Chinese): "GDP" -> [(地区生产总值, …)]; None for a Chinese one, which is
    matched as written."""
    if query.language != "en":
        return None
    return [group for group in query_terms(query) if any(not a.isascii() for a in group)]


def unreadable_period(period: str) -> bool:
    """Does a period filter name no period index.periods can read ("soon")?"""
    return bool(period.strip()) and not periods(period)


def as_csv(records: list[dict]) -> str:
    """Records (as FigureRecord.to_dict gives them) as CSV with a header row, periods joined by |."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({**r, "period": "|".join(r["period"])})
    return out.getvalue()
