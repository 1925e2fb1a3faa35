"""Administrative divisions, the units that work in them, and the people of those units."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CODE_PREFIX_LENGTH, DivisionKind, Level, Role, UnitKind


def level_of_code(code: str) -> Level:
    """The level a 12-digit statistical code names, read from its trailing zeros."""
    if code[2:] == "0" * 10:
        return Level.PROVINCE
    if code[4:] == "0" * 8:
        return Level.CITY
    if code[6:] == "0" * 6:
        return Level.COUNTY
    if code[9:] == "000":
        return Level.TOWNSHIP
    return Level.VILLAGE


def subtree_bounds(code: str, level: str) -> tuple[str, str]:
    """The lowest and highest code of a division and everything below it.

    Codes are hierarchical, so a subtree is a contiguous range: one index scan on any database.
    """
    prefix = code[: CODE_PREFIX_LENGTH[Level(level)]]
    rest = 12 - len(prefix)
    return prefix + "0" * rest, prefix + "9" * rest


class Division(models.Model):
    """An administrative division: province, city, county, township (乡/镇/街道) or village (村/社区)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DivisionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Every division at or below a county carries its county, so the schema distributes by county.
    county = models.ForeignKey(
        "self",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self) -> str:
        return self.name

    @property
    def bounds(self) -> tuple[str, str]:
        return subtree_bounds(self.code, self.level)

    def contains(self, other: Division) -> bool:
        low, high = self.bounds
        return low <= other.code <= high

    def county_division(self) -> Division:
        """The county this division lies in; a county is its own.

        A city or a province has no county and answers itself, so a filter by "its county" finds
        nothing that belongs to a county. Callers that must refuse those check `level`.
        """
        if self.level == Level.COUNTY or self.county_id is None:
            return self
        return self.county or self

    @property
    def is_township(self) -> bool:
        return self.level == Level.TOWNSHIP

    @property
    def is_village(self) -> bool:
        return self.level == Level.VILLAGE


class Unit(models.Model):
    """A body that does work: a county department, an office, a township government, a village committee."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="units"
    )
    county = models.ForeignKey(
        Division,
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["division__code", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["division", "name"], name="unit_unique_name_per_division"),
        ]

    def __str__(self) -> str:
        return self.name

    def county_division(self) -> Division:
        """The county the unit works in: its own county, else its division's (Division.county_division)."""
        return self.county or self.division.county_division()


class User(AbstractUser):
    """A person who signs in. Their role and unit decide their scope (see qingdan.access)."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, blank=True)
    failed_logins = models.PositiveSmallIntegerField(_("failed logins"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def division(self) -> Division | None:
        unit = self.unit if self.unit_id else None
        return unit.division if unit else None

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())
