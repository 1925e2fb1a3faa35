"""Small builders for duty catalog tests."""

from qingdan.duties.sheet import ItemRow

FIELDS = dict.fromkeys(
    (
        "category",
        "content",
        "basis",
        "responsible_unit",
        "department_duty",
        "grassroots_duty",
        "working_method",
        "source",
    ),
    "",
)


def row(list_kind: str, item_no: str, name: str, n: int = 2, **fields) -> ItemRow:
    return ItemRow(row=n, list_kind=list_kind, item_no=item_no, name=name, **{**FIELDS, **fields})


def village_rows() -> list[ItemRow]:
    return [
        row("primary", "1", "管理村集体土地和财产", 2),
        row("assist", "1", "协助做好社会救助申请受理", 3, responsible_unit="县农业农村局"),
        row("negative", "1", "居民财产证明", 4),
        row("negative", "2", "不得将村级组织作为招商引资事务的责任主体", 5),
        row("certificate", "1", "村民死亡证明", 6),
    ]
