"""Every change to duty catalogs. Each function is one transaction, checks access, writes the audit trail.

import_catalog      a division's published list, loaded from a file, becomes its next version
publish_template    the county's template catalog gets its next version
adopt_template      townships or villages take the template's current version as their own
apply_amendment     申请: propose a changed item set for a catalog
consult_amendment   会商: record an opinion on a proposal
decide_amendment    审定: approve (the proposal becomes the next version) or reject

Reasons, opinions and notes are bounded here (qingdan.limits.REASON_CHARS through clean_reason), and an
amendment's title by limits.TITLE_CHARS, whatever the page or the API checked before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.actiontools import clean_reason, clean_text
from qingdan.audit.actions import record
from qingdan.duties.sheet import ItemRow
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division, Unit

from .choices import AmendmentStatus, CatalogLevel, StepKind, VersionSource, VersionStatus
from .models import Amendment, AmendmentStep, Catalog, CatalogVersion, DutyItem
from .queries import rows_of

CATALOG_LEVELS = {Level.TOWNSHIP: CatalogLevel.TOWNSHIP, Level.VILLAGE: CatalogLevel.VILLAGE}


def _catalog_level(division: Division) -> CatalogLevel:
    try:
        return CATALOG_LEVELS[Level(division.level)]
    except KeyError:
        raise ActionRefused(
            _("Duty catalogs belong to townships and villages, not to %(name)s.") % {"name": division.name}
        ) from None


def _person(user):
    """The user to store as creator or publisher: None for the command-line operator."""
    return user if getattr(user, "pk", None) is not None else None


def _require_rows(rows: Sequence[ItemRow]) -> None:
    if not rows:
        raise ActionRefused(_("The catalog has no items."))


def _units_by_name(county: Division | None) -> dict[str, Unit]:
    units = Unit.objects.filter(county=county, is_active=True) if county else Unit.objects.none()
    by_name: dict[str, Unit] = {}
    for unit in units:
        by_name[unit.name] = unit
        if unit.short_name:
            by_name.setdefault(unit.short_name, unit)
    return by_name


def _new_version(
    *, catalog: Catalog, user, rows: Sequence[ItemRow], source: str, filename: str = "", note: str = ""
) -> CatalogVersion:
    version = CatalogVersion.objects.create(
        catalog=catalog,
        county=catalog.county,
        status=VersionStatus.DRAFT,
        source=source,
        source_file=filename[:200],
        note=note,
        created_by=_person(user),
    )
    units = _units_by_name(catalog.county)
    DutyItem.objects.bulk_create(
        DutyItem(
            version=version,
            county=catalog.county,
            position=position,
            list_kind=row.list_kind,
            item_no=row.item_no,
            category=row.category,
            name=row.name,
            content=row.content,
            basis=row.basis,
            responsible_unit_name=row.responsible_unit,
            responsible_unit=units.get(row.responsible_unit),
            department_duty=row.department_duty,
            grassroots_duty=row.grassroots_duty,
            working_method=row.working_method,
            source=row.source,
        )
        for position, row in enumerate(rows, start=1)
    )
    return version


def _publish(version: CatalogVersion, user) -> CatalogVersion:
    catalog = version.catalog
    latest = catalog.versions.aggregate(n=Max("number"))["n"] or 0
    version.number = latest + 1
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = _person(user)
    version.save(update_fields=["number", "status", "published_at", "published_by"])
    catalog.current_version = version
    catalog.save(update_fields=["current_version"])
    return version


def _locked_catalog(**lookup) -> Catalog | None:
    return Catalog.objects.select_for_update().filter(**lookup).first()


def _item_count(version: CatalogVersion | None) -> int:
    return version.items.count() if version else 0


def _same_items(version: CatalogVersion, rows: Sequence[ItemRow]) -> bool:
    """Whether the file holds exactly the version's items, in the same order (row numbers aside)."""
    if version.items.count() != len(rows):
        return False
    held = rows_of(version)
    return all(
        dataclasses.replace(a, row=0) == dataclasses.replace(b, row=0)
        for a, b in zip(held, rows, strict=True)
    )


def _publish_file(
    *, user, catalog: Catalog, rows: Sequence[ItemRow], filename: str, action: str, note: str = ""
) -> CatalogVersion:
    """The rows of an imported file become the catalog's next published version, audited as `action`.

    A file identical to the current version changes nothing: ActionRefused says so, and no version is made.
    """
    before = catalog.current_version
    if before is not None and _same_items(before, rows):
        raise ActionRefused(
            _(
                "The file is the same as the current version %(number)s of %(catalog)s; no new version "
                "was made."
            )
            % {"number": before.number, "catalog": catalog.name}
        )
    draft = _new_version(
        catalog=catalog, user=user, rows=rows, source=VersionSource.IMPORT, filename=filename, note=note
    )
    version = _publish(draft, user)
    record(
        actor=user,
        action=action,
        obj=catalog,
        division=catalog.division,
        note=filename,
        changes={
            "version": [before.number if before else None, version.number],
            "items": [_item_count(before), len(rows)],
        },
    )
    return version


