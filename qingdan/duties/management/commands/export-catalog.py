"""qingdan export-catalog --division CODE --output FILE.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qingdan.duties.models import Catalog, CatalogVersion
from qingdan.duties.queries import rows_of
from qingdan.duties.sheet import write_xlsx


class Command(BaseCommand):
    help = "Export a division's current duty catalog as .xlsx in the import layout."

    def add_arguments(self, parser):
        parser.add_argument("--division", required=True, help="12-digit division code")
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument(
            "--catalog-version", dest="number", type=int, help="a published version number (default: current)"
        )

    def handle(self, *args, division: str, output: Path, number: int | None, **options):
        catalog = Catalog.objects.filter(division__code=division, is_template=False).first()
        if catalog is None or catalog.current_version is None:
            raise CommandError(_("Division %(code)s has no published duty catalog.") % {"code": division})
        chosen: CatalogVersion | None = catalog.current_version
        if number is not None:
            chosen = catalog.versions.filter(number=number).first()
        if chosen is None:
            raise CommandError(
                _("%(name)s has no version %(number)d.") % {"name": catalog.name, "number": number}
            )
        rows = rows_of(chosen)
        output.parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(rows, output)
        self.stdout.write(
            _("Exported %(name)s version %(number)d: %(count)d items to %(file)s")
            % {"name": catalog.name, "number": chosen.number, "count": len(rows), "file": output}
        )
