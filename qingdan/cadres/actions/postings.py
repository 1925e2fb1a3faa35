"""Postings by need: communities tagged (large, weak, new), their compounds and grids, a cadre posted to
one community at a time, and the yearly rotation with a handover note to the next cadre."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.actiontools import locked
from qingdan.audit.actions import diff, record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division

from ..choices import CadreStatus, GridKind, PostRole
from ..models import Cadre, CommunityTag, Grid, Posting
from .checks import a_date, choice, community_of, require_organiser, text, whole


def tag_community(
    *, user, community: Division, is_large: bool, is_weak: bool, is_new: bool, note: str = ""
) -> CommunityTag:
    """Say why a community needs a cadre (the organiser). No tag at all removes it from the map of need."""
    county = community.county_division()
    require_organiser(user, county)
    community_of(county, community)
    note = text(note, label=_("The note"), required=False)
    values = {"is_large": bool(is_large), "is_weak": bool(is_weak), "is_new": bool(is_new), "note": note}
    with transaction.atomic():
        tag = CommunityTag.objects.select_for_update().filter(community=community).first()
        before = {name: getattr(tag, name) for name in values} if tag else {}
        if tag is None:
            tag = CommunityTag(county=county, community=community)
        for name, value in values.items():
            setattr(tag, name, value)
        tag.save()
        record(actor=user, action="cadres.tag_community", obj=tag, changes=diff(before, values))
    return tag


def _may_keep_grids(user, community: Division) -> None:
    """The community itself or the organiser keeps its compounds and grids."""
    if access.can(user, Permission.CADRES_HOST, community):
        return
    require_organiser(user, community.county_division())


def add_grid(*, user, community: Division, name: str, kind: str, households: int | None = None) -> Grid:
    _may_keep_grids(user, community)
    county = community.county_division()
    community_of(county, community)
    name = text(name, label=_("The name"), limit=100)
    kind = choice(kind, GridKind, label=_("the kind"))
    if households is not None:
        whole(households, label=_("The households"), high=100_000)
    with transaction.atomic():
        if Grid.objects.filter(community=community, name=name).exists():
            raise ActionRefused(
                _("%(community)s already has %(name)s.") % {"community": community.name, "name": name}
            )
        grid = Grid.objects.create(
            county=county, community=community, name=name, kind=kind, households=households
        )
        record(
            actor=user,
            action="cadres.add_grid",
            obj=grid,
            changes={"name": [None, name], "kind": [None, kind]},
        )
    return grid


def _grids_of(community: Division, grids: Iterable[Grid]) -> list[Grid]:
    chosen = list(dict.fromkeys(grids))
    for grid in chosen:
        if grid.community_id != community.pk:
            raise ActionRefused(
                _("%(grid)s is not in %(community)s.") % {"grid": grid.name, "community": community.name}
            )
    return chosen


def _no_overlap(cadre: Cadre, starts_on: datetime.date, ends_on: datetime.date, *, besides=None) -> None:
    """One community at a time: refused when another posting of the cadre covers any of these days.
    The caller holds the cadre's row lock, so two postings made at once cannot both pass."""
    others = Posting.objects.filter(cadre=cadre, starts_on__lte=ends_on).filter(
        Q(ended_on__isnull=False, ended_on__gte=starts_on) | Q(ended_on__isnull=True, ends_on__gte=starts_on)
    )
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    clash = others.select_related("community").first()
    if clash is not None:
        raise ActionRefused(
            _(
                "%(name)s is already posted to %(community)s from %(start)s to %(end)s; "
                "a cadre is posted to one community at a time."
            )
            % {
                "name": cadre.name,
                "community": clash.community.name,
                "start": clash.starts_on.isoformat(),
                "end": clash.last_day.isoformat(),
            }
        )


def _dates(starts_on, ends_on) -> tuple[datetime.date, datetime.date]:
    starts_on = a_date(starts_on, label=_("The start date"))
    ends_on = a_date(ends_on, label=_("The planned end date"))
    if ends_on < starts_on:
        raise ActionRefused(_("The planned end date is before the start date."))
    if (ends_on - starts_on).days > 3 * 366:
        raise ActionRefused(_("A posting lasts at most three years; rotate the cadre instead."))
    return starts_on, ends_on


