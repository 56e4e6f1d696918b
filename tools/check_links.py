#!/usr/bin/env python3
"""Check every external URL the site links to and write a report a maintainer can act on.

URLs come from data/resources.yml (through macros.data.load, so only validated data is checked) and
from Markdown links in docs/**/*.md, including files pulled in with `--8<--` snippets. Each URL is
asked once, with HEAD first, and classified without following redirects blindly: a permanent
redirect means "update the URL", a temporary one is fine.

Run weekly by .github/workflows/links.yml and locally by `make links-external`. The exit status is
0 because the output is a report, not a gate; --strict turns broken links into exit status 1.
Standard library only (plus PyYAML, which the site needs anyway), so it runs wherever the site builds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import http.client
import os
import queue
import re
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/ is not a package: make `macros` importable when run as a script

from macros.data import DataError, load, url_problem  # noqa: E402

# Sites see who is asking and how to reach the project if the checker misbehaves.
USER_AGENT = "ml-engineer-roadmap-link-check/1.0 (+https://github.com/ml-engineer-roadmap/ml-engineer-roadmap)"
HEADERS = {"User-Agent": USER_AGENT, "Accept": "*/*"}
MAX_REDIRECTS = 5
WORKERS = 8  # hosts checked at once; each host is still asked one request at a time
HEAD_REFUSED = (403, 405, 501)  # servers that reject HEAD but answer GET
TEMPORARY = (302, 303, 307)
PERMANENT = (301, 308)
# Stray threads stuck in a DNS lookup (which ignores socket timeouts) get this long after the budget.
GRACE_SECONDS = 1.0
NOT_CHECKED_REASON = "not checked (time budget)"
OFFLINE_SHARE = 0.8  # this share of hosts failing DNS or connect means the machine is offline
OFFLINE_SAMPLE = 16  # hosts to try before calling the machine offline and stopping early
OFFLINE_REASON = "not tried: the machine looks offline"
STATUS_HEADER = (
    "# yaml-language-server: $schema=link-status.schema.json\n"
    "# Written by the weekly external link check (tools/check_links.py --write-status, run by\n"
    "# .github/workflows/links.yml); a maintainer commits it from the job's artifact. Sorted by url.\n"
    "# last_ok: the day the URL last answered; failing_since: the first failure of the current streak.\n"
    "# Only `note` is for hand edits; the job keeps it.\n"
)

# Hosts that refuse automated requests whatever state the page is in, so checking them says nothing.
# Their URLs are reported as skipped: check them by hand. A host matches its subdomains too.
IGNORE: dict[str, str] = {
    "linkedin.com": "answers HTTP 999 to anything that is not a logged-in browser",
    "x.com": "serves scripts a login wall or HTTP 403",
    "twitter.com": "redirects to x.com, which serves scripts a login wall",
    "facebook.com": "redirects scripts to a login page",
    "instagram.com": "redirects scripts to a login page",
    "reddit.com": "blocks non-browser clients with HTTP 403 and 429",
    "medium.com": "puts scripts behind a Cloudflare bot challenge (HTTP 403)",
    "researchgate.net": "puts scripts behind a Cloudflare bot challenge (HTTP 403)",
    "quora.com": "puts scripts behind a Cloudflare bot challenge (HTTP 403)",
    "udemy.com": "puts scripts behind a Cloudflare bot challenge (HTTP 403)",
    "leetcode.com": "puts scripts behind a Cloudflare bot challenge (HTTP 403)",
}
# Docs mention local and placeholder addresses ("open http://127.0.0.1:8000"); they are not links to check.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "example.com", "example.org", "example.net"}


class Status(str, Enum):
    OK = "ok"
    MOVED = "moved"
    BROKEN = "broken"
    UNREACHABLE = "unreachable"  # DNS or network failure: broken, unless nearly every host failed so (offline)
    WARNING = "warning"  # 429, timeouts, odd answers: retry next week
    SKIPPED = "skipped"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class Result:
    url: str
    status: Status
    reason: str


class OutOfTime(Exception):
    """The time budget ran out before this URL got a verdict."""


class _Failure(Exception):
    """A request that got no HTTP answer, already classified."""

    def __init__(self, status: Status, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def host_key(url: str) -> str:
    """What the rate limit counts as one site: www.example.org and example.org are the same servers."""
    return host_of(url).removeprefix("www.")


def ignore_reason(host: str) -> str | None:
    for ignored, reason in IGNORE.items():
        if host == ignored or host.endswith("." + ignored):
            return reason
    return None


# ----------------------------------------------------------------------------
# Collecting URLs
# ----------------------------------------------------------------------------

# One level of balanced parentheses, for Wikipedia-style URLs such as .../Bias_(statistics).
_URL = r"https?://(?:[^\s()<>]|\([^\s()<>]*\))+"
MARKDOWN_LINK = re.compile(r"\]\(\s*<?(" + _URL + r")>?")
AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(https?://[^\s<>]+)>?")
SNIPPET = re.compile(r'^\s*-+8<-+\s+"([^"]+)"\s*$')
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`\n]*`")


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def markdown_links(path: Path, seen: set[Path] | None = None) -> Iterator[tuple[str, str]]:
    """(url, "file:line") for each external link in the prose of one Markdown file and its snippets."""
    seen = set() if seen is None else seen
    if path.resolve() in seen or not path.is_file():
        return
    seen.add(path.resolve())
    in_fence = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence  # code samples show URLs, they do not link them
            continue
        if in_fence:
            continue
        snippet = SNIPPET.match(line)
        if snippet:  # pymdownx.snippets resolves paths from the repository root (mkdocs.yml base_path ".")
            yield from markdown_links(ROOT / snippet.group(1), seen)
            continue
        prose = CODE_SPAN.sub("", line)
        for pattern in (MARKDOWN_LINK, AUTOLINK, REFERENCE):
            for match in pattern.finditer(prose):
                url = match.group(1)
                if host_of(url) not in LOCAL_HOSTS:
                    yield url, f"{_display(path)}:{number}"


def collect(data_dir: Path, docs_dir: Path) -> dict[str, list[str]]:
    """Every external URL, mapped to where it is used ("resource `id`" or "docs/page.md:12")."""
    used: dict[str, list[str]] = defaultdict(list)
    for resource in load(data_dir, ROOT).resources:
        used[resource.url].append(f"resource `{resource.id}`")
    if docs_dir.is_dir():
        for page in sorted(docs_dir.rglob("*.md")):
            for url, where in markdown_links(page):
                if where not in used[url]:
                    used[url].append(where)
    return dict(used)


# ----------------------------------------------------------------------------
# Checking
# ----------------------------------------------------------------------------


class HostLimiter:
    """Spaces requests to one host at least `delay` seconds apart, across threads."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.delay = delay
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep  # injectable, so tests count time instead of timing it

    def wait(self, host: str, deadline: float) -> None:
        # Reserve the next slot under the lock, sleep outside it, so other hosts are not held up.
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            if slot >= deadline:
                raise OutOfTime
            self._next[host] = slot + self.delay
        self._sleep(max(0.0, slot - self._clock()))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every 3xx back as an HTTPError: 301 and 302 mean different things to the report."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


