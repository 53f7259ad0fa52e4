"""Plain text out of the formats government sites publish, and the files that are refused."""

import pytest
from report_files import TEXT, WRITERS, write_txt

from index import extract_text
from index.extract_text import Refused, extract, rejoin_wrapped


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_every_format_gives_the_reports_paragraphs_one_to_a_line(tmp_path, suffix):
    text = extract(WRITERS[suffix](tmp_path / f"report.{suffix}"))
    assert TEXT.strip() in text  # a page's navigation may stand before it, never inside it
    assert "不是正文" not in text  # a page's scripts are not text


def test_plain_text_is_read_as_utf8_or_gb18030(tmp_path):
    assert (
        extract(write_txt(tmp_path / "a.txt", "gb18030")) == extract(write_txt(tmp_path / "b.txt", "utf-8-sig")) == TEXT
    )


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n \n\t\n", "characters of text"),
        ("short.txt", "政府工作报告\n".encode(), "characters of text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8, "binary"),
        ("other.txt", "政府工作报告".encode() + b"\xff\xfe\x80" * 100, "UTF-8 nor GB18030"),
        ("broken.pdf", b"%PDF-1.4 not really a pdf" * 20, "PDF"),
        ("broken.docx", b"PK\x03\x04 not really a docx" * 20, "docx"),
        ("report.exe", b"MZ" * 200, "format"),
    ],
)
def test_a_file_that_is_not_a_readable_report_is_refused_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(Refused, match=reason):
        extract(path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(extract_text, "MAX_BYTES", 100)
    with pytest.raises(Refused, match="over the limit"):
        extract(write_txt(tmp_path / "big.txt"))


def test_a_pdfs_wrapped_lines_are_joined_back_into_paragraphs_but_headings_stay_apart():
    lines = [
        "一、工作回顾",
        "全县地区生产总值达到二百亿元同比增长",
        "六点一个百分点。",
        "二、目标任务",
        "今年预期增长六点五个百分点左右，就业",
        "一万人以上。",
    ]
    assert rejoin_wrapped("\n".join(lines)).split("\n") == [
        "一、工作回顾",
        "全县地区生产总值达到二百亿元同比增长六点一个百分点。",
        "二、目标任务",
        "今年预期增长六点五个百分点左右，就业一万人以上。",
    ]
