"""Render every page's macros to plain Markdown, for a generator without mkdocs-macros.

    python -m macros.prerender [--config mkdocs.yml] [--out .zensical]

Writes OUT/docs: each page of the docs folder with its macros rendered by the same `Site` as the
MkDocs build (the HTML blocks written in place, the glossary abbreviations appended, the front
matter the macros set, such as a phase's description), and every other file copied. Then it runs
the same after-build check as the MkDocs build (every topic placed once). Any problem is printed
as one line, `file:line: entry: field: message`, and the exit status is 1; nothing is half-written
that a generator could build. Generator-independent itself: it imports Jinja2, like mkdocs-macros.

It also writes OUT/zensical.yml, which builds OUT/docs with Zensical into OUT/site: the project's
mkdocs.yml (INHERIT) with the few settings Zensical needs on top (see ZENSICAL_SETTINGS).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

import jinja2
import yaml

from . import MACRO_NAMES, Page, RoadmapError, Site, data, describe_error, front_matter_lines, html_blocks

# MkDocs' front matter: a YAML mapping between '---' lines at the very top (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)

# mkdocs-macros' `on_undefined` settings, so a page renders here as it does in the MkDocs build.
_UNDEFINED = {"keep": jinja2.DebugUndefined, "silent": jinja2.Undefined, "lax": jinja2.Undefined,
              "strict": jinja2.StrictUndefined}

# Zensical's settings on top of mkdocs.yml, each for a reason:
ZENSICAL_SETTINGS = """\
theme:
  # Material's look; Zensical's own 'modern' variant restyles everything our CSS is written against.
  variant: classic
plugins:
  # The pages arrive with their macros rendered; Zensical's built-in macros would render them again.
  - macros:
      enabled: false
"""


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: `!ENV [NAME, default]` read as MkDocs does, any other tag as plain data."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = [loader.construct_object(child) for child in node.value]
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    return next((os.environ[name] for name in names if name in os.environ), default)


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):  # noqa: ARG001
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_config(config_file: Path) -> dict:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    if "INHERIT" in config:
        parent = read_config(config_file.parent / config.pop("INHERIT"))
        config = {**parent, **config}
    return config


def _plugin_config(config: dict, name: str) -> dict | None:
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def split_front_matter(source: str) -> tuple[dict, str]:
    """(front matter, Markdown body) as MkDocs splits a page."""
    match = _FRONT_MATTER.match(source)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict):
            return meta, source[match.end():].lstrip("\n")
    return {}, source


def _page_files(docs_dir: Path) -> list[Path]:
    # MkDocs leaves out dot files and folders.
    return sorted(
        path for path in docs_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    )


class Prerender:
    """Renders the pages of one project (the folder of its mkdocs.yml)."""

    def __init__(self, config_file: Path):
        self.config_file = config_file.resolve()
        self.project_dir = self.config_file.parent
        self.config = read_config(self.config_file)
        self.docs_dir = self.project_dir / self.config.get("docs_dir", "docs")
        macros = _plugin_config(self.config, "macros") or {}
        self.render_by_default = macros.get("render_by_default", True)
        j2 = {key[3:]: value for key, value in macros.items() if key.startswith("j2_") and key.endswith("_string")}
        self.jinja = jinja2.Environment(
            undefined=_UNDEFINED.get(macros.get("on_undefined", "keep"), jinja2.DebugUndefined),
            loader=jinja2.FileSystemLoader(str(self.docs_dir)), **j2,
        )

    def run(self, out: Path) -> list[str]:
        """Render into `out`/docs; returns the problems (empty when the pages are ready to build)."""
        try:
            site = Site(self.project_dir, bool(self.config.get("use_directory_urls", True)))
        except data.DataError as error:
            return describe_error(error, None)
        blocks = html_blocks.HtmlBlocks()
        self.jinja.globals.update(site.macros(blocks.wrap))
        problems: list[str] = []
        pages: dict[Path, str] = {}
        for path in _page_files(self.docs_dir):
            if path.suffix != ".md":
                continue
            source = path.read_text(encoding="utf-8-sig")
            meta, body = split_front_matter(source)
            page = site.page = Page(path.relative_to(self.docs_dir).as_posix(), meta, front_matter_lines(source, body))
            # A page that shows macro syntax as text opts out (render_macros: false), not of the abbreviations.
            if meta.get("render_macros", self.render_by_default) is not False:
                try:
                    body = self.jinja.from_string(body).render(**meta)
                except Exception as error:  # noqa: BLE001 - every problem becomes its line, as in the MkDocs build
                    problems += describe_error(error, page, MACRO_NAMES)
                    continue
            body += site.abbreviations_for(body)
            pages[path] = _with_front_matter(meta, _unpack(body, blocks))
        if problems:
            return problems
        problems = site.placement_problems()
        if problems:
            return problems
        self._write(out, pages)
        return []

    def _write(self, out: Path, pages: dict[Path, str]) -> None:
        docs = out / "docs"
        if docs.exists():
            shutil.rmtree(docs)  # no page deleted from docs/ lingers in the output
        for path in _page_files(self.docs_dir):
            target = docs / path.relative_to(self.docs_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path in pages:
                target.write_text(pages[path], encoding="utf-8")
            elif path.suffix != ".md":
                shutil.copy2(path, target)
        self._write_zensical_config(out)

    def _write_zensical_config(self, out: Path) -> None:
        # Zensical resolves docs_dir, site_dir and custom_dir from the folder of the file it is given,
        # and wants the first two inside it: hence a file here, inheriting everything else.
        relative = lambda path: Path(os.path.relpath(path, out)).as_posix()  # noqa: E731
        theme = self.config.get("theme") or {}
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        lines = [
            "# Written by `python -m macros.prerender`: regenerated on every run, so edit that module instead.",
            f"INHERIT: {relative(self.config_file)}",
            "docs_dir: docs",
            "site_dir: site",
            ZENSICAL_SETTINGS.rstrip(),
        ]
        if custom_dir:
            lines[-1] = lines[-1].replace(
                "theme:\n", f"theme:\n  custom_dir: {relative(self.project_dir / custom_dir)}\n", 1)
        (out / "zensical.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _unpack(markdown: str, blocks: html_blocks.HtmlBlocks) -> str:
    """Each block marker replaced by its HTML block, written as a raw HTML block of its own."""
    def block(match: re.Match) -> str:
        indent, html = match.group(1), blocks.blocks.get(match.group(2))
        if html is None:
            return match.group(0)
        return "\n".join(indent + line if line else line for line in html.split("\n"))
    return html_blocks.MARKER_LINE.sub(block, markdown)


def _with_front_matter(meta: dict, body: str) -> str:
    if not meta:
        return body
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{header}---\n\n{body}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.prerender", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--out", type=Path, default=Path(".zensical"), help="output folder (default: .zensical)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    prerender = Prerender(args.config)
    out = args.out.resolve()
    if out in (prerender.project_dir, prerender.docs_dir) or prerender.docs_dir.is_relative_to(out):
        print(f"{args.out}: the output folder must not hold the project's pages", file=sys.stderr)
        return 2
    try:
        problems = prerender.run(out)
    except RoadmapError as error:
        problems = error.lines
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s): nothing written", file=sys.stderr)
        return 1
    print(f"Pages rendered into {args.out}/docs in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
