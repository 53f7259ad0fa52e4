"""Turn an elliptic follow-up ("那上半年呢?", "What about the target?") into a question the
retriever can answer on its own, using the earlier user turns of a chat.

Why: chat clients send the whole conversation, but retrieval answers one self-contained
question. Rather than rules keyed to particular questions, a follow-up is recognised by its
form (a leading and/那/what about, a trailing 呢, no words of its own beyond a period, a
pronoun standing for the topic) and combined with the previous question generally:

* period  - it names only a period: the previous question with its period replaced, keeping
            what the follow-up leaves unsaid ("上半年" after "2021年…" means 2021年上半年);
* subject - it names a subject but asks nothing: the previous question asked of that subject
            (its way of asking and its period kept), or the previous question plus that
            subject when it asks in another way;
* refer   - it asks with a pronoun or without a topic ("How much did it grow?"): the
            follow-up plus the previous question, which supplies the topic;
* inherit - a full question introduced by and/那: kept, with the previous period if it
            names none, or the previous year if it names only a part of one ("And in the
            first half?" after a question about 2021);
* standalone - anything else is asked as written.

Turns are resolved in order, so a third turn builds on the resolved second one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.cedict import written_forms
from index.normalize import clean, detect_language, to_simplified, to_traditional
from service.analysis.followup_period import Period, find_period, replace_period

_LEAD_ZH = re.compile(r"^(?:那么|那末|那(?![个些里样儿])|还有|另外|至于|如果是|换成|改成)\s*[,,、]?\s*")
_TAIL_ZH = re.compile(r"(?:的情况|情况|又如何|又怎样|怎么样|如何|呢)+\s*[??!!。.]*\s*$")
_LEAD_EN = re.compile(
    r"^(?:(?:and|but|so|ok(?:ay)?|also|then)[\s,]+)?(?:(?:what|how)\s+about|what\s+of|same\s+(?:for|in)|and|also)\b[\s,]*",
    re.I,
)
_TAIL_EN = re.compile(r"[\s,]*(?:then|too|as well|instead)?\s*[?.!]*\s*$", re.I)
_ASK_ZH = re.compile(r"多少|几|什么|哪|吗|如何|怎么|怎样|为什么|为何|是否|有没有|谁|何时")
_ASK_EN = re.compile(
    r"^(?:what|how|which|who|when|where|why|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b",
    re.I,
)
_PRONOUN_ZH = re.compile(r"它们|它|其|该|这个|那个|这一|这些|那些|此")
_PRONOUN_EN = re.compile(r"\b(?:it|its|that|this|they|them|their|those|these)\b", re.I)
# A pronoun that stands for the earlier topic wherever it is ("how much of it", "progress on that",
# "these projects"), not "that" opening a relative clause ("projects that started").
_REFERRING_EN = re.compile(
    r"\b(?:it|its|they|them|their|these|those)\b"
    r"|\b(?:on|of|about|in|with|for|to|from|by|does|did|do|is|was|are|were|has|had|how|what)\s+(?:that|this)\b",
    re.I,
)
_DEFINES_ZH = re.compile(r"什么是|是什么|什么叫|指什么|什么意思")  # 什么是两湖隧道: short, yet whole
_REFERRING_ZH = re.compile(r"它们|它|该|这些|那些|这个|那个|这一|此")
_FILLER_ZH = re.compile(
    r"多少|几|什么|哪|吗|如何|怎么样|怎么|怎样|为什么|为何|是否|有没有|谁|何时|它们|它|其|该|这个|那个|这一|此|的|得|是|了|在|于|期间|时期|时候|呢|又|情况|年度|[\W_]"
)
_FILLER_EN = re.compile(
    r"""
        \b(?:what|how|which|who|when|where|why|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|much|many|it|its|that|this|they|them|their|those|these|the|a|an|in|of|for|during|over|at|about|then|too|and|also|year|period|by|so|far|whole|entire|across|throughout)\b
        | \b(?:first|last|early|late|start|beginning|end|months?|weeks?|days?)\b  # when, not what: "first months"
        | [^\w]
    """,
    re.I | re.VERBOSE,
)
# A message this short (words / characters) that asks nothing is taken as naming a subject.
SHORT_EN, SHORT_ZH = 5, 10


@dataclass(frozen=True)
class Resolution:
    """The question to ask the reports, and how the conversation shaped it."""

    question: str
    kind: str = "standalone"
    previous: str | None = None


def _strip_markers(text: str, english: bool) -> tuple[str, str, bool]:
    """The follow-up without its leading and/那/what about, then also without a trailing
    呢/then/too frame, and whether it had such a frame at all."""
    lead, tail = (_LEAD_EN, _TAIL_EN) if english else (_LEAD_ZH, _TAIL_ZH)
    asked = lead.sub("", text, count=1).strip()
    body = tail.sub("", asked, count=1).strip()
    marked = asked != text.strip() or (not english and "呢" in asked[len(body) :])
    return asked, body, marked


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out (a space keeps English words apart)."""
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _core(text: str, english: bool) -> str:
    """What a follow-up says beyond periods, question words, pronouns and particles."""
    return re.sub(r"\s+", " ", (_FILLER_EN if english else _FILLER_ZH).sub(" ", text)).strip()


