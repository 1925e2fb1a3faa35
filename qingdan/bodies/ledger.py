"""A realistic ledger of coordination bodies (议事协调机构台账), made up for demos and tests.

Modelled on seed 000 (Tongyu county): a county ledger of 150 bodies set up between 1990 and 2023, of
which 25 are kept after the clean-up (most mirror a central or provincial body or are required by law;
one, new energy, is kept for a local need) and 125 revoked by one document; a township ledger of bodies
set up mostly 2018–2023, all revoked. Dates are written the ways real ledgers write them (2019-03-01,
1995年3月, 2003.5.12); lead units are named as the ledger's authors named them, some of units that no
longer exist (县扶贫开发办公室).

ledger_rows(...)        rows as {Chinese header: text}
ledger_tsv(rows)        the bytes of a .tsv file
ledger_xlsx(rows)       the bytes of an .xlsx workbook (a title row above the header, as offices do)
"""

from __future__ import annotations

import datetime
import io
import random
from collections.abc import Sequence

import xlsxwriter

from qingdan.sheets.formulas import neutralise

HEADER = [
    "序号",
    "名称",
    "类型",
    "设立时间",
    "设立文件",
    "牵头单位",
    "办公室设在",
    "组长",
    "副组长",
    "成员单位",
    "性质(常设/阶段性/临时)",
    "结束时间",
    "保留依据类别",
    "保留依据",
    "状态",
    "撤销时间",
    "撤销文件",
]

LAW, MIRROR, LOCAL = "依照法律法规设立", "对应中央和省委重要工作", "本地实际工作需要"

# (name after the county's prefix, lead unit, basis class, basis, year set up) of the 25 kept bodies.
KEPT = [
    ("委农村工作领导小组", "农业农村局", MIRROR, "对应中央农村工作领导小组", 1993),
    ("安全生产委员会", "应急管理局", LAW, "《中华人民共和国安全生产法》第九条", 2004),
    ("防汛抗旱指挥部", "水利局", LAW, "《中华人民共和国防洪法》第三十八条", 1991),
    ("森林草原防灭火指挥部", "林业局", LAW, "《森林防火条例》《草原防火条例》", 2019),
    ("食品安全委员会", "市场监督管理局", LAW, "《中华人民共和国食品安全法》第五条", 2010),
    ("国防动员委员会", "人民武装部", LAW, "《中华人民共和国国防动员法》第八条", 1995),
    ("禁毒委员会", "公安局", LAW, "《中华人民共和国禁毒法》第五条", 2008),
    ("征兵工作领导小组", "人民武装部", LAW, "《征兵工作条例》第六条", 1992),
    ("绿化委员会", "林业局", LAW, "《关于开展全民义务植树运动的实施办法》", 1990),
    ("爱国卫生运动委员会", "卫生健康局", MIRROR, "对应全国爱国卫生运动委员会", 1990),
    ("妇女儿童工作委员会", "妇女联合会", MIRROR, "对应国务院妇女儿童工作委员会", 1996),
    ("老龄工作委员会", "民政局", MIRROR, "对应全国老龄工作委员会", 2000),
    ("残疾人工作委员会", "残疾人联合会", MIRROR, "对应国务院残疾人工作委员会", 1994),
    ("委全面深化改革委员会", "委办公室", MIRROR, "对应中央全面深化改革委员会", 2014),
    ("委全面依法治县委员会", "司法局", MIRROR, "对应中央全面依法治国委员会", 2018),
    ("委审计委员会", "审计局", MIRROR, "对应中央审计委员会", 2018),
    ("委财经委员会", "发展和改革局", MIRROR, "对应中央财经委员会", 2018),
    ("委网络安全和信息化委员会", "委网信办", MIRROR, "对应中央网络安全和信息化委员会", 2018),
    ("委机构编制委员会", "委编办", LAW, "《中国共产党机构编制工作条例》第十条", 1991),
    ("委平安建设领导小组", "委政法委", MIRROR, "对应省委平安建设领导小组", 2019),
    ("河湖长制工作领导小组", "水利局", MIRROR, "对应省全面推行河湖长制工作领导小组", 2017),
    ("林长制工作领导小组", "林业局", MIRROR, "对应省林长制工作领导小组", 2021),
    ("生态环境保护委员会", "生态环境分局", MIRROR, "对应省生态环境保护委员会", 2019),
    ("委国家安全委员会", "委政法委", MIRROR, "对应中央国家安全委员会", 2015),
    (
        "加快新能源产业发展领导小组",
        "发展和改革局",
        LOCAL,
        "本县新能源产业发展需要，经县委常委会研究保留",
        2021,
    ),
]

