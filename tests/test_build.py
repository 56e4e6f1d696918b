"""Whole builds: the real site with --strict, fixture sites that must fail cleanly, and the link check."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import urllib.parse
import sys
from pathlib import Path

import pytest

from conftest import GOOD_RESOURCES, GOOD_ROADMAP, ROOT, mkdocs_build, serve_directory, write_fixture_site
from macros import html_blocks


def test_real_site_builds_strict_without_warnings(built_site):
    assert (built_site / "index.html").exists()
    for phase in (ROOT / "docs" / "phases").glob("*.md"):
        assert (built_site / "phases" / f"{phase.stem}.html").exists()


def test_generated_blocks_are_unpacked_on_every_built_page(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    assert [p.name for p in pages if html_blocks.MARKER in p.read_text(encoding="utf-8")] == []
    assert "<table" in (built_site / "phases" / "data.html").read_text(encoding="utf-8")


def test_strict_build_prints_no_warning(real_build):
    result = real_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "MkDocs 2.0" not in result.stderr  # NO_MKDOCS_2_WARNING silences Material's notice


def test_fixture_site_renders_topics_tables_and_map(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "phases" / "models.html").read_text()
    assert '<h2 id="linear-models">' in page
    assert 'href="basics.html#sql"' in page
    assert "Resources for Linear models" in page
    assert '<abbr title="Large language model">LLM</abbr>' in page  # glossary tooltip
    home = (tmp_path / "site" / "index.html").read_text()
    assert 'href="phases/models.html#llms"' in home


def test_nasty_titles_show_literally_after_a_full_build(tmp_path):
    nasty = "<script>alert(1)</script> | *x* {{ y }} [x](y)"
    roadmap = GOOD_ROADMAP.replace("title: SQL", f"title: '{nasty}'")
    resources = GOOD_RESOURCES.replace("title: SQL course", f"title: '{nasty}'")
    project = write_fixture_site(tmp_path / "proj", roadmap=roadmap, resources=resources)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "phases" / "basics.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *x* {{ y }} [x](y)" in page


@pytest.mark.parametrize(
    "which, old, new, expected",
    [
        ("resources", "cost: paid", "cost: pricey",
         "data/resources.yml:{line}: resource 'sql-course': field 'cost': must be one of free, freemium, paid, got 'pricey'"),
        ("resources", "url: https://example.org/sql", "url: 'javascript:alert(1)'",
         "data/resources.yml:{line}: resource 'sql-course': field 'url': must be an https:// or http:// URL with a host"),
        ("roadmap", "requires: [python, sql]", "requires: [python, sq]",
         "data/roadmap.yml:{line}: topic 'linear-models': field 'requires': unknown topic 'sq'"),
        ("resources", "    why: A paid course", "    wy: A paid course",
         "data/resources.yml:{line}: resource 'sql-course': field 'wy': unknown field"),
        ("roadmap", "  - id: genai\n", "  - id: [genai\n", "data/roadmap.yml:{line}: invalid YAML"),
    ],
)
def test_bad_data_fails_the_build_with_a_clear_message_and_no_traceback(tmp_path, which, old, new, expected):
    texts = {"roadmap": GOOD_ROADMAP, "resources": GOOD_RESOURCES}
    assert old in texts[which]
    texts[which] = texts[which].replace(old, new, 1)
    line = texts[which][: texts[which].index(new)].count("\n") + 1
    project = write_fixture_site(tmp_path / "proj", **texts)
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected.format(line=line) in output  # for invalid YAML: the line where the broken value opens
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()  # nothing is published


def test_unknown_topic_in_a_page_fails_naming_page_and_id(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    page = project / "docs" / "phases" / "basics.md"
    page.write_text(page.read_text().replace('resources("sql")', 'resources("sqll")'))
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # The macro the page called, at its line (it used to say topic("sqll") for resources("sqll")).
    assert "docs/phases/basics.md:13: resources(\"sqll\"): unknown topic id 'sqll' (did you mean 'sql'?)" in output
    assert "Traceback" not in output


def test_topic_missing_from_every_page_fails(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    page = project / "docs" / "phases" / "models.md"
    page.write_text(page.read_text().replace('{{ topic("llms") }}', ""))
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "topic 'llms': no page places it" in output
    assert "Traceback" not in output


def test_topic_on_the_wrong_page_fails(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    page = project / "docs" / "phases" / "basics.md"
    page.write_text(page.read_text() + '\n{{ topic("llms") }}\n')
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert 'docs/phases/basics.md:15: topic("llms"): belongs on docs/phases/models.md' in result.stdout + result.stderr


LINKCHECKER_RC = """\
[checking]
threads=4
maxrequestspersecond=1000
timeout=10
[filtering]
checkextern=0
# A URL with a fragment is still fetched and its anchor checked, but its links are not followed
# again: they are the page's own, already followed from its plain URL. Following them re-read
# each page once per anchor linked to it (993 URLs: 33 s of CPU, 15 s without). Written [#]: in
# this setting a line that starts with # is a comment.
nofollow=[#]
[AnchorCheck]
"""


def pages_linked_without_a_fragment(site: Path) -> set[str]:
    """The built pages that some page links to by their plain URL, which LinkChecker follows."""
    linked = set()
    for page in site.rglob("*.html"):
        base = page.relative_to(site).as_posix()
        for href in re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8")):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(base), urllib.parse.unquote(href)))
            linked.add(posixpath.join(path, "index.html") if href.endswith("/") else path)
    return linked


@pytest.mark.slow
def test_linkchecker_finds_no_broken_internal_link_or_anchor(site_url, built_site, tmp_path):
    # LinkChecker follows a page's links from its plain URL only (nofollow above): so every page
    # must have one that some page links to, or a mistake on it would go unseen.
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert pages - pages_linked_without_a_fragment(built_site) <= {"404.html"}
    rc = tmp_path / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC)
    linkchecker = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run(
        [str(linkchecker), "--config", str(rc), "--no-status", "--no-warnings",
         # Never contact an external host: anything not on our server is skipped, not fetched.
         "--ignore-url", r"^(?!http://127\.0\.0\.1)", site_url],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout or "no errors" in result.stdout.lower(), result.stdout[-2000:]


def test_a_page_linked_only_with_a_fragment_is_not_counted_as_linked(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text('<a href="only-fragment.html#part">1</a> <a href="sub/">2</a> <a href="#top">3</a>')
    (tmp_path / "sub" / "index.html").write_text('<a href="../plain%20name.html">4</a> <a href="https://example.org/x.html">5</a>')
    assert pages_linked_without_a_fragment(tmp_path) == {"sub/index.html", "plain name.html"}


def test_linkchecker_catches_a_broken_anchor(tmp_path):
    # The same configuration must fail on a site with a bad anchor, or the check above proves nothing.
    (tmp_path / "a.html").write_text('<html><body><a href="b.html#missing">b</a></body></html>')
    (tmp_path / "b.html").write_text('<html><body><h2 id="present">B</h2></body></html>')
    rc = tmp_path / "linkcheckerrc"
    rc.write_text(LINKCHECKER_RC)
    with serve_directory(tmp_path) as url:
        result = subprocess.run(
            [str(Path(sys.executable).with_name("linkchecker")), "--config", str(rc), "--no-status", url + "a.html"],
            capture_output=True, text=True, timeout=120, env=dict(os.environ),
        )
    assert result.returncode != 0
    assert "missing" in result.stdout
