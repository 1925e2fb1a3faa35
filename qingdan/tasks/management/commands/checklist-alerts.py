"""`qingdan checklist-alerts`: tell people about overdue checklist rows and rows due within three days.

Run it once a day (cron, systemd timer). Each person hears about each row at most once a day, so running
it again the same day sends nothing new.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qingdan.tasks.actions import send_alerts


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(_("“%(text)s” is not a date; write it as 2025-06-30.") % {"text": text}) from exc


class Command(BaseCommand):
    help = "Alert responsible people and lead leaders of overdue checklist rows and rows due within 3 days."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_day, default=None, help="the day to alert for (default today)")

    def handle(self, *args, **options):
        sent = send_alerts(today=options["date"])
        self.stdout.write(_("%(count)d alerts sent.") % {"count": sent})
