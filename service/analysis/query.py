"""Understanding a question before searching: script, normalised text, glossary terms,
Chinese search terms for English questions, and what kind of answer it wants."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from datetime import date

from index.cedict import dictionary_words, lexicon_groups
from index.glossary import GlossaryEntry, GlossaryMatcher
from index.lexical import tokenize
from index.normalize import clean, detect_language, normalize, taiwan_to_mainland
from index.romanised import RomanisedNames
from index.terminology import Terminology

# 几 asks a number, unless it is "these few" (这几年, 那几个), "quite a few" (好几) or "which
# ones" (哪几个方面: the items, answered by a list, not a figure); a fee or
# price (怎么收费, 票价) asks an amount of money
FIGURE_ZH = re.compile(
    r"多少|(?<![这那好哪])几|多大|多高|比例|百分之|增速|增幅|增长率|总额|总量|规模|数量|金额|占比|排名|第几|多长|多久|何时|哪一年|收费|价格|票价"
)
# Whole words: "investment-promotion" (招商) asks no amount.
# Paying or being charged asks an amount; taking charge does not.
_CHARGE = r"pay|paid|(?<!take )(?<!took )(?<!in )charge[sd]?(?! of)"
# An area asked as a size ("what area of", "floor area"), not a place ("the Old Town area").
_AREA = r"(?:what|much|an?|total|floor|land|additional|green|built-up) area|area of"
_FIGURE_EN = re.compile(
    r"""(?<!-)\b(
        how\ (much|many|large|big|high|fast|long)
      | what\ (percentage|share|proportion|ratio|amount|number|rate|figure|total|value|level|size)
      | by\ how | rank(ed|ing)? | number\ of | amount\ of | total
      | gdp | revenue | investment | output | growth | rate | ratio | percent(age)? | income | sales | value
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
_DEFINE_ZH = re.compile(
    r"什么是|是什么|什么意思|指什么|指哪|含义|意思|何谓|指的是|是指|定义|解释|内容|包括|包含|有哪些|是哪|哪[一二三四五六七八九十几两]|分别"
)
_DEFINE_EN = re.compile(
    r"""\b(
        what\ (is|are|does|do|were|was) | which | who\ (is|are) | meaning | mean | define | definition
      | stand\ for | refer | explain | consist | include | comprise | list
    )\b""",
    re.I | re.VERBOSE,
)


_KIND_ZH = (
    (
        "money",
        re.compile(r"多少(亿|万)?元|多少钱|金额|资金|收入(是|为|达)?多少|总额|价格|票价|房价|费用|收费|保额|保费"),
    ),
    ("percent", re.compile(r"百分之|比例|比重|增速|增幅|增长率|增长(了)?多少|下降(了)?多少|提高(了)?多少|占比|率")),
    ("people", re.compile(r"多少(万)?(人|名)")),
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
# many indicators, not a rate); 几成 is a share and 多少人 counts people, so neither is here.
_COUNT_ZH = re.compile(r"(?:(?<![这那好哪])几|多少)[个家项座处条所次批件类种轮台辆套栋户间张部支场]")
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


@dataclass(frozen=True)
class Query:
    """A question as the retriever sees it."""

    raw: str
    text: str
    language: str
    glossary: list[GlossaryEntry] = field(default_factory=list)
    zh_groups: list[tuple[str, ...]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    wants_figure: bool = False
    wants_definition: bool = False
    figure_kind: str | None = None
    own: frozenset[str] = frozenset()  # the reports' own place, level and years (index.levels): they tell nothing
    places: tuple[str, ...] = ()  # the reports' names of the places an English question asks about as a whole
    reference: date | None = None  # the newest report's date: what the question's 今年 and "last year" count from

    @property
    def zh_terms(self) -> list[str]:
        """Every Chinese search term of an English question, each once, in order."""
        return list(dict.fromkeys(t for group in self.zh_groups for t in group))


# A capitalised word inside an English sentence (not opening it): a name, most likely.
NAME_WORD = r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]{2,})\b"
# ... and the word after it that the Chinese name ends with (index.romanised.NAME_SUFFIX).
_ROMANISED = re.compile(
    NAME_WORD
    + r"(?:\s+(District|Province|City|County|Hospital|University|Road|Street|Avenue|Alley|Lake|Park|Bridge)\b)?"
)


def romanised_groups(
    raw: str, unmatched: list[str], romanised: RomanisedNames
) -> tuple[list[tuple[str, ...]], list[str]]:
    """Chinese groups for the names the terminology missed that spell a name of the reports
    in pinyin (Xiaoguishan: 小龟山), and the words still unmatched (a name's suffix word,
    County in Qinghe County, is part of the name it spelled)."""
    groups: list[tuple[str, ...]] = []
    found: set[str] = set()
    for word, suffix in _ROMANISED.findall(raw):
        names = romanised.lookup(word, suffix) if word.lower() in unmatched else ()
        if names:
            groups.append(names)
            found |= {word.lower(), suffix.lower()} - {""}
    return groups, [w for w in unmatched if w not in found]


# A place an English question asks about as a whole: "across Guangdong", "Guangdong province", "Hangzhou as a whole".
_WHOLE_PLACE = re.compile(
    r"""
    \b(?:across|throughout|all\ of|whole\ of)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:of\s+)?([A-Z][a-z]{2,})\b
  | \b([A-Z][a-z]{2,})\s+(?i:province|city|municipality)\b
  | \b([A-Z][a-z]{2,})\s+as\ a\ whole\b
""",
    re.VERBOSE,
)


def whole_places(raw: str, romanised: RomanisedNames) -> tuple[str, ...]:
    """The reports' names (in Chinese) of the places an English question asks about as a
    whole, when its pinyin spells one of them (Guangdong: 广东)."""
    words = [next(g for g in m.groups() if g) for m in _WHOLE_PLACE.finditer(raw)]
    return tuple(dict.fromkeys(name for word in words for name in romanised.lookup(word)))


# Any word that asks (a question word, a particle, a question mark): without one, a question is
# bare keywords ("武昌 上半年 社零总额", "China 2021 goods trade growth").
_ASKING = re.compile(
    r"""
        多少|几|什么|哪|吗|如何|怎么|怎样|为什么|为何|是否|有没有|谁|何时|呢|[?？]
        | \b(?:what|how|which|who|when|where|why|is|are|was|were|do|does|did|will|can|has|have)\b
    """,
    re.I | re.VERBOSE,
)
MIN_METRIC_CHARS = 3  # 社会消费品零售总额, 固定资产投资: shorter words (投资) name no one metric
MAX_METRIC_CHARS = 24  # longer runs are lists, not one metric: the work stays linear in the question


def names_metric(text: str, language: str, metrics: Container[str]) -> bool:
    """Is a Chinese question bare keywords that name what some figure of the reports counts?
    Then it asks that figure ("武昌 上半年 城镇居民人均可支配收入"), though no word of it asks.
    (English keywords are read by their own words: growth, GDP, how many; the translated
    terms of an English word reach too many metrics.)"""
    if language == "en" or _ASKING.search(text):
        return False
    words = re.findall(r"[\u4e00-\u9fff]+", text)
    return any(
        word[i:j] in metrics
        for word in words
        for i in range(len(word))
        for j in range(i + MIN_METRIC_CHARS, min(len(word), i + MAX_METRIC_CHARS) + 1)
    )


_NAME_RUN = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*\b")


def named_groups(question: str, used: Callable[[str], bool]) -> tuple[list[tuple[str, ...]], set[str]]:
    """Chinese groups for the names of an English question that the dictionary gives, as a
    whole, a Chinese word the reports hold as a word of their own (Hong Kong: 香港, ASEAN: 东盟,
    Premier: 总理), and the words of those names. A name is its whole run of capitalised words
    (World Health Organization is 世界卫生组织, not 世界 卫生 组织); ``used`` asks for a search token
    of the reports, not a piece of a longer word (Moon: not the 月亮 of 月亮湾)."""
    groups: list[tuple[str, ...]] = []
    words: set[str] = set()
    for match in _NAME_RUN.finditer(question):
        found = dictionary_words(match.group(0).lower(), used)
        if found:
            groups.append(found)
            words |= set(match.group(0).lower().split())
    return groups, words


def _used(word: str, vocabulary: Container[str]) -> bool:
    """Do the reports use a Chinese word (every search token of it)?"""
    tokens = tokenize(word)
    return bool(tokens) and all(t in vocabulary for t in tokens)


def analyse(
    question: str,
    matcher: GlossaryMatcher,
    terminology: Terminology,
    vocabulary: Container[str] = frozenset(),
    romanised: RomanisedNames | None = None,
    own: frozenset[str] = frozenset(),
    reference: date | None = None,
    uses: Callable[[str], bool] | None = None,
    metrics: Container[str] = frozenset(),
) -> Query:
    """Normalise, detect the script, find glossary terms and (for English) Chinese terms;
    ``vocabulary``: the words the reports use, which a Traditional question keeps;
    ``romanised``: the reports' names in pinyin, for names the terminology does not list;
    ``own``: the words for the reports' own place, level and years; ``reference``: the date
    relative years count from; ``uses``: whether the reports write a Chinese word (by default,
    every search token of it is in ``vocabulary``); ``metrics``: what the reports' figures count
    (index.figure_table), which a question of bare keywords asks the figure of."""
    language = detect_language(question)
    text = taiwan_to_mainland(clean(question), vocabulary) if language == "zh-Hant" else normalize(question)
    glossary = matcher.find(text)
    groups: list[tuple[str, ...]] = []
    unmatched: list[str] = []
    if language == "en":
        translated, unmatched = terminology.translate_groups(text)
        groups = [tuple(g) for g in translated] + [(e.term,) for e in glossary]
        groups += [(han,) for han in re.findall(r"[\u4e00-\u9fff]+", text)]
        if romanised is not None:
            named, unmatched = romanised_groups(question, unmatched, romanised)
            groups += named
        names = {m.group(1).lower() for m in re.finditer(NAME_WORD, question)}  # names go by pinyin, not the dictionary
        reports_use = uses or (lambda zh: _used(zh, vocabulary))
        general, rest = lexicon_groups([w for w in unmatched if w not in names], reports_use)
        known, named_words = named_groups(question, lambda zh: _used(zh, vocabulary))
        groups += general + known
        unmatched = [w for w in unmatched if (w in names and w not in named_words) or w in rest]
        figure, define = _FIGURE_EN.search(text), _DEFINE_EN.search(text)
    else:
        # English words inside a Chinese question ("GDP") get their Chinese terms too.
        latin = " ".join(re.findall(r"[A-Za-z][A-Za-z\-]+", text))
        groups = [tuple(g) for g in terminology.translate_groups(latin)[0]] if latin else []
        figure, define = FIGURE_ZH.search(text), _DEFINE_ZH.search(text)
    figure = figure or names_metric(text, language, metrics)
    kind = expected_kind(text, language) if figure else None
    places = whole_places(question, romanised) if language == "en" and romanised is not None else ()
    return Query(
        question, text, language, glossary, groups, unmatched, bool(figure), bool(define), kind, own, places, reference
    )
