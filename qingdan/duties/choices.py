from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    """The list an item belongs to. Labels are the 清单类型 headings as counties publish them."""

    BASIC = "basic", _("basic duties")
    COOPERATE = "cooperate", _("cooperating duties")
    WITHDRAWN = "withdrawn", _("withdrawn by higher departments")
    PRIMARY = "primary", _("primary duties")
    ASSIST = "assist", _("assisting duties")
    NEGATIVE = "negative", _("negative list")
    CERTIFICATE = "certificate", _("certificates issued by law")


# 清单类型 as written in published files → code. The import layout's vocabulary; never translated.
LIST_KIND_BY_HEADING = {
    "基本履职事项": ListKind.BASIC,
    "配合履职事项": ListKind.COOPERATE,
    "上级部门收回事项": ListKind.WITHDRAWN,
    "主责事项": ListKind.PRIMARY,
    "协助事项": ListKind.ASSIST,
    "负面事项": ListKind.NEGATIVE,
    "出具证明事项": ListKind.CERTIFICATE,
}
HEADING_BY_LIST_KIND = {kind: heading for heading, kind in LIST_KIND_BY_HEADING.items()}

TOWNSHIP_KINDS = (ListKind.BASIC, ListKind.COOPERATE, ListKind.WITHDRAWN)
VILLAGE_KINDS = (ListKind.PRIMARY, ListKind.ASSIST, ListKind.NEGATIVE, ListKind.CERTIFICATE)
# Kinds whose 责任单位 is a county department that leads or keeps the work: the department's mirror view.
DEPARTMENT_KINDS = (ListKind.COOPERATE, ListKind.WITHDRAWN, ListKind.ASSIST)


class CatalogLevel(models.TextChoices):
    TOWNSHIP = "township", _("township catalog")
    VILLAGE = "village", _("village catalog")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class VersionSource(models.TextChoices):
    IMPORT = "import", _("imported")
    ADOPTION = "adoption", _("adopted from template")
    AMENDMENT = "amendment", _("amendment")


class AmendmentStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    CONSULTED = "consulted", _("consulted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class StepKind(models.TextChoices):
    APPLY = "apply", _("apply")
    CONSULT = "consult", _("consult")
    DECIDE = "decide", _("decide")
