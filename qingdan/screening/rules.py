"""Rule families: what a request says about the lists, the method and the condition decides beside its matter.

Lexical matching finds the item a request's matter is listed under. Some requests are decided by
something else, and each of these is a family of patterns, not a list of examples:

  list references      a request that names the lists themselves: work "on the negative list" or an
                       "unreasonable certificate" is refused by definition; a matter "outside the list"
                       is not listed unless a prohibition matches it.
  method prohibitions  the published "不得" items forbid methods, whatever the matter: dispatching work
                       by hanging signs, proving work by photo trails (留痕), daily form-filling,
                       screenshots and recorded video, chat groups, new mechanisms with dedicated posts.
                       One pattern per method reads both the request and the catalog's prohibition items
                       (an item that says 不得/杜绝/禁止/严禁 and names the method), so a catalog that
                       forbids a method refuses an allowed matter asked for by that method.
  conditions           a prohibition that holds "未经县级党委和政府统一部署" (or "除…外") does not hold
                       when the request says the condition is met ("经县委县政府统一部署"); when the
                       request is silent, it holds, but a person should check (the decision is uncertain).

The patterns were written from the wording of the Shanxi and Hunan prohibition items and the 2024 central
rules on formalism, not from the development requests. Expects normalised text (text.normalize).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# -- list references -----------------------------------------------------------------------------------

# "负面清单", "不应由村(社区)承担的事项", "清单明确不应承担": the request places itself on the negative list.
_ON_NEGATIVE_LIST = re.compile(r"负面(?:清单|事项|目录)|不应(?:由[^,.;]{0,12})?承担的?(?:事项|工作)")
# "不合理证明", "奇葩证明", "循环证明": a certificate the rules already call one a village must not issue.
_UNREASONABLE_CERTIFICATE = re.compile(
    r"(?:不合理|无谓|奇葩|循环|重复|无法定依据|没有法律依据)的?[^,.;]{0,6}?证明"
)
# "清单外事项", "清单以外", "不在清单内", "未列入清单", "超出清单": outside the lists by definition.
_OUTSIDE_LIST = re.compile(
    r"清单(?:之|以)?外|(?:不在|未列入|未纳入|没有列入|超出|超越)[^,.;]{0,8}(?:清单|目录)(?:范围)?"
)

NEGATIVE_LIST, UNREASONABLE_CERTIFICATE, OUTSIDE_LIST = "negative_list", "unreasonable_certificate", "outside"


def list_reference(text: str) -> str | None:
    """Which list the request names itself as on (or off), if any."""
    if _UNREASONABLE_CERTIFICATE.search(text):
        return UNREASONABLE_CERTIFICATE
    if _ON_NEGATIVE_LIST.search(text):
        return NEGATIVE_LIST
    if _OUTSIDE_LIST.search(text):
        return OUTSIDE_LIST
    return None


# -- method prohibitions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Method:
    name: str
    request: re.Pattern[str]  # the request asks for this method
    item: re.Pattern[str]  # a prohibition item names this method


_EVERY = r"(?:每日|每天|天天|每晚|每周|按日|按周|日日)"
METHODS = (
    Method(
        "signs",
        re.compile(r"挂牌|牌子|标牌|牌匾|(?:悬挂|制作|加挂)[^,.;]{0,8}牌"),
        re.compile(r"挂牌|牌子"),
    ),
    Method(
        "trails",
        re.compile(
            r"留痕|痕迹|(?:拍照|照片|图片|合影|摆拍)[^,.;]{0,10}(?:上传|留存|存档|报送|上报|发送|佐证|印证|备查)"
            r"|(?:上传|报送|上报|提供|留存)[^,.;]{0,8}(?:照片|图片|合影)"
        ),
        re.compile(r"留痕|痕迹|拍照"),
    ),
    Method(
        "daily_forms",
        re.compile(_EVERY + r"[^,.;]{0,10}(?:填|报表|上报|报送|报数)|日报表?|周报表?|一日一报|一周一报"),
        re.compile(r"填报表格|报表|填表"),
    ),
    Method(
        "screenshots",
        re.compile(r"截图|截屏|录屏|录制视频|拍摄视频|视频[^,.;]{0,6}(?:上传|报送|上报)|上传[^,.;]{0,6}视频"),
        re.compile(r"截图|录制视频|视频"),
    ),
    Method(
        "chat_groups",
        re.compile(
            r"(?:微信|钉钉|qq|政务|工作)群|群(?:里|内|中)[^,.;]{0,8}(?:发|报|通知|派|布置|接龙)|群接龙|接龙"
        ),
        re.compile(r"工作群|微信群"),
    ),
    Method(
        "posts",
        re.compile(
            r"专人专岗|专职人员|专门人员|专岗|(?:设立|成立|新设|建立|组建)[^,.;]{0,8}"
            r"(?:工作机制|领导小组|工作专班|专班|工作站|办公室)"
        ),
        re.compile(r"专人专岗|工作机制"),
    ),
)
_PROHIBITION = re.compile(r"不得|杜绝|禁止|严禁|不准|不应")


def methods_asked(text: str) -> tuple[str, ...]:
    """The forbidden methods a request asks for, by name."""
    return tuple(method.name for method in METHODS if method.request.search(text))


def methods_forbidden(item_name: str) -> tuple[str, ...]:
    """The methods a prohibition item forbids (an item that is not a prohibition forbids none)."""
    if not _PROHIBITION.search(item_name):
        return ()
    return tuple(method.name for method in METHODS if method.item.search(item_name))


# -- conditions ----------------------------------------------------------------------------------------

# "未经县级党委和政府统一部署", "未经省级党委和政府同意", "除党中央、国务院明确要求…外": holds unless.
_CONDITIONAL_ITEM = re.compile(r"未经[^,.;]{0,16}(?:统一部署|同意|批准)|除[^.;]{0,40}外")
# The request says the condition is met: deployed or approved by a county (or higher) committee and
# government, or required by the centre or by law. "未经…" says the opposite.
_CONDITION_MET = re.compile(
    r"(?<!未)(?<!没)经(?:过)?[^,.;]{0,4}(?:县|市|州|省|区)(?:级|委|政府|人民政府)[^,.;]{0,14}"
    r"(?:统一部署|同意|批准|研究决定)"
    r"|(?:按照|根据|落实)[^,.;]{0,4}(?:县|市|州|省|区)(?:委|级|政府)[^,.;]{0,12}(?:统一部署|部署要求|决定)"
    r"|(?:党中央|国务院)[^,.;]{0,6}明确要求|法律法规明确规定"
)
_CONDITION_BROKEN = re.compile(r"未经|擅自|自行|私自")

MET, BROKEN, SILENT = "met", "broken", "silent"


def is_conditional(item_name: str) -> bool:
    return bool(_PROHIBITION.search(item_name) and _CONDITIONAL_ITEM.search(item_name))


def condition_stated(text: str) -> str:
    """Whether the request says a conditional prohibition's condition is met, broken, or says nothing."""
    if _CONDITION_BROKEN.search(text):
        return BROKEN
    if _CONDITION_MET.search(text):
        return MET
    return SILENT


