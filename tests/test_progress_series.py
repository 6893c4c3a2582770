"""Hand-worked progress of three national series under each of the four methods (issue 12).

Every expected number below was worked out by hand from the formulas of ``book/methodology.md``
("Progress toward targets"); the arithmetic is written in the comment of each case, and the library
is only asked to agree. Series from ``data/observations.csv`` (region national); targets from
``data/external/national_reference.csv`` (kind target, scope national).

Where a year has several rows (maternal mortality: 2020 ×3, 2021 ×2, 2022 ×3, 2023 ×2, 2024 ×5) all rows
of that year state the same value, so the row ``planeval.data.observations.reconcile`` picks (the
best-graded) carries that value; no year of the three series has a conflict.

Common rules used throughout:
  d = +1 for ">=", -1 for "<="; target achieved when d·(I_t − I_T) ≥ 0 (overrides the band);
  required annual change = (I_T − I_t)/(T − t), 0 once the target is met.
  ESCAP and UNSD (two-point): CAGR = (I_t/I_0)^(1/(t−t0)) − 1, Î_T = I_t (1 + CAGR)^(T−t),
      score = d·(Î_T − I_0)/|I_T − I_0|; bands ESCAP (1, 0), UNSD (0.95, 0.10, 0).
  Open SDG: R = d·CAGR_o/|CAGR_r|, CAGR_r = (I_T/I_0)^(1/(T−t0)) − 1; bands (0.95, 0.60, 0).
  Linear: L = [d·(I_t − I_0)/|I_T − I_0|] / min(1, (t−t0)/(T−t0)); bands (1, 0).
"""

from __future__ import annotations

import pytest

from planeval.methods.progress import assess_progress

REL = 1e-6

# --- the series, as data/observations.csv holds them (one value per year) -------------------------

MMR = "孕产妇死亡率"  # maternal mortality ratio, per 100k; target <= 12 by 2030
MMR_YEARS = [2020, 2021, 2022, 2023, 2024]
MMR_VALUES = [16.9, 16.1, 15.7, 15.1, 14.3]  # obs-049..063; duplicates agree, reconcile keeps the value

PRE = "学前教育毛入园率"  # pre-school gross enrolment, %; target >= 90 by 2025
PRE_YEARS = [2020, 2021, 2022, 2023, 2024]
PRE_VALUES = [85.2, 88.1, 89.7, 91.1, 92.0]  # obs-072..076, one row a year

CARE = "每千人口拥有3岁以下婴幼儿托位数"  # childcare places per 1,000 people; target >= 4.5 by 2025
CARE_YEARS = [2020, 2021, 2022, 2023, 2024]
CARE_VALUES = [1.8, 2.03, 2.57, 3.38, 4.08]  # obs-092..096, one row a year (2023 worked back: 4.08 − 0.7)

SERIES = {
    "mmr": (MMR_YEARS, MMR_VALUES, 12.0, 2030, "<="),
    "pre": (PRE_YEARS, PRE_VALUES, 90.0, 2025, ">="),
    "care": (CARE_YEARS, CARE_VALUES, 4.5, 2025, ">="),
}

