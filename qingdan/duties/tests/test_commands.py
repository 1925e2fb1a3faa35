"""The import-catalog and export-catalog commands, as other systems and checks call them."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from qingdan.duties.models import Catalog, DutyItem
from qingdan.duties.sheet import read_catalog_path

# The published county catalog the demo ships (a copy of the shared development data, byte for byte).
CATALOG = Path(__file__).resolve().parents[2] / "demo" / "data" / "hubei_county_village.tsv"

pytestmark = pytest.mark.skipif(not CATALOG.exists(), reason="the published village catalog is not available")


def test_import_loads_every_item_of_the_published_village_catalog(village, capsys):
    call_command("import-catalog", str(CATALOG), "--division", village.code)
    catalog = Catalog.objects.get(division=village)
    assert catalog.current_version.items.count() == 122
    assert "122" in capsys.readouterr().out


def test_dry_run_changes_nothing(village):
    call_command("import-catalog", str(CATALOG), "--division", village.code, "--dry-run")
    assert not Catalog.objects.exists()


def test_a_bad_file_fails_naming_the_rows_and_changes_nothing(village, tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    lines = CATALOG.read_text(encoding="utf-8").splitlines()
    lines[3] = "负面清单" + lines[3][lines[3].index("\t") :]
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import-catalog", str(bad), "--division", village.code)
    assert "第4行" in capsys.readouterr().err
    assert not DutyItem.objects.exists()


def test_an_unknown_division_is_refused(db):
    with pytest.raises(CommandError, match="未找到"):
        call_command("import-catalog", str(CATALOG), "--division", "999999999999")


def test_export_reimports_to_the_same_catalog(village, community, tmp_path):
    call_command("import-catalog", str(CATALOG), "--division", village.code)
    exported = tmp_path / "out.xlsx"
    call_command("export-catalog", "--division", village.code, "--output", str(exported))
    call_command("import-catalog", str(exported), "--division", community.code)

    def items(division):
        return list(
            DutyItem.objects.filter(version__catalog__division=division)
            .order_by("position")
            .values_list("list_kind", "item_no", "category", "name", "content", "basis", "source")
        )

    assert items(community) == items(village)
    assert [r.name for r in read_catalog_path(exported).rows] == [
        r.name for r in read_catalog_path(CATALOG).rows
    ]
