"""Track paths on the built site: every track page holds its topics, the core, and all they require."""

from __future__ import annotations

import json
import re

import yaml

from conftest import ROOT, expected_path

ROADMAP_DOC = yaml.safe_load((ROOT / "data" / "roadmap.yml").read_text(encoding="utf-8"))
TRACKS = [t["id"] for t in ROADMAP_DOC["tracks"]]


def path_ids_on_page(html: str) -> list[str]:
    nav = html[html.index('<ol class="rm-track-path">'):]
    nav = nav[:nav.index("</nav>")]
    return re.findall(r'<li class="rm-node" data-topic="([a-z0-9-]+)"', nav)


def test_every_track_page_holds_the_requires_closure_in_roadmap_order(built_site):
    for track in TRACKS:
        html = (built_site / "tracks" / f"{track}.html").read_text(encoding="utf-8")
        expected = [t["id"] for t in expected_path(ROADMAP_DOC, track)]
        assert path_ids_on_page(html) == expected, track
        hours = sum(t["hours"] for t in expected_path(ROADMAP_DOC, track))
        assert f"about {hours:g} h of study" in html, track


def test_every_prerequisite_of_a_path_topic_is_on_the_path_or_an_alternative(built_site):
    by_id = {t["id"]: t for p in ROADMAP_DOC["phases"] for t in p["topics"]}
    for track in TRACKS:
        html = (built_site / "tracks" / f"{track}.html").read_text(encoding="utf-8")
        on_page = set(path_ids_on_page(html))
        for topic_id in on_page:
            for required in by_id[topic_id].get("requires", []):
                assert required in on_page, f"{track}: {topic_id} requires {required}, missing from the page"


def test_a_track_path_counts_one_cloud_and_no_certification(built_site):
    html = (built_site / "tracks" / "mlops.html").read_text(encoding="utf-8")
    ids = path_ids_on_page(html)
    assert sum(i.startswith("cloud-") for i in ids) == 1
    assert "certifications" not in ids
    assert "pick one" in html  # the other clouds are offered as alternatives, not counted


def test_planner_data_gives_each_topic_the_tracks_whose_path_holds_it(built_site):
    html = (built_site / "study-plan.html").read_text(encoding="utf-8")
    payload = json.loads(re.search(r'<script type="application/json" id="rm-plan-data">(.*?)</script>', html).group(1))
    paths = {t["id"]: set(t["paths"]) for p in payload["phases"] for t in p["topics"]}
    for track in TRACKS:
        expected = {t["id"] for t in expected_path(ROADMAP_DOC, track)}
        assert {tid for tid, tracks in paths.items() if track in tracks and not tid.startswith("cloud-")} == \
            {tid for tid in expected if not tid.startswith("cloud-")}, track