@transaction.atomic
def import_catalog(
    *, user, division: Division, rows: Sequence[ItemRow], filename: str, note: str = ""
) -> CatalogVersion:
    """Load a division's published list from a file as its next published version."""
    access.require(user, Permission.IMPORT_CATALOG, division)
    note = clean_reason(note, label=_("The note"), required=False)
    level = _catalog_level(division)
    _require_rows(rows)
    catalog = _locked_catalog(division=division, is_template=False)
    if catalog is None:
        catalog = Catalog.objects.create(
            division=division,
            county=division.county,
            level=level,
            name=_("Duty catalog of %(name)s") % {"name": division.name},
        )
    return _publish_file(
        user=user, catalog=catalog, rows=rows, filename=filename, note=note, action="duties.import_catalog"
    )


@transaction.atomic
def publish_template(
    *, user, county: Division, level: str, name: str, rows: Sequence[ItemRow], filename: str = ""
) -> CatalogVersion:
    """Publish the next version of the county's template for townships or villages."""
    access.require(user, Permission.PUBLISH_TEMPLATE, county)
    if county.level != Level.COUNTY:
        raise ActionRefused(_("Only a county publishes template catalogs."))
    level = CatalogLevel(level)
    _require_rows(rows)
    template = _locked_catalog(division=county, level=level, is_template=True)
    if template is None:
        template = Catalog.objects.create(
            division=county, county=county, level=level, name=name, is_template=True
        )
    elif template.name != name:
        template.name = name
        template.save(update_fields=["name"])
    return _publish_file(
        user=user, catalog=template, rows=rows, filename=filename, action="duties.publish_template"
    )


def _copy_items(source: CatalogVersion, targets: list[CatalogVersion]) -> None:
    items = list(source.items.order_by("position"))
    DutyItem.objects.bulk_create(
        DutyItem(
            version=target,
            county=target.county,
            position=item.position,
            list_kind=item.list_kind,
            item_no=item.item_no,
            category=item.category,
            name=item.name,
            content=item.content,
            basis=item.basis,
            responsible_unit_name=item.responsible_unit_name,
            responsible_unit_id=item.responsible_unit_id,
            department_duty=item.department_duty,
            grassroots_duty=item.grassroots_duty,
            working_method=item.working_method,
            source=item.source,
        )
        for target in targets
        for item in items
    )


@transaction.atomic
def adopt_template(*, user, template: Catalog, divisions: Iterable[Division]) -> list[Catalog]:
    """Each division takes the template's current version as the next version of its own catalog.

    A division whose catalog already holds that template version is left as it is, so adopting twice
    changes nothing.
    """
    if not template.is_template or template.current_version is None:
        raise ActionRefused(_("Only a published template can be adopted."))
    source = template.current_version
    adopted: list[Catalog] = []
    new_versions: list[CatalogVersion] = []
    for division in divisions:
        access.require(user, Permission.ADOPT_TEMPLATE, division)
        if _catalog_level(division) != template.level or division.county_id != template.county_id:
            raise ActionRefused(
                _("%(name)s cannot adopt this template: it is for another level or county.")
                % {"name": division.name}
            )
        catalog = _locked_catalog(division=division, is_template=False)
        if catalog is None:
            catalog = Catalog.objects.create(
                division=division,
                county=division.county,
                level=template.level,
                template=template,
                name=_("Duty catalog of %(name)s") % {"name": division.name},
            )
        elif catalog.current_version and catalog.current_version.adopted_from_id == source.pk:
            continue
        version = CatalogVersion.objects.create(
            catalog=catalog,
            county=catalog.county,
            status=VersionStatus.DRAFT,
            source=VersionSource.ADOPTION,
            adopted_from=source,
            created_by=_person(user),
        )
        catalog.template = template
        catalog.save(update_fields=["template"])
        new_versions.append(version)
        adopted.append(catalog)
    _copy_items(source, new_versions)
    for version in new_versions:
        _publish(version, user)
        record(
            actor=user,
            action="duties.adopt_template",
            obj=version.catalog,
            division=version.catalog.division,
            changes={"template_version": [None, f"{template.name} v{source.number}"]},
        )
    return adopted


