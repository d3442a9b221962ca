"""Every example in the package's docstrings runs and prints what it shows."""

import doctest
import inspect

import numpy as np
import pytest

import symdiff


def documented():
    for name in symdiff.__all__:
        obj = getattr(symdiff, name)
        yield name, obj
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if getattr(member, "__doc__", None) and not attr.startswith("__"):
                    yield f"{name}.{attr}", member


EXAMPLES = [(name, obj) for name, obj in documented() if ">>>" in (obj.__doc__ or "")]


def test_there_are_examples():
    assert len(EXAMPLES) >= 15


@pytest.mark.parametrize("name, obj", EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_docstring_examples(name, obj):
    globs = {**{n: getattr(symdiff, n) for n in symdiff.__all__}, "np": np, "symdiff": symdiff}
    test = doctest.DocTestParser().get_doctest(obj.__doc__, globs, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) of {name} failed (see the output above)"
