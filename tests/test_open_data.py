"""The published open data: valid against its own schema, and exactly what the data files hold."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from conftest import ROOT, expected_path


def _yaml(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, "-m", "macros.after_build", str(site)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return (json.loads((site / "data" / "roadmap.json").read_text(encoding="utf-8")),
            json.loads((site / "data" / "roadmap.schema.json").read_text(encoding="utf-8")))


def test_the_file_validates_against_the_published_schema(published):
    document, schema = published
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
    assert not errors, errors[:5]
    assert document["licence"] == "CC BY-SA 4.0" and document["format_version"].startswith("1.")


def test_the_schema_refuses_what_the_format_does_not_allow(published):
    document, schema = published
    broken = json.loads(json.dumps(document))
    broken["resources"][0]["cost"] = "cheap"
    del broken["phases"][0]["topics"][0]["hours"]
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(broken))) == 2


def test_topics_and_phases_are_exactly_the_data_files(published):
    document, _ = published
    source = _yaml("roadmap.yml")
    assert [p["id"] for p in document["phases"]] == [p["id"] for p in source["phases"]]
    for phase, original in zip(document["phases"], source["phases"]):
        assert (phase["title"], phase["summary"]) == (original["title"], original["summary"])
        assert [t["id"] for t in phase["topics"]] == [t["id"] for t in original["topics"]]
        for topic, raw in zip(phase["topics"], original["topics"]):
            for field in ("title", "summary", "hours"):
                assert topic[field] == raw[field], (topic["id"], field)
            for field in ("requires", "tracks", "aliases", "also_called"):
                assert topic.get(field, []) == raw.get(field, []), (topic["id"], field)
            for flag in ("core", "optional"):
                assert topic.get(flag, False) == raw.get(flag, False), (topic["id"], flag)
            assert topic.get("one_of") == raw.get("one_of")


def test_tracks_carry_their_computed_paths(published):
    document, _ = published
    source = _yaml("roadmap.yml")
    for track in document["tracks"]:
        path = expected_path(source, track["id"])
        assert track["path"] == [t["id"] for t in path], track["id"]
        assert track["hours"] == sum(t["hours"] for t in path)


def test_resources_and_glossary_are_exactly_the_data_files(published):
    document, _ = published
    raw_resources = _yaml("resources.yml")["resources"]
    assert len(document["resources"]) == len(raw_resources)
    for resource, raw in zip(document["resources"], raw_resources):
        assert resource == {**raw, "language": raw.get("language", "en")}, raw["id"]
    raw_terms = _yaml("glossary.yml")["terms"]
    assert document["glossary"] == raw_terms
