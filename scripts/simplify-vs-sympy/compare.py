"""symdiff's derivatives against SymPy's ``simplify(diff(f))``.

Draws random expressions (seeded, reproducible), differentiates each by x
with symdiff (its Python package, in process) and with SymPy, simplifies
SymPy's with ``simplify`` under a per-case timeout, checks at random points
that the answers agree, and measures their sizes with SymPy's ``count_ops``
(symdiff's printed answer parsed into SymPy). Writes a Markdown report
ready for BENCHMARKS.md, and every case as JSON lines and CSV.

Run through run.sh, which makes the environment (SymPy, the package built
from the checkout under test); see README.md beside this file.
"""

import argparse
import csv
import json
import math
import multiprocessing
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import time

# --- the random expressions -------------------------------------------------

# name, symdiff's spelling, SymPy's (the learning functions written out).
FUNCTIONS = [
    ("exp", "exp({})", "exp({})"),
    ("ln", "ln({})", "log({})"),
    ("sqrt", "sqrt({})", "sqrt({})"),
    ("sin", "sin({})", "sin({})"),
    ("cos", "cos({})", "cos({})"),
    ("tan", "tan({})", "tan({})"),
    ("asin", "asin({})", "asin({})"),
    ("acos", "acos({})", "acos({})"),
    ("atan", "atan({})", "atan({})"),
    ("sinh", "sinh({})", "sinh({})"),
    ("cosh", "cosh({})", "cosh({})"),
    ("tanh", "tanh({})", "tanh({})"),
    ("abs", "abs({})", "Abs({})"),
    ("sigmoid", "sigmoid({})", "(1/(1 + exp(-({}))))"),
    ("softplus", "softplus({})", "log(1 + exp({}))"),
]

# The binary operators and how often each is drawn among the operations.
OPERATORS = [("+", 3), ("-", 2), ("*", 3), ("/", 2), ("^", 2)]
CONSTANTS = ["1", "2", "3", "4", "5", "1/2", "1/3", "2/3", "3/2", "3/4"]
EXPONENTS = ["2", "3", "4", "-1", "-2", "1/2", "-1/2", "1/3", "3/2"]
VARIABLES = ["x", "y", "z"]


class Node:
    """One node of a random expression, printed in both syntaxes; atomic
    when it needs no parentheses as an operand."""

    def __init__(self, symdiff, sympy, has_var, atomic=False):
        self.symdiff = symdiff
        self.sympy = sympy
        self.has_var = has_var
        self.atomic = atomic

    def operand(self, sympy=False):
        text = self.sympy if sympy else self.symdiff
        return text if self.atomic else f"({text})"


def constant(c):
    return Node(c, c, False, atomic="/" not in c and not c.startswith("-"))


def leaf(rng, names):
    if rng.random() < 0.65:
        v = rng.choice(names)
        return Node(v, v, True, atomic=True)
    return constant(rng.choice(CONSTANTS))


def draw(rng, depth, names):
    """An expression whose deepest path has exactly `depth` operations;
    a function's argument holds a variable (acos(4) is no real number)."""
    if depth == 0:
        return leaf(rng, names)
    kinds = len(FUNCTIONS) + sum(w for _, w in OPERATORS)
    k = rng.randrange(kinds)
    if k < len(FUNCTIONS):
        _, sd, sp = FUNCTIONS[k]
        u = draw(rng, depth - 1, names)
        while not u.has_var:
            u = draw(rng, depth - 1, names)
        return Node(sd.format(u.symdiff), sp.format(u.sympy), True, atomic=True)
    k -= len(FUNCTIONS)
    for op, weight in OPERATORS:
        if k < weight:
            break
        k -= weight
    deep = draw(rng, depth - 1, names)
    if op == "^":
        exponent = constant(rng.choice(EXPONENTS)) if rng.random() < 0.75 else draw(rng, rng.randrange(depth), names)
        a, b = deep, exponent
    else:
        other = draw(rng, rng.randrange(depth), names)
        a, b = (deep, other) if rng.random() < 0.5 else (other, deep)
    sp_op = "**" if op == "^" else op
    return Node(
        f"{a.operand()}{op}{b.operand()}",
        f"{a.operand(True)}{sp_op}{b.operand(True)}",
        a.has_var or b.has_var,
    )


