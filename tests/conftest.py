"""Shared fixtures: a small valid data set, a built copy of the real site, a local server, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def xdist_group_of(item) -> str:
    """The group pytest-xdist schedules the test in (xdist/remote.py joins a test's groups so)."""
    return "_".join(sorted(str(mark.args[0]) for mark in item.iter_markers("xdist_group")))


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (xdist/remote.py)
def pytest_collection_modifyitems(config, items):
    """Under `make test`'s `--dist loadgroup`, a test without an xdist group joins its module's.

    A module's fixtures (a fixture site, the offline build, the PDF) are then made on one worker
    only, and the scheduler still spreads the modules over both workers. Tests that name a group
    (the axe sweeps, the policy sweep) keep it: tests/test_worker_groups.py checks all this.

    xdist hands the groups out in collection order (`--no-loadscope-reorder`), each to the first
    free worker. So groups with a `slow` test come first, then the other browser groups: the short
    groups left for the end even out the two workers' finishing times.
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    if not getattr(config.option, "loadgroup", False):
        return
    group = {item: xdist_group_of(item) for item in items}
    rank = {}
    for item in items:
        own = 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        rank[group[item]] = min(rank.get(group[item], 2), own)
    items.sort(key=lambda item: rank[group[item]])  # stable: collection order within a rank


GOOD_ROADMAP = """\
tracks:
  - id: tabular
    title: Tabular
    summary: Models for tables.
  - id: genai
    title: GenAI
    summary: Models that write.
phases:
  - id: basics
    title: Basics
    summary: Where everyone starts.
    topics:
      - id: python
        title: Python
        summary: The language.
        requires: []
        tracks: [tabular, genai]
        hours: 10
      - id: sql
        title: SQL
        summary: Query tables.
        hours: 5
  - id: models
    title: Models
    summary: Learning from data.
    topics:
      - id: linear-models
        title: Linear models
        summary: Lines through data.
        requires: [python, sql]
        aliases: [regression]
        tracks: [tabular]
        hours: 8
      - id: llms
        title: LLMs
        summary: Large language models.
        requires: [linear-models]
        tracks: [genai]
        hours: 12
"""

GOOD_RESOURCES = """\
resources:
  - id: python-tutorial
    title: The Python Tutorial
    url: https://docs.python.org/3/tutorial/
    type: docs
    cost: free
    level: beginner
    topics: [python]
    why: The official walk through the language, kept current with each release.
  - id: sql-course
    title: SQL course
    url: https://example.org/sql
    type: course
    cost: paid
    level: intermediate
    topics: [sql, linear-models]
    provider: Example
    why: A paid course that covers joins and window functions in depth.
  - id: sklearn-guide
    title: scikit-learn user guide
    url: https://scikit-learn.org/stable/user_guide.html
    type: docs
    cost: free
    level: intermediate
    topics: [linear-models]
    why: The reference for every classical model, with runnable examples.
  - id: hf-course
    title: Hugging Face LLM course
    url: https://huggingface.co/learn
    type: course
    cost: free
    level: advanced
    topics: [llms]
    hours: 20
    why: Hands-on notebooks that load, prompt and fine-tune real models.
"""

GOOD_GLOSSARY = """\
terms:
  - term: LLM
    stands_for: Large language model
    definition: A neural network trained on a lot of text to predict the next token.
    topic: llms
  - term: Overfitting
    definition: Doing well on training data and badly on new data.
"""


def write_data(target: Path, roadmap: str = GOOD_ROADMAP, resources: str = GOOD_RESOURCES,
               glossary: str | None = GOOD_GLOSSARY) -> Path:
    """A data folder with the real schemas and the given YAML texts."""
    target.mkdir(parents=True, exist_ok=True)
    for schema in DATA.glob("*.schema.json"):
        shutil.copy(schema, target / schema.name)
    (target / "roadmap.yml").write_text(roadmap, encoding="utf-8")
    (target / "resources.yml").write_text(resources, encoding="utf-8")
    if glossary is not None:
        (target / "glossary.yml").write_text(glossary, encoding="utf-8")
    return target


def load_error(tmp_path: Path, **texts: str):
    """The DataError that loading the fixture data with these texts replaced raises."""
    from macros import data

    folder = write_data(tmp_path / "data", **texts)
    with pytest.raises(data.DataError) as caught:
        data.load(folder, display_root=tmp_path)
    return caught.value


FIXTURE_MKDOCS = """\
site_name: Fixture roadmap
strict: true
use_directory_urls: false
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
theme:
  name: material
  custom_dir: overrides
  font: false
plugins:
  - search
  - macros:
      module_name: macros
      on_error_fail: true
      on_undefined: strict
extra_css: [assets/css/roadmap.css]
extra_javascript: [assets/js/roadmap.js]
markdown_extensions: [abbr, admonition, attr_list, md_in_html, pymdownx.escapeall, "toc"]
nav:
  - index.md
  - phases/basics.md
  - phases/models.md
  - tracks/tabular.md
  - tracks/genai.md
"""


def write_fixture_site(target: Path, **data_texts: str) -> Path:
    """A tiny site that uses the real macros and overrides on the fixture data."""
    write_data(target / "data", **data_texts)
    shutil.copytree(ROOT / "macros", target / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "mkdocs.yml").write_text(FIXTURE_MKDOCS, encoding="utf-8")
    docs = target / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "phases").mkdir(parents=True)
    (docs / "tracks").mkdir()
    (docs / "index.md").write_text("# Home\n\n{{ roadmap_map() }}\n\n{{ progress_tools() }}\n", encoding="utf-8")
    (docs / "phases" / "basics.md").write_text(
        '{{ phase("basics") }}\n\n{{ topic("python") }}\n\nLearn Python.\n\n{{ resources("python") }}\n\n'
        '{{ topic("sql") }}\n\nLearn SQL.\n\n{{ resources("sql") }}\n', encoding="utf-8")
    (docs / "phases" / "models.md").write_text(
        '{{ phase("models") }}\n\n{{ topic("linear-models") }}\n\nFit lines. An LLM is not needed.\n\n'
        '{{ resources("linear-models") }}\n\n{{ topic("llms") }}\n\nPrompt them.\n\n{{ resources("llms") }}\n',
        encoding="utf-8")
    for track in ("tabular", "genai"):
        (docs / "tracks" / f"{track}.md").write_text(f'{{{{ track("{track}") }}}}\n', encoding="utf-8")
    return target


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> subprocess.CompletedProcess:
    """The real site's build with --strict, once per worker: what it printed, and `site_dir`."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    result.site_dir = site
    return result


@pytest.fixture(scope="session")
def built_site(real_build) -> Path:
    """The real site, built once per worker with --strict."""
    assert real_build.returncode == 0, real_build.stdout + real_build.stderr
    return real_build.site_dir


# Material's search fetches its whole index (750 KB) on every page load and builds it in a web worker:
# 0.4 s of CPU a page, more than the rest of the load, on the two cores the browser tests share. A
# browser context that will not search sends this header, and the test server answers with the same
# index holding no documents. Searching tests ask for the real one (@pytest.mark.search, search=True).
WITHOUT_SEARCH = {"X-Test-Search": "off"}
WITH_SEARCH = {"X-Test-Search": "on"}  # a page's own header overrides its context's


@functools.lru_cache(maxsize=8)
def _emptied_index(path: str, mtime_ns: int) -> bytes:
    """The search index at `path` without its documents, read once per version of the file."""
    index = json.loads(Path(path).read_bytes())
    return json.dumps({**index, "docs": []}).encode()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        # LinkChecker spaces its requests to a host out of politeness, unless the host answers with
        # this header: the local test server may be crawled at full speed (see LINKCHECKER_RC).
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        file = Path(self.translate_path(path))
        if not (path.endswith("/search/search_index.json") and self.headers.get("X-Test-Search") == "off"
                and file.is_file()):
            return super().send_head()
        body = _emptied_index(str(file), file.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page mid-download (the search index) closes its connection: normal,
    not an error to print. Anything else still prints."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port) for the duration of the block; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is required at {CHROMIUM}: run 'make test', which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # No request leaves 127.0.0.1: every other host name fails to resolve. Blocking in the
            # browser rather than in a Playwright route keeps each request out of Python and the
            # browser's cache on, which a route turns off (record_off_host notes what was tried).
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        yield browser
        browser.close()


def site_context(browser, site_url: str, **options):
    """A fresh browser context on the built site, for a test that needs its own (no scripting, a CSP
    bypass, a colour scheme or viewport from the first page): with the empty search index."""
    return browser.new_context(base_url=site_url, extra_http_headers=WITHOUT_SEARCH, **options)


def record_off_host(page, site_url: str) -> list[str]:
    """The list that collects every request the page makes to anything but the local server."""
    off_host = []
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:", "blob:"))
            else off_host.append(request.url))
    return off_host


@pytest.fixture(scope="session")
def warm_context(browser, site_url):
    """The browser context that `page` opens its pages in (one per worker), and a page of the site
    kept open in it.

    Chromium starts a renderer process for each new context, and starting one and loading a first
    page in it cost 1 s of CPU. A new page beside an open page of the same site reuses that page's
    process: 0.4 s. The kept page runs no script, so nothing reacts to what a test stores.
    """
    context = site_context(browser, site_url, viewport={"width": 1280, "height": 900})
    kept = context.new_page()
    kept.goto("assets/favicon.svg")
    yield context, kept
    context.close()


def fresh_page(warm_context, search: bool = False):
    """A new page in the warm context, with nothing of the site stored, and the real search index
    only if `search`."""
    context, kept = warm_context
    kept.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    context.clear_cookies()
    page = context.new_page()
    if search:
        page.set_extra_http_headers(WITH_SEARCH)
    return page


@pytest.fixture()
def page(request, warm_context, site_url):
    """A new page that starts from nothing stored: off-host requests recorded (and blocked, see
    `browser`), console errors recorded, and an empty search index unless the test is marked
    `search`."""
    page = fresh_page(warm_context, search=request.node.get_closest_marker("search") is not None)
    page.off_host_requests = record_off_host(page, site_url)
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    page.close()


def expected_path(roadmap_doc: dict, track: str | None) -> list[dict]:
    """A track's path computed straight from the YAML, independently of macros.data: the core and
    the track's own topics, plus their requires-closure, in file order; for None, every topic. Of a
    one_of group, the first member stands for the group."""
    topics = [t for p in roadmap_doc["phases"] for t in p["topics"]]
    first_of = {}
    for t in topics:
        if "one_of" in t:
            first_of.setdefault(t["one_of"], t["id"])
    by_id = {t["id"]: t for t in topics}
    stand_in = lambda tid: first_of.get(by_id[tid].get("one_of"), tid)
    if track is None:
        return [t for t in topics if stand_in(t["id"]) == t["id"]]
    todo = [stand_in(t["id"]) for t in topics if t.get("core") or track in t.get("tracks", [])]
    seen = set()
    while todo:
        tid = todo.pop()
        if tid not in seen:
            seen.add(tid)
            todo += [stand_in(r) for r in by_id[tid].get("requires", [])]
    return [t for t in topics if t["id"] in seen]


def expected_reading_order(roadmap_doc: dict, phase_id: str) -> list[str]:
    """A phase picture's topics in reading order, from the YAML: the topics of other phases that the
    phase's topics require, in roadmap order, then the phase's own topics in order."""
    topics = [(p["id"], t["id"]) for p in roadmap_doc["phases"] for t in p["topics"]]
    phase = next(p for p in roadmap_doc["phases"] if p["id"] == phase_id)
    own = [t["id"] for t in phase["topics"]]
    required = {r for t in phase["topics"] for r in t.get("requires", [])} - set(own)
    return [tid for _, tid in topics if tid in required] + own


# Where roadmap.js keeps progress (docs/assets/js/roadmap.js, STORE_KEY), and its shape.
STORE = "mler-progress-v1"


def save_progress(page, done: dict) -> None:
    """Stores `done` (topic id -> date) as the page's script would, for the page's origin."""
    page.evaluate("([key, done]) => localStorage.setItem(key, JSON.stringify({version: 1, done}))", [STORE, done])

