"""The demo county's duty catalogs, made through the duties actions as a county office would.

- a village template from the Hubei county village catalog (real published items), with 责任单位 filled in
  for its assist and withdrawn items, adopted by every village and community;
- a township template (real township items plus plain ones), adopted by every township;
- two villages whose catalogs then differ, through an approved amendment (申请 → 会商 → 审定).

Each step is skipped when its result is already there, so loading the demo twice changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from qingdan.duties import actions
from qingdan.duties.choices import CatalogLevel, ListKind, VersionSource
from qingdan.duties.models import Amendment, Catalog
from qingdan.duties.queries import rows_of
from qingdan.duties.sheet import ItemRow, read_catalog_path
from qingdan.orgs.choices import Role
from qingdan.orgs.models import Division, User

from .divisions import DemoDivisions

DATA_DIR = Path(__file__).resolve().parent / "data"
VILLAGE_FILE = "hubei_county_village.tsv"
TOWNSHIP_FILE = "xianan_township.tsv"

VILLAGE_TEMPLATE_NAME = "咸安区村(社区)履职事项清单"
TOWNSHIP_TEMPLATE_NAME = "咸安区乡镇(街道)履职事项清单"

# Which district unit leads (协助事项) or took back (上级部门收回事项) a village item, by the first
# keyword found in the item's name, then in its category.
RESPONSIBLE_UNIT_KEYWORDS: list[tuple[tuple[str, ...], str]] = [
    (("国防",), "区人民武装部"),
    (("社会救助", "特困", "救济"), "区民政局"),
    (("社会保障", "劳动就业"), "区人力资源和社会保障局"),
    (("卫生计生", "公共场所卫生", "饮用水", "控烟", "公共卫生"), "区卫生健康局"),
    (("安全生产", "危险化学品"), "区应急管理局"),
    (("物业", "噪声", "城市道路", "绿化", "建筑垃圾"), "区城市管理执法局"),
    (("农业",), "区农业农村局"),
    (("水利",), "区水利和湖泊局"),
    (("村庄规划",), "区自然资源和规划局"),
    (("统计", "普查"), "区统计局"),
    (("购买服务",), "区财政局"),
    (("教育",), "区教育局"),
    (("安全保卫", "社会治安"), "区公安分局"),
    (("权益维护",), "区司法局"),
]
NAMED_KINDS = (ListKind.ASSIST, ListKind.WITHDRAWN)


@dataclass(frozen=True)
class DemoAmendment:
    """A change one village asked for and the county approved."""

    account: str  # the demo account who applies
    title: str
    reason: str
    added: ItemRow


def _extra_item(list_kind: str, category: str, name: str, unit: str = "", grassroots: str = "") -> ItemRow:
    return ItemRow(
        row=0,
        list_kind=list_kind,
        item_no="",  # numbered after the last item of its kind
        category=category,
        name=name,
        content="",
        basis="",
        responsible_unit=unit,
        department_duty="",
        grassroots_duty=grassroots,
        working_method="",
        source="",
    )


DEMO_AMENDMENTS = [
    DemoAmendment(
        account="cunwei",
        title="增加文物安全巡查协助事项",
        reason="本村境内有北伐汀泗桥战役遗址,需协助区文化和旅游局做好日常巡查和文物安全报告。",
        added=_extra_item(
            ListKind.ASSIST,
            "结合本村实际增加的协助事项",
            "协助做好北伐汀泗桥战役遗址日常巡查和文物安全情况报告",
            unit="区文化和旅游局",
            grassroots="发现文物安全隐患及时报告",
        ),
    ),
    DemoAmendment(
        account="shequ",
        title="增加燃气安全宣传协助事项",
        reason="社区内老旧小区多、管道燃气用户集中,需协助区住房和城乡建设局开展燃气安全宣传。",
        added=_extra_item(
            ListKind.ASSIST,
            "结合本社区实际增加的协助事项",
            "协助开展城镇燃气安全入户宣传",
            unit="区住房和城乡建设局",
            grassroots="组织网格员入户发放宣传材料",
        ),
    ),
]


@dataclass
class DemoCatalogs:
    templates: list[Catalog]
    catalogs: int  # catalogs of townships and villages
    published: int  # versions published by this run


def catalog_file(name: str) -> Path:
    """A catalog file from the shared development data when present, else the copy kept here."""
    shared = Path(settings.BASE_DIR).parent.parent / "shared" / "data" / "catalogs" / name
    return shared if shared.exists() else DATA_DIR / name


def read_rows(path: Path) -> list[ItemRow]:
    result = read_catalog_path(path)
    if not result.ok:
        raise ValueError(f"{path}: " + "; ".join(str(p) for p in result.errors))
    return result.rows


def responsible_unit_for(row: ItemRow) -> str:
    for keywords, unit in RESPONSIBLE_UNIT_KEYWORDS:
        if any(word in row.name for word in keywords):
            return unit
    for keywords, unit in RESPONSIBLE_UNIT_KEYWORDS:
        if any(word in row.category for word in keywords):
            return unit
    return ""


def with_responsible_units(rows: Sequence[ItemRow]) -> list[ItemRow]:
    """Name the district unit of every assist and withdrawn item that names none."""
    return [
        dataclasses.replace(row, responsible_unit=responsible_unit_for(row))
        if row.list_kind in NAMED_KINDS and not row.responsible_unit
        else row
        for row in rows
    ]


def _same_rows(a: Sequence[ItemRow], b: Sequence[ItemRow]) -> bool:
    def plain(rows: Sequence[ItemRow]) -> list[ItemRow]:
        return [dataclasses.replace(row, row=0) for row in rows]

    return plain(a) == plain(b)


def _template(*, user, county: Division, level: str, name: str, rows: list[ItemRow], filename: str):
    """The county's template for a level, published again only when its items changed."""
    template = Catalog.objects.filter(division=county, level=level, is_template=True).first()
    if template and template.current_version and _same_rows(rows_of(template.current_version), rows):
        return template, 0
    version = actions.publish_template(
        user=user, county=county, level=level, name=name, rows=rows, filename=filename
    )
    return version.catalog, 1


