"""Data text reaches HTML only escaped: a hostile string in every text field of every data file,
built into every kind of page, shows literally, in the body and in the head's meta tags alike."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import FIXTURE_MKDOCS, GOOD_GLOSSARY, GOOD_RESOURCES, GOOD_ROADMAP, mkdocs_build, write_fixture_site

HOSTILE = '"><script>alert(1)</script>{{ 7*7 }}[x](javascript:alert(1))|'
HOSTILE_TERM = '"><script>alert(1)</script>{{ 7*7 }}|'  # for glossary terms (no square brackets) and short names


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def hostile_data() -> dict[str, str]:
    q = _quoted(HOSTILE)
    roadmap = GOOD_ROADMAP
    for old in ("    title: Tabular\n", "    summary: Models for tables.\n", "    title: Basics\n",
                "    summary: Where everyone starts.\n", "        title: SQL\n", "        summary: Query tables.\n"):
        key = old.split(":")[0]
        roadmap = roadmap.replace(old, f"{key}: {q}\n", 1)
    roadmap = roadmap.replace("        aliases: [regression]\n", f"        aliases: [regression]\n        also_called: [{_quoted(HOSTILE_TERM)}]\n")
    resources = GOOD_RESOURCES
    for old in ("    title: SQL course\n", "    provider: Example\n",
                "    why: A paid course that covers joins and window functions in depth.\n"):
        key = old.split(":")[0]
        resources = resources.replace(old, f"{key}: {q}\n", 1)
    resources = resources.replace("    topics: [sql, linear-models]\n", f"    topics: [sql, linear-models]\n    author: {q}\n", 1)
    glossary = GOOD_GLOSSARY + (
        f"  - term: {_quoted(HOSTILE_TERM)}\n    stands_for: {q}\n    definition: {q}\n    topic: sql\n")
    status = f"links:\n  - url: https://example.org/sql\n    last_ok: 2026-11-30\n    note: {q}\n"
    return {"roadmap": roadmap, "resources": resources, "glossary": glossary, "status": status}


def injected(parsed: "Page") -> list[str]:
    """Scripts that data text became: executable ones that mention the payload, and any script
    element (JSON included) whose text could end it early."""
    return [text for text, kind in zip(parsed.scripts, parsed.script_types)
            if "<" in text and kind == "application/json" or "alert(1)" in text and kind != "application/json"]


class Page(HTMLParser):
    """What a browser would make of a page: its text, its meta tags, its scripts and link targets."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.meta: dict[str, str] = {}
        self.scripts: list[str] = []
        self.script_types: list[str] = []
        self.hrefs: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("name") or attrs.get("property") or ""] = attrs.get("content") or ""
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
            self.script_types.append(attrs.get("type") or "")
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


EXTRA_PAGES = {
    "catalog.md": "# Catalog\n\n{{ catalog() }}\n",
    "print.md": "# Print\n\n{{ print_view() }}\n",
    "study-plan.md": "# Plan\n\n{{ pace_planner() }}\n\n{{ study_plan(full_time=35) }}\n",
    "glossary.md": "# Glossary\n\n{{ glossary() }}\n",
    "tracks/index.md": "# Tracks\n\n{{ tracks_overview() }}\n\nCore: {{ core_topics() }}\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    texts = hostile_data()
    project = write_fixture_site(root / "proj", roadmap=texts["roadmap"], resources=texts["resources"],
                                 glossary=texts["glossary"])
    (project / "data" / "link-status.yml").write_text(texts["status"], encoding="utf-8")
    for name, body in EXTRA_PAGES.items():
        (project / "docs" / name).write_text(body, encoding="utf-8")
    nav = "".join(f"  - {name}\n" for name in EXTRA_PAGES)
    (project / "mkdocs.yml").write_text(FIXTURE_MKDOCS + nav, encoding="utf-8")
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return {p.relative_to(root / "site").as_posix(): Page(p.read_text(encoding="utf-8"))
            for p in (root / "site").rglob("*.html") if p.name != "404.html"}


def test_the_hostile_data_is_what_the_test_thinks_it_is():
    texts = hostile_data()
    assert texts["roadmap"].count(_quoted(HOSTILE)) == 6  # track, phase and topic, each title and summary
    assert texts["roadmap"].count(_quoted(HOSTILE_TERM)) == 1  # also_called (at most 60 characters)
    assert texts["resources"].count(_quoted(HOSTILE)) == 4  # title, provider, why, author


# Which pages show the hostile text, as a reader sees it (HTML entities decoded by the parser).
SHOWN_ON = ["index.html", "phases/basics.html", "phases/models.html", "tracks/tabular.html", "tracks/genai.html",
            "catalog.html", "print.html", "study-plan.html", "glossary.html", "tracks/index.html"]


@pytest.mark.parametrize("page", SHOWN_ON)
def test_hostile_text_shows_literally_and_runs_nothing(hostile_site, page):
    parsed = hostile_site[page]
    text = " ".join("".join(parsed.text).split())
    assert HOSTILE in text or HOSTILE_TERM in text, f"{page}: the hostile text is not shown literally"
    assert "49" not in text  # {{ 7*7 }} was never evaluated
    assert not injected(parsed), f"{page}: data became a script"
    assert not any(href.startswith("javascript:") for href in parsed.hrefs), f"{page}: data became a link"


def test_every_page_of_the_build_is_free_of_injected_markup(hostile_site):
    assert set(SHOWN_ON) <= set(hostile_site)
    for page, parsed in hostile_site.items():
        assert not injected(parsed), page
        assert not any(href.startswith("javascript:") for href in parsed.hrefs), page
        assert all(HOSTILE not in value or value.count(HOSTILE) == 1 for value in parsed.meta.values()), page


@pytest.mark.parametrize("page", ["phases/basics.html", "tracks/tabular.html"])
def test_description_meta_tags_exist_and_hold_the_summary_literally(hostile_site, page):
    meta = hostile_site[page].meta
    for name in ("description", "og:description", "twitter:description"):
        assert name in meta, f"{page}: no {name} meta tag"
        assert meta[name] == HOSTILE, f"{page}: {name} is {meta[name]!r}"