def _open_amendment(catalog: Catalog) -> Amendment | None:
    return catalog.amendments.filter(status__in=[AmendmentStatus.APPLIED, AmendmentStatus.CONSULTED]).first()


@transaction.atomic
def apply_amendment(
    *, user, catalog: Catalog, title: str, reason: str, rows: Sequence[ItemRow], filename: str = ""
) -> Amendment:
    """申请: propose the whole changed item set of a catalog, with the reason for the change."""
    access.require(user, Permission.APPLY_AMENDMENT, catalog)
    title = clean_text(title, label=_("The title"), required=False, limit=limits.TITLE_CHARS)
    reason = clean_reason(reason, label=_("The reason for the amendment"), required=False)
    if not title or not reason:
        raise ActionRefused(_("An amendment needs a title and a reason."))
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
    if catalog.current_version is None:
        raise ActionRefused(_("The catalog has no published version to amend."))
    if _open_amendment(catalog):
        raise ActionRefused(_("This catalog already has an amendment under way; decide it first."))
    _require_rows(rows)
    proposed = _new_version(
        catalog=catalog, user=user, rows=rows, source=VersionSource.AMENDMENT, filename=filename
    )
    amendment = Amendment.objects.create(
        catalog=catalog,
        county=catalog.county,
        title=title,
        reason=reason,
        base_version=catalog.current_version,
        proposed_version=proposed,
        applicant=user,
    )
    AmendmentStep.objects.create(
        amendment=amendment, step=StepKind.APPLY, actor=user, opinion=reason, outcome=AmendmentStatus.APPLIED
    )
    record(
        actor=user,
        action="duties.apply_amendment",
        obj=amendment,
        division=catalog.division,
        note=reason,
        changes={"status": [None, AmendmentStatus.APPLIED]},
    )
    return amendment


def _locked_amendment(amendment: Amendment) -> Amendment:
    return Amendment.objects.select_for_update().select_related("catalog__division").get(pk=amendment.pk)


@transaction.atomic
def consult_amendment(*, user, amendment: Amendment, opinion: str) -> AmendmentStep:
    """会商: record one consulting opinion; an amendment may be consulted more than once."""
    access.require(user, Permission.CONSULT_AMENDMENT, amendment.catalog)
    opinion = clean_reason(opinion, label=_("The consultation opinion"), required=False)
    if not opinion:
        raise ActionRefused(_("Write the consultation opinion."))
    amendment = _locked_amendment(amendment)
    if amendment.status not in (AmendmentStatus.APPLIED, AmendmentStatus.CONSULTED):
        raise ActionRefused(_("This amendment has already been decided."))
    before = amendment.status
    amendment.status = AmendmentStatus.CONSULTED
    amendment.save(update_fields=["status"])
    step = AmendmentStep.objects.create(
        amendment=amendment,
        step=StepKind.CONSULT,
        actor=user,
        opinion=opinion,
        outcome=AmendmentStatus.CONSULTED,
    )
    record(
        actor=user,
        action="duties.consult_amendment",
        obj=amendment,
        division=amendment.catalog.division,
        note=opinion,
        changes={"status": [before, amendment.status]},
    )
    return step


@transaction.atomic
def decide_amendment(*, user, amendment: Amendment, approve: bool, opinion: str) -> Amendment:
    """审定: approve (the proposal is published as the next version) or reject, after consultation."""
    access.require(user, Permission.DECIDE_AMENDMENT, amendment.catalog)
    opinion = clean_reason(opinion, label=_("The opinion on the decision"), required=False)
    if not opinion:
        raise ActionRefused(_("Write the reason for the decision."))
    amendment = _locked_amendment(amendment)
    catalog = Catalog.objects.select_for_update().get(pk=amendment.catalog_id)
    if amendment.status == AmendmentStatus.APPLIED:
        raise ActionRefused(_("Consult on the amendment before deciding it."))
    if amendment.status != AmendmentStatus.CONSULTED:
        raise ActionRefused(_("This amendment has already been decided."))
    if approve and catalog.current_version_id != amendment.base_version_id:
        raise ActionRefused(_("The catalog has changed since this amendment was filed; file it again."))
    outcome = AmendmentStatus.APPROVED if approve else AmendmentStatus.REJECTED
    if approve:
        _publish(amendment.proposed_version, user)
    amendment.status = outcome
    amendment.save(update_fields=["status"])
    AmendmentStep.objects.create(
        amendment=amendment, step=StepKind.DECIDE, actor=user, opinion=opinion, outcome=outcome
    )
    record(
        actor=user,
        action="duties.decide_amendment",
        obj=amendment,
        division=catalog.division,
        note=opinion,
        changes={"status": [AmendmentStatus.CONSULTED, outcome]},
    )
    return amendment
