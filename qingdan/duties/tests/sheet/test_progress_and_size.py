import subprocess
import sys

from qingdan.duties.sheet import read_catalog

from .build import tsv


def many_rows(count: int) -> bytes:
    return tsv(
        *(["负面事项", str(number), f"不得要求村级组织出具第{number}种证明"] for number in range(count))
    )


def test_progress_is_reported_about_every_200_rows_and_at_the_end():
    calls = []

    result = read_catalog(many_rows(1000), "a.tsv", progress=lambda done, total: calls.append((done, total)))

    assert len(result.rows) == 1000
    assert calls == [(200, 1000), (400, 1000), (600, 1000), (800, 1000), (1000, 1000)]


def test_ten_thousand_rows_are_all_read_in_order():
    result = read_catalog(many_rows(10_000), "a.tsv")

    assert result.ok
    assert [r.item_no for r in result.rows[:3]] == ["0", "1", "2"]
    assert len(result.rows) == 10_000


def test_the_library_imports_nothing_from_django():
    code = "import sys, qingdan.duties.sheet; print(sorted(m for m in sys.modules if m.startswith('django')))"

    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert output.strip() == "[]"
