"""The code style rules of pyproject.toml hold for the whole code base (ruff)."""

import subprocess
import sys

from planeval.core import paths


def test_ruff_finds_nothing():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "planeval", "scripts", "tests", "book/_ext"],
                          cwd=paths.ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]
