"""hooks/minify.py: esbuild where it is installed, white space only where it is not, never a broken file."""

from __future__ import annotations

import subprocess

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT
from hooks import minify

SCRIPT = """(() => {
  "use strict";
  // a comment that must not ship
  function countDone(store) { var doneTopics = Object.keys(store.done); return doneTopics.length; }
  window.__result = countDone({ done: { python: "2026-01-01", sql: "2026-01-02" } });
})();
"""


def run_in_node(script: str) -> str:
    """What the script leaves in window.__result, run by the machine's node (npm's, which make test needs)."""
    result = subprocess.run(["node", "-e", "var window = {};" + script + ";console.log(String(window.__result))"],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_esbuild_renames_locals_and_keeps_behaviour():
    assert minify.ESBUILD.is_file(), "make test installs esbuild (npm ci)"
    out = minify.minified("assets/js/x.js", SCRIPT)
    assert "countDone" not in out and "doneTopics" not in out and "comment" not in out
    assert run_in_node(out) == run_in_node(SCRIPT) == "2"


def test_without_esbuild_only_white_space_and_comments_go(tmp_path):
    out = minify.minified("assets/js/x.js", SCRIPT, esbuild=tmp_path / "missing")
    assert "countDone" in out and "comment" not in out
    assert run_in_node(out) == "2"


def test_a_script_esbuild_cannot_parse_stops_the_build_with_its_reason():
    with pytest.raises(PluginError, match="esbuild could not minify our script:.*Expected"):
        minify.minified("assets/js/x.js", "function ( {")


@pytest.mark.parametrize("name", ["roadmap.js", "progress-tools.js"])
def test_each_built_script_is_the_esbuild_output_of_its_source(built_site, name):
    """Linked from mkdocs.yml or fetched by roadmap.js on demand: every script of ours ships minified."""
    source = (ROOT / "docs" / "assets" / "js" / name).read_text(encoding="utf-8")
    built = (built_site / "assets" / "js" / name).read_text(encoding="utf-8")
    assert built == minify.esbuild_js(source)
