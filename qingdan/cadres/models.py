"""The models of the secondment programme; see the package docstring for what each holds.

Every row carries its county. `division` (a property) names the division a row belongs to for the access
gate's in-scope test: the county for the programme, batches and cadres, the community for the rest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from qingdan.review.models import AbstractReviewEntry

from .choices import (
    BatchStatus,
    BatchStep,
    CadreStatus,
    Education,
    Grade,
    GridKind,
    NeedStatus,
    PostRole,
    ProjectStatus,
    Rank,
    RecordKind,
)

PROTECT = models.PROTECT
DIVISION = "orgs.Division"


def _county():
    return models.ForeignKey(DIVISION, verbose_name=_("county"), on_delete=PROTECT, related_name="+")


class Programme(models.Model):
    """The county's rules for seconding cadres, and the unit that organises it (the 组织部)."""

    county = models.OneToOneField(DIVISION, verbose_name=_("county"), on_delete=PROTECT, related_name="+")
    organising_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("organising unit"), on_delete=PROTECT, related_name="+"
    )
    age_limit = models.PositiveSmallIntegerField(_("age limit"), default=45)
    rank_limit = models.CharField(
        _("highest rank"), max_length=20, choices=Rank.choices, default=Rank.DEPUTY_DIVISION
    )
    full_time_required = models.BooleanField(_("full time required"), default=True)
    weight_community = models.PositiveSmallIntegerField(_("weight of the community"), default=40)
    weight_street = models.PositiveSmallIntegerField(_("weight of the street"), default=30)
    weight_unit = models.PositiveSmallIntegerField(_("weight of the sending unit"), default=30)

    class Meta:
        verbose_name = _("secondment programme")
        verbose_name_plural = _("secondment programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_community__lte=100, weight_street__lte=100, weight_unit__lte=100),
                name="cadres_programme_weights_at_most_100",
            )
        ]

    def __str__(self) -> str:
        return f"{self.county}"

    @property
    def division(self):
        return self.county


class NominationBatch(models.Model):
    county = _county()
    sending_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("sending unit"), on_delete=PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "sending_unit__name", "id"]
        verbose_name = _("nomination batch")
        verbose_name_plural = _("nomination batches")
        indexes = [models.Index(fields=["county", "status"], name="cadres_batch_county_status")]

    def __str__(self) -> str:
        return f"{self.year} {self.sending_unit}"

    @property
    def division(self):
        return self.county

    @property
    def organising_unit_id(self) -> int | None:
        """The unit that decides the batch: the organiser its county's programme names (access rules)."""
        return (
            Programme.objects.filter(county_id=self.county_id)
            .values_list("organising_unit_id", flat=True)
            .first()
        )


class BatchReviewEntry(AbstractReviewEntry):
    batch = models.ForeignKey(
        NominationBatch, verbose_name=_("nomination batch"), on_delete=models.CASCADE, related_name="entries"
    )
    step = models.CharField(_("step"), max_length=16, choices=BatchStep.choices)

    class Meta(AbstractReviewEntry.Meta):
        verbose_name = _("batch review entry")
        verbose_name_plural = _("batch review entries")


