"""Expr, parse and d: text, LaTeX, arithmetic, equality, substitution, values."""

import math
import warnings

import pytest

import symdiff
from symdiff import Expr, d, parse


def test_d_gives_the_readme_results():
    assert str(d("x^x", "x")) == "x^x*(ln(x) + 1)"
    assert str(d("sin(2*x^2) + 1", "x")) == "4*x*cos(2*x^2)"
    assert str(d("x^2*y^3", "x", "y", "y")) == "12*x*y"
    assert str(d("x^4/4 - x^2 + 1/2", "x", order=2)) == "3*x^2 - 2"
    assert str(d("x^4", order=3)) == "24*x"  # the only variable


def test_d_with_several_variables_and_orders_cycles_as_the_cli():
    # x y twice is x, y, x, y
    assert d("x^3*y^3", "x", "y", order=2) == d(d(d(d("x^3*y^3", "x"), "y"), "x"), "y")


def test_d_needs_a_variable_when_there_are_several():
    with pytest.raises(ValueError, match=r"several variables \(x, y\)"):
        d("x*y")
    with pytest.raises(ValueError, match="no variable"):
        d("2")


def test_d_accepts_exprs_and_variables_as_exprs():
    f = parse("x^2")
    assert d(f, Expr("x")) == Expr("2*x")
    with pytest.raises(ValueError, match="not a variable"):
        d(f, Expr("x + 1"))


def test_d_formats():
    assert d("x^x", "x", format="text") == "x^x*(ln(x) + 1)"
    assert d("x^x", "x", format="latex") == r"x^{x} \left(\ln\left(x\right) + 1\right)"
    assert d("x^x", "x", format="json") == (
        '{"derivative":"x^x*(ln(x) + 1)","expression":"x^x",'
        '"latex":"x^{x} \\\\left(\\\\ln\\\\left(x\\\\right) + 1\\\\right)","variables":["x"]}'
    )
    with pytest.raises(ValueError, match="format"):
        d("x", "x", format="html")


def test_str_parses_back_and_repr_shows_the_text():
    e = parse("2x + 3(x + 1)")
    assert str(e) == "5*x + 3"
    assert parse(str(e)) == e
    assert repr(e) == "Expr('5*x + 3')"
    assert eval(repr(e), {"Expr": Expr}) == e


def test_latex_and_jupyter():
    e = parse("x^2/2")
    assert e.latex() == r"\frac{x^{2}}{2}"
    assert e._repr_latex_() == r"$\frac{x^{2}}{2}$"
    assert e.to_json() == '{"latex":"\\\\frac{x^{2}}{2}","text":"x^2/2"}'


def test_diff_method():
    f = parse("x^2*y^3")
    assert f.diff("x") == parse("2*x*y^3")
    assert f.diff("x", "y") == parse("6*x*y^2")
    assert parse("x^4").diff("x", order=2) == parse("12*x^2")


def test_free_variables_in_natural_order():
    assert parse("x10 + x2*y + x1").free_variables() == ["x1", "x2", "x10", "y"]
    assert parse("pi + 2").free_variables() == []


@pytest.mark.parametrize(
    "result, expected",
    [
        (lambda x: x + 1, "x + 1"),
        (lambda x: 1 + x, "x + 1"),
        (lambda x: x - 2, "x - 2"),
        (lambda x: 2 - x, "2 - x"),
        (lambda x: x * 3, "3*x"),
        (lambda x: 3 * x, "3*x"),
        (lambda x: x / 4, "x/4"),
        (lambda x: 4 / x, "4/x"),
        (lambda x: x**2, "x^2"),
        (lambda x: 2**x, "2^x"),
        (lambda x: -x, "-x"),
        (lambda x: +x, "x"),
        (lambda x: x + "sin(x)", "x + sin(x)"),
        (lambda x: "y" * x, "x*y"),
        (lambda x: x * 0.5, "x/2"),
        (lambda x: x + 0.1, "x + 1/10"),
        (lambda x: x ** Expr("1/2"), "sqrt(x)"),
        (lambda x: x + 10**30, "x + 1000000000000000000000000000000"),
        (lambda x: x - x, "0"),
    ],
)
def test_arithmetic(result, expected):
    assert result(Expr("x")) == parse(expected)
    assert str(result(Expr("x"))) == str(parse(expected))


