"""tools/data_diff.py: added, removed and changed resources by id, as Markdown."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

from conftest import ROOT


def _load_tool(name: str) -> ModuleType:
    # tools/ is a folder of scripts, not a package: import the file itself.
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


dd = _load_tool("data_diff")

BASE = """\
resources:
  - id: kept
    title: Kept as is
    url: https://kept.example.io/
    type: docs
    cost: free
    level: beginner
    topics: [python]
    why: Stays the same on both sides of the diff.
  - id: edited
    title: Old title
    url: https://old.example.io/
    type: course
    cost: free
    level: beginner
    topics: [python, sql]
    why: Changes in several fields.
  - id: dropped
    title: Going away
    url: https://dropped.example.io/
    type: book
    cost: paid
    level: advanced
    topics: [llms]
    why: Removed on the head side.
"""

HEAD = """\
resources:
  - id: edited
    title: New title
    url: https://new.example.io/
    type: course
    cost: freemium
    level: beginner
    topics: [python]
    hours: 4
    why: Changes in several fields.
  - id: kept
    title: Kept as is
    url: https://kept.example.io/
    type: docs
    cost: free
    level: beginner
    topics: [python]
    why: Stays the same on both sides of the diff.
  - id: fresh
    title: Brand new
    url: https://fresh.example.io/
    type: video
    cost: free
    level: intermediate
    topics: [sql, llms]
    why: Added on the head side.
"""


def run(capsys, *args: str) -> tuple[int, str]:
    code = dd.main(list(args))
    return code, capsys.readouterr().out


def test_added_removed_and_changed(tmp_path, capsys):
    (tmp_path / "base.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "head.yml").write_text(HEAD, encoding="utf-8")
    code, out = run(capsys, str(tmp_path / "base.yml"), str(tmp_path / "head.yml"))
    assert code == 0
    assert out.startswith("## Resource changes")
    assert "1 added, 1 removed, 1 changed" in out
    added = out.split("### Added")[1].split("###")[0]
    assert "- `fresh`: Brand new (video, free, intermediate), topics [sql, llms]: https://fresh.example.io/" in added
    removed = out.split("### Removed")[1].split("###")[0]
    assert "- `dropped`: Going away: https://dropped.example.io/" in removed
    changed = out.split("### Changed")[1]
    assert "- `edited`" in changed
    assert "  - `title`: Old title -> New title" in changed
    assert "  - `url`: https://old.example.io/ -> https://new.example.io/" in changed
    assert "  - `cost`: free -> freemium" in changed
    assert "  - `topics`: [python, sql] -> [python]" in changed
    assert "  - `hours`: (none) -> 4" in changed
    assert "`why`" not in changed and "`level`" not in changed  # unchanged fields stay out
    assert "kept" not in out  # reordering alone is not a change


def test_missing_base_means_everything_is_added(tmp_path, capsys):
    (tmp_path / "head.yml").write_text(HEAD, encoding="utf-8")
    code, out = run(capsys, str(tmp_path / "missing.yml"), str(tmp_path / "head.yml"))
    assert code == 0
    assert "3 added, 0 removed, 0 changed" in out
    assert "### Removed" not in out and "### Changed" not in out


def test_missing_head_means_everything_is_removed(tmp_path, capsys):
    (tmp_path / "base.yml").write_text(BASE, encoding="utf-8")
    code, out = run(capsys, str(tmp_path / "base.yml"), str(tmp_path / "missing.yml"))
    assert code == 0
    assert "0 added, 3 removed, 0 changed" in out


def test_identical_files_say_so(tmp_path, capsys):
    (tmp_path / "a.yml").write_text(BASE, encoding="utf-8")
    code, out = run(capsys, str(tmp_path / "a.yml"), str(tmp_path / "a.yml"))
    assert code == 0
    assert "No resource changes" in out


def test_invalid_yaml_is_an_error(tmp_path, capsys):
    (tmp_path / "bad.yml").write_text("resources: [\n", encoding="utf-8")
    (tmp_path / "head.yml").write_text(HEAD, encoding="utf-8")
    assert dd.main([str(tmp_path / "bad.yml"), str(tmp_path / "head.yml")]) == 2
    assert "invalid YAML" in capsys.readouterr().err


def fake_git(files: dict[str, str]):
    """Stands in for subprocess.run: `git rev-parse` knows the refs in `files`, `git show` serves them."""
    calls: list[list[str]] = []

    def run(args, **kwargs):
        calls.append(args)
        if args[:2] == ["git", "rev-parse"]:
            ref = args[-1].removesuffix("^{commit}")
            return subprocess.CompletedProcess(args, 0 if ref in files else 1, "", "")
        ref, _, path = args[2].partition(":")
        text = files.get(ref)
        if text is None or path != "data/resources.yml":
            return subprocess.CompletedProcess(args, 128, "", f"fatal: path '{path}' does not exist in '{ref}'")
        return subprocess.CompletedProcess(args, 0, text, "")

    return run, calls


def test_git_mode_reads_the_base_from_the_ref(tmp_path, capsys, monkeypatch):
    run_, calls = fake_git({"origin/main": BASE})
    monkeypatch.setattr(dd.subprocess, "run", run_)
    (tmp_path / "head.yml").write_text(HEAD, encoding="utf-8")
    code, out = run(capsys, "--git", "origin/main", str(tmp_path / "head.yml"))
    assert code == 0
    assert ["git", "show", "origin/main:data/resources.yml"] in calls
    assert "1 added, 1 removed, 1 changed" in out
    assert "origin/main:data/resources.yml" in out


def test_git_mode_with_a_ref_that_lacks_the_file_is_empty(tmp_path, capsys, monkeypatch):
    run_, _ = fake_git({"old": None})  # type: ignore[dict-item]
    monkeypatch.setattr(dd.subprocess, "run", run_)
    (tmp_path / "head.yml").write_text(HEAD, encoding="utf-8")
    code, out = run(capsys, "--git", "old", str(tmp_path / "head.yml"))
    assert code == 0
    assert "3 added, 0 removed, 0 changed" in out


def test_git_mode_with_an_unknown_ref_is_an_error(capsys, monkeypatch):
    run_, _ = fake_git({})
    monkeypatch.setattr(dd.subprocess, "run", run_)
    assert dd.main(["--git", "no-such-ref"]) == 2
    assert "unknown git ref" in capsys.readouterr().err
