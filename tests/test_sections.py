"""The outline of a report: headings, inline leads, and the openings that say a paragraph's period."""

from index.sections import is_bullet, split_paragraphs

TEXT = (
    "政府工作报告\n各位代表：\n一、2019年和今年以来工作回顾\n"
    "去年，我国发展面临诸多困难挑战。\n"
    "——经济运行总体平稳。国内生产总值达到99.1万亿元。\n"
    "——五年来,我们坚持高质量发展。累计完成投资1242.6亿元。\n"
    "在上级党委和政府的坚强领导下，我们攻坚克难。\n"
)


def _by_text(words: str):
    return next(p for p in split_paragraphs(TEXT) if words in TEXT[p.start : p.end])


def test_a_bullets_opening_is_its_first_sentence():
    assert _by_text("经济运行").opening == "经济运行总体平稳"
    assert _by_text("五年来").opening == "五年来,我们坚持高质量发展"
    assert is_bullet("——经济运行总体平稳。") and not is_bullet("去年，我国发展")


def test_prose_opens_with_a_short_phrase_before_its_first_comma_or_with_nothing():
    assert _by_text("去年，").opening == "去年"
    assert _by_text("坚强领导").opening == ""  # a long first phrase sets no time


def test_paragraphs_keep_their_heading_as_section():
    assert _by_text("经济运行").section[0] == "一、2019年和今年以来工作回顾"
    assert not _by_text("政府工作报告").section  # front matter opens no section
