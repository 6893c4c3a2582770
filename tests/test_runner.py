"""The notebook runner (scripts/run_notebooks.py -> planeval.build.runner) against small fixture notebooks.

The fixtures (tests/fixtures/notebooks) are three chapters: 01_alpha (every kind of parameter, fails on
purpose with -p 01_alpha.fail=true), 02_beta (a table and a figure) and 03_gamma (a file parameter).
They are executed once per module, in one pool run, into a pristine workspace; each test works on a
copy of it, so no test depends on another.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from planeval.build import cache, cli, execute, runner
from planeval.core import paths
from planeval.core.errors import PlanevalError
from planeval.data import OBSERVATION_COLUMNS
from planeval.report import results

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
CHAPTERS = ["01_alpha", "02_beta", "03_gamma"]


def runner_plan(*args, **kwargs) -> list:
    """The planned chapters (the notes are tested on their own)."""
    return cache.plan(*args, **kwargs).chapters


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Workspace:
    """Folders of one runner: fixture notebooks, results, executed notebooks, failed notebooks."""

    def __init__(self, root: Path, data: Path, library: Path):
        self.root, self.data, self.library = root, data, library
        self.notebooks, self.results = root / "notebooks", root / "results"
        self.chapters, self.failed = root / "chapters", root / "failed"

    def args(self, *extra: str) -> list[str]:
        folders = {"notebooks": self.notebooks, "results": self.results, "output": self.chapters,
                   "failed": self.failed, "data": self.data, "library": self.library}
        return [arg for name, path in folders.items() for arg in (f"--{name}", str(path))] + list(extra)

    def config(self, **kw) -> runner.Config:
        return runner.Config(notebooks_dir=self.notebooks, results_dir=self.results, output_dir=self.chapters,
                             failed_dir=self.failed, data_dir=self.data, library_dir=self.library, **kw)

    def copy(self, root: Path) -> Workspace:
        for name in ("notebooks", "results", "chapters", "failed"):
            if (self.root / name).exists():
                shutil.copytree(self.root / name, root / name)
        return Workspace(root, self.data, self.library)

    def fingerprint(self) -> dict[str, str]:
        """Every file under results, chapters and failed with its sha256 (the state a failure must keep)."""
        out = {}
        for base in (self.results, self.chapters, self.failed):
            if base.exists():
                for p in sorted(base.rglob("*")):
                    out[str(p.relative_to(self.root))] = _sha(p) if p.is_file() else "dir"
        return out

    def table(self, chapter: str, name: str) -> pd.DataFrame:
        return pd.read_csv(self.results / chapter / f"{name}.csv")

    def run_json(self, chapter: str) -> dict:
        return json.loads((self.results / chapter / "run.json").read_text(encoding="utf-8"))


def _main(args: list[str], capsys) -> tuple[int, str, float]:
    start = time.monotonic()
    code = cli.run_main(args)
    return code, capsys.readouterr().err, time.monotonic() - start


def _statuses(err: str) -> dict[str, str]:
    """chapter -> ok | cached | failed, from the plain log lines."""
    out = {}
    for line in err.splitlines():
        if line.startswith("["):
            tag, chapter = line[1:].split("]")[0], line.split()[1]
            out[chapter] = tag
    return out


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Workspace:
    """Fixtures executed once (all three chapters in one pool run); data and library are private copies,
    so that others editing the project while the tests run cannot invalidate the cache under them."""
    root = tmp_path_factory.mktemp("pristine")
    shutil.copytree(FIXTURES, root / "notebooks")
    data = root / "data"
    shutil.copytree(paths.DATA, data, ignore=shutil.ignore_patterns("staging"))
    library = root / "library"
    shutil.copytree(paths.ROOT / "planeval", library, ignore=shutil.ignore_patterns("__pycache__"))
    ws = Workspace(root, data, library)
    start = time.monotonic()
    code = cli.run_main(ws.args())
    ws.first_run_seconds = time.monotonic() - start
    assert code == 0
    return ws


@pytest.fixture
def ws(pristine, tmp_path) -> Workspace:
    return pristine.copy(tmp_path / "ws")


# -------------------------------------------------------------------------------------------- describe

def test_describe_prints_the_declared_parameters(capsys):
    assert cli.run_main(["--notebooks", str(FIXTURES), "--describe", "01_alpha"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in described] == ["population", "method", "base_year", "target_year",
                                              "extra_observations", "fail"]
    assert described[0] == {"name": "population", "type": "float", "optional": False, "default": 100.0,
                            "help": "resident population (persons)", "help_zh": "", "constraint": "range",
                            "allowed": "a number in range 0..", "min": 0, "max": None}
    assert described[1]["choices"] == ["escap", "unsd", "opensdg", "linear"]
    assert described[2]["constraint"] == "year" and (described[2]["min"], described[2]["max"]) == (1949, 2100)
    assert described[4]["optional"] is True and described[4]["constraint"] == "observations"
    assert described[5]["constraint"] is None and described[5]["default"] is False


def test_describe_an_unknown_chapter(capsys):
    assert cli.run_main(["--notebooks", str(FIXTURES), "--describe", "09_nope"]) == 2
    assert capsys.readouterr().err == ("error: unknown chapter '09_nope' in --describe; chapters: "
                                       "01_alpha, 02_beta, 03_gamma\n")


def test_print_defaults_is_a_valid_params_file(tmp_path, capsys):
    assert cli.run_main(["--notebooks", str(FIXTURES), "--print-defaults"]) == 0
    text = capsys.readouterr().out
    assert "  population: 100.0  # resident population (persons); a number in range 0..\n" in text
    (tmp_path / "params.yaml").write_text(text, encoding="utf-8")
    planned = runner_plan(runner.Config(notebooks_dir=FIXTURES, params_file=tmp_path / "params.yaml"))
    assert planned[0].given == {"population": 100.0, "method": "escap", "base_year": 2020,
                                "target_year": 2025, "extra_observations": None, "fail": False}


# --------------------------------------------------------------------------------------- execution

def test_the_first_run_executes_every_chapter(pristine):
    ws = pristine
    summary = ws.table("01_alpha", "summary")
    assert summary.to_dict("records")[0] | {"python": None, "prefix": None} == {
        "population": 100, "method": "escap", "years": 5, "observations": 0, "python": None, "prefix": None}
    # the kernel is this environment's interpreter
    assert summary["python"][0] == sys.executable and summary["prefix"][0] == sys.prefix
    assert (ws.results / "01_alpha" / "ratio.csv").read_bytes() == b"ratio\n0.333333333333\n"
    assert (ws.results / "02_beta" / "bars.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (ws.results / "02_beta" / "bars.csv").read_bytes() == b"x,y\n1,0.2\n2,0.4\n3,0.6\n"
    assert ws.table("03_gamma", "lookup")["first_line"].isna().all()
    assert sorted(p.name for p in ws.chapters.iterdir()) == [f"{c}.ipynb" for c in CHAPTERS]
    assert sorted(p.name for p in ws.results.iterdir()) == CHAPTERS  # no staging folder left behind
    assert not ws.failed.exists()
    executed = nbformat.read(ws.chapters / "01_alpha.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "population = 100.0" in injected[0].source


def test_run_json_records_the_run(pristine):
    text = (pristine.results / "01_alpha" / "run.json").read_text(encoding="utf-8")
    record = json.loads(text)
    assert list(record) == sorted(record)  # deterministic key order
    assert record["status"] == "ok" and record["attempts"] == 1 and record["duration_s"] > 0
    assert record["chapter"] == "01_alpha" and record["kernel"] == "python3"
    assert record["parameters"] == {"population": 100.0, "method": "escap", "base_year": 2020,
                                    "target_year": 2025, "extra_observations": None, "fail": False}
    assert record["injected"] == {"population": 100.0, "method": "escap"}  # what params.yaml sets
    inputs = record["inputs"]
    assert inputs["notebook"]["sha256"] == _sha(FIXTURES / "01_alpha.ipynb")
    assert "indicators.csv" in inputs["data"] and "raw/sources.csv" in inputs["data"]
    assert any(name.startswith("raw/") and name.endswith(".txt") for name in inputs["data"])
    assert "core/paths.py" in inputs["library"] and "build/runner.py" not in inputs["library"]
    assert inputs["parameter_files"] == {}
    out = pristine.chapters / "01_alpha.ipynb"
    assert record["executed_notebook"]["sha256"] == _sha(out)
    assert len(record["cache_key"]) == 64


def test_a_second_run_with_nothing_changed_executes_nothing(ws, capsys, monkeypatch):
    before = ws.fingerprint()
    monkeypatch.setattr(runner, "run_jobs", lambda *a, **k: pytest.fail("a chapter was executed"))
    code, err, seconds = _main(ws.args(), capsys)
    assert code == 0
    assert _statuses(err) == dict.fromkeys(CHAPTERS, "cached")
    assert "3 chapter(s): 0 executed, 3 cached, 0 failed" in err
    assert ws.fingerprint() == before


def test_changing_one_parameter_executes_only_that_chapter(ws, capsys, tmp_path):
    lookup = tmp_path / "lookup.txt"
    lookup.write_text("第一行 first line\nsecond\n", encoding="utf-8")
    before = ws.fingerprint()
    code, err, _ = _main(ws.args("-p", f"03_gamma.lookup={lookup}"), capsys)
    assert code == 0, err
    assert _statuses(err) == {"01_alpha": "cached", "02_beta": "cached", "03_gamma": "ok"}
    assert "(parameters changed)" in err
    assert ws.table("03_gamma", "lookup")["first_line"][0] == "第一行 first line"
    after = ws.fingerprint()
    assert {k for k in before if before[k] != after.get(k)} == {
        "results/03_gamma/lookup.csv", "results/03_gamma/run.json", "results/03_gamma/parameters.json",
        "chapters/03_gamma.ipynb"}
    record = ws.run_json("03_gamma")
    assert record["parameters"] == {"lookup": str(lookup.resolve()), "wait": 0.0}
    assert record["inputs"]["parameter_files"]["lookup"]["sha256"] == _sha(lookup)
    # the same command again is a no-op; so is --only of a cached chapter
    code, err, _ = _main(ws.args("-p", f"03_gamma.lookup={lookup}", "--only", "03_gamma"), capsys)
    assert code == 0 and _statuses(err) == {"03_gamma": "cached"}


def test_a_failing_chapter_keeps_the_previous_results(ws, capsys):
    before = ws.fingerprint()
    code, err, _ = _main(ws.args("--only", "01_alpha", "-p", "01_alpha.fail=true"), capsys)
    assert code == 1
    assert _statuses(err) == {"01_alpha": "failed"}
    [error] = [line for line in err.splitlines() if line.startswith("error:")]
    assert error.startswith("error: 01_alpha failed in cell 3 of 01_alpha.ipynb (execution count 4, "
                            "'ratio = 1 / (0 if fail else 3)'): ZeroDivisionError: division by zero; "
                            "the executed notebook is kept in ")
    after = ws.fingerprint()
    assert {k: v for k, v in after.items() if not k.startswith("failed")} == before
    failed = nbformat.read(ws.failed / "01_alpha.ipynb", as_version=4)
    assert any(o.get("ename") == "ZeroDivisionError" for c in failed.cells for o in c.get("outputs", []))
    record = json.loads((ws.failed / "01_alpha.run.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed" and "ZeroDivisionError" in record["error"]
    assert record["parameters"]["fail"] is True
    # the previous good run is still the cached one
    code, err, _ = _main(ws.args("--only", "01_alpha"), capsys)
    assert code == 0 and _statuses(err) == {"01_alpha": "cached"}


def test_a_cell_running_past_the_timeout_fails_the_chapter(ws, capsys):
    before = ws.fingerprint()
    args = ws.args("--only", "03_gamma", "--timeout", "3", "-p", "03_gamma.wait=30")
    code, err, seconds = _main(args, capsys)
    assert code == 1
    [error] = [line for line in err.splitlines() if line.startswith("error:")]
    assert error.startswith("error: 03_gamma failed in cell 2: CellTimeoutError: "), error
    assert "kernel restarted once" not in err  # a timeout in a cell is not a start-up failure
    assert {k: v for k, v in ws.fingerprint().items() if not k.startswith("failed")} == before


FLAKY = """\
import os
import sys

