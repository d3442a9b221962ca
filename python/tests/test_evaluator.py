"""compile(): evaluation on NumPy arrays, shapes and dtypes, NaN and
domain_errors, pickling, threads and processes."""

import multiprocessing
import pickle
import threading
import tracemalloc

import numpy as np
import pytest

import symdiff
from symdiff import compile, gradient, parse


@pytest.fixture
def f():
    return compile(["x*y", "ln(x)", "sin(x) + y^2"], ["x", "y"])


def reference(points):
    x, y = points[:, 0], points[:, 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.stack([x * y, np.log(x), np.sin(x) + y**2], axis=1)


def random_points(n, seed=0):
    return np.random.default_rng(seed).uniform(0.1, 3.0, (n, 2))


def test_c_ordered_points(f):
    points = random_points(1000)
    out = f(points)
    assert out.shape == (1000, 3) and out.dtype == np.float64
    np.testing.assert_allclose(out, reference(points), rtol=1e-14)


def test_fortran_ordered_and_strided_points_are_converted(f):
    points = random_points(777)
    fortran = np.asfortranarray(points)
    assert not fortran.flags.c_contiguous
    np.testing.assert_array_equal(f(fortran), f(points))
    wide = np.repeat(points, 2, axis=1)[:, ::2]  # a strided view
    np.testing.assert_array_equal(f(wide), f(points))


def test_float32_and_integer_points_are_converted(f):
    points = random_points(300).astype(np.float32)
    np.testing.assert_array_equal(f(points), f(points.astype(np.float64)))
    ints = np.array([[1, 2], [3, 4]])
    np.testing.assert_array_equal(f(ints), f(ints.astype(np.float64)))
    np.testing.assert_array_equal(f([[1.0, 2.0]]), f(np.array([[1.0, 2.0]])))


def test_misaligned_and_read_only_arrays(f):
    points = random_points(100)
    raw = np.zeros(points.nbytes + 1, dtype=np.uint8)[1:]  # one byte off
    misaligned = raw.view(np.float64).reshape(points.shape)
    misaligned[...] = points
    assert not misaligned.flags.aligned
    np.testing.assert_array_equal(f(misaligned), f(points))
    points.setflags(write=False)
    np.testing.assert_array_equal(f(points), f(points.copy()))


def test_empty_arrays(f):
    out = f(np.empty((0, 2)))
    assert out.shape == (0, 3)
    empty = compile([], ["x"])
    assert empty(np.ones((4, 1))).shape == (4, 0)
    constant = compile(["2 + pi"], [])
    assert constant(np.empty((3, 0))).tolist() == [[2 + np.pi]] * 3


def test_one_point_as_a_1d_array(f):
    out = f(np.array([2.0, 3.0]))
    assert out.shape == (3,)
    np.testing.assert_allclose(out, reference(np.array([[2.0, 3.0]]))[0])


def test_keyword_arrays_broadcast(f):
    x = np.array([1.0, 2.0, 3.0])
    out = f(x=x, y=2.0)
    np.testing.assert_array_equal(out, f(np.stack([x, np.full(3, 2.0)], axis=1)))
    assert f(x=1.0, y=2.0).shape == (3,)
    with pytest.raises(ValueError, match="no values for the variable y"):
        f(x=x)
    with pytest.raises(ValueError, match="z is not a variable"):
        f(x=x, y=x, z=x)
    with pytest.raises(TypeError, match="not both"):
        f(np.ones((1, 2)), x=1.0)


@pytest.mark.parametrize("shape", [(5, 3), (5,), (2, 2, 2), (3, 1)])
def test_wrong_shapes_name_the_expected_shape(f, shape):
    with pytest.raises(ValueError, match=r"expected an array of shape \(N, 2\) \(one column per variable: x, y\)"):
        f(np.ones(shape))


def test_nan_where_there_is_no_value_and_domain_errors_say_why():
    g = compile(["ln(x) + 1/y", "sqrt(x)"], ["x", "y"])
    points = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, 0.0], [np.nan, 1.0], [4.0, 2.0]])
    out = g(points)
    assert np.isnan(out[1]).all() and np.isinf(out[2, 0]) and np.isnan(out[3]).all()
    assert out[4].tolist() == [np.log(4.0) + 0.5, 2.0]
    assert g.domain_errors(points) == [
        (1, "ln(-1) is undefined over the reals"),
        (3, "the point has NaN coordinates"),
    ]
    assert compile(["1/x - 1/sin(x)"], ["x"]).domain_errors(np.array([[0.0], [1.0]])) == [
        (0, "division by zero")
    ]


