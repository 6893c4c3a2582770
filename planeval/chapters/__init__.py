"""One module per chapter notebook (``notebooks/NN_<name>.ipynb`` calls ``planeval.chapters.<name>``): the
chapter's logic, so that the notebook holds only narrative, parameters and calls.

Every chapter module has ``compute(<the notebook's declared parameters>, *, inputs=None) -> Chapter``: its
tables (machine names, full precision: what the CSV downloads hold) and its answers (sentences computed
from those tables, in Chinese and English). A notebook runs its chapter with :func:`run`, which passes the
declared parameters from the notebook's namespace, so that no parameter is typed twice.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, field
from types import ModuleType

import pandas as pd

from planeval.report.statements import Statement


class Inputs:
    """The tables the chapters read, each loaded (and validated) once, when first used."""

    @functools.cached_property
    def figures(self) -> pd.DataFrame:
        from planeval.data import load_indicators

        return load_indicators()

    @functools.cached_property
    def reference(self) -> pd.DataFrame:
        from planeval.data import load_reference

        return load_reference()

    @functools.cached_property
    def sources(self) -> pd.DataFrame:
        from planeval.data import load_sources

        return load_sources()

    @functools.cached_property
    def texts(self) -> dict[str, str]:
        from planeval.data import source_texts

        return source_texts(self.sources)

    @functools.cached_property
    def catalogue(self) -> pd.DataFrame:
        from planeval.data.catalogue import load_catalogue

        return load_catalogue()

    @functools.cached_property
    def observations(self) -> pd.DataFrame:
        from planeval.data.observations import load_observations_table

        return load_observations_table()


@functools.cache
def shared_inputs() -> Inputs:
    """One :class:`Inputs` per process (a kernel runs one chapter; the tests run many)."""
    return Inputs()


@dataclass
class Chapter:
    """What a chapter computed: its tables by name, and its answers."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    answers: list[Statement] = field(default_factory=list)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def declared_parameters(module: ModuleType) -> list[str]:
    """The names of a chapter's parameters: the arguments of its ``compute`` other than ``inputs``."""
    return [name for name in inspect.signature(module.compute).parameters if name != "inputs"]


def run(module: ModuleType, namespace: dict) -> Chapter:
    """Compute a chapter with the parameter values of a notebook's namespace (its parameters cell, after
    papermill's injection), and save every table it computed in its results (the machine-readable CSVs
    researchers reuse, whether or not the page shows them)."""
    from planeval.report.results import save_table

    missing = [name for name in declared_parameters(module) if name not in namespace]
    if missing:
        raise NameError(f"the parameters cell declares no {', '.join(missing)} (compute of "
                        f"{module.__name__} needs them)")
    chapter = module.compute(**{name: namespace[name] for name in declared_parameters(module)})
    for name, frame in chapter.tables.items():
        save_table(frame, name)
    return chapter
