"""Our own stylesheet and script, minified in the built site: comments and indentation stay in the sources.

roadmap.js and roadmap.css explain themselves at length, and the asset budgets (issue 6: 15 KB of
script, 10 KB of style before compression) count what a learner downloads. The script goes through
esbuild (an exact-pinned npm devDependency, installed by `make build` and `make test`), which also
renames local variables: a quarter smaller than removing white space alone, and it leaves room in the
budget for the progress link and the diagrams. Function names are not kept, so messages name their
feature in a string. The stylesheet goes through rcssmin: esbuild saves nothing on it.

Where esbuild is not installed (a bare `mkdocs build` without `npm ci`) rjsmin removes comments and
white space only, and says so; the budget test runs where esbuild is. `mkdocs serve` serves the sources
unchanged, to be read in the browser's developer tools.
"""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.minify")

_command = "build"
ESBUILD = Path(__file__).resolve().parent.parent / "node_modules" / ".bin" / "esbuild"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def esbuild_js(text: str, esbuild: Path = ESBUILD) -> str:
    result = subprocess.run([str(esbuild), "--minify", "--loader=js", "--target=es2020", "--log-level=error"],
                            input=text, capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"esbuild could not minify our script: {result.stderr.strip()}")
    return result.stdout


def minified(path: str, text: str, esbuild: Path = ESBUILD) -> str:
    if path.endswith(".js"):
        return esbuild_js(text, esbuild) if esbuild.is_file() else rjsmin.jsmin(text)
    if path.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"cannot minify {path}: neither .js nor .css")


def on_post_build(config) -> None:
    if _command == "serve":
        return
    if not ESBUILD.is_file():
        log.info("esbuild is not installed (npm ci): our script is minified by removing white space only")
    site = Path(config["site_dir"])
    docs = Path(config["docs_dir"])
    # Every script and stylesheet of ours, linked from mkdocs.yml or fetched by roadmap.js (the progress
    # tools); Material's own files live elsewhere and are left alone.
    for source in sorted((docs / "assets").rglob("*")):
        asset = source.relative_to(docs).as_posix()
        if source.suffix in (".js", ".css") and (site / asset).is_file():
            target = site / asset
            target.write_text(minified(asset, target.read_text(encoding="utf-8")), encoding="utf-8")
