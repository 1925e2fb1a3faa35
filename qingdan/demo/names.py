"""Village and community names for the demo county, built from name parts without randomness.

Names are made the way villages in the hills south of the Yangtze are named: a family name and a land
feature (张家湾, 刘家畈), or two characters of place (柏墩, 石门). Communities take town-like names from a
list (金桂, 永安). The same township code always yields the same names, so reloading the demo changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

FAMILY_NAMES = "张刘王陈李杨黄周吴徐胡朱何郭罗宋谢唐冯程曹袁邓彭余汪田熊甘舒贺柯阮童钱潘丁万"
FAMILY_FEATURES = "湾畈岭铺桥冲垅山港咀塘岗庄墩"
PLACE_FIRSTS = "柏枫桂石龙凤白金沙青高南北东西新长大双三茶泉松樟梅竹荷芦马鸣"
PLACE_SECONDS = "墩塘坪湾铺桥岭港山畈冲坳口洲源门堡溪泉林"
COMMUNITY_STEMS = (  # noqa: SIM905 (a word list reads better as one string)
    "金桂 银泉 青龙 长安 永安 和平 新华 东门 西河 南门 北堤 淦河 龙潭 凤凰 宝塔 文笔 钟台 十字街 双鹤 "
    "月亮湾 鹤鸣 丰乐 兴业 春晖 阳光 滨河 学府 白鹭 潜山 茶花 桂乡 锦绣 怡景 翠竹 书台 紫薇 华彩 金叶 "
    "碧桂 香城 绿景 幸福 团结 建设 新风 友谊 富民 惠民 同心 长江 太乙 玉泉 荷花 杨柳 梅园 竹林"
).split()

# Strides that spread consecutive names over the lists; `_take` skips any name already used.
_STRIDE_A = 7
_STRIDE_B = 5


def _pairs(firsts: str, seconds: str, seed: int) -> Iterator[str]:
    """An endless, deterministic walk over first × second characters, starting where `seed` says."""
    step = 0
    while True:
        i = seed + step * _STRIDE_A
        j = seed // 3 + step * _STRIDE_B + step // len(seconds)
        yield firsts[i % len(firsts)] + seconds[j % len(seconds)]
        step += 1


def _village_stems(seed: int) -> Iterator[str]:
    """Alternate family-name villages (张家湾) and place-name villages (柏墩)."""
    family = _pairs(FAMILY_NAMES, FAMILY_FEATURES, seed)
    place = _pairs(PLACE_FIRSTS, PLACE_SECONDS, seed + 11)
    while True:
        first = next(family)
        yield first[0] + "家" + first[1]
        yield next(place)


def _community_stems(seed: int) -> Iterator[str]:
    start = seed % len(COMMUNITY_STEMS)
    for k in range(len(COMMUNITY_STEMS)):
        yield COMMUNITY_STEMS[(start + k * _STRIDE_B) % len(COMMUNITY_STEMS)]


def _take(stems: Iterator[str], count: int, suffix: str, used: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        stem = next(stems)
        if len(stem) == 2 and stem[0] == stem[1]:
            continue  # 泉泉, 桥桥: not a name
        name = stem + suffix
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def village_names(seed: int, count: int, used: set[str]) -> list[str]:
    """`count` village names (…村) not yet in `used`; adds them to `used`."""
    return _take(_village_stems(seed), count, "村", used)


def community_names(seed: int, count: int, used: set[str], seat: str = "") -> list[str]:
    """`count` community names (…社区); the first is named after the township seat when given."""
    names: list[str] = []
    if seat and count and f"{seat}社区" not in used:
        names.append(f"{seat}社区")
        used.add(names[0])
    return names + _take(_community_stems(seed), count - len(names), "社区", used)
