"""The runner on a Dask distributed cluster (a ``LocalCluster`` of two worker processes) gives the same
results, byte for byte, as the run in local processes: chapters and indicator pages, their tables,
figures, executed notebooks and records (less the time stamps of the runs)."""

from __future__ import annotations

import json

import pytest
from pages_workspace import files, make, run

distributed = pytest.importorskip("distributed", reason="dask[distributed] is pinned in requirements.txt")

#: The fields of run.json that say when, how long and how many tries, not what.
TIMING = ("duration_s", "finished_at", "attempts")


def _outputs(root) -> dict[str, bytes]:
    out = {}
    for folder in ("results", "pages", "book"):
        for name, data in files(root / folder).items():
            if name.endswith("run.json"):
                record = json.loads(data)
                # Paths in the record name the workspace's own folder; the two workspaces sit side by side.
                data = json.dumps({k: v for k, v in record.items() if k not in TIMING}, sort_keys=True)
                data = data.replace(str(root), "<workspace>").encode()
            out[f"{folder}/{name}"] = data
    return out


def test_a_run_on_a_dask_cluster_equals_the_local_run(tmp_path):
    local, remote = make(tmp_path / "local", chapters=True), make(tmp_path / "cluster", chapters=True)
    status, printed = run(local)
    assert status == 0, printed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        status, printed = run(remote, scheduler=cluster.scheduler_address)
        assert status == 0, printed
        assert "8 chapter(s): 8 executed" in printed and "3 indicator page(s): 3 executed" in printed
        # The cluster's results are cached like the local ones: nothing runs again.
        status, again = run(remote, scheduler=cluster.scheduler_address)
        assert status == 0 and "0 executed, 8 cached" in again and "0 executed, 3 cached" in again
    expected, got = _outputs(local), _outputs(remote)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    assert any(name.startswith("results/06_progress/") and name.endswith(".png") for name in got)


def test_an_unreachable_scheduler_is_refused_in_one_line(tmp_path):
    from planeval.build.files import RunError

    root = make(tmp_path, ("neonatal-mortality-rate",))
    with pytest.raises(RunError) as err:
        run(root, scheduler="tcp://127.0.0.1:9")
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in str(err.value)
    assert "\n" not in str(err.value)
    assert not (root / "pages" / "neonatal-mortality-rate").exists()  # nothing half-done