# --- hand-worked expectations: (series, method, status, score, required annual change) ---------------
#
# Maternal mortality, I_0 = 16.9 (2020), I_t = 14.3 (2024), I_T = 12 (2030), d = −1.
#   Not achieved: −1·(14.3 − 12) = −2.3 < 0.   Required = (12 − 14.3)/(2030 − 2024) = −2.3/6 = −0.383333…
#   |I_T − I_0| = |12 − 16.9| = 4.9.   14.3/16.9 = 143/169 = 11/13 = 0.846154.
#   CAGR = (11/13)^(1/4) − 1: ln(11/13) = 2.397895 − 2.564949 = −0.167054; /4 = −0.0417635;
#          exp → 0.959097, CAGR = −0.0409034.
#   Î_2030 = 14.3·(11/13)^(6/4): 1.5·(−0.167054) = −0.250581, exp → 0.778348; 14.3·0.778348 = 11.130381.
#   ESCAP  AP = −1·(11.130381 − 16.9)/4.9 = 5.769619/4.9 = 1.177473  ≥ 1     → on track.
#   UNSD   P  = same projection and ratio   = 1.177473             ≥ 0.95  → on track.
#   OpenSDG CAGR_r = (12/16.9)^(1/10) − 1: ln = 2.484907 − 2.827314 = −0.342407; /10 = −0.0342407;
#          exp → 0.966339, CAGR_r = −0.0336611.  R = −1·(−0.0409034)/0.0336611 = 1.215154 ≥ 0.95 → on track.
#   Linear after 4 of 10 years: share covered 2.6/4.9 = 0.530612; L = 0.530612/0.4 = 1.326531 ≥ 1 → on track.
#
# Pre-school enrolment, I_0 = 85.2 (2020), I_t = 92.0 (2024), I_T = 90 (2025), d = +1.
#   Achieved: 92.0 − 90 = 2.0 ≥ 0 → "target achieved" under every method; required = 0.
#   |I_T − I_0| = 4.8.   92/85.2 = 1.079812.
#   CAGR = 1.079812^(1/4) − 1: ln = 0.0767871; /4 = 0.0191968; exp → 1.0193822, CAGR = 0.0193822.
#   Î_2025 = 92·1.0193822 = 93.783165.
#   ESCAP / UNSD score = (93.783165 − 85.2)/4.8 = 8.583165/4.8 = 1.788159.
#   OpenSDG CAGR_r = (90/85.2)^(1/5) − 1: ln 1.056338 = 0.0548083; /5 = 0.0109617; exp − 1 = 0.0110219.
#          R = 0.0193822/0.0110219 = 1.758512.
#   Linear after 4 of 5 years: share 6.8/4.8 = 1.416667; L = 1.416667/0.8 = 6.8/3.84 = 1.770833.
#
# Childcare places, I_0 = 1.8 (2020), I_t = 4.08 (2024), I_T = 4.5 (2025), d = +1.
#   Not achieved: 4.08 − 4.5 = −0.42 < 0.   Required = (4.5 − 4.08)/(2025 − 2024) = 0.42.
#   |I_T − I_0| = 2.7.   4.08/1.8 = 34/15 = 2.266667.
#   CAGR = (34/15)^(1/4) − 1: ln = 3.526361 − 2.708050 = 0.818310; /4 = 0.2045776;
#          exp = exp(0.2)·exp(0.0045776) = 1.2214028·1.0045881 = 1.2270066, CAGR = 0.2270066.
#   Î_2025 = 4.08·1.2270066 = 5.006187.
#   ESCAP  AP = (5.006187 − 1.8)/2.7 = 3.206187/2.7 = 1.187477  ≥ 1     → on track.
#   UNSD   P  = 1.187477                                        ≥ 0.95  → on track.
#   OpenSDG CAGR_r = 2.5^(1/5) − 1: ln 2.5 = 0.916291; /5 = 0.183258; exp → 1.2011244, CAGR_r = 0.2011244.
#          R = 0.2270066/0.2011244 = 1.128688 ≥ 0.95 → on track.
#   Linear after 4 of 5 years: share 2.28/2.7 = 0.844444; L = 0.844444/0.8 = 2.28/2.16 = 1.055556 → on track.

CASES = [
    ("mmr", "escap", "on track", 1.177473234, -0.383333333),
    ("mmr", "unsd", "on track", 1.177473234, -0.383333333),
    ("mmr", "opensdg", "on track", 1.215153926, -0.383333333),
    ("mmr", "linear", "on track", 1.326530612, -0.383333333),
    ("pre", "escap", "target achieved", 1.788159386, 0.0),
    ("pre", "unsd", "target achieved", 1.788159386, 0.0),
    ("pre", "opensdg", "target achieved", 1.758512366, 0.0),
    ("pre", "linear", "target achieved", 1.770833333, 0.0),
    ("care", "escap", "on track", 1.187476707, 0.42),
    ("care", "unsd", "on track", 1.187476707, 0.42),
    ("care", "opensdg", "on track", 1.128687549, 0.42),
    ("care", "linear", "on track", 1.055555556, 0.42),
]

