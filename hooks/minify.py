"""Our own stylesheet and script, minified in the built site: comments and indentation stay in the sources.

roadmap.js and roadmap.css explain themselves at length, and the asset budgets (issue 8: 15 KB of
script, 10 KB of style before compression) count what a learner downloads. rjsmin and rcssmin
remove comments and white space only: no renaming and no rewriting, so what runs is what the source
says. `mkdocs serve` serves the sources unchanged, to be read in the browser's developer tools.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def minified(path: str, text: str) -> str:
    if path.endswith(".js"):
        return rjsmin.jsmin(text)
    if path.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"cannot minify {path}: neither .js nor .css")


def on_post_build(config) -> None:
    if _command == "serve":
        return
    site = Path(config["site_dir"])
    docs = Path(config["docs_dir"])
    for asset in list(config["extra_css"]) + [str(script) for script in config["extra_javascript"]]:
        # Only files of ours: a URL or a file Material ships is left alone.
        if (docs / asset).is_file() and (site / asset).is_file():
            target = site / asset
            target.write_text(minified(asset, target.read_text(encoding="utf-8")), encoding="utf-8")
