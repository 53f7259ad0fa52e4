"""The units figures of these reports are counted in, and how English says each.

Units of measure (元, 平方米, 公里), rates (%, 个百分点), and the measure words a Chinese count
takes (人, 家, 项, 起, 部); "" where English counts without a word (591个: 591). A figure is
a number with one of these after it, or with a scale alone (1109万; index.figures), so a unit
missing here is a figure missed.
"""

import re
from collections.abc import Iterable

UNITS_EN = {
    "个百分点": "percentage points",
    "%": "%",
    "元": "yuan",
    "美元": "US dollars",
    "人次": "person-times",
    "人": "people",
    "名": "people",
    "户": "households",
    "家": "entities",
    "个": "",
    "项": "items",
    "所": "institutions",
    "套": "units",
    "栋": "buildings",
    "平方米": "square metres",
    "平方公里": "square kilometres",
    "公里": "km",
    "米": "metres",
    "亩": "mu",
    "天": "days",
    "张": "",
    "次": "times",
    "件": "cases",
    "辆": "vehicles",
    "倍": "times",
    "座": "",
    "处": "sites",
    "条": "",
    "吨": "tonnes",
    "岁": "years old",
    "年": "years",
    "个月": "months",
    "小时": "hours",
    "分钟": "minutes",
    "支": "teams",
    "间": "rooms",
    "台": "units",
    "公顷": "hectares",
    "千米": "km",
    "期": "phases",
    "批": "batches",
    "周年": "years",
    "届": "sessions",
    "斤": "jin",
    "公斤": "kg",
    "千克": "kg",
    "场": "events",
    "千瓦": "kW",
    "千瓦时": "kWh",
    "立方米": "cubic metres",
    "例": "cases",
    "种": "kinds",
    "轮": "rounds",
    # common measure words (counters) of what these reports count: cases, machines, piles, loans,
    # plots, parcels of goods, doses, people by rank; "" where English counts without a word
    "起": "cases",
    "部": "",
    "根": "",
    "份": "",
    "笔": "",
    "宗": "",
    "位": "people",
    "剂次": "doses",
    "艘": "ships",
    "棵": "trees",
    "株": "trees",
    "盏": "lamps",
    "层": "floors",
    "篇": "",
    "本": "",
    "块": "",
    "片": "",
}


def alternation(units: Iterable[str]) -> str:
    """A regex alternation of units, longest first (平方公里 before 公里)."""
    return "|".join(sorted((re.escape(u) for u in units), key=len, reverse=True))
