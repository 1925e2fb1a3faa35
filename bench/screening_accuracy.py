"""How well the screener decides: confusion matrix, decision accuracy and best-item hit on labelled requests.

.venv/bin/python bench/screening_accuracy.py [--catalog FILE] [--labels FILE] [--errors]

Defaults: ../shared/data/catalogs/hubei_county_village.tsv and ../shared/data/screening/requests_dev.tsv.
The labels file has a header and the columns id, text, gold_decision, gold_items (清单类型:序号 joined
by ";"). One JSON object per line: the confusion matrix row by row, with --errors every miss, and last
{"accuracy": …, "best_item_hit": …, "n": …}. best_item_hit counts the requests with gold items whose
best match is one of them.
"""

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

from qingdan.duties.sheet import LIST_KINDS, read_catalog_path
from qingdan.screening import DECISIONS, Screener

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def read_labels(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def gold_items(value: str) -> set[tuple[str, str]]:
    found = set()
    for part in filter(None, (piece.strip() for piece in value.split(";"))):
        heading, _, number = part.partition(":")
        found.add((LIST_KINDS.get(heading, heading), number))
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", type=Path, default=SHARED / "catalogs" / "hubei_county_village.tsv")
    parser.add_argument("--labels", type=Path, default=SHARED / "screening" / "requests_dev.tsv")
    parser.add_argument("--errors", action="store_true", help="also print every wrong decision or item")
    args = parser.parse_args()

    catalog = read_catalog_path(args.catalog)
    if not catalog.ok:
        for problem in catalog.errors:
            print(problem, file=sys.stderr)
        return 1
    screener = Screener(catalog.rows)
    labels = read_labels(args.labels)
    results = screener.screen_many([row["text"] for row in labels])

    confusion = {gold: Counter() for gold in DECISIONS}
    correct = hits = with_items = 0
    for row, result in zip(labels, results, strict=True):
        gold = row["gold_decision"]
        confusion.setdefault(gold, Counter())[result.decision] += 1
        correct += result.decision == gold
        wanted = gold_items(row.get("gold_items", ""))
        best = result.best
        hit = bool(best and (best.list_kind, best.item_no) in wanted)
        if wanted:
            with_items += 1
            hits += hit
        if args.errors and (result.decision != gold or (wanted and not hit)):
            top = result.matches[0] if result.matches else None
            print(
                json.dumps(
                    {
                        "id": row["id"],
                        "gold": gold,
                        "predicted": result.decision,
                        "gold_items": row.get("gold_items", ""),
                        "top": f"{top.list_kind}:{top.item_no} {top.name[:30]}" if top else None,
                        "score": top.score if top else None,
                        "words": top.matched_words if top else [],
                    },
                    ensure_ascii=False,
                )
            )
    for gold, predicted in confusion.items():
        print(json.dumps({"gold": gold, "predicted": {d: predicted[d] for d in DECISIONS}}))
    print(
        json.dumps(
            {
                "accuracy": round(correct / len(labels), 4) if labels else 0.0,
                "best_item_hit": round(hits / with_items, 4) if with_items else 0.0,
                "n": len(labels),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
