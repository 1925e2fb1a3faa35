"""Comparing two versions item by item."""

from qingdan.duties.diff import compare

from .factories import row


def kinds(diff):
    return sorted((c.kind, (c.new or c.old).name) for c in diff.changes)


def test_identical_versions_have_no_changes():
    items = [row("negative", "1", "居民财产证明")]
    assert compare(items, list(items)).changes == []


def test_added_and_removed_items_are_found():
    old = [row("negative", "1", "居民财产证明")]
    new = [row("negative", "2", "婚育状况证明")]
    assert kinds(compare(old, new)) == [("added", "婚育状况证明"), ("removed", "居民财产证明")]


def test_an_item_moved_to_another_list_kind_is_moved_not_added():
    old = [row("assist", "3", "村庄规划")]
    new = [row("negative", "75", "村庄规划")]
    diff = compare(old, new)
    assert kinds(diff) == [("moved", "村庄规划")]
    assert diff.changes[0].fields["item_no"] == ("3", "75")


def test_new_wording_in_the_same_place_is_reworded():
    old = [row("primary", "2", "宣传宪法、法律、法规和国家政策。")]
    new = [row("primary", "2", "宣传宪法、法律法规和党的政策。")]
    diff = compare(old, new)
    assert diff.counts["reworded"] == 1
    assert diff.changes[0].fields["name"] == (
        "宣传宪法、法律、法规和国家政策。",
        "宣传宪法、法律法规和党的政策。",
    )


def test_a_changed_responsible_unit_is_a_change_of_that_field():
    old = [row("assist", "1", "农业工作", responsible_unit="县农业农村局")]
    new = [row("assist", "1", "农业工作", responsible_unit="县水利局")]
    diff = compare(old, new)
    assert diff.counts["changed"] == 1
    assert diff.changes[0].fields == {"responsible_unit_name": ("县农业农村局", "县水利局")}


def test_spacing_and_full_width_punctuation_do_not_count_as_rewording():
    old = [row("negative", "1", "居民财产证明（含存款）")]
    new = [row("negative", "1", "居民财产证明 (含存款)")]
    assert compare(old, new).changes == []
