"""Batch screening without a database: a catalog file and a file of requests in, one decision per request out.

    python -m qingdan.screening --catalog FILE --input QUERIES.tsv --output PRED.tsv
    qingdan screen --catalog FILE --input QUERIES.tsv --output PRED.tsv      (the same, as a command)

FILE         a catalog in the import layout (.xlsx or .tsv), read by qingdan.duties.sheet
QUERIES.tsv  UTF-8, header "id<TAB>text", one request per line
PRED.tsv     header "id<TAB>decision<TAB>list_kind<TAB>item_no<TAB>score", one line per request in input
             order; list_kind and item_no name the deciding item and are empty for not_listed, where score
             is that of the nearest item (0 when none shares a word)

Exit status: 0 done, 1 the catalog file has problems (listed on stderr), 2 the request file or an output
path is unusable (a Chinese message on stderr).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from qingdan.duties.sheet import read_catalog_path

from .screener import NOT_LISTED, Screener

OUTPUT_HEADER = ("id", "decision", "list_kind", "item_no", "score")

# Messages for people, in Chinese (this library has no Django, so no gettext).
CATALOG_PROBLEMS = "清单文件有 {count} 处错误，未进行筛查。"
CATALOG_NOTE = "提示：{warning}"
CATALOG_EMPTY = "清单文件中没有任何事项，无法筛查。"
QUERIES_MISSING = "找不到请求文件：{path}"
QUERIES_NOT_UTF8 = (
    "请求文件 {path} 不是 UTF-8 编码（第 {line} 行附近有无法识别的字节），请另存为 UTF-8 后重试。"
)
QUERIES_NO_HEADER = "请求文件 {path} 的第 1 行应是表头“id<Tab>text”，实际是“{found}”。"
QUERIES_BAD_LINE = "请求文件 {path} 第 {line} 行应有两列（编号<Tab>请求内容），实际只有一列。"
QUERIES_EMPTY_ID = "请求文件 {path} 第 {line} 行的编号（id）为空。"
OUTPUT_FAILED = "无法写入结果文件 {path}：{reason}"


class BatchError(Exception):
    """The request file or an output path cannot be used; the message is Chinese, for the user."""


@dataclass(frozen=True)
class Request:
    id: str
    text: str


def read_requests(path: Path) -> list[Request]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BatchError(QUERIES_MISSING.format(path=path)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise BatchError(QUERIES_NOT_UTF8.format(path=path, line=where)) from exc
    lines = text.splitlines()
    header = lines[0].split("\t") if lines else []
    if [cell.strip().lower() for cell in header[:2]] != ["id", "text"]:
        found = lines[0][:40].replace("\t", "<Tab>") if lines else ""
        raise BatchError(QUERIES_NO_HEADER.format(path=path, found=found))
    requests = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise BatchError(QUERIES_BAD_LINE.format(path=path, line=number))
        if not cells[0].strip():
            raise BatchError(QUERIES_EMPTY_ID.format(path=path, line=number))
        requests.append(Request(id=cells[0].strip(), text=cells[1]))
    return requests


def prediction_rows(requests: list[Request], screener: Screener) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    results = screener.screen_many([request.text for request in requests], top=1)
    for request, result in zip(requests, results, strict=True):
        nearest = result.matches[0] if result.matches else None
        best = result.best if result.decision != NOT_LISTED else None
        rows.append(
            (
                request.id,
                result.decision,
                best.list_kind if best else "",
                best.item_no if best else "",
                f"{nearest.score:.4f}" if nearest else "0",
            )
        )
    return rows


def run(catalog: Path, queries: Path, output: Path | str, *, err: TextIO | None = None) -> int:
    """Screen every request of ``queries`` against ``catalog`` and write ``output`` ("-": stdout)."""
    err = err or sys.stderr
    result = read_catalog_path(catalog)
    for warning in result.warnings:
        print(CATALOG_NOTE.format(warning=warning), file=err)
    if not result.ok:
        for problem in result.errors:
            print(problem, file=err)
        print(CATALOG_PROBLEMS.format(count=len(result.errors)), file=err)
        return 1
    if not result.rows:
        print(CATALOG_EMPTY, file=err)
        return 1
    try:
        requests = read_requests(Path(queries))
        rows = prediction_rows(requests, Screener(result.rows))
        write_rows(output, [OUTPUT_HEADER, *rows])
    except BatchError as exc:
        print(exc, file=err)
        return 2
    return 0


def write_rows(output: Path | str, rows: list[tuple[str, ...]]) -> None:
    text = "".join("\t".join(_cell(value) for value in row) + "\n" for row in rows)
    if str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BatchError(OUTPUT_FAILED.format(path=output, reason=exc.strerror or exc)) from exc


def _cell(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--catalog", required=True, type=Path, help="catalog file (.xlsx or .tsv)")
    parser.add_argument("--input", required=True, type=Path, help="requests: id<TAB>text, with header")
    parser.add_argument("--output", required=True, help='predictions file, "-" for standard output')
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = arguments(argparse.ArgumentParser(prog="python -m qingdan.screening", description=__doc__))
    args = parser.parse_args(argv)
    return run(args.catalog, args.input, args.output)
