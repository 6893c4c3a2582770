"""Parameters of the chapter notebooks: declared once in the ``parameters`` cell, validated before any kernel.

Every parameter is declared on one line of the notebook's cell tagged ``parameters``::

    population: float = 10009854.0  # resident population of the region (persons); range 0..
    method: str = "escap"  # progress method; one of escap, unsd, opensdg, linear
    base_year: int = 2020  # first year of the plan period; year
    extra_observations: str | None = None  # CSV of new observed values (kind reported); observations

``name: type = default  # help text; constraint``: the help may be written in both languages, Chinese first,
``# 中文说明 | English help; constraint`` (the Chinese edition of the site shows the Chinese); the type is
``int``, ``float``, ``str`` or ``bool``, optionally ``Optional[T]`` / ``T | None``; the constraint, after
the comment's last semicolon, is one of
``range LO..HI`` (inclusive, either side may be empty), ``one of a, b, c``, ``year`` (1949..2100),
``observations`` (a CSV checked with :func:`planeval.data.load_observations`; null or empty means none),
``path`` (an existing file), ``pattern`` (a regular expression) or ``indicator`` (an id of the catalogue).
Without a semicolon the whole comment is help and only the type is checked.

This module reads those declarations (:func:`parse_declarations`), the parameters file and the
``-p chapter.name=value`` overrides, and checks every value (:func:`resolve`). Every failure is a
:class:`~planeval.core.errors.PlanevalError` with a one-line message naming the chapter and the parameter.

>>> [p] = parse_declarations("population: float = 1.0  # persons living there; range 0..")
>>> check_value(p, -5, qualname="03_childcare.population")
Traceback (most recent call last):
...
planeval.core.errors.ParameterError: 03_childcare.population=-5 is not allowed: expected a number in range 0..
"""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from planeval.core import paths
from planeval.core.errors import ParameterError, PlanevalError

TYPES = ("int", "float", "str", "bool")
CONSTRAINTS = ("range", "one of", "year", "observations", "path", "pattern", "indicator")
YEARS = (1949, 2100)
#: The cross-parameter rule: a chapter declaring both must have target_year > base_year.
BASE_YEAR, TARGET_YEAR = "base_year", "target_year"

