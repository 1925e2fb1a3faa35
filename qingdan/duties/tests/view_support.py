"""Small builders shared by the duty page tests: catalog rows, files, published catalogs."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.access import SYSTEM
from qingdan.duties import actions
from qingdan.duties.sheet import ItemRow, write_tsv, write_xlsx

BLANK = dict(
    category="",
    content="",
    basis="",
    responsible_unit="",
    department_duty="",
    grassroots_duty="",
    working_method="",
    source="",
)


def row(list_kind: str, item_no: str, name: str, **fields) -> ItemRow:
    return ItemRow(row=0, list_kind=list_kind, item_no=item_no, name=name, **{**BLANK, **fields})


def village_rows() -> list[ItemRow]:
    """A small village catalog: two primary duties, an assist item led by 县农业农村局, a negative item."""
    return [
        row("primary", "1", "宣传宪法、法律、法规和国家政策。", category="主责事项指导目录"),
        row("primary", "2", "组织开展村民自治活动。"),
        row(
            "assist",
            "1",
            "协助开展高标准农田建设管护。",
            responsible_unit="县农业农村局",
            department_duty="负责项目规划和资金保障",
            grassroots_duty="协助摸排需求、组织群众",
        ),
        row("negative", "1", "居民财产证明", basis="《关于规范村级组织工作事务的意见》"),
        row("certificate", "1", "村民身份关系证明"),
    ]


def tsv_file(rows, name: str = "清单.tsv") -> SimpleUploadedFile:
    stream = io.BytesIO()
    write_tsv(rows, stream)
    return SimpleUploadedFile(name, stream.getvalue(), content_type="text/tab-separated-values")


def xlsx_bytes(rows) -> bytes:
    stream = io.BytesIO()
    write_xlsx(rows, stream)
    return stream.getvalue()


def text_file(text: str, name: str = "清单.tsv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/tab-separated-values")


def publish(division, rows=None, filename: str = "清单.tsv"):
    """Import a catalog for the division as the command-line operator; returns the new version."""
    return actions.import_catalog(
        user=SYSTEM, division=division, rows=rows or village_rows(), filename=filename
    )


def body(response) -> str:
    return response.content.decode()
