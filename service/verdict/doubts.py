"""What each reason for ``confident: false`` tells the reader, in English and Chinese.

service.verdict.confidence names the reason by a code; the API returns the code with this message
in the asker's script, and the web page shows it under its not-found notice, so that a
person learns what the reports lack (a year, a unit, the city's figure) instead of a bare no.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.normalize import in_script

MESSAGES: dict[str, tuple[str, str]] = {
    "nothing_asked": (
        "The question holds nothing to look for: no word that a dictionary knows.",
        "问题中没有可以查找的词语。",
    ),
    "no_known_words": ("None of the question's words occurs in the reports.", "问题中的词语在报告中都没有出现。"),
    "no_passage": ("No passage of the reports was found for this question.", "报告中没有找到与这个问题相关的段落。"),
    "unknown_term": (
        "The question names a year, place or name that the reports never mention.",
        "问题中的年份、地点或名称在报告中没有出现。",
    ),
    "after_reports": (
        "The question asks about a time after the latest report was written.",
        "问题问的是最新一份报告之后的情况。",
    ),
    "other_period": (
        "The reports give this figure only for another period (year, plan period, quarter or month).",
        "报告只给出了其他时期（年份、规划期、季度或月份）的数字。",
    ),
    "repeats_question": (
        "The reports give only the figure the question already states, not its parts.",
        "报告只给出了问题中已有的数字，没有给出细分。",
    ),
    "other_level": (
        "The reports give this figure for their own level of government, not the one asked about.",
        "报告给出的是本级政府的数字，而不是问题所问的那一级。",
    ),
    "no_name": ("The reports do not name the person asked about.", "报告中没有提到所问人员的姓名。"),
    "no_contact": ("The reports give no phone number, web or street address.", "报告中没有给出电话、网址或地址。"),
    "no_procedure": (
        "The reports do not say how or where to apply, sign up or register.",
        "报告中没有说明如何或去哪里办理、报名或申请。",
    ),
    "no_day": ("The passages that come closest name no day.", "最相关的段落没有提到具体日期。"),
    "no_hours": ("The passages that come closest give no opening hours.", "最相关的段落没有给出开放或营业时间。"),
    "no_time": ("The passages that come closest say nothing of when.", "最相关的段落没有说明时间。"),
    "other_kind": (
        "The closest figures are of another kind (a rate, not an amount, or the reverse).",
        "最相关的数字是另一类（例如增长率而不是金额）。",
    ),
    "other_unit": (
        "The closest figures are in another unit than the one asked (days, cases, kilometres…).",
        "最相关的数字与所问的单位不同（例如天数、例数、公里）。",
    ),
    "group_figure": (
        "The reports give this only as the total of a group it belongs to, not its own figure.",
        "报告只给出了它所在一组项目的合计数字，没有单独给出它的数字。",
    ),
    "figure_off_topic": (
        "The closest figure counts something other than what was asked.",
        "最相关的数字说的是别的事情。",
    ),
    "few_words": (
        "The passages hold too little of what the question asks about.",
        "相关段落中很少涉及问题所问的内容。",
    ),
    "clause_off_topic": (
        "The closest sentence has nothing of what the question asks about.",
        "最相关的句子与问题所问的内容无关。",
    ),
    "clause_far": (
        "The closest sentence shares the question's words but may not say what it asks.",
        "最相关的句子含有问题中的词语，但未必回答了所问的内容。",
    ),
    "seldom_answered": (
        "Reports like these seldom answer this kind of question (a detail such as a name, a fee or a place).",
        "这类报告很少回答这类问题（例如名称、收费或地点等细节）。",
    ),
}


def doubt_item(code: str | None, language: str, terms: Sequence[str] = ()) -> dict | None:
    """The reason as the API returns it: its code, a message in the asker's script (the web
    page asks in its reader's: en, zh-Hans or zh-Hant) and the question's ``terms`` it is about
    (the names of an unknown_term, as the question writes them), which the message names too."""
    if code is None:
        return None
    english, chinese = MESSAGES[code]
    message = english if language == "en" else in_script(chinese, language)
    if terms:
        listed = (", " if language == "en" else "、").join(terms)
        message = f"{message[:-1]}: {listed}." if language == "en" else f"{message[:-1]}：{listed}。"
    return {"code": code, "message": message, "terms": list(terms)}