def draw_cases(count, seed):
    """`count` cases, each an expression in x (and maybe y, z) that SymPy
    reads as finite and depending on x; the same for the same seed."""
    import sympy

    rng = random.Random(seed)
    symbols = {v: sympy.Symbol(v, real=True) for v in VARIABLES}
    cases = []
    seen = set()
    while len(cases) < count:
        depth = rng.randint(1, 4)
        nvars = rng.randint(1, 3)
        node = draw(rng, depth, VARIABLES[:nvars])
        if node.symdiff in seen:
            continue
        f = sympy.parse_expr(node.sympy, local_dict=dict(symbols))
        if symbols["x"] not in f.free_symbols or f.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            continue
        seen.add(node.symdiff)
        cases.append(
            {"id": len(cases), "depth": depth, "nvars": nvars, "input": node.symdiff, "sympy_input": node.sympy}
        )
    return cases


# --- one case, in a worker process ------------------------------------------


class Timeout(BaseException):
    """A BaseException, so that SymPy's own `except Exception` clauses do
    not swallow it."""


def _alarm(signum, frame):
    raise Timeout()


class Deadline:
    """Raises Timeout in the code it guards after `seconds`. The signal is
    only seen between Python bytecodes, so a long call into C (a huge
    integer power, a polynomial GCD) outlasts it: the parent kills such a
    worker (see Workers)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        return False


W = {}  # the worker's modules and settings, set by init_worker


def reading_names(sympy):
    """symdiff's names in SymPy, for counting and for evaluating. Counting
    keeps a named function one operation (sigmoid(u) is what symdiff
    prints), in plain symbols so nothing is simplified on the way in;
    evaluating writes it out, in real symbols as SymPy's own side."""
    u = sympy.Symbol("u")
    names = {
        "ln": sympy.log,
        "abs": sympy.Abs,
        "sign": sympy.sign,
        "heaviside": sympy.Heaviside,
        "e": sympy.E,
        "pi": sympy.pi,
    }
    learning = {
        "sigmoid": sympy.Lambda(u, 1 / (1 + sympy.exp(-u))),
        "softplus": sympy.Lambda(u, sympy.log(1 + sympy.exp(u))),
    }
    plain = {v: sympy.Symbol(v) for v in VARIABLES}
    real = {v: sympy.Symbol(v, real=True) for v in VARIABLES}
    counting = {**plain, **names, **{k: sympy.Function(k) for k in learning}}
    evaluating = {**real, **names, **learning}
    return counting, evaluating, real


def read_symdiff_text(text, names, evaluate=True):
    from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

    return parse_expr(
        text,
        local_dict=dict(names),
        transformations=standard_transformations + (convert_xor,),
        evaluate=evaluate,
    )


def cases_from_file(path):
    """The expressions of a file, one a line in symdiff's syntax with
    explicit `*` (# starts a comment), each read into SymPy by the names
    symdiff's answers are read with."""
    import sympy

    _, evaluating, real = reading_names(sympy)
    cases = []
    with open(path) as fh:
        for line in fh:
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            f = read_symdiff_text(text, evaluating)
            if real["x"] not in f.free_symbols:
                raise SystemExit(f"{path}: {text} does not hold x, the variable differentiated by")
            nvars = sum(real[v] in f.free_symbols for v in VARIABLES)
            cases.append({"id": len(cases), "depth": 0, "nvars": nvars, "input": text, "sympy_input": sympy.sstr(f)})
    return cases


def init_worker(timeout, points, seed):
    import mpmath
    import sympy

    import symdiff

    signal.signal(signal.SIGALRM, _alarm)
    mpmath.mp.dps = 30
    counting, evaluating, real = reading_names(sympy)
    W.update(
        sympy=sympy,
        mpmath=mpmath,
        symdiff=symdiff,
        count_names=counting,
        eval_names=evaluating,
        real=real,
        timeout=timeout,
        points=points,
        seed=seed,
        numeric_modules=[
            {
                "Heaviside": lambda a, h0=None: mpmath.mpf(1) if a > 0 else mpmath.mpf(0) if a < 0 else mpmath.mpf(0.5),
                "sign": mpmath.sign,
            },
            "mpmath",
        ],
    )


def symdiff_text_to_sympy(text, for_counting):
    return read_symdiff_text(text, W["count_names"] if for_counting else W["eval_names"])


