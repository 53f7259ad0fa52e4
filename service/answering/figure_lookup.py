"""Looking figures up in the figure table (index.figure_table): by metric, period and report.

A metric is matched in the reports' words (Simplified or Traditional, any part of the
metric) or in its English gloss; a period as index.periods reads it in either language
("2021", 上半年, "first half", 十四五, "the 14th Five-Year Plan"), every period named having
to be one the figure's clause or passage speaks of.
"""

from __future__ import annotations

import csv
import io

from index.figure_table import FigureRecord
from index.normalize import normalize
from index.periods import periods

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
    table: list[FigureRecord], metric: str = "", period: str = "", report: str = "", limit: int = 200
) -> tuple[list[FigureRecord], int]:
    """The records that match every filter given (in the reports' order, at most ``limit``),
    and how many matched in all."""
    wanted_metric = normalize(metric).strip().lower()
    wanted_periods = periods(period) if period else set()
    matched = [
        r
        for r in table
        if (not report or r.report == report)
        and (not wanted_metric or wanted_metric in r.metric.lower() or wanted_metric in r.metric_en.lower())
        and wanted_periods <= set(r.period)
    ]
    return matched[:limit], len(matched)


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
