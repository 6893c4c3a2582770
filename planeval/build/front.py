"""The front page's findings: the four questions (promised, reported, holds up, on track) answered with the
chapters' own answers, and the domain × status grid of the progress chapter.

Nothing here is typed by hand: every sentence is a chapter's answer (``answers.csv`` of its results,
tagged with the question it answers), so that a parameter that changes a result changes the sentence on
the front page. Each sentence links to its evidence in its chapter.
"""

from __future__ import annotations

import csv
from pathlib import Path

from planeval.report.html import both, esc, status_grid_html
from planeval.report.labels import EVIDENCE, Label
from planeval.report.results import ANSWERS
from planeval.report.statements import QUESTIONS

#: The grid: the progress chapter's roll-up, for the method it ran with.
GRID_CHAPTER, GRID_TABLE = "06_progress", "grid"


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def answers_by_question(results_dir: Path) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """question -> [(chapter, answer row)], in chapter order."""
    out: dict[str, list[tuple[str, dict[str, str]]]] = {q: [] for q in QUESTIONS}
    for folder in sorted(p for p in Path(results_dir).glob("*") if p.is_dir()):
        for row in _read(folder / f"{ANSWERS}.csv"):
            if row.get("question") in out:
                out[row["question"]].append((folder.name, row))
    return out


def front_html(results_dir: Path, chapter_prefix: str = "chapters/") -> str:
    """The findings block that opens the front page."""
    import pandas as pd

    found = answers_by_question(results_dir)
    parts = ['<div class="planeval-front">', '<div class="planeval-cards">']
    for number, (question, (zh, en)) in enumerate(QUESTIONS.items(), start=1):
        headline = next(((c, r) for c, r in found[question] if r.get("headline") == "yes"), None)
        if headline is None:
            continue
        chapter, row = headline
        link = f"{chapter_prefix}{chapter}.html" + (f"#{row['evidence']}" if row.get("evidence") else "")
        parts.append(f'<a class="planeval-card" href="{esc(link)}"><span class="planeval-card-q">{number}. '
                     f'{both(Label(zh, en))}</span><span class="planeval-zh">{esc(row["zh"])}'
                     f'</span><span class="planeval-en">{esc(row["en"])}</span></a>')
    parts.append("</div>")
    parts.append(f'<h2 id="findings">{both(Label("主要发现", "The findings, question by question"))}</h2>')
    for number, (question, (zh, en)) in enumerate(QUESTIONS.items(), start=1):
        parts.append(f'<section class="planeval-question"><h3>{number}. {both(Label(zh, en))}</h3><ul>')
        for chapter, row in found[question]:
            link = f"{chapter_prefix}{chapter}.html" + (f"#{row['evidence']}" if row.get("evidence") else "")
            parts.append(f'<li><span class="planeval-zh">{esc(row["zh"])}</span><br>'
                         f'<span class="planeval-en">{esc(row["en"])}</span> '
                         f'<a class="planeval-evidence" href="{esc(link)}">{both(EVIDENCE)} →</a></li>')
        parts.append("</ul></section>")
        if question == "on_track":
            grid = Path(results_dir) / GRID_CHAPTER / f"{GRID_TABLE}.csv"
            if grid.is_file():
                parts.append(status_grid_html(pd.read_csv(grid)))
    parts.append("</div>")
    return "\n".join(parts) + "\n"
