"""Chinese names written in pinyin, as English questions write them (Xiaoguishan Road,
Zhongtandeng, Daokou Lake), found in the reports' own text.

The terminology table lists the names someone thought of; an asker romanises any other
name the reports use. Every string of 2 to 5 Han characters in the reports that starts
where a word of jieba's does is indexed by its toneless pinyin (pypinyin, readings in
context), so a capitalised word of an English question that spells one of them is that
name, not a name the reports never use. A word followed by District, Hospital, Road, Lake
… must spell the name with that suffix (Hongshan District is 洪山区, which the reports
never name, not the 洪山 of 小洪山; Zhongnan Hospital is no 中南 of 中南商圈).
A common word that spells a name the dictionary knows (伤害 for Shanghai, 异常 for Yichang) is
left out: an English question writing it means the name.

The table is built with the index and saved beside it: pypinyin's dictionaries hold about
60 MB, which the serving process has no need to carry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

MIN_CHARS, MAX_CHARS = 2, 5
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# The English word after a name that the Chinese name ends with: administrative levels, and
# the kinds of place a report names (Xiaoguishan Road is 小龟山路, Zhongnan Hospital 中南医院).
NAME_SUFFIX = {
    "district": ("区", "qu"),
    "province": ("省", "sheng"),
    "city": ("市", "shi"),
    "county": ("县", "xian"),
    "hospital": ("医院", "yiyuan"),
    "university": ("大学", "daxue"),
    "road": ("路", "lu"),
    "street": ("街", "jie"),
    "avenue": ("大道", "dadao"),
    "alley": ("巷", "xiang"),
    "lake": ("湖", "hu"),
    "park": ("公园", "gongyuan"),
    "bridge": ("桥", "qiao"),
}


def word_starts(run: str) -> list[int]:
    """Where jieba's words begin in a run of Han characters. A name starts where a word
    does (小龟山 is 小 + 龟山, 武车路 is 武 + 车路), while a string that starts inside a word
    is no name the reports use: 不负韶华为建设 holds 华为 (Huawei) only across 韶华 + 为."""
    import jieba  # at build time only

    starts, at = [], 0
    for word in jieba.cut(run):
        starts.append(at)
        at += len(word)
    return starts


class RomanisedNames:
    """Toneless pinyin (lower case, no spaces) → the Han strings of the reports it spells."""

    def __init__(self, table: dict[str, tuple[str, ...]]):
        self._table = table

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> RomanisedNames:
        from pypinyin import lazy_pinyin  # at build time only

        table: dict[str, set[str]] = {}
        for run in {run for text in texts for run in _HAN_RUN.findall(text)}:
            syllables = lazy_pinyin(run)
            for i in word_starts(run):
                for size in range(MIN_CHARS, min(MAX_CHARS, len(run) - i) + 1):
                    key, name = "".join(syllables[i : i + size]), run[i : i + size]
                    if not spells_another_name(key, name):
                        table.setdefault(key, set()).add(name)
        return cls({key: tuple(sorted(names)) for key, names in table.items()})

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self._table, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RomanisedNames:
        return cls({key: tuple(names) for key, names in json.loads(path.read_text(encoding="utf-8")).items()})

    def lookup(self, word: str, suffix_word: str = "") -> tuple[str, ...]:
        """The reports' names that ``word`` spells; with a ``suffix_word`` (district,
        hospital, road …) only those the reports write with its suffix, which the word may
        spell already (Ziyanghu Lake: 紫阳湖)."""
        key = word.lower().replace("-", "")
        if suffix_word.lower() not in NAME_SUFFIX:
            return self._table.get(key, ())
        suffix, sound = NAME_SUFFIX[suffix_word.lower()]
        names = self._table.get(key + sound, ()) + (self._table.get(key, ()) if key.endswith(sound) else ())
        return tuple(dict.fromkeys(n for n in names if n.endswith(suffix)))


def spells_another_name(key: str, word: str) -> bool:
    """Is ``word`` a common word of the dictionary (伤害, harm) whose pinyin ``key`` spells a
    name the dictionary knows (上海: Shanghai)? A capitalised word of an English question means
    that name, not the common word the reports happen to write with the same sounds."""
    from index.cedict import is_common_word, name_spellings  # at build time only

    names = name_spellings().get(key, frozenset())
    return bool(names) and word not in names and is_common_word(word)


def romanise(name: str) -> str:
    """A Han name as a map writes it, at build time: toneless pinyin as one capitalised word,
    and the kind of place it ends with in English (某某路: "Moumou Road", as NAME_SUFFIX reads it)."""
    from pypinyin import lazy_pinyin

    for word, (suffix, _) in NAME_SUFFIX.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{romanise(name[: -len(suffix)])} {word.capitalize()}"
    return "".join(lazy_pinyin(name)).capitalize()
