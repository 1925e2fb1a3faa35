"""`qingdan divisions [--level …]`: every division as `code<TAB>name<TAB>level`, ordered by code."""

import os
import sys

from django.core.management.base import BaseCommand

from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division


class Command(BaseCommand):
    help = "List divisions as code, name and level separated by tabs, ordered by code."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--level", choices=Level.values, help="only divisions of this level")

    def handle(self, *args, level=None, **options):
        divisions = Division.objects.order_by("code")
        if level:
            divisions = divisions.filter(level=level)
        try:
            for code, name, division_level in divisions.values_list("code", "name", "level").iterator():
                self.stdout.write(f"{code}\t{name}\t{division_level}")
        except BrokenPipeError:  # `qingdan divisions | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