marker = sys.argv[1]
if not os.path.exists(marker):  # the first start fails, as a kernel that cannot start would
    open(marker, "w").close()
    sys.exit(1)
sys.argv = [sys.argv[0], *sys.argv[2:]]
from ipykernel import kernelapp

kernelapp.launch_new_instance()
"""


def test_a_kernel_that_fails_to_start_is_retried_once(ws, capsys, tmp_path, monkeypatch):
    kernels = tmp_path / "jupyter" / "kernels" / "flaky"
    kernels.mkdir(parents=True)
    (tmp_path / "flaky.py").write_text(FLAKY, encoding="utf-8")
    argv = [sys.executable, str(tmp_path / "flaky.py"), str(tmp_path / "marker"), "-f", "{connection_file}"]
    (kernels / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "flaky",
                                                     "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    code, err, _ = _main(ws.args("--kernel", "flaky", "--only", "03_gamma"), capsys)
    assert code == 0, err
    assert "[ok] 03_gamma" in err and "(kernel changed (python3 -> flaky); kernel restarted once)" in err
    assert ws.run_json("03_gamma")["attempts"] == 2 and ws.run_json("03_gamma")["kernel"] == "flaky"


def test_the_default_kernel_is_this_environment(monkeypatch):
    execute.check_kernel("python3")
    with pytest.raises(PlanevalError, match="no Jupyter kernel named 'no-such-kernel'"):
        execute.check_kernel("no-such-kernel")


# -------------------------------------------------------------------------------------------- cache

def test_the_cache_key_follows_every_input(ws, tmp_path):
    def keys(*overrides: str) -> dict[str, str]:
        return {p.chapter: p.key for p in runner_plan(ws.config(), overrides=overrides)}

    def changed(after: dict[str, str]) -> list[str]:
        return [c for c in CHAPTERS if after[c] != base[c]]

    base = keys()
    assert keys() == base  # stable
    raw_text = next((ws.data / "raw").glob("*.txt"))
    for path in (ws.data / "indicators.csv", raw_text, ws.library / "core" / "paths.py"):
        original = path.read_bytes()
        try:
            path.write_bytes(original + b"\n")
            assert changed(keys()) == CHAPTERS, path
        finally:
            path.write_bytes(original)
    assert keys() == base
    (ws.data / "README.md").write_text("notes are not inputs\n", encoding="utf-8")
    assert keys() == base
    assert changed(keys("02_beta.scale=2")) == []  # the default, given explicitly
    assert changed(keys("02_beta.scale=3")) == ["02_beta"]
    nb = ws.notebooks / "02_beta.ipynb"
    nb.write_bytes(nb.read_bytes().replace(b"bars", b"bars2"))
    assert changed(keys()) == ["02_beta"]
    lookup = tmp_path / "lookup.txt"
    lookup.write_text("a\n", encoding="utf-8")
    first = keys(f"03_gamma.lookup={lookup}")
    lookup.write_text("b\n", encoding="utf-8")
    second = keys(f"03_gamma.lookup={lookup}")
    assert second["03_gamma"] != first["03_gamma"] and second["01_alpha"] == first["01_alpha"]


def test_the_cache_needs_the_executed_notebook(ws):
    planned = {p.chapter: p for p in runner_plan(ws.config())}
    config = ws.config()
    assert all(cache.is_cached(p, config) for p in planned.values())
    (ws.chapters / "02_beta.ipynb").unlink()
    out = ws.chapters / "01_alpha.ipynb"
    out.write_bytes(out.read_bytes() + b" ")
    (ws.results / "03_gamma" / "run.json").write_text("{broken", encoding="utf-8")
    assert {c: cache.stale_reason(p, config) for c, p in planned.items()} == {
        "01_alpha": "executed notebook modified", "02_beta": "executed notebook missing",
        "03_gamma": "unreadable run.json"}
    assert not any(cache.is_cached(p, config) for p in planned.values())


def test_the_reason_a_chapter_runs_again(ws):
    config = ws.config()
    (ws.library / "new_module.py").write_text("x = 1\n", encoding="utf-8")
    data = ws.data / "indicators.csv"
    original = data.read_bytes()
    try:
        data.write_bytes(original + b"\n")
        [alpha] = runner_plan(config, only=["01_alpha"], overrides=["01_alpha.population=5"])
        assert cache.stale_reason(alpha, config) == (
            "parameters changed; data changed (indicators.csv); library changed (new_module.py)")
    finally:
        data.write_bytes(original)
        (ws.library / "new_module.py").unlink()
    [beta] = runner_plan(config, only=["02_beta"])
    assert cache.stale_reason(beta, config) is None


def test_force_ignores_the_cache(ws, capsys):
    code, err, _ = _main(ws.args("--force", "--only", "03_gamma"), capsys)
    assert code == 0 and _statuses(err) == {"03_gamma": "ok"} and "s (--force)" in err


def test_an_executed_notebook_that_did_not_change_keeps_its_time_stamp(ws, capsys):
    """The site's incremental build reads a page again when its file's time stamp changes: a chapter run
    again with the same outcome leaves its executed notebook as it was."""
    import os

    chapter = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("n: int = 2  # how many; range 1..5", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print('same every time', n)")])
    nbformat.write(chapter, ws.notebooks / "04_delta.ipynb")
    assert _main(ws.args("--only", "04_delta"), capsys)[0] == 0
    notebook = ws.chapters / "04_delta.ipynb"
    before = notebook.read_bytes()
    os.utime(notebook, (1_000_000_000, 1_000_000_000))
    code, err, _ = _main(ws.args("--force", "--only", "04_delta"), capsys)
    assert code == 0 and _statuses(err) == {"04_delta": "ok"}
    assert notebook.read_bytes() == before and b"same every time" in before
    assert notebook.stat().st_mtime == 1_000_000_000


def test_workers_are_forked_only_from_a_process_with_no_other_thread(ws, capsys, monkeypatch):
    """With a second thread alive (the runner called from a notebook, say), the pool uses a fork server."""
    import multiprocessing
    import threading

    contexts = []  # (start method, threads alive when it was chosen)
    real = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context",
                        lambda method=None: contexts.append((method, threading.active_count())) or real(method))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        code, err, _ = _main(ws.args("--force", "--only", "01_alpha", "--only", "03_gamma"), capsys)
    finally:
        stop.set()
        other.join()
    assert code == 0 and _statuses(err) == {"01_alpha": "ok", "03_gamma": "ok"}
    assert contexts[0][0] == "forkserver" and contexts[0][1] >= 2
    code, err, _ = _main(ws.args("--force", "--only", "01_alpha", "--only", "03_gamma"), capsys)
    assert code == 0 and len(contexts) == 2
    method, threads = contexts[1]
    assert method == ("fork" if threads == 1 else "forkserver")


def test_the_progress_bar_starts_no_thread():
    import threading

    before = threading.active_count()
    bar = runner._Bar(total=2, disable=True)
    assert threading.active_count() == before
    bar.close()


# ------------------------------------------------------------------------------------ bad input (exit 2)

def _observations(path: Path, change: dict | None = None, drop: str | None = None, rows: int = 1) -> Path:
    """A CSV of new observations built from a reported row of the figures table, then spoiled."""
    with open(paths.INDICATORS_CSV, encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "s000-012")
    row = {c: row[c] for c in OBSERVATION_COLUMNS} | {"id": "new-001"} | (change or {})
    columns = [c for c in OBSERVATION_COLUMNS if c != drop]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows([row] * rows)
    return path


def _write(text: str):
    def setup(ws: Workspace, tmp: Path) -> list[str]:
        (tmp / "params.yaml").write_text(text, encoding="utf-8")
        return ["--params", str(tmp / "params.yaml")]
    return setup


def _obs(**kw):
    def setup(ws: Workspace, tmp: Path) -> list[str]:
        return ["-p", f"01_alpha.extra_observations={_observations(tmp / 'obs.csv', **kw)}"]
    return setup


def _args(*args: str):
    return lambda ws, tmp: list(args)


def _declare(old: str, new: str):
    def setup(ws: Workspace, tmp: Path) -> list[str]:
        nb = ws.notebooks / "02_beta.ipynb"
        nb.write_text(nb.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        return []
    return setup


def _raw_file(text: str):
    def setup(ws: Workspace, tmp: Path) -> list[str]:
        (tmp / "obs.csv").write_text(text, encoding="utf-8")
        return ["-p", f"01_alpha.extra_observations={tmp / 'obs.csv'}"]
    return setup


OBS = "01_alpha.extra_observations"
BAD_INPUTS = {  # case -> (setup returning extra arguments, what the one-line message must contain)
    "unknown parameter (-p)": (
        _args("-p", "01_alpha.popu=5"),
        "-p 01_alpha.popu: popu is not a parameter of 01_alpha; declared: population, method, "),
    "unknown parameter (params file)": (
        _write("02_beta:\n  colour: red\n"),
        "02_beta.colour is not a parameter of 02_beta; declared: scale, label"),
    "wrong type: text for a number": (
        _args("-p", "01_alpha.population=many"),
        "error: 01_alpha.population='many' is not allowed: expected a number in range 0.."),
    "wrong type: float for an int": (
        _args("-p", "02_beta.scale=2.5"),
        "error: 02_beta.scale=2.5 is not allowed: expected an integer in range 1..10"),
    "wrong type: number for a bool": (
        _args("-p", "01_alpha.fail=1"),
        "error: 01_alpha.fail=1 is not allowed: expected true or false"),
    "wrong type: list (params file)": (
        _write("02_beta:\n  scale: [1, 2]\n"),
        "error: 02_beta.scale=[1, 2] is not allowed"),
    "negative population": (
        _args("-p", "01_alpha.population=-5"),
        "error: 01_alpha.population=-5 is not allowed: expected a number in range 0.."),
    "NaN (-p nan)": (
        _args("-p", "01_alpha.population=nan"),
        "error: 01_alpha.population=nan is not allowed: expected a finite number in range 0.."),
    "NaN (.nan in YAML)": (
        _write("01_alpha:\n  population: .nan\n"),
        "error: 01_alpha.population=nan is not allowed: expected a finite number"),
    "infinity (.inf in YAML)": (
        _write("01_alpha:\n  population: .inf\n"),
        "error: 01_alpha.population=inf is not allowed"),
    "out of range int": (
        _args("-p", "02_beta.scale=11"),
        "error: 02_beta.scale=11 is not allowed"),
    "not one of the choices": (
        _args("-p", "01_alpha.method=ESCAP"),
        "error: 01_alpha.method='ESCAP' is not allowed: expected one of escap, unsd, opensdg, linear"),
    "year out of range": (
        _args("-p", "01_alpha.base_year=1900"),
        "error: 01_alpha.base_year=1900 is not allowed: expected a year (an integer in 1949..2100)"),
    "target year before base year": (
        _args("-p", "01_alpha.target_year=2019"),
        "error: 01_alpha.target_year=2019 is not allowed: expected a year after 01_alpha.base_year=2020"),
    "target year equal to base year (file + -p)": (
        lambda ws, tmp: [*_write("01_alpha:\n  base_year: 2022\n")(ws, tmp),
                         "-p", "01_alpha.target_year=2022"],
        "error: 01_alpha.target_year=2022 is not allowed: expected a year after 01_alpha.base_year=2022"),
    "unknown chapter (--only)": (
        _args("--only", "04_delta"),
        "error: unknown chapter '04_delta' in --only; chapters: 01_alpha, 02_beta, 03_gamma"),
    "unknown chapter (-p)": (
        _args("-p", "1_alpha.population=5"),
        "error: unknown chapter '1_alpha' in -p 1_alpha.population; chapters: 01_alpha, "),
    "unknown chapter (params file)": (
        _write("01_alpha: {}\n09_omega:\n  x: 1\n"),
        "error: unknown chapter '09_omega' in "),
    "chapter not selected by --only": (
        _args("--only", "01_alpha", "-p", "02_beta.scale=3"),
        "chapter 02_beta is not selected (selected: 01_alpha)"),
    "malformed YAML": (
        _write("01_alpha:\n  population: [1, 2\n"),
        "params.yaml: not valid YAML: "),
    "duplicate key in YAML": (
        _write("01_alpha:\n  population: 1\n  population: 2\n"),
        "params.yaml: not valid YAML: duplicate key 'population' (line 3, column 3)"),
    "params file is a list": (
        _write("- 01_alpha\n"),
        "expected a mapping of chapter -> {parameter: value}"),
    "params file entry not a mapping": (
        _write("01_alpha: 5\n"),
        "the entry of chapter '01_alpha' must be a mapping"),
    "params file not found": (
        lambda ws, tmp: ["--params", str(tmp / "nope.yaml")],
        "nope.yaml: parameters file not found"),
    "malformed -p": (
        _args("-p", "01_alpha.population"),
        "error: -p '01_alpha.population' is not CHAPTER.NAME=VALUE"),
    "observations: nonexistent path": (
        _args("-p", f"{OBS}=/no/such/obs.csv"),
        f"error: {OBS}: /no/such/obs.csv: file not found"),
    "observations: missing column": (
        _obs(drop="unit"),
        "obs.csv, row 1: missing column(s) unit"),
    "observations: text in value": (
        _obs(change={"value": "2350元"}),  # the unit typed into the value (the quote prints 2350元)
        "obs.csv, row 2, column value: value '2350元' is not a number"),
    "observations: unknown unit": (
        _obs(change={"unit": "kg"}),
        "obs.csv, row 2, column unit: unit 'kg' is not allowed"),
    "observations: empty file": (
        _raw_file(""),
        "obs.csv: empty file: expected a header"),
    "observations: header only": (
        _obs(rows=0),
        "obs.csv: no observations: the file has a header but no rows"),
    "observations: quote-less row": (
        _obs(change={"quote": ""}),
        "obs.csv, row 2, column quote: quote is empty; every row needs one"),
    "observations: wrong kind": (
        _obs(change={"kind": "target"}),
        "obs.csv, row 2, column kind: kind 'target' is not allowed; new observations are 'reported'"),
    "observations: quote not in its source": (
        _obs(change={"quote": "这句话不在原文里 2350"}),
        "obs.csv, row 2, column quote: quote "),
    "observations: duplicate id": (
        _obs(rows=2),
        "obs.csv, row 3, column id: duplicate id 'new-001'"),
    "observations: ragged row": (
        _raw_file(",".join(OBSERVATION_COLUMNS) + "\na,b\n"),
        "obs.csv, row 2: wrong number of fields for the header"),
    "path: nonexistent file": (
        _args("-p", "03_gamma.lookup=/no/such/file.txt"),
        "error: 03_gamma.lookup='/no/such/file.txt' is not allowed: expected an existing file"),
    "declared twice in a notebook": (
        _declare("scale: int = 2  # multiplier of the bars; range 1..10\\n",
                 "scale: int = 2  # multiplier of the bars; range 1..10\\nscale: int = 3  # again\\n"),
        "error: 02_beta.ipynb, cell 1 (parameters), line 4: scale is declared twice (first on line 3)"),
    "constraint typo in a notebook": (
        _declare("range 1..10", "rnage 1..10"),
        "'rnage 1..10' after the last ';' of the comment is not a constraint"),
    "unknown kernel": (
        _args("--kernel", "no-such-kernel"),
        "error: no Jupyter kernel named 'no-such-kernel'"),
    "bad --timeout": (
        _args("--timeout", "-1"),
        "error: argument --timeout: '-1' is not a positive number of seconds"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line_and_touches_nothing(case, ws, tmp_path, capsys, monkeypatch):
    setup, expected = BAD_INPUTS[case]
    extra = setup(ws, tmp_path)
    before = ws.fingerprint()
    monkeypatch.setattr(runner, "run_jobs", lambda *a, **k: pytest.fail("a chapter was executed"))
    code = cli.run_main(ws.args(*extra))
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert expected in err, err
    assert ws.fingerprint() == before


def test_the_corpus_of_bad_inputs_is_large_enough():
    assert len(BAD_INPUTS) >= 20


def test_a_valid_observations_file_is_accepted_and_hashed(ws, tmp_path):
    obs = _observations(tmp_path / "obs.csv", rows=1)
    [planned] = runner_plan(ws.config(), only=["01_alpha"], overrides=[f"01_alpha.extra_observations={obs}"])
    assert planned.given["extra_observations"] == str(obs.resolve())
    assert planned.record["inputs"]["parameter_files"]["extra_observations"]["sha256"] == _sha(obs)


def test_relative_files_in_the_params_file_are_read_from_its_folder(ws, tmp_path):
    (tmp_path / "lookup.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "params.yaml").write_text("03_gamma:\n  lookup: lookup.txt\n", encoding="utf-8")
    [planned] = runner_plan(ws.config(params_file=tmp_path / "params.yaml"), only=["03_gamma"])
    assert planned.given == {"lookup": str((tmp_path / "lookup.txt").resolve())}


# ----------------------------------------------------------------------------------- project's own files

def test_the_projects_params_file_matches_its_notebooks(tmp_path):
    """notebooks/params.yaml names only existing chapters and valid values (nothing is executed), and only
    values that differ from the notebooks' declared defaults."""
    from planeval.build.params import load_params_file, read_declarations

    planned = runner_plan(runner.Config(results_dir=tmp_path / "results"))
    chapters = cache.discover_chapters(runner.NOTEBOOKS)
    assert [p.chapter for p in planned] == list(chapters)
    for chapter, values in load_params_file(runner.NOTEBOOKS / "params.yaml").items():
        defaults = {p.name: p.default for p in read_declarations(chapters[chapter])}
        assert [name for name, value in values.items() if value == defaults[name]] == [], chapter