def _network_failure(error: BaseException) -> tuple[Status, str, bool]:
    """(status, reason, worth one retry) for an error that carried no HTTP status."""
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    if isinstance(error, socket.gaierror):
        # EAI_AGAIN is a resolver hiccup; "no such name" will not change in a second.
        return Status.UNREACHABLE, f"DNS lookup failed ({error.strerror})", error.errno == socket.EAI_AGAIN
    if isinstance(error, TimeoutError):  # socket.timeout is TimeoutError since Python 3.10
        return Status.WARNING, "timed out", True
    if isinstance(error, ConnectionRefusedError):
        return Status.UNREACHABLE, "connection refused", True
    if isinstance(error, ssl.SSLCertVerificationError):
        return Status.BROKEN, f"TLS certificate problem ({error.verify_message})", False
    if isinstance(error, OSError) and error.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN,
                                                      errno.EHOSTDOWN, errno.EADDRNOTAVAIL):
        return Status.UNREACHABLE, f"network unreachable ({error.strerror})", True
    return Status.WARNING, f"connection error ({type(error).__name__}: {error})", True


class Checker:
    """Classifies one URL at a time; safe to share between threads."""

    def __init__(self, timeout: float, deadline: float, limiter: HostLimiter):
        self.timeout = timeout
        self.deadline = deadline
        self.limiter = limiter
        # Loading the CA bundle costs ~50 ms of CPU; once per run, not once per connection.
        self.tls = ssl.create_default_context()
        # A host whose name does not resolve (or that refuses connections) fails the same way for each
        # of its URLs: remember it, so an offline run does not wait out the per-host delay for nothing.
        self.dead_hosts: dict[str, str] = {}

    def check(self, url: str) -> Result:
        reason = ignore_reason(host_of(url))
        if reason:
            return Result(url, Status.SKIPPED, f"the host {reason}")
        # One opener per check: nothing mutable is shared between threads.
        opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=self.tls))
        current, seen, first_code = url, {url}, 0
        moved_to: str | None = None
        permanent = True  # every hop so far was permanent, so the page really lives elsewhere now
        for _ in range(MAX_REDIRECTS + 1):
            try:
                code, location = self._fetch(opener, current)
            except _Failure as failure:
                return Result(url, failure.status, _after(failure.reason, current, url))
            first_code = first_code or code
            if not (code in PERMANENT + TEMPORARY and location):
                return self._classify(url, code, current, moved_to, first_code)
            target = urljoin(current, location)
            permanent = permanent and code in PERMANENT
            if permanent:
                moved_to = target
            if target in seen:
                return Result(url, Status.BROKEN, f"redirect loop at {target}")
            if urlsplit(target).scheme not in ("http", "https"):
                return Result(url, Status.BROKEN, f"redirects to {target}, which is not a web address")
            seen.add(target)
            current = target
        return Result(url, Status.BROKEN, f"more than {MAX_REDIRECTS} redirects")

    def _classify(self, url: str, code: int, final: str, moved_to: str | None, first_code: int) -> Result:
        if 200 <= code < 300:
            if moved_to:
                return Result(url, Status.MOVED, f"HTTP {first_code}: update the URL to {moved_to}")
            return Result(url, Status.OK, _after(f"HTTP {code}", final, url))
        if code in (404, 410) or code >= 500:
            return Result(url, Status.BROKEN, _after(f"HTTP {code}", final, url))
        if code == 429:
            return Result(url, Status.WARNING, _after("HTTP 429 (too many requests)", final, url))
        return Result(url, Status.WARNING, _after(f"HTTP {code}; check by hand", final, url))

    def _fetch(self, opener: urllib.request.OpenerDirector, url: str) -> tuple[int, str | None]:
        code, headers = self._request(opener, url, "HEAD")
        if code in HEAD_REFUSED:
            code, headers = self._request(opener, url, "GET")
        return code, headers.get("Location") if headers is not None else None

    def _request(self, opener: urllib.request.OpenerDirector, url: str, method: str) -> tuple[int, Any]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        for attempt in range(2):  # one retry on timeouts and connection errors
            if origin in self.dead_hosts:
                raise _Failure(Status.UNREACHABLE, self.dead_hosts[origin])
            self.limiter.wait(host_key(url), self.deadline)
            # Never wait past the budget: a request started near the end gets only what is left.
            timeout = min(self.timeout, self.deadline - time.monotonic())
            if timeout <= 0:
                raise OutOfTime
            request = urllib.request.Request(url, method=method, headers=HEADERS)
            try:
                # GET bodies are never read: the status line and headers are all we need.
                with opener.open(request, timeout=timeout) as response:
                    return response.status, response.headers
            except urllib.error.HTTPError as error:  # any non-2xx, including the redirects we refused
                error.close()
                return error.code, error.headers
            except ValueError as error:  # urllib refuses before connecting, e.g. control characters
                raise _Failure(Status.BROKEN, f"not a valid URL ({error})") from None
            except (OSError, http.client.HTTPException) as error:
                status, reason, retry = _network_failure(error)
                if time.monotonic() >= self.deadline:
                    raise OutOfTime from None  # the budget cut this attempt short: no verdict
                if not retry or attempt:
                    reason = f"{reason}, twice" if attempt else reason
                    if status is Status.UNREACHABLE:
                        self.dead_hosts[origin] = reason
                    raise _Failure(status, reason) from None
        raise AssertionError("unreachable")


