#!/usr/bin/env python3
"""Summarise what a change does to data/resources.yml, as Markdown for a pull request's job summary.

    python tools/data_diff.py BASE_RESOURCES_YML HEAD_RESOURCES_YML
    python tools/data_diff.py --git BASE_REF [HEAD_RESOURCES_YML]

Resources are matched by id: added, removed, and changed with each differing field as old -> new.
A missing file counts as empty, so a branch that creates the file diffs cleanly. Reviewers read this
instead of a YAML diff, where a moved entry looks like a removal plus an addition.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
GIT_PATH = "data/resources.yml"
# Fields in the order a contributor writes them (CONTRIBUTING.md); unknown ones follow alphabetically.
FIELD_ORDER = ("title", "url", "type", "cost", "level", "topics", "author", "provider", "hours", "why")


class DiffError(Exception):
    pass


def parse(text: str | None, label: str) -> dict[str, dict[str, Any]]:
    """Resources by id, in file order. None (a missing file) is empty."""
    if not text:
        return {}
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise DiffError(f"{label}: invalid YAML: {error}") from None
    entries = document.get("resources") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise DiffError(f"{label}: expected a top-level `resources:` list")
    by_id: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            by_id[str(entry.get("id") or f"(entry #{number} without id)")] = entry
    return by_id


def read_file(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def read_git(ref: str, path: str = GIT_PATH) -> str | None:
    """The file at `ref`, or None when it did not exist there. An unknown ref is an error, not empty."""
    known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                           cwd=ROOT, capture_output=True, text=True)
    if known.returncode != 0:
        raise DiffError(f"unknown git ref {ref!r} (in CI, fetch it first, e.g. with fetch-depth: 0)")
    shown = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    keys = set(old) | set(new)
    ordered = [k for k in FIELD_ORDER if k in keys] + sorted(keys - set(FIELD_ORDER) - {"id"})
    return [(k, old.get(k), new.get(k)) for k in ordered if old.get(k) != new.get(k)]


def render(base: dict[str, dict[str, Any]], head: dict[str, dict[str, Any]], base_label: str, head_label: str) -> str:
    added = [rid for rid in head if rid not in base]
    removed = [rid for rid in base if rid not in head]
    changed = {rid: fields for rid in head if rid in base and (fields := changed_fields(base[rid], head[rid]))}
    lines = ["## Resource changes", ""]
    if not (added or removed or changed):
        return "\n".join(lines + [f"No resource changes between {base_label} and {head_label}.", ""])
    lines += [f"{len(added)} added, {len(removed)} removed, {len(changed)} changed "
              f"({base_label} -> {head_label}; {len(head)} resources now).", ""]
    if added:
        lines += ["### Added", ""]
        for rid in added:
            r = head[rid]
            lines.append(f"- `{rid}`: {r.get('title', '?')} ({r.get('type', '?')}, {r.get('cost', '?')}, "
                         f"{r.get('level', '?')}), topics {_show(r.get('topics'))}: {r.get('url', '?')}")
        lines.append("")
    if removed:
        lines += ["### Removed", ""]
        lines += [f"- `{rid}`: {base[rid].get('title', '?')}: {base[rid].get('url', '?')}" for rid in removed]
        lines.append("")
    if changed:
        lines += ["### Changed", ""]
        for rid, fields in changed.items():
            lines.append(f"- `{rid}`")
            lines += [f"  - `{name}`: {_show(old)} -> {_show(new)}" for name, old, new in fields]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Markdown summary of resources added, removed and changed.")
    parser.add_argument("--git", metavar="BASE_REF", help=f"read the base from `git show BASE_REF:{GIT_PATH}`")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help=f"BASE HEAD, or with --git only HEAD (default {GIT_PATH})")
    args = parser.parse_args(argv)
    try:
        if args.git:
            if len(args.files) > 1:
                parser.error("with --git, give at most the HEAD file")
            head_path = args.files[0] if args.files else ROOT / GIT_PATH  # the working tree by default
            head_label = str(args.files[0]) if args.files else GIT_PATH
            base_text, base_label = read_git(args.git), f"{args.git}:{GIT_PATH}"
        else:
            if len(args.files) != 2:
                parser.error("give BASE and HEAD files, or --git BASE_REF")
            base_text, base_label = read_file(args.files[0]), str(args.files[0])
            head_path, head_label = args.files[1], str(args.files[1])
        print(render(parse(base_text, base_label), parse(read_file(head_path), head_label), base_label, head_label))
    except DiffError as error:
        print(f"data_diff: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
