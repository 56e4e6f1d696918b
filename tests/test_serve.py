"""Mistakes while `mkdocs serve` runs: reported in the terminal and on the page, the server keeps
serving and recovers on the next save, while `mkdocs build` stays strict. Each message is one line
(`file:line: entry: field: message`), never a traceback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURE_MKDOCS, GOOD_RESOURCES, ROOT, load_error, mkdocs_build, write_fixture_site

NOTICE = "This page did not build"


def wait_for(condition, what: str, server=None, timeout: float = 60):
    """Poll `condition` until it returns something true; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None:
            assert server.process.poll() is None, f"the dev server exited while waiting for {what}:\n{server.log()}"
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"no {what} within {timeout:.0f} s" + (f":\n{server.log()}" if server else ""))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevServer:
    def __init__(self, process: subprocess.Popen, url: str, log_file: Path):
        self.process, self.url, self.log_file = process, url, log_file

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def page(self, path: str) -> str:
        # A page request must be answered, error or not: while the data was broken it used to hang.
        with urllib.request.urlopen(self.url + path, timeout=20) as response:
            return response.read().decode("utf-8")

    def page_when(self, path: str, condition, what: str) -> str:
        def check():
            text = self.page(path)
            return text if condition(text) else None
        return wait_for(check, what, self)


