"""tools/check_links.py against a local HTTP server: classification, pacing, budget, report, status file.

Nothing here leaves the machine: the server listens on 127.0.0.1, and name resolution is stubbed so
that any other host fails the way an unknown name does (tests must never depend on the internet).
"""

from __future__ import annotations

import http.server
import importlib.util
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, write_data


def _load_tool(name: str) -> ModuleType:
    # tools/ is a folder of scripts, not a package: import the file itself.
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


cl = _load_tool("check_links")
Status = cl.Status

TIMEOUT = 1.0  # seconds per request in these tests; /slow sleeps longer than this
REDIRECTS = {"/moved": (301, "/ok"), "/moved308": (308, "/ok"), "/temp": (302, "/ok"), "/temp307": (307, "/ok"),
             "/moved-to-gone": (301, "/gone404"), "/loop": (302, "/loop")}
STATUSES = {"/gone404": 404, "/gone410": 410, "/error": 500, "/busy": 429}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        path = urlsplit(self.path).path
        self.server.arrivals.append((self.command, path, time.monotonic()))  # type: ignore[attr-defined]
        try:
            if path == "/slow":
                time.sleep(2 * TIMEOUT)
                self._send(200)
            elif path == "/head-not-allowed":
                self._send(405 if self.command == "HEAD" else 200)
            elif path in REDIRECTS:
                code, target = REDIRECTS[path]
                self._send(code, Location=target)
            elif path in STATUSES:
                self._send(STATUSES[path])
            elif path.startswith("/ok"):
                self._send(200)
            else:
                self._send(404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up on /slow, as it should

    def _send(self, code: int, **headers: str) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.arrivals = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def base(server) -> str:
    server.arrivals.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module", autouse=True)
def no_internet():
    """Only 127.0.0.1 resolves; every other name fails as an unknown one would. No proxies, no CI files.

    Module-scoped so it is in place before the module-scoped `classified` run too.
    """
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host in ("127.0.0.1", "localhost"):
            return real(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        patch.setenv("no_proxy", "*")
        for name in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"):  # set while CI runs `make test`
            patch.delenv(name, raising=False)
        yield


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check(urls: list[str], **options) -> dict:
    options = {"timeout": TIMEOUT, "budget": 20.0, "per_host_delay": 0.0, **options}
    return cl.run_checks(urls, **options)


# -- classification -------------------------------------------------------------


@pytest.fixture(scope="module")
def classified(server):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    paths = ["/ok", "/moved", "/moved308", "/temp", "/temp307", "/moved-to-gone", "/loop", "/gone404",
             "/gone410", "/error", "/busy", "/slow", "/head-not-allowed"]
    started = time.monotonic()
    results = check([base + p for p in paths])
    return base, {urlsplit(url).path: result for url, result in results.items()}, time.monotonic() - started


@pytest.mark.parametrize("path, status", [
    ("/ok", Status.OK),
    ("/moved", Status.MOVED),
    ("/moved308", Status.MOVED),
    ("/temp", Status.OK),
    ("/temp307", Status.OK),
    ("/moved-to-gone", Status.BROKEN),
    ("/loop", Status.BROKEN),
    ("/gone404", Status.BROKEN),
    ("/gone410", Status.BROKEN),
    ("/error", Status.BROKEN),
    ("/busy", Status.WARNING),
    ("/slow", Status.WARNING),
    ("/head-not-allowed", Status.OK),
])
def test_classification(classified, path, status):
    _, results, _ = classified
    assert results[path].status is status, results[path]


def test_reasons_say_what_to_do(classified):
    base, results, elapsed = classified
    assert results["/moved"].reason == f"HTTP 301: update the URL to {base}/ok"
    assert "after redirect to" in results["/temp"].reason
    assert results["/gone404"].reason == "HTTP 404"
    assert "HTTP 404 after redirect" in results["/moved-to-gone"].reason
    assert "loop" in results["/loop"].reason
    assert "429" in results["/busy"].reason
    assert results["/slow"].reason == "timed out, twice"  # one retry, then a warning
    assert elapsed < 8, "the timeout must bound every request"


def test_head_refused_falls_back_to_get(base, server):
    assert check([base + "/head-not-allowed"])[base + "/head-not-allowed"].status is Status.OK
    assert [(m, p) for m, p, _ in server.arrivals] == [("HEAD", "/head-not-allowed"), ("GET", "/head-not-allowed")]


def test_unresolvable_host_is_unreachable_without_raising():
    result = check(["http://nonexistent.invalid/"])["http://nonexistent.invalid/"]
    assert result.status is Status.UNREACHABLE
    assert "DNS lookup failed" in result.reason


def test_refused_connection_is_unreachable():
    url = f"http://127.0.0.1:{closed_port()}/"
    assert check([url])[url].status is Status.UNREACHABLE


def test_ignored_hosts_are_skipped_without_a_request():
    url = "https://www.linkedin.com/in/someone"
    result = check([url])[url]
    assert result.status is Status.SKIPPED
    assert "999" in result.reason


# -- pacing and budget --------------------------------------------------------------


def test_requests_to_one_host_are_spaced_by_the_delay(base, server):
    # A lower bound only: a sleep may run long on a busy machine, never short.
    results = check([base + "/ok1", base + "/ok2", base + "/ok3"], per_host_delay=0.4)
    assert {r.status for r in results.values()} == {Status.OK}
    times = [t for _, _, t in server.arrivals]
    assert len(times) == 3
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert min(gaps) >= 0.35, gaps  # 0.4 s, less a little scheduling jitter on the server side


class FakeClock:
    """Time that moves only when the limiter sleeps: slots and sleeps are computed, not measured."""

    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_limiter_spaces_one_host_and_leaves_others_alone():
    clock = FakeClock()
    limiter = cl.HostLimiter(0.4, clock=clock, sleep=clock.sleep)
    for host in ("a", "a", "b", "a"):
        limiter.wait(host, deadline=100)
    # a at 0, a at 0.4, b at once, a at 0.8.
    assert [round(s, 6) for s in clock.sleeps] == [0, 0.4, 0, 0.4]


def test_limiter_gives_up_at_once_when_the_next_slot_is_past_the_deadline():
    clock = FakeClock()
    limiter = cl.HostLimiter(1.0, clock=clock, sleep=clock.sleep)
    limiter.wait("a", deadline=1.5)
    limiter.wait("a", deadline=1.5)
    with pytest.raises(cl.OutOfTime):
        limiter.wait("a", deadline=1.5)  # its slot would be at 2.0
    assert [round(s, 6) for s in clock.sleeps] == [0, 1.0]  # no sleep towards the slot it could not have


def test_budget_cuts_off_the_rest(base, monkeypatch):
    slept: list[float] = []

    class CountingLimiter(cl.HostLimiter):
        def __init__(self, delay):
            super().__init__(delay, sleep=lambda s: (slept.append(s), time.sleep(s)))

    monkeypatch.setattr(cl, "HostLimiter", CountingLimiter)
    urls = [base + "/ok1", base + "/ok2", base + "/ok3"]
    results = check(urls, per_host_delay=1.0, budget=1.5)  # slots at 0 s and 1 s; the third would be at 2 s
    assert len(slept) == 2, "the third request must be given up at once, not slept for"
    assert [results[u].status for u in urls] == [Status.OK, Status.OK, Status.NOT_CHECKED]
    assert results[urls[2]].reason == "not checked (time budget)"


def test_budget_cuts_a_slow_request_short(base, monkeypatch):
    timeouts: list[float] = []
    real_open = urllib.request.OpenerDirector.open

    def recording_open(self, request, data=None, timeout=None):
        timeouts.append(timeout)
        return real_open(self, request, data, timeout)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", recording_open)
    results = check([base + "/slow"], timeout=10.0, budget=1.0)
    assert timeouts and all(t <= 1.0 for t in timeouts), timeouts  # never the 10 s asked for
    assert results[base + "/slow"].status is Status.NOT_CHECKED


# -- offline ------------------------------------------------------------------------


def test_every_host_failing_means_offline_not_broken():
    urls = ["http://nonexistent.invalid/", "https://also-nonexistent.invalid/page", f"http://127.0.0.1:{closed_port()}/"]
    results = check(urls)
    assert {r.status for r in results.values()} == {Status.UNREACHABLE}
    assert cl.looks_offline(results)
    report = cl.render_report(results, {}, today="2025-06-02", elapsed=0.1, budget=20, offline=True)
    assert "unreachable-offline" in report
    assert section(report, "Broken") == "None."


def test_one_dead_host_among_live_ones_is_broken(base):
    results = check([base + "/ok", "http://nonexistent.invalid/"])
    assert not cl.looks_offline(results)
    report = cl.render_report(results, {}, today="2025-06-02", elapsed=0.1, budget=20, offline=False)
    assert "http://nonexistent.invalid/" in section(report, "Broken")


# -- report -------------------------------------------------------------------------


def section(report: str, title: str) -> str:
    for part in report.split("\n## ")[1:]:
        heading, _, body = part.partition("\n")
        if heading == title:
            return body.strip()
    raise AssertionError(f"no section {title!r} in:\n{report}")


def test_report_sections_list_urls_with_reason_and_users(classified):
    base, results, _ = classified
    by_url = {base + path: result for path, result in results.items()}
    by_url["https://www.linkedin.com/in/x"] = cl.Result("https://www.linkedin.com/in/x", Status.SKIPPED, "ignored")
    used = {base + "/gone404": ["resource `gone`", "docs/phases/data.md:12"]}
    report = cl.render_report(by_url, used, today="2025-06-02", elapsed=3, budget=300, offline=False)
    assert report.startswith("# External link check, 2025-06-02")
    assert "| ok | 4 |" in report and "| broken | 5 |" in report and "| moved (update the URL) | 2 |" in report
    broken = section(report, "Broken")
    assert f"| {base}/gone404 | broken: HTTP 404 | resource `gone`, docs/phases/data.md:12 |" in broken
    for path in ("/gone410", "/error", "/loop", "/moved-to-gone"):
        assert base + path + " |" in broken
    assert f"update the URL to {base}/ok" in section(report, "Moved (update the URL)")
    warnings = section(report, "Warnings")
    assert base + "/busy" in warnings and base + "/slow" in warnings
    assert "linkedin.com" in section(report, "Skipped")
    assert f"| {base}/ok |" not in report  # fine links are counted, not listed


def test_markdown_links_in_prose_only(tmp_path):
    snippet = tmp_path / "snippet.md"
    snippet.write_text("From a snippet: <https://snippet.example.io/>\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        'See [the tutorial](https://docs.python.org/3/tutorial/ "title") and <https://peps.python.org/pep-0008/>.\n'
        "[Bias](https://en.wikipedia.org/wiki/Bias_(statistics)) is defined there.\n"
        "Serve it on <http://127.0.0.1:8000>; `[code](https://in-code.example.io/)` is not a link.\n"
        "```text\n[fenced](https://fenced.example.io/)\n```\n"
        "[ref]: https://ref.example.io/page\n"
        f'--8<-- "{snippet}"\n',
        encoding="utf-8",
    )
    found = dict(cl.markdown_links(docs / "page.md"))
    assert set(found) == {"https://docs.python.org/3/tutorial/", "https://peps.python.org/pep-0008/",
                          "https://en.wikipedia.org/wiki/Bias_(statistics)", "https://ref.example.io/page",
                          "https://snippet.example.io/"}
    assert found["https://peps.python.org/pep-0008/"].endswith("page.md:1")
    assert found["https://snippet.example.io/"].endswith("snippet.md:1")


# -- status file and command line ---------------------------------------------------------------


RESOURCE = """\
  - id: {id}
    title: {id}
    url: {url}
    type: docs
    cost: free
    level: beginner
    topics: [{topic}]
    why: A resource served by the local test server.
"""


def tiny_data(tmp_path: Path, base: str) -> Path:
    entries = [("fine", "/ok", "python"), ("gone", "/gone404", "sql"), ("busy", "/busy", "linear-models"),
               ("later", "/temp", "llms"), ("failing", "/error", "python"), ("relocated", "/moved", "sql")]
    resources = "resources:\n" + "".join(RESOURCE.format(id=i, url=base + p, topic=t) for i, p, t in entries)
    return write_data(tmp_path / "data", resources=resources)


def test_write_status_and_report_end_to_end(tmp_path, base, monkeypatch):
    data = tiny_data(tmp_path, base)
    status = data / "link-status.yml"
    status.write_text(
        "links:\n"
        f"- url: {base}/ok\n  failing_since: 2025-01-01\n  note: flaky in January\n"
        f"- url: {base}/gone404\n  last_ok: 2024-12-01\n  failing_since: 2025-05-26\n"
        f"- url: {base}/busy\n  last_ok: '2025-05-26'\n"
        "- url: https://no-longer-linked.example.io/\n  last_ok: '2025-05-26'\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    report, summary, output = tmp_path / "report.md", tmp_path / "summary.md", tmp_path / "output"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    args = ["--data", str(data), "--docs", str(docs), "--status", str(status), "--report", str(report),
            "--timeout", str(TIMEOUT), "--budget", "20", "--per-host-delay", "0"]

    assert cl.main([*args, "--today", "2025-06-02", "--write-status"]) == 0  # a report, not a gate
    text = report.read_text(encoding="utf-8")
    assert "resource `gone`" in section(text, "Broken")
    assert "resource `relocated`" in section(text, "Moved (update the URL)")
    assert summary.read_text(encoding="utf-8") == text
    assert output.read_text(encoding="utf-8") == "problems=3\n"  # two broken, one moved

    written = status.read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=link-status.schema.json\n")
    assert "weekly external link check" in written
    links = {e["url"]: e for e in yaml.safe_load(written)["links"]}
    assert list(links) == sorted(links)
    assert links[f"{base}/ok"] == {"url": f"{base}/ok", "last_ok": "2025-06-02", "note": "flaky in January"}
    assert links[f"{base}/gone404"] == {"url": f"{base}/gone404", "last_ok": "2024-12-01", "failing_since": "2025-05-26"}
    assert links[f"{base}/error"] == {"url": f"{base}/error", "failing_since": "2025-06-02"}
    assert links[f"{base}/busy"] == {"url": f"{base}/busy", "last_ok": "2025-05-26"}  # a warning changes nothing
    assert links[f"{base}/temp"]["last_ok"] == "2025-06-02"
    assert links[f"{base}/moved"]["last_ok"] == "2025-06-02"  # still reaches the page
    assert "https://no-longer-linked.example.io/" not in links
    cl.load(data)  # the build's loader and schema accept what was written

    # A week later: the failure streaks keep their first day, and --strict fails on them.
    assert cl.main([*args, "--today", "2025-06-09", "--write-status", "--strict"]) == 1
    links = {e["url"]: e for e in yaml.safe_load(status.read_text(encoding="utf-8"))["links"]}
    assert links[f"{base}/error"]["failing_since"] == "2025-06-02"
    assert links[f"{base}/gone404"]["failing_since"] == "2025-05-26"
    assert links[f"{base}/ok"]["last_ok"] == "2025-06-09"


def test_offline_run_leaves_the_status_file_alone(tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}"
    resources = "resources:\n" + "".join(
        RESOURCE.format(id=f"r{i}", url=url, topic=topic) for i, (url, topic) in enumerate([
            ("https://docs.python.org/3/", "python"), ("https://sqlbolt.com/", "sql"),
            (dead + "/a", "linear-models"), ("https://huggingface.co/learn", "llms")]))
    data = write_data(tmp_path / "data", resources=resources)
    status = data / "link-status.yml"
    before = f"links:\n- url: {dead}/a\n  last_ok: '2025-05-26'\n"
    status.write_text(before, encoding="utf-8")
    report = tmp_path / "report.md"
    code = cl.main(["--data", str(data), "--docs", str(tmp_path / "no-docs"), "--status", str(status),
                    "--report", str(report), "--write-status", "--strict", "--timeout", str(TIMEOUT),
                    "--per-host-delay", "0"])
    assert code == 0, "offline is not evidence that links are broken"
    assert "unreachable-offline" in report.read_text(encoding="utf-8")
    assert status.read_text(encoding="utf-8") == before


def test_invalid_data_exits_2(tmp_path, capsys):
    data = write_data(tmp_path / "data", resources="resources: []\n")
    assert cl.main(["--data", str(data), "--docs", str(tmp_path)]) == 2
    assert "make validate" in capsys.readouterr().err