_PLAIN = {"int": "an integer", "float": "a number", "str": "a string", "bool": "true or false"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_BOUND = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\Z")


class DeclarationError(PlanevalError):
    """A parameters cell that does not follow the declaration convention (the message names the line)."""


@dataclass(frozen=True)
class Param:
    """One declared parameter of a notebook."""

    name: str
    type: str  # one of TYPES
    optional: bool
    default: object
    help: str
    constraint: str | None = None  # one of CONSTRAINTS, or None for a type check only
    low: int | float | None = None  # range / year bounds (inclusive)
    high: int | float | None = None
    choices: tuple = field(default=())  # for "one of"
    line: int = 0  # line in the parameters cell (1-based)
    help_zh: str = ""  # the help in Chinese, when the comment gives it before ' | '

    def allowed(self) -> str:
        """What a value must be, as the error messages say it."""
        if self.constraint == "one of":
            text = "one of " + ", ".join(str(c) for c in self.choices)
        elif self.constraint == "year":
            text = f"a year (an integer in {YEARS[0]}..{YEARS[1]})"
        elif self.constraint == "range":
            text = f"{_PLAIN[self.type]} in range {_fmt(self.low)}..{_fmt(self.high)}"
        elif self.constraint == "observations":
            text = "a CSV file of new observations (see planeval.data.load_observations)"
        elif self.constraint == "path":
            text = "an existing file"
        elif self.constraint == "pattern":
            text = "a regular expression"
        elif self.constraint == "indicator":
            text = "an indicator id of data/catalogue.csv"
        else:
            text = _PLAIN[self.type]
        return text + " or null" if self.optional else text

    def describe(self) -> dict:
        """JSON-ready description (``--describe``); keys in a fixed order."""
        out = {"name": self.name, "type": self.type, "optional": self.optional, "default": self.default,
               "help": self.help, "help_zh": self.help_zh, "constraint": self.constraint, "allowed": self.allowed()}
        if self.constraint in ("range", "year"):
            out["min"], out["max"] = self.low, self.high
        if self.constraint == "one of":
            out["choices"] = list(self.choices)
        return out


def _fmt(bound: int | float | None) -> str:
    return "" if bound is None else repr(bound)


# --------------------------------------------------------------------------------------- declarations

def _annotation(node: ast.expr) -> tuple[str, bool] | None:
    """``float`` -> ("float", False); ``Optional[str]``, ``str | None`` -> ("str", True); else None."""
    if isinstance(node, ast.Name) and node.id in TYPES:
        return node.id, False
    if isinstance(node, ast.Subscript):
        head = node.value
        is_optional = (isinstance(head, ast.Name) and head.id == "Optional") or (
            isinstance(head, ast.Attribute) and head.attr == "Optional"
            and isinstance(head.value, ast.Name) and head.value.id == "typing")
        if is_optional and isinstance(node.slice, ast.Name) and node.slice.id in TYPES:
            return node.slice.id, True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        sides = [node.left, node.right]
        nones = [s for s in sides if isinstance(s, ast.Constant) and s.value is None]
        names = [s for s in sides if isinstance(s, ast.Name) and s.id in TYPES]
        if len(nones) == 1 and len(names) == 1:
            return names[0].id, True
    return None


def _number(text: str, where: str) -> int | float:
    if not _BOUND.match(text):
        raise DeclarationError(f"{where}: range bound {text!r} is not a number")
    return int(text) if re.fullmatch(r"-?\d+", text) else float(text)


def _constraint(text: str, type_: str, where: str) -> dict:
    """Parse the text after the comment's last semicolon."""
    text = text.strip()
    if m := re.fullmatch(r"range\s+(\S*?)\s*\.\.\s*(\S*)", text):
        if type_ not in ("int", "float"):
            raise DeclarationError(f"{where}: 'range' needs an int or float parameter, not {type_}")
        low = _number(m[1], where) if m[1] else None
        high = _number(m[2], where) if m[2] else None
        if type_ == "int" and any(isinstance(b, float) for b in (low, high)):
            raise DeclarationError(f"{where}: the range of an int parameter needs integer bounds")
        if low is not None and high is not None and low > high:
            raise DeclarationError(f"{where}: empty range {text!r}")
        return {"constraint": "range", "low": low, "high": high}
    if m := re.fullmatch(r"one of\s+(.+)", text):
        raw = [c.strip() for c in m[1].split(",")]
        if type_ == "bool" or any(not c for c in raw) or len(set(raw)) != len(raw):
            raise DeclarationError(f"{where}: 'one of' needs distinct, comma-separated values of a "
                                   "str, int or float parameter")
        try:
            choices = tuple({"str": str, "int": int, "float": float}[type_](c) for c in raw)
        except ValueError:
            kind = {"int": "integers", "float": "numbers"}[type_]
            raise DeclarationError(f"{where}: the choices of 'one of' must be {kind}") from None
        return {"constraint": "one of", "choices": choices}
    if text == "year":
        if type_ != "int":
            raise DeclarationError(f"{where}: 'year' needs an int parameter, not {type_}")
        return {"constraint": "year", "low": YEARS[0], "high": YEARS[1]}
    if text in ("observations", "path", "pattern", "indicator"):
        if type_ != "str":
            raise DeclarationError(f"{where}: {text!r} needs a str parameter, not {type_}")
        return {"constraint": text}
    raise DeclarationError(
        f"{where}: {text!r} after the last ';' of the comment is not a constraint; expected one of "
        "'range LO..HI', 'one of a, b, c', 'year', 'observations', 'path', 'pattern', 'indicator' (no ';' "
        "means no constraint)")


def _strip_magics(source: str) -> str:
    """Blank IPython magics and shell escapes, keeping the line numbers."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def parse_declarations(source: str, where: str = "parameters cell") -> list[Param]:
    """The parameters declared in a ``parameters`` cell, in order; raises :class:`DeclarationError`.

    Besides declarations the cell may only hold imports, comments and blank lines, so that nothing is
    declared twice or computed where the runner cannot see it.

    >>> [p.name for p in parse_declarations('a: int = 1  # first\\nb: str | None = None  # second; path')]
    ['a', 'b']
    """
    source = _strip_magics(source)
    try:
        tree = ast.parse(source)
        comments = {tok.start[0]: tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline)
                    if tok.type == tokenize.COMMENT}
    except (SyntaxError, tokenize.TokenError) as exc:
        line = getattr(exc, "lineno", None) or "?"
        raise DeclarationError(f"{where}, line {line}: not valid Python ({exc.args[0]})") from None
    params: list[Param] = []
    seen: dict[str, int] = {}
    for stmt in tree.body:
        at = f"{where}, line {stmt.lineno}"
        if isinstance(stmt, ast.Import | ast.ImportFrom | ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(getattr(stmt.value, "value", None), str):
            continue  # a docstring
        if not isinstance(stmt, ast.AnnAssign):
            raise DeclarationError(f"{at}: only declarations 'name: type = default  # help; constraint' "
                                   "(and imports) belong in the parameters cell")
        if not (isinstance(stmt.target, ast.Name) and stmt.simple):
            raise DeclarationError(f"{at}: a parameter is a plain name")
        name = stmt.target.id
        if name in seen:
            raise DeclarationError(f"{at}: {name} is declared twice (first on line {seen[name]})")
        seen[name] = stmt.lineno
        if stmt.end_lineno != stmt.lineno:
            raise DeclarationError(f"{at}: {name} must be declared on one line")
        kind = _annotation(stmt.annotation)
        if kind is None:
            raise DeclarationError(f"{at}: the type of {name} must be int, float, str or bool, optionally "
                                   "Optional[...] or '... | None'")
        type_, optional = kind
        if stmt.value is None:
            raise DeclarationError(f"{at}: {name} has no default value")
        try:
            default = ast.literal_eval(stmt.value)
        except ValueError:
            raise DeclarationError(f"{at}: the default of {name} must be a literal value") from None
        comment = comments.get(stmt.lineno, "").lstrip("#").strip()
        help_, sep, tail = comment.rpartition(";")
        if not sep:
            help_, tail = comment, ""
        if not help_.strip():
            raise DeclarationError(f"{at}: {name} needs a help comment: '# help text; constraint'")
        extra = _constraint(tail, type_, at) if sep else {}
        help_zh, bar, help_en = help_.partition(" | ")
        if not bar:
            help_zh, help_en = "", help_
        elif not (help_zh.strip() and help_en.strip()):
            raise DeclarationError(f"{at}: {name}'s help needs text on both sides of ' | ' (Chinese | English)")
        param = Param(name=name, type=type_, optional=optional, default=default, help=help_en.strip(),
                      help_zh=help_zh.strip(), line=stmt.lineno, **extra)
        try:
            default = check_value(param, default, qualname=name, files=False)
        except ParameterError as exc:
            raise DeclarationError(f"{at}: the default of {name} is not allowed: {exc}") from None
        params.append(replace(param, default=default))
    return params


def read_declarations(notebook: Path) -> list[Param]:
    """The parameters declared by a notebook file (none when it has no ``parameters`` cell)."""
    import nbformat  # imported here: the doctests and --help need not load it

    notebook = Path(notebook)
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as exc:  # nbformat raises several unrelated types for unreadable files
        raise DeclarationError(f"{notebook}: not a readable notebook ({type(exc).__name__}: "
                               f"{' '.join(str(exc).split())[:200]})") from None
    cells = [(i, c) for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) > 1:
        raise DeclarationError(f"{notebook.name}: cells {', '.join(str(i) for i, _ in cells)} are all tagged "
                               "'parameters'; declare every parameter once, in one cell")
    if not cells:
        return []
    index, cell = cells[0]
    if cell.cell_type != "code":
        raise DeclarationError(f"{notebook.name}, cell {index}: the 'parameters' cell must be a code cell")
    return parse_declarations(cell.source, f"{notebook.name}, cell {index} (parameters)")


# --------------------------------------------------------------------------------------------- values

def _resolve_path(value: str, base: Path | None) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() or base is None else Path(base) / path


def check_value(param: Param, value: object, *, qualname: str, base: Path | None = None,
                sources_csv: Path = paths.SOURCES_CSV, files: bool = True) -> object:
    """The value normalised (int -> float for a float; a file as an absolute path) or a ParameterError.

    ``base`` is the folder relative file names are taken from; ``files=False`` skips reading files.

    >>> p = Param("method", "str", False, "escap", "progress method", "one of", choices=("escap", "unsd"))
    >>> check_value(p, "linear", qualname="05_progress.method")
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: 05_progress.method='linear' is not allowed: expected one of escap, unsd
    """
    given = value  # messages show the value as given, not as normalised

    def bad(allowed: str | None = None) -> ParameterError:
        return ParameterError(qualname, given, allowed or param.allowed())

    if value is None:
        if param.optional:
            return None
        raise bad()
    if param.type == "bool":
        if not isinstance(value, bool):
            raise bad()
        return value
    if param.type == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise bad()
    if param.type == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad()
        value = float(value)
        if not math.isfinite(value):
            raise bad("a finite " + param.allowed().removeprefix("a "))
    if param.type == "str" and not isinstance(value, str):
        raise bad()
    if param.constraint in ("range", "year"):
        if (param.low is not None and value < param.low) or (param.high is not None and value > param.high):
            raise bad()
    elif param.constraint == "one of":
        if value not in param.choices:
            raise bad()
    elif param.constraint == "observations":
        if value == "":
            return None if param.optional else ""
        if files:
            path = _resolve_path(value, base)
            from planeval.data import load_observations  # pandas: only when a file is given

            try:
                load_observations(path, sources_csv=sources_csv)
            except PlanevalError as exc:
                raise PlanevalError(f"{qualname}: {exc}") from None
            except (OSError, ValueError) as exc:
                problem = f"cannot be read ({type(exc).__name__}: {' '.join(str(exc).split())})"
                raise PlanevalError(f"{qualname}: {path}: {problem}") from None
            return str(path.resolve())
    elif param.constraint == "indicator" and files:
        ids = catalogue_ids(sources_csv.parent.parent / "catalogue.csv")
        if value not in ids:
            import difflib

            close = difflib.get_close_matches(value, sorted(ids), n=3, cutoff=0.0)
            raise bad(f"an indicator id of data/catalogue.csv (closest: {', '.join(close)})")
    elif param.constraint == "pattern":
        try:
            re.compile(value)
        except re.error as exc:
            raise bad(f"a regular expression ({exc})") from None
    elif param.constraint == "path" and files:
        path = _resolve_path(value, base)
        if not path.is_file():
            raise bad(f"an existing file (not found: {path})")
        return str(path.resolve())
    return value


def catalogue_ids(path: Path) -> set[str]:
    """The indicator ids of a catalogue file (read with the csv module: no pandas before a kernel starts)."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        return {row["id"] for row in csv.DictReader(f)}


def check_years(chapter: str, values: Mapping[str, object]) -> None:
    """The cross-parameter rule: target_year must come after base_year.

    >>> check_years("04_targets", {"base_year": 2021, "target_year": 2020})
    Traceback (most recent call last):
    ...
    planeval.core.errors.ParameterError: 04_targets.target_year=2020 is not allowed: expected a year after \
04_targets.base_year=2021
    """
    base, target = values.get(BASE_YEAR), values.get(TARGET_YEAR)
    if isinstance(base, int | float) and isinstance(target, int | float) and not target > base:
        raise ParameterError(f"{chapter}.{TARGET_YEAR}", target,
                             f"a year after {chapter}.{BASE_YEAR}={base!r}")


# ---------------------------------------------------------------------------- params file and overrides

class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice (PyYAML would silently keep the last)."""

    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}",
                                                        key_node.start_mark)
            keys.add(key)
        return super().construct_mapping(node, deep)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return " ".join(f"{problem}{where}".split())


def load_params_file(path: Path) -> dict[str, dict[str, object]]:
    """``chapter -> {name: value}`` from a YAML file; a chapter's entry may be empty (``{}`` or null)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanevalError(f"{path}: parameters file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanevalError(f"{path}: cannot read the parameters file ({exc})") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise PlanevalError(f"{path}: not valid YAML: {_yaml_problem(exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PlanevalError(f"{path}: expected a mapping of chapter -> {{parameter: value}}, "
                            f"got a {type(data).__name__}")
    out: dict[str, dict[str, object]] = {}
    for chapter, entry in data.items():
        if entry is None:
            entry = {}
        if not isinstance(chapter, str) or not isinstance(entry, dict):
            raise PlanevalError(f"{path}: the entry of chapter {chapter!r} must be a mapping "
                                "{parameter: value} (or {})")
        for name in entry:
            if not isinstance(name, str):
                raise PlanevalError(f"{path}: {chapter}: parameter name {name!r} is not a name")
        out[chapter] = dict(entry)
    return out