# (name, lead unit, year set up, permanence, year it was meant to end) of revoked bodies with a history.
HISTORIC = [
    ("第四次人口普查领导小组", "统计局", 1990, "临时", 1991),
    ("计划生育领导小组", "卫生健康局", 1991, "常设", None),
    ("社会治安综合治理委员会", "委政法委", 1992, "常设", None),
    ("减轻农民负担领导小组", "农业农村局", 1993, "常设", None),
    ("普及九年义务教育领导小组", "教育局", 1994, "阶段性", 2000),
    ("殡葬改革领导小组", "民政局", 1996, "常设", None),
    ("国有企业改革领导小组", "经济贸易局", 1997, "阶段性", 2005),
    ("粮食流通体制改革领导小组", "粮食局", 1998, "阶段性", 2004),
    ("“两基”攻坚领导小组", "教育局", 1998, "阶段性", 2007),
    ("村民委员会换届选举工作领导小组", "民政局", 1999, "常设", None),
    ("农村税费改革领导小组", "财政局", 2002, "阶段性", 2006),
    ("非典型肺炎防治工作指挥部", "卫生健康局", 2003, "临时", 2003),
    ("新型农村合作医疗管理委员会", "卫生健康局", 2006, "常设", None),
    ("社会主义新农村建设领导小组", "农业农村局", 2006, "常设", None),
    ("第二次全国农业普查领导小组", "统计局", 2006, "临时", 2008),
    ("中小学校舍安全工程领导小组", "教育局", 2009, "阶段性", 2012),
    ("第六次全国人口普查领导小组", "统计局", 2010, "临时", 2012),
    ("创建国家卫生县城指挥部", "卫生健康局", 2012, "阶段性", 2016),
    ("党的群众路线教育实践活动领导小组", "委组织部", 2013, "临时", 2014),
    ("扶贫开发领导小组", "扶贫开发办公室", 2015, "常设", None),
    ("第三次全国农业普查领导小组", "统计局", 2016, "临时", 2018),
    ("中央环保督察反馈问题整改工作领导小组", "生态环境分局", 2017, "临时", 2019),
    ("第四次全国经济普查领导小组", "统计局", 2018, "临时", 2020),
    ("第三次全国国土调查领导小组", "自然资源局", 2018, "临时", 2021),
    ("扫黑除恶专项斗争领导小组", "委政法委", 2018, "临时", 2021),
    ("非洲猪瘟防控指挥部", "农业农村局", 2018, "临时", 2020),
    ("第七次全国人口普查领导小组", "统计局", 2019, "临时", 2021),
    ("新冠肺炎疫情防控指挥部", "卫生健康局", 2020, "临时", 2023),
    ("“地趴粮”整治工作领导小组", "粮食局", 2021, "阶段性", None),
    ("第五次全国经济普查领导小组", "统计局", 2022, "临时", 2024),
]