def ops_as_printed(text):
    """count_ops of a symdiff text as it is written: read without SymPy's
    evaluation, which rewrites as it reads (`2*(a + b)*c` distributes the
    2, `sin(asin(u))` becomes `u`) and so can shorten one of two texts
    compared and not the other."""
    return int(W["sympy"].count_ops(read_symdiff_text(text, W["count_names"], evaluate=False)))


def sympy_text(e):
    """SymPy's answer in symdiff's spelling, to read in a report."""
    s = W["sympy"].sstr(e).replace("**", "^")
    for a, b in (("log(", "ln("), ("Abs(", "abs(")):
        s = s.replace(a, b)
    return s


def time_symdiff(text):
    """symdiff.d on the text, printed: the first call's microseconds and
    the best of three more (the expression then interned already)."""
    d = W["symdiff"].d
    times = []
    for _ in range(4):
        t = time.perf_counter_ns()
        answer = str(d(text, "x"))
        times.append((time.perf_counter_ns() - t) / 1000)
    return answer, times[0], min(times[1:])


def real_value(fn, point):
    mp = W["mpmath"]
    try:
        v = fn(*point)
    except (ZeroDivisionError, ValueError, OverflowError, TypeError):
        return None
    if isinstance(v, mp.mpc):
        return None
    try:
        v = mp.mpf(v)
    except (TypeError, ValueError):
        return None
    if not mp.isfinite(v):
        return None
    return v


def close(a, b):
    return abs(a - b) <= 1e-8 * max(abs(a), abs(b)) + 1e-10


# The pairs compared at each point, and what a difference in each means.
PAIRS = [
    ("input", "f_symdiff", "f_sympy", "symdiff reads the input otherwise than SymPy"),
    ("answer", "d_symdiff", "d_sympy", "symdiff's answer differs from SymPy's"),
    ("diff", "d_symdiff_raw", "d_sympy_raw", "symdiff's unsimplified derivative differs from SymPy's diff"),
    ("symdiff-simplify", "d_symdiff", "d_symdiff_raw", "symdiff's simplify changed the value"),
    ("sympy-simplify", "d_sympy", "d_sympy_raw", "SymPy's simplify changed the value"),
]


def check_numerically(case, exprs):
    """Evaluates every expression at random points where all are real and
    finite; returns (points used, the pairs that differ with an example)."""
    sympy = W["sympy"]
    syms = [W["real"][v] for v in VARIABLES]
    # SymPy's answers may hold zoo (Piecewise((zoo, Eq(x, 0)), ...)), which
    # mpmath has no name for: no real value there either way.
    fns = {
        k: sympy.lambdify(syms, e.xreplace({sympy.zoo: sympy.nan}), modules=W["numeric_modules"])
        for k, e in exprs.items()
    }
    rng = random.Random(f"{W['seed']}:{case['id']}")
    used = 0
    differ = {}
    for _ in range(40 * W["points"]):
        if used == W["points"]:
            break
        point = [
            W["mpmath"].mpf(rng.uniform(-2.5, 2.5) if rng.random() < 0.5 else rng.uniform(0.05, 1.5))
            for _ in VARIABLES
        ]
        values = {k: real_value(fn, point) for k, fn in fns.items()}
        if any(v is None for v in values.values()):
            continue
        used += 1
        for name, a, b, _ in PAIRS:
            if a in values and b in values and name not in differ and not close(values[a], values[b]):
                differ[name] = {
                    "at": {v: float(p) for v, p in zip(VARIABLES, point)},
                    a: str(values[a]),
                    b: str(values[b]),
                }
    return used, differ


def unsimplified(text):
    """symdiff's derivative before simplify, or None from a package older
    than `d(..., simplify=False)` (a checkout not yet merged with it)."""
    try:
        return str(W["symdiff"].d(text, "x", simplify=False))
    except TypeError as e:
        if "simplify" in str(e):
            return None
        raise


