"""Normalising and tokenising Chinese text."""

from qingdan.screening import normalize
from qingdan.screening.text import analyze, specificity


def test_traditional_characters_become_simplified():
    assert normalize("夫妻關系證明") == "夫妻关系证明"
    assert normalize("非醫學性死亡證明") == "非医学性死亡证明"


def test_full_width_letters_digits_and_punctuation_become_half_width_and_lower_case():
    assert normalize("政务ＡＰＰ（第１批）；") == "政务app(第1批);"


def test_list_commas_quotes_and_spaces_get_one_spelling():
    assert normalize("“突击”报送、多头报送　　重复报送") == '"突击"报送,多头报送 重复报送'


def test_stopwords_and_addressees_are_left_out_of_the_words():
    words = analyze("请各村(社区)完成今年招商引资任务").words
    assert words == ["招商引资"]


def test_a_long_word_also_gives_its_bigrams_so_a_differently_cut_word_still_meets():
    analysis = analyze("经济统计")
    assert {"统计", "经济"} <= set(analysis.units)


def test_synonyms_meet_as_one_concept_and_the_words_they_cover_weigh_nothing_in_coverage():
    marriage, birth = analyze("婚育状况证明"), analyze("生育状况证明")
    assert "~婚育" in marriage.coverage and "~婚育" in birth.coverage
    assert birth.coverage["生育"] == 0.0
    shared = {token for token, weight in marriage.coverage.items() if weight > 0}
    assert shared == {token for token, weight in birth.coverage.items() if weight > 0}


def test_a_work_area_is_found_from_a_concrete_task():
    assert "~农业" in analyze("动物疫病监测、检疫").coverage


def test_item_names_are_split_into_clauses_at_list_commas():
    clauses = analyze("不得将村级组织作为行政执法、拆迁拆违、招商引资、安全生产等事务的责任主体").clauses
    assert {"~招商引资": 1.0} in [{k: v for k, v in clause.items() if v} for clause in clauses]


def test_everyday_words_are_less_specific_than_governance_terms():
    assert specificity("组织") < specificity("证明") < specificity("招商引资") == 1.0