class Cadre(models.Model):
    """A nominee, and once the batch is approved, a seconded cadre. ID number and phone as residents'."""

    county = _county()
    batch = models.ForeignKey(
        NominationBatch, verbose_name=_("nomination batch"), on_delete=PROTECT, related_name="cadres"
    )
    sending_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("sending unit"), on_delete=PROTECT, related_name="+"
    )
    name = models.CharField(_("full name"), max_length=50)
    birth_date = models.DateField(_("birth date"))
    rank = models.CharField(_("rank held"), max_length=20, choices=Rank.choices)
    education = models.CharField(_("education"), max_length=16, choices=Education.choices)
    position = models.CharField(_("position in the sending unit"), max_length=100, blank=True)
    full_time = models.BooleanField(_("full time"), default=True)
    specialty = models.CharField(_("specialty"), max_length=200, blank=True)
    id_cipher = models.TextField(_("ID number (encrypted)"))
    id_hash = models.CharField(_("ID number lookup key"), max_length=64)
    id_masked = models.CharField(_("ID number"), max_length=18)
    phone_cipher = models.TextField(_("phone (encrypted)"), blank=True)
    phone_masked = models.CharField(_("phone"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CadreStatus.choices, default=CadreStatus.NOMINATED
    )
    nominated_at = models.DateField(_("nominated on"))

    class Meta:
        ordering = ["sending_unit__name", "name", "id"]
        verbose_name = _("seconded cadre")
        verbose_name_plural = _("seconded cadres")
        constraints = [
            models.UniqueConstraint(fields=["batch", "id_hash"], name="cadres_cadre_once_per_batch"),
        ]
        indexes = [models.Index(fields=["county", "status"], name="cadres_cadre_county_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.county


class CommunityTag(models.Model):
    """Why a community needs a seconded cadre (Wuhan: 重点社区、薄弱社区、难点社区)."""

    county = _county()
    community = models.OneToOneField(
        DIVISION, verbose_name=_("community"), on_delete=PROTECT, related_name="+"
    )
    is_large = models.BooleanField(_("large (wide span, heavy governance load)"), default=False)
    is_weak = models.BooleanField(_("weak (poor conditions, many disputes)"), default=False)
    is_new = models.BooleanField(_("new (recently set up, few hands)"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["community__code"]
        verbose_name = _("community need tag")
        verbose_name_plural = _("community need tags")

    def __str__(self) -> str:
        return str(self.community)

    @property
    def division(self):
        return self.community


class Grid(models.Model):
    county = _county()
    community = models.ForeignKey(DIVISION, verbose_name=_("community"), on_delete=PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=GridKind.choices)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)

    class Meta:
        ordering = ["community__code", "name"]
        verbose_name = _("compound or grid")
        verbose_name_plural = _("compounds and grids")
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="cadres_grid_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def division(self):
        return self.community


class Posting(models.Model):
    county = _county()
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=PROTECT, related_name="postings")
    community = models.ForeignKey(DIVISION, verbose_name=_("community"), on_delete=PROTECT, related_name="+")
    role = models.CharField(_("post taken"), max_length=24, choices=PostRole.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("planned end date"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    grids = models.ManyToManyField(Grid, verbose_name=_("compounds and grids"), blank=True, related_name="+")
    handover_note = models.TextField(_("handover note"), blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous posting"),
        null=True,
        blank=True,
        on_delete=PROTECT,
        related_name="next",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["community__code", "-starts_on", "id"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        indexes = [models.Index(fields=["county", "community"], name="cadres_posting_community")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cadres_posting_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.community}"

    @property
    def division(self):
        return self.community

    @property
    def last_day(self):
        return self.ended_on or self.ends_on


class Resource(models.Model):
    county = _county()
    sending_unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("sending unit"), on_delete=PROTECT, related_name="+"
    )
    title = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["sending_unit__name", "title", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.county


class Need(models.Model):
    county = _county()
    community = models.ForeignKey(DIVISION, verbose_name=_("community"), on_delete=PROTECT, related_name="+")
    title = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["community__code", "status", "title", "id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.community


class Project(models.Model):
    county = _county()
    community = models.ForeignKey(DIVISION, verbose_name=_("community"), on_delete=PROTECT, related_name="+")
    title = models.CharField(_("name"), max_length=200)
    needs = models.ManyToManyField(Need, verbose_name=_("needs"), related_name="projects")
    resources = models.ManyToManyField(Resource, verbose_name=_("resources"), related_name="projects")
    owner = models.CharField(_("owner"), max_length=50)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    outcome = models.TextField(_("results achieved"), blank=True)
    problems_solved = models.PositiveIntegerField(_("problems solved"), default=0)
    services_held = models.PositiveIntegerField(_("services held"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["community__code", "-starts_on", "id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cadres_project_dates"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.community


class WorkRecord(models.Model):
    county = _county()
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=PROTECT, related_name="records")
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=RecordKind.choices)
    text = models.TextField(_("what was done"))
    attachment = models.FileField(_("attachment"), upload_to="cadres/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("work record")
        verbose_name_plural = _("work records")

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()}"

    @property
    def division(self):
        return self.posting.community


class Attendance(models.Model):
    """One month of a posting, confirmed by the community: days present and on leave, nothing tracked."""

    county = _county()
    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=PROTECT, related_name="attendance"
    )
    month = models.DateField(_("month"))  # the first day of the month
    days_present = models.PositiveSmallIntegerField(_("days present"))
    days_leave = models.PositiveSmallIntegerField(_("days on leave"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now=True)

    class Meta:
        ordering = ["posting", "-month"]
        verbose_name = _("monthly attendance")
        verbose_name_plural = _("monthly attendance")
        constraints = [models.UniqueConstraint(fields=["posting", "month"], name="cadres_attendance_month")]

    def __str__(self) -> str:
        return f"{self.posting} {self.month:%Y-%m}"

    @property
    def division(self):
        return self.posting.community


class Assessment(models.Model):
    """The year-end assessment of one posting: three scores (0–100) weighted by the county's programme."""

    county = _county()
    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    community_score = models.PositiveSmallIntegerField(_("community's score"), null=True, blank=True)
    street_score = models.PositiveSmallIntegerField(_("street's score"), null=True, blank=True)
    unit_score = models.PositiveSmallIntegerField(_("sending unit's score"), null=True, blank=True)
    total = models.DecimalField(_("weighted score"), max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)

    class Meta:
        ordering = ["-year", "posting"]
        verbose_name = _("year-end assessment")
        verbose_name_plural = _("year-end assessments")
        constraints = [models.UniqueConstraint(fields=["posting", "year"], name="cadres_assessment_year")]

    def __str__(self) -> str:
        return f"{self.posting} {self.year}"

    @property
    def division(self):
        return self.posting.community


class Commendation(models.Model):
    """A list of cadres commended in one batch (Wuhan commended 166 in two batches)."""

    county = _county()
    title = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    issued_on = models.DateField(_("issued on"))
    cadres = models.ManyToManyField(Cadre, verbose_name=_("cadres"), related_name="commendations")

    class Meta:
        ordering = ["-issued_on", "id"]
        verbose_name = _("commendation list")
        verbose_name_plural = _("commendation lists")

    def __str__(self) -> str:
        return self.title

    @property
    def division(self):
        return self.county
