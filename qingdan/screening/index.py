"""The index of one catalog version: sparse matrices over the token vocabulary, built once, read-only.

Three views of the same items:
  postings   token → items with a BM25F weight (name 1.0, content and duties 0.5, category 0.2):
             finds the candidates for a request quickly.
  items      item → tokens with idf × coverage weight over name, content and duties: how much of a
             request an item covers.
  clauses    clause of an item name → tokens with idf × coverage weight: how much of an item (one of
             its clauses: "招商引资" in "不得向村(社区)摊派招商引资、协税护税…任务指标") a request covers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .rules import is_conditional, methods_forbidden
from .scope import VILLAGE_KINDS, is_certificate_item
from .text import Analysis, analyze, normalize, specificity

REFUSING_KINDS = frozenset({"withdrawn", "negative"})
FIELD_WEIGHTS = {"name": 1.0, "body": 0.5, "category": 0.2}
K1, B = 1.2, 0.75
# A token found in more than this share of the items (and in more than MIN_COMMON of them) names nothing
# specific: it neither finds candidates nor, alone, makes a match; it still counts in the coverages.
COMMON_SHARE = 0.25
MIN_COMMON = 2


@dataclass(frozen=True)
class IndexedItem:
    list_kind: str
    item_no: str
    name: str
    village_kind: bool
    certificate: bool
    conditional: bool  # a prohibition that holds unless a condition is met (rules.py)
    methods: tuple[str, ...]  # the methods it forbids (rules.py)


def _text(item, attribute: str) -> str:
    if isinstance(item, dict):
        return str(item.get(attribute) or "")
    return str(getattr(item, attribute, "") or "")


class CatalogIndex:
    """Build with CatalogIndex(items): any objects (or dicts) with list_kind, item_no, name and
    optionally content, grassroots_duty, department_duty and category, like duties.sheet.ItemRow."""

    def __init__(self, items: Iterable) -> None:
        self.items: list[IndexedItem] = []
        vocabulary: dict[str, int] = {}
        df: list[int] = []
        unit_rows: list[dict[int, float]] = []
        lengths: list[float] = []
        cover_rows: list[dict[int, float]] = []
        clause_rows: list[dict[int, float]] = []
        clause_items: list[int] = []
        category_cache: dict[str, Analysis] = {}

        def ids(weights: dict[str, float]) -> dict[int, float]:
            out = {}
            for token, weight in weights.items():
                number = vocabulary.get(token)
                if number is None:
                    number = vocabulary[token] = len(vocabulary)
                    df.append(0)
                out[number] = weight
            return out

        for number, item in enumerate(items):
            name = normalize(_text(item, "name"))
            body = " ".join(
                _text(item, field) for field in ("content", "grassroots_duty", "department_duty")
            ).strip()
            category_text = _text(item, "category")
            parts = {"name": analyze(name, normalized=True), "body": analyze(body)}
            if category_text not in category_cache:
                category_cache[category_text] = analyze(category_text)
            parts["category"] = category_cache[category_text]

            units: dict[str, float] = {}
            length = 0.0
            for part, analysis in parts.items():
                weight = FIELD_WEIGHTS[part]
                for token, count in analysis.units.items():
                    length += weight * count
                    # The heading helps rank an item for a word its own text has, never finds it alone.
                    if part != "category" or token in units:
                        units[token] = units.get(token, 0.0) + weight * count
            unit_ids = ids(units)
            for token_id in unit_ids:
                df[token_id] += 1
            unit_rows.append(unit_ids)
            lengths.append(length)

            cover = dict(parts["body"].coverage)
            for token, weight in parts["name"].coverage.items():
                cover[token] = max(weight, cover.get(token, 0.0))
            cover_rows.append(ids(cover))
            for clause in parts["name"].clauses:
                clause_rows.append(ids(clause))
                clause_items.append(number)

            kind = _text(item, "list_kind")
            self.items.append(
                IndexedItem(
                    list_kind=kind,
                    item_no=_text(item, "item_no"),
                    name=_text(item, "name"),
                    village_kind=kind in VILLAGE_KINDS,
                    certificate=is_certificate_item(name),
                    conditional=is_conditional(name),
                    methods=methods_forbidden(name),
                )
            )

        count = len(self.items)
        self.size = count
        self.village_kind = np.fromiter((item.village_kind for item in self.items), dtype=bool, count=count)
        self.certificate = np.fromiter((item.certificate for item in self.items), dtype=bool, count=count)
        self.conditional = np.fromiter((item.conditional for item in self.items), dtype=bool, count=count)
        self.refusing = np.fromiter(
            (item.list_kind in REFUSING_KINDS for item in self.items), dtype=bool, count=count
        )
        # method → the items that forbid it, unconditional ones first
        by_method: dict[str, list[int]] = {}
        for number, item in sorted(enumerate(self.items), key=lambda pair: pair[1].conditional):
            for method in item.methods:
                by_method.setdefault(method, []).append(number)
        self.method_items = {method: np.asarray(found, dtype=np.int64) for method, found in by_method.items()}
        self.vocabulary = vocabulary
        self.tokens = [""] * len(vocabulary)
        for token, token_id in vocabulary.items():
            self.tokens[token_id] = token
        document_frequency = np.asarray(df, dtype=np.float64)
        # idf in this catalog × specificity in general Chinese (text.specificity)
        background = np.fromiter((specificity(token) for token in self.tokens), dtype=np.float64)
        self.idf = np.log1p((count - document_frequency + 0.5) / (document_frequency + 0.5)) * background
        self.novel_idf = math.log1p((count + 0.5) / 0.5)  # × specificity: a request word no item contains
        self.informative = document_frequency <= max(MIN_COMMON, COMMON_SHARE * count)
        searchable = self.informative

        # postings: BM25F weights, token-major
        average = (sum(lengths) / count) if count else 1.0
        rows, cols, vals = _flatten(unit_rows)
        norm = K1 * (1 - B + B * np.asarray(lengths, dtype=np.float64) / max(average, 1e-9))
        bm25 = self.idf[cols] * vals * (K1 + 1) / (vals + norm[rows])
        keep = searchable[cols]
        postings = sparse.csr_matrix(
            (bm25[keep].astype(np.float32), (cols[keep], rows[keep])), shape=(len(vocabulary), count)
        )
        self.postings = postings  # tokens × items: (requests × tokens) @ postings = BM25F scores
        self.post_ptr, self.post_item, self.post_weight = postings.indptr, postings.indices, postings.data

        # items: idf × coverage weight, item-major
        rows, cols, vals = _flatten(cover_rows)
        covered = sparse.csr_matrix(
            ((self.idf[cols] * vals).astype(np.float32), (rows, cols)), shape=(count, len(vocabulary))
        )
        self.item_ptr, self.item_token, self.item_weight = covered.indptr, covered.indices, covered.data

        # clauses: idf × coverage weight, clause-major, an item's clauses contiguous
        rows, cols, vals = _flatten(clause_rows)
        clauses = sparse.csr_matrix(
            ((self.idf[cols] * vals).astype(np.float32), (rows, cols)),
            shape=(len(clause_rows), len(vocabulary)),
        )
        self.clause_ptr, self.clause_token, self.clause_weight = (
            clauses.indptr,
            clauses.indices,
            clauses.data,
        )
        self.clause_mass = np.asarray(clauses.sum(axis=1)).ravel().astype(np.float32)
        self.clause_item = np.asarray(clause_items, dtype=np.int32)
        # clauses of item i: clause_start[i] .. clause_start[i + 1]
        self.clause_start = np.searchsorted(self.clause_item, np.arange(count + 1)).astype(np.int64)


def _flatten(rows: list[dict[int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sizes = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
    total = int(sizes.sum())
    row_numbers = np.repeat(np.arange(len(rows), dtype=np.int32), sizes)
    cols = np.fromiter((key for row in rows for key in row), dtype=np.int32, count=total)
    vals = np.fromiter((value for row in rows for value in row.values()), dtype=np.float64, count=total)
    return row_numbers, cols, vals
