"""The second generator: the same pages built by Zensical from macros/prerender.py's output.

Zensical runs in its own environment (.venv-zensical, requirements-zensical.txt) without MkDocs, so
these builds prove the pages need no MkDocs. Its article HTML must match the MkDocs build's on every
page, its search index must hold every topic once, and neither index may glue words together.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write_fixture_site
from macros import data

# One xdist worker builds the Zensical site once for every test here.
pytestmark = pytest.mark.xdist_group("zensical")

ZENSICAL_ENV = ROOT / ".venv-zensical" / "bin"
ROADMAP = data.load(ROOT / "data", display_root=ROOT)


def _plain(output: str) -> str:
    """Zensical's report without its colours, shortened for an assertion message."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output)
    return text if len(text) < 4000 else text[:2000] + "\n...\n" + text[-2000:]


def prerender(project: Path, out: Path) -> subprocess.CompletedProcess:
    """macros/prerender.py in Zensical's environment, where MkDocs is not installed."""
    if not (ZENSICAL_ENV / "zensical").exists():
        pytest.fail("Zensical's environment is missing at .venv-zensical: run 'make test', which installs it")
    return subprocess.run([str(ZENSICAL_ENV / "python"), "-m", "macros.prerender", "--config", str(project / "mkdocs.yml"),
                           "--out", str(out)], cwd=project, capture_output=True, text=True, timeout=120)