def _after(reason: str, final: str, url: str) -> str:
    return reason if final == url else f"{reason} after redirect to {final}"


def run_checks(urls: Iterable[str], *, timeout: float = 10.0, budget: float = 300.0,
               per_host_delay: float = 1.0, workers: int = WORKERS) -> dict[str, Result]:
    """Check the URLs, hosts in parallel, and return a verdict for every one of them by the budget."""
    ordered = list(dict.fromkeys(urls))
    deadline = time.monotonic() + budget
    checker = Checker(timeout, deadline, HostLimiter(per_host_delay))
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in ordered:
        by_host[host_key(url)].append(url)
    work: queue.SimpleQueue[list[str]] = queue.SimpleQueue()
    for host in sorted(by_host, key=lambda h: -len(by_host[h])):  # longest queues first: they set the pace
        work.put(by_host[host])
    results: dict[str, Result] = {}
    lock = threading.Lock()
    offline = threading.Event()

    def worker() -> None:
        while True:
            try:
                batch = work.get_nowait()
            except queue.Empty:
                return
            for url in batch:
                try:
                    # Offline DNS can stall 5 s a name: once offline is clear, do not wait it out per host.
                    if offline.is_set() and not ignore_reason(host_of(url)):
                        result = Result(url, Status.UNREACHABLE, OFFLINE_REASON)
                    else:
                        result = checker.check(url)
                except OutOfTime:
                    result = Result(url, Status.NOT_CHECKED, NOT_CHECKED_REASON)
                except Exception as error:  # a checker bug must not silently drop a host
                    result = Result(url, Status.WARNING, f"checker error ({type(error).__name__}: {error})")
                with lock:
                    results[url] = result
                    if not offline.is_set() and looks_offline(results, min_hosts=OFFLINE_SAMPLE):
                        offline.set()

    # Daemon threads rather than a ThreadPoolExecutor: a DNS lookup ignores socket timeouts, and the
    # executor would hold up interpreter exit until it returned. The budget must hold whatever happens.
    threads = [threading.Thread(target=worker, name=f"check-links-{i}", daemon=True)
               for i in range(min(workers, len(by_host)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline + GRACE_SECONDS - time.monotonic()))
    with lock:
        done = dict(results)
    return {url: done.get(url) or Result(url, Status.NOT_CHECKED, NOT_CHECKED_REASON) for url in ordered}


def looks_offline(results: Mapping[str, Result], min_hosts: int = 2) -> bool:
    """Most hosts failed at the network level: the machine or its network is offline, not the links.

    "Most" rather than "all": sandboxes and corporate networks often let one package registry through
    a proxy while every other name fails to resolve. A real network never loses half of the web.
    """
    checked = {host_key(r.url) for r in results.values() if r.status not in (Status.SKIPPED, Status.NOT_CHECKED)}
    dead = {host_key(r.url) for r in results.values() if r.status is Status.UNREACHABLE}
    return len(checked) >= min_hosts and len(dead) >= OFFLINE_SHARE * len(checked)


# ----------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _used_by(refs: list[str]) -> str:
    shown = ", ".join(refs[:5])
    return shown + (f" and {len(refs) - 5} more" if len(refs) > 5 else "")


def render_report(results: Mapping[str, Result], used: Mapping[str, list[str]], *, today: str,
                  elapsed: float, budget: float, offline: bool) -> str:
    def having(*statuses: Status) -> list[Result]:
        return [r for r in results.values() if r.status in statuses]

    broken_statuses = (Status.BROKEN,) if offline else (Status.BROKEN, Status.UNREACHABLE)
    lines = [
        f"# External link check, {today}",
        "",
        f"Checked {len(results)} URLs from the resources data and the docs pages in {elapsed:.0f} s "
        f"(budget {budget:.0f} s).",
        "",
    ]
    if offline:
        unreachable = having(Status.UNREACHABLE)
        tried = [r for r in unreachable if r.reason != OFFLINE_REASON]
        lines += [
            "> [!WARNING]",
            f"> **unreachable-offline**: {len(tried)} URLs, on nearly every host tried, failed with a DNS or",
            f"> network error, so this machine or its network is offline, not the links; {len(unreachable) - len(tried)}",
            "> more were not tried. None of them was judged, link-status.yml was left alone and nothing",
            "> counts as broken for --strict. Run the check again with a working connection.",
            "> First errors: " + "; ".join(f"{r.url}: {r.reason}" for r in tried[:3]),
            "",
        ]
    counts = [
        ("ok", len(having(Status.OK))),
        ("broken", len(having(*broken_statuses))),
        ("moved (update the URL)", len(having(Status.MOVED))),
        ("warning (retry next week)", len(having(Status.WARNING))),
        ("skipped (host blocks checks)", len(having(Status.SKIPPED))),
        (NOT_CHECKED_REASON, len(having(Status.NOT_CHECKED))),
    ]
    if offline:
        counts.append(("unreachable-offline", len(having(Status.UNREACHABLE))))
    lines += ["| Result | URLs |", "| --- | ---: |", *(f"| {name} | {count} |" for name, count in counts), ""]

    sections = [
        ("Broken", having(*broken_statuses), "Fix or replace these URLs."),
        ("Moved (update the URL)", having(Status.MOVED), "These still work through a permanent redirect."),
        ("Warnings", having(Status.WARNING), "Probably transient: retry next week before acting."),
        ("Skipped", having(Status.SKIPPED, Status.NOT_CHECKED), "Check these by hand if they matter."),
    ]
    for title, rows, advice in sections:
        lines += [f"## {title}", ""]
        if not rows:
            lines += ["None.", ""]
            continue
        lines += [advice, "", "| URL | Status | Used by |", "| --- | --- | --- |"]
        for r in sorted(rows, key=lambda r: r.url):
            lines.append(f"| {_cell(r.url)} | {_cell(r.status.value + ': ' + r.reason)} "
                         f"| {_cell(_used_by(used.get(r.url, [])))} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# ----------------------------------------------------------------------------
# Status file
# ----------------------------------------------------------------------------


def read_status(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    # safe_load turns unquoted dates into date objects; the schema speaks of strings.
    return [{k: str(v) for k, v in entry.items()} for entry in document.get("links") or []]


def update_status(entries: list[dict[str, str]], results: Mapping[str, Result], today: str) -> list[dict[str, str]]:
    """The new link-status entries: answered -> last_ok, broken -> failing_since, else unchanged."""
    by_url = {entry["url"]: dict(entry) for entry in entries}
    for url, result in results.items():
        if url_problem(url):  # the build validates this file: keep out what it would reject
            continue
        entry = by_url.get(url, {"url": url})
        if result.status in (Status.OK, Status.MOVED):  # a permanent redirect still reaches the page
            entry["last_ok"] = today
            entry.pop("failing_since", None)
        elif result.status in (Status.BROKEN, Status.UNREACHABLE):
            entry.setdefault("failing_since", today)  # the first failure of the streak is what matters
        else:
            continue  # warnings, skipped and not checked tell us nothing new
        by_url[url] = entry
    order = ("url", "last_ok", "failing_since", "note")
    # Entries for URLs the site no longer links are dropped, so the file does not grow forever.
    return [{k: by_url[url][k] for k in order if k in by_url[url]} for url in sorted(by_url) if url in results]


def write_status(path: Path, entries: list[dict[str, str]]) -> None:
    body = yaml.safe_dump({"links": entries}, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(STATUS_HEADER + body, encoding="utf-8")


# ----------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)")
    parser.add_argument("--status", type=Path, default=Path("data/link-status.yml"),
                        help="link status file to update with --write-status")
    parser.add_argument("--report", type=Path, help="write the Markdown report here instead of stdout")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds for the whole run (default: 300)")
    parser.add_argument("--per-host-delay", type=float, default=1.0,
                        help="minimum seconds between requests to one host (default: 1)")
    parser.add_argument("--today", type=_date, default=dt.date.today().isoformat(), help="date to record")
    parser.add_argument("--write-status", action="store_true", help="update the link status file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any link is broken")
    args = parser.parse_args(argv)

    try:
        used = collect(args.data, args.docs)
    except DataError as error:
        print(f"The data does not validate; run `make validate` and fix it first:\n{error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    results = run_checks(used, timeout=args.timeout, budget=args.budget, per_host_delay=args.per_host_delay)
    elapsed = time.monotonic() - started
    offline = looks_offline(results)
    report = render_report(results, used, today=args.today, elapsed=elapsed, budget=args.budget, offline=offline)

    if args.report:
        args.report.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(report)
    broken = 0 if offline else sum(r.status in (Status.BROKEN, Status.UNREACHABLE) for r in results.values())
    moved = sum(r.status is Status.MOVED for r in results.values())
    if os.environ.get("GITHUB_OUTPUT"):  # lets the workflow skip the issue when nothing needs a human
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"problems={broken + moved + int(offline)}\n")

    if args.write_status:
        if offline:
            print(f"unreachable-offline: {args.status} left unchanged", file=sys.stderr)
        else:
            write_status(args.status, update_status(read_status(args.status), results, args.today))
    verdict = "unreachable-offline" if offline else f"{broken} broken, {moved} moved"
    print(f"check_links: {len(results)} URLs in {elapsed:.1f} s: {verdict}", file=sys.stderr)
    return 1 if args.strict and broken else 0


if __name__ == "__main__":
    sys.exit(main())