# Work the other revoked bodies were set up for: (topic, lead unit). Each becomes a 领导小组, 联席会议 …
TOPICS = [
    ("农村人居环境整治", "农业农村局"),
    ("农村厕所革命", "农业农村局"),
    ("秸秆禁烧", "生态环境分局"),
    ("高标准农田建设", "农业农村局"),
    ("黑土地保护", "农业农村局"),
    ("优化营商环境", "发展和改革局"),
    ("招商引资", "商务局"),
    ("重点项目建设", "发展和改革局"),
    ("社会信用体系建设", "发展和改革局"),
    ("政务公开", "政府办公室"),
    ("全民健身", "文化和旅游局"),
    ("文物安全", "文化和旅游局"),
    ("耕地保护", "自然资源局"),
    ("河湖“清四乱”", "水利局"),
    ("城乡环境综合整治", "住房和城乡建设局"),
    ("创建全国文明城市", "委宣传部"),
    ("双拥工作", "退役军人事务局"),
    ("根治拖欠农民工工资", "人力资源和社会保障局"),
    ("安置帮教", "司法局"),
    ("旅游发展", "文化和旅游局"),
    ("电子商务进农村", "商务局"),
    ("棚户区改造", "住房和城乡建设局"),
    ("老旧小区改造", "住房和城乡建设局"),
    ("农村危房改造", "住房和城乡建设局"),
    ("易地扶贫搬迁", "发展和改革局"),
    ("消防工作", "消防救援大队"),
    ("道路交通安全", "公安局"),
    ("校园安全", "教育局"),
    ("统计执法监督", "统计局"),
    ("数字政府建设", "数据局"),
    ("医疗保障基金监管", "医疗保障局"),
    ("养老服务体系建设", "民政局"),
    ("就业创业", "人力资源和社会保障局"),
    ("民族团结进步创建", "委统战部"),
    ("人才工作", "委组织部"),
    ("巡察工作", "委巡察办"),
    ("保密工作", "委办公室"),
    ("档案工作", "档案馆"),
    ("地方志编纂", "党史研究室"),
    ("党史学习教育", "委宣传部"),
    ("志愿服务", "团县委"),
    ("农民专业合作社规范提升", "农业农村局"),
    ("畜禽粪污资源化利用", "农业农村局"),
    ("草原生态保护补助奖励", "林业局"),
    ("水土保持", "水利局"),
    ("土壤污染防治", "生态环境分局"),
    ("大气污染防治", "生态环境分局"),
    ("审计整改", "审计局"),
    ("地方政府债务风险化解", "财政局"),
    ("防范化解金融风险", "财政局"),
    ("国资国企改革", "财政局"),
    ("供销合作社综合改革", "供销合作社"),
    ("农村土地承包经营权确权登记", "农业农村局"),
    ("农村集体产权制度改革", "农业农村局"),
    ("光伏扶贫", "发展和改革局"),
    ("控辍保学", "教育局"),
    ("学前教育普及", "教育局"),
    ("药品安全", "市场监督管理局"),
    ("冬春火灾防控", "消防救援大队"),
    ("城镇燃气安全", "住房和城乡建设局"),
    ("自建房安全专项整治", "住房和城乡建设局"),
    ("危险化学品安全综合治理", "应急管理局"),
    ("防震减灾", "应急管理局"),
    ("气象灾害防御", "气象局"),
    ("粮食安全责任制考核", "粮食局"),
    ("现代种业发展", "农业农村局"),
    ("林业有害生物防治", "林业局"),
    ("野生动物保护", "林业局"),
    ("信访积案化解", "信访局"),
    ("防范和处置非法集资", "金融办"),
    ("打击治理电信网络诈骗", "公安局"),
    ("食品小作坊整治", "市场监督管理局"),
    ("农村饮水安全", "水利局"),
    ("农村公路建设", "交通运输局"),
    ("“四好农村路”创建", "交通运输局"),
    ("河道采砂管理", "水利局"),
    ("违法建设治理", "城市管理执法局"),
    ("市容市貌整治", "城市管理执法局"),
    ("垃圾分类", "城市管理执法局"),
    ("网格化服务管理", "委政法委"),
    ("矛盾纠纷排查化解", "司法局"),
    ("基层政权建设", "民政局"),
    ("社区治理", "民政局"),
    ("村级组织活动场所建设", "委组织部"),
    ("软弱涣散村党组织整顿", "委组织部"),
    ("驻村帮扶", "乡村振兴局"),
    ("消费帮扶", "乡村振兴局"),
    ("雨露计划", "乡村振兴局"),
    ("产业扶贫", "农业农村局"),
    ("健康扶贫", "卫生健康局"),
    ("教育扶贫", "教育局"),
    ("金融扶贫", "财政局"),
    ("生态扶贫", "林业局"),
    ("文化惠民", "文化和旅游局"),
    ("全民阅读", "委宣传部"),
    ("移风易俗", "委宣传部"),
    ("爱国主义教育", "委宣传部"),
    ("网络舆情处置", "委网信办"),
    ("科普工作", "科学技术协会"),
    ("知识产权保护", "市场监督管理局"),
    ("质量强县", "市场监督管理局"),
    ("节能减排", "发展和改革局"),
    ("公共机构节能", "机关事务服务中心"),
    ("政府采购监管", "财政局"),
    ("工程建设项目审批制度改革", "住房和城乡建设局"),
    ("“放管服”改革", "政务服务中心"),
    ("“互联网+政务服务”", "政务服务中心"),
    ("12345热线", "政务服务中心"),
    ("新型城镇化", "发展和改革局"),
    ("县域商业体系建设", "商务局"),
    ("冷链物流", "商务局"),
    ("对口支援", "发展和改革局"),
    ("退役军人服务保障", "退役军人事务局"),
    ("妇女“两癌”筛查", "卫生健康局"),
    ("托育服务", "卫生健康局"),
    ("职业教育", "教育局"),
]

