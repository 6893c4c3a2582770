"""Recall of the figure extractor on real texts that are not in the repository's sources.

The excerpts in ``tests/fixtures/external`` (see the README there: other places' children's plans and
targets, orphan allowance announcements, childcare news and women's-plan monitoring) were labelled by hand,
independently of the extractor, in ``labels.csv``: one row per stated figure, with the value as printed,
its unit, a keyword that the indicator must contain and the verbatim span that states it.

A label is *found* when a candidate of :func:`planeval.extract.extract` (run as the ledger runs it, with
the default options) has the same value (within 1e-9), an ``indicator_zh`` that contains the keyword and
a quote that overlaps the label's span; each candidate counts for one label at most. The issue's
acceptance criterion is a recall of at least 90% over all labels.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from planeval.data.quotes import squeeze
from planeval.data.vocab import UNITS
from planeval.extract import Candidate, extract, read_source

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "external"
LABELS = FIXTURES / "labels.csv"
COLUMNS = ["file", "value", "unit", "indicator_keyword", "quote"]
MIN_RECALL = 0.90
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Label:
    line: int  # line of labels.csv (the header is line 1)
    file: str
    value: str
    unit: str
    keyword: str
    quote: str

    def describe(self) -> str:
        return f"labels.csv:{self.line} {self.file} {self.value} {self.unit} [{self.keyword}] {self.quote!r}"


def read_labels() -> tuple[list[str], list[Label]]:
    with open(LABELS, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = list(reader.fieldnames or [])
    labels = [Label(i + 2, r["file"], r["value"], r["unit"], r["indicator_keyword"], r["quote"])
              for i, r in enumerate(rows)]
    return header, labels


@cache
def text_of(name: str) -> str:
    return read_source(FIXTURES / name)[0]


@cache
def candidates_of(name: str) -> tuple[Candidate, ...]:
    return tuple(extract(text_of(name), file=name))


def span_of(label: Label) -> tuple[int, int]:
    """Offsets of the label's quote in its text (the first occurrence); (-1, -1) when absent."""
    k = text_of(label.file).find(label.quote)
    return (k, k + len(label.quote)) if k >= 0 else (-1, -1)


def same_value(candidate: Candidate, label: Label) -> bool:
    return not candidate.withheld and abs(float(candidate.value) - float(label.value)) <= TOLERANCE


def match(labels: list[Label]) -> dict[Label, Candidate | None]:
    """Each label with the candidate that finds it (None when missed); a candidate is used once.

    Among the candidates that qualify, one whose number lies inside the label's span is preferred.
    """
    used: set[tuple[str, int]] = set()
    found: dict[Label, Candidate | None] = {}
    for label in labels:
        qs, qe = span_of(label)
        best = None
        for k, c in enumerate(candidates_of(label.file)):
            if (label.file, k) in used or not same_value(c, label) or label.keyword not in c.indicator_zh:
                continue
            if not (c.start < qe and qs < c.end):
                continue
            inside = qs <= c.value_start < qe
            if best is None or (inside and not best[2]):
                best = (k, c, inside)
        if best is not None:
            used.add((label.file, best[0]))
        found[label] = best[1] if best else None
    return found


def recall(found: dict[Label, Candidate | None]) -> tuple[float, dict[str, tuple[int, int]]]:
    """Overall recall and, per file, (found, labelled)."""
    per_file: dict[str, tuple[int, int]] = {}
    for label, c in found.items():
        hit, n = per_file.get(label.file, (0, 0))
        per_file[label.file] = (hit + (c is not None), n + 1)
    total = sum(n for _, n in per_file.values())
    return sum(h for h, _ in per_file.values()) / total, per_file


def nearby(label: Label) -> str:
    """What the extractor proposed where the label is (for the failure message)."""
    qs, qe = span_of(label)
    near = [f"{c.value_text} {c.unit} [{c.indicator_zh}]" for c in candidates_of(label.file)
            if c.start < qe and qs < c.end]
    return "; ".join(near) or "no candidate there"


# ---------------------------------------------------------------------------------------------
# the labels
# ---------------------------------------------------------------------------------------------

def test_labels_are_well_formed_and_every_quote_is_in_its_text():
    header, labels = read_labels()
    assert header == COLUMNS
    assert labels, "labels.csv has no rows"
    texts = sorted(p.name for p in FIXTURES.glob("*.txt"))
    assert sorted({lb.file for lb in labels}) == texts, "every excerpt is labelled, and only excerpts"
    problems = []
    for lb in labels:
        if lb.unit not in UNITS:
            problems.append(f"{lb.describe()}: unit not in the vocabulary")
        if not lb.keyword:
            problems.append(f"{lb.describe()}: empty indicator_keyword")
        if span_of(lb)[0] < 0:
            problems.append(f"{lb.describe()}: quote not found in {lb.file}")
        try:
            float(lb.value)
        except ValueError:
            problems.append(f"{lb.describe()}: value is not a number")
        if lb.value not in squeeze(lb.quote):
            problems.append(f"{lb.describe()}: value not printed in the quote")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# recall