def test_arithmetic_errors():
    x = Expr("x")
    with pytest.raises(ZeroDivisionError):
        x / 0
    with pytest.raises(ZeroDivisionError):
        Expr("0") ** -1
    with pytest.raises(TypeError):
        x + [1]
    with pytest.raises(TypeError):
        x + True
    with pytest.raises(ValueError):
        x + float("nan")
    with pytest.raises(symdiff.ParseError):
        x + "1 +"
    with pytest.raises(symdiff.LimitError):
        Expr("1" + "0" * 19000) * Expr("1" + "0" * 19000)  # 38001 digits: over 20000
    # A power too large to compute stays symbolic instead.
    assert str(Expr(2) ** 10**9) == "2^1000000000"
    with pytest.raises(TypeError):
        x < x


def test_equality_is_structural_and_hash_agrees():
    a, b = parse("x*y + 1"), parse("1 + y*x")
    assert a == b and not (a != b)
    assert hash(a) == hash(b)
    assert parse("x + 1") != parse("x + 2")
    assert {a: 1}[b] == 1
    assert len({parse("2*x"), parse("x + x"), parse("x*2")}) == 1
    assert (parse("x") == "x") is False  # only Exprs compare equal to Exprs


def test_subs_replaces_all_at_once():
    assert parse("x^2 + y").subs({"x": 3}) == parse("y + 9")
    assert parse("x - y").subs({"x": "y", "y": "x"}) == parse("y - x")
    assert parse("sin(x)").subs({Expr("x"): "pi/2"}).value() == 1.0
    with pytest.raises(symdiff.ParseError):
        parse("x").subs({"2x": 1})


def test_value_and_float():
    assert parse("x^2*y + sin(pi/2)").value(x=3, y=2) == 19.0
    assert parse("x + y").value({"x": 1}, y=2) == 3.0
    assert float(parse("pi/2")) == math.pi / 2
    assert float(parse("2^(1/2)")) == math.sqrt(2)
    with pytest.raises(TypeError, match=r"has variables \(x\)"):
        float(parse("x + 1"))
    with pytest.raises(symdiff.DomainError, match=r"ln\(-1\) is undefined over the reals"):
        parse("ln(x)").value(x=-1)
    with pytest.raises(symdiff.DomainError, match="division by zero"):
        parse("1/x").value(x=0)
    with pytest.raises(ValueError, match="no value for the variable y"):
        parse("x + y").value(x=1)


def test_unknown_function_names_warn_with_a_suggestion():
    with pytest.warns(UserWarning, match="did you mean sin"):
        e = parse("sinn(x)")
    assert str(d(e, "x")) == "sinn'(x)"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse("sin(x)")  # no warning


def test_sympy_round_trip():
    sympy = pytest.importorskip("sympy")
    x = sympy.Symbol("x")
    assert parse(sympy.sin(x) ** 2 + sympy.log(x) + sympy.Abs(x) + sympy.E**x) == parse(
        "sin(x)^2 + ln(x) + abs(x) + exp(x)"
    )
    assert d(x**x, "x") == d("x^x", "x")
    back = d("x^x", "x").to_sympy()
    assert sympy.simplify(back - sympy.diff(x**x, x)) == 0


def test_d_without_simplify_is_the_derivative_the_simplifier_starts_from():
    raw = d("x*exp(-x)", "x", simplify=False)
    assert str(raw) == "exp(-x) - x*exp(-x)"
    assert str(d("x*exp(-x)", "x")) == "(1 - x)*exp(-x)"
    for f in ["x*exp(-x)", "x/(x+1)", "x^x", "sin(x)*cos(x)^2", "ln(cosh(x))", "sigmoid(x^2)"]:
        raw, simple = d(f, "x", simplify=False), d(f, "x")
        for x in (0.3, 1.7):
            assert raw.value(x=x) == pytest.approx(simple.value(x=x), rel=1e-12)
    # Successive partials and every format take it too.
    assert d("x^2*y^3", "x", "y", simplify=False) == Expr("6*x*y^2")
    assert d("x*exp(-x)", "x", format="text", simplify=False) == "exp(-x) - x*exp(-x)"