# -- target level --------------------------------------------------------------------------------------

TOWNSHIP, VILLAGE = "township", "village"

# Where a level is named. Villagers and residents (村民, 居民) are whom a task serves, not a level; the
# village committee (村民委员会) and the villagers' group are. 农村 and 乡村 name the countryside, 村庄 a
# place: none of them addresses a village.
_NAMED_VILLAGE = r"村民委员会|村民小组|居民委员会|居委会?|社区|嘎查|自治组织|(?<![农乡驻包])村(?![庄民落镇])"
# 乡镇, 镇街, 街道(办事处), 苏木, 各镇, 镇政府, 乡党委, 镇干部, 镇长, and a named town or street after a
# demand verb ("要求某某镇…"; see _DOER). 城镇, 村镇, 集镇 name places, not a level.
_NAMED_TOWNSHIP = (
    r"乡镇|镇乡|镇街|街镇|街道(?:办事处|办)?|苏木|[各本该全]镇|[各本该全]乡"
    r"|(?<![城村集市重])镇(?:政府|党委|人民政府|里|上|干部|长|领导|级|机关)"
    r"|(?<![城村集市重])乡(?:政府|党委|人民政府|里|上|干部|长|领导|级|机关)"
)
_LEVEL = re.compile(f"(?P<village>{_NAMED_VILLAGE})|(?P<township>{_NAMED_TOWNSHIP})")
# The one asked to do the work: the level right after a demand verb ("要求乡镇", "交由街道办事处",
# "向各镇下达", "压给乡镇", "由乡镇(街道)行使"), or after a conjunction that joins it to such a level.
_DEMAND = re.compile(
    r"(?:要求|让|请|由|交由|交给|交办|压给|推给|派给|转给|转移给|转嫁给|下放给|下放到|委托|责令|督促|指派|安排|"
    r"向|给|对|和|及|与|或|,)[各本该全所]?$"
)
# A named town or street ("某某镇", "某某街道") after a demand verb.
_NAMED_PLACE = re.compile(
    r"(?:要求|交由|交给|压给|推给|派给|转移给|责令|督促|指派|由|向)[\u4e00-\u9fff]{1,4}?(?<![城村集市重乡])(?:镇|街道)"
)
# The one who asks ("镇政府要求各村", "街道通知社区"): a level followed by a verb of asking.
_ASKER = re.compile(r"^(?:[^,.;]{0,4}?)(?:要求|让|通知|下发|下达|布置|安排|责令|督促|委托|向|印发|部署)")
# "镇(街道)及以下", "乡镇以下": the villages beneath are named too.
_BENEATH = re.compile(r"^\)?(?:及其?)?以下")


def target_levels(text: str) -> frozenset[str]:
    """The levels a request asks to do the work: {"township"}, {"village"}, both, or none named.

    A level named right after a demand verb is the doer; a level followed by a verb of asking is the one
    who asks; a quoted name ("基层减负表") addresses no one; otherwise every level named counts (the old
    reading). "基层" (the grassroots) names both levels and decides nothing. Expects normalised text.
    """
    text = re.sub(r'"[^"]*"', " ", text)
    doers: set[str] = set()
    named: set[str] = set()
    for found in _LEVEL.finditer(text):
        level = TOWNSHIP if found.group("township") else VILLAGE
        before, after = text[max(0, found.start() - 5) : found.start()], text[found.end() :]
        if level == TOWNSHIP and _BENEATH.match(after.lstrip("(街道)")):
            named.add(VILLAGE)
            if _DEMAND.search(before):
                doers.add(VILLAGE)
        if _DEMAND.search(before):
            doers.add(level)
        elif not _ASKER.match(after):
            named.add(level)
    if _NAMED_PLACE.search(text):
        doers.add(TOWNSHIP)
    return frozenset(doers or named)
