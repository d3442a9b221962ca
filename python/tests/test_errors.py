"""Errors are exceptions with the place marked; limits hold; no panic or
crash reaches the interpreter."""

import subprocess
import sys

import pytest

import symdiff
from symdiff import LimitError, ParseError, d, parse


def test_parse_error_is_a_value_error_with_offset_span_and_caret():
    with pytest.raises(ParseError) as info:
        parse("1 + $")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.offset == 4
    assert err.span == (4, 5)
    lines = str(err).split("\n")
    assert lines[0] == "unexpected character '$'"
    assert lines[2] == "  | 1 + $"
    assert lines[3] == "  |     ^"


def test_offsets_count_characters_not_bytes():
    with pytest.raises(ParseError) as info:
        parse("π·x + $")
    assert info.value.offset == 6
    assert "π·x + $" in str(info.value)


def test_incomplete_expression_points_at_the_end():
    with pytest.raises(ParseError) as info:
        parse("sin(x +")
    assert info.value.offset == 7
    assert str(info.value).endswith("       ^")


def test_limit_error_for_a_too_high_order():
    with pytest.raises(LimitError) as info:
        d("x^2", "x", order=101)
    assert info.value.limit == 100
    assert info.value.offset is None
    assert "over the limit of 100" in str(info.value)


def test_vector_where_one_expression_is_expected():
    with pytest.raises(ParseError, match="a vector is not allowed here"):
        parse("[x, y]")


def test_100000_deep_nesting_is_an_exception_not_a_crash():
    for text in ["(" * 100_000 + "x" + ")" * 100_000, "sin(" * 100_000 + "x" + ")" * 100_000]:
        with pytest.raises(LimitError) as info:
            parse(text)
        assert info.value.limit == 10_000
        assert "nesting is deeper than the limit of 10000" in str(info.value)
    with pytest.raises(LimitError):
        symdiff.d("(" * 100_000 + "x" + ")" * 100_000, "x")


def test_ten_megabyte_inputs():
    garbage = "x + " * (10 * 2**20 // 4) + "$"
    with pytest.raises(ParseError) as info:
        parse(garbage)
    assert info.value.offset == len(garbage) - 1
    assert len(str(info.value)) < 400  # the picture is a window, not 10 MB
    # 10 MB of a real sum parses and differentiates.
    n = 10 * 2**20 // 6
    big = " + ".join(f"x^{k % 50 + 2}" for k in range(n))
    assert len(big) >= 10 * 2**20
    derivative = d(big, "x")
    expected = sum((k % 50 + 2) * 0.5 ** (k % 50 + 1) for k in range(n))
    assert derivative.value(x=0.5) == pytest.approx(expected, rel=1e-12)
    with pytest.raises(LimitError):
        parse("(" * (10 * 2**20))


def test_a_rust_panic_becomes_an_internal_error():
    for in_workers in (False, True):
        with pytest.raises(symdiff.InternalError, match="test panic"):
            symdiff._symdiff._panic_for_test(in_workers)
    # and the interpreter goes on working
    assert str(d("x^2", "x")) == "2*x"


def test_internal_error_is_an_exception_not_a_base_exception():
    assert issubclass(symdiff.InternalError, RuntimeError)


def test_deep_input_in_a_small_thread_stack_does_not_crash():
    # A fresh interpreter with a small thread stack: an overflow would kill
    # it, so the child's exit code tells.
    code = (
        "import threading, symdiff\n"
        "threading.stack_size(256 * 1024)\n"
        "out = []\n"
        "def run():\n"
        "    e = symdiff.parse('sin(' * 9000 + 'x' + ')' * 9000)\n"
        "    out.append(symdiff.parse(str(e)) == e and len(e.latex()) > 9000)\n"
        "    out.append(0 < e.value(x=0.5) < 0.5)\n"
        "t = threading.Thread(target=run); t.start(); t.join()\n"
        "print(out)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[True, True]"
