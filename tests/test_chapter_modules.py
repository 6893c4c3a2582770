"""The chapter modules: each notebook's declared parameters are its module's, every value the declarations
allow computes without an error, and the answers are the tables' numbers."""

from __future__ import annotations

import importlib
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planeval.build.params import read_declarations
from planeval.chapters import declared_parameters, shared_inputs
from planeval.core import paths

NOTEBOOKS = sorted((paths.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PATTERNS = ("OCR", "OCR|duplicate", "implausible|divid", ".*", "[A-Z]+", "不", "^$")


def module_of(notebook) -> object:
    return importlib.import_module(f"planeval.chapters.{notebook.stem[3:]}")


def strategy(param) -> st.SearchStrategy:
    """Every value the declaration allows (bounds included; open ranges capped at a large number)."""
    if param.constraint == "one of":
        base = st.sampled_from(param.choices)
    elif param.type == "bool":
        base = st.booleans()
    elif param.constraint in ("range", "year"):
        low = param.low if param.low is not None else -1e9
        high = param.high if param.high is not None else 1e12
        if param.type == "int":
            base = st.integers(int(low), int(min(high, 10**9)))
        else:
            base = st.floats(float(low), float(high), allow_nan=False, allow_infinity=False)
    elif param.constraint == "observations":
        base = st.sampled_from([str(paths.EXAMPLE_OBSERVATIONS_CSV)])
    elif param.constraint == "pattern":
        base = st.sampled_from(PATTERNS)
    elif param.type == "float":
        base = st.floats(allow_nan=False, allow_infinity=False)
    elif param.type == "int":
        base = st.integers()
    else:
        base = st.text(max_size=5)
    return st.one_of(st.none(), base) if param.optional else base


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_module_takes_exactly_the_declared_parameters(notebook):
    assert declared_parameters(module_of(notebook)) == [p.name for p in read_declarations(notebook)]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_defaults_of_the_module_are_the_declared_ones(notebook):
    import inspect

    signature = inspect.signature(module_of(notebook).compute).parameters
    for p in read_declarations(notebook):
        assert signature[p.name].default == p.default, p.name


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_declared_value_computes(notebook):
    """Values drawn from every declared range run the chapter's library calls without an exception."""
    module, params = module_of(notebook), read_declarations(notebook)
    inputs = shared_inputs()
    cross = [p.name for p in params]

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.fixed_dictionaries({p.name: strategy(p) for p in params}))
    def check(values):
        if "base_year" in cross and "target_year" in cross and not values["target_year"] > values["base_year"]:
            return  # refused before any chapter runs (planeval.build.params.check_years)
        if "draws" in values:
            values["draws"] = min(values["draws"], 20_000)  # the range holds; the test need not wait for 10^6
        chapter = module.compute(**values, inputs=inputs)
        assert chapter.answers and all(len(frame.columns) for frame in chapter.tables.values())

    check()


def test_the_childcare_answers_are_the_tables_numbers():
    from planeval.chapters import childcare

    chapter = childcare.compute(inputs=shared_inputs())
    places = chapter["places_needed"].set_index("region")["places_needed"]
    assert places["harbin"] == pytest.approx(10_009_854 * 4.5 / 1000, abs=0.05)  # 45,044.343
    assert "45,044" in chapter.answers[0].en and "45,044" in chapter.answers[0].zh
    assert chapter.answers[0].evidence == "places_needed"


def test_zero_current_places_says_there_is_no_growth_rate():
    from planeval.chapters import childcare

    chapter = childcare.compute(current_places=0, inputs=shared_inputs())
    row = chapter["scenario"].iloc[0]
    assert row["gap"] == pytest.approx(45044.3, abs=0.05) and math.isnan(row["annual_growth_required_pct"])
    assert any("no growth rate" in a.en for a in chapter.answers)


def test_a_horizon_before_the_last_stated_year_projects_nothing_and_says_so():
    from planeval.chapters import orphan_allowance

    chapter = orphan_allowance.compute(horizon=2022, inputs=shared_inputs())
    assert chapter["projection"].empty and any("nothing is projected" in a.en for a in chapter.answers)


def test_a_second_value_for_a_stated_year_is_shown_and_not_dropped(tmp_path):
    from planeval.chapters import orphan_allowance

    obs = tmp_path / "mine.csv"
    obs.write_text("indicator,region,year,value,unit,source,sentence\n"
                   "机构养育孤儿基本生活费标准,harbin,2022,2600,yuan/person/month,my notes,2022年标准为2600元\n",
                   encoding="utf-8")
    chapter = orphan_allowance.compute(extra_observations=str(obs), inputs=shared_inputs())
    conflicts = chapter["conflicts"]
    assert sorted(conflicts["value"]) == [2585.0, 2585.0, 2600.0]  # both reports' 2585 and the new 2600
    used = dict(zip(conflicts["id"], conflicts["used"], strict=True))
    assert used["extra-001"].startswith("not used:") and "later release" in used["extra-001"]
    levels = chapter["stated_levels"]
    row = levels[(levels["category"] == "institutional") & (levels["year"] == 2022)].iloc[0]
    assert row["value"] == 2585 and "extra-001=2600" in row["conflict"]
    assert "your_observations" in chapter.tables
    assert any("disagreeing" in a.en for a in chapter.answers)