@dataclass(frozen=True)
class Override:
    """One ``-p chapter.name=value`` (value still as typed)."""

    chapter: str
    name: str
    text: str

    @classmethod
    def parse(cls, arg: str) -> Override:
        """
        >>> Override.parse("03_childcare.population=5e6")
        Override(chapter='03_childcare', name='population', text='5e6')
        """
        key, sep, text = arg.partition("=")
        chapter, dot, name = key.strip().rpartition(".")
        if not sep or not dot or not chapter or not _NAME.match(name):
            raise PlanevalError(f"-p {arg!r} is not CHAPTER.NAME=VALUE (for example "
                                "-p 03_childcare.population=10009854)")
        return cls(chapter, name, text)

    def value(self, param: Param) -> object:
        """The text read as a YAML scalar, then made friendly for the declared type (:func:`as_declared`).

        A string parameter takes the text as typed unless it reads as null (``-p x.label=2021`` is the
        string '2021').
        """
        try:
            value = yaml.safe_load(self.text)
        except yaml.YAMLError:
            value = self.text
        if param.type == "str" and value is not None and not isinstance(value, str):
            value = self.text
        return as_declared(param, value)


def as_declared(param: Param, value: object) -> object:
    """A value from the command line or a parameters file, with numbers written as text read as numbers.

    YAML 1.1 reads ``5e6`` (no dot) as the string '5e6'; a number parameter takes it, the same whether it
    came from ``-p`` or from a parameters file. What Python reads as a float is taken too (``nan``, so
    that NaN is refused as NaN, not as text).

    >>> as_declared(Param("population", "float", False, 1.0, "persons"), "5e6")
    5000000.0
    """
    if param.type in ("float", "int") and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        if param.type == "float" or not math.isfinite(number):
            return number
        if number.is_integer() and re.fullmatch(r"[-+]?\d+", value.strip()):
            return int(number)
    return value


