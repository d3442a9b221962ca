"""The tutorial's toolkit: plain Python data from the library's analyses."""

import math

import pytest

import symdiff
from symdiff import Expr


def test_steps_text_latex_json_and_jupyter():
    derivation = symdiff.steps("x^x", "x")
    text = str(derivation)
    assert text.splitlines()[0] == "d/dx x^x"
    assert text.splitlines()[-1] == "result: d/dx x^x = x^x*(ln(x) + 1)"
    assert derivation.result == symdiff.d("x^x", "x")
    assert derivation.variable == "x" and derivation.expression == Expr("x^x")
    rules = [s["rule"] for s in derivation.steps]
    assert rules[0] == "power_rewrite" and "product" in rules
    assert derivation.latex().startswith(r"\begin{align*}")
    assert derivation._repr_latex_() == f"$${derivation.latex()}$$"
    assert '"rule":"product"' in derivation.to_json()


def test_steps_needs_one_variable():
    with pytest.raises(ValueError, match="several"):
        symdiff.steps("x*y")
    assert symdiff.steps("x*y", "y").result == Expr("x")


def test_conditions():
    assert symdiff.conditions("x^x") == [{"condition": "x > 0", "kind": "domain", "latex": "x > 0"}]
    kinds = {c["kind"] for c in symdiff.conditions("abs(x) + cbrt(y)")}
    assert kinds == {"differentiable", "finite_slope"}
    assert symdiff.conditions("x^2") == []


def test_critical_points_of_one_variable():
    points = symdiff.critical_points("x^4/4 - x^2 + 1/2")
    assert [str(p["exact"]) for p in points] == ["-sqrt(2)", "0", "sqrt(2)"]
    assert [p["nature"] for p in points] == ["minimum", "maximum", "minimum"]
    assert points[0]["x"] == pytest.approx(-math.sqrt(2))
    assert points[0]["value"] == Expr("-1/2") and points[0]["second"] == Expr("4")
    corner = symdiff.critical_points("abs(x)", range=(-1, 1))
    assert corner[0]["second"] is None and corner[0]["nature"] == "minimum"
    with pytest.raises(ValueError, match="the range 1:-1 is empty"):
        symdiff.critical_points("x^2", range=(1, -1))


def test_stationary_point_of_several_variables():
    p = symdiff.critical_points("x^2 - y^2 + 2*x", start={"x": 3, "y": 1})
    assert p["point"] == {"x": -1.0, "y": 0.0}
    assert p["nature"] == "saddle point"
    assert sorted(p["eigenvalues"]) == [-2.0, 2.0]


def test_tangent_line_and_plane():
    t = symdiff.tangent("x^2", {"x": -1}, near={"x": -0.9})
    assert t["equation"] == "y = -2*x - 1"
    assert t["linear"] == Expr("-2*x - 1") and t["slopes"] == [Expr("-2")]
    assert t["near"]["error"] == pytest.approx(0.01)
    plane = symdiff.tangent("x^2*y", {"x": 1, "y": 2})
    assert plane["equation"] == "z = 4*x + y - 4"
    assert symdiff.tangent("sin(x)", ["pi/2"])["equation"] == "y = 1"
    with pytest.raises(ValueError, match="no value for y"):
        symdiff.tangent("x*y", {"x": 1})
    with pytest.raises(symdiff.DomainError):
        symdiff.tangent("ln(x)", {"x": -1})


def test_taylor():
    t = symdiff.taylor("sin(x)", 5, about="pi/2")
    assert t["text"] == "1 - (x - pi/2)^2/2 + (x - pi/2)^4/24"
    assert t["coefficients"][2] == Expr("-1/2")
    assert t["polynomial"].value(x=1.5) == pytest.approx(math.sin(1.5), abs=1e-6)
    assert symdiff.taylor("exp(x)", 3)["polynomial"] == Expr("1 + x + x^2/2 + x^3/6")


def test_descend_gives_columns_to_plot():
    run = symdiff.descend("(x - 1)^2 + 2*(y + 2)^2", {"x": 0, "y": 0}, rate=0.2, iterations=3)
    assert run["x"] == pytest.approx([0, 0.4, 0.64, 0.784])
    assert run["y"] == pytest.approx([0, -1.6, -1.92, -1.984])
    assert run["f"][0] == 9.0 and run["stop"] == "iteration_limit"
    newton = symdiff.descend("(x - 1)^2 + 2*(y + 2)^2", [0, 0], method="newton")
    assert (newton["x"][-1], newton["y"][-1]) == (1.0, -2.0) and newton["stop"] == "converged"
    with pytest.raises(ValueError, match="positive"):
        symdiff.descend("x^2", [1], rate=-1)
    with pytest.raises(ValueError, match="method"):
        symdiff.descend("x^2", [1], method="adam")


def test_analyses_obey_the_limits():
    with pytest.raises(symdiff.LimitError):
        symdiff.taylor("sin(x)", 101)
