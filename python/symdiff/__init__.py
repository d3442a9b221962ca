"""symdiff: symbolic differentiation you can trust and read.

A thin layer over the Rust library: the results are the command line's,
to the character.

>>> import symdiff
>>> symdiff.d("x^x", "x")
Expr('x^x*(ln(x) + 1)')
>>> symdiff.gradient("x^2*y")
Matrix('[2*x*y, x^2]')

Evaluation on NumPy arrays: ``symdiff.compile(exprs, vars)`` returns an
``Evaluator``; the tutorial's toolkit is ``steps``, ``conditions``,
``critical_points``, ``tangent``, ``taylor`` and ``descend``; generated
code for NumPy, JAX, PyTorch or plain Python comes from ``to_python``.
"""

from ._symdiff import (
    Derivation,
    DomainError,
    Evaluator,
    Expr,
    InternalError,
    LimitError,
    Matrix,
    ParseError,
    SymdiffError,
    compile,
    conditions,
    critical_points,
    d,
    descend,
    gradient,
    hessian,
    jacobian,
    parse,
    steps,
    tangent,
    taylor,
    to_python,
)

__all__ = [
    "Derivation",
    "DomainError",
    "Evaluator",
    "Expr",
    "InternalError",
    "LimitError",
    "Matrix",
    "ParseError",
    "SymdiffError",
    "compile",
    "conditions",
    "critical_points",
    "d",
    "descend",
    "gradient",
    "hessian",
    "jacobian",
    "parse",
    "steps",
    "tangent",
    "taylor",
    "to_python",
]
