"""The batch command, as `python -m qingdan.screening`, and the library's independence from Django."""

import re
import subprocess
import sys
from pathlib import Path

from .support import CATALOG

QUERIES = (
    "id\ttext\nq1\t请各村完成今年招商引资任务\n"
    "q2\t请各村组织开展外卖平台商家的资质审核\nq3\t将经济统计、人口普查等工作转嫁给社区\n"
)
ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qingdan.screening", *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


def test_the_batch_writes_one_prediction_line_per_request_in_the_stable_format(tmp_path):
    queries, predictions = tmp_path / "q.tsv", tmp_path / "p.tsv"
    queries.write_text(QUERIES, encoding="utf-8")
    done = run("--catalog", str(CATALOG), "--input", str(queries), "--output", str(predictions))
    assert done.returncode == 0, done.stderr
    lines = [line.split("\t") for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == ["id", "decision", "list_kind", "item_no", "score"]
    assert [line[:2] for line in lines[1:]] == [["q1", "refuse"], ["q2", "not_listed"], ["q3", "cooperate"]]
    assert lines[1][2] == "negative" and lines[1][3] in {"65", "69"}
    assert lines[2][2:4] == ["", ""]
    assert lines[3][2:4] == ["assist", "14"]
    assert all(0.0 <= float(line[4]) <= 1.0 for line in lines[1:])


def test_a_bad_catalog_file_lists_its_problems_and_fails(tmp_path):
    catalog, queries = tmp_path / "bad.tsv", tmp_path / "q.tsv"
    catalog.write_text("清单类型\t序号\n负面事项\t1\n", encoding="utf-8")
    queries.write_text(QUERIES, encoding="utf-8")
    done = run("--catalog", str(catalog), "--input", str(queries), "--output", str(tmp_path / "p.tsv"))
    assert done.returncode == 1
    assert "事项名称" in done.stderr
    assert not (tmp_path / "p.tsv").exists()


def test_a_request_file_without_its_header_or_not_in_utf8_gets_a_chinese_message(tmp_path):
    headless, gbk = tmp_path / "headless.tsv", tmp_path / "gbk.tsv"
    headless.write_text("q1\t请各村完成今年招商引资任务\n", encoding="utf-8")
    gbk.write_bytes("id\ttext\nq1\t请各村完成招商引资任务\n".encode("gb18030"))
    for path, words in ((headless, "表头"), (gbk, "UTF-8")):
        done = run("--catalog", str(CATALOG), "--input", str(path), "--output", str(tmp_path / "p.tsv"))
        assert done.returncode == 2
        assert words in done.stderr and "请求文件" in done.stderr


def test_the_library_and_its_batch_command_import_nothing_from_django():
    code = (
        "import sys\n"
        "from qingdan.screening import Screener\n"
        "from qingdan.screening import batch\n"
        "item = {'list_kind': 'negative', 'item_no': '1', 'name': '居民财产证明'}\n"
        "Screener([item]).screen('出具财产证明')\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_no_module_of_the_library_names_django():
    package = ROOT / "qingdan" / "screening"
    sources = [path for path in package.rglob("*.py") if "tests" not in path.parts]
    assert sources
    imports_django = re.compile(r"^\s*(from|import)\s+django\b", re.MULTILINE)
    assert not [path.name for path in sources if imports_django.search(path.read_text(encoding="utf-8"))]