SUFFIXES = [  # (suffix, 类型 as the ledger writes it, share)
    ("工作领导小组", "领导小组", 60),
    ("工作协调小组", "协调小组", 8),
    ("工作联席会议", "联席会议", 12),
    ("工作指挥部", "指挥部", 8),
    ("工作专班", "工作专班", 6),
    ("工作委员会", "委员会", 6),
]
MEMBERS = [
    "发展和改革局",
    "财政局",
    "农业农村局",
    "自然资源局",
    "住房和城乡建设局",
    "应急管理局",
    "市场监督管理局",
    "公安局",
    "教育局",
    "民政局",
    "卫生健康局",
    "水利局",
]
LEADERS = ["县委书记", "县长", "县委副书记", "常务副县长", "分管副县长"]
DEPUTIES = ["分管副县长", "县政府办公室主任", "牵头单位主要负责人", "县委常委宣传部部长", "县人武部政委"]


def _date(day: datetime.date, style: int) -> str:
    if style == 0:
        return f"{day.year}年{day.month}月"
    if style == 1:
        return f"{day.year}.{day.month}.{day.day}"
    if style == 2:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


class _Namer:
    """Writes names the way a ledger of this county does: 县 or 区 in front, units found by keyword."""

    def __init__(self, county_name: str, unit_names: Sequence[str]):
        self.prefix = "区" if county_name.endswith("区") else "县"
        self.short = county_name[:2]
        self.unit_names = list(unit_names)

    def body(self, rest: str) -> str:
        return self.prefix + rest.replace("县", self.prefix)

    def unit(self, keyword: str) -> str:
        key = keyword.replace("县", self.prefix)
        for name in self.unit_names:
            if key in name or key.removeprefix("委") in name:
                return name
        return f"{self.prefix}{key}"  # a unit this county does not have (any more)

    def leader(self, text: str) -> str:
        return text.replace("县", self.prefix)


def ledger_rows(
    *,
    county_name: str,
    unit_names: Sequence[str],
    total: int = 150,
    kept: int = 25,
    revoked_on: datetime.date = datetime.date(2024, 3, 20),
    revocation_document: str = "",
    seed: int = 7,
) -> list[dict[str, str]]:
    """A county ledger: `kept` bodies kept (the first of KEPT) and the rest revoked on `revoked_on`.

    Bodies meant to end before the clean-up were revoked when they ended. Every row is consistent, so
    the whole ledger imports without an error; some rows carry warnings (units that no longer exist,
    dates given only to the month)."""
    if kept > len(KEPT):
        raise ValueError(f"at most {len(KEPT)} kept bodies")
    rng = random.Random(seed)
    namer = _Namer(county_name, unit_names)
    document = revocation_document or f"{namer.short}编发〔{revoked_on.year}〕3号"
    rows: list[dict[str, str]] = []

    def add(
        name, kind, set_up, lead, *, permanence="常设", ends=None, basis_class="", basis="", revoked=None
    ):
        style = 0 if set_up.year < 1998 and rng.random() < 0.5 else (1 if set_up.year < 2008 else 3)
        members = rng.sample(MEMBERS, rng.randint(3, 7))
        issuer = "办" if rng.random() < 0.5 else "政办"
        rows.append(
            {
                "序号": str(len(rows) + 1),
                "名称": name,
                "类型": kind if rng.random() < 0.85 else "",
                "设立时间": _date(set_up, style),
                "设立文件": f"{namer.short}{issuer}发〔{set_up.year}〕{rng.randint(1, 120)}号",
                "牵头单位": namer.unit(lead),
                "办公室设在": namer.unit(lead),
                "组长": namer.leader(rng.choice(LEADERS)),
                "副组长": namer.leader("、".join(rng.sample(DEPUTIES, rng.randint(1, 2)))),
                "成员单位": "、".join(namer.unit(m) for m in members),
                "性质(常设/阶段性/临时)": permanence,
                "结束时间": ends.isoformat() if ends else "",
                "保留依据类别": basis_class,
                "保留依据": basis,
                "状态": "已撤销" if revoked else "在册",
                "撤销时间": revoked.isoformat() if revoked else "",
                "撤销文件": (document if revoked == revoked_on else f"{namer.short}编发〔{revoked.year}〕1号")
                if revoked
                else "",
            }
        )

    def day_in(year: int) -> datetime.date:
        return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))

    for rest, lead, basis_class, basis, year in KEPT[:kept]:
        name = namer.body(rest)
        kind = next((label for suffix, label, _share in SUFFIXES if name.endswith(suffix)), "")
        kind = kind or next(k for k in ("领导小组", "委员会", "指挥部") if name.endswith(k))
        add(name, kind, day_in(year), lead, basis_class=basis_class, basis=basis)

    for rest, lead, year, permanence, end_year in HISTORIC:
        if len(rows) >= total:
            break
        set_up = day_in(year)
        ends = datetime.date(end_year, 12, 31) if end_year else None
        if ends and ends > revoked_on:
            ends = None if permanence != "临时" else revoked_on
        revoked = ends if ends and ends < revoked_on else revoked_on
        kind = "指挥部" if rest.endswith("指挥部") else ("委员会" if rest.endswith("委员会") else "领导小组")
        add(namer.body(rest), kind, set_up, lead, permanence=permanence, ends=ends, revoked=revoked)

    topics = list(TOPICS)
    rng.shuffle(topics)
    weights = [share for _suffix, _label, share in SUFFIXES]
    while len(rows) < total:
        if not topics:
            raise ValueError(f"at most {len(rows)} bodies can be made up")
        topic, lead = topics.pop()
        suffix, label, _share = rng.choices(SUFFIXES, weights)[0]
        year = rng.choice(
            [2005, 2009, 2012, 2015, 2016, 2017, 2018, 2018, 2019, 2019, 2020, 2021, 2022, 2023]
        )
        permanence = rng.choice(["常设", "常设", "阶段性"])
        add(namer.body(topic + suffix), label, day_in(year), lead, permanence=permanence, revoked=revoked_on)
    return rows