def _size(text: str, english: bool) -> int:
    """Words for English, letters and Han characters for Chinese: how much a message says."""
    return len(text.split()) if english else len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", text))


def classify(message: str) -> tuple[str, str, Period]:
    """(kind, subject, period) of a message seen as a possible follow-up."""
    english = detect_language(message) == "en"
    text = message.strip() if english else written_forms(to_simplified(clean(message)))
    asked, body, marked = _strip_markers(text, english)
    period, spans = find_period(body, english)
    rest = _without(body, spans)
    core = _core(rest, english)
    asks = bool((_ASK_EN if english else _ASK_ZH).search(asked))
    pronoun = bool((_PRONOUN_EN if english else _PRONOUN_ZH).search(rest))
    size = _size(core, english)
    if not core and spans:
        return "period", "", period
    # no topic of its own: "what was achieved", 完成得怎么样, 2021年计划新增多少
    short = size <= 1 if english else size <= 4 and not _DEFINES_ZH.search(asked)
    referring = bool((_REFERRING_EN if english else _REFERRING_ZH).search(rest))
    if asks and (
        size == 0 or referring or (pronoun and size <= (2 if english else 4)) or (short and (marked or not english))
    ):
        return "refer", body, period
    if not asks and core and (marked or size <= (SHORT_EN if english else SHORT_ZH)):
        subject = re.sub(r"\s+", " ", rest).strip(" ,.?!,。?、")  # noqa: B005 - a set of characters, as meant
        return "subject", subject, period
    if marked and asks:
        return "inherit", asked[:1].upper() + asked[1:], period
    return "standalone", message, period


def _script(question: str, message: str, previous: str) -> str:
    """Write the result in the follow-up's script; a script-neutral follow-up keeps the previous one's."""
    if detect_language(question) == "en":
        return question
    said = detect_language(message)
    neutral = said != "en" and to_traditional(message) == message
    wanted = detect_language(previous) if neutral or said == "en" else said
    return to_traditional(question) if wanted == "zh-Hant" else question


def _combine(kind: str, said: str, period: Period, previous: str) -> str:
    """The self-contained question for a follow-up of ``kind`` (see the module docstring)."""
    if kind == "inherit":
        english = detect_language(previous) == "en"
        old, _ = find_period(previous if english else to_simplified(previous), english)
        if old == Period() or period.year or period.plan:
            return said
        return replace_period(said, Period(old.year, period.part or old.part, old.plan if not period.part else None))
    base = replace_period(previous, period)
    if kind == "period":
        return base
    if kind == "refer":
        outcome = to_outcome(said, base)
        return f"{said} ({outcome})" if detect_language(base) == "en" else f"{said}（{outcome}）"
    swapped = _new_subject(previous, said, period)
    if swapped:
        return swapped
    stem = base.rstrip(" ??.!")  # noqa: B005 - a set of characters, as meant
    comma = ", " if detect_language(base) == "en" else "，"
    return f"{stem}{comma}{said}{base[len(stem) :]}"


# A plan and its outcome, the axis a follow-up most often turns on ("What were the targets for
# 2021?" "And what was achieved in the first half?"): words of each, and what a plan's words
# become when the outcome is asked.
_OUTCOME_EN = re.compile(r"\b(?:achieved?|actual(?:ly)?|completed?|done|reached|delivered|results?|outcomes?)\b", re.I)
_PLAN_EN = re.compile(r"\b(?:targets?|goals?|plans?|planned|expected|targeted|projected)\b", re.I)
_OUTCOME_ZH = re.compile(r"实际|完成|实现|达到|取得")
_PLAN_ZH = re.compile(r"(?:预期)?(?:目标|计划|预期)(?:任务)?")
_PLAN_NOUN_EN = re.compile(r"\b(?:targets?|goals?|plans?)\b", re.I)  # a plan's word that names it
_AS_OUTCOME_EN = {"target": "result", "goal": "result", "plan": "result"}


