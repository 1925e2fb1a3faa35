"""Coordination bodies (议事协调机构): the register, the cap per level, and the load each body creates.

CoordinationBody ─┬─ BodyMeeting    a meeting it held (date, attendees, minutes)
                  └─ BodyDocument   a document it issued (number, title, date)
BodyCap           how many active bodies a county allows itself, each township, each village

A body belongs to one division (the county, or a township or village of it) and carries its county.
Every change goes through qingdan.bodies.actions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import BasisClass, BodyKind, BodyStatus, CapLevel, Permanence

PROTECT = models.PROTECT


class CoordinationBody(models.Model):
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    division = models.ForeignKey(
        "orgs.Division", verbose_name=_("division"), on_delete=PROTECT, related_name="coordination_bodies"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=BodyKind.choices)
    permanence = models.CharField(_("permanence"), max_length=16, choices=Permanence.choices)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    # Old ledgers often say nothing about why a body is kept: blank until someone decides.
    basis_class = models.CharField(_("basis class"), max_length=16, choices=BasisClass.choices, blank=True)
    basis = models.TextField(_("basis for keeping it"), blank=True)
    lead_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="led_bodies",
    )
    # The lead unit as the ledger names it: kept when no unit of the county matches the name.
    lead_unit_name = models.CharField(_("lead unit as written"), max_length=200, blank=True)
    office_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("office hosted by"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="+",
    )
    office_location = models.CharField(_("office location as written"), max_length=200, blank=True)
    leader = models.CharField(_("leader"), max_length=200, blank=True)
    deputy = models.TextField(_("deputy leaders"), blank=True)
    member_units = models.ManyToManyField(
        "orgs.Unit", verbose_name=_("member units"), blank=True, related_name="member_of_bodies"
    )
    other_members = models.TextField(_("other members"), blank=True)
    set_up_on = models.DateField(_("set-up date"))
    set_up_document = models.CharField(_("set-up document"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=BodyStatus.choices, default=BodyStatus.ACTIVE
    )
    revoked_on = models.DateField(_("revocation date"), null=True, blank=True)
    revocation_document = models.CharField(_("revocation document"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["division__code", "name", "id"]
        verbose_name = _("coordination body")
        verbose_name_plural = _("coordination bodies")
        indexes = [
            models.Index(fields=["division", "status"], name="body_division_status"),
            models.Index(fields=["county", "status"], name="body_county_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("set_up_on")),
                name="body_ends_after_set_up",
            ),
            models.CheckConstraint(
                condition=Q(status=BodyStatus.ACTIVE)
                | (Q(revoked_on__isnull=False) & ~Q(revocation_document="")),
                name="body_revoked_with_document",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == BodyStatus.ACTIVE

    @property
    def lead_unit_label(self) -> str:
        return self.lead_unit.name if self.lead_unit is not None else self.lead_unit_name

    @property
    def office_label(self) -> str:
        return self.office_unit.name if self.office_unit is not None else self.office_location


class BodyCap(models.Model):
    """The most active bodies a county allows at one level: its own, or each township's / village's."""

    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=16, choices=CapLevel.choices)
    cap = models.PositiveSmallIntegerField(_("cap"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["county__code", "level"]
        verbose_name = _("cap on coordination bodies")
        verbose_name_plural = _("caps on coordination bodies")
        constraints = [models.UniqueConstraint(fields=["county", "level"], name="body_cap_unique_level")]

    def __str__(self) -> str:
        return f"{self.county} {self.get_level_display()} {self.cap}"

    @property
    def division(self):
        return self.county


class BodyMeeting(models.Model):
    body = models.ForeignKey(
        CoordinationBody, verbose_name=_("coordination body"), on_delete=PROTECT, related_name="meetings"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    held_on = models.DateField(_("meeting date"))
    topic = models.CharField(_("topic"), max_length=300)
    attendees_count = models.PositiveIntegerField(_("number of attendees"), null=True, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to="bodies/minutes/%Y/", blank=True)
    minutes_name = models.CharField(_("minutes file name"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["body", "held_on"], name="body_meeting_date")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"

    @property
    def division(self):
        return self.body.division


class BodyDocument(models.Model):
    body = models.ForeignKey(
        CoordinationBody, verbose_name=_("coordination body"), on_delete=PROTECT, related_name="documents"
    )
    county = models.ForeignKey("orgs.Division", verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    number = models.CharField(_("document number"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("issue date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["body", "issued_on"], name="body_document_date")]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="body_document_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def division(self):
        return self.body.division
