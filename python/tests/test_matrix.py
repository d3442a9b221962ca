"""gradient, jacobian, hessian and Matrix."""

import numpy as np
import pytest

import symdiff
from symdiff import Expr, Matrix, gradient, hessian, jacobian


def test_gradient_is_a_column_in_natural_order():
    g = gradient("x^2*y")
    assert g.shape == (2, 1) and len(g) == 2
    assert g.variables == ["x", "y"]
    assert str(g) == "[2*x*y, x^2]"
    assert g[0, 0] == Expr("2*x*y") and g[-1, 0] == Expr("x^2")
    assert g[1] == [Expr("x^2")]


def test_hessian_and_indexing():
    h = hessian("sin(x*y)")
    assert h.shape == (2, 2)
    assert str(h) == "[[-y^2*sin(x*y), cos(x*y) - x*y*sin(x*y)], [cos(x*y) - x*y*sin(x*y), -x^2*sin(x*y)]]"
    assert h[0, 1] == h[1, 0]
    assert h.tolist() == [list(row) for row in h]
    with pytest.raises(IndexError, match="row index 2"):
        h[2, 0]
    with pytest.raises(IndexError, match="column index -3"):
        h[0, -3]
    with pytest.raises(TypeError):
        h["a"]


def test_jacobian_of_a_vector_or_a_list():
    j = jacobian("[2*x^2, x*sqrt(y)]")
    assert j.shape == (2, 2)
    assert j == jacobian(["2*x^2", Expr("x*sqrt(y)")])
    assert j[1, 1] == Expr("x/(2*sqrt(y))")
    with pytest.raises(symdiff.ParseError, match=r"expected a vector \[f1, f2, ...\]"):
        jacobian("x^2")


def test_variables_given_in_order():
    h = hessian("x^2*y^3", ["y", "x"])
    assert h.variables == ["y", "x"]
    assert h[0, 0] == Expr("6*x^2*y")
    assert gradient("x*y", "y, x")[0, 0] == Expr("x")
    with pytest.raises(ValueError, match="no variable"):
        gradient("2")


def test_latex_json_and_jupyter():
    g = gradient("x^2*y")
    assert g.to_json() == '{"rows":[["2*x*y"],["x^2"]]}'
    assert g.latex().startswith(r"\begin{pmatrix}")
    assert g._repr_latex_() == f"${g.latex()}$"
    assert repr(g) == "Matrix('[2*x*y, x^2]')"


def test_evaluate_at_a_point():
    h = hessian("x^2*y^3")
    np.testing.assert_array_equal(h.evaluate(x=1, y=2), [[16.0, 24.0], [24.0, 12.0]])
    np.testing.assert_array_equal(h.evaluate({"x": 1, "y": 2}), [[16.0, 24.0], [24.0, 12.0]])
    with pytest.raises(ValueError, match="no value for the variable y"):
        h.evaluate(x=1)
    with pytest.raises(symdiff.DomainError):
        gradient("ln(x)*y").evaluate(x=-1, y=1)


def test_matrix_from_rows():
    m = Matrix([["x", 1], [2, "y"]])
    assert str(m) == "[[x, 1], [2, y]]" and m.variables == ["x", "y"]
    with pytest.raises(ValueError, match="same, non-zero length"):
        Matrix([["x"], []])
