"""`qingdan send-digests`: fold each daily reader's notifications of the last day into one digest.

Run it once a day (cron, systemd timer); running it again the same day folds nothing twice.
"""

from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from qingdan.notifications.actions import send_digests


def _list_url() -> str:
    try:
        return reverse("notifications:list")
    except NoReverseMatch:  # the pages are not mounted (a stripped-down installation)
        return ""


class Command(BaseCommand):
    help = "Fold the last day's notifications of everyone who prefers a daily digest into one message."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=24, help="how far back to look for notifications (default 24)"
        )

    def handle(self, *args, **options):
        made = send_digests(hours=options["hours"], url=_list_url())
        self.stdout.write(_("%(count)d digests sent.") % {"count": made})