# ---------------------------------------------------------------------------------------------

def test_extractor_finds_at_least_90_percent_of_the_labelled_figures():
    _, labels = read_labels()
    found = match(labels)
    overall, per_file = recall(found)
    missed = [lb for lb, c in found.items() if c is None]
    detail = "\n".join(f"  {name}: {h}/{n}" for name, (h, n) in sorted(per_file.items()))
    misses = "\n".join(f"  {lb.describe()} -- extractor: {nearby(lb)}" for lb in missed)
    assert overall >= MIN_RECALL, (
        f"recall {overall:.1%} < {MIN_RECALL:.0%} ({len(labels) - len(missed)}/{len(labels)})\n"
        f"per file:\n{detail}\nmissed:\n{misses}"
    )


def test_matching_needs_value_keyword_and_overlap():
    """The matcher itself: a wrong value, a wrong indicator or a candidate elsewhere does not count."""
    _, labels = read_labels()
    label = next(lb for lb in labels if lb.file == "healthy_children_action_2021.txt" and lb.value == "5.2")
    qs, qe = span_of(label)
    good = next(c for c in candidates_of(label.file) if c.value == "5.2")
    assert match([label])[label] == good
    for bad in (
        Label(0, label.file, "5.3", label.unit, label.keyword, label.quote),
        Label(0, label.file, label.value, label.unit, "托位", label.quote),
        Label(0, label.file, label.value, label.unit, label.keyword, "6个月内婴儿纯母乳喂养率"),
    ):
        assert match([bad])[bad] is None, bad
    twice = [label, Label(1, *[getattr(label, n) for n in ("file", "value", "unit", "keyword", "quote")])]
    assert sum(c is not None for c in match(twice).values()) == 1, "a candidate finds one label only"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_excerpts_give_valid_candidates(name):
    text = text_of(name)
    for c in candidates_of(name):
        assert text[c.start:c.end] == c.quote
        assert c.unit in UNITS


# ---------------------------------------------------------------------------------------------
# the general rules these texts needed (planeval.extract), on short sentences
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a change against a base year borrows the subject of the value before it
    ("农村孕产妇死亡率为18.5/10万,比2010年降低38.5%。", [
        ("农村孕产妇死亡率", "18.5", "per 100k", "level"),
        ("农村孕产妇死亡率比2010年降低", "38.5", "%", "change")]),
    # ages printed with decimals are values, not parts of a name
    ("女性人均预期寿命从2010年的77.37岁提高到2015年的79.43岁。", [
        ("女性人均预期寿命", "77.37", "age in years", "from"),
        ("女性人均预期寿命", "79.43", "age in years", "level")]),
    ("女性平均预期寿命突破80岁。", [("女性平均预期寿命", "80", "age in years", "level")]),
    # a qualifier in parentheses after a value of a list
    ("散居孤儿由每人每月640元(城市)和440元(农村)提高到每人每月640元。", [
        ("散居孤儿", "640", "yuan/person/month", "from"),
        ("散居孤儿", "440", "yuan/person/month", "from"),
        ("散居孤儿", "640", "yuan/person/month", "level")]),
    # a quoted statement is read; a quoted name is not
    ("将“每千人口托位数达到4.5个,新增普惠性托位66万个”列入实事项目,打造“15分钟健身圈”。", [
        ("每千人口托位数", "4.5", "places per 1000 people", "level"),
        ("新增普惠性托位", "66", "10k count", "level")]),
    # a change after a change borrows its subject without the verb
    ("全国托育服务机构总数增加6.6万家,增幅达110%。", [
        ("全国托育服务机构总数增加", "6.6", "10k count", "change"),
        ("全国托育服务机构总数增幅", "110", "%", "change")]),
    # an age range may begin the noun a counter counts
    ("我国现有近3000万名3岁以下婴幼儿。", [("我国3岁以下婴幼儿", "3000", "10k persons", "level")]),
])
def test_rules_needed_by_the_external_texts(text, expected):
    assert [(c.indicator_zh, c.value, c.unit, c.role) for c in extract(text)] == expected


def test_more_than_is_noted_for_tupo_and_ages_in_names_stay_out():
    (c,) = extract("女性平均预期寿命突破80岁。")
    assert c.comparator == ">=" and "突破" in c.notes
    assert [c.value for c in extract("5岁以下儿童死亡率降至6.0‰以下,12岁儿童龋患率控制在25%以内。")] == ["6.0", "25"]
