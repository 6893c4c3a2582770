"""Parameter declarations of the notebooks and the checks of their values (planeval.build.params)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planeval.build.params import (
    DeclarationError,
    Layer,
    Override,
    Param,
    check_value,
    check_years,
    load_params_file,
    parse_declarations,
    read_declarations,
    resolve,
)
from planeval.core import paths
from planeval.core.errors import ParameterError, PlanevalError

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"

CELL = """\
from typing import Optional

population: float = 10009854.0  # resident population of the region (persons); range 0..
method: str = "escap"  # progress method; one of escap, unsd, opensdg, linear
base_year: int = 2020  # first year of the plan; year
target_year: int = 2025  # last year of the plan; year
extra_observations: str | None = None  # CSV of new observed values (kind reported); observations
lookup: Optional[str] = None  # a file to read; path
share: float = 0.5  # a share; range 0..1
count: int = 3  # how many; range ..10
verbose: bool = False  # print more
label: "None | str" = None  # ignored: a string annotation is not a type
"""


def _one(line: str) -> Param:
    [param] = parse_declarations(line)
    return param


def test_declarations_of_every_kind():
    params = parse_declarations(CELL.replace('label: "None | str" = None  # ignored: a string annotation is '
                                             'not a type\n', "label: None | str = None  # a label\n"))
    by = {p.name: p for p in params}
    assert list(by) == ["population", "method", "base_year", "target_year", "extra_observations", "lookup",
                        "share", "count", "verbose", "label"]
    pop = by["population"]
    assert (pop.type, pop.optional, pop.default, pop.constraint, pop.low, pop.high) == (
        "float", False, 10009854.0, "range", 0, None)
    assert pop.help == "resident population of the region (persons)" and pop.line == 3
    assert by["method"].choices == ("escap", "unsd", "opensdg", "linear")
    assert (by["base_year"].constraint, by["base_year"].low, by["base_year"].high) == ("year", 1949, 2100)
    assert (by["extra_observations"].type, by["extra_observations"].optional) == ("str", True)
    assert by["extra_observations"].constraint == "observations"
    assert (by["lookup"].optional, by["lookup"].constraint) == (True, "path")
    assert (by["share"].low, by["share"].high) == (0, 1)
    assert (by["count"].low, by["count"].high) == (None, 10)
    assert (by["verbose"].type, by["verbose"].constraint, by["verbose"].help) == ("bool", None, "print more")
    assert (by["label"].type, by["label"].optional) == ("str", True)


def test_an_int_default_of_a_float_is_a_float():
    assert _one("x: float = 3  # a number").default == 3.0
    assert isinstance(_one("x: float = 3  # a number").default, float)


def test_a_hash_inside_a_string_default_is_not_the_comment():
    p = _one('tag: str = "a#b"  # the tag; one of a#b, c')
    assert (p.default, p.help, p.choices) == ("a#b", "the tag", ("a#b", "c"))


def test_help_may_contain_semicolons_before_the_constraint():
    p = _one("x: int = 1  # first; second part; range 0..5")
    assert (p.help, p.constraint, p.high) == ("first; second part", "range", 5)


def test_help_may_be_written_in_chinese_then_english():
    p = _one("x: int = 1  # 每千人口托位数 | places per 1,000 people; range 0..5")
    assert (p.help_zh, p.help, p.constraint, p.high) == ("每千人口托位数", "places per 1,000 people", "range", 5)
    assert p.describe()["help_zh"] == "每千人口托位数"
    assert _one("x: int = 1  # places; range 0..5").help_zh == ""


def test_every_parameter_of_the_book_has_its_help_in_chinese():
    """The Chinese edition's parameter boxes show help_zh: each declaration of the book's notebooks gives one."""
    from planeval.build.params import read_declarations

    declared = [(nb.stem, p) for nb in sorted(paths.NOTEBOOKS.glob("*.ipynb")) for p in read_declarations(nb)]
    assert len(declared) >= 29
    for chapter, p in declared:
        assert re.search(r"[\u3400-\u9fff]", p.help_zh), f"{chapter}.{p.name}: no Chinese help"
        assert not re.search(r"[\u3400-\u9fff]", p.help.replace("万人", "")), f"{chapter}.{p.name}: help not English"


def test_magics_and_imports_are_allowed():
    assert [p.name for p in parse_declarations("%matplotlib inline\nimport math\nx: int = 1  # x")] == ["x"]


@pytest.mark.parametrize(("source", "problem"), [
    ("x: int = 1  # a\nx: int = 2  # b", "line 2: x is declared twice (first on line 1)"),
    ("x = 1  # no type", "line 1: only declarations"),
    ("x: int = (1 +\n 2)  # spread", "x must be declared on one line"),
    ("x: list = []  # a list", "the type of x must be int, float, str or bool"),
    ('x: "int" = 1  # a string annotation', "the type of x must be"),
    ("x: int  # no default", "x has no default value"),
    ("x: int = len('a')  # computed", "the default of x must be a literal value"),
    ("x: int = 1", "x needs a help comment"),
    ("x: int = 1  # ; range 0..", "x needs a help comment"),
    ("x: int = 1  # help; rnage 0..", "'rnage 0..' after the last ';' of the comment is not a constraint"),
    ("x: str = 'a'  # help; range 0..", "'range' needs an int or float parameter"),
    ("x: int = 1  # help; range 0.5..2", "integer bounds"),
    ("x: int = 1  # help; range 5..0", "empty range"),
    ("x: float = 1  # help; range zero..", "range bound 'zero' is not a number"),
    ("x: float = 2020  # help; year", "'year' needs an int parameter"),
    ("x: int = 1  # help; observations", "'observations' needs a str parameter"),
    ("x: bool = True  # help; one of True, False", "'one of' needs distinct"),
    ("x: str = 'a'  # help; one of a, a", "'one of' needs distinct"),
    ("x: int = 1  # help; one of 1, two", "the choices of 'one of' must be integers"),
    ("x: float = -1.0  # help; range 0..", "the default of x is not allowed: x=-1.0 is not allowed"),
    ("x: str = 'z'  # help; one of a, b", "the default of x is not allowed"),
    ("x: int = 1800  # help; year", "the default of x is not allowed"),
    ("x: int = None  # help", "the default of x is not allowed: x=None"),
    ("x: float = float('nan')  # help", "the default of x must be a literal value"),
    ("x: int = 1  # help\nif x:\n    pass", "line 2: only declarations"),
    ("x: int = 1  # help\ny.z: int = 2  # attr", "a parameter is a plain name"),
    ("x: int = (  # help", "not valid Python"),
    ("x: int = 1  # 托位 | ; range 0..", "x's help needs text on both sides of ' | '"),
])
def test_declaration_errors(source, problem):
    with pytest.raises(DeclarationError) as exc:
        parse_declarations(source, "07_x.ipynb, cell 1 (parameters)")
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith("07_x.ipynb, cell 1 (parameters)")
    assert problem in msg


def test_read_declarations_of_the_fixtures():
    assert [p.name for p in read_declarations(FIXTURES / "02_beta.ipynb")] == ["scale", "label"]


def test_a_notebook_with_two_parameters_cells_is_refused(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    cells = [new_code_cell("a: int = 1  # a"), new_code_cell("b: int = 2  # b")]
    for c in cells:
        c.metadata["tags"] = ["parameters"]
    nbformat.write(new_notebook(cells=cells), tmp_path / "01_two.ipynb")
    with pytest.raises(DeclarationError, match="cells 0, 1 are all tagged 'parameters'"):
        read_declarations(tmp_path / "01_two.ipynb")
    (tmp_path / "02_broken.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(DeclarationError, match="not a readable notebook"):
        read_declarations(tmp_path / "02_broken.ipynb")


def test_a_notebook_without_parameters_cell_has_none(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), tmp_path / "01_plain.ipynb")
    assert read_declarations(tmp_path / "01_plain.ipynb") == []


# ----------------------------------------------------------------------------------------------- values

POP = _one("population: float = 1.0  # persons; range 0..")
YEAR = _one("base_year: int = 2020  # first year; year")
FLAG = _one("fail: bool = False  # fail on purpose")
METHOD = _one('method: str = "escap"  # method; one of escap, unsd')
OPT = _one("label: int | None = None  # a label; range 1..3")


@pytest.mark.parametrize(("param", "value", "expected"), [
    (POP, -5, "03_x.v=-5 is not allowed: expected a number in range 0.."),
    (POP, "abc", "03_x.v='abc' is not allowed: expected a number in range 0.."),
    (POP, True, "03_x.v=True is not allowed: expected a number"),
    (POP, None, "03_x.v=None is not allowed: expected a number in range 0.."),
    (POP, math.nan, "03_x.v=nan is not allowed: expected a finite number in range 0.."),
    (POP, math.inf, "03_x.v=inf is not allowed: expected a finite number"),
    (YEAR, 2020.0, "expected a year (an integer in 1949..2100)"),
    (YEAR, 1948, "03_x.v=1948 is not allowed"),
    (YEAR, 2101, "03_x.v=2101 is not allowed"),
    (FLAG, 1, "03_x.v=1 is not allowed: expected true or false"),
    (FLAG, "yes", "expected true or false"),
    (METHOD, "ESCAP", "03_x.v='ESCAP' is not allowed: expected one of escap, unsd"),
    (OPT, 4, "expected an integer in range 1..3 or null"),
])
def test_bad_values(param, value, expected):
    with pytest.raises(ParameterError) as exc:
        check_value(param, value, qualname="03_x.v")
    assert expected in str(exc.value)


def test_good_values_are_normalised():
    assert check_value(POP, 5, qualname="p") == 5.0 and isinstance(check_value(POP, 5, qualname="p"), float)
    assert check_value(YEAR, 1949, qualname="y") == 1949
    assert check_value(FLAG, True, qualname="f") is True
    assert check_value(OPT, None, qualname="o") is None


@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(-1e6, 1e6), st.floats(0, 1e6))
def test_a_float_is_accepted_exactly_when_finite_and_in_range(value, low, width):
    high = low + width
    param = _one(f"x: float = {low!r}  # x; range {low!r}..{high!r}")
    ok = math.isfinite(value) and low <= value <= high
    try:
        assert check_value(param, value, qualname="x") == value and ok
    except ParameterError:
        assert not ok


@given(st.integers(1900, 2200), st.integers(1900, 2200))
def test_target_year_must_follow_base_year(base, target):
    try:
        check_years("04_x", {"base_year": base, "target_year": target})
        assert target > base
    except ParameterError as exc:
        assert target <= base
        assert "04_x.target_year" in str(exc) and f"04_x.base_year={base}" in str(exc)


@pytest.mark.parametrize(("param", "text", "value"), [
    (POP, "5e6", 5e6),  # YAML 1.1 reads 5e6 as a string; a number parameter takes it
    (POP, "12", 12),
    (POP, "nan", "nan"),  # becomes float nan, refused by check_value
    (POP, ".nan", "nan"),
    (YEAR, "2021", 2021),
    (YEAR, "1e3", "1e3"),
    (FLAG, "true", True),
    (METHOD, "unsd", "unsd"),
    (_one("label: str = 'a'  # a label"), "2021", "2021"),
    (_one("label: str | None = None  # a label"), "", None),
    (_one("label: str | None = None  # a label"), "null", None),
    (_one("label: str = 'a'  # a label"), "'quoted'", "quoted"),
])
def test_override_values(param, text, value):
    got = Override(chapter="c", name=param.name, text=text).value(param)
    if value == "nan":
        assert isinstance(got, float) and math.isnan(got)
    else:
        assert got == value and type(got) is type(value)


@pytest.mark.parametrize("arg", ["population=1", "03.=1", ".x=1", "03.x", "03.x y=1", "03.1x=2"])
def test_malformed_overrides(arg):
    with pytest.raises(PlanevalError, match="is not CHAPTER.NAME=VALUE"):
        Override.parse(arg)


def test_an_override_keeps_everything_after_the_first_equals_sign():
    assert Override.parse("03_x.label=a=b") == Override("03_x", "label", "a=b")


# -------------------------------------------------------------------------------------- params file

@pytest.mark.parametrize(("text", "problem"), [
    ("01_a: [unclosed", "not valid YAML"),
    ("01_a:\n  x: 1\n  x: 2\n", "duplicate key 'x'"),
    ("- 01_a\n", "expected a mapping of chapter"),
    ("01_a: 5\n", "the entry of chapter '01_a' must be a mapping"),
    ("01_a:\n  1: 2\n", "parameter name 1 is not a name"),
])
def test_malformed_params_files(tmp_path, text, problem):
    path = tmp_path / "params.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanevalError) as exc:
        load_params_file(path)
    assert str(exc.value).startswith(str(path)) and problem in str(exc.value)
    assert "\n" not in str(exc.value)


def test_params_file_forms(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("# nothing yet\n{}\n", encoding="utf-8")
    assert load_params_file(path) == {}
    path.write_text("01_a:\n02_b: {}\n03_c:\n  x: .nan\n", encoding="utf-8")
    got = load_params_file(path)
    assert got["01_a"] == {} and got["02_b"] == {} and math.isnan(got["03_c"]["x"])
    with pytest.raises(PlanevalError, match="parameters file not found"):
        load_params_file(tmp_path / "missing.yaml")


def test_resolve_combines_defaults_file_and_overrides(tmp_path):
    declared = {"01_a": parse_declarations(CELL.split('label: "')[0]), "02_b": []}
    lookup = tmp_path / "lookup.txt"
    lookup.write_text("hello\n", encoding="utf-8")
    layer = Layer({"01_a": {"population": 5, "lookup": "lookup.txt"}}, "params.yaml", tmp_path)
    got = resolve(declared, [layer], [Override.parse("01_a.method=unsd"), Override.parse("01_a.population=7")],
                  cwd=tmp_path)
    a = got["01_a"]
    assert a.given == {"population": 7.0, "method": "unsd", "lookup": str(lookup.resolve())}
    assert a.values["base_year"] == 2020 and a.values["population"] == 7.0
    assert a.files == {"lookup": str(lookup.resolve())}
    assert got["02_b"].values == {}
    assert a.origins["population"] == "-p" and a.origins["lookup"] == "params.yaml"
    assert a.origins["base_year"] == "default"
    assert a.researcher == {"population": 7.0, "method": "unsd"}  # the book's own file is not a researcher's


def test_later_layers_win_and_numbers_written_as_text_are_numbers(tmp_path):
    declared = {"01_a": [POP]}
    book = Layer({"01_a": {"population": 5}}, "notebooks/params.yaml")
    mine = Layer({"01_a": {"population": "5e6"}}, "my.yaml", researcher=True)  # YAML 1.1 reads 5e6 as text
    got = resolve(declared, [book, mine])["01_a"]
    assert got.values == {"population": 5e6} and got.origins == {"population": "my.yaml"}
    assert got.researcher == {"population": 5e6}
    assert resolve(declared, [mine, book])["01_a"].values == {"population": 5.0}


def test_resolve_refuses_unknown_names_and_unselected_chapters():
    declared = {"01_a": [POP]}
    with pytest.raises(PlanevalError, match=r"params.yaml: 01_a.popu is not a parameter of 01_a; declared: "
                                            "population"):
        resolve(declared, [Layer({"01_a": {"popu": 1}}, "params.yaml")])
    with pytest.raises(PlanevalError, match="chapter 02_b is not selected"):
        resolve(declared, [], [Override.parse("02_b.x=1")])