def run_case(case, stage=lambda name, r: None):
    """One case's result; `stage(name, r)` is told where the case is
    ("sympy", "check") with what is known so far, for the parent to
    report if it has to kill the worker."""
    sympy = W["sympy"]
    symdiff = W["symdiff"]
    r = dict(case, symdiff_raw=None, ops_symdiff_raw=None, printed_ops_symdiff=None, printed_ops_symdiff_raw=None)
    # symdiff: the answer, its time, the unsimplified derivative.
    try:
        r["symdiff"], r["us_symdiff_first"], r["us_symdiff"] = time_symdiff(case["input"])
        r["symdiff_raw"] = unsimplified(case["input"])
        r["symdiff_input"] = str(symdiff.parse(case["input"]))
    except Exception as e:  # a rejected input is reported, not fatal
        r["status"] = "symdiff-error"
        r["error"] = f"{type(e).__name__}: {e}"
        return r
    # SymPy: diff and simplify under the deadline.
    stage("sympy", r)
    x = W["real"]["x"]
    try:
        f = sympy.parse_expr(case["sympy_input"], local_dict=dict(W["real"]))
        with Deadline(W["timeout"]):
            t = time.perf_counter()
            raw = sympy.diff(f, x)
            simple = sympy.simplify(raw)
            r["ms_sympy"] = (time.perf_counter() - t) * 1000
    except Timeout:
        r["status"] = "timeout"
        return r
    except Exception as e:
        r["status"] = "sympy-error"
        r["error"] = f"{type(e).__name__}: {e}"
        return r
    r["sympy"] = sympy_text(simple)
    stage("check", r)
    try:
        with Deadline(W["timeout"]):
            r["ops_symdiff"] = int(sympy.count_ops(symdiff_text_to_sympy(r["symdiff"], True)))
            r["ops_sympy"] = int(sympy.count_ops(simple))
            exprs = {
                "f_symdiff": symdiff_text_to_sympy(r["symdiff_input"], False),
                "f_sympy": f,
                "d_symdiff": symdiff_text_to_sympy(r["symdiff"], False),
                "d_sympy": simple,
                "d_sympy_raw": raw,
            }
            if r["symdiff_raw"] is not None:
                r["ops_symdiff_raw"] = int(sympy.count_ops(symdiff_text_to_sympy(r["symdiff_raw"], True)))
                r["printed_ops_symdiff"] = ops_as_printed(r["symdiff"])
                r["printed_ops_symdiff_raw"] = ops_as_printed(r["symdiff_raw"])
                exprs["d_symdiff_raw"] = symdiff_text_to_sympy(r["symdiff_raw"], False)
            r["points"], r["differ"] = check_numerically(case, exprs)
    except Timeout:
        r["status"] = "check-timeout"
        return r
    except Exception as e:
        r["status"] = "check-error"
        r["error"] = f"{type(e).__name__}: {e}"
        return r
    r["ratio"] = max(r["ops_symdiff"], 1) / max(r["ops_sympy"], 1)
    r["len_symdiff"] = len(r["symdiff"])
    r["len_sympy"] = len(r["sympy"])
    r["status"] = "ok"
    return r


# --- the worker processes ----------------------------------------------------


def worker_loop(conn, settings):
    """A worker: set up, say "ready", then run each case sent until None,
    sending where it is ("stage") and its result ("done")."""
    init_worker(*settings)
    conn.send(("ready", None))
    while True:
        case = conn.recv()
        if case is None:
            return
        r = run_case(case, lambda name, partial: conn.send(("stage", dict(partial, stage=name))))
        conn.send(("done", r))


# What a case killed in each stage counts as.
KILLED_STATUS = {"symdiff": "symdiff-timeout", "sympy": "timeout", "check": "check-timeout"}