def _create_posting(user, cadre, community, role, starts_on, ends_on, grids, previous=None) -> Posting:
    cadre = locked(cadre)
    if cadre.status != CadreStatus.SELECTED:
        raise ActionRefused(
            _("%(name)s is not selected (the batch is not approved), so cannot be posted.")
            % {"name": cadre.name}
        )
    _no_overlap(cadre, starts_on, ends_on)
    posting = Posting.objects.create(
        county=community.county_division(),
        cadre=cadre,
        community=community,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        previous=previous,
    )
    posting.grids.set(grids)
    record(
        actor=user,
        action="cadres.post_cadre",
        obj=posting,
        changes={
            "community": [None, community.name],
            "role": [None, role],
            "starts_on": [None, starts_on.isoformat()],
            "ends_on": [None, ends_on.isoformat()],
            "grids": [None, "、".join(g.name for g in grids)],
        },
    )
    return posting


def post_cadre(
    *,
    user,
    cadre: Cadre,
    community: Division,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    grids: Iterable[Grid] = (),
) -> Posting:
    """Post a selected cadre to a community (the organiser). Without a compound or grid the posting is made
    but flagged incomplete (queries.incomplete_postings) until one is set."""
    county = cadre.county
    require_organiser(user, county)
    access.require_seen(user, cadre)
    community_of(county, community)
    role = choice(role, PostRole, label=_("the role"))
    starts_on, ends_on = _dates(starts_on, ends_on)
    chosen = _grids_of(community, grids)
    with transaction.atomic():
        return _create_posting(user, cadre, community, role, starts_on, ends_on, chosen)


def set_grids(*, user, posting: Posting, grids: Iterable[Grid]) -> Posting:
    """The compounds and grids the cadre covers (at least one makes the posting complete)."""
    access.require_seen(user, posting)
    _may_keep_grids(user, posting.community)
    chosen = _grids_of(posting.community, grids)
    with transaction.atomic():
        posting = locked(posting)
        before = "、".join(g.name for g in posting.grids.all())
        posting.grids.set(chosen)
        record(
            actor=user,
            action="cadres.set_grids",
            obj=posting,
            changes={"grids": [before, "、".join(g.name for g in chosen)]},
        )
    return posting


def rotate(
    *,
    user,
    posting: Posting,
    ended_on: datetime.date,
    handover_note: str,
    next_cadre: Cadre | None = None,
    next_role: str = PostRole.DEPUTY_SECRETARY,
    next_ends_on: datetime.date | None = None,
) -> Posting | None:
    """End a posting with a handover note (the yearly rotation) and, when `next_cadre` is given, post the
    next cadre to the same community from the following day, the note handed to them. Returns the new
    posting, or None when nobody follows yet."""
    require_organiser(user, posting.county)
    access.require_seen(user, posting)
    ended_on = a_date(ended_on, label=_("The end date"))
    note = text(handover_note, label=_("The handover note"), limit=limits.REASON_CHARS)
    if ended_on < posting.starts_on:
        raise ActionRefused(_("The end date is before the posting began."))
    next_start = ended_on + datetime.timedelta(days=1)
    if next_cadre is not None:
        access.require_seen(user, next_cadre)
        if next_cadre.pk == posting.cadre_id:
            raise ActionRefused(_("The next cadre must be someone else."))
        next_role = choice(next_role, PostRole, label=_("the role"))
        next_start, next_ends_on = _dates(
            next_start, next_ends_on or next_start.replace(year=next_start.year + 1)
        )
    with transaction.atomic():
        posting = locked(posting)
        if posting.ended_on is not None:
            raise ActionRefused(_("This posting has already ended."))
        posting.ended_on = ended_on
        posting.handover_note = note
        posting.save(update_fields=["ended_on", "handover_note"])
        record(
            actor=user,
            action="cadres.rotate",
            obj=posting,
            changes={"ended_on": [None, ended_on.isoformat()]},
            note=note[:200],
        )
        if next_cadre is None:
            return None
        grids = list(posting.grids.all())
        return _create_posting(
            user, next_cadre, posting.community, next_role, next_start, next_ends_on, grids, previous=posting
        )
