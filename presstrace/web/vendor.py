"""The workbench's JavaScript libraries, vendored from npm at build time.

`static/vendor/manifest.json` names each package, its version and licence, and the files
copied from it with their SHA-256 sums. `python -m presstrace.web.vendor` fetches the
pinned packages with `npm pack` (the only step that needs the network), checks every file
against its sum and copies it into `static/vendor/`; `--check` only compares the files
already there with the manifest. The workbench itself never downloads anything: the
files are committed in the package and served from `/static/vendor/`.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).parent / "static" / "vendor"
MANIFEST = VENDOR / "manifest.json"


def packages() -> dict[str, dict]:
    """Package name -> {version, licence, use, files: {path in package: [name here, sha256]}}."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["packages"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(folder: Path = VENDOR) -> list[str]:
    """The vendored files that are missing or differ from the manifest (empty: all good)."""
    problems = []
    for name, package in packages().items():
        for kept, digest in package["files"].values():
            path = folder / kept
            if not path.is_file():
                problems.append(f"{name}: {kept} is missing")
            elif sha256(path) != digest:
                problems.append(f"{name}: {kept} differs from version {package['version']}")
    return problems


def fetch(name: str, package: dict, work: Path) -> Path:
    """The unpacked npm package (`npm pack NAME@VERSION`, then untarred) under `work`."""
    subprocess.run(["npm", "pack", "--silent", f"{name}@{package['version']}"], cwd=work,
                   check=True, stdout=subprocess.DEVNULL)
    tarball = next(work.glob(f"{name}-{package['version']}.tgz"))
    target = work / name
    with tarfile.open(tarball) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def install(folder: Path = VENDOR) -> None:
    """Fetch every pinned package and copy its files in, refusing any whose sum differs."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, package in packages().items():
            unpacked = fetch(name, package, Path(tmp))
            for inner, (kept, digest) in package["files"].items():
                got = sha256(unpacked / inner)
                if got != digest:
                    raise SystemExit(f"{name}@{package['version']} {inner}: sha256 {got}, "
                                     f"expected {digest}; not copied")
                shutil.copyfile(unpacked / inner, folder / kept)


def main(argv: list[str]) -> int:
    if argv[1:] != ["--check"]:
        install()
    problems = check()
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
