"""`qingdan refresh-burden [--county CODE]`: compute every burden figure again, county by county.

Run it each night (cron: `15 2 * * * qingdan refresh-burden`): changes during the day are counted by the
queued refresh of the villages they touched; the nightly run also moves figures that change with time
alone (an order becomes overdue) and repairs anything a lost job left behind.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qingdan.burden.refresh import rebuild
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division


class Command(BaseCommand):
    help = "Compute every burden figure again (all counties, or one by its code)."

    def add_arguments(self, parser):
        parser.add_argument("--county", default=None, help="12-digit code of one county")

    def handle(self, *args, **options):
        counties = Division.objects.filter(level=Level.COUNTY).order_by("code")
        if options["county"]:
            counties = counties.filter(code=options["county"])
            if not counties.exists():
                raise CommandError(_("No county has the code %(code)s.") % {"code": options["county"]})
        for county in counties:
            started = time.monotonic()
            stored = rebuild(county)
            self.stdout.write(
                _("%(county)s: %(count)d figures in %(seconds).1f s")
                % {"county": county.name, "count": stored, "seconds": time.monotonic() - started}
            )
