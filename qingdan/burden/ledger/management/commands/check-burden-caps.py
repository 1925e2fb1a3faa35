"""`qingdan check-burden-caps`: check the caps of the 2024 rules on every county's light ledger, for this
year and last (cron, nightly: README, "Periodic commands"). During the day each ledger write queues a check
of its own county (the burden_ledger.check_caps job); this run needs no worker and repairs a lost job."""

from django.core.management.base import BaseCommand
from django.db import transaction

from qingdan.burden.ledger.checks import check_county
from qingdan.burden.ledger.models import MonitoringPoint
from qingdan.orgs.models import Division


class Command(BaseCommand):
    help = "Check the caps of the 2024 rules on the light ledger of every county with monitoring points."

    def handle(self, *args, **options):
        counties = Division.objects.filter(pk__in=MonitoringPoint.objects.values("county_id")).order_by(
            "code"
        )
        found = 0
        for county in counties:
            with transaction.atomic():
                found += len(check_county(county))
        self.stdout.write(f"{counties.count()} counties checked, {found} new violations")
