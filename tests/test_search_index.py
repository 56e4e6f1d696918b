"""What the built search index holds: topics' other names as tags, spelling variants only in the index."""

from __future__ import annotations

import json

import yaml

from conftest import ROOT

ROADMAP_DOC = yaml.safe_load((ROOT / "data" / "roadmap.yml").read_text(encoding="utf-8"))


def test_material_search_index_tags_each_topic_section_with_its_other_names(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = {doc["location"]: doc.get("tags", []) for doc in index["docs"]}
    for phase in ROADMAP_DOC["phases"]:
        for topic in phase["topics"]:
            location = f"phases/{phase['id']}.html#{topic['id']}"
            assert location in tags, location
            assert set(topic.get("also_called", [])) <= set(tags[location]), location


def test_other_names_show_under_the_heading(built_site):
    html = (built_site / "phases" / "mlops.html").read_text(encoding="utf-8")
    assert '<p class="rm-also">Also called: k8s,' in html


def test_spelling_variants_reach_material_search_index_but_no_page(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert "regularisation" in text["phases/classical-ml.html#bias-variance-regularization"].lower()
    assert "regularization" in text["phases/classical-ml.html#bias-variance-regularization"].lower()
    for page in built_site.rglob("*.html"):
        assert "rm-spelling" not in page.read_text(encoding="utf-8"), page


def test_pages_that_only_name_topics_weigh_less_in_material_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {doc["location"]: doc.get("boost") for doc in index["docs"]}
    assert boosts["glossary.html"] < 1 and boosts["tracks/genai.html"] < 1 and boosts["tracks/index.html"] < 1
    assert boosts.get("phases/mlops.html") in (None, 1)
