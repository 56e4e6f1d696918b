"""Check the roadmap data without building the site: `python -m macros.validate [DATA_DIR]`.

Runs the same loader as the build, prints one line per problem and exits 1 when
there is any, so contributors and pre-commit get the build's verdict in a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .data import DataError, load


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path("data")
    try:
        roadmap = load(data_dir, display_root=Path.cwd())
    except DataError as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) found in {data_dir}/", file=sys.stderr)
        return 1
    topics = sum(len(p.topics) for p in roadmap.phases)
    free = sum(r.cost == "free" for r in roadmap.resources)
    print(
        f"{data_dir}/ is valid: {len(roadmap.phases)} phases, {topics} topics, "
        f"{len(roadmap.resources)} resources ({free} free), {len(roadmap.glossary)} glossary terms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