#: The origin of values kept from a researcher's last run of a chapter.
KEPT = "your last run"


@dataclass(frozen=True)
class Layer:
    """One place parameter values come from, in the order they apply (later layers win).

    ``researcher`` marks the values a researcher chose (a parameters file they named, ``-p``, or the values
    kept from their last run) as opposed to the book's own ``notebooks/params.yaml``.
    """

    values: Mapping[str, Mapping[str, object]]  # chapter -> {parameter: value}
    origin: str  # how messages and records name it: a file name, "-p", "your last run"
    base: Path | None = None  # folder relative file names are read from
    researcher: bool = False


@dataclass(frozen=True)
class Resolved:
    """A chapter's parameters after validation."""

    values: dict[str, object]  # every declared parameter's effective value
    given: dict[str, object]  # the ones set by a layer or -p (injected into the notebook)
    files: dict[str, str]  # parameter -> absolute path of a file it names (hashed for the cache)
    origins: dict[str, str] = field(default_factory=dict)  # parameter -> where its value came from
    researcher: dict[str, object] = field(default_factory=dict)  # the values a researcher chose


def unknown_chapter(chapter: object, chapters: Iterable[str], origin: str) -> PlanevalError:
    names = ", ".join(chapters) or "(none found)"
    return PlanevalError(f"unknown chapter {chapter!r} in {origin}; chapters: {names}")