def test_gradient_matrix_compiles_in_its_variables():
    grad = gradient("x^2*y")
    g = compile(grad, ["x", "y"])
    np.testing.assert_array_equal(g(np.array([[1.0, 2.0], [3.0, 4.0]])), [[4.0, 1.0], [24.0, 9.0]])
    assert grad.compile().variables == ["x", "y"]


def test_variables_default_to_natural_order():
    g = compile("x10 - x2")
    assert g.variables == ["x2", "x10"]
    assert g(np.array([[1.0, 5.0]])).tolist() == [[4.0]]
    assert compile("[x*y, y]").outputs == 2


def test_a_c_ordered_float64_input_is_read_in_place(f):
    points = random_points(2_000_000)  # 32 MB
    f(points[:10])  # warm up
    tracemalloc.start()
    try:
        out = f(points)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The result is 48 MB; a copy of the input would add 32 MB more.
    assert out.nbytes <= peak < out.nbytes + points.nbytes // 2


def test_agrees_with_the_expressions_value_at_every_point(nn):
    loss, params = nn
    grad = gradient(loss, params)
    g = compile(grad, params)
    points = np.random.default_rng(3).uniform(-1, 1, (5, len(params)))
    out = g(points)
    for p, row in zip(points, out):
        at = dict(zip(params, p))
        expected = [grad[i, 0].value(at) for i in range(len(params))]
        np.testing.assert_allclose(row, expected, rtol=1e-12, atol=1e-12)


def test_threads_share_an_evaluator(f):
    points = random_points(50_000)
    expected = f(points)
    results = [None] * 4

    def work(k):
        results[k] = f(points)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        np.testing.assert_array_equal(r, expected)


def test_pickling_an_evaluator_and_exprs(f):
    points = random_points(100)
    back = pickle.loads(pickle.dumps(f))
    assert back.variables == f.variables and back.expressions == f.expressions
    np.testing.assert_array_equal(back(points), f(points))
    e = parse("x^x*(ln(x) + 1)")
    assert pickle.loads(pickle.dumps(e)) == e
    m = gradient("x^2*y", ["y", "x"])
    m2 = pickle.loads(pickle.dumps(m))
    assert m2 == m and m2.variables == ["y", "x"]


def _evaluate_in_worker(args):
    evaluator, points = args
    return evaluator(points)


def test_multiprocessing_workers_evaluate_pickled_evaluators(f):
    points = random_points(4000)
    chunks = np.array_split(points, 4)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        parts = pool.map(_evaluate_in_worker, [(f, c) for c in chunks])
    np.testing.assert_array_equal(np.concatenate(parts), f(points))


def _derive_in_worker(e):
    return symdiff.d(e, "x")


def test_multiprocessing_workers_take_exprs():
    exprs = [parse(f"x^{k}*sin(x)") for k in range(1, 5)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(_derive_in_worker, exprs)
    assert results == [symdiff.d(e, "x") for e in exprs]


def test_scalar_evaluation_is_the_c_library_bit_for_bit():
    exprs = ["tanh(x*y) + exp(x)", "ln(1 + x^2)*sin(y) + cos(x)"]
    rng = np.random.default_rng(5)
    points = rng.uniform(-3.0, 3.0, (2000, 2))
    exact = compile(exprs, ["x", "y"], scalar=True)
    fast = compile(exprs, ["x", "y"])
    assert exact.scalar and not fast.scalar
    x, y = points[:, 0], points[:, 1]
    want = np.column_stack([np.tanh(x * y) + np.exp(x), np.log(1 + x**2) * np.sin(y) + np.cos(x)])
    got_exact, got_fast = exact(points), fast(points)
    for row in (0, 17, 1999):
        values = [parse(e).value(x=x[row], y=y[row]) for e in exprs]
        assert got_exact[row].tolist() == values
    np.testing.assert_allclose(got_fast, got_exact, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(got_exact, want, rtol=1e-13, atol=1e-13)
    # The choice survives a pickle, and a matrix compiles either way.
    back = pickle.loads(pickle.dumps(exact))
    assert back.scalar and back(points).tobytes() == got_exact.tobytes()
    assert gradient("tanh(x)", ["x"]).compile(scalar=True).scalar
