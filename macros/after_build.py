"""What the build adds beside the pages, the same for every generator: the print view's book (the
articles of the built phase pages) and the open data. MkDocs runs it from the macros' post-build
hook; `python -m macros.after_build SITE_DIR` runs it after a Zensical build."""

from __future__ import annotations

import sys
from pathlib import Path

from . import data, open_data, print_book


def run(site_dir: Path, roadmap: data.Roadmap) -> None:
    print_book.assemble(site_dir, roadmap)
    open_data.write(roadmap, site_dir)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m macros.after_build SITE_DIR", file=sys.stderr)
        return 2
    root = Path.cwd()
    try:
        roadmap = data.load(root / "data", display_root=root)
    except data.DataError as error:
        print(error, file=sys.stderr)
        return 1
    run(Path(argv[0]), roadmap)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
