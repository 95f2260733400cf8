from pathlib import Path

from desktop.core.taxonomy import DEFAULT_STAGES, load_glossary, load_taxonomy, parse_glossary

GUIDANCE_STAGES = [row[0] for row in DEFAULT_STAGES]
GUIDANCE_TAGS = ("irate abusive threat demanding customer-wrong repeat-caller long-wait "
                 "supervisor-request billing chat stay-calm do-not-say tone").split()


def test_bundled_taxonomy_has_every_id_in_call_order(bundled_kb: Path) -> None:
    taxonomy = load_taxonomy(bundled_kb)
    assert taxonomy.stage_ids == GUIDANCE_STAGES
    assert set(GUIDANCE_TAGS) <= set(taxonomy.tag_ids)
    assert taxonomy.stage_label("restate", "en") == "Repeat back"
    assert taxonomy.stage_label("restate", "fil") == "Ulitin ang detalye"
    assert all(t.en and t.fil for t in taxonomy.tags)
    assert taxonomy.stage_order("after-call") == len(GUIDANCE_STAGES) - 1


def test_trainers_can_add_tags(tmp_path: Path, bundled_kb: Path) -> None:
    text = (bundled_kb / "taxonomy.md").read_text(encoding="utf-8")
    text += "| warranty | Warranty | Warranty | asks about a warranty claim |\n"
    (tmp_path / "taxonomy.md").write_text(text, encoding="utf-8")
    taxonomy = load_taxonomy(tmp_path)
    assert taxonomy.tag_ids[-1] == "warranty"
    assert taxonomy.lines["warranty"] == text.count("\n")


def test_missing_taxonomy_falls_back_to_guidance_stages(tmp_path: Path) -> None:
    assert load_taxonomy(tmp_path).stage_ids == GUIDANCE_STAGES


def test_glossary_groups() -> None:
    groups = parse_glossary("Intro text, not a group.\n- Angry, galit , high blood\n- lone\n"
                            "* hold, pinahold, hold\n")
    assert groups == [("angry", "galit", "high blood"), ("hold", "pinahold")]


def test_bundled_glossary_mixes_languages(bundled_kb: Path) -> None:
    groups = load_glossary(bundled_kb)
    assert len(groups) >= 40
    words = {w for g in groups for w in g}
    assert {"galit", "irate", "nagmumura", "supervisor", "i-transfer"} <= words
    assert len(words) == sum(len(g) for g in groups), "a word sits in two groups"