def zensical_build(project: Path, out: Path) -> subprocess.CompletedProcess:
    # From the project folder, where pymdownx.snippets finds the files pages include.
    return subprocess.run([str(ZENSICAL_ENV / "zensical"), "build", "--strict", "--config-file", str(out / "zensical.yml")],
                          cwd=project, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zensical")
    rendered = prerender(ROOT, out)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    built = zensical_build(ROOT, out)
    assert built.returncode == 0, _plain(built.stdout + built.stderr)
    # What `make zensical` runs next: the print view's book and the open data, as MkDocs adds them.
    after = subprocess.run([str(ZENSICAL_ENV / "python"), "-m", "macros.after_build", str(out / "site")],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stderr
    return out / "site"


# -- the same pages -------------------------------------------------------------------------------

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_BLOCK_TAG = r"(?:p|div|nav|ol|ul|li|table|caption|thead|tbody|tr|th|td|form|label|select|option|dl|dt|dd|h[1-6]|section|details|summary|pre|blockquote|hr|script)"


def normalised_article(page: Path) -> str:
    """A page's article, less what the generators write differently on purpose:
    - Zensical drops data-search-exclude once it has indexed the page; Material leaves it;
    - Zensical's template puts a skip-link target at the top of every article;
    - white space next to block-level tags, which a browser does not render: Python-Markdown writes
      each raw HTML block it parses on lines of its own (the MkDocs build hands blocks over unparsed)."""
    match = _ARTICLE.search(page.read_text(encoding="utf-8"))
    assert match, f"{page}: no article"
    text = match.group(1).replace(" data-search-exclude", "").replace('<a id="__skip" tabindex="-1"></a>', "")
    text = re.sub(r"\s+", " ", text)
    return re.sub(rf" ?(</?{_BLOCK_TAG}\b[^>]*>) ?", r"\1", text)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_zensical_builds_every_page_mkdocs_builds(built_site, zensical_site):
    assert _pages(zensical_site) == _pages(built_site)


def test_every_page_has_the_same_article_from_both_generators(built_site, zensical_site):
    differ = []
    for name in _pages(built_site):
        ours, theirs = normalised_article(built_site / name), normalised_article(zensical_site / name)
        if ours != theirs:
            at = next(i for i, (a, b) in enumerate(zip(ours + "\0", theirs + "\0")) if a != b)
            differ.append(f"{name} at {at}:\n  MkDocs:   {ours[max(0, at - 120):at + 120]}\n  Zensical: {theirs[max(0, at - 120):at + 120]}")
    assert not differ, f"{len(differ)} page(s) differ; the first:\n" + differ[0]


def test_the_comparison_sees_a_real_difference(built_site, tmp_path):
    # The normalisation must not hide content: one changed word in a resource table is a difference.
    page = built_site / "phases" / "data.html"
    changed = tmp_path / "data.html"
    changed.write_text(page.read_text(encoding="utf-8").replace("Resources for", "Resources  about", 1), encoding="utf-8")
    assert normalised_article(changed) != normalised_article(page)


@pytest.mark.parametrize("site", ["built_site", "zensical_site"])
def test_home_page_title_is_the_site_name_and_other_pages_add_it(site, request):
    # Not from `page.is_homepage`, which Zensical does not set: its home page read "Home - ML Engineer Roadmap".
    root = request.getfixturevalue(site)
    home = (root / "index.html").read_text(encoding="utf-8")
    assert "<title>ML Engineer Roadmap</title>" in home
    assert '<meta property="og:title" content="ML Engineer Roadmap">' in home
    phase = (root / "phases" / "data.html").read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]+ - ML Engineer Roadmap</title>", phase)


# -- search indexes -------------------------------------------------------------------------------


def test_zensical_search_index_holds_every_topic_once(zensical_site):
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    locations = [item["location"] for item in index["items"]]
    for topic in ROADMAP.topics_in_order():
        assert locations.count(f"phases/{topic.phase_id}.html#{topic.id}") == 1, topic.id
    titles = {item["location"]: item["title"] for item in index["items"]}
    assert titles["phases/data.html#feature-selection"] == ROADMAP.topics["feature-selection"].title


_TAG = re.compile(r"<[^>]+>")


def glued(entries: list[dict], separator: str, phrases: list[str] | None = None) -> list[str]:
    """The data's phrases (glossary terms, resource titles and descriptions, topic titles) that the
    index does not hold as words of their own, split as the search splits them: 'A/B testA controlled
    experiment' where a term met its definition hides the term from a search for it."""
    split = re.compile(separator)

    def words(text: str) -> str:
        return " ".join(word for word in split.split(html.unescape(text).lower()) if word)

    # Tags count as spaces: the indexes keep a few (p, li, code) that the search drops again.
    indexed = " " + " ".join(words(_TAG.sub(" ", entry["title"] + " . " + entry["text"])) for entry in entries) + " "
    if phrases is None:
        phrases = [t.term for t in ROADMAP.glossary] + [t.title for t in ROADMAP.topics_in_order()]
        phrases += [field for r in ROADMAP.resources for field in (r.title, r.why)]
    return [phrase for phrase in phrases if f" {words(phrase)} " not in indexed]


def test_zensical_search_index_has_no_glued_words(zensical_site):
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    missing = glued(index["items"], index["config"]["separator"])
    assert not missing, f"{len(missing)} phrases glued to their neighbours, e.g. {missing[:5]}"


def test_material_search_index_file_has_no_glued_words(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    missing = glued(index["docs"], index["config"]["separator"])
    assert not missing, f"{len(missing)} phrases glued to their neighbours, e.g. {missing[:5]}"


def test_the_glue_check_finds_glued_words():
    phrases = ["A/B test", "A controlled experiment"]
    assert glued([{"title": "", "text": "A/B testA controlled experiment"}], r"[\s\-]+", phrases) == phrases
    assert glued([{"title": "", "text": "<dt>A/B test</dt><dd>A controlled experiment</dd>"}], r"[\s\-]+", phrases) == []


# -- failures, without MkDocs ---------------------------------------------------------------------


def test_registration_module_and_prerender_import_and_render_without_any_generator():
    # In MkDocs' own environment, with every generator's package made unimportable.
    code = """
import importlib.abc, sys
class NoGenerators(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('mkdocs', 'mkdocs_macros', 'material', 'zensical'):
            raise ImportError('no generator here: ' + name)
sys.meta_path.insert(0, NoGenerators())
from pathlib import Path
import macros, macros.prerender, macros.html_blocks
site = macros.Site(Path('.'))
site.page = macros.Page('phases/data.md', {})
html = site.macros()['resources']('feature-selection')
assert 'Resources for' in html, html
print('ok')
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_zensical_environment_has_no_mkdocs():
    if not (ZENSICAL_ENV / "python").exists():
        pytest.fail("Zensical's environment is missing at .venv-zensical: run 'make test', which installs it")
    result = subprocess.run([str(ZENSICAL_ENV / "python"), "-c", "import mkdocs"], capture_output=True, text=True)
    assert result.returncode != 0 and "No module named 'mkdocs'" in result.stderr


@pytest.mark.parametrize("page, old, new, expected", [
    ("phases/basics.md", 'resources("sql")', 'resources("sqll")',
     "docs/phases/basics.md:13: resources(\"sqll\"): unknown topic id 'sqll' (did you mean 'sql'?)"),
    ("phases/basics.md", '{{ resources("sql") }}', "{{ nope_macro() }}", "docs/phases/basics.md:13: nope_macro: unknown macro or variable"),
    ("phases/models.md", '{{ topic("llms") }}', "", "topic 'llms': no page places it; add {{ topic(\"llms\") }} to docs/phases/models.md"),
    ("phases/basics.md", '{{ topic("sql") }}', '{{ topic("llms") }}', 'docs/phases/basics.md:9: topic("llms"): belongs on docs/phases/models.md'),
])
def test_prerender_fails_on_page_mistakes_with_the_build_s_one_line_messages(tmp_path, page, old, new, expected):
    project = write_fixture_site(tmp_path / "proj")
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = prerender(project, tmp_path / "out")
    assert result.returncode == 1
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "docs").exists()  # nothing a generator could build


def test_prerender_fails_on_bad_data_with_the_data_s_one_line_messages(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    resources = project / "data" / "resources.yml"
    bad = resources.read_text(encoding="utf-8").replace("cost: paid", "cost: pricey")
    resources.write_text(bad, encoding="utf-8")
    line = bad[: bad.index("cost: pricey")].count("\n") + 1
    result = prerender(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"data/resources.yml:{line}: resource 'sql-course': field 'cost': must be one of free, freemium, paid, got 'pricey'" in result.stderr
    assert "Traceback" not in result.stderr


def test_fixture_site_builds_with_zensical_with_blocks_abbreviations_and_front_matter(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    out = tmp_path / "out"
    assert prerender(project, out).returncode == 0
    models = (out / "docs" / "phases" / "models.md").read_text(encoding="utf-8")
    assert models.startswith("---\ndescription: Learning from data.\n---\n")  # set by phase("models")
    assert "*[LLM]: Large language model" in models
    built = zensical_build(project, out)
    assert built.returncode == 0, _plain(built.stdout + built.stderr)
    page = (out / "site" / "phases" / "models.html").read_text(encoding="utf-8")
    assert '<h2 id="linear-models">' in page and "Resources for Linear models" in page
    assert '<abbr title="Large language model">LLM</abbr>' in page
