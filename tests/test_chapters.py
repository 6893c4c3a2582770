"""The book's real chapters through the runner: their declarations, defaults, results and refusals."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from site_build import built_layout

from planeval.core import paths

CHAPTERS = ["01_sources", "02_targets", "03_childcare", "04_orphan_allowance", "05_audit", "06_progress",
            "07_qingzhen_baseline", "08_harbin_services"]
RUN = [sys.executable, str(paths.ROOT / "scripts" / "run_notebooks.py")]


@pytest.fixture(scope="module")
def results() -> Path:
    return built_layout().results  # every chapter run with its defaults through the runner


def _tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def test_every_chapter_ran_ok_with_recorded_parameters(results):
    assert sorted(p.stem for p in (paths.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) == CHAPTERS
    for chapter in CHAPTERS:
        run = json.loads((results / chapter / "run.json").read_text(encoding="utf-8"))
        assert run["status"] == "ok" and "parameters" in run and run["inputs"]["data"]


def test_places_needed_matches_the_hand_computation(results):
    table = pd.read_csv(results / "03_childcare" / "places_needed.csv").set_index("region")
    assert list(table.columns[:3]) == ["population", "population_source", "target_rate"]
    assert table.loc["harbin", "places_needed"] == pytest.approx(10_009_854 * 4.5 / 1000, abs=0.05)
    assert table.loc["qingzhen", "places_needed"] == pytest.approx(629_100 * 4.5 / 1000, abs=0.05)
    assert "national" in table.index


def test_orphan_allowance_series_and_projection(results):
    series = pd.read_csv(results / "04_orphan_allowance" / "series.csv")
    assert list(series.columns) == ["year", "category", "value", "status"]
    implied = series[series["status"] == "implied"].set_index("category")["value"]
    assert implied["institutional"] == pytest.approx(2350 / 1.52, abs=0.01)
    assert implied["dispersed"] == pytest.approx(1650 / 1.43, abs=0.01)
    assert set(series["status"]) == {"stated", "implied", "projected"}
    projection = pd.read_csv(results / "04_orphan_allowance" / "projection.csv")
    assert list(projection.columns) == ["year", "category", "central", "low", "high"]
    assert (projection["low"] <= projection["central"]).all() and (projection["central"] <= projection["high"]).all()


def test_audit_findings_table(results):
    findings = pd.read_csv(results / "05_audit" / "findings.csv")
    assert list(findings.columns) == ["check", "status", "rows", "stated", "expected", "explanation", "id", "cause",
                                      "rule", "explanation_zh"]
    fails = findings[findings["status"] == "fail"]
    # every finding is explained in both languages (the Chinese edition shows the Chinese)
    assert findings["explanation_zh"].notna().all() and findings["explanation_zh"].str.contains("[\u4e00-\u9fff]").all()
    assert {"magnitude", "share", "metadata"} <= set(fails["check"])
    increments = findings[findings["check"] == "average increment"]
    assert increments["expected"].round(2).tolist() == [2676.75, 1414.75]


def test_progress_status_has_every_local_target(results):
    status = pd.read_csv(results / "06_progress" / "status.csv")
    assert {"id", "status", "method"} <= set(status.columns) and len(status) > 50
    assert (status["method"] == "opensdg").all()


def test_describe_prints_the_declared_parameters():
    out = subprocess.run([*RUN, "--describe", "03_childcare"], capture_output=True, text=True, check=True)
    declared = {p["name"]: p for p in json.loads(out.stdout)}
    assert {"region", "population", "current_places", "target_rate", "target_year", "monthly_subsidy",
            "occupancy"} <= set(declared)
    assert declared["target_rate"]["default"] == 4.5 and declared["region"]["choices"] == ["harbin", "qingzhen",
                                                                                            "national"]


@pytest.mark.parametrize("override, expected", [
    ("03_childcare.population=-5", "03_childcare.population=-5"),
    ("03_childcare.target_rate=1500", "03_childcare.target_rate=1500"),
    ("03_childcare.region=moscow", "03_childcare.region='moscow'"),
    ("03_childcare.target_year=2019", "target_year"),
    ("04_orphan_allowance.draws=lots", "04_orphan_allowance.draws"),
    ("06_progress.method=guess", "06_progress.method='guess'"),
    ("06_progress.extra_observations=/nonexistent.csv", "nonexistent.csv"),
    ("06_progress.colour=red", "colour"),
])
def test_bad_parameters_are_refused_and_results_stay(results, override, expected):
    before = _tree_hash(results)
    proc = subprocess.run([*RUN, "-p", override], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    message = proc.stderr.strip().splitlines()
    assert len(message) == 1 and expected in message[0]
    assert _tree_hash(results) == before


def test_new_observations_are_folded_into_progress_and_allowances(tmp_path):
    obs = tmp_path / "observations.csv"
    obs.write_text(
        "id,source,region,domain,indicator_zh,indicator_en,kind,value,unit,comparator,year,quote,notes\n"
        "x1,my-monitoring-2023,qingzhen,health,孕产妇死亡率,Maternal mortality ratio,reported,18,per 100k,=,2021,"
        "2021年孕产妇死亡率为18/10万,\n"
        "x2,my-monitoring-2023,qingzhen,health,孕产妇死亡率,Maternal mortality ratio,reported,15,per 100k,=,2023,"
        "2023年孕产妇死亡率为15/10万,\n"
        "x3,my-report-2023,harbin,welfare,机构养育孤儿基本生活费标准,Allowance,reported,2700,yuan/person/month,=,2023,"
        "机构养育孤儿基本生活费标准提高到2700元,\n", encoding="utf-8")
    out = tmp_path / "out"
    status = subprocess.run([*RUN, "--only", "06_progress", "--only", "04_orphan_allowance",
                             "-p", f"06_progress.extra_observations={obs}",
                             "-p", f"04_orphan_allowance.extra_observations={obs}",
                             "--results", str(out / "results"), "--output", str(out / "chapters"),
                             "--failed", str(out / "failed")], capture_output=True, text=True)
    assert status.returncode == 0, status.stderr
    progress = pd.read_csv(out / "results" / "06_progress" / "status.csv")
    mmr = progress[(progress["indicator_zh"] == "孕产妇死亡率") & (progress["region"] == "qingzhen")].iloc[0]
    assert mmr["n_observations"] == 2 and mmr["status"] != "insufficient data"
    series = pd.read_csv(out / "results" / "04_orphan_allowance" / "series.csv")
    row = series[(series["year"] == 2023) & (series["category"] == "institutional")].iloc[0]
    assert (row["value"], row["status"]) == (2700, "stated")


def test_notebooks_are_committed_without_outputs_and_with_a_parameters_cell():
    import nbformat

    for chapter in CHAPTERS:
        nb = nbformat.read(paths.ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), chapter
        assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1, chapter
