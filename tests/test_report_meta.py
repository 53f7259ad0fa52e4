"""What a report is, read from its own text."""

import pytest
from report_files import TEXT

from index.report_meta import delivered_on, english_title, infer, issued_by, kind_of


def test_a_reports_title_date_body_level_and_periods_come_from_its_text():
    meta = infer(TEXT, {})
    assert meta["title"] == "青禾县人民政府工作报告" and meta["date"] == "2023-01-12"
    assert (meta["body"], meta["level"], meta["place"]) == ("青禾县人民政府", "county", "青禾县")
    assert meta["kind"] == "government work report" and meta["has_glossary"] is True
    assert meta["period"] == ["2022", "2023"]  # 一、2022年工作回顾 and 二、2023年主要目标任务
    assert meta["title_en"] == "Qinghe County Government Work Report 2023"
    assert meta["id"].startswith("county-2023-")


def test_what_the_caller_states_wins():
    meta = infer(
        TEXT, {"title": "青禾县政府工作报告(2023)", "date": "2023-01-15", "kind": "work report", "id": "qinghe-2023"}
    )
    assert (meta["title"], meta["date"], meta["kind"], meta["id"]) == (
        "青禾县政府工作报告(2023)",
        "2023-01-15",
        "work report",
        "qinghe-2023",
    )


@pytest.mark.parametrize(
    "head, day",
    [
        ("——2022年3月5日在第十三届全国人民代表大会第五次会议上", "2022-03-05"),
        ("——20201229日在武汉市武昌区第十五届人民代表大会", "2020-12-29"),  # a scraped page lost 年 and 月
        ("——2021年827日在某区人大常委会", "2021-08-27"),
        ("（二〇二三年一月十二日）", "2023-01-12"),
        ("发布时间:2021-01-06 15:37", "2021-01-06"),  # only the page's date: the last resort
        ("政府工作报告", ""),
    ],
)
def test_the_day_of_delivery_is_read_in_any_of_the_ways_reports_write_it(head, day):
    assert delivered_on(head) == day


@pytest.mark.parametrize(
    "head, level, place",
    [
        ("国务院总理 李克强", "country", "中国"),
        ("广东省人民政府工作报告", "province", "广东省"),
        ("杭州市人民政府", "city", "杭州市"),
        ("武昌区人民政府2021年上半年工作情况报告", "district", "武昌区"),
        ("内蒙古自治区人民政府", "province", "内蒙古自治区"),
    ],
)
def test_the_issuing_body_gives_the_level_and_place(head, level, place):
    found = issued_by(head)
    assert (found["level"], found["place"]) == (level, place)


def test_a_title_block_that_names_no_body_leaves_level_and_place_unset():
    assert issued_by("政府工作报告\n各位代表：") == {}
    assert kind_of("关于2022年预算执行情况的报告") == "budget report" and kind_of("会议纪要") == "report"
    assert english_title({"kind": "report"}) == "Report"
