"""Where the chapter notebooks write their tables and figures, byte for byte reproducibly.

The runner (``scripts/run_notebooks.py``) points ``PLANEVAL_RESULTS_DIR`` at a staging folder per chapter
and swaps it into ``_build/results/<chapter>`` only when the whole notebook succeeded. Run by hand, a
notebook writes to ``_build/results/<PLANEVAL_CHAPTER>`` (``scratch`` when that is not set either).

Tables are UTF-8 CSV with ``\\n`` line endings, no index, floats with 12 significant digits (enough for
every figure of the sources, and blind to the last-bit noise of a different summation order); figures
are PNG at a fixed resolution without the software-version stamp, so an unchanged figure is unchanged
bytes.

>>> import os, tempfile, pandas as pd
>>> os.environ["PLANEVAL_RESULTS_DIR"] = tempfile.mkdtemp()
>>> path = save_table(pd.DataFrame({"year": [2020, 2025], "rate": [0.1 + 0.2, 1 / 3]}), "rates")
>>> path.read_bytes()
b'year,rate\\n2020,0.3\\n2025,0.333333333333\\n'
>>> del os.environ["PLANEVAL_RESULTS_DIR"]
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from planeval.core import paths
from planeval.core.errors import ParameterError

RESULTS_ENV = "PLANEVAL_RESULTS_DIR"
CHAPTER_ENV = "PLANEVAL_CHAPTER"
#: Written by the runner into a chapter's results before it runs: the parameters box's rows.
PARAMETERS_JSON = "parameters.json"
#: A chapter's answers, as a table (see :func:`save_answers`).
ANSWERS = "answers"
FLOAT_FORMAT = "%.12g"
DPI = 150

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


def results_dir() -> Path:
    """The folder this notebook's results go to (created when missing)."""
    env = os.environ.get(RESULTS_ENV)
    folder = Path(env) if env else paths.RESULTS / (os.environ.get(CHAPTER_ENV) or "scratch")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _target(name: str, suffix: str) -> Path:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ParameterError("name", name, "a file name of letters, digits, '_', '-' and '.'")
    stem = name.removesuffix(suffix)
    return results_dir() / f"{stem}{suffix}"


def _replace(tmp: Path, path: Path) -> Path:
    os.replace(tmp, path)
    return path


#: (results dir, name) -> id of the frame last written there: a frame already saved is not written again.
_SAVED: dict[tuple[str, str], int] = {}


def save_table(df, name: str) -> Path:
    """Write ``df`` as ``<results dir>/<name>.csv``; returns the path. Saving the same frame object under
    the same name again writes nothing (a chapter's tables are saved once, then shown)."""
    path = _target(name, ".csv")
    key = (str(path.parent), path.stem)
    if _SAVED.get(key) == id(df) and path.is_file():
        return path
    _SAVED[key] = id(df)
    tmp = path.with_name(path.name + ".tmp")
    df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n", float_format=FLOAT_FORMAT)
    return _replace(tmp, path)


CAPTIONS_JSON = "captions.json"


def record_caption(file_name: str, caption: object) -> Path:
    """Remember what a saved table or chart shows (``captions.json``): the downloads page lists it. A caption
    with its two languages apart (a Label) is kept as ``{"zh": ..., "en": ...}``."""
    import json

    from planeval.report.labels import Label

    path = results_dir() / CAPTIONS_JSON
    captions = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    captions[file_name] = {"zh": caption.zh, "en": caption.en} if isinstance(caption, Label) else str(caption)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(captions, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return _replace(tmp, path)


def save_answers(statements) -> Path:
    """Write a chapter's answers (``zh``, ``en``, ``evidence``, ``question``) as ``answers.csv``: the front page gathers
    them from every chapter's results."""
    import pandas as pd

    columns = ["zh", "en", "evidence", "question", "headline"]
    rows = [{"zh": s.zh, "en": s.en, "evidence": s.evidence, "question": s.question,
             "headline": "yes" if s.headline else ""} for s in statements]
    return save_table(pd.DataFrame(rows, columns=columns), ANSWERS)


def save_figure(fig, name: str) -> Path:
    """Write a matplotlib figure as ``<results dir>/<name>.png`` (fixed dpi, no metadata stamp)."""
    path = _target(name, ".png")
    tmp = path.with_name(path.name + ".tmp")
    fig.savefig(tmp, format="png", dpi=DPI, metadata={"Software": None})
    return _replace(tmp, path)