def _adopt(*, user, template: Catalog, divisions: list[Division]) -> int:
    """Adopt the template where a division has no catalog yet, or an older adoption of it.

    Catalogs changed by an amendment keep their own version.
    """
    catalogs = {
        c.division_id: c
        for c in Catalog.objects.filter(division__in=divisions, is_template=False).select_related(
            "current_version"
        )
    }

    def needs_it(division: Division) -> bool:
        catalog = catalogs.get(division.pk)
        if catalog is None or catalog.current_version is None:
            return True
        version = catalog.current_version
        is_adoption = version.source == VersionSource.ADOPTION
        return is_adoption and version.adopted_from_id != template.current_version_id

    return len(actions.adopt_template(user=user, template=template, divisions=filter(needs_it, divisions)))


def _numbered(rows: list[ItemRow], added: ItemRow) -> list[ItemRow]:
    """The rows with `added` appended after the last item of its kind, numbered next."""
    same_kind = [i for i, row in enumerate(rows) if row.list_kind == added.list_kind]
    numbers = [int(rows[i].item_no) for i in same_kind if rows[i].item_no.isdigit()]
    item = dataclasses.replace(added, item_no=str(max(numbers, default=0) + 1))
    at = same_kind[-1] + 1 if same_kind else len(rows)
    return [*rows[:at], item, *rows[at:]]


def _amend(*, division: Division, change: DemoAmendment, users: dict[str, User]) -> int:
    catalog = Catalog.objects.select_related("current_version").get(division=division, is_template=False)
    if (
        catalog.current_version is None
        or Amendment.objects.filter(catalog=catalog, title=change.title).exists()
    ):
        return 0
    rows = _numbered(rows_of(catalog.current_version), change.added)
    amendment = actions.apply_amendment(
        user=users[change.account], catalog=catalog, title=change.title, reason=change.reason, rows=rows
    )
    actions.consult_amendment(
        user=users["jianfuban"], amendment=amendment, opinion="经与责任单位会商,同意纳入协助事项。"
    )
    actions.decide_amendment(
        user=users["bianban"], amendment=amendment, approve=True, opinion="同意。按程序调整后公布。"
    )
    return 1


def load_catalogs(
    *, divisions: DemoDivisions, users: list[User], amended: Sequence[Division]
) -> DemoCatalogs:
    """Publish and adopt the demo templates, then approve one amendment for each of `amended`."""
    by_username = {u.username: u for u in users}
    office = next(u for u in users if u.role == Role.CATALOG_OFFICE)
    county = divisions.county

    village_rows = with_responsible_units(read_rows(catalog_file(VILLAGE_FILE)))
    village_template, published_v = _template(
        user=office,
        county=county,
        level=CatalogLevel.VILLAGE,
        name=VILLAGE_TEMPLATE_NAME,
        rows=village_rows,
        filename=VILLAGE_FILE,
    )
    township_template, published_t = _template(
        user=office,
        county=county,
        level=CatalogLevel.TOWNSHIP,
        name=TOWNSHIP_TEMPLATE_NAME,
        rows=read_rows(DATA_DIR / TOWNSHIP_FILE),
        filename=TOWNSHIP_FILE,
    )
    published = published_v + published_t
    published += _adopt(user=office, template=village_template, divisions=divisions.villages)
    published += _adopt(user=office, template=township_template, divisions=divisions.townships)
    for division, change in zip(amended, DEMO_AMENDMENTS, strict=True):
        published += _amend(division=division, change=change, users=by_username)
    return DemoCatalogs(
        templates=[village_template, township_template],
        catalogs=len(divisions.townships) + len(divisions.villages),
        published=published,
    )
