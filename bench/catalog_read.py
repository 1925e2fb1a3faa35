"""How fast catalog files are read: python-calamine vs openpyxl-free stdlib tsv, one JSON line per case.

.venv/bin/python bench/catalog_read.py [--rows 10000]
"""

import argparse
import io
import json
import time

from qingdan.duties.sheet import read_catalog, write_tsv, write_xlsx


def rows(count: int) -> list[dict[str, str]]:
    return [
        {
            "list_kind": "negative",
            "item_no": str(n),
            "name": f"不得要求村级组织出具第{n}种证明",
            "category": "证明事项",
        }
        for n in range(count)
    ]


def timed(data: bytes, name: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        result = read_catalog(data, name)
        best = min(best, time.perf_counter() - started)
        assert result.ok
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    count = parser.parse_args().rows
    tsv, xlsx = io.StringIO(), io.BytesIO()
    write_tsv(rows(count), tsv)
    write_xlsx(rows(count), xlsx)
    for fmt, data in (("tsv", tsv.getvalue().encode()), ("xlsx", xlsx.getvalue())):
        seconds = timed(data, f"catalog.{fmt}")
        print(json.dumps({"name": f"read_{fmt}_{count}_rows_s", "value": round(seconds, 4), "unit": "s"}))


if __name__ == "__main__":
    main()
