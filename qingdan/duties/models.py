"""Duty catalogs (履职事项清单): catalogs, their frozen versions, items, and amendments (动态调整)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    HEADING_BY_LIST_KIND,
    AmendmentStatus,
    CatalogLevel,
    ListKind,
    StepKind,
    VersionSource,
    VersionStatus,
)


class Catalog(models.Model):
    """The duty catalog of one township or village, or a county's template that divisions adopt."""

    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="catalogs"
    )
    county = models.ForeignKey(
        "orgs.Division", verbose_name=_("county"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=16, choices=CatalogLevel.choices)
    name = models.CharField(_("name"), max_length=200)
    is_template = models.BooleanField(_("template"), default=False)
    template = models.ForeignKey(
        "self",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    # The latest published version; set only by duties.actions when a version is published.
    current_version = models.ForeignKey(
        "CatalogVersion",
        verbose_name=_("current version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["division__code", "-is_template", "level"]
        verbose_name = _("duty catalog")
        verbose_name_plural = _("duty catalogs")
        constraints = [
            models.UniqueConstraint(
                fields=["division"], condition=Q(is_template=False), name="catalog_one_per_division"
            ),
            models.UniqueConstraint(
                fields=["division", "level"],
                condition=Q(is_template=True),
                name="catalog_one_template_per_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogVersion(models.Model):
    """One numbered version of a catalog. Publishing freezes it; later changes make a new version."""

    catalog = models.ForeignKey(
        Catalog, verbose_name=_("catalog"), on_delete=models.PROTECT, related_name="versions"
    )
    county = models.ForeignKey(
        "orgs.Division", verbose_name=_("county"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Given when the version is published, so rejected drafts leave no gaps in the numbering.
    number = models.PositiveIntegerField(_("version"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices)
    source = models.CharField(_("source"), max_length=16, choices=VersionSource.choices)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    adopted_from = models.ForeignKey(
        "self",
        verbose_name=_("adopted from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["catalog", "-number"]
        verbose_name = _("catalog version")
        verbose_name_plural = _("catalog versions")
        constraints = [
            models.UniqueConstraint(fields=["catalog", "number"], name="version_unique_number"),
        ]

    def __str__(self) -> str:
        if self.number is None:
            return _("%(catalog)s (draft)") % {"catalog": self.catalog}
        return f"{self.catalog} v{self.number}"

    @property
    def division(self):
        return self.catalog.division

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class DutyItem(models.Model):
    """One item of one list kind in one catalog version, in the columns counties publish."""

    version = models.ForeignKey(
        CatalogVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="items"
    )
    county = models.ForeignKey(
        "orgs.Division", verbose_name=_("county"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("position"))
    list_kind = models.CharField(_("list kind"), max_length=16, choices=ListKind.choices)
    item_no = models.CharField(_("item number"), max_length=20)
    category = models.CharField(_("category"), max_length=200, blank=True)
    name = models.TextField(_("item name"))
    content = models.TextField(_("content"), blank=True)
    basis = models.TextField(_("basis"), blank=True)
    responsible_unit_name = models.CharField(_("responsible unit"), max_length=200, blank=True)
    # The county unit named by 责任单位, when it is one the platform knows.
    responsible_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_items",
    )
    department_duty = models.TextField(_("department duty"), blank=True)
    grassroots_duty = models.TextField(_("grassroots duty"), blank=True)
    working_method = models.TextField(_("working method"), blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("duty item")
        verbose_name_plural = _("duty items")
        constraints = [
            models.UniqueConstraint(fields=["version", "list_kind", "item_no"], name="item_unique_number"),
        ]
        indexes = [models.Index(fields=["responsible_unit", "list_kind"], name="item_unit_kind")]

    def __str__(self) -> str:
        return f"{self.list_kind_heading} {self.item_no} {self.name[:40]}"

    @property
    def list_kind_heading(self) -> str:
        return HEADING_BY_LIST_KIND[ListKind(self.list_kind)]


class Amendment(models.Model):
    """A change to a published catalog (动态调整): apply (申请) → consult (会商) → decide (审定).

    The proposal is a draft version holding the whole proposed item set; approval publishes it.
    """

    catalog = models.ForeignKey(
        Catalog, verbose_name=_("catalog"), on_delete=models.PROTECT, related_name="amendments"
    )
    county = models.ForeignKey(
        "orgs.Division", verbose_name=_("county"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("reason"))
    base_version = models.ForeignKey(
        CatalogVersion, verbose_name=_("base version"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_version = models.OneToOneField(
        CatalogVersion,
        verbose_name=_("proposed version"),
        on_delete=models.PROTECT,
        related_name="amendment",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AmendmentStatus.choices, default=AmendmentStatus.APPLIED
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.catalog.division


class AmendmentStep(models.Model):
    """Who did which step of an amendment, when and why."""

    amendment = models.ForeignKey(
        Amendment, verbose_name=_("amendment"), on_delete=models.CASCADE, related_name="steps"
    )
    step = models.CharField(_("step"), max_length=16, choices=StepKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    opinion = models.TextField(_("opinion"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=AmendmentStatus.choices)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("amendment step")
        verbose_name_plural = _("amendment steps")

    def __str__(self) -> str:
        return f"{self.amendment} {self.step}"
