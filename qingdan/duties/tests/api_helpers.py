"""Builders shared by the duty catalog API tests: catalog files as uploads, and published catalogs."""

from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.duties import actions

from .factories import village_rows

HEADER = ("清单类型", "序号", "事项名称", "责任单位")
VILLAGE_ROWS = [
    ("主责事项", "1", "管理村集体土地和财产", ""),
    ("协助事项", "1", "协助做好社会救助申请受理", "县农业农村局"),
    ("负面事项", "1", "居民财产证明", ""),
    ("负面事项", "2", "不得将村级组织作为招商引资事务的责任主体", ""),
    ("出具证明事项", "1", "村民死亡证明", ""),
]


def tsv_file(rows=VILLAGE_ROWS, name="甲村.tsv", header=HEADER) -> SimpleUploadedFile:
    text = "\n".join("\t".join(cells) for cells in [header, *rows]) + "\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/tab-separated-values")


# Row 3 names an unknown list kind, row 4 has no item name: two errors the reader reports by cell.
BAD_ROWS = [
    ("主责事项", "1", "管理村集体土地和财产", ""),
    ("乱写的类型", "2", "某事项", ""),
    ("负面事项", "3", "", ""),
]


def publish_village_catalog(catalog_office, village, rows=None):
    """The village's catalog with one published version (5 items, one naming 县农业农村局)."""
    version = actions.import_catalog(
        user=catalog_office, division=village, rows=rows or village_rows(), filename="甲村.tsv"
    )
    return version.catalog
