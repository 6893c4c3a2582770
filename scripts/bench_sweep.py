"""Benchmark a 10,000-set parameter sweep of the scenario models: one vectorised call against a loop.

Each parameter set is a childcare scenario (population, places per 1,000, current places, occupancy,
monthly subsidy) plus a five-year allowance path at a fixed growth rate. The vectorised run passes
numpy arrays to ``planeval.methods.scenarios`` once; the loop calls the same functions with scalars, set by
set. Timings are the best of several repeats (``timeit``), so the ratio reflects the code, not noise.

Usage: ``.venv/bin/python scripts/bench_sweep.py [--sets 10000] [--repeat 5] [--minimum 100]``.
Exits with status 1 when the speed-up is below ``--minimum``.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planeval.methods import scenarios  # noqa: E402  (the project root must be on the path first)

BASE_YEAR, TARGET_YEAR, ALLOWANCE_YEARS = 2021, 2025, 5


def parameter_sets(n: int, seed: int = scenarios.DEFAULT_SEED) -> dict[str, np.ndarray]:
    """``n`` plausible parameter sets, drawn once with a fixed seed."""
    rng = np.random.default_rng(seed)
    return {
        "population": rng.uniform(3e5, 2e7, n),       # a county to a megacity
        "places_per_1000": rng.uniform(1.0, 6.0, n),
        "current_places": rng.uniform(500, 40_000, n),
        "occupancy": rng.uniform(0.4, 1.0, n),
        "monthly_subsidy": rng.uniform(100, 400, n),
        "allowance": rng.uniform(1000, 3000, n),
        "growth": rng.uniform(0.0, 0.08, n),
    }


def vectorised(p: dict[str, np.ndarray]) -> tuple[scenarios.ChildcareScenario, np.ndarray]:
    """The whole sweep in one call of each model."""
    childcare = scenarios.childcare_scenario(p["population"], p["places_per_1000"], p["current_places"],
                                             BASE_YEAR, TARGET_YEAR, p["occupancy"], p["monthly_subsidy"])
    return childcare, scenarios.fixed_growth_path(p["allowance"], p["growth"], ALLOWANCE_YEARS)


def looped(p: dict[str, np.ndarray]) -> list[tuple[scenarios.ChildcareScenario, np.ndarray]]:
    """The same sweep, one scalar call per parameter set."""
    out = []
    for i in range(len(p["population"])):
        childcare = scenarios.childcare_scenario(
            float(p["population"][i]), float(p["places_per_1000"][i]), float(p["current_places"][i]),
            BASE_YEAR, TARGET_YEAR, float(p["occupancy"][i]), float(p["monthly_subsidy"][i]))
        path = scenarios.fixed_growth_path(float(p["allowance"][i]), float(p["growth"][i]), ALLOWANCE_YEARS)
        out.append((childcare, path))
    return out


def same_results(p: dict[str, np.ndarray]) -> bool:
    """The two ways give the same numbers (checked before timing, so the race is fair)."""
    childcare, paths = vectorised(p)
    loop = looped(p)
    return (np.allclose(childcare.yearly_subsidy_cost, [c.yearly_subsidy_cost for c, _ in loop])
            and np.allclose(childcare.annual_growth_required, [c.annual_growth_required for c, _ in loop])
            and np.allclose(paths, np.array([path for _, path in loop])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=10_000, help="parameter sets in the sweep")
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats; the best is kept")
    parser.add_argument("--minimum", type=float, default=100.0, help="speed-up required to exit 0")
    args = parser.parse_args(argv)

    params = parameter_sets(args.sets)
    if not same_results(params):
        print("the vectorised and looped sweeps disagree", file=sys.stderr)
        return 1
    fast = min(timeit.repeat(lambda: vectorised(params), number=1, repeat=args.repeat))
    slow = min(timeit.repeat(lambda: looped(params), number=1, repeat=args.repeat))
    ratio = slow / fast
    print(f"parameter sets:        {args.sets:,}")
    print(f"vectorised (one call): {fast * 1e3:10.3f} ms  (best of {args.repeat})")
    print(f"loop of scalar calls:  {slow * 1e3:10.3f} ms  (best of {args.repeat})")
    print(f"speed-up:              {ratio:10.1f}x  (required: >= {args.minimum:g}x)")
    return 0 if ratio >= args.minimum else 1


if __name__ == "__main__":
    sys.exit(main())
