"""Accuracy floors on the labelled requests, so that a regression fails (the figures: bench/)."""

import pytest

from .support import DEV_REQUESTS, HELDOUT_REQUESTS, county_screener, gold_items, labelled


def figures(path) -> tuple[float, float]:
    rows = labelled(path)
    results = county_screener().screen_many([row["text"] for row in rows])
    right = sum(result.decision == row["gold_decision"] for row, result in zip(rows, results, strict=True))
    with_items = [(row, result) for row, result in zip(rows, results, strict=True) if row["gold_items"]]
    hits = sum(
        bool(result.best and (result.best.list_kind, result.best.item_no) in gold_items(row["gold_items"]))
        for row, result in with_items
    )
    return right / len(rows), hits / len(with_items)


@pytest.mark.skipif(not DEV_REQUESTS.exists(), reason="shared/data is not beside the repository")
def test_the_dev_requests_are_decided_and_explained_well_enough():
    accuracy, best_item_hit = figures(DEV_REQUESTS)
    assert accuracy >= 0.85
    assert best_item_hit >= 0.80


def test_the_held_out_requests_are_decided_and_explained_well_enough():
    accuracy, best_item_hit = figures(HELDOUT_REQUESTS)
    assert accuracy >= 0.85
    assert best_item_hit >= 0.80
