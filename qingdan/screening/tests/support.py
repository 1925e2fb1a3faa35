"""Shared files and builders for the screening tests: the county catalog and labelled requests."""

import csv
from functools import cache
from pathlib import Path

from qingdan.duties.sheet import LIST_KINDS, read_catalog_path
from qingdan.screening import Screener

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
# The published county catalog the demo ships (a copy of the shared development data, byte for byte).
CATALOG = Path(__file__).resolve().parents[2] / "demo" / "data" / "hubei_county_village.tsv"
DEV_REQUESTS = SHARED / "screening" / "requests_dev.tsv"  # beside the repository only: skipped without it
HELDOUT_REQUESTS = Path(__file__).with_name("data") / "requests_heldout.tsv"


@cache
def county_screener() -> Screener:
    result = read_catalog_path(CATALOG)
    assert result.ok, result.errors
    return Screener(result.rows)


def labelled(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def gold_items(value: str) -> set[tuple[str, str]]:
    pairs = (part.split(":") for part in value.split(";") if part)
    return {(LIST_KINDS[heading], number) for heading, number in pairs}
