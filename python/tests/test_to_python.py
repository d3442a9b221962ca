"""to_python and --emit python|numpy|jax|torch: the NumPy code runs and
agrees with the tape; the others compile, and run where installed."""

import ast
import importlib.util
import math
import subprocess

import numpy as np
import pytest

import symdiff
from test_cli_agreement import binary

EXPRESSIONS = [
    "sin(x)^2 + sin(x)*y",
    "x^x*(ln(x) + 1)",
    "exp(-(x - y)^2/2)/sqrt(2*pi) + atan2(y, x) + hypot(x, y)",
    "sigmoid(x*y) + softplus(x - y) + relu(x) + max(x, y, 1/2) + min(x, y)",
    "abs(x)*sign(y) + heaviside(x - 1) + cbrt(x - y) + logsumexp(x, y, 0)",
    "log1p(x) + expm1(y) + sec(x) + csc(y) + cot(x + y) + asinh(x) + acosh(1 + y) + atanh(x/2)",
    "erf(x) + erfc(y) + gamma(x + 1) + lgamma(y + 1)",
    "tanh(x)*cosh(y) - sinh(x)*asin(x/3)*acos(y/3)*atan(x) + x^(3/2) + y^(-1/2) + x^-3",
]


def load(source, name="f"):
    namespace = {}
    exec(compile(source, "<generated>", "exec"), namespace)
    return namespace[name]


def points():
    rng = np.random.default_rng(4)
    return rng.uniform(0.2, 1.8, (500, 2))


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_numpy_code_agrees_with_the_tape(expr):
    if "gamma" in expr:
        pytest.importorskip("scipy")  # digamma, in gamma's derivative
    grad = symdiff.gradient(expr, ["x", "y"])
    outputs = [expr] + [grad[i, 0] for i in range(2)]
    source = symdiff.to_python(outputs, ["x", "y"], backend="numpy")
    f = load(source)
    p = points()
    expected = symdiff.compile(outputs, ["x", "y"])(p)
    got = np.stack([np.broadcast_to(v, (len(p),)) for v in f(p[:, 0], p[:, 1])], axis=1)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_math_code_agrees_with_the_tape_at_points(expr):
    f = load(symdiff.to_python(expr, ["x", "y"], backend="math"))
    tape = symdiff.compile(expr, ["x", "y"])
    for x, y in points()[:20]:
        assert f(x, y)[0] == pytest.approx(tape(np.array([x, y]))[0], rel=1e-12, abs=1e-12)


def test_shared_subexpressions_are_computed_once():
    source = symdiff.to_python(symdiff.hessian("sin(x*y)^3"), ["x", "y"])
    assert source.count("np.sin(") == 1 and source.count("np.cos(") == 1


@pytest.mark.parametrize("backend", ["numpy", "jax", "torch", "math"])
@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_every_backend_compiles(backend, expr):
    source = symdiff.to_python(expr, ["x", "y"], backend=backend, name="g")
    tree = ast.parse(source)
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)][-1] == "g"
    compile(source, "<generated>", "exec")


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch is not installed")
def test_torch_code_runs():
    import torch

    expr = EXPRESSIONS[0]
    f = load(symdiff.to_python(expr, ["x", "y"], backend="torch"))
    p = points()
    out = f(torch.tensor(p[:, 0]), torch.tensor(p[:, 1]))[0].numpy()
    np.testing.assert_allclose(out, symdiff.compile(expr, ["x", "y"])(p)[:, 0], rtol=1e-12)


@pytest.mark.skipif(importlib.util.find_spec("jax") is None, reason="JAX is not installed")
def test_jax_code_runs():
    import jax

    jax.config.update("jax_enable_x64", True)
    expr = EXPRESSIONS[0]
    f = load(symdiff.to_python(expr, ["x", "y"], backend="jax"))
    p = points()
    out = np.asarray(f(p[:, 0], p[:, 1])[0])
    np.testing.assert_allclose(out, symdiff.compile(expr, ["x", "y"])(p)[:, 0], rtol=1e-12)


def test_names_and_backends():
    source = symdiff.to_python("lambda^2 + _a", ["lambda", "_a"], backend="math", name="h")
    assert "def h(lambda_, _a_):" in source
    assert load(source, "h")(2.0, 1.0) == (5.0,)
    assert "NaN: y" in symdiff.to_python("x + y", ["x"], backend="math")
    with pytest.raises(ValueError, match="backend"):
        symdiff.to_python("x", backend="tensorflow")
    with pytest.raises(ValueError, match="not a Python name"):
        symdiff.to_python("x", name="1f")


@pytest.mark.parametrize("backend, flag", [("math", "python"), ("numpy", "numpy"), ("jax", "jax"), ("torch", "torch")])
def test_cli_emit_prints_the_same_code(backend, flag):
    printed = subprocess.run(
        [binary(), "--grad", "x^2*sin(y) + sigmoid(x)", "--emit", flag], capture_output=True, text=True, check=True
    ).stdout
    source = symdiff.to_python(symdiff.gradient("x^2*sin(y) + sigmoid(x)"), ["x", "y"], backend=backend, name="gradient")
    assert printed == source + "\n"
