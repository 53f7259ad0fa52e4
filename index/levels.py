"""Levels of government and the names a report uses for its own place, from its metadata.

Every passage of a report speaks for its own place and level (its header names them, its
headings assume them), so a question naming them says nothing about which passage answers:
"西湖" in a question about 西湖区's report, "全国" in one about the State Council's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.periods import own_years

# The words a report of each level uses for the whole of its own level.
OWN_WORDS = {
    "country": frozenset({"全国", "我国", "国家", "中国"}),
    "province": frozenset({"全省"}),
    "city": frozenset({"全市"}),
    "district": frozenset({"全区"}),
    "county": frozenset({"全县"}),
}
# The words a question names a level of government by, in either language: in a corpus that mixes
# levels (a district's reports beside the State Council's), what tells which report it asks about.
LEVEL_NAMES = {
    "country": ("全国", "我国", "中国", "国务院", "national", "nationwide", "china", "state council"),
    "province": ("全省", "省里", "省政府", "本省", "我省", "province", "provincial"),
    "city": ("全市", "市里", "市政府", "本市", "我市", "city", "municipal"),
    "district": ("全区", "区里", "区政府", "本区", "我区", "district"),
    "county": ("全县", "县里", "县政府", "本县", "我县", "county"),
}
_SUFFIX = r"(?:自治区|特别行政区|省|市|区|县|州|盟|旗)"
_UNIT = re.compile(r".+?" + _SUFFIX)


def _names(unit: str) -> set[str]:
    """A unit's name with its suffix and without it, when two characters or more remain."""
    return {name for name in (unit, re.sub(_SUFFIX + "$", "", unit)) if len(name) >= 2}


def place_names(address: str) -> frozenset[str]:
    """The names of the place an address ends on (浙江省杭州市西湖区: 西湖区, and 西湖 without its
    suffix when two characters or more remain). The wider units it lies in are other
    places: a question naming them may ask for their own figures."""
    units = _UNIT.findall(address) or [address]
    return frozenset(_names(units[-1]))


@dataclass(frozen=True)
class Home:
    """Where the reports speak from, by their metadata: their own places (a district's name with
    its suffix and without), the units those lie in (its province and city, each with its suffix
    and without: a question naming its place may give them as its address), and whether a report
    speaks for the whole country."""

    names: frozenset[str] = frozenset()
    enclosing: frozenset[str] = frozenset()
    national: bool = False


NOWHERE = Home()  # no metadata: no place of its own


def home(reports: list[dict]) -> Home:
    """The reports' Home, from each one's ``place`` and ``level``."""
    addresses = [str(meta.get("place", "")) for meta in reports]
    return Home(
        frozenset(name for address in addresses for name in place_names(address)),
        frozenset(name for address in addresses for unit in _UNIT.findall(address)[:-1] for name in _names(unit)),
        any(meta.get("level") == "country" for meta in reports),
    )


def own_words(reports: list[dict]) -> frozenset[str]:
    """What the reports' own place, level, years and kind are called (metadata ``place``,
    ``level``, ``period`` or ``date``, and the initials of ``kind``: an analyst writes GWR for a
    government work report): words that tell nothing about which passage answers."""
    words: set[str] = set()
    for meta in reports:
        words |= place_names(str(meta.get("place", "")))
        words |= OWN_WORDS.get(str(meta.get("level", "")), frozenset())
        words |= {str(year) for year in own_years(meta)}
        words |= kind_initials(str(meta.get("kind", "")))
    return frozenset(words)


def kind_initials(kind: str) -> frozenset[str]:
    """The initials a report's kind of two words or more is written with, lower-cased
    ("government work report": gwr; "half-year work report": hywr and hwr)."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", kind.lower())
    if len(words) < 2:
        return frozenset()
    return frozenset({"".join(w[0] for w in words), "".join(p[0] for w in words for p in w.split("-"))})


def scope_words(reports: list[dict]) -> dict[str, frozenset[str]]:
    """The words that name each report apart from the others, by id: its place's names and its
    level's (LEVEL_NAMES), less those every report shares. A corpus of one place and level has none:
    naming its place tells no report from another (own_words)."""
    words = {
        str(meta.get("id", "")): place_names(str(meta.get("place", "")))
        | frozenset(LEVEL_NAMES.get(str(meta.get("level", "")), ()))
        for meta in reports
    }
    shared = frozenset.intersection(*words.values()) if words else frozenset()
    return {doc: named - shared for doc, named in words.items()}
