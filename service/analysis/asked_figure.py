"""What kind of answer a question asks for: a figure at all (多少, how many, GDP), which kind
of figure (an amount of money, a rate, people, a place in an order), and, for a question of
bare keywords, whether it names what some figure of the reports counts."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

import jieba

from index.asked_units import ASKS_FEW_ZH, PEOPLE_ZH, PERSON_ZH, THING_COUNTERS

# 几 asks a number, unless it is "these few" (这几年, 那几个), "quite a few" (好几) or "which
# ones" (哪几个方面: the items, answered by a list, not a figure); a fee or
# price (怎么收费, 票价) asks an amount of money. VALUE_ASK_* ask a value in any sentence;
# VALUE_TOPIC_* name something measured (a rate, a total, GDP) and ask its value only in a
# sentence that asks what something is, not why, who, whether or (in English) how it is done.
VALUE_ASK_ZH = re.compile(rf"多少|{ASKS_FEW_ZH}|多大|多高|百分之|排名|第几|多长|多久|何时|哪一年")
VALUE_TOPIC_ZH = re.compile(r"比例|增速|增幅|增长率|总额|总量|规模|数量|金额|占比|收费|价格|票价")
FIGURE_ZH = re.compile(f"{VALUE_ASK_ZH.pattern}|{VALUE_TOPIC_ZH.pattern}")
# Whole words: "investment-promotion" (招商) asks no amount.
# Paying or being charged asks an amount; taking charge does not.
_CHARGE = r"pay|paid|(?<!take )(?<!took )(?<!in )charge[sd]?(?! of)"
# An area asked as a size ("what area of", "floor area"), not a place ("the Old Town area").
_AREA = r"(?:what|much|an?|total|floor|land|additional|green|built-up) area|area of"
VALUE_ASK_EN = re.compile(
    r"""(?<!-)\b(
        how\ (much|many|large|big|high|fast|long)
      | what\ (percentage|share|proportion|ratio|amount|number|rate|figure|total|value|level|size)
      | by\ how | rank(ed|ing)? | number\ of | amount\ of
      | in\ (rmb|yuan|renminbi|(us\ )?dollars|percent(age\ points)?|per\ cent|(tr|b|m)illions?|micrograms
            |tonnes|tons|kilomet(er|re)s|square\ (kilo)?met(er|re)s|hectares)  # the unit to answer in
    )\b(?!-)""",
    re.I | re.VERBOSE,
)
VALUE_TOPIC_EN = re.compile(
    r"""(?<!-)\b(
        total | gdp | revenue | investment | output | growth | rate | ratio | percent(age)? | income | sales | value
      | """
    + _AREA.replace(" ", "\\ ")
    + r"""
      | target | population | length | count(?!\s+(?:as|among|towards?)\b) | budget | spending | price | cost
      | size | fees? | fares? | """
    + _CHARGE.replace(" ", "\\ ")
    + r"""
    )\b(?!-)""",
    re.I | re.VERBOSE,
)
# A sentence asking something other than a value: a reason, a person, yes or no, or (in English)
# the manner of doing something ("How does the report treat…", not "how does it compare", which
# weighs two values). A request ("Can you tell me…", "Do you know…") and a yes-or-no opening that
# goes on to ask what or how much ("Is there a target, and what is it?") still ask a value.
_AUXILIARY = r"(?:is|are|was|were|will|would|does|do|did|can|could|has|have|had|should|shall|may|might|must)"
_OTHER_ASK_EN = re.compile(
    rf"""
        ^\W*(?:why|who|whom|whose)\b
      | ^\W*{_AUXILIARY}\b(?!\s+you\b)(?!.*\b(?:what|which|how)\b)
      | ^\W*how\ {_AUXILIARY}\b(?!.*\bcompar)
    """,
    re.I | re.VERBOSE,
)
_OTHER_ASK_ZH = re.compile(r"为什么|为何|谁|有没有|是否|有无|吗\s*[?？]?\s*$")
_SENTENCES = re.compile(r"(?:[^.?!。？！]|\.(?=\S))+[.?!。？！]*")  # a decimal point ("2.5") ends no sentence


def asks_value(text: str, language: str) -> bool:
    """Does a question ask for a figure by its words: a sentence of it asks a value outright
    (多少, how many, what percentage), or names something measured (GDP, 增长率, the target)
    in a sentence that asks what it is rather than why, who or whether ("Why was no
    growth target set?" asks a reason; "2020年有没有订经济增长率目标？" asks yes or no)."""
    english = language == "en"
    ask, topic, other = (
        (VALUE_ASK_EN, VALUE_TOPIC_EN, _OTHER_ASK_EN) if english else (VALUE_ASK_ZH, VALUE_TOPIC_ZH, _OTHER_ASK_ZH)
    )
    return any(
        ask.search(sentence) or (topic.search(sentence) and not other.search(sentence))
        for sentence in _SENTENCES.findall(text)
    )


_KIND_ZH = (
    (
        "money",
        re.compile(r"多少(亿|万)?元|多少钱|金额|资金|收入(是|为|达)?多少|总额|价格|票价|房价|费用|收费|保额|保费"),
    ),
    (
        "percent",
        re.compile(
            r"百分之|比例|比重|增速|增幅|增长率|(?:增长|成长|下降|提高)(了)?多少|占比|率"
            r"|(?:几|多少)\s*(?:[%％]|个百分点|趴)"  # 几%; 趴, percent as Taiwan says it
        ),
    ),
    ("people", re.compile(rf"(?:多少|几){PEOPLE_ZH}")),
)
_PEOPLE_EN = re.compile(
    r"\bhow many (people|residents|persons|workers|jobs|medical workers|volunteers|staff|students|graduates)\b", re.I
)
_KIND_EN = (
    ("percent", re.compile(r"\b(percent|percentage|rate|ratio|share|proportion|grow|growth)\b", re.I)),
    (
        "money",
        re.compile(
            r"""\b(
                yuan | rmb | money | how\ much\ (was|is|did|will|does) | amount | value | revenue | budget
              | investment | spending | gdp | funding | funds | price | prices | cost | costs | fee | fees
              | fare | fares | """
            + _CHARGE.replace(" ", "\\ ")
            + r"""
            )\b""",
            re.I | re.VERBOSE,
        ),
    ),
    ("people", _PEOPLE_EN),
)
# 几项, 多少家: a count of things, whatever else the question says (几项的增幅由负转正 asks how
# many indicators, not a rate); 几成 is a share, 多少人 (or 几个人) counts people and 几个百分点 is
# a rate, so none is here.
_COUNT_ZH = re.compile(rf"(?:{ASKS_FEW_ZH}|多少)[{''.join(sorted(THING_COUNTERS))}次轮](?!{PERSON_ZH}|百分点)")
_COUNT_EN = re.compile(r"\bhow many\b(?!\s+(?:\w+\s+){0,2}?(?:yuan|rmb|percent|percentage)\b)", re.I)


# A change asked ("by how much did it fall", "what cut was made to the charges"): a change is
# told as a rate as often as an amount, so a money word alone does not say which is wanted.
_CHANGE_EN = re.compile(
    r"""\b(?:
        fall | fell | drop(?:ped)? | rise | rose | grow | grew | decline[ds]? | increase[ds]? | decrease[ds]?
      | cuts? | reduc\w* | go(?:ne)?\ (?:up|down)
    )\b""",
    re.I | re.VERBOSE,
)
_MONEY_EN = re.compile(r"\b(?:yuan|rmb|money)\b", re.I)


# A place in an order asked (第几届, 第幾次, "what number"): answered by 第二届, not by a count;
# a question that also asks an amount (多少亿元?排第几?) is answered by the amount first.
_ORDINAL = re.compile(r"第(?:几|多少)|\bwhat number\b", re.I)
_AMOUNT_TOO = re.compile(r"(?<!第)(?:多少|几)")


def expected_kind(text: str, language: str) -> str | None:
    """The kind of figure a question asks for (money, percent, people), when it says so.
    English cues are checked in order, so 'GDP growth' asks for a percent and 'GDP' alone for
    money; a change of a money word ('how much did fees fall') asks no kind unless yuan or
    money is named. A Chinese phrase ends in its head, so the cue that ends last decides
    (住院费用结算率 asks a rate). 'How many' things (not people, not yuan) is a count of any
    unit, whatever else the question mentions ('buildings paying over 100 million yuan in
    tax'); so is a Chinese 几项 or 多少家. A place in an order (第几届) is asked as such."""
    if _ORDINAL.search(text) and not _AMOUNT_TOO.search(text):
        return "ordinal"
    if language == "en" and _COUNT_EN.search(text):
        return "people" if _PEOPLE_EN.search(text) else None
    if language != "en" and _COUNT_ZH.search(text):
        return None
    if language != "en":
        ends = {
            kind: max(m.end() for m in pattern.finditer(text)) for kind, pattern in _KIND_ZH if pattern.search(text)
        }
        return max(ends, key=ends.get) if ends else None
    kind = next((kind for kind, pattern in _KIND_EN if pattern.search(text)), None)
    if kind == "money" and _CHANGE_EN.search(text) and not _MONEY_EN.search(text):
        return None
    return kind


# Any word that asks (a question word, a particle, a question mark): without one, a question is
# bare keywords ("上半年 社零总额", "China 2021 goods trade growth").
_ASKING = re.compile(
    r"""
        多少|几|什么|哪|吗|如何|怎么|怎样|为什么|为何|是否|有没有|谁|何时|呢|[?？]
        | \b(?:what|how|which|who|when|where|why|is|are|was|were|do|does|did|will|can|has|have)\b
    """,
    re.I | re.VERBOSE,
)
MIN_METRIC_CHARS = 3  # 社会消费品零售总额, 固定资产投资: shorter words (投资) name no one metric
MAX_METRIC_CHARS = 24  # longer runs are lists, not one metric: the work stays linear in the question


def names_metric(text: str, language: str, metrics: Collection[str], also: str = "") -> bool:
    """Is a Chinese question bare keywords that name what some figure of the reports counts?
    Then it asks that figure ("上半年 城镇居民人均可支配收入"), though no word of it asks. A
    metric is named whole or by its head (_heads: 污水集中处理率 for 实现全区污水集中处理率);
    ``also``: the reports' words for the question's own (its acronyms' Chinese, GDP: 地区生产总值).
    (English keywords are read by their own words: growth, GDP, how many; the translated
    terms of an English word reach too many metrics.)"""
    if language == "en" or _ASKING.search(text):
        return False
    named = _heads(frozenset(metrics))
    words = re.findall(r"[\u4e00-\u9fff]+", f"{text} {also}")
    return any(
        word[i:j] in named
        for word in words
        for i in range(len(word))
        for j in range(i + MIN_METRIC_CHARS, min(len(word), i + MAX_METRIC_CHARS) + 1)
    )


MIN_HEAD_CHARS = 5  # a head this long names its metric (污水集中处理率); shorter ones (处理率, 总投资) name many
# What a head that names a figure ends in: a quantity (a rate, a sum, a count, a value, a size),
# not a thing (保障性住房 in 建设保障性住房 names what was built, and is asked about as a topic).
_QUANTITY = re.compile(rf"(?:{VALUE_TOPIC_ZH.pattern}|[率额数量值]|面积)$")


@lru_cache(maxsize=4)
def _heads(metrics: frozenset[str]) -> frozenset[str]:
    """The metrics and their heads: a metric written with a verb or a place before the quantity
    it counts (实现 全区 污水集中处理率) is named by that quantity, cut at a word boundary."""
    heads = set()
    for metric in metrics:
        at = 0
        for word in list(jieba.cut(metric))[:-1]:
            at += len(word)
            head = metric[at:]
            if len(head) >= MIN_HEAD_CHARS and _QUANTITY.search(head):
                heads.add(head)
    return metrics | heads