def township_ledger_rows(
    *,
    township_name: str,
    total: int = 40,
    revoked_on: datetime.date = datetime.date(2023, 12, 28),
    seed: int = 11,
) -> list[dict[str, str]]:
    """A township ledger: bodies set up mostly 2018–2023 after the county's, all revoked at once."""
    rng = random.Random(seed)
    short = township_name.removesuffix("镇").removesuffix("乡").removesuffix("街道")
    topics = [topic for topic, _lead in TOPICS] + [rest for rest, *_ in HISTORIC[-12:]]
    rng.shuffle(topics)
    rows: list[dict[str, str]] = []
    document = f"{short}党发〔{revoked_on.year}〕21号"
    for n, topic in enumerate(topics[:total], start=1):
        set_up = datetime.date(rng.choice([2016, 2018, 2019, 2020, 2021, 2022, 2023]), rng.randint(1, 12), 1)
        set_up = min(set_up, revoked_on - datetime.timedelta(days=30))
        topic = topic.removesuffix("领导小组").removesuffix("指挥部").removesuffix("委员会")
        rows.append(
            {
                "序号": str(n),
                "名称": f"{township_name}{topic}工作领导小组",
                "类型": "领导小组",
                "设立时间": set_up.isoformat(),
                "设立文件": f"{short}党发〔{set_up.year}〕{rng.randint(1, 60)}号",
                "牵头单位": f"{township_name}党政综合办公室",
                "办公室设在": f"{township_name}党政综合办公室",
                "组长": "镇党委书记",
                "副组长": "镇长、分管副镇长",
                "成员单位": "各村（社区）",
                "性质(常设/阶段性/临时)": rng.choice(["常设", "阶段性", "临时"]),
                "结束时间": "",
                "保留依据类别": "",
                "保留依据": "",
                "状态": "已撤销",
                "撤销时间": revoked_on.isoformat(),
                "撤销文件": document,
            }
        )
    return rows


def ledger_tsv(rows: Sequence[dict[str, str]], header: Sequence[str] = HEADER) -> bytes:
    lines = ["\t".join(header)]
    lines += ["\t".join(neutralise(row.get(column, "")) for column in header) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def ledger_xlsx(rows: Sequence[dict[str, str]], *, title: str = "", header: Sequence[str] = HEADER) -> bytes:
    """An .xlsx workbook of the rows, every cell text; `title` goes in a row above the header."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet("议事协调机构台账")
    first = 0
    if title:
        sheet.write_string(0, 0, title)
        first = 1
    for col, text in enumerate(header):
        sheet.write_string(first, col, text)
    for line, row in enumerate(rows, start=first + 1):
        for col, column in enumerate(header):
            sheet.write_string(line, col, neutralise(row.get(column, "")))
    book.close()
    return buffer.getvalue()