class Workers:
    """`jobs` worker processes, each running one case at a time. A case
    that outlasts `hard_seconds` (its SIGALRM deadlines did not fire) has
    its worker killed (SIGKILL) and replaced, so a run always finishes."""

    def __init__(self, jobs, settings, hard_seconds):
        self.settings = settings
        self.hard_seconds = hard_seconds
        self.slots = [self._start() for _ in range(jobs)]

    def _start(self):
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=worker_loop, args=(child, self.settings), daemon=True)
        process.start()
        child.close()
        return {"conn": parent, "process": process, "ready": False, "case": None, "partial": None, "deadline": None}

    def _stop(self, slot):
        slot["process"].kill()
        slot["process"].join()
        slot["conn"].close()

    def run(self, cases, progress):
        """The results of `cases`, in their order; `progress(done)` after each."""
        from multiprocessing.connection import wait

        todo = list(enumerate(cases))[::-1]
        results = [None] * len(cases)
        done = 0

        def finish(slot, r):
            nonlocal done
            results[slot["case"][0]] = r
            slot["case"] = slot["partial"] = slot["deadline"] = None
            done += 1
            progress(done)

        while done < len(cases):
            for slot in self.slots:
                if slot["ready"] and slot["case"] is None and todo:
                    slot["case"] = todo.pop()
                    slot["partial"] = {"stage": "symdiff", **slot["case"][1]}
                    slot["deadline"] = time.monotonic() + self.hard_seconds
                    slot["conn"].send(slot["case"][1])
            deadlines = [s["deadline"] for s in self.slots if s["deadline"] is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            for conn in wait([s["conn"] for s in self.slots], wait_for):
                slot = next(s for s in self.slots if s["conn"] is conn)
                try:
                    kind, payload = conn.recv()
                except EOFError:
                    kind, payload = "died", None
                if kind == "ready":
                    slot["ready"] = True
                elif kind == "stage":
                    slot["partial"] = payload
                elif kind == "done":
                    finish(slot, payload)
                elif not slot["ready"]:
                    raise SystemExit("a worker process ended while setting up (its error is above)")
                else:
                    self._replace(slot, finish, "worker-died", "the worker process ended")
            now = time.monotonic()
            for slot in self.slots:
                if slot["deadline"] is not None and now > slot["deadline"]:
                    self._replace(slot, finish, None, f"killed after {self.hard_seconds:g} s")
        return results

    def _replace(self, slot, finish, status, why):
        """Kills the slot's worker, records its case (if any) and starts a
        new worker in its place."""
        self._stop(slot)
        if slot["case"] is not None:
            r = dict(slot["partial"])
            r["status"] = status or KILLED_STATUS[r["stage"]]
            r["error"] = why
            r["killed"] = True
            finish(slot, r)
        slot.update(self._start())

    def close(self):
        for slot in self.slots:
            try:
                slot["conn"].send(None)
            except OSError:
                pass
            slot["process"].join(timeout=5)
            if slot["process"].is_alive():
                self._stop(slot)


# --- the report --------------------------------------------------------------


def percentile(values, q):
    """The nearest-rank q-quantile (0 < q <= 1)."""
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)]


def share(n, total):
    return f"{100 * n / total:.1f} %" if total else "n/a"


def code(s, limit=160):
    s = s if len(s) <= limit else s[: limit - 1] + "…"
    return "`" + s.replace("|", "\\|").replace("`", "'") + "`"


