"""Exit 0 when the virtual environment has every pinned package of requirements.txt at its pinned version
and the project itself importable; else print what is wrong (one line) and exit 1. `make` runs this before
every target and reinstalls the environment when it fails, so a damaged .venv is repaired, not trusted.

It reads package metadata only (no imports of the packages), so it takes a fraction of a second.
"""

import re
import sys
from importlib import metadata, util
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"


def problems() -> list[str]:
    found = []
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", line)
        if not match:
            continue
        name, pinned = match.groups()
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            found.append(f"{name} is missing")
            continue
        if installed != pinned:
            found.append(f"{name} is {installed}, not the pinned {pinned}")
    for module in ("planeval", "planeval.build.cli"):
        if util.find_spec(module.split(".")[0]) is None:
            found.append(f"{module} is not importable")
    return found


if __name__ == "__main__":
    wrong = problems()
    if wrong:
        print(f"the environment needs repair: {wrong[0]}" + (f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""),
              file=sys.stderr)
    sys.exit(1 if wrong else 0)