# Projected value at the target year, by hand (above): ESCAP/UNSD/OpenSDG use the geometric projection,
# linear the straight continuation I_t + (I_t − I_0)/(t − t0)·(T − t).
#   mmr linear: 14.3 + (−2.6/4)·6 = 14.3 − 3.9 = 10.4;  pre linear: 92 + (6.8/4)·1 = 93.7;
#   care linear: 4.08 + (2.28/4)·1 = 4.08 + 0.57 = 4.65.
PROJECTED = {
    ("mmr", "geometric"): 11.130381153, ("mmr", "linear"): 10.4,
    ("pre", "geometric"): 93.783165053, ("pre", "linear"): 93.7,
    ("care", "geometric"): 5.006187109, ("care", "linear"): 4.65,
}

# ESCAP current status index CS = d·(I_t − I_0)/|I_T − I_0|, reported by every method:
#   mmr 2.6/4.9 = 0.530612;  pre 6.8/4.8 = 1.416667;  care 2.28/2.7 = 0.844444.
CURRENT_STATUS = {"mmr": 0.530612245, "pre": 1.416666667, "care": 0.844444444}


@pytest.mark.parametrize(("series", "method", "status", "score", "required"), CASES,
                         ids=[f"{s}-{m}" for s, m, *_ in CASES])
def test_hand_worked_progress(series, method, status, score, required):
    years, values, target, target_year, comparator = SERIES[series]
    result = assess_progress(years, values, target, target_year, comparator, method)
    assert result.status == status
    # the literals above carry 10 significant digits: 1e-6 relative is well within them
    assert result.score == pytest.approx(score, rel=REL)
    assert result.required_annual_change == pytest.approx(required, rel=REL, abs=1e-12)
    kind = "linear" if method == "linear" else "geometric"
    assert result.projected_value == pytest.approx(PROJECTED[series, kind], rel=REL)
    assert result.current_status_index == pytest.approx(CURRENT_STATUS[series], rel=REL)
    assert (result.base_year, result.latest_year, result.n_observations) == (2020, 2024, 5)


def test_the_series_are_those_reconcile_keeps():
    """The literal series are the values ``reconcile`` picks from data/observations.csv, without conflict."""
    from planeval.data.observations import load_observations_table, reconcile

    used, conflicts = reconcile(load_observations_table())
    for name, years, values in ((MMR, MMR_YEARS, MMR_VALUES), (PRE, PRE_YEARS, PRE_VALUES),
                                (CARE, CARE_YEARS, CARE_VALUES)):
        rows = used[(used["indicator_zh"] == name) & (used["region"] == "national")].sort_values("year")
        assert [int(y) for y in rows["year"]] == years
        assert [float(v) for v in rows["value"]] == pytest.approx(values, rel=1e-12)
        if len(conflicts):
            assert not (conflicts["indicator_zh"] == name).any()


# --- the chapter end to end: maternal mortality in status_national ----------------------------------
#
# years_used "2020–2024"; base 16.9; latest 14.3; observed rate (14.3 − 16.9)/(2024 − 2020) = −2.6/4 = −0.65;
# required rate (12 − 14.3)/(2030 − 2024) = −2.3/6 = −0.383333…; status and score as in CASES.

CHAPTER_MMR = {
    "escap": ("on track", 1.177473234),
    "unsd": ("on track", 1.177473234),
    "opensdg": ("on track", 1.215153926),
    "linear": ("on track", 1.326530612),
}


@pytest.mark.parametrize("method", list(CHAPTER_MMR))
def test_chapter_national_maternal_mortality(method):
    from planeval.chapters.progress import compute

    table = compute(method=method).tables["status_national"]
    rows = table[table["indicator_zh"] == MMR]
    assert len(rows) == 1
    row = rows.iloc[0]
    status, score = CHAPTER_MMR[method]
    assert row["method"] == method
    assert row["status"] == status
    assert row["years_used"] == "2020–2024"
    assert int(row["n_observations"]) == 5
    assert row["base_value"] == pytest.approx(16.9, rel=1e-12)
    assert row["latest_value"] == pytest.approx(14.3, rel=1e-12)
    assert row["observed_rate"] == pytest.approx(-0.65, rel=REL)
    assert row["required_rate"] == pytest.approx(-0.383333333, rel=REL)
    assert row["score"] == pytest.approx(score, rel=REL)
    assert (row["target_value"], row["comparator"], int(row["target_year"])) == (12.0, "<=", 2030)
