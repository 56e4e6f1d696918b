"""The offline edition: the whole site in a zip that works opened from disk (file://), search included.

Usage: python tools/offline.py SITE_DIR   (`make build` runs it after the online build)

Builds the site again with Material's offline plugin (OFFLINE=true turns it on in mkdocs.yml), puts
the iframe-worker polyfill beside the pages (browsers refuse web workers from file://, and the
plugin would load the polyfill from a CDN: here it comes from the npm package, pinned in
package-lock.json), and writes SITE_DIR/ml-engineer-roadmap-offline.zip. Nothing in it asks
another host for anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros import downloads  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ZIP_NAME = "ml-engineer-roadmap-offline.zip"
FOLDER = "ml-engineer-roadmap"  # what the zip unpacks to
POLYFILL_SOURCE = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
POLYFILL_TARGET = "assets/javascripts/iframe-worker.js"  # where overrides/main.html loads it from


def build_offline(target: Path) -> Path:
    """The offline site, built into `target`; returns its folder."""
    if not POLYFILL_SOURCE.is_file():
        raise FileNotFoundError(f"{POLYFILL_SOURCE} is missing: run 'npm ci' (make does)")
    env = dict(os.environ, OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    (target / POLYFILL_TARGET).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(POLYFILL_SOURCE, target / POLYFILL_TARGET)
    return target


def write_zip(site: Path, zip_path: Path) -> Path:
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file():
                archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
    return zip_path


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/offline.py SITE_DIR", file=sys.stderr)
        return 2
    site_dir = Path(argv[0])
    with tempfile.TemporaryDirectory() as scratch:
        offline = build_offline(Path(scratch) / FOLDER)
        zip_path = write_zip(offline, site_dir / ZIP_NAME)
    pages = downloads.fill(site_dir, "offline")
    print(f"wrote {zip_path} ({zip_path.stat().st_size / 1e6:.1f} MB), linked from {len(pages)} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
