"""Modules and positions: the county's module catalogue, each town's choice and positions, the roster,
placements, the two-way choice and the four-part scores."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import ApplicationStatus, Identity, PoolExit

PROTECT = models.PROTECT


class StaffPerson(models.Model):
    """A person on a roster (花名册). The ID number and phone are kept as the registers keep residents':
    encrypted, found by a keyed hash, shown masked (qingdan.registers.personal)."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    works_in = models.ForeignKey(
        "staffing.StaffedUnit", verbose_name=_("works in"), on_delete=PROTECT, related_name="people"
    )
    # The unit whose quota the person occupies; none for staff outside the quota and dispatched staff.
    quota_unit = models.ForeignKey(
        "staffing.StaffedUnit",
        verbose_name=_("occupies the quota of"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="quota_holders",
    )
    identity = models.CharField(_("identity"), max_length=16, choices=Identity.choices)
    sending_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("sending unit"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=50)
    id_cipher = models.TextField(_("ID number (encrypted)"))
    id_hash = models.CharField(_("ID number lookup key"), max_length=64)
    id_masked = models.CharField(_("ID number"), max_length=18)
    phone_cipher = models.TextField(_("phone (encrypted)"), blank=True)
    phone_masked = models.CharField(_("phone"), max_length=20, blank=True)
    is_leader = models.BooleanField(_("holds a leadership post"), default=False)
    # The turnover pool (干部周转池): over-quota people and those near retirement, with what they now do.
    in_pool = models.BooleanField(_("in the turnover pool"), default=False)
    pool_since = models.DateField(_("in the pool since"), null=True, blank=True)
    pool_duty = models.CharField(_("what they now do"), max_length=200, blank=True)
    left_pool_on = models.DateField(_("left the pool on"), null=True, blank=True)
    left_pool_reason = models.CharField(
        _("why they left"), max_length=16, choices=PoolExit.choices, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["works_in", "name", "id"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(fields=["county", "id_hash"], name="staffing_person_unique_id")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.id_masked}"

    @property
    def division(self):
        return self.works_in.unit.division


class Module(models.Model):
    """The county's module catalogue: a main module (no parent) or a sub-module under one."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    parent = models.ForeignKey(
        "self", verbose_name=_("main module"), null=True, blank=True, on_delete=PROTECT, related_name="subs"
    )
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["county", "order", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="staffing_module_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_main(self) -> bool:
        return self.parent_id is None

    @property
    def division(self):
        return self.county


class TownModule(models.Model):
    """A module a town works in (every main one, the sub-modules it chose), and its lead leader."""

    township = models.ForeignKey(
        "orgs.Division", verbose_name=_("township"), on_delete=PROTECT, related_name="+"
    )
    module = models.ForeignKey(Module, verbose_name=_("module"), on_delete=PROTECT, related_name="+")
    lead = models.ForeignKey(
        StaffPerson, verbose_name=_("lead leader"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["township", "module__order", "id"]
        verbose_name = _("module of a town")
        verbose_name_plural = _("modules of a town")
        constraints = [models.UniqueConstraint(fields=["township", "module"], name="staffing_town_module")]

    def __str__(self) -> str:
        return self.module.name

    @property
    def division(self):
        return self.township


class Position(models.Model):
    """A position (岗位) in a town's module, with its points (岗位赋分) and the duty items it carries."""

    town_module = models.ForeignKey(
        TownModule, verbose_name=_("module"), on_delete=PROTECT, related_name="positions"
    )
    name = models.CharField(_("name"), max_length=100)
    points = models.DecimalField(pgettext_lazy("staffing", "points"), max_digits=6, decimal_places=1)
    is_offered = models.BooleanField(_("offered for choice"), default=False)
    items = models.ManyToManyField(
        "duties.DutyItem", verbose_name=_("duty items"), through="PositionItem", related_name="+", blank=True
    )

    class Meta:
        ordering = ["town_module", "id"]
        verbose_name = pgettext_lazy("staffing", "position")
        verbose_name_plural = _("positions")
        constraints = [models.UniqueConstraint(fields=["town_module", "name"], name="staffing_position_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.town_module.township


class PositionItem(models.Model):
    position = models.ForeignKey(
        Position, verbose_name=pgettext_lazy("staffing", "position"), on_delete=models.CASCADE
    )
    item = models.ForeignKey(
        "duties.DutyItem", verbose_name=_("duty item"), on_delete=PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("duty item of a position")
        verbose_name_plural = _("duty items of positions")
        constraints = [models.UniqueConstraint(fields=["position", "item"], name="staffing_position_item")]

    def __str__(self) -> str:
        return f"{self.position_id}:{self.item_id}"


class Placement(models.Model):
    """A person in a position: exactly one primary position each, any number of secondary ones."""

    person = models.ForeignKey(
        StaffPerson, verbose_name=_("person"), on_delete=PROTECT, related_name="placements"
    )
    position = models.ForeignKey(
        Position,
        verbose_name=pgettext_lazy("staffing", "position"),
        on_delete=PROTECT,
        related_name="placements",
    )
    is_primary = models.BooleanField(_("primary"), default=True)

    class Meta:
        ordering = ["position", "-is_primary", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["person", "position"], name="staffing_placement_once"),
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_primary=True), name="staffing_one_primary_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.position}"

    @property
    def division(self):
        return self.position.town_module.township


class Application(models.Model):
    """Two-way choice: a person applies for an offered position; the township decides."""

    position = models.ForeignKey(
        Position,
        verbose_name=pgettext_lazy("staffing", "position"),
        on_delete=PROTECT,
        related_name="applications",
    )
    person = models.ForeignKey(StaffPerson, verbose_name=_("person"), on_delete=PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [models.UniqueConstraint(fields=["position", "person"], name="staffing_apply_once")]

    def __str__(self) -> str:
        return f"{self.person} · {self.position}"

    @property
    def division(self):
        return self.position.town_module.township


class ScoringRule(models.Model):
    """The county's four-part formula for a year: weights in per cent, the cap on the special bonus, and
    the township's share of a dispatched person's result (at least 70 %)."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    position_weight = models.PositiveIntegerField(_("weight of position points"))
    module_weight = models.PositiveIntegerField(_("weight of the module score"))
    team_weight = models.PositiveIntegerField(_("weight of team points"))
    special_cap = models.DecimalField(_("cap on the special bonus"), max_digits=6, decimal_places=1)
    township_weight = models.PositiveIntegerField(_("township share for dispatched staff"))

    class Meta:
        ordering = ["county", "-year"]
        verbose_name = pgettext_lazy("staffing", "scoring rule")
        verbose_name_plural = pgettext_lazy("staffing", "scoring rules")
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="staffing_rule_year")]

    def __str__(self) -> str:
        return f"{self.county} {self.year}"

    @property
    def division(self):
        return self.county


class Score(models.Model):
    """One person's year: the four parts, the total, and for dispatched staff the sending unit's part."""

    person = models.ForeignKey(
        StaffPerson, verbose_name=_("person"), on_delete=PROTECT, related_name="scores"
    )
    year = models.PositiveIntegerField(_("year"))
    position_points = models.DecimalField(_("position points"), max_digits=6, decimal_places=1)
    module_score = models.DecimalField(
        _("module score"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    module_scored_by = models.ForeignKey(
        StaffPerson, verbose_name=_("scored by"), null=True, blank=True, on_delete=PROTECT, related_name="+"
    )
    special_bonus = models.DecimalField(_("special bonus"), max_digits=6, decimal_places=1, default=0)
    special_reason = models.CharField(_("reason for the special bonus"), max_length=200, blank=True)
    special_approved = models.BooleanField(_("special bonus approved"), default=False)
    team_points = models.DecimalField(_("team points"), max_digits=6, decimal_places=1, default=0)
    sending_unit_score = models.DecimalField(
        _("sending unit's score"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    total = models.DecimalField(
        pgettext_lazy("staffing", "total"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    result_to = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("result goes to"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["person", "-year"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="staffing_score_year")]

    def __str__(self) -> str:
        return f"{self.person} {self.year}"

    @property
    def division(self):
        return self.person.division