def resolve(declared: Mapping[str, list[Param]], layers: Iterable[Layer], overrides: Iterable[Override] = (),
            *, cwd: Path | None = None, notebook_base: Path | None = None,
            sources_csv: Path = paths.SOURCES_CSV) -> dict[str, Resolved]:
    """Validate the values of the chapters in ``declared`` (the selected ones); raises on the first problem.

    Values apply in order: the declared default, then each layer, then the ``-p`` overrides. Entries of a
    layer for chapters not in ``declared`` are ignored (the caller checks that every chapter name is
    known); an override of a chapter not in ``declared`` is an error. Relative file names are taken from
    the layer's ``base``, ``cwd`` (-p) or ``notebook_base`` (a declared default, which the notebook itself
    reads from its working folder).
    """
    layers, overrides = list(layers), list(overrides)
    out: dict[str, Resolved] = {}
    for ov in overrides:
        if ov.chapter not in declared:
            raise PlanevalError(f"-p {ov.chapter}.{ov.name}: chapter {ov.chapter} is not selected "
                                f"(selected: {', '.join(declared)})")
    for chapter, params in declared.items():
        by_name = {p.name: p for p in params}
        names = ", ".join(by_name) or "(none)"
        given: dict[str, tuple[object, Path | None, str, bool]] = {}
        for layer in layers:
            for name, value in layer.values.get(chapter, {}).items():
                if name not in by_name:
                    raise PlanevalError(f"{layer.origin}: {chapter}.{name} is not a parameter of {chapter}; "
                                        f"declared: {names}")
                given[name] = (as_declared(by_name[name], value), layer.base, layer.origin, layer.researcher)
        for ov in overrides:
            if ov.chapter != chapter:
                continue
            if ov.name not in by_name:
                raise PlanevalError(f"-p {chapter}.{ov.name}: {ov.name} is not a parameter of {chapter}; "
                                    f"declared: {names}")
            given[ov.name] = (ov.value(by_name[ov.name]), cwd, "-p", True)
        values: dict[str, object] = {}
        files: dict[str, str] = {}
        checked: dict[str, object] = {}
        origins: dict[str, str] = {}
        researcher: dict[str, object] = {}
        for p in params:
            qualname = f"{chapter}.{p.name}"
            if p.name in given:
                raw, base, origin, chosen = given[p.name]
                try:
                    value = check_value(p, raw, qualname=qualname, base=base, sources_csv=sources_csv)
                except PlanevalError as exc:
                    if origin == KEPT:  # the value was not typed in this run: say where it comes from
                        raise PlanevalError(f"{exc} (kept from your last run; --reset forgets it)") from None
                    raise
                checked[p.name] = value
                origins[p.name] = origin
                if chosen:
                    researcher[p.name] = value
            else:
                value = p.default
                origins[p.name] = "default"
                if p.constraint in ("observations", "path") and value:
                    # a default file name is the notebook's own business, but it must exist
                    value = check_value(p, value, qualname=qualname, base=notebook_base,
                                        sources_csv=sources_csv)
            values[p.name] = value
            if p.constraint in ("observations", "path") and value:
                files[p.name] = str(value)
        check_years(chapter, values)
        out[chapter] = Resolved(values=values, given=checked, files=files, origins=origins,
                                researcher=researcher)
    return out