@contextlib.contextmanager
def dev_server(project: Path, log_file: Path):
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with log_file.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    server = DevServer(process, f"http://127.0.0.1:{port}/", log_file)

    def up():
        try:
            return server.page("index.html")
        except (urllib.error.URLError, ConnectionError):
            return None

    try:
        wait_for(up, "first page from the dev server", server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def served_fixture(tmp_path: Path) -> Path:
    project = write_fixture_site(tmp_path / "proj")
    # As in mkdocs.yml: a change to the data rebuilds the site.
    (project / "mkdocs.yml").write_text(FIXTURE_MKDOCS + "watch:\n  - data\n", encoding="utf-8")
    return project


def test_dev_server_shows_broken_data_keeps_serving_and_recovers_on_the_next_save(tmp_path):
    project = served_fixture(tmp_path)
    resources = project / "data" / "resources.yml"
    with dev_server(project, tmp_path / "serve.log") as server:
        assert "Resources for SQL" in server.page("phases/basics.html")

        broken = GOOD_RESOURCES.replace("title: SQL course", 'title: "SQL course')
        resources.write_text(broken, encoding="utf-8")
        line = broken[: broken.index('title: "SQL')].count("\n") + 1
        expected = f"data/resources.yml:{line}: invalid YAML: found unexpected end of stream on line"
        page = server.page_when("phases/basics.html", lambda text: NOTICE in text, "error notice on the page")
        assert expected in page
        assert NOTICE in server.page("index.html")  # every page says why, not only those with macros
        wait_for(lambda: expected in server.log(), "error line in the terminal", server)

        resources.write_text(GOOD_RESOURCES, encoding="utf-8")
        page = server.page_when("phases/basics.html", lambda text: NOTICE not in text, "recovery after the fix")
        assert "Resources for SQL" in page
        assert server.process.poll() is None
    assert "Traceback" not in server.log()


def test_dev_server_shows_page_mistakes_where_they_stand_and_recovers(tmp_path):
    project = served_fixture(tmp_path)
    basics = project / "docs" / "phases" / "basics.md"
    good = basics.read_text(encoding="utf-8")
    with dev_server(project, tmp_path / "serve.log") as server:
        mistakes = good.replace('{{ resources("sql") }}', '{{ resources("nope") }}\n\n{{ nope_macro(1) }}')
        basics.write_text(mistakes, encoding="utf-8")
        line = mistakes[: mistakes.index('resources("nope")')].count("\n") + 1
        unknown_id = f'docs/phases/basics.md:{line}: resources("nope"): unknown topic id \'nope\''
        unknown_macro = f"docs/phases/basics.md:{line + 2}: nope_macro: unknown macro or variable"
        page = server.page_when("phases/basics.html", lambda text: NOTICE in text, "error notice on the page")
        assert unknown_id.replace("'", "&#x27;").replace('"', "&quot;") in page
        assert unknown_macro in page
        assert "Resources for Python" in page  # the rest of the page still renders
        wait_for(lambda: unknown_id in server.log() and unknown_macro in server.log(), "error lines in the terminal", server)

        basics.write_text(good.replace('{{ topic("sql") }}', '{{ topic("sql" }}'), encoding="utf-8")
        page = server.page_when("phases/basics.html", lambda text: "macro syntax" in text, "syntax error on the page")
        assert "docs/phases/basics.md:9: macro syntax:" in page

        basics.write_text(good, encoding="utf-8")
        page = server.page_when("phases/basics.html", lambda text: NOTICE not in text, "recovery after the fix")
        assert "Resources for SQL" in page
        assert server.process.poll() is None
    log = server.log()
    assert "Traceback" not in log
    assert "no page places it" not in log  # a page that failed is not also reported as missing its topics


# -- the build stays strict, with the same one-line messages ------------------------------------------


@pytest.mark.parametrize("call, expected", [
    ('{{ resources("nope") }}', 'docs/phases/basics.md:13: resources("nope"): unknown topic id \'nope\''),
    ("{{ nope_macro(1) }}", "docs/phases/basics.md:13: nope_macro: unknown macro or variable"),
    ("{{ resources() }}", "docs/phases/basics.md:13: resources(): missing a required argument: 'topic_id'"),
    ('{{ resources("sql" }}', "docs/phases/basics.md:13: macro syntax:"),
])
def test_build_fails_on_a_page_mistake_with_one_line_naming_page_line_and_macro(tmp_path, call, expected):
    project = write_fixture_site(tmp_path / "proj")
    basics = project / "docs" / "phases" / "basics.md"
    text = basics.read_text(encoding="utf-8")
    assert text.splitlines()[12] == '{{ resources("sql") }}'
    basics.write_text(text.replace('{{ resources("sql") }}', call), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "phases" / "basics.html").exists()


def test_line_numbers_count_the_front_matter(tmp_path):
    project = write_fixture_site(tmp_path / "proj")
    basics = project / "docs" / "phases" / "basics.md"
    basics.write_text("---\ndescription: Basics.\n---\n\n" + basics.read_text().replace('resources("sql")', 'resources("sqll")'))
    result = mkdocs_build(project, tmp_path / "site")
    assert 'docs/phases/basics.md:17: resources("sqll"): unknown topic id \'sqll\' (did you mean \'sql\'?)' in result.stdout + result.stderr


def test_unclosed_quote_is_reported_where_it_opens_and_where_the_parser_stopped(tmp_path):
    # The parser notices an unclosed quote at the end of the file: in data/resources.yml that was
    # thousands of lines below the mistake.
    bad = GOOD_RESOURCES.replace("title: SQL course", 'title: "SQL course')
    (problem,) = load_error(tmp_path, resources=bad).problems
    opened, end = bad[: bad.index('title: "SQL')].count("\n") + 1, bad.count("\n") + 1
    assert str(problem) == (f"data/resources.yml:{opened}: invalid YAML: found unexpected end of stream on line {end}, "
                            "while scanning a quoted scalar that starts on this line")


def test_unclosed_bracket_is_reported_where_it_opens(tmp_path):
    bad = GOOD_RESOURCES.replace("    topics: [python]\n", "    topics: [python\n")
    (problem,) = load_error(tmp_path, resources=bad).problems
    assert problem.line == bad[: bad.index("topics: [python")].count("\n") + 1
    assert "while parsing a flow sequence that starts on this line" in problem.message


def test_a_misplaced_line_is_reported_where_the_parser_stopped(tmp_path):
    # Here the parser's own position is the mistake; the enclosing list only gets a mention.
    bad = GOOD_RESOURCES.replace("    cost: paid\n", "   cost: paid\n")
    (problem,) = load_error(tmp_path, resources=bad).problems
    assert problem.line == bad[: bad.index("   cost: paid")].count("\n") + 1
    assert "(while parsing a block collection that starts on line 2)" in problem.message


def test_real_mkdocs_yml_watches_the_data(tmp_path):
    # The dev server only recovers from a data mistake if a save in data/ rebuilds the site.
    assert "\n  - data\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nwatch:", 1)[1]
