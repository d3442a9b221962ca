"""The package prints what the command line prints, character for
character: the same inputs through the `symdiff` binary and through the
package, in text, LaTeX and JSON."""

import json
import os
import pathlib
import subprocess

import pytest

import symdiff

ROOT = pathlib.Path(__file__).resolve().parents[2]


def binary():
    given = os.environ.get("SYMDIFF_BIN")
    candidates = [pathlib.Path(given)] if given else [ROOT / "target" / "release" / "symdiff", ROOT / "target" / "debug" / "symdiff"]
    for path in candidates:
        if path.is_file():
            return str(path)
    pytest.fail(f"no symdiff binary at {candidates}: build it with cargo build (run-tests.sh does)")


def cli(*args):
    result = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n")


DERIVATIVES = [
    ("x^x", ["x"], 1),
    ("sin(2*x^2) + 1", ["x"], 1),
    ("x^4/4 - x^2 + 1/2", ["x"], 2),
    ("x^2*y^3", ["x", "y", "y"], 1),
    ("x^3*y^2 + sin(x*y)", ["x", "y"], 2),
    ("exp(-(x - mu)^2/(2*sigma^2))/(sigma*sqrt(2*pi))", ["x"], 1),
    ("g(h(x))", ["x"], 1),
    ("atan2(y, x) + log1p(x^2) + sigmoid(x)", ["x"], 1),
    ("61*x1*x3^4 - 554*x2 + 7", ["x1"], 1),  # the CLI's polynomial path
    ("√x + x² + π·x", ["x"], 1),
    ("abs(x)*sign(x) + erf(x)/cbrt(x)", ["x"], 3),
]


@pytest.mark.parametrize("expr, variables, order", DERIVATIVES)
@pytest.mark.parametrize("fmt", ["text", "latex", "json"])
def test_derivatives(expr, variables, order, fmt):
    expected = cli(expr, *variables, "--order", str(order), "--format", fmt)
    assert symdiff.d(expr, *variables, order=order, format=fmt) == expected
    if fmt == "text":
        assert str(symdiff.d(expr, *variables, order=order)) == expected
    if fmt == "latex":
        assert symdiff.d(expr, *variables, order=order).latex() == expected


MATRICES = [
    ("--grad", symdiff.gradient, "x^2*y + exp(x*y)"),
    ("--hessian", symdiff.hessian, "sin(x*y)"),
    ("--hessian", symdiff.hessian, "x1^2*x10 + x2*x10^3"),
    ("--jacobian", symdiff.jacobian, "[2*x^2, x*sqrt(y), ln(x*y)]"),
]


@pytest.mark.parametrize("flag, function, expr", MATRICES)
def test_matrices(flag, function, expr):
    m = function(expr)
    assert str(m) == cli(flag, expr)
    assert m.latex() == cli(flag, expr, "--format", "latex")
    assert m.to_json() == cli(flag, expr, "--format", "json")
    assert str(function(expr, ["y", "x"]) if "x1" not in expr else m) == (
        cli(flag, expr, "--vars", "y,x") if "x1" not in expr else cli(flag, expr)
    )


@pytest.mark.parametrize("expr", ["x^x", "sin(x)/x", "ln(sqrt(x))*tan(x)"])
def test_steps(expr):
    derivation = symdiff.steps(expr, "x")
    assert str(derivation) == cli("--steps", expr, "x")
    assert derivation.latex() == cli("--steps", expr, "x", "--format", "latex")
    assert derivation.to_json() == cli("--steps", expr, "x", "--format", "json")


@pytest.mark.parametrize("expr", ["x^x", "sqrt(x)*abs(x - 1)", "1/x + cbrt(x)"])
def test_conditions(expr):
    printed = json.loads(cli(expr, "x", "--conditions", "--format", "json"))
    assert symdiff.conditions(expr) == printed.get("conditions", [])


def test_taylor_and_tangent():
    lines = cli("sin(x)", "--taylor", "5", "--about", "x=pi/2").splitlines()
    assert lines[-1] == symdiff.taylor("sin(x)", 5, about="pi/2")["text"]
    lines = cli("x^2*y", "--tangent-at", "x=1,y=2").splitlines()
    assert f"tangent plane: {symdiff.tangent('x^2*y', {'x': 1, 'y': 2})['equation']}" in lines


def test_parse_errors_show_the_same_picture():
    for bad in ["1 + $", "sin(x +", "x)", "(x + 1"]:
        result = subprocess.run([binary(), bad, "x"], capture_output=True, text=True)
        assert result.returncode == 1
        with pytest.raises(symdiff.ParseError) as info:
            symdiff.parse(bad)
        assert result.stderr.rstrip("\n") == "error: " + str(info.value)
