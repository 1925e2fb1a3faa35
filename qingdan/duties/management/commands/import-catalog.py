"""qingdan import-catalog FILE --division CODE [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qingdan.access import SYSTEM
from qingdan.catalogfile import read_catalog_path
from qingdan.duties import actions
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
            raise CommandError(f"未找到区划代码为 {division} 的区划。")
        if not file.is_file():
            raise CommandError(f"找不到文件：{file}")
        result = read_catalog_path(file)
        for warning in result.warnings:
            self.stderr.write(f"提示：{warning}")
        if not result.ok:
            for problem in result.errors:
                self.stderr.write(str(problem))
            raise CommandError(f"文件有 {len(result.errors)} 处错误，未导入任何内容。")
        if dry_run:
            self.stdout.write(f"检查通过：{len(result.rows)} 个事项，可导入 {target.name}（未写入，--dry-run）。")
            return
        try:
            version = actions.import_catalog(user=SYSTEM, division=target, rows=result.rows, filename=file.name)
        except ActionRefused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已导入 {target.name}：第 {version.number} 版，{len(result.rows)} 个事项。")
