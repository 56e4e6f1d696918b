"""Content-Security-Policy: each page's inline scripts are allowed by their hashes, nothing else inline.

overrides/main.html writes the policy with `'unsafe-inline'` in script-src as a stand-in. After a
page is rendered, this hook puts the SHA-256 of each of that page's inline scripts in its place:
Material's scripts hold the page's relative base URL ("." or "..") and appear only on some pages, so
the hashes cannot be written once. A browser given any hash ignores 'unsafe-inline'; replacing it
keeps the policy readable as what it enforces.

`mkdocs serve` keeps the stand-in: its live-reload script differs on every request, so no hash could
allow it. A page without the policy fails the build: a template change must not drop it silently.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

_POLICY = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(">)')
# An inline script is a <script> without src whose type runs as JavaScript: JSON data blocks such
# as Material's __config do not run, so they need no hash.
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_RUNS = re.compile(r'\btype\s*=\s*"(?!(?:text/javascript|module|application/javascript)")', re.I)
_STAND_IN = "'unsafe-inline'"

_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source expression of each distinct inline script in `html`, in page order."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.I) or _RUNS.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def with_script_hashes(html: str, where: str = "page") -> str:
    """`html` with its policy's stand-in replaced by the hashes of the page's inline scripts."""
    match = _POLICY.search(html)
    if not match or _STAND_IN not in match.group(2):
        raise PluginError(f"{where}: no Content-Security-Policy meta with {_STAND_IN} in script-src to fill in")
    directives = [d.strip() for d in match.group(2).split(";")]
    hashes = " ".join(inline_script_hashes(html))
    directives = [d.replace(_STAND_IN, hashes).strip() if d.startswith("script-src ") else d for d in directives]
    return html[:match.start(2)] + "; ".join(directives) + html[match.end(2):]


def _keeps_stand_in(config) -> bool:
    # The offline edition's web-worker polyfill writes an inline script holding the worker's file://
    # address into its iframe, which inherits this policy: the address differs on every disk, so no
    # hash can allow it. Offline pages come from the reader's own disk, not from a server.
    return _command == "serve" or bool(config.extra.get("offline"))


def on_post_page(output: str, page, config) -> str:
    if _keeps_stand_in(config):
        return output
    return with_script_hashes(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    """Pages built from a template alone, such as 404.html, which on_post_page does not see."""
    if _keeps_stand_in(config) or not template_name.endswith(".html"):
        return output
    return with_script_hashes(output, template_name)