def test_the_script_is_a_thin_cli():
    import subprocess

    script = paths.ROOT / "scripts" / "run_notebooks.py"
    proc = subprocess.run([sys.executable, str(script), "--notebooks", str(FIXTURES), "--only", "nope"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == "error: unknown chapter 'nope' in --only; chapters: 01_alpha, 02_beta, 03_gamma\n"


# ---------------------------------------------------------------------------------- planeval.report.results

def test_save_table_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.setenv(results.RESULTS_ENV, str(tmp_path / "r"))
    df = pd.DataFrame({"region": ["哈尔滨", "清镇"], "value": [0.1 + 0.2, 10009854.0], "n": [1, None]})
    path = results.save_table(df, "values")
    assert path == tmp_path / "r" / "values.csv"
    assert path.read_bytes() == "region,value,n\n哈尔滨,0.3,1\n清镇,10009854,\n".encode()
    assert results.save_table(df, "values.csv") == path  # the suffix may be given
    with pytest.raises(PlanevalError, match="name='../up' is not allowed"):
        results.save_table(df, "../up")


def test_save_figure_is_deterministic(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.setenv(results.RESULTS_ENV, str(tmp_path))
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([1, 2, 3], [3, 1, 2])
    first = results.save_figure(fig, "line").read_bytes()
    second = results.save_figure(fig, "line").read_bytes()
    plt.close(fig)
    assert first == second and first[:8] == b"\x89PNG\r\n\x1a\n" and b"Software" not in first


def test_results_dir_by_hand(tmp_path, monkeypatch):
    monkeypatch.delenv(results.RESULTS_ENV, raising=False)
    monkeypatch.setattr(paths, "RESULTS", tmp_path)
    monkeypatch.setenv(results.CHAPTER_ENV, "03_childcare")
    assert results.results_dir() == tmp_path / "03_childcare"
    monkeypatch.delenv(results.CHAPTER_ENV)
    assert results.results_dir() == tmp_path / "scratch" and (tmp_path / "scratch").is_dir()


# ------------------------------------------------------------------ a researcher's runs are never lost

def test_a_researchers_parameters_are_kept_announced_replaced_and_reset(ws, capsys, tmp_path):
    lookup = tmp_path / "mine.txt"
    lookup.write_text("my first line\n", encoding="utf-8")
    code, err, _ = _main(ws.args("--only", "03_gamma", "-p", f"03_gamma.lookup={lookup}"), capsys)
    assert code == 0 and ws.run_json("03_gamma")["researcher"] == {"lookup": str(lookup.resolve())}
    # a plain build afterwards keeps them, says so in one line, and executes nothing
    code, err, _ = _main(ws.args(), capsys)
    assert code == 0 and _statuses(err)["03_gamma"] == "cached"
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == ["note: 03_gamma: keeps the parameters of your last run (lookup=mine.txt); --reset returns "
                     "it to the book's parameters"]
    assert ws.table("03_gamma", "lookup")["first_line"][0] == "my first line"
    # new parameters of its own replace them, and say which ones they replace
    code, err, _ = _main(ws.args("-p", "03_gamma.wait=0.1"), capsys)
    assert "note: 03_gamma: this run's parameters replace those of your last run (lookup=mine.txt)" in err
    assert ws.run_json("03_gamma")["researcher"] == {"wait": 0.1}
    # --reset returns to the book's parameters, in one line
    code, err, _ = _main(ws.args("--reset"), capsys)
    assert code == 0 and "note: 03_gamma: back to the book's parameters (forgetting wait=0.1)" in err
    assert ws.run_json("03_gamma")["researcher"] == {} and _statuses(err)["03_gamma"] == "ok"


def test_a_kept_file_that_is_gone_is_refused_in_one_line(ws, capsys, tmp_path):
    lookup = tmp_path / "mine.txt"
    lookup.write_text("x\n", encoding="utf-8")
    assert _main(ws.args("--only", "03_gamma", "-p", f"03_gamma.lookup={lookup}"), capsys)[0] == 0
    lookup.unlink()
    code, err, _ = _main(ws.args(), capsys)
    assert code == 2 and err.count("\n") == 1 and err.startswith("error: 03_gamma.lookup=")
    assert err.rstrip().endswith("(kept from your last run; --reset forgets it)")


def test_the_parameters_box_shows_file_names_and_hashes_never_paths(ws, capsys, tmp_path):
    lookup = tmp_path / "secret-folder" / "mine.txt"
    lookup.parent.mkdir()
    lookup.write_text("x\n", encoding="utf-8")
    assert _main(ws.args("--only", "03_gamma", "-p", f"03_gamma.lookup={lookup}"), capsys)[0] == 0
    shown = json.loads((ws.results / "03_gamma" / "parameters.json").read_text(encoding="utf-8"))
    row = next(r for r in shown if r["name"] == "lookup")
    assert row["value"] == f"mine.txt (sha256 {_sha(lookup)[:12]})" and row["origin"] == "your parameters"
    assert "secret-folder" not in json.dumps(shown)
    assert {r["name"]: r["origin"] for r in shown}["wait"] == "default"


def test_a_second_run_at_the_same_time_is_refused_in_one_line(ws, capsys):
    from planeval.build.files import run_lock

    before = ws.fingerprint()
    with run_lock(ws.results):
        pass  # a lock this process holds is re-entrant; another process is refused:
    import subprocess

    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from planeval.build.files import run_lock\n"
                               f"with run_lock({str(ws.results)!r}):\n    print('held', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        code, err, _ = _main(ws.args(), capsys)
    finally:
        holder.kill()
        holder.wait()
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("error: another run is using ") and "wait for it to finish" in err
    assert ws.fingerprint() == before


def test_the_outputs_of_a_removed_chapter_are_removed(ws, capsys):
    (ws.notebooks / "02_beta.ipynb").unlink()
    params = ws.notebooks / "params.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("02_beta: {}\n", ""), encoding="utf-8")
    code, err, _ = _main(ws.args(), capsys)
    assert code == 0 and "removed the outputs of 02_beta: its notebook is gone" in err
    assert not (ws.results / "02_beta").exists() and not (ws.chapters / "02_beta.ipynb").exists()


def test_the_failed_folder_is_cleared_when_the_chapter_next_succeeds(ws, capsys):
    assert _main(ws.args("--only", "01_alpha", "-p", "01_alpha.fail=true"), capsys)[0] == 1
    assert (ws.failed / "01_alpha.ipynb").is_file()
    assert _main(ws.args("--only", "01_alpha", "-p", "01_alpha.population=7"), capsys)[0] == 0
    assert not ws.failed.exists()


def test_published_notebooks_carry_no_time_stamps(pristine):
    for chapter in CHAPTERS:
        nb = nbformat.read(pristine.chapters / f"{chapter}.ipynb", as_version=4)
        assert not {"start_time", "end_time", "duration"} & set(nb.metadata.get("papermill", {}))
        for cell in nb.cells:
            assert "execution" not in cell.metadata, chapter
            assert not {"start_time", "end_time", "duration"} & set(cell.metadata.get("papermill", {})), chapter


def test_a_results_folder_that_cannot_be_written_is_one_line(ws, capsys, tmp_path):
    blocked = tmp_path / "a-file"  # a file where a folder should be: not writable as a folder, even by root
    blocked.write_text("", encoding="utf-8")
    code, err, _ = _main([*ws.args(), "--results", str(blocked / "results")], capsys)
    assert code == 1 and err.count("\n") == 1 and err.startswith("error: ") and "cannot write there" in err


def test_an_interrupted_run_is_one_line_and_keeps_the_results(ws, capsys, monkeypatch):
    before = ws.fingerprint()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # a generator, like the real one

    monkeypatch.setattr(runner, "run_jobs", interrupted)
    code, err, _ = _main(ws.args("--force"), capsys)
    assert code == 130
    assert err.strip().splitlines()[-1] == ("error: interrupted; results of unfinished chapters were left as "
                                           "they were")
    assert "Traceback" not in err and ws.fingerprint() == before
    assert not any(p.name.startswith(".staging") for p in ws.results.iterdir())


def test_numbers_written_as_text_in_a_params_file_are_numbers(ws, tmp_path):
    (tmp_path / "mine.yaml").write_text("01_alpha:\n  population: 5e6\n", encoding="utf-8")  # YAML 1.1: text
    [alpha] = runner_plan(ws.config(extra_params=tmp_path / "mine.yaml"), only=["01_alpha"])
    assert alpha.given["population"] == 5e6 and alpha.record["origins"]["population"].endswith("mine.yaml")


def test_observations_saved_by_excel_with_a_byte_order_mark_are_accepted(ws, tmp_path):
    obs = tmp_path / "obs.csv"
    obs.write_text("indicator,region,year,value,unit,source,sentence\n"
                   "孕产妇死亡率,qingzhen,2021,18,per 100k,my report,2021年孕产妇死亡率为18/10万\n",
                   encoding="utf-8-sig")
    [alpha] = runner_plan(ws.config(), only=["01_alpha"], overrides=[f"01_alpha.extra_observations={obs}"])
    assert alpha.given["extra_observations"] == str(obs.resolve())


def test_a_field_longer_than_the_csv_limit_is_one_line(ws, tmp_path, capsys):
    obs = tmp_path / "obs.csv"
    obs.write_text("indicator,region,year,value,unit,source,sentence\n"
                   '孕产妇死亡率,qingzhen,2021,18,per 100k,r,"' + "长" * 140_000 + "\n", encoding="utf-8")
    code, err, _ = _main(ws.args("-p", f"01_alpha.extra_observations={obs}"), capsys)
    assert code == 2 and err.count("\n") == 1
    assert "obs.csv, row 2: not readable as CSV: a field longer than 131,072 characters" in err


def test_editing_build_code_re_executes_no_chapter(ws):
    """The cache key sees the analysis code (data, methods, chapters, report), never the build code."""
    before = {p.chapter: p.key for p in runner_plan(ws.config())}
    build_module = ws.library / "build" / "runner.py"
    analysis_module = ws.library / "methods" / "growth.py"
    original = build_module.read_bytes()
    try:
        build_module.write_bytes(original + b"\n# an edit to the build code\n")
        (ws.library / "build" / "new_page.py").write_text("x = 1\n", encoding="utf-8")
        assert {p.chapter: p.key for p in runner_plan(ws.config())} == before
        assert all(cache.stale_reason(p, ws.config()) is None for p in runner_plan(ws.config()))
    finally:
        build_module.write_bytes(original)
        (ws.library / "build" / "new_page.py").unlink()
    original = analysis_module.read_bytes()
    try:
        analysis_module.write_bytes(original + b"\n")
        after = {p.chapter: p.key for p in runner_plan(ws.config())}
        assert all(after[c] != before[c] for c in CHAPTERS)  # analysis code: every chapter runs again
    finally:
        analysis_module.write_bytes(original)
