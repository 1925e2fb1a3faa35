"""qingdan import-catalog FILE --division CODE [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from qingdan.access import SYSTEM
from qingdan.duties import actions
from qingdan.duties.sheet import read_catalog_path
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division


class Command(BaseCommand):
    help = "Import a township's or village's published duty list (.xlsx or .tsv) as its next version."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--division", required=True, help="12-digit division code")
        parser.add_argument("--dry-run", action="store_true", help="check the file and change nothing")

    def handle(self, *args, file: Path, division: str, dry_run: bool, **options):
        target = Division.objects.filter(code=division).first()
        if target is None:
            raise CommandError(_("No division has the code %(code)s.") % {"code": division})
        if not file.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        result = read_catalog_path(file)
        for warning in result.warnings:
            self.stderr.write(_("Note: %(warning)s") % {"warning": warning})
        if not result.ok:
            for problem in result.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                _("The file has %(count)d problems; nothing was imported.") % {"count": len(result.errors)}
            )
        if dry_run:
            self.stdout.write(
                _("Checked: %(count)d items can be imported into %(name)s (dry run, nothing saved).")
                % {"count": len(result.rows), "name": target.name}
            )
            return
        try:
            version = actions.import_catalog(
                user=SYSTEM, division=target, rows=result.rows, filename=file.name
            )
        except ActionRefused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            _("Imported %(name)s: version %(number)d, %(count)d items.")
            % {"name": target.name, "number": version.number, "count": len(result.rows)}
        )
