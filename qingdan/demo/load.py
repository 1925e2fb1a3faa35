"""load_demo(): every part of the demo county, in order, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from qingdan.audit.actions import record
from qingdan.orgs.models import Division, User

from .assessment import load_demo_assessment
from .bodies import load_demo_bodies
from .burden import load_demo_burden
from .cadres import load_demo_cadres
from .catalogs import load_catalogs
from .checklists import load_demo_checklists
from .divisions import load_divisions
from .ledger import load_demo_ledger
from .orders import load_demo_orders
from .people import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_places, load_people
from .registers import load_demo_registers
from .staffing import load_demo_staffing
from .units import load_units

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoResult", "load_demo"]


@dataclass
class DemoResult:
    county: Division
    users: list[User]
    divisions: int
    units: int
    catalogs: int
    changes: dict[str, int]  # rows created or updated by this run; all zero when nothing changed


@transaction.atomic
def load_demo() -> DemoResult:
    divisions = load_divisions()
    units = load_units(divisions)
    people = load_people(divisions, units)
    places = demo_places(divisions)
    catalogs = load_catalogs(
        divisions=divisions, users=people.users, amended=[places["village"], places["community"]]
    )
    changes = {
        "divisions_created": divisions.created,
        "divisions_updated": divisions.updated,
        "units_created": units.created,
        "units_updated": units.updated,
        "accounts_created": people.created,
        "accounts_updated": people.updated,
    }
    if any(changes.values()):
        record(
            actor=None,
            actor_name="qingdan demo",
            action="orgs.load_demo",
            obj=divisions.county,
            division=divisions.county,
            changes={key: [None, value] for key, value in changes.items() if value},
        )
    # Work orders last: they are filed against the catalogs above.
    orders = load_demo_orders(divisions.county)
    # Task checklists: their rows name the demo accounts.
    checklists = load_demo_checklists(divisions.county)
    # Coordination bodies: the district's ledger at its cap, a town's revoked ones.
    load_demo_bodies(divisions.county)
    # One set of forms: the data dictionary, village profiles and two villages' residents.
    load_demo_registers(divisions.county)
    # Village assessment (Daye): last year's 25 indicators cut to 10, one visit, results and pay.
    load_demo_assessment(divisions.county)
    # The light ledger of the burden ledger: monitoring points and the reform their ledgers show.
    load_demo_ledger(divisions.county)
    # Seconded cadres: the district's batch, postings by need, the three lists and their figures.
    load_demo_cadres(divisions.county)
    # Township structure and staffing, after the cadres (whose loader expects one unit per street): the
    # reform table and the modular town with its offices.
    load_demo_staffing(divisions.county)
    # The burden figures last: they count everything loaded above.
    load_demo_burden(divisions.county)
    return DemoResult(
        county=divisions.county,
        users=people.users,
        divisions=1 + len(divisions.townships) + len(divisions.villages),
        units=len(units.by_name) + len(units.township_units) + len(units.village_units),
        catalogs=catalogs.catalogs,
        changes={
            **changes,
            "catalog_versions_published": catalogs.published,
            "work_orders_created": orders,
            "checklists_created": checklists,
        },
    )
