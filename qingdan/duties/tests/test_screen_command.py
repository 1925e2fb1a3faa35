"""`qingdan screen`: batch screening from files, with no database at all."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CATALOG = (
    "清单类型\t序号\t事项名称\n负面事项\t1\t居民财产证明\n"
    "负面事项\t2\t不得将村级组织作为招商引资事务的责任主体\n"
)
QUERIES = "id\ttext\nq1\t请各村完成今年招商引资任务\nq2\t请村委会出具财产证明\nq3\t请各村组织开展植树活动\n"


def qingdan(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "qingdan.settings"}
    return subprocess.run(
        [sys.executable, "-m", "qingdan.cli", *args], capture_output=True, text=True, cwd=ROOT, env=env
    )


def files(tmp_path, catalog=CATALOG, encoding="utf-8"):
    (tmp_path / "catalog.tsv").write_text(catalog, encoding=encoding)
    (tmp_path / "queries.tsv").write_text(QUERIES, encoding=encoding)
    return ["--catalog", str(tmp_path / "catalog.tsv"), "--input", str(tmp_path / "queries.tsv")]


def test_the_command_screens_with_an_unreachable_database(tmp_path):
    output = tmp_path / "pred.tsv"
    done = qingdan(
        "screen", *files(tmp_path), "--output", str(output), database_url="postgres://nobody@127.0.0.1:1/none"
    )
    assert done.returncode == 0, done.stderr
    header, *lines = output.read_text(encoding="utf-8").splitlines()
    assert header == "id\tdecision\tlist_kind\titem_no\tscore"
    rows = [line.split("\t") for line in lines]
    assert [row[:4] for row in rows] == [
        ["q1", "refuse", "negative", "2"],
        ["q2", "refuse", "negative", "1"],
        ["q3", "not_listed", "", ""],
    ]


def test_the_command_creates_no_sqlite_file(tmp_path):
    database = tmp_path / "missing" / "qingdan.sqlite3"
    done = qingdan("screen", *files(tmp_path), "--output", "-", database_url=f"sqlite:///{database}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("id\tdecision\tlist_kind\titem_no\tscore\n")
    assert not database.exists() and not database.parent.exists()


def test_a_bad_catalog_file_prints_its_problems_and_exits_non_zero(tmp_path):
    output = tmp_path / "pred.tsv"
    done = qingdan(
        "screen",
        *files(tmp_path, catalog="清单类型\t序号\n负面事项\t1\n"),
        "--output",
        str(output),
        database_url="postgres://nobody@127.0.0.1:1/none",
    )
    assert done.returncode == 1
    assert "事项名称" in done.stderr
    assert not output.exists()


def test_files_with_a_byte_order_mark_screen_the_same_as_files_without(tmp_path):
    runs = {}
    for encoding in ("utf-8", "utf-8-sig"):
        folder = tmp_path / encoding
        folder.mkdir()
        done = qingdan(
            "screen",
            *files(folder, encoding=encoding),
            "--output",
            "-",
            database_url="postgres://nobody@127.0.0.1:1/none",
        )
        assert done.returncode == 0, done.stderr
        runs[encoding] = done.stdout
    assert (tmp_path / "utf-8-sig" / "queries.tsv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert runs["utf-8-sig"] == runs["utf-8"]
    assert runs["utf-8"].count("\trefuse\t") == 2
