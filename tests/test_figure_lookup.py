"""Looking figures up by metric, period and report; CSV as well as JSON."""

import csv
import io

from service.answering.figure_lookup import as_csv, find, metric_names, unreadable_period


def test_a_metric_is_found_in_either_script_or_in_english(retriever):
    table = retriever.bundle.figures
    simplified, total = find(table, metric="地区生产总值")
    assert total == len(simplified) > 0 and all("地区生产总值" in r.metric for r in simplified)
    assert find(table, metric="地區生產總值")[1] == total
    english, _ = find(table, metric="fixed-asset investment")
    assert english and all("fixed-asset investment" in r.metric_en for r in english)


def test_every_period_named_must_be_one_the_figure_speaks_of(retriever):
    table = retriever.bundle.figures
    half, _ = find(table, period="first half of 2021")
    assert half and all({"2021", "上半年"} <= set(r.period) for r in half)
    assert find(table, period="上半年 2021")[1] == len(half)
    assert find(table, period="2016")[1] > 0 and find(table, period="2099")[1] == 0
    assert unreadable_period("soon") and not unreadable_period("十四五") and not unreadable_period("")


def test_the_limit_bounds_the_records_not_the_count_and_the_offset_pages(retriever):
    records, total = find(retriever.bundle.figures, limit=3)
    assert len(records) == 3 and total == len(retriever.bundle.figures)
    assert find(retriever.bundle.figures, limit=2, offset=1)[0] == records[1:]


def test_an_english_name_finds_the_chinese_the_reports_write_for_it(retriever):
    """The term groups of the question analysis find a metric whose word-for-word gloss does
    not say it ("GDP" -> 地区生产总值规模, glossed "region gross domestic production scale")."""
    table = retriever.bundle.figures
    names = metric_names(retriever.analyse("GDP"))
    assert names and metric_names(retriever.analyse("地区生产总值")) is None  # Chinese is matched as written
    found, total = find(table, metric="GDP", names=names)
    chinese = find(table, metric="地区生产总值")[0]
    assert set(chinese) <= set(found) and all("地区生产总值" in r.metric or "GDP" in r.metric for r in found)
    assert find(table, metric="GDP")[1] < total  # the gloss alone misses some


def test_csv_has_a_header_and_one_row_a_figure(retriever):
    records = [r.to_dict() for r in find(retriever.bundle.figures, metric="地区生产总值")[0]]
    rows = list(csv.DictReader(io.StringIO(as_csv(records))))
    assert len(rows) == len(records) and rows[0]["text"] == records[0]["text"]
    assert rows[0]["period"] == "|".join(records[0]["period"])