def git_revision(root):
    try:
        rev = subprocess.run(
            ["git", "-C", root, "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=True
        ).stdout.strip()
        # Changes to this script do not change what is measured.
        dirty = subprocess.run(
            ["git", "-C", root, "status", "--porcelain", "--", ".", ":!scripts"], capture_output=True, text=True
        ).stdout
        return rev + (" (with uncommitted changes)" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    cpu = platform.processor() or "unknown cpu"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def dash(n):
    return "–" if n is None else n


def longer_read_back(r):
    """Whether symdiff's answer has more operations than its unsimplified
    derivative, both read back by SymPy (None when unknown)."""
    if r["ops_symdiff_raw"] is None:
        return None
    return r["ops_symdiff"] > r["ops_symdiff_raw"]


def longer_as_printed(r):
    """The same, both counted as written (None when unknown or from a
    result file of an older harness)."""
    if r.get("printed_ops_symdiff_raw") is None:
        return None
    return r["printed_ops_symdiff"] > r["printed_ops_symdiff_raw"]


def not_longer_than_unsimplified(rs, longer=longer_read_back):
    """The share of cases no longer than their unsimplified derivative by
    `longer`, among those where it is known."""
    known = [longer(r) for r in rs if longer(r) is not None]
    if not known:
        return "n/a (the package has no `d(..., simplify=False)`)"
    return share(sum(not x for x in known), len(known))


def case_table(cases):
    """Markdown rows of cases: input, both answers, the three counts; †
    marks a case no point could check."""
    rows = [
        "| # | input f (d/dx) | symdiff | SymPy | ops symdiff | ops SymPy | ops unsimplified |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in cases:
        rows.append(
            f"| {r['id']}{'' if r['points'] else ' †'} | {code(r['input'])} | {code(r['symdiff'])} "
            f"| {code(r['sympy'])} | {r['ops_symdiff']} | {r['ops_sympy']} | {dash(r['ops_symdiff_raw'])} |"
        )
    return rows


def against(ok, path):
    """How the answers compare with an earlier run's (its cases.jsonl),
    case by case on the inputs both compared: what got shorter, what got
    longer (a regression to look at first)."""
    with open(path) as fh:
        before = {r["input"]: r for r in map(json.loads, fh) if r["status"] == "ok"}
    pairs = [(before[r["input"]], r) for r in ok if r["input"] in before]
    rows = ["", f"Against the earlier run `{path}` ({len(pairs)} cases compared in both):", ""]
    if not pairs:
        return rows
    shorter = [(b, r) for b, r in pairs if r["ops_symdiff"] < b["ops_symdiff"]]
    longer = [(b, r) for b, r in pairs if r["ops_symdiff"] > b["ops_symdiff"]]
    changed = sum(b["symdiff"] != r["symdiff"] for b, r in pairs)
    then = sum(b["ops_symdiff"] <= b["ops_sympy"] for b, _ in pairs)
    now = sum(r["ops_symdiff"] <= r["ops_sympy"] for _, r in pairs)
    rows += [
        "| | |",
        "|---|---|",
        f"| answers whose text changed | {changed} |",
        f"| shorter than before (count_ops) | {len(shorter)} |",
        f"| longer than before | **{len(longer)}** |",
        f"| ≤ SymPy, before → now | {share(then, len(pairs))} → {share(now, len(pairs))} |",
    ]
    if longer:
        rows += ["", "Longer than before (the 10 that grew most):", ""]
        rows += ["| # | input f | before | now | ops before | ops now |", "|---|---|---|---|---|---|"]
        for b, r in sorted(longer, key=lambda p: p[0]["ops_symdiff"] - p[1]["ops_symdiff"])[:10]:
            rows.append(
                f"| {r['id']} | {code(r['input'])} | {code(b['symdiff'])} | {code(r['symdiff'])} "
                f"| {b['ops_symdiff']} | {r['ops_symdiff']} |"
            )
    return rows


def report(results, args, command, revision, seconds):
    import sympy

    ok = [r for r in results if r["status"] == "ok"]
    by_status = {}
    for r in results:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    checked = [r for r in ok if r["points"] > 0]
    bad = {name: [r for r in ok if name in r["differ"]] for name, *_ in PAIRS}
    lines = []
    add = lines.append
    add("## symdiff's derivatives against SymPy's `simplify`")
    add("")
    if args.inputs:
        source = f"The {len(results)} expressions of `{args.inputs}`"
    else:
        source = (
            f"{len(results)} random expressions (seed {args.seed}; depth 1–4; one to three variables "
            "x, y, z; + − × / ^, exp, ln, sqrt, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, abs, "
            "sigmoid, softplus)"
        )
    add(
        f"{source}, each differentiated by x with symdiff and with SymPy (`simplify(diff(f, x))`, "
        f"real symbols, {args.timeout:g} s per case). Size is SymPy's `count_ops`: of symdiff's printed "
        "answer read back into SymPy (sigmoid, softplus one operation each, as printed) and of SymPy's "
        "answer. The ratio is symdiff/SymPy (a count of 0 taken as 1)."
    )
    add("")
    add(f"- Command: `{command}`")
    add(f"- symdiff: {revision}; SymPy {sympy.__version__}; Python {platform.python_version()}")
    add(f"- Machine: {machine()}; {args.jobs} worker process(es); run took {seconds:.0f} s")
    add("")
    add("| | |")
    add("|---|---|")
    add(f"| cases | {len(results)} |")
    add(f"| compared | {len(ok)} |")
    for status in sorted(by_status):
        if status != "ok":
            add(f"| {status} | {by_status[status]} |")
    killed = sum(1 for r in results if r.get("killed"))
    if killed:
        add(f"| of these, killed (the worker outlasted its deadline; replaced) | {killed} |")
    if ok:
        ratios = [r["ratio"] for r in ok]
        add(f"| symdiff ≤ SymPy (count_ops) | **{share(sum(r['ops_symdiff'] <= r['ops_sympy'] for r in ok), len(ok))}** |")
        add(f"| symdiff < SymPy | {share(sum(r['ops_symdiff'] < r['ops_sympy'] for r in ok), len(ok))} |")
        add(
            f"| symdiff ≤ SymPy in printed length (SymPy's in symdiff's spelling) "
            f"| {share(sum(r['len_symdiff'] <= r['len_sympy'] for r in ok), len(ok))} |"
        )
        add(f"| ratio symdiff/SymPy: median | **{statistics.median(ratios):.3f}** |")
        add(f"| ratio symdiff/SymPy: 90th percentile | **{percentile(ratios, 0.9):.3f}** |")
        add(f"| ratio symdiff/SymPy: worst | {max(ratios):.3f} |")
        add(
            f"| symdiff ≤ its own unsimplified derivative | **{not_longer_than_unsimplified(ok)}** |"
        )
        add(
            "| symdiff ≤ its own unsimplified derivative, both counted as printed (read unevaluated) "
            f"| {not_longer_than_unsimplified(ok, longer_as_printed)} |"
        )
        add(
            "| symdiff longer than its unsimplified derivative in both readings "
            f"| **{sum(bool(longer_read_back(r)) and bool(longer_as_printed(r)) for r in ok)}** |"
        )
        add(f"| checked at ≥ 1 point ({args.points} wanted) | {len(checked)} |")
        add(f"| answers that differ numerically | **{len(bad['answer'])}** |")
        for name, _, _, meaning in PAIRS:
            if name != "answer":
                add(f"| {meaning} | {len(bad[name])} |")
        add(f"| symdiff per case, median (first call) | {statistics.median(r['us_symdiff_first'] for r in ok):.0f} µs |")
        add(f"| symdiff per case, median (best of 3 repeats) | {statistics.median(r['us_symdiff'] for r in ok):.0f} µs |")
        add(f"| SymPy diff + simplify per case, median | {statistics.median(r['ms_sympy'] for r in ok):.1f} ms |")
    if ok and not args.inputs:
        add("")
        add("By nesting depth:")
        add("")
        add("| depth | cases | symdiff ≤ SymPy | median ratio | 90th pct ratio | ≤ unsimplified |")
        add("|---|---|---|---|---|---|")
        for depth in sorted({r["depth"] for r in ok}):
            rs = [r for r in ok if r["depth"] == depth]
            rr = [r["ratio"] for r in rs]
            add(
                f"| {depth} | {len(rs)} | {share(sum(r['ops_symdiff'] <= r['ops_sympy'] for r in rs), len(rs))} "
                f"| {statistics.median(rr):.3f} | {percentile(rr, 0.9):.3f} "
                f"| {not_longer_than_unsimplified(rs)} |"
            )
    if ok:
        add("")
        add(f"The {args.worst} worst cases (largest ratio, then largest difference):")
        add("")
        worst = sorted(ok, key=lambda r: (-r["ratio"], r["ops_sympy"] - r["ops_symdiff"]))[: args.worst]
        lines += case_table(worst)
        listed = {r["id"] for r in worst}
        excess = sorted(
            (r for r in ok if r["id"] not in listed and r["ops_symdiff"] > r["ops_sympy"]),
            key=lambda r: r["ops_sympy"] - r["ops_symdiff"],
        )[:10]
        if excess:
            add("")
            add("The largest excesses in operations not listed above:")
            add("")
            lines += case_table(excess)
        if any(not r["points"] for r in worst + excess):
            add("")
            add("† Not checked numerically: no point was found where every value is real and finite.")
        longer = [r for r in ok if longer_read_back(r) or longer_as_printed(r)]
        if longer:
            add("")
            add(
                f"Longer than symdiff's own unsimplified derivative in either reading ({len(longer)}; "
                "the first 10 by growth read back; counts read back / as printed):"
            )
            add("")
            add("| # | input f | symdiff | unsimplified | ops | ops unsimplified |")
            add("|---|---|---|---|---|---|")
            for r in sorted(longer, key=lambda r: r["ops_symdiff_raw"] - r["ops_symdiff"])[:10]:
                add(
                    f"| {r['id']} | {code(r['input'])} | {code(r['symdiff'])} | {code(r['symdiff_raw'])} "
                    f"| {r['ops_symdiff']} / {dash(r.get('printed_ops_symdiff'))} "
                    f"| {r['ops_symdiff_raw']} / {dash(r.get('printed_ops_symdiff_raw'))} |"
                )
    failures = [r for r in ok if r["differ"]]
    if failures:
        add("")
        add("Numerical disagreements (each pair that differs, at one point):")
        add("")
        for r in failures:
            add(f"- case {r['id']}: {code(r['input'], 400)} → symdiff {code(r['symdiff'], 400)}, SymPy {code(r['sympy'], 400)}")
            for name, a, b, meaning in PAIRS:
                if name in r["differ"]:
                    d = r["differ"][name]
                    add(f"  - {meaning}: at {d['at']}: {a} = {d[a][:25]}, {b} = {d[b][:25]}")
    timeouts = [r for r in results if r["status"] == "timeout"]
    if timeouts:
        add("")
        add(f"SymPy over {args.timeout:g} s (the first 10 of {len(timeouts)}; symdiff's answer beside):")
        add("")
        for r in timeouts[:10]:
            add(f"- case {r['id']}: {code(r['input'], 300)} → {code(r['symdiff'], 300)} ({r['us_symdiff_first']:.0f} µs)")
    if args.against:
        lines += against(ok, args.against)
    others = [r for r in results if r["status"] not in ("ok", "timeout")]
    if others:
        add("")
        add("Errors (the first 10):")
        add("")
        for r in others[:10]:
            add(f"- case {r['id']} ({r['status']}): {code(r['input'], 300)}: {r.get('error', '')[:300]}")
    return "\n".join(lines) + "\n"


CSV_FIELDS = [
    "id", "depth", "nvars", "status", "input", "symdiff", "symdiff_raw", "sympy",
    "ops_symdiff", "ops_symdiff_raw", "printed_ops_symdiff", "printed_ops_symdiff_raw", "ops_sympy", "ratio", "len_symdiff", "len_sympy",
    "us_symdiff_first", "us_symdiff", "ms_sympy", "points", "differ", "error",
]


def write_outputs(results, text, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "report.md"), "w") as fh:
        fh.write(text)
    with open(os.path.join(out, "cases.jsonl"), "w") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "cases.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS, extrasaction="ignore")
        w.writeheader()
        for r in results:
            row = dict(r)
            if "differ" in row:
                row["differ"] = ",".join(sorted(row["differ"]))
            w.writerow(row)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=2000, help="how many random expressions (default 2000)")
    p.add_argument("--seed", type=int, default=1, help="the seed of the expressions and points (default 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds for SymPy per case (default 10)")
    p.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--points", type=int, default=3, help="points per case for the numerical check (default 3)")
    p.add_argument("--worst", type=int, default=20, help="how many worst cases to list (default 20)")
    p.add_argument("--out", help="directory of report.md, cases.jsonl, cases.csv (default ROOT/target/simplify-vs-sympy)")
    p.add_argument("--symdiff-root", default=".", help="the checkout under test (for the report; run.sh sets it)")
    p.add_argument("--show", action="store_true", help="print the cases drawn and stop")
    p.add_argument("--inputs", help="a file of expressions to run instead of random ones (one a line, symdiff's syntax)")
    p.add_argument("--against", help="an earlier run's cases.jsonl: list what got shorter and longer since")
    p.add_argument("--ids", help="run only these cases of the draw, e.g. 12,180 (their ids in a report)")
    args = p.parse_args(argv)
    args.out = args.out or os.path.join(args.symdiff_root, "target", "simplify-vs-sympy")
    command = os.environ.get("SIMPLIFY_VS_SYMPY_COMMAND") or "compare.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    if args.inputs:
        cases = cases_from_file(args.inputs)
    elif args.ids:
        # A draw's first n cases are the same whatever the count.
        wanted = {int(i) for i in args.ids.split(",")}
        cases = [c for c in draw_cases(max(wanted) + 1, args.seed) if c["id"] in wanted]
    else:
        cases = draw_cases(args.cases, args.seed)
    if args.show:
        for c in cases:
            print(c["id"], c["depth"], c["input"])
        return 0
    revision = git_revision(args.symdiff_root)  # what was built, before any commit during the run
    start = time.time()


    def progress(i):
        if i % 100 == 0 or i == len(cases):
            print(f"{i}/{len(cases)} cases, {time.time() - start:.0f} s", file=sys.stderr)

    # SymPy's two deadlines, and a margin for symdiff and setting up.
    workers = Workers(args.jobs, (args.timeout, args.points, args.seed), 2 * args.timeout + 10)
    try:
        results = workers.run(cases, progress)
    finally:
        workers.close()
    text = report(results, args, command.strip(), revision, time.time() - start)
    write_outputs(results, text, args.out)
    print(text)
    print(f"(written to {args.out}/report.md, cases.jsonl, cases.csv)", file=sys.stderr)
    failures = sum(1 for r in results if r["status"] == "ok" and "answer" in r["differ"])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
