"""Three-way merge against the version that was loaded (issue 12, item 2)."""

from __future__ import annotations

from desktop.core.merge import merge3

BASE = "---\nid: x\ntitle: Hold\n---\n\n## Say\n- one\n- two\n- three\n"


def test_edits_to_different_lines_merge() -> None:
    mine = BASE.replace("- one", "- one, mine")
    theirs = BASE.replace("- three", "- three\n- four, theirs")
    result = merge3(BASE, mine, theirs)
    assert result.clean
    assert result.text() == BASE.replace("- one", "- one, mine").replace(
        "- three", "- three\n- four, theirs")


def test_same_edit_on_both_sides_is_not_a_conflict() -> None:
    both = BASE.replace("- two", "- 2")
    assert merge3(BASE, both, both).text() == both


def test_overlapping_edits_show_both_sides() -> None:
    mine = BASE.replace("- two", "- two (mine)")
    theirs = BASE.replace("- two", "- two (theirs)")
    result = merge3(BASE, mine, theirs)
    assert not result.clean
    (conflict,) = result.conflicts
    assert conflict.mine == ("- two (mine)",) and conflict.theirs == ("- two (theirs)",)
    assert conflict.line == 8
    assert result.text({0: "theirs"}) == theirs
    assert result.text({0: "both"}) == BASE.replace("- two", "- two (mine)\n- two (theirs)")


def test_unchanged_mine_takes_theirs() -> None:
    theirs = BASE.replace("title: Hold", "title: On hold")
    assert merge3(BASE, BASE, theirs).text() == theirs
