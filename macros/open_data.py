"""The roadmap as open data: one JSON file, with the JSON Schema it follows, beside the site.

`write(roadmap, site_dir)` puts SITE_DIR/data/roadmap.json and SITE_DIR/data/roadmap.schema.json
beside the site; macros/after_build.py calls it after every build, so the deploy publishes both at
stable URLs. Like data.py and render.py, this
module imports no generator.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from . import data

# Bump the major number when a field is renamed or removed, the minor one when a field is added.
FORMAT_VERSION = "1.0"
LICENCE = "CC BY-SA 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "open-data.schema.json"
OUTPUT_DIR = "data"


def _drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, (), [], False)}


def build(roadmap: data.Roadmap) -> dict[str, Any]:
    """Everything the data files hold, plus what the site derives from it (track paths, hours)."""
    return {
        "format_version": FORMAT_VERSION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "tracks": [
            {"id": t.id, "title": t.title, "summary": t.summary,
             "path": [topic.id for topic in roadmap.path(t.id)],
             "hours": sum(topic.hours for topic in roadmap.path(t.id))}
            for t in roadmap.tracks
        ],
        "phases": [
            {"id": p.id, "number": p.number, "title": p.title, "summary": p.summary,
             "topics": [
                 {**_drop_empty({
                     "id": t.id, "title": t.title, "summary": t.summary, "hours": t.hours,
                     "requires": list(t.requires), "tracks": list(t.tracks), "aliases": list(t.aliases),
                     "also_called": list(t.also_called), "core": t.core, "optional": t.optional,
                     "one_of": t.one_of,
                 }), "on_tracks": list(roadmap.tracks_of(t.id))}  # empty for an optional topic
                 for t in p.topics
             ]}
            for p in roadmap.phases
        ],
        "resources": [
            _drop_empty({
                "id": r.id, "title": r.title, "url": r.url, "type": r.type, "cost": r.cost, "level": r.level,
                "language": r.language or "en", "topics": list(r.topics), "author": r.author,
                "provider": r.provider, "hours": r.hours, "why": r.why,
            })
            for r in roadmap.resources
        ],
        "glossary": [
            _drop_empty({"term": g.term, "stands_for": g.stands_for, "definition": g.definition, "topic": g.topic})
            for g in roadmap.glossary
        ],
    }


def write(roadmap: data.Roadmap, site_dir: Path) -> Path:
    target = site_dir / OUTPUT_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / "roadmap.json").write_text(
        json.dumps(build(roadmap), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shutil.copyfile(SCHEMA_FILE, target / "roadmap.schema.json")
    return target / "roadmap.json"
