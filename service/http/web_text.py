"""The web page's words in its two languages (Chinese also in Traditional), and which of
them a reader gets."""

from __future__ import annotations

from functools import lru_cache

from flask import request

from index.normalize import to_traditional

SCRIPTS = ("en", "zh-Hans", "zh-Hant")
# The reports are Chinese: their text can be shown in either script, not in English.
REPORT_SCRIPTS = ("zh-Hans", "zh-Hant")
TRADITIONAL_REGIONS = ("tw", "hk", "mo", "hant")

STRINGS = {
    "en": {
        "title": "Ask the government reports",
        "switch": "中文",
        "switch_label": "切换到中文",
        "lead": "Ask in English or Chinese about {reports}. "
        "Answers are quoted from the reports, with the passages they come from.",
        "reports_sep": "; ",
        "no_reports": "the reports (not loaded yet)",
        "label": "Your question",
        "placeholder": "e.g. GDP growth target for 2021?",
        "ask": "Ask",
        "lang": "Show report text in",
        "auto": "the question's language",
        "report": "Read first",
        "all_reports": "all reports",
        "examples": "Try an example",
        "answer": "Answer",
        "english": "Figures in English",
        "notes": "Words in English",
        "chart": "The two sides' figures side by side",
        "source": "Source",
        "passages": "Passages",
        "closest": "Closest passages (they may not answer the question)",
        "glossary": "Glossary",
        "not_found": "The reports do not say",
        "not_found_detail": "No passage of the reports answers this question with confidence.",
        "uncertain": "This may not answer the question: check the passage.",
        "dated": "Report dated",
        "paragraph": "paragraph {n}",
        "open": "Open in the report",
        "cite_as": "Cite as",
        "back": "Back to the questions",
        "no_report": "There is no such report.",
        "cited_missing": "The cited span is not in this report's text.",
        "Hant": "Traditional",
        "Hans": "Simplified",
        "en_names": "English",
        "definition_en": "In English",
        "source_question": "named in your question",
        "source_passages": "used in the passages",
        "empty": "Please type a question, in English or Chinese.",
        "too_long": "That question is {n} characters long; please keep it to {limit} characters.",
        "unavailable": "The reports are not loaded yet; please try again in a minute.",
        "failed": "Something went wrong on our side (it has been logged). Please try again.",
        "refused": "That request could not be handled (HTTP {code}); please ask again with the form.",
        "footer": "Answers are extracted from the reports, never written by a model. API:",
        "colon": ": ",
        "reference": "{where}, paragraph {n}, characters {start}–{end}",
    },
    "zh": {
        "title": "政府报告问答",
        "switch": "English",
        "switch_label": "Switch to English",
        "lead": "用中文或英文提问，内容来自{reports}。答案摘自报告原文，并附出处段落。",
        "reports_sep": "、",
        "no_reports": "报告（尚未加载）",
        "label": "你的问题",
        "placeholder": "例如：2021年GDP预期增长多少？",
        "ask": "提问",
        "lang": "报告原文显示",
        "auto": "与问题相同",
        "report": "优先查阅",
        "all_reports": "全部报告",
        "examples": "试试这些问题",
        "answer": "答案",
        "english": "数字的英文表达",
        "notes": "词语的英文",
        "chart": "两边数字的对比",
        "source": "出处",
        "passages": "相关段落",
        "closest": "最接近的段落（未必回答了这个问题）",
        "glossary": "名词注释",
        "not_found": "报告中没有找到答案",
        "not_found_detail": "报告中没有能可靠回答这个问题的段落。",
        "uncertain": "这未必回答了问题，请核对原文段落。",
        "dated": "报告日期",
        "paragraph": "第 {n} 段",
        "open": "在报告中查看",
        "cite_as": "引用",
        "back": "返回提问",
        "no_report": "没有这份报告。",
        "cited_missing": "报告原文中没有引用的这一段。",
        "Hant": "繁体",
        "Hans": "简体",
        "en_names": "英文",
        "definition_en": "英文释义",
        "source_question": "问题中提到",
        "source_passages": "段落中用到",
        "empty": "请输入问题（中文或英文均可）。",
        "too_long": "问题共 {n} 个字符，最多可输入 {limit} 个字符，请缩短后再试。",
        "unavailable": "报告索引尚未加载，请稍后再试。",
        "failed": "服务出错了（已记录），请稍后再试。",
        "refused": "无法处理这个请求（HTTP {code}），请用上面的表单重新提问。",
        "footer": "答案均摘自报告原文，不由模型生成。接口文档：",
        "colon": "：",
        "reference": "{where}，第{n}段，第{start}–{end}字",
    },
}
LANG_NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}


def chinese_of(script: str) -> str:
    """The Chinese script a reader of ``script`` reads the reports' text in: Traditional for
    zh-Hant, else Simplified (the reports' own, also for a reader of English)."""
    return "zh-Hant" if script == "zh-Hant" else "zh-Hans"


@lru_cache(maxsize=2)
def _strings_traditional() -> dict[str, str]:
    """Chinese UI strings in Traditional, for readers who write Traditional."""
    return {key: to_traditional(value) for key, value in STRINGS["zh"].items()}


def ui_choice() -> tuple[str, bool]:
    """(page language, prefers Traditional): ``?ui=`` wins, else the first English or Chinese
    tag of Accept-Language (in quality order), else English. zh-TW/HK/MO/Hant read Traditional."""
    tags = (tag.lower() for tag, _quality in request.accept_languages)
    first = next((tag for tag in tags if tag.startswith(("en", "zh"))), "en")
    traditional = first.startswith("zh") and first.split("-")[-1] in TRADITIONAL_REGIONS
    wanted = request.args.get("ui", "")
    return (wanted if wanted in STRINGS else first[:2]), traditional


def strings(ui: str, traditional: bool) -> dict[str, str]:
    """The page's words; Chinese in Traditional for readers who read Traditional."""
    return _strings_traditional() if ui == "zh" and traditional else STRINGS[ui]
