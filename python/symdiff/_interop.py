"""SymPy interoperation, used from the Rust layer only where SymPy is
installed: symdiff does not depend on it."""

import re
import sys

# SymPy's printed names that symdiff spells otherwise (whole words only).
_SYMPY_NAMES = {"Abs": "abs", "E": "e", "log": "ln", "asec": None}


def sympy_text(obj):
    """The text of a SymPy expression in symdiff's syntax, or None when
    ``obj`` is not one (SymPy is only looked at if it is already imported)."""
    sympy = sys.modules.get("sympy")
    if sympy is None or not isinstance(obj, sympy.Basic):
        return None
    text = sympy.sstr(obj, order="none")

    def rename(match):
        word = match.group(0)
        new = _SYMPY_NAMES.get(word, word)
        if new is None:
            raise ValueError(f"{word} has no symdiff equivalent")
        return new

    return re.sub(r"\b[A-Za-z_][A-Za-z_0-9]*\b", rename, text)


def to_sympy(text):
    """The SymPy expression of symdiff's text (SymPy must be installed)."""
    try:
        import sympy
        from sympy.parsing.sympy_parser import (
            convert_xor,
            parse_expr,
            standard_transformations,
        )
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_sympy() needs SymPy: pip install sympy") from e
    if "'" in text:
        raise ValueError(f"{text} holds a derivative of an undefined function, which SymPy cannot read")
    names = {
        "ln": sympy.log,
        "e": sympy.E,
        "pi": sympy.pi,
        "abs": sympy.Abs,
        "sign": sympy.sign,
        "cbrt": sympy.cbrt,
        "erf": sympy.erf,
    }
    return parse_expr(text, local_dict=names, transformations=standard_transformations + (convert_xor,))
