"""Benchmark (not a test): symdiff's Python package beside SymEngine and
Symbolica, in one process.

1. The W5 gradient (61 partials of a small network's loss) compiled once,
   then evaluated on a (100 000, 61) float64 array: symdiff's Evaluator,
   SymEngine's Lambdify(backend="llvm", cse=True), Symbolica's evaluator.
   Each is run REPEAT times; the median is reported, and the results are
   checked against symdiff's.
2. The round trip symdiff.d("x^x", "x") -> str, median of many calls,
   beside SymPy's diff + str.

    python bench.py [--workloads PATH/TO/workloads.py] [--points 100000] [--repeat 7]

The W5 expression comes from the benchmark suite's workloads.py (default:
../../../shared/bench/workloads.py from this file, as laid out beside the
repository). Peers that are not installed are skipped with a note. Set
RAYON_NUM_THREADS=1 to hold symdiff to one core as the peers are.
"""

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

import numpy as np

import symdiff

HERE = pathlib.Path(__file__).resolve().parent


def w5(workloads):
    """W5's expression and variables, from the suite's own script."""
    text = subprocess.run([sys.executable, str(workloads), "W5"], capture_output=True, text=True, check=True).stdout
    expr = text.strip()
    sys.path.insert(0, str(pathlib.Path(workloads).parent))
    import workloads as suite  # noqa: E402  (the suite's module, for the variables)

    return expr, suite.get("W5")["vars"]


def median_time(run, repeat):
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def evaluation(expr, params, n_points, repeat):
    x = np.random.default_rng(8).uniform(-1.0, 1.0, (n_points, len(params)))
    rows = []

    t = time.perf_counter()
    grad = symdiff.gradient(expr, params)
    evaluator = symdiff.compile(grad, params)
    setup = time.perf_counter() - t
    seconds, reference = median_time(lambda: evaluator(x), repeat)
    rows.append(("symdiff Evaluator", setup, seconds, 0.0))

    try:
        import symengine

        t = time.perf_counter()
        syms = [symengine.Symbol(p) for p in params]
        f = symengine.sympify(expr.replace("^", "**"))
        partials = [f.diff(s) for s in syms]
        if not symengine.have_llvm:
            raise ImportError("symengine without LLVM")
        lam = symengine.Lambdify(syms, partials, backend="llvm", cse=True)
        lam(x[:2])
        setup = time.perf_counter() - t
        seconds, y = median_time(lambda: lam(x), repeat)
        rows.append(('SymEngine Lambdify(llvm, cse)', setup, seconds, deviation(y, reference)))
    except ImportError as e:
        rows.append((f"SymEngine: not run ({e})", float("nan"), float("nan"), float("nan")))

    try:
        from symbolica import E, Expression, S

        t = time.perf_counter()
        f = E(expr)
        syms = [S(p) for p in params]
        partials = [f.derivative(s) for s in syms]
        ev = Expression.evaluator_multiple(partials, syms)
        ev.evaluate(x[:2])
        setup = time.perf_counter() - t
        seconds, y = median_time(lambda: ev.evaluate(x), repeat)
        rows.append(("Symbolica evaluator", setup, seconds, deviation(np.asarray(y), reference)))
    except ImportError as e:
        rows.append((f"Symbolica: not run ({e})", float("nan"), float("nan"), float("nan")))
    return rows


def deviation(y, reference):
    y = np.asarray(y, dtype=float).reshape(reference.shape)
    return float(np.max(np.abs(y - reference) / (1 + np.abs(reference))))


def round_trip(calls):
    symdiff.d("x^x", "x")
    times = []
    for _ in range(calls):
        t = time.perf_counter_ns()
        str(symdiff.d("x^x", "x"))
        times.append(time.perf_counter_ns() - t)
    rows = [("symdiff.d('x^x', 'x') -> str", statistics.median(times) / 1e3)]
    try:
        import sympy

        x = sympy.Symbol("x")
        times = []
        for _ in range(max(calls // 10, 100)):
            t = time.perf_counter_ns()
            str(sympy.diff(sympy.sympify("x**x"), x))
            times.append(time.perf_counter_ns() - t)
        rows.append(("SymPy sympify + diff + str", statistics.median(times) / 1e3))
    except ImportError:
        rows.append(("SymPy: not installed", float("nan")))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workloads", default=str(HERE.parents[2] / "shared" / "bench" / "workloads.py"))
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--calls", type=int, default=20_000)
    args = parser.parse_args()

    expr, params = w5(args.workloads)
    print(f"W5 gradient: {len(params)} partials, evaluated on ({args.points}, {len(params)}); "
          f"median of {args.repeat}; RAYON_NUM_THREADS={os.environ.get('RAYON_NUM_THREADS', 'all cores')}")
    rows = evaluation(expr, params, args.points, args.repeat)
    base = rows[0][2]
    print(f"{'':34} {'setup s':>9} {'eval s':>9} {'Mpoints/s':>10} {'vs symdiff':>11} {'max rel dev':>12}")
    for name, setup, seconds, dev in rows:
        print(f"{name:34} {setup:9.3f} {seconds:9.4f} {args.points / seconds / 1e6:10.3f} "
              f"{seconds / base:10.2f}x {dev:12.2e}")
    print()
    print(f"round trip, median of {args.calls} calls:")
    for name, micros in round_trip(args.calls):
        print(f"  {name:34} {micros:9.2f} µs")


if __name__ == "__main__":
    main()