def to_outcome(said: str, previous: str) -> str:
    """The previous question turned from a plan to its outcome when the follow-up asks what
    was achieved and names no plan ("the main targets for 2021" -> "the main results for
    2021"; 2021年地区生产总值预期增长多少 -> 2021年地区生产总值增长多少): kept as it is otherwise."""
    english = detect_language(said) == "en"
    outcome, plan = (_OUTCOME_EN, _PLAN_EN) if english else (_OUTCOME_ZH, _PLAN_ZH)
    if not outcome.search(said) or plan.search(said if english else to_simplified(said)):
        return previous
    if not english:
        return _PLAN_ZH.sub(lambda m: "完成情况" if "目标" in m.group(0) else "", to_simplified(previous))

    def outcome_word(match: re.Match) -> str:
        word = match.group(0).lower()
        stem = word.rstrip("s")
        return _AS_OUTCOME_EN[stem] + ("s" if word.endswith("s") else "") if stem in _AS_OUTCOME_EN else "achieved"

    return _PLAN_EN.sub(outcome_word, previous)


# The plain ways of asking a figure whose topic can be swapped for another: "What was the <topic>
# (in <period>)?" and "<period><topic>(是)多少?" with nothing else around the topic.
_ASKING_EN = re.compile(
    r"^(what\s+(?:was|were|is|are)(?:\s+the)?)\s+(.+?)(?:\s+(?:in|for|during|of|by))?\s*[?.!]*$", re.I
)
_ASKING_ZH = re.compile(r"^(.+?)((?:是|为|达到|达)?多少)[?？]?$")
# A Chinese topic ending in what is done to it or a facet of it (增长, 完成, 目标) asks more than a name.
_DONE_ZH = re.compile(r"(?:增长|下降|提高|降低|减少|增加|完成|新增|实现|达到|目标|预期|计划|任务)$")


def _new_subject(previous: str, subject: str, period: Period) -> str | None:
    """The previous question asked of a new subject ("What about retail sales?" after "What
    was the GDP in the first half of 2021?": "What was the retail sales in the first half of
    2021?"): its way of asking, its period and an English topic's plan word (the target) kept,
    its topic replaced. None unless it asks in a plain way with nothing around its topic but
    its period (what was …, …是多少), or when the subject is one word, more likely a facet of
    the old topic (the target, 目标)."""
    english = detect_language(previous) == "en"
    text = previous if english else to_simplified(clean(previous))
    old, spans = find_period(text, english)
    plain = (_ASKING_EN if english else _ASKING_ZH).match(_without(text, spans).strip())
    if plain is None or _size(_core(subject, english), english) <= (1 if english else 2):
        return None  # a facet (the target, 目标) rather than a new topic: asked beside the old one
    if not english and _DONE_ZH.search(plain.group(1).strip()):
        return None
    wanted = old.merged(period).render(english)
    if english:
        topic = re.sub(r"\s+(?:in|for|during|of|by)$", "", subject.removeprefix("the ").strip(), flags=re.I)
        facet = _PLAN_NOUN_EN.search(plain.group(2))  # "the GDP growth target" -> "the retail sales target"
        topic = f"{topic} {facet.group(0).lower()}" if facet and not _PLAN_EN.search(topic) else topic
        question = f"{plain.group(1)} {topic}"
        return f"{question} in {wanted}?" if wanted else f"{question}?"
    return f"{wanted}{subject}{plain.group(2)}?"


def resolve_turn(message: str, previous: str | None) -> Resolution:
    """One user message, resolved against the previous (already resolved) question."""
    if not previous:
        return Resolution(message)
    kind, said, period = classify(message)
    if kind == "standalone":
        return Resolution(message)
    return Resolution(_script(_combine(kind, said, period, previous), message, previous), kind, previous)


def resolve(user_messages: list[str], limit: int = 8) -> Resolution:
    """The last user message made self-contained with the earlier ones (at most ``limit`` turns)."""
    resolution = Resolution("")
    for message in user_messages[-limit:]:
        resolution = resolve_turn(message, resolution.question or None)
    return resolution
