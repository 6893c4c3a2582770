"""The indicator pages as the runner executes them: batched in shared kernels, each the template executed
by papermill with its parameter; cached by the rows each reads (one changed row re-executes one page); and
identical, table for table, to a plain papermill run of the same template with the same parameter."""

from __future__ import annotations

import json

import nbformat
import pytest
from pages_workspace import PICKED, edit_row, files, make, run

from planeval.build.files import environ
from planeval.report.results import CHAPTER_ENV, RESULTS_ENV

CHILDCARE = PICKED[0]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = make(tmp_path_factory.mktemp("pages"))
    status, printed = run(root)
    assert status == 0, printed
    assert "3 indicator page(s): 3 executed, 0 cached, 0 failed" in printed
    return root


def test_each_page_is_the_template_executed_with_its_parameter(workspace):
    for indicator in PICKED:
        nb = nbformat.read(workspace / "book" / "indicators" / f"{indicator}.ipynb", as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and f'indicator = "{indicator}"' in injected[0].source
        assert injected[0].id == "injected-parameters"  # not papermill's random one: same inputs, same bytes
        assert nb.metadata["papermill"]["parameters"] == {"indicator": indicator}
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1))  # as if in a kernel of its own
        run_json = json.loads((workspace / "pages" / indicator / "run.json").read_text(encoding="utf-8"))
        assert run_json["status"] == "ok" and run_json["injected"] == {"indicator": indicator}
    title = nbformat.read(workspace / "book" / "indicators" / f"{CHILDCARE}.ipynb", as_version=4).cells[0].source
    assert title.startswith("# 每千人口拥有3岁以下婴幼儿托位数 Childcare places for children under 3 per 1000 people")


def test_a_changed_row_re_executes_only_its_indicator_page(workspace):
    assert "0 executed, 3 cached" in run(workspace)[1]
    observations = workspace / "data" / "observations.csv"
    edit_row(observations, {"indicator_zh": "每千人口拥有3岁以下婴幼儿托位数", "year": "2022"}, "notes",
             "a note a researcher added")
    status, printed = run(workspace)
    assert status == 0 and "3 indicator page(s): 1 executed, 2 cached, 0 failed" in printed
    # A row of an indicator without a page here changes nothing.
    edit_row(observations, {"id": "obs-049"}, "notes", "another note")  # maternal mortality
    assert "3 indicator page(s): 0 executed, 3 cached, 0 failed" in run(workspace)[1]
    figures = workspace / "data" / "indicators.csv"
    edit_row(figures, {"id": "s003-502"}, "notes", "checked again")  # Qingzhen's neonatal mortality target
    assert "3 indicator page(s): 1 executed, 2 cached, 0 failed" in run(workspace)[1]
    assert (workspace / "pages" / "neonatal-mortality-rate" / "run.json").stat().st_mtime > (
        workspace / "pages" / CHILDCARE / "run.json").stat().st_mtime


def test_a_page_removed_from_the_catalogue_is_removed(tmp_path):
    root = make(tmp_path, PICKED[:2])
    assert run(root)[0] == 0
    catalogue = root / "data" / "catalogue.csv"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    catalogue.write_text("".join(line for line in lines if not line.startswith("neonatal")), encoding="utf-8")
    status, printed = run(root)
    assert status == 0 and "removed the pages of 1 indicator(s)" in printed
    assert sorted(p.name for p in (root / "pages").iterdir()) == [CHILDCARE]
    assert sorted(p.name for p in (root / "book" / "indicators").iterdir()) == [f"{CHILDCARE}.ipynb"]


def test_a_run_of_some_chapters_leaves_the_pages_alone(tmp_path):
    import shutil

    from planeval.core import paths

    root = make(tmp_path, PICKED[:1])
    shutil.copy(paths.ROOT / "notebooks" / "07_qingzhen_baseline.ipynb", root / "notebooks")
    assert run(root)[0] == 0
    before = files(root / "pages") | files(root / "book" / "indicators")
    status, printed = run(root, force=True, only=("07_qingzhen_baseline",))
    assert status == 0 and "1 chapter(s): 1 executed" in printed and "indicator page" not in printed
    assert files(root / "pages") | files(root / "book" / "indicators") == before


def test_batched_pages_equal_plain_papermill_runs(workspace, tmp_path):
    import papermill

    from planeval.build.execute import kernel_options

    for indicator in PICKED:
        results = tmp_path / indicator
        results.mkdir()
        with environ(**{RESULTS_ENV: str(results), CHAPTER_ENV: indicator}):
            papermill.execute_notebook(str(workspace / "notebooks" / "indicator.ipynb"), str(tmp_path / "out.ipynb"),
                                       parameters={"indicator": indicator}, cwd=str(workspace / "notebooks"),
                                       progress_bar=False, **kernel_options())
        batched = files(workspace / "pages" / indicator, skip=("run.json", "parameters.json"))
        plain = files(results)
        assert sorted(batched) == sorted(plain)
        assert any(name.endswith(".csv") for name in plain)
        for name in plain:
            assert batched[name] == plain[name], (indicator, name)
