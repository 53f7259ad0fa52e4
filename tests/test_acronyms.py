"""Acronyms to the words reports write for them: whole dictionary headwords first, else their longest written part."""

from index.acronyms import MAX_ACRONYMS, acronym_words, acronyms, longest_part


def test_acronyms_are_words_in_capitals_with_or_without_a_plural():
    assert acronyms("2022 CPI target, VAT refunds for SMEs and the CPI again") == ["cpi", "vat", "sme"]
    assert acronyms("Consumer prices in WUCHANG DISTRICT") == []  # capitals of seven letters or more are words
    assert acronyms("居民消费价格CPI涨幅") == ["cpi"]  # inside a Chinese question too


def test_a_headword_the_reports_write_whole_is_kept_over_any_part():
    text = "增值税留抵退税，小规模纳税人免征增值税"
    assert acronym_words("vat", lambda zh: zh in text) == ("增值税",)


def test_a_headword_never_written_whole_stands_as_its_longest_written_part():
    text = "居民消费价格上涨0.9%。居民消费价格涨幅3%左右"
    assert longest_part("居民消费价格指数", lambda zh: zh in text) == "居民消费价格"
    assert acronym_words("cpi", lambda zh: zh in text)[0] == "居民消费价格"


def test_parts_shorter_than_four_characters_name_nothing():
    assert longest_part("居民消费价格指数", lambda zh: zh in "价格指标与消费") is None
    assert acronym_words("cpi", lambda zh: False) == ()
    assert acronym_words("zzqx", lambda zh: True) == ()  # not in the dictionary


def test_the_work_is_bounded_however_many_acronyms_a_question_writes():
    question = " ".join(f"A{chr(65 + i)}{chr(65 + j)}" for i in range(26) for j in range(4))  # 104 acronyms
    assert len(acronyms(question)) == MAX_ACRONYMS
