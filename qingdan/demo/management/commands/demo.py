"""`qingdan demo`: load (or reload, in place) the demo county and print its accounts."""

import unicodedata

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from qingdan.demo.load import DEMO_PASSWORD, load_demo
from qingdan.orgs.models import User


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[list[str]]) -> list[str]:
    """Columns aligned for a terminal, counting each Chinese character as two columns."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


class Command(BaseCommand):
    help = "Load the demo county (咸安区) in place and print the demo accounts."

    def handle(self, *args, **options):
        result = load_demo()
        self.stdout.write(
            _(
                "Demo county %(county)s ready: %(divisions)d divisions, %(units)d units, "
                "%(catalogs)d catalogs."
            )
            % {
                "county": result.county.name,
                "divisions": result.divisions,
                "units": result.units,
                "catalogs": result.catalogs,
            }
        )
        header = [_("Username"), _("Password"), _("Role"), _("Unit")]
        # The accounts of the core demo first, then those an app's demo adds (e.g. the 组织部's clerk).
        added = (
            User.objects.exclude(pk__in=[u.pk for u in result.users])
            .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
            .select_related("unit")
            .order_by("username")
        )
        accounts = [*result.users, *added]
        rows = [[u.username, DEMO_PASSWORD, u.get_role_display(), u.unit.name] for u in accounts]
        self.stdout.write("")
        for line in format_table([header, *rows]):
            self.stdout.write(line)
